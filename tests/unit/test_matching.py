"""Matching printed text back to the library (wgdraft.matching): every clause item of
the examples inverts to its clause, variant and values; free text gets its nearest
clause; channel intros and the situation are read back; values are typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.assessment import free_assessment_data
from tests.unit.test_assemble import FRAMING, clause, draft
from wgdraft.assemble import assemble, assemble_bundle
from wgdraft.drafts import load_draft
from wgdraft.library import Family, Library, Templates
from wgdraft.locales import with_defaults
from wgdraft.matching import Matcher, normalize, read_situation, similarity
from wgdraft.models import Channel, Draft, Situation
from wgdraft.tree import Paragraph, Subparagraph

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def clause_items(doc: Any) -> list[Paragraph | Subparagraph]:
    """The paragraphs and subparagraphs of the conclusions printed from a clause."""
    out: list[Paragraph | Subparagraph] = []
    for part in doc.body:
        if isinstance(part, Paragraph) and not part.channel:
            out.append(part)
        for sub in getattr(part, "items", ()):
            out += [sub, *sub.children]
    # a paragraph of sentences is no one clause (tests/functional/test_sentences.py)
    return [n for n in out if n.source not in ("", "text", "sentences") and n.path]


# --- round trip over the examples ------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_every_clause_item_of_an_example_matches_back_exactly(
    example: Path, library: Library
) -> None:
    draft_ = load_draft(example)
    doc = assemble_bundle(draft_, library, example).conclusions
    data = draft_.model_dump()
    matcher = Matcher(library, draft_)
    items = clause_items(doc)
    assert items
    for node in items:
        found = matcher.match(node.text)
        assert found is not None, node.text
        item = node.path.get(data) if node.path else {}
        assert (found.clause, found.variant) == (item["clause"], item["variant"]), node.text
        assert found.exact and found.similarity == 1.0
        assert normalize(found.rendered) == normalize(node.text)
        # the values read render identically when put in the draft in place of the item's
        again = Draft.model_validate(_replace(data, node.path.parts, found))
        redone = assemble(again, library)
        assert [n.text for n in redone.body if isinstance(n, Paragraph)] == [
            n.text for n in doc.body if isinstance(n, Paragraph)
        ]
        assert [s.text for p in redone.body for s in getattr(p, "items", ())] == [
            s.text for p in doc.body for s in getattr(p, "items", ())
        ]


def _replace(data: dict[str, Any], parts: tuple[Any, ...], found: Any) -> dict[str, Any]:
    import copy

    data = copy.deepcopy(data)
    node: Any = data
    for part in parts[:-1]:
        node = node[part]
    old = node[parts[-1]]
    node[parts[-1]] = {
        "clause": found.clause,
        "variant": found.variant,
        "values": found.values,
        "items": old["items"],
    }
    return data


def test_values_the_situation_or_the_draft_give_are_left_out(library: Library) -> None:
    mali = load_draft(ROOT / "examples" / "mali-2023.yaml")
    doc = assemble(mali, library)
    matcher = Matcher(library, mali)
    by_clause = {n.source: n for n in clause_items(doc)}
    # opening.meeting takes everything from the situation and its defaults
    found = matcher.match(by_clause["opening.meeting"].text)
    assert found is not None and found.exact and found.values == {}


def _has_free_text(example: Path) -> bool:
    draft_ = load_draft(example)
    items = [*draft_.opening, *(i for b in draft_.blocks for i in b.items)]
    return any(i.text is not None or i.sentences for i in items)


#: the examples with free text or an assessment paragraph (the Democratic Republic of the
#: Congo 2020 has neither)
WITH_FREE_TEXT = [e for e in EXAMPLES if _has_free_text(e)]


@pytest.mark.parametrize("example", WITH_FREE_TEXT, ids=lambda p: p.stem)
def test_free_text_gets_a_nearest_clause_below_one(example: Path, library: Library) -> None:
    # the assessment paragraph as one free-text item, as before issue 12.4
    draft_ = Draft.model_validate(free_assessment_data(example, library))
    doc = assemble(draft_, library)
    matcher = Matcher(library, draft_)
    texts = [s.text for p in doc.body for s in getattr(p, "items", ()) if s.source == "text"] + [
        p.text for p in doc.body if isinstance(p, Paragraph) and p.source == "text"
    ]
    assert texts
    for text in texts:
        found = matcher.match(text)
        assert found is not None and not found.exact
        assert 0 < found.similarity < 1
        near = matcher.nearest(text, 3)
        assert near and near[0].similarity >= near[-1].similarity
        assert len({m.clause for m in near}) == len(near)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_channel_intros_match_their_channels(example: Path, library: Library) -> None:
    """Each block's values read back: from its intro, and a statement's lead forms from
    its lead."""
    draft_ = load_draft(example)
    bundle = assemble_bundle(draft_, library)
    leads = {s.paragraph: s for s in bundle.statements}
    matcher = Matcher(library, draft_)
    blocks = [p for p in bundle.conclusions.body if isinstance(p, Paragraph) and p.channel]
    assert blocks
    for block in blocks:
        found = matcher.match_channel(block.text)
        assert found is not None and found.channel == block.channel and found.exact
        assert found.rendered == block.text
        assert block.path is not None and block.path.block_index is not None
        drafted = draft_.blocks[block.path.block_index]
        values = dict(found.values)
        if block.number in leads:
            lead = matcher.read_lead(leads[block.number].lead, found.channel, drafted.meeting)
            assert lead.exact and lead.rendered == leads[block.number].lead
            values |= lead.values
        # the addressees forms are read from the statement's "To ...:" line (importer)
        assert values == {
            k: v for k, v in drafted.values.items() if not k.startswith("addressees_")
        }


def test_a_channel_intro_with_other_parties_reads_them(library: Library) -> None:
    mali = load_draft(ROOT / "examples" / "mali-2023.yaml")
    intro = next(
        p.text
        for p in assemble(mali, library).body
        if isinstance(p, Paragraph) and p.channel == "parties-statement"
    )
    parties = mali.situation.parties
    changed = intro.replace(parties[0], "the national police")
    found = Matcher(library, mali).match_channel(changed)
    assert found is not None and found.exact and found.channel == "parties-statement"
    assert found.values["parties"][0] == "the national police"
    assert found.values["parties"][-1] == parties[-1]


def test_one_word_changed_is_not_exact(library: Library) -> None:
    mali = load_draft(ROOT / "examples" / "mali-2023.yaml")
    matcher = Matcher(library, mali)
    for node in clause_items(assemble(mali, library))[:12]:
        text = node.text
        if " the " not in text:
            continue
        changed = text.replace(" the ", " a ", 1)
        found = matcher.match(changed)
        assert found is not None
        if found.exact:  # the changed word may sit inside a free parameter's value
            assert normalize(found.rendered) == normalize(changed)
            assert found.values != matcher.match(text).values  # type: ignore[union-attr]
        else:
            assert found.similarity < 1


def test_a_cut_off_text_reads_as_the_beginning_of_its_clause(library: Library) -> None:
    # a text cut off inside its last word ("... with the Unite"): the values before the
    # cut are read and the clause prints the text's words and goes on
    car = load_draft(ROOT / "examples" / "central-african-republic-2024.yaml")
    full = next(
        node.text
        for node in clause_items(assemble(car, library))
        if node.text.startswith("Welcoming the continued implementation")
    )
    cut = full[: full.index("United Nations to reinforce") + len("Unite")]
    found = Matcher(library, car).match(cut)
    assert found is not None and found.clause == "peace-ddr.signatories-uphold-commitments"
    assert found.values["fragility"].startswith("including due to the deterioration")
    assert normalize(found.rendered).startswith(cut)


def test_a_text_cut_off_inside_a_value_reads_that_value_so_far(library: Library) -> None:
    mali = load_draft(ROOT / "examples" / "mali-2023.yaml")
    cut = (
        "Welcoming efforts by the Government to develop negotiated solutions to armed"
        " conflict with other armed groups, expressing regret that a ceasefire was ended,"
        " noting the announ"
    )
    found = Matcher(library, mali).match_clause("peace-ddr.negotiated-solutions", cut)
    assert found is not None
    assert found.values["developments"].endswith("noting the announ")
    assert normalize(found.rendered).startswith(cut)


# --- typing ---------------------------------------------------------------------------


@pytest.fixture
def lib() -> Library:
    names = {"type": "names", "description": "who", "example": ["x"]}
    clauses = [
        clause(
            "c.typed",
            "Noting that {{ count | words }} children{% if soon %} promptly{% endif %} were"
            " released by {{ who | join_and }} on {{ day }}, since {{ since }}, in the"
            " {{ where }} ({{ symbol }}), {% if tone == 'strong' %}strongly{% else %}"
            "mildly{% endif %} welcoming it, as endorsed in {{ endorsed.month_year }}",
            params={
                "count": {"type": "number", "description": "n", "example": 3},
                "soon": {"type": "yesno", "description": "?", "example": True, "default": False},
                "who": names,
                "day": {"type": "date", "description": "d", "example": "2020-01-02"},
                "since": {"type": "month", "description": "m", "example": "2021-08"},
                "where": {"type": "text", "description": "w", "example": "north"},
                "symbol": {"type": "symbol", "description": "s", "example": "S/2024/1"},
                "tone": {
                    "type": "choice",
                    "description": "t",
                    "example": "strong",
                    "choices": ["mild", "strong"],
                    "default": "mild",
                },
                "endorsed": {"type": "date", "description": "e", "example": "2018-05-01"},
            },
        ),
        clause("c.other", "Calling upon all parties to release children in {{ country }}"),
    ]
    channels = {
        "a": Channel.model_validate(
            {"id": "a", "title": "A", "section": "one", "kind": "council", "intro": "To all:"}
        )
    }
    templates = Templates(Path("."), FRAMING, channels, {"f": Family(title="F")})
    return Library(Path("."), {c.id: c for c in clauses}, {}, templates)


def test_values_are_typed(lib: Library) -> None:
    text = (
        "Noting that 519,300 children promptly were released by A, B and the C and D on 31"
        " March 2023, since July 2021, in the far north (S/2022/856), strongly welcoming it,"
        " as endorsed in May 2017;"
    )
    found = Matcher(lib, draft()).match(text)
    assert found is not None and found.exact, found
    assert found.clause == "c.typed"
    assert found.values == {
        "count": 519300,
        "soon": True,
        "who": ["A", "B and the C", "D"],
        "day": "2023-03-31",
        "since": "2021-07",
        "where": "far north",
        "symbol": "S/2022/856",
        "tone": "strong",
        "endorsed": "2017-05-01",
    }


def test_small_numbers_are_read_from_words_and_defaults_left_out(lib: Library) -> None:
    text = (
        "Noting that five children were released by the army on 1 July 2021, since August"
        " 2021, in the east (S/2024/1), mildly welcoming it, as endorsed in May 2018."
    )
    found = Matcher(lib, draft()).match(text)
    assert found is not None and found.exact
    assert found.values["count"] == 5 and found.values["who"] == ["the army"]
    assert "soon" not in found.values and "tone" not in found.values  # the defaults


def test_a_date_that_is_no_date_does_not_match_exactly(lib: Library) -> None:
    text = (
        "Noting that five children were released by the army on 41 July 2021, since August"
        " 2021, in the east (S/2024/1), mildly welcoming it, as endorsed in May 2018."
    )
    found = Matcher(lib, draft()).match(text)
    assert found is not None and not found.exact and found.clause == "c.typed"
    assert 0.8 < found.similarity < 1


def test_the_situation_is_not_a_value(lib: Library) -> None:
    found = Matcher(lib, draft()).match("Calling upon all parties to release children in the Sudan")
    assert found is not None and found.exact and found.values == {}
    other = Matcher(lib, draft()).match("Calling upon all parties to release children in Chad")
    assert other is not None and not other.exact and other.clause == "c.other"


def test_an_item_ending_with_a_comma_matches_as_with_a_semicolon(lib: Library) -> None:
    # the oldest statements (S/AC.51/2007/9) run their paragraphs on with commas
    found = Matcher(lib, draft()).match(
        "Calling upon all parties to release children in the Sudan,"
    )
    assert found is not None and found.exact and found.clause == "c.other"


def test_similarity_is_word_level() -> None:
    assert similarity("a b c d", "a b c d") == 1.0
    assert similarity("a b c d", "a b x d") == pytest.approx(0.75)
    assert similarity("", "") == 1.0 and similarity("a", "") == 0.0


# --- the situation ---------------------------------------------------------------------


#: the examples whose paragraph 1 is clause opening.meeting (Myanmar 2019's is
#: opening.follow-up-report, which the situation reader does not read)
OPENED_BY_THE_MEETING_CLAUSE = [
    e for e in EXAMPLES if load_draft(e).opening[0].clause == "opening.meeting"
]


@pytest.mark.parametrize("example", OPENED_BY_THE_MEETING_CLAUSE, ids=lambda p: p.stem)
def test_read_situation_gives_back_the_examples_situation(example: Path, library: Library) -> None:
    draft_ = load_draft(example)
    doc = assemble(draft_, library)
    read = read_situation(library, doc.subtitle, doc.body[0].text, "S/AC.51/2023/3", "1 June 2023")
    assert read.document == {"symbol": "S/AC.51/2023/3", "date": "2023-06-01"}
    assert read.opening is not None and read.opening.exact
    assert read.opening.clause == "opening.meeting"
    assert read.opening.values == draft_.opening[0].values
    locale = library.templates.locale("en")
    assert locale is not None
    want = with_defaults(draft_, locale).situation
    got = Situation.model_validate(read.situation | {"government": want.government})
    for name in ("meeting", "report", "representative"):
        assert getattr(got, name) == getattr(want, name), name
    assert (got.country.name, got.country.article) == (want.country.name, want.country.article)
    assert {"country", "meeting.date", "report.symbol", "document.date"} <= read.fields


def test_read_situation_on_a_paragraph_with_a_sentence_more(library: Library) -> None:
    corpus = Path("/work/shared/reference/corpus/S-AC.51-2019-2_myanmar.txt")
    paragraph = (
        "At its 75th meeting, held on 20 November 2018, the Security Council Working Group on"
        " Children and Armed Conflict examined the fifth report of the Secretary-General on"
        " children and armed conflict in Myanmar (S/2018/956), which was introduced by the"
        " Special Representative of the Secretary-General for Children and Armed Conflict."
        " The report was submitted as a follow-up to the fourth report of the"
        " Secretary-General on the same topic (S/2017/1099), which was introduced by the"
        " Special Representative of the Secretary-General for Children and Armed Conflict at"
        " its 69th meeting, held on 22 January 2018. The Permanent Representative of Myanmar"
        " to the United Nations also addressed the Working Group."
    )
    if corpus.exists():  # the corpus file holds this paragraph as printed
        assert "At its 75th meeting, held on 20 November 2018" in corpus.read_text()
    read = read_situation(
        library, "Conclusions on children and armed conflict in Myanmar", paragraph
    )
    s = read.situation
    assert s["country"] == {"name": "Myanmar"}
    assert s["meeting"] == {"date": "2018-11-20", "kind": "meeting", "number": "75th"}
    assert s["report"]["ordinal"] == "fifth" and s["report"]["symbol"] == "S/2018/956"
    assert s["representative"] == "Permanent Representative of Myanmar to the United Nations"
    assert read.opening is not None and not read.opening.exact


def test_read_situation_country_with_article(library: Library) -> None:
    read = read_situation(library, "Conclusions on children and armed conflict in the Sudan", None)
    assert read.situation == {"country": {"name": "Sudan", "article": "the"}}
    assert read.fields == {"country"} and read.opening is None


def test_read_situation_of_a_text_that_is_no_opening(library: Library) -> None:
    read = read_situation(library, None, "To immediately end the practice of recruiting children")
    assert read.opening is None
    assert not read.situation.get("meeting")


def test_read_situation_of_a_lead_citing_the_report_as_a_document(library: Library) -> None:
    lead = (
        "At its thirty-fifth meeting, on 19 December 2012, the Security Council Working Group"
        " on Children and Armed Conflict agreed, in connection with the examination of the"
        " second report of the Secretary-General on children and armed conflict in Ruritania"
        " (document S/2012/171), to address a public statement to the parties"
    )
    report = read_situation(library, None, lead).situation["report"]
    assert report == {"ordinal": "second", "symbol": "S/2012/171"}


def test_values_a_block_gives_are_left_out_within_it(lib: Library) -> None:
    text = (
        "Noting that five children were released by the army on 1 July 2021, since August"
        " 2021, in the east (S/2024/1), mildly welcoming it, as endorsed in May 2018."
    )
    matcher = Matcher(lib, draft())
    assert matcher.match(text).values["where"] == "east"  # type: ignore[union-attr]
    with matcher.within({"where": "east"}):
        found = matcher.match(text)
    assert found is not None and found.exact and "where" not in found.values
    assert matcher.match(text).values["where"] == "east"  # type: ignore[union-attr]


def test_read_situation_of_the_oldest_form_reads_no_ordinal(library: Library) -> None:
    # S/AC.51/2009/4, paragraph 1: "examined a report", no ordinal to read
    paragraph = (
        "At its 21st meeting, on 1 July 2009, the Working Group on Children and Armed Conflict"
        " examined a report of the Secretary-General on children and armed conflict in Myanmar"
        " (S/2009/278), which was introduced by the Special Representative of the"
        " Secretary-General for Children and Armed Conflict. The Chargé d'affaires a.i. of the"
        " Permanent Mission of Myanmar to the United Nations participated in the subsequent"
        " discussion."
    )
    read = read_situation(library, None, paragraph)
    s = read.situation
    assert s["meeting"] == {"date": "2009-07-01", "kind": "meeting", "number": "21st"}
    assert s["report"]["symbol"] == "S/2009/278" and "ordinal" not in s["report"]
    assert s["representative"].startswith("Chargé d'affaires a.i. of the Permanent Mission")
    assert "report.ordinal" not in read.fields
    assert read.opening is None  # a situation needs the report's ordinal


def test_a_variant_is_read_with_only_the_parameters_it_prints() -> None:
    """Ten yes/no parameters, eight only the body prints: the variant's two still have
    every combination tried (not a search changing one at a time, which never finds the
    form that needs both at once)."""
    flag = {"type": "yesno", "description": "d", "example": True, "default": False}
    body_only = {f"b{n}": flag for n in range(8)}
    many = clause(
        "c.many",
        "Recalling" + "".join(f"{{% if b{n} %}} b{n}{{% endif %}}" for n in range(8)),
        params={**body_only, "x": flag, "y": flag},
        variants={"both": "Urging all parties{% if x and y %} jointly and severally{% endif %}"},
    )
    templates = Templates(Path("."), FRAMING, {}, {"f": Family(title="F")})
    library = Library(Path("."), {many.id: many}, {}, templates)
    found = Matcher(library, draft()).match("Urging all parties jointly and severally;")
    assert found is not None and found.exact, found
    assert (found.variant, found.values) == ("both", {"x": True, "y": True})


def test_of_two_readings_that_print_alike_a_list_is_not_split_into_an_optional_text() -> None:
    listed = clause(
        "c.listed",
        "Strongly condemning {{ things | join_and }}{% if more %}, {{ more }}{% endif %} in"
        " {{ country }}",
        params={
            "things": {"type": "names", "description": "d", "example": ["a"], "default": ["a"]},
            "more": {"type": "text", "description": "d", "example": "b", "default": ""},
        },
    )
    templates = Templates(Path("."), FRAMING, {}, {"f": Family(title="F")})
    library = Library(Path("."), {listed.id: listed}, {}, templates)
    text = (
        "Strongly condemning recruitment, killing and maiming, abduction and attacks on"
        " schools in the Sudan"
    )
    found = Matcher(library, draft()).match(text)
    assert found is not None and found.exact, found
    # not ["recruitment", "killing", "maiming"] and more "abduction and attacks on schools"
    assert found.values == {
        "things": ["recruitment", "killing and maiming", "abduction", "attacks on schools"]
    }


LEAD_FORMS = [
    {"lead_order": "agreed-first", "lead_messages": "message", "lead_issued": True},
    {"lead_comma": False, "report_citation": "document"},
    {"lead_period": "month", "report_citation": "document", "lead_end": "colon"},
    {"lead_period": "dates", "lead_verb": "convey"},
    {"lead_order": "after-adoption", "lead_verb": "convey"},
    {"lead_kind": True, "lead_issued": True},
    # CAR 2011: "agreed, in connection with the consideration of ..., to address the
    # following message to all parties to the conflict in <country>, through public
    # statements by the Chairman of the Working Group:"
    {
        "lead_order": "agreed-first",
        "lead_examination": "consideration",
        "lead_messages": "message",
        "lead_addressed": True,
        "lead_statements": True,
        "lead_chair": "chairman",
        "lead_end": "colon",
    },
]


@pytest.mark.parametrize("forms", LEAD_FORMS, ids=str)
def test_a_lead_reads_back_as_its_forms(forms: dict[str, Any], library: Library) -> None:
    """Every form of the statement lead (the order of its parts, the comma before
    "agreed", the report's period, "message", "issued by", the meeting's kind) prints a
    lead that reads back exactly as those forms, with the situation's values."""
    colombia = load_draft(ROOT / "examples" / "colombia-2020.yaml")
    meeting = colombia.situation.meeting.model_copy(update={"kind": "Meeting"})
    index, block = next(
        (i, b) for i, b in enumerate(colombia.blocks) if b.channel == "parties-statement"
    )
    set_ = block.model_copy(update={"values": forms, "meeting": meeting})
    drafted = colombia.model_copy(
        update={"blocks": [*colombia.blocks[:index], set_, *colombia.blocks[index + 1 :]]}
    )
    [statement] = assemble_bundle(drafted, library).statements
    lead = Matcher(library, drafted).read_lead(statement.lead, "parties-statement", meeting)
    assert lead.exact and lead.rendered == statement.lead
    assert lead.values == forms


