"""Round trips of issue 11: an adopted text imported into a draft renders back as the
text it came from.

(a) the Mali reference (TXT) imports to a draft whose text differs from the reference
only by the known extraction artefacts, with at least 95% of its items clause
references; (b) every corpus file imports to a valid draft whose items print as the
file holds them (word ratio >= 0.98 per file, item by item) — an item cut off in the
source before a value its clause needs leaves that value to fill in (listed in
``missing``; the draft prints once it is given); (c) every example's
rendered DOCX imports to a draft that renders the same text.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT
from tests.corpus import CORPUS, corpus_dir
from tests.fidelity import differences, first_differences, reference_text, repair_splits, words
from tests.functional.test_fidelity import MALI_ARTEFACTS
from wgdraft import renderers
from wgdraft.assemble import assemble
from wgdraft.cli import main
from wgdraft.drafts import build_document, load_draft
from wgdraft.errors import WgdraftError
from wgdraft.importing import read_adopted
from wgdraft.importing.to_draft import Imported, ItemReport, import_file
from wgdraft.library import Library
from wgdraft.matching import similarity
from wgdraft.models import STATEMENT_LEAD_FORMS
from wgdraft.render_text import render_text

FIXTURES = ROOT / "tests" / "fixtures"
MALI_TXT = FIXTURES / "mali-2023-conclusions.txt"


FIXTURE_CORPUS = sorted(FIXTURES.glob("S-AC.51-*.txt"))


def _corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.txt")) if corpus_dir() is not None else []


def _unfilled(imported: Imported) -> list[str]:
    """The item values the imported draft leaves to fill in (a source cut off before
    them), by path."""
    return [m for m in imported.missing if not m.startswith("situation.")]


def _printed(imported: Imported, library: Library) -> dict[str, str]:
    """Each imported item's text as the imported draft prints it, by path; a value left
    to fill in shows as "[name]" (and only such a value is missing: see
    :func:`_check_corpus_file`)."""
    document = assemble(imported.draft(), library, placeholders=bool(_unfilled(imported)))
    return {str(path): node.text for path, node in document.by_path().items()}


def _item_ratio(imported: Imported, library: Library) -> tuple[float, list[str]]:
    """The word ratio of the printed items to the file's items, item by item, weighted
    by the items' lengths; and the labels of the items that differ."""
    printed = _printed(imported, library)
    matched = total = 0.0
    differing = []
    for report in imported.items:
        theirs = " ".join(words(report.text)).rstrip(";.")
        ours = " ".join(words(printed.get(str(report.path), ""))).rstrip(";.")
        if report.truncated:  # only what the file holds counts
            ours = " ".join(ours.split()[: len(theirs.split())])
        size = max(len(theirs.split()), 1)
        ratio = similarity(ours, theirs)
        matched += ratio * size
        total += size
        if ratio < 1:
            differing.append(f"{report.label}: {ratio:.3f}")
    return (matched / total if total else 1.0), differing


def _not_exact(items: list[ItemReport]) -> list[str]:
    return [
        f"{r.label} ({r.match.clause if r.match else 'no clause'}, {r.similarity:.2f})"
        for r in items
        if not r.exact
    ]


# --- (a) the Mali reference -----------------------------------------------------------


@pytest.fixture(scope="module")
def mali(library: Library) -> Imported:
    return import_file(MALI_TXT, library)


def test_mali_reference_imports_to_its_own_text(mali: Imported, library: Library) -> None:
    ours = words(render_text(assemble(mali.draft(), library)))
    reference = repair_splits(words(reference_text(MALI_TXT)), set(ours))
    found = differences(ours, reference)
    # what the reader repairs is no longer a difference; nothing else may be one
    assert set(found) <= set(MALI_ARTEFACTS), first_differences(ours, reference)


def test_mali_reference_is_95_percent_clause_references(mali: Imported) -> None:
    coverage = mali.coverage
    assert coverage.items >= 45  # 3 opening paragraphs and the items of 8 blocks
    assert coverage.share >= 0.95, f"{coverage}; not clause references: {_not_exact(mali.items)}"


def test_mali_reads_the_situation(mali: Imported) -> None:
    situation = mali.data["situation"]
    assert situation["country"]["name"] == "Mali"
    assert str(situation["meeting"]["date"]) == "2023-03-31"
    assert situation["report"]["symbol"] == "S/2022/856"
    assert len(situation["parties"]) == 4
    assert "1612 (2005)" in situation["resolutions"]
    assert not mali.missing
    channels = [block["channel"] for block in mali.data["blocks"]]
    assert channels == [
        "parties-statement",
        "leaders-statement",
        "government-letter",
        "secretary-general-letter",
        "regional-letter",
        "sanctions-letter",
        "council",
        "donors-letter",
    ]
    assert mali.data["annex"]["comments"] and mali.data["annex"]["place"] == "New York"


