"""What a reader sees: the bundle converted by LibreOffice, read with pdftotext (issue 4)."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest

from tests.conftest import MALI
from tests.libreoffice import labels, pdf_pages, to_pdf
from wgdraft.drafts import build_document
from wgdraft.library import Library
from wgdraft.tree import walk


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from wgdraft.cli import main

    root = tmp_path_factory.mktemp("lo")
    out = root / "bundle"
    assert main(["render", str(MALI), "-o", str(out)]) == 0
    files = sorted(out.rglob("*.docx"))
    converted = to_pdf(files, root / "pdf", root / "profile")
    return {str(f.relative_to(out)): pdf for f, pdf in zip(files, converted, strict=True)}


def test_every_file_of_the_bundle_opens(pdfs: dict[str, Path]) -> None:
    assert len(pdfs) == 8  # conclusions, five letters, two statements
    for name, pdf in pdfs.items():
        pages = pdf_pages(pdf)
        assert pages and pages[0].strip(), name


def test_masthead_on_the_first_page(pdfs: dict[str, Path]) -> None:
    first = pdf_pages(pdfs["conclusions.docx"])[0]
    lines = [line.strip() for line in first.splitlines() if line.strip()]
    assert re.match(r"^United Nations\s+S/AC\.51/\[YYYY\]/\[N\]$", lines[0])
    assert lines[1:5] == ["Security Council", "Distr.: General", "1 June 2023", "Original: English"]
    assert lines[5:7] == [
        "Working Group on Children and Armed Conflict",
        "Conclusions on children and armed conflict in Mali",
    ]


def test_labels_as_printed_match_the_document_tree(pdfs: dict[str, Path], library: Library) -> None:
    document = build_document(MALI, library)
    expected = []
    for paragraph in document.paragraphs:
        expected.append(f"{paragraph.number}.")
        expected += [sub.marker for sub in walk(paragraph.items)]
    text = "\n".join(pdf_pages(pdfs["conclusions.docx"]))
    printed = labels(text.split("Annex\n")[0])
    assert printed == expected
    assert [label for label in printed if label.endswith(".")] == [f"{n}." for n in range(1, 12)]


def test_running_heads_and_annex_page(pdfs: dict[str, Path]) -> None:
    pages = pdf_pages(pdfs["conclusions.docx"])
    assert len(pages) >= 3
    second = [line.strip() for line in pages[1].splitlines() if line.strip()]
    assert second[0] == "S/AC.51/[YYYY]/[N]"  # the symbol heads every later page
    assert second[-1] == "2"  # and the page number ends it
    annex_pages = [
        p for p in pages if "Annex" in [x.strip() for x in p.splitlines() if x.strip()][:2]
    ]
    assert len(annex_pages) == 1  # the annex starts a page of its own
    annex = annex_pages[0]
    assert "Permanent Mission of the Republic of Mali to the United Nations" in annex
    assert annex.count("–") == 8
    assert "New York, 26 May 2023" in annex


def test_letter_numbering_restarts_at_a(pdfs: dict[str, Path]) -> None:
    text = "\n".join(pdf_pages(pdfs["letters/06-government-letter.docx"]))
    assert labels(text) == [f"({c})" for c in "abcdefghijk"]
    assert "Excellency," in text and "(Signed) [name]" in text


def test_assigned_symbol_and_job_number(tmp_path: Path) -> None:
    from wgdraft.cli import main

    draft = tmp_path / "mali-issued.yaml"
    text = MALI.read_text(encoding="utf-8").replace(
        "  symbol: null", "  symbol: S/AC.51/2023/3\n  job_number: 23-10315", 1
    )
    draft.write_text(text, encoding="utf-8")
    assert main(["render", str(draft), "-o", str(tmp_path / "out")]) == 0
    [pdf] = to_pdf([tmp_path / "out" / "conclusions.docx"], tmp_path / "pdf", tmp_path / "profile")
    pages = pdf_pages(pdf)
    assert re.search(r"^United Nations\s+S/AC\.51/2023/3$", pages[0].strip().splitlines()[0])
    assert pages[0].strip().splitlines()[-1].strip() == "23-10315 (E)"
    assert pages[1].strip().splitlines()[0].strip() == "S/AC.51/2023/3"
    assert "[YYYY]" not in "".join(pages)


def test_numbering_renumbers_itself_after_an_edit(tmp_path: Path) -> None:
    from wgdraft.cli import main

    assert main(["render", str(MALI), "-o", str(tmp_path / "out")]) == 0
    path = tmp_path / "out" / "conclusions.docx"
    document = docx.Document(str(path))
    fifth = next(
        p
        for p in document.paragraphs
        if p.text.startswith(
            "The Working Group agreed to address a message to community and religious leaders"
        )
    )
    inserted = fifth.insert_paragraph_before("A paragraph added in Word.", style="WG Paragraph")
    assert inserted.style.name == "WG Paragraph"
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    [pdf] = to_pdf([edited], tmp_path / "pdf", tmp_path / "profile")
    text = re.sub(r"\s+", " ", "\n".join(pdf_pages(pdf)))
    assert "5. A paragraph added in Word." in text
    assert "6. The Working Group agreed to address a message to community" in text
    assert "12. The Working Group agreed to address letters from the Chair" in text
