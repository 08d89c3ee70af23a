"""The framing of an adopted text counts as items (issue 12, point 1): a press release's
lead-in (once per file), each "To ...:" addressees line and each recipient block's
introductory formula are reported by `wgdraft match` and `wgdraft import` in document
order, in the same columns as the clause items, and counted with them."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, Cli
from tests.corpus import CORPUS, needs_corpus
from wgdraft.importing.to_draft import FramingReport, import_file
from wgdraft.library import Library

FIXTURES = ROOT / "tests" / "fixtures"
MALI_TXT = FIXTURES / "mali-2023-conclusions.txt"
SOUTH_SUDAN = FIXTURES / "S-AC.51-2018-3_south-sudan.txt"

SUMMARY = re.compile(
    r"(\d+) items, (\d+) exact \(\d+%\), (\d+) free text >= 0\.85, (\d+) below"
    r"(?:; of which framing: (\d+) items?, (\d+) exact)?"
)


def _counts(line: str) -> list[int]:
    """items, exact, >= 0.85, below, framing items, framing exact of a summary line."""
    found = SUMMARY.search(line)
    assert found is not None, line
    return [int(n or 0) for n in found.groups()]


def _file_lines(out: str) -> tuple[list[str], list[int]]:
    """The item and framing lines of one file's `wgdraft match` output, and its counts."""
    lines = out.splitlines()
    return [line for line in lines if line.startswith("  ")], _counts(lines[-2])


def _verdict(line: str) -> str:
    return line.rstrip().rsplit(None, 1)[-1]


@needs_corpus
def test_a_press_release_s_lead_and_to_lines_are_items(cli: Cli, library: Library) -> None:
    # two "To ...:" blocks: the lead-in is read for each, reported once, before them
    source = CORPUS / "S-AC.51-2011-x_central-african-republic_SC-10338.txt"
    result = cli("match", source)
    assert result.code == 0, result.err
    lines, (items, exact, near, below, framing, framing_exact) = _file_lines(result.out)
    assert len(lines) == items == exact + near + below
    assert sum(_verdict(line) == "exact" for line in lines) == exact
    assert lines[0].split()[:3] == ["lead-in", "channel", "parties-statement"]
    assert "(lead-in)" in lines[0]
    assert sum("(lead-in)" in line for line in lines) == 1
    to_lines = [i for i, line in enumerate(lines) if "(addressees)" in line]
    assert len(to_lines) == 2 and framing == 3
    assert lines[to_lines[0]].startswith("  To all armed groups ")
    assert lines[to_lines[1]].startswith("  To the Armée populaire")
    # each "To" line stands before its block's items
    assert lines[to_lines[0] + 1].startswith("  To all armed groups (a)")
    assert (
        lines[to_lines[1] + 1].startswith("  To the Armée populaire")
        and "(e)" in (lines[to_lines[1] + 1])
    )
    framed = [line for line in lines if "(lead-in)" in line or "(addressees)" in line]
    assert sum(_verdict(line) == "exact" for line in framed) == framing_exact
    # the core API says the same
    imported = import_file(source, library)
    assert [f.kind for f in imported.framing] == ["lead", "addressees", "addressees"]
    assert [f.position for f in imported.framing] == [0, 0, 4]
    assert imported.coverage.framing == 3
    assert [r.label for r in imported.in_order() if isinstance(r, FramingReport)] == [
        "lead-in",
        "To all armed groups",
        "To the Armée populaire pour la restauration de la république et de la démocratie",
    ]


def test_every_block_formula_stands_before_its_items(cli: Cli) -> None:
    result = cli("match", MALI_TXT)
    assert result.code == 0, result.err
    lines, counts = _file_lines(result.out)
    formulas = [i for i, line in enumerate(lines) if "(formula)" in line]
    assert [lines[i].split()[:3] for i in formulas] == [
        ["paragraph", str(n), "formula"] for n in range(4, 12)
    ]
    for index, number in zip(formulas, range(4, 12), strict=True):
        assert lines[index + 1].startswith(f"  {number} (a) "), lines[index + 1]
    assert counts[4] == 8 and len(lines) == counts[0]


def _edited(tmp_path: Path) -> Path:
    """The South Sudan text with a word of its lead-in and of its "To" line changed."""
    text = SOUTH_SUDAN.read_text(encoding="utf-8")
    lead = "in connection with the examination of the second report"
    line = "To all parties to the armed conflict in South Sudan, in particular"
    assert lead in text and line in text
    text = text.replace(lead, "in connection with its examination of the second report", 1)
    text = text.replace(line, line.replace("the armed conflict", "armed conflicts"), 1)
    edited = tmp_path / SOUTH_SUDAN.name
    edited.write_text(text, encoding="utf-8")
    return edited


def test_a_framing_line_that_differs_counts_as_not_exact(cli: Cli, tmp_path: Path) -> None:
    before = cli("match", SOUTH_SUDAN)
    lines, counts = _file_lines(before.out)
    framed = [line for line in lines if "(lead-in)" in line or "(addressees)" in line]
    assert len(framed) == 2 and all(_verdict(line) == "exact" for line in framed), framed
    edited = _edited(tmp_path)
    after = cli("match", edited)
    edited_lines, edited_counts = _file_lines(after.out)
    framed = [line for line in edited_lines if "(lead-in)" in line or "(addressees)" in line]
    assert [_verdict(line) for line in framed] == ["-", "-"], framed
    items, exact, near, below, framing, framing_exact = edited_counts
    assert items == counts[0] and framing == counts[4] == 2
    assert exact == counts[1] - 2 and framing_exact == counts[5] - 2
    assert near + below == counts[2] + counts[3] + 2
    # `wgdraft import` lists them with the free-text items
    imported = cli("import", edited, "-o", tmp_path / "out.yaml")
    free = [line for line in imported.out.splitlines() if line.startswith("  free text ")]
    assert any(line.startswith("  free text lead-in ") for line in free), imported.out
    assert any(
        line.startswith("  free text To all parties ") and "(addressees)" in line for line in free
    ), imported.out


@needs_corpus
def test_a_block_without_introductory_text_has_no_formula(cli: Cli, library: Library) -> None:
    # an older press release whose lead-in names the addressees: its block has no text
    source = CORPUS / "S-AC.51-2012-x_colombia_SC-10890.txt"
    imported = import_file(source, library)
    assert [f.kind for f in imported.framing] == ["lead"]
    assert not any("introductory formula" in note for note in imported.notes), imported.notes
    result = cli("match", source)
    lines, counts = _file_lines(result.out)
    assert not any("(formula)" in line for line in lines)
    assert counts[4] == 1 and len(lines) == counts[0]