def test_free_text_keeps_its_nearest_clause(mali: Imported) -> None:
    opening = mali.data["opening"]
    # paragraph 2 (the members' assessment) is sentence clauses since issue 12.4
    assert all("clause" in s for s in opening[1]["sentences"])
    free = [item for item in opening if "text" in item]
    for item in free:
        nearest = item.get("nearest")
        if nearest is not None:
            assert nearest["clause"] and 0 <= nearest["similarity"] <= 1


# --- (b) the corpus -------------------------------------------------------------------


def _check_corpus_file(path: Path, library: Library) -> None:
    imported = import_file(path, library)
    draft = imported.draft()  # valid as a draft
    unfilled = _unfilled(imported)
    if unfilled:  # it prints once the values the source stops before are given
        with pytest.raises(WgdraftError) as failed:
            assemble(draft, library)
        fields = {p.field for p in failed.value.problems}
        assert fields == {m.rsplit(".values.", 1)[0] for m in unfilled}, path.name
    else:
        assemble(draft, library)
    if not imported.items:  # a file holding a lead-in and nothing after it
        assert not read_adopted(path).paragraphs, f"{path.name}: paragraphs read, no items"
        return
    ratio, differing = _item_ratio(imported, library)
    assert ratio >= 0.98, f"{path.name}: word ratio {ratio:.3f}; items that differ: {differing}"


@pytest.mark.parametrize("path", FIXTURE_CORPUS, ids=lambda p: p.name)
def test_corpus_fixture_items_print_as_the_file_holds_them(path: Path, library: Library) -> None:
    _check_corpus_file(path, library)


@pytest.mark.parametrize("name", [p.name for p in _corpus_files()] or ["(corpus absent)"], ids=str)
def test_every_corpus_file_items_print_as_the_file_holds_them(name: str, library: Library) -> None:
    if not _corpus_files():
        pytest.skip(
            "the corpus is not on this machine (../shared/reference/corpus; set WGDRAFT_CORPUS)"
        )
    _check_corpus_file(CORPUS / name, library)


# --- (c) the examples' DOCX -----------------------------------------------------------


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_example_docx_imports_to_a_draft_that_renders_the_same(
    example: str, library: Library, tmp_path: Path
) -> None:
    document = build_document(EXAMPLES / example, library)
    docx = tmp_path / "conclusions.docx"
    docx.write_bytes(renderers.get("docx").conclusions(document, library))
    imported = import_file(docx, library)
    assert render_text(assemble(imported.draft(), library)) == render_text(document)


def test_a_press_release_becomes_a_statement_block(library: Library) -> None:
    imported = import_file(FIXTURES / "S-AC.51-2018-3_south-sudan.txt", library)
    block = imported.data["blocks"][0]
    assert block["channel"] == "parties-statement"
    assert block["press_release"] == "SC/13633"
    assert str(block["meeting"]["date"]) == "2018-12-18"  # agreed later than the conclusions
    assert imported.data["situation"]["parties"][-1] == "other armed groups, such as the White Army"
    labels = [r.label for r in imported.items if r.path.block_index == 0]
    assert labels == ["To all parties 1", "To all parties 2", "To all parties 3"]
    # the third item is cut off in the source: its clause prints the words it holds
    assert imported.items[-1].truncated and imported.items[-1].exact
    # "(document S/2018/865) agreed to convey ...": the lead's forms, no comma included
    assert block["values"] == {
        "lead_comma": False,
        "lead_verb": "convey",
        "report_citation": "document",
        "addressees_article": True,  # "To all parties to the armed conflict in South Sudan"
    }
    assert not any(n.startswith("the lead-in differs") for n in imported.notes)


