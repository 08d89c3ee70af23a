"""The DOCX read back: styles from the reference template and real Word numbering."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, MALI, ROOT, Cli
from tests.docx_reading import numbered_paragraphs, style_names
from tests.ooxml import assert_opens_clean
from wgdraft import render_docx
from wgdraft.drafts import build_document
from wgdraft.library import Library
from wgdraft.tree import walk

REFERENCE = ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt"


def test_every_style_the_code_names_is_in_the_reference_template() -> None:
    available = style_names(ROOT / "templates" / "reference.docx")
    missing = [name for name in render_docx.STYLE_NAMES if name not in available]
    assert not missing


@pytest.fixture(scope="module")
def mali_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wgdraft.cli import main

    out = tmp_path_factory.mktemp("docx")
    assert main(["render", str(MALI), "-o", str(out)]) == 0
    assert_opens_clean([out / "conclusions.docx"])
    return out / "conclusions.docx"


@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_file_of_every_example_opens_clean_in_word(
    cli: Cli, tmp_path: Path, example: str
) -> None:
    assert cli("render", EXAMPLES / example, "-o", tmp_path).code == 0
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    files = [tmp_path / entry["file"] for entry in manifest["files"]]
    assert len(files) >= 2  # the conclusions, and every letter and statement
    assert_opens_clean(files)


def test_paragraphs_carry_word_numbering_at_the_right_levels(
    mali_docx: Path, library: Library
) -> None:
    document = build_document(MALI, library)
    expected = []
    for paragraph in document.paragraphs:
        expected.append((0, f"{paragraph.label}.", paragraph.text))
        expected += [(sub.level - 1, sub.marker, sub.text) for sub in walk(paragraph.items)]
    paragraphs = numbered_paragraphs(mali_docx)
    numbered = [p for p in paragraphs if p.num_id is not None and p.style != "WG Annex Item"]
    assert [(p.level, p.label, p.text) for p in numbered] == expected
    assert len({p.num_id for p in numbered}) == 1  # one list: numbers run on across headings
    annex = [p for p in paragraphs if p.style == "WG Annex Item"]
    assert document.annex is not None
    assert [(p.label, p.text) for p in annex] == [("–", text) for text in document.annex.items]


def test_headings_and_title_are_not_numbered(mali_docx: Path) -> None:
    paragraphs = numbered_paragraphs(mali_docx)
    unnumbered = [p for p in paragraphs if p.num_id is None]
    styles = [p.style for p in unnumbered]
    assert styles.index("WG Subtitle") == styles.index("WG Title") + 1
    assert styles[0] == "WG Masthead Top"  # the masthead comes first
    headings = [p.text for p in unnumbered if p.style == "WG Heading"]
    assert headings[0] == "Public statement by the Chair of the Working Group"
    assert not [
        p.text for p in paragraphs if re.match(r"^(\d+\.|\([a-z]+\)) ", p.text)
    ]  # no typed labels


def _reference_labels(last_paragraph: int) -> list[str]:
    labels: list[str] = []
    paragraph = 0
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        number = re.match(r"^(\d+)\. ", line)
        sub = re.match(r"^ \(([a-z])\) ", line)
        if number and int(number.group(1)) == paragraph + 1:
            paragraph += 1
            if paragraph > last_paragraph:
                break
            labels.append(str(paragraph))
        elif sub and paragraph:
            labels.append(f"{paragraph} ({sub.group(1)})")
    return labels


def test_labels_match_the_reference_for_paragraphs_1_to_4(library: Library) -> None:
    expected = _reference_labels(4)
    assert expected[:5] == ["1", "2", "3", "4", "4 (a)"] and expected[-1] == "4 (o)"
    labels = build_document(MALI, library).labels()
    assert labels[: len(expected)] == expected


def test_language_and_font_come_from_the_template(mali_docx: Path) -> None:
    import docx
    from docx.oxml.ns import qn

    styles = docx.Document(str(mali_docx)).styles.element
    defaults = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    assert defaults.find(qn("w:lang")).get(qn("w:val")) == "en-GB"
    assert defaults.find(qn("w:rFonts")).get(qn("w:ascii")) == "Times New Roman"
    assert defaults.find(qn("w:sz")).get(qn("w:val")) == "20"  # 10 pt


def test_rendering_twice_gives_the_same_document_text(
    cli: Cli, tmp_path: Path, mali_docx: Path
) -> None:
    assert cli("render", MALI, "-o", tmp_path).code == 0
    first = [(p.style, p.label, p.text) for p in numbered_paragraphs(mali_docx)]
    second = [
        (p.style, p.label, p.text) for p in numbered_paragraphs(tmp_path / "conclusions.docx")
    ]
    assert first == second
