"""Paragraphs composed of sentences (``sentences:`` items): assembly, located problems,
schema, where-used and retiring, deviations, saving through a session, and
``wgdraft.sentences.compose``, all through the CLI and the core API."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.corpus import CORPUS, needs_corpus
from wgdraft import draftfile
from wgdraft.deviations import deviations
from wgdraft.drafts import load_draft
from wgdraft.library import load_library
from wgdraft.models import Sentence
from wgdraft.sentences import compose, sentence_data
from wgdraft.session import DraftSession

SENTENCE_CLAUSE = """\
id: assessment.test-concern
title: Concern at an increase in named violations (test)
family: assessment
form: sentence
params:
  violations:
    type: text
    description: the violations that increased
    example: abductions
body: >-
  The members of the Working Group expressed deep concern at the increase in
  {{ violations }} in {{ country }}.
precedents:
  - document: test
"""

SITUATION = """\
situation:
  country: {name: Republic of Ruritania, article: the}
  meeting: {date: 2030-04-30}
  report: {ordinal: second, symbol: S/2030/100}
"""


@pytest.fixture
def ws(workspace: Path) -> Path:
    folder = workspace / "clauses" / "assessment"
    folder.mkdir(exist_ok=True)
    (folder / "assessment.test-concern.yaml").write_text(SENTENCE_CLAUSE, encoding="utf-8")
    return workspace


def draft(ws: Path, opening: str, name: str = "d.yaml") -> Path:
    path = ws / "examples" / name
    path.write_text(SITUATION + "opening:\n" + opening, encoding="utf-8")
    return path


COMPOSED = """\
  - sentences:
      - text: They met.
      - clause: assessment.test-concern
        values: {violations: abductions}
      - text: >-
          They were particularly
          concerned.