@pytest.mark.parametrize(
    "example",
    [
        "colombia-2020.yaml",
        "democratic-republic-of-the-congo-2020.yaml",
        "myanmar-2019.yaml",
        "south-sudan-2018.yaml",
    ],
)
def test_a_statements_lead_reads_back_as_its_forms(
    example: str, library: Library, tmp_path: Path
) -> None:
    """The tool's own statement (text and DOCX) imports with the lead's forms its block
    sets, and the imported block prints the same lead."""
    draft = load_draft(EXAMPLES / example)
    [drafted] = [b for b in draft.blocks if b.channel.endswith("-statement")]
    forms = {k: v for k, v in drafted.values.items() if k in STATEMENT_LEAD_FORMS}
    for fmt in ("text", "docx"):
        out = tmp_path / fmt
        assert main(["render", str(EXAMPLES / example), "-o", str(out), "--format", fmt]) == 0
        [statement] = sorted((out / "statements").glob(f"*.{'txt' if fmt == 'text' else fmt}"))
        imported = import_file(statement, library)
        [block] = imported.data["blocks"]
        read = {k: v for k, v in block.get("values", {}).items() if k in STATEMENT_LEAD_FORMS}
        assert read == forms, fmt
        assert not any(n.startswith("the lead-in differs") for n in imported.notes)


@pytest.mark.parametrize(
    "forms",
    [
        # 2011-2014 (DRC 2014, Mali 2014): "agreed, in connection with ..., to address the
        # following message through a public statement issued by the Chair ..."
        {"lead_order": "agreed-first", "lead_messages": "message", "lead_issued": True},
        # Colombia 2017: "... through a public statement issued by the Chair ..."
        {"lead_issued": True, "report_citation": "document"},
        # South Sudan 2018, DRC 2018: "(document S/2018/502) agreed to convey ..."
        {"lead_comma": False, "lead_verb": "convey", "report_citation": "document"},
        # (the report's period and "After the examination ...": tests/unit/test_matching.py,
        # a statement alone does not give the period, nor its report's ordinal there)
    ],
    ids=str,
)
def test_each_form_of_the_lead_reads_back(
    forms: dict[str, object], library: Library, tmp_path: Path
) -> None:
    """A statement whose block sets the lead's older or newer forms prints a lead that
    imports to the same forms, with no note that the lead-in differs."""
    import yaml

    data = yaml.safe_load((EXAMPLES / "colombia-2020.yaml").read_text(encoding="utf-8"))
    [block] = [b for b in data["blocks"] if b.get("channel") == "parties-statement"]
    # the lead's forms replaced, the "To" line's kept
    kept = {k: v for k, v in block["values"].items() if k not in STATEMENT_LEAD_FORMS}
    block["values"] = kept | forms
    draft = tmp_path / "draft.yaml"
    draft.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    assert main(["render", str(draft), "-o", str(out), "--format", "text"]) == 0
    [statement] = sorted((out / "statements").glob("*-parties-statement.txt"))
    imported = import_file(statement, library)
    [read] = imported.data["blocks"]
    assert {k: v for k, v in read.get("values", {}).items() if k in STATEMENT_LEAD_FORMS} == forms
    assert not any(n.startswith("the lead-in differs") for n in imported.notes)


CUT_OFF_STATEMENT = """\
=== PART B: Public statement by the Chair (press release SC/99998) ===
SC/99998
Public Statement by Chair of Security Council Working Group on Children and Armed Conflict
At its fortieth meeting, on 16 August 2030, the Security Council Working Group on Children and Armed Conflict agreed, in connection with the examination of the third report of the Secretary-General on children and armed conflict in Ruritania (S/2030/258), to address the following message to all parties to the armed conflict in Ruritania mentioned in the report of the Secretary-General through a public statement by its Chair:
(a) Stressing the importance of ensuring that the issue of child protection, including the release and reintegration of children, is integrated into ceasefire and/or peace talks and agreements;
(b) Expressing deep concern about the con
[... rest not retrieved ...]
"""


