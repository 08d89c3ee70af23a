"""Converting DOCX to PDF with LibreOffice and reading the PDF text with pdftotext.

Locally, tests that need them are skipped when the tools are missing; in CI (CI=true)
a missing tool is a failure, since .ci/run installs them."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOTEXT = shutil.which("pdftotext")


def require_tools() -> None:
    if SOFFICE and PDFTOTEXT:
        return
    message = "LibreOffice (soffice) and poppler-utils (pdftotext) are needed"
    if os.environ.get("CI"):
        pytest.fail(f"{message}; .ci/run should have installed them")
    pytest.skip(message)


def convert(files: list[Path], out_dir: Path, profile: Path, to: str) -> list[Path]:
    """Convert DOCX files ``to`` another format ("pdf", "odt") in one LibreOffice run
    with a private profile; the converted files, in order."""
    require_tools()
    assert SOFFICE is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         "--convert-to", to, "--outdir", str(out_dir), *map(str, files)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    converted = [out_dir / f"{f.stem}.{to}" for f in files]
    missing = [p.name for p in converted if not p.is_file()]
    assert not missing, f"LibreOffice could not open: {missing}"
    return converted


def to_pdf(files: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Convert DOCX files to PDF in one LibreOffice run with a private profile."""
    return convert(files, out_dir, profile, "pdf")


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page, laid out as on the page."""
    result = subprocess.run(
        [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return (
        result.stdout.split("\f")[:-1]
        if result.stdout.endswith("\f")
        else result.stdout.split("\f")
    )


# Paragraph numbers sit at the margin; lettered and roman labels are indented (wrapped
# lines of lettered subparagraphs return to the margin, so they cannot match).
_LABEL = re.compile(r"^(\d+\.)\s+\S|^\s+(\([a-z]+\))\s+\S")


def labels(text: str) -> list[str]:
    """Numbering labels at the start of lines: '1.', '(a)', '(iv)'."""
    return [m.group(1) or m.group(2) for line in text.splitlines() if (m := _LABEL.match(line))]
