"""The output of every example is pinned exactly (tests/reference/, see tests/pinned.py):
any change of wording, numbering, style or indent fails here until the reference is
deliberately updated with ``pytest --update-reference``."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import EXAMPLES, Cli
from tests.pinned import REFERENCE, UPDATE_HINT, differences, pinned_outputs, write_reference

EXAMPLE_NAMES = sorted(p.stem for p in EXAMPLES.glob("*.yaml"))


def _render(cli: Cli, draft: Path, out: Path, *library: str | Path) -> dict[str, str]:
    for fmt in ("docx", "text"):
        result = cli(*library, "render", draft, "-o", out / fmt, "--format", fmt)
        assert result.code == 0, result.err
    return pinned_outputs(out / "docx", out / "text")


@pytest.mark.parametrize("example", EXAMPLE_NAMES)
def test_output_matches_the_reference(
    cli: Cli, tmp_path: Path, request: pytest.FixtureRequest, example: str
) -> None:
    actual = _render(cli, EXAMPLES / f"{example}.yaml", tmp_path)
    reference = REFERENCE / example
    if request.config.getoption("--update-reference"):
        write_reference(actual, reference)
        return
    assert reference.is_dir(), f"no reference for {example}; {UPDATE_HINT}"
    found = differences(actual, reference)
    assert not found, "\n".join([*found, UPDATE_HINT])


def test_every_example_has_a_reference_and_no_other() -> None:
    assert sorted(p.name for p in REFERENCE.iterdir() if p.is_dir()) == EXAMPLE_NAMES


def test_the_rendering_is_deterministic(cli: Cli, tmp_path: Path) -> None:
    """What is pinned holds nothing volatile: two renders give the same files."""
    first = _render(cli, EXAMPLES / "mali-2023.yaml", tmp_path / "one")
    assert first == _render(cli, EXAMPLES / "mali-2023.yaml", tmp_path / "two")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _reindent(reference: Path) -> None:
    """WG Heading indented by one twip more."""
    document = docx.Document(str(reference))
    ind = document.styles["WG Heading"].element.pPr.find(qn("w:ind"))
    ind.set(qn("w:left"), str(int(ind.get(qn("w:left"))) + 1))
    document.save(str(reference))


def _renumber(reference: Path) -> None:
    """Subparagraph labels "(a)" become "a)"."""
    document = docx.Document(str(reference))
    for text in document.part.numbering_part.element.iter(qn("w:lvlText")):
        if text.get(qn("w:val")) == "(%2)":
            text.set(qn("w:val"), "%2)")
    document.save(str(reference))


CHANGES = {
    "one word of a clause": (
        lambda ws: _edit(
            ws / "clauses" / "regional" / "regional.welcoming-commitments.yaml",
            "the commitments made by",
            "the commitment made by",
        ),
        ["conclusions.txt", "letters/08-regional-letter.txt", "conclusions/document.xml"],
    ),
    "one word of a channel": (
        lambda ws: _edit(
            ws / "templates" / "channels" / "regional-letter.yaml",
            "agreed to recommend",
            "agreed to suggest",
        ),
        ["conclusions.txt", "conclusions/document.xml"],
    ),
    "an indent of a style": (
        lambda ws: _reindent(ws / "templates" / "reference.docx"),
        ["conclusions/styles.xml"],
    ),
    "the numbering": (
        lambda ws: _renumber(ws / "templates" / "reference.docx"),
        ["conclusions/numbering.xml"],
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_the_comparison_catches(
    cli: Cli, workspace: Path, tmp_path: Path, request: pytest.FixtureRequest, change: str
) -> None:
    if request.config.getoption("--update-reference"):
        pytest.skip("the reference is being rewritten")
    apply, files = CHANGES[change]
    draft = workspace / "examples" / "mali-2023.yaml"
    unchanged = _render(cli, draft, tmp_path / "before", "--library", workspace)
    assert not differences(unchanged, REFERENCE / "mali-2023")
    apply(workspace)
    found = differences(
        _render(cli, draft, tmp_path / "after", "--library", workspace), REFERENCE / "mali-2023"
    )
    assert found
    for name in files:
        assert any(re.search(rf"^--- reference/{re.escape(name)}$", d, re.M) for d in found), (
            name,
            found,
        )