@pytest.mark.parametrize(
    ("fragment", "begins"),
    [
        ("Expressing deep concern about the con", "Expressing deep concern about the continued"),
        ("Stressing t", "Stressing the"),
        # Mali 2014 (d): the strength of the concern is a choice of the clause's opening
        ("Expressing strong concern at the", "Expressing strong concern at the"),
    ],
)
def test_a_cut_off_item_is_the_nearest_clause_that_begins_with_its_words(
    fragment: str, begins: str, library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(CUT_OFF_STATEMENT.replace("Expressing deep concern about the con", fragment))
    imported = import_file(source, library)
    last = imported.items[-1]
    assert last.truncated and last.exact and last.match is not None
    printed = _printed(imported, library)[str(last.path)]
    assert printed.startswith(begins)  # a clause of the library, counted as far as it goes


def test_words_the_source_runs_together_are_spaced_as_the_clause_prints_them(
    library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(
        CUT_OFF_STATEMENT.replace(
            "(b) Expressing deep concern about the con",
            "(b) to refrain from any newrecruitments or re-recruitment of childrenand to ensure "
            "that children are not exposed to or forced to participate in violent activities or "
            "forced into association with groups that engage in such activities;",
        ).replace("[... rest not retrieved ...]\n", "")
    )
    imported = import_file(source, library)
    last = imported.items[-1]
    assert last.exact and last.match is not None
    assert last.match.clause == "recruitment.refrain-new-recruitment"
    printed = _printed(imported, library)[str(last.path)]
    assert "any new recruitments or re-recruitment of children and to ensure" in printed
    assert any("spaced as clause recruitment.refrain-new-recruitment" in n for n in imported.notes)


def test_a_lead_in_naming_the_report_as_document_gives_its_symbol(
    library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(
        CUT_OFF_STATEMENT.replace("(S/2030/258), to address", "(document S/2030/171), to address")
    )
    imported = import_file(source, library)
    assert imported.data["situation"]["report"]["symbol"] == "S/2030/171"
    assert "situation.report.symbol" not in imported.missing


def test_paragraph_one_that_says_more_than_opening_meeting_is_the_clause_that_says_it(
    library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "conclusions.txt"
    source.write_text(
        "Conclusions on children and armed conflict in Ruritania\n"
        "1. At its 90th meeting, held on 2 March 2031, the Security Council Working Group on "
        "Children and Armed Conflict examined the sixth report of the Secretary-General on "
        "children and armed conflict in Ruritania (S/2030/956), which was introduced by the "
        "Special Representative of the Secretary-General for Children and Armed Conflict. The "
        "report was submitted as a follow-up to the fifth report of the Secretary-General on "
        "the same topic (S/2030/99), which was introduced by the Special Representative of "
        "the Secretary-General for Children and Armed Conflict at its 84th meeting, held on "
        "22 January 2030. The Permanent Representative of Ruritania to the United Nations also "
        "addressed the Working Group.\n"
    )
    imported = import_file(source, library)
    (first,) = imported.items
    assert first.exact and first.match is not None
    assert first.match.clause == "opening.follow-up-report"
    assert first.match.values["follow_up_date"] == "2030-01-22"
    assert imported.data["situation"]["report"]["symbol"] == "S/2030/956"


def test_a_statement_without_addressee_lines_reads_its_situation_from_the_lead_in(
    library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(
        "=== PART B: Statement by the Chairman (11 May 2031) ===\n"
        "Statement by the Chairman of the Security Council Working Group on Children and "
        "Armed Conflict, 11 May 2031\n"
        "At the 8th meeting of the Security Council Working Group on Children and Armed "
        "Conflict, held on 10 May 2031, in connection with the consideration of the Report of "
        "the Secretary General on children and armed conflict in Ruritania (S/2030/1006), the "
        "Chairman made the following statement on behalf of the Working Group:\n"
        '"The Security Council Working Group on Children and Armed Conflict,\n'
        "Urges the leadership of the armed group:\n"
        "1. To immediately end the prac\n"
        "[... rest not retrieved ...]\n"
    )
    imported = import_file(source, library)
    situation = imported.data["situation"]
    assert situation["country"] == {"name": "Ruritania"}  # not the title line
    assert situation["report"]["symbol"] == "S/2030/1006"
    first = imported.items[0]
    assert first.exact and first.match is not None
    assert first.match.clause == "opening.working-group-subject"


def test_a_source_cut_off_inside_a_value_keeps_what_it_holds_and_says_so(
    library: Library, tmp_path: Path
) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(
        CUT_OFF_STATEMENT.replace(
            "(b) Expressing deep concern about the con",
            "(b) Stressing the importance of accountability for all violations and abuses "
            "against children in armed conflict and stressing that all perpetrators of such acts "
            "must be swiftly brought to justice and held accountable, without undue delay, "
            "including through timely and systematic investigation, prosecuti",
        )
    )
    imported = import_file(source, library)
    last = imported.items[-1]
    assert last.truncated and last.exact and last.match is not None
    assert last.match.variant == "importance"
    # the words the source holds, and no choice it never reached ("and noting" or ", noting")
    assert last.match.values == {"through": "timely and systematic investigation, prosecuti"}
    assert any("stops inside the value of 'through'" in n for n in imported.notes)
    path = str(last.path)
    assert set(_unfilled(imported)) == {f"{path}.values.law", f"{path}.values.adopted_on"}
    printed = _printed(imported, library)[path]
    assert printed.startswith(" ".join(last.text.split()))
    assert "[law]" in printed and "[adopted_on]" in printed