"""


def test_a_composed_paragraph_prints_its_sentences_joined_by_one_space(ws: Path, cli: Cli) -> None:
    result = cli("--library", ws, "render", draft(ws, COMPOSED), "--format", "text")
    assert result.code == 0, result.err
    assert (
        "1. They met. The members of the Working Group expressed deep concern at the "
        "increase in abductions in the Republic of Ruritania. They were particularly "
        "concerned." in " ".join(result.out.split())
    )


def test_a_sentence_clause_used_as_an_item_is_a_located_problem(ws: Path, cli: Cli) -> None:
    path = draft(ws, "  - text: One.\n  - clause: assessment.test-concern\n")
    result = cli("--library", ws, "check", path)
    assert result.code != 0
    assert f"{path}:7: opening[1].clause: clause 'assessment.test-concern' is a sentence" in (
        result.err
    )
    assert "use it inside 'sentences'" in result.err


def test_an_item_clause_used_as_a_sentence_is_a_located_problem(ws: Path, cli: Cli) -> None:
    path = draft(ws, "  - sentences:\n      - text: One.\n      - clause: opening.resolutions\n")
    result = cli("--library", ws, "check", path)
    assert result.code != 0
    assert f"{path}:8: opening[0].sentences[1].clause: clause 'opening.resolutions' is an item" in (
        result.err
    )


def test_a_sentence_s_values_are_checked_where_they_are_written(ws: Path, cli: Cli) -> None:
    path = draft(
        ws,
        "  - sentences:\n      - clause: assessment.test-concern\n"
        "        values: {violations: x, colour: red}\n",
    )
    result = cli("--library", ws, "check", path)
    assert "opening[0].sentences[0].values.colour: clause 'assessment.test-concern' has no " in (
        result.err
    )
    missing = draft(ws, "  - sentences:\n      - clause: assessment.test-concern\n", "m.yaml")
    result = cli("--library", ws, "check", missing)
    assert f"{missing}:7: opening[0].sentences[0]: clause 'assessment.test-concern' needs " in (
        result.err
    )


@pytest.mark.parametrize(
    ("opening", "said"),
    [
        ("  - sentences: []\n", "exactly one of 'clause', 'text' or 'sentences'"),
        ("  - text: x\n    sentences: [{text: y}]\n", "exactly one of 'clause', 'text'"),
        ("  - sentences: [{text: y}]\n    items: [{text: z}]\n", "has no sub-items"),
        ("  - sentences: [{text: y, clause: z}]\n", "a sentence needs exactly one of"),
        ("  - sentences: [{text: y, values: {a: 1}}]\n", "go with 'clause', not 'text'"),
    ],
)
def test_malformed_sentences_are_refused(ws: Path, cli: Cli, opening: str, said: str) -> None:
    result = cli("--library", ws, "check", draft(ws, opening))
    assert result.code != 0
    assert said in result.err


def test_the_schemas_describe_sentences_and_the_clause_form(cli: Cli) -> None:
    clause = json.loads(cli("schema", "clause").out)
    assert clause["properties"]["form"]["enum"] == ["item", "sentence"]
    schema = json.loads(cli("schema", "draft").out)
    item = schema["$defs"]["DraftItem"]["properties"]
    assert item["sentences"]["items"] == {"$ref": "#/$defs/Sentence"}
    assert set(schema["$defs"]["Sentence"]["properties"]) == {
        "clause",
        "text",
        "variant",
        "values",
        "note",
    }


def test_a_clause_used_in_a_sentence_is_used(ws: Path, cli: Cli) -> None:
    draft(ws, COMPOSED)
    where = cli("--library", ws, "clause", "where", "assessment.test-concern")
    assert "opening[0].sentences[1]" in where.out
    assert "1 use(s)" in where.err
    retire = cli("--library", ws, "clause", "rm", "assessment.test-concern")
    assert retire.code != 0
    assert "uses clause 'assessment.test-concern' at opening[0].sentences[1]" in retire.err
    assert (ws / "clauses" / "assessment" / "assessment.test-concern.yaml").exists()


def test_free_sentences_deviate_each_on_its_own(ws: Path) -> None:
    library = load_library(ws / "clauses", ws / "templates")
    path = draft(
        ws,
        "  - sentences:\n      - clause: assessment.test-concern\n"
        "        values: {violations: abductions}\n"
        "      - text: >-\n          The members of the Working Group expressed deep worry"
        " at the increase in killings in the Republic of Ruritania.\n",
    )
    found = deviations(load_draft(path), library, path)
    assert [(str(d.path), d.label, d.kind) for d in found] == [
        ("opening[0].sentences[1]", "1 s2", "free-text")
    ]
    assert found[0].clause in ("assessment.test-concern", "assessment.concern")
    assert ("replace", "concern", "worry") in found[0].changes


def test_a_session_saves_a_composed_item_that_reads_back_the_same(ws: Path) -> None:
    library = load_library(ws / "clauses", ws / "templates")
    path = draft(ws, "  - text: Before.\n")
    session = DraftSession.open(path, library)
    sentences = [
        Sentence(clause="assessment.test-concern", values={"violations": "abductions"}),
        Sentence(text="They were particularly concerned."),
    ]
    session.insert(("opening",), None, {"sentences": [sentence_data(s) for s in sentences]})
    session.save()
    saved = load_draft(path)
    assert saved.opening[1].sentences == sentences
    assert draftfile.plain(draftfile.load(path))["opening"][1] == {
        "sentences": [
            {"clause": "assessment.test-concern", "values": {"violations": "abductions"}},
            {"text": "They were particularly concerned."},
        ]
    }


def test_compose_reads_back_sentence_clauses_and_keeps_the_rest_as_text(ws: Path) -> None:
    library = load_library(ws / "clauses", ws / "templates")
    situation = load_draft(draft(ws, "  - text: x.\n"))
    text = (
        "The members of the Working Group expressed deep concern at the increase in "
        "killing and maiming in the Republic of Ruritania. The report (S/2030/100) was read. "
        "Mr. Smith, U.N. envoy a.i., spoke."
    )
    assert compose(text, library, situation) == [
        Sentence(clause="assessment.test-concern", values={"violations": "killing and maiming"}),
        Sentence(text="The report (S/2030/100) was read."),
        Sentence(text="Mr. Smith, U.N. envoy a.i., spoke."),
    ]


# --- the members' assessment paragraphs of the examples and the corpus -------------

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"


def _assessment(name: str) -> list[Sentence]:
    draft = load_draft(ROOT / "examples" / f"{name}.yaml")
    composed = [item for item in draft.opening if item.sentences]
    assert len(composed) == 1
    return composed[0].sentences


@pytest.mark.parametrize(
    ("example", "free"),
    [("mali-2023", 0), ("central-african-republic-2024", 1), ("south-sudan-2018", 1)],
)
def test_the_examples_assessment_comes_from_sentence_clauses(example: str, free: int) -> None:
    """Issue 12.4: the members' assessment is composed of sentence clauses; only the
    sentence the source cuts off stays free text."""
    sentences = _assessment(example)
    assert sum(s.text is not None for s in sentences) == free
    assert all(s.clause and s.clause.startswith("assessment.") for s in sentences if s.text is None)
    if free:
        assert sentences[-1].text is not None and "cut off" in (sentences[-1].note or "")


def test_compose_reads_the_mali_assessment_back_as_the_example_has_it(library) -> None:  # type: ignore[no-untyped-def]
    mali = load_draft(ROOT / "examples" / "mali-2023.yaml")
    reference = (FIXTURES / "mali-2023-conclusions.txt").read_text(encoding="utf-8")
    paragraph = " ".join(reference.split("\n2. ", 1)[1].split("\n3. ", 1)[0].split())
    composed = compose(paragraph, library, mali)
    assert [s.clause for s in composed] == [s.clause for s in _assessment("mali-2023")]
    assert [s.variant for s in composed] == [s.variant for s in _assessment("mali-2023")]
    from wgdraft.assemble import assemble
    from wgdraft.models import DraftItem

    probe = mali.model_copy(update={"opening": [DraftItem(sentences=composed)]})
    assert assemble(probe, library).body[0].text == paragraph


def test_import_writes_the_assessment_as_sentences(cli: Cli, tmp_path: Path) -> None:
    """A paragraph no item clause reads well is read sentence by sentence; the last
    sentence, cut off in the source, counts as far as it goes and stays as written."""
    out = tmp_path / "car.yaml"
    result = cli("import", FIXTURES / "S-AC.51-2024-5_central-african-republic.txt", "-o", out)
    assert result.code == 0, result.err
    item = load_draft(out).opening[1]
    assert item.sentences == _assessment("central-african-republic-2024")  # as the example
    match = cli("match", FIXTURES / "S-AC.51-2024-5_central-african-republic.txt")
    line = next(x for x in match.out.splitlines() if x.strip().startswith("2 "))
    assert "sentences: 6 of 6 sentence clauses" in line and line.endswith("exact")
    rendered = cli("render", out, "--format", "text")
    assert rendered.code == 0, rendered.err
    source = (FIXTURES / "S-AC.51-2024-5_central-african-republic.txt").read_text(encoding="utf-8")
    paragraph = source.split("\n2. ", 1)[1].split("\n", 1)[0]
    assert paragraph.strip() in rendered.out


def test_a_paragraph_an_item_clause_reads_well_is_not_composed(cli: Cli) -> None:
    """Paragraph 2 of South Sudan 2018 is opening.resolutions worded a little otherwise:
    it stays one item, however a generic sentence frame might read it."""
    result = cli("match", FIXTURES / "S-AC.51-2018-3_south-sudan.txt")
    lines = {x.split()[0]: x for x in result.out.splitlines() if x.startswith("  ")}
    assert "opening.resolutions" in lines["2"]
    assert "sentences: 3 of 3 sentence clauses" in lines["3"] and lines["3"].endswith("exact")


def test_a_cut_off_last_sentence_counts_as_far_as_it_goes(library) -> None:  # type: ignore[no-untyped-def]
    from wgdraft.matching import Matcher
    from wgdraft.sentences import composition

    draft = load_draft(ROOT / "templates" / "sample-draft.yaml")
    text = (
        "Members further highlighted the need for prevention and accountability for instances "
        "of the six grave violations in the reporting period. They also "
        "expressed deep concern at the rise in abductions in the Republic of Ruritania, and "
        "noted that rape were estimated to be highly"
    )
    whole = composition(text, Matcher(library, draft))
    assert whole.matched == 1 and not whole.exact
    cut = composition(text, Matcher(library, draft), truncated=True)
    assert cut.exact
    last = cut.sentences[-1]  # counted, and kept as written: a clause prints whole sentences
    assert last.text == text.split("period. ")[1]
    assert last.note == "cut off in the source; clause assessment.concern"


@needs_corpus
def test_a_paragraph_spliced_from_two_renderings_reads_sentence_by_sentence(
    cli: Cli, tmp_path: Path
) -> None:
    """Myanmar 2019: the PDF text of paragraph 3 stops inside a word ("the completion o")
    and another rendering takes it up ("[reliefweb rendering continues:] ...the completion
    of the action plan ..."): one paragraph, its words counted once, read sentence by
    sentence; the extraction's "violations of ." is spaced as the clause prints it."""
    source = CORPUS / "S-AC.51-2019-2_myanmar.txt"
    match = cli("match", source)
    lines = {x.split()[0]: x for x in match.out.splitlines() if x.startswith("  ")}
    assert "sentences: 3 of 3 sentence clauses" in lines["3"] and lines["3"].endswith("exact")
    assert "4" not in lines  # no paragraph made of the continuation
    out = tmp_path / "myanmar.yaml"
    result = cli("import", source, "-o", out)
    assert result.code == 0, result.err
    assert "3: words the source spaces otherwise" in result.out + result.err
    first, second, third = load_draft(out).opening[2].sentences
    assert (first.clause, second.clause) == (
        "assessment.strongly-condemned",
        "assessment.appreciation-progress",
    )
    assert second.values["completion"] is True
    assert third.clause is None and third.text is not None
    assert third.note == "cut off in the source; clause assessment.welcomed-agreement-commitment"
    rendered = cli("render", out, "--format", "text")
    assert rendered.code == 0, rendered.err
    assert (
        "other violations of. The Working Group expressed appreciation" in rendered.out
        and "hope that the completion of the action plan through full compliance" in rendered.out
    )