def test_a_lead_of_the_corpus_reads_back_exactly(library: Library) -> None:
    """Mali 2018's lead-in, its report's period by month and "71st Meeting" as printed."""
    colombia = load_draft(ROOT / "examples" / "colombia-2020.yaml")
    situation = colombia.situation
    meeting = situation.meeting.model_copy(update={"number": "71st", "kind": "Meeting"})
    report = situation.report
    assert report.period_start is not None and report.period_end is not None
    period = f"{report.period_start:%B %Y} to {report.period_end:%B %Y}"
    lead = (
        f"At its 71st Meeting, on {meeting.date.day} {meeting.date:%B %Y}, the Security "
        "Council Working Group on Children and Armed Conflict, in connection with the "
        f"examination of the {report.ordinal} report of the Secretary-General on children "
        f"and armed conflict in {situation.country.name} (document {report.symbol}), "
        f"covering the period from {period}, agreed to convey the following messages "
        "through a public statement by the Chair of the Working Group:"
    )
    found = Matcher(library, colombia).read_lead(lead, "parties-statement", meeting)
    assert found.exact, found.rendered
    assert found.values == {
        "lead_kind": True,
        "lead_period": "month",
        "report_citation": "document",
        "lead_verb": "convey",
        "lead_end": "colon",
    }
