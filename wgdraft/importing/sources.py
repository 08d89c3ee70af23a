"""Turning a file (plain text, Word, PDF) into lines of text for `structure` to read.

The kind of a file is told by its first bytes, not its name. Word paragraphs numbered by
the list of their style (the tool's own DOCX) get their printed label back ("4.", "(a)",
"(i)") from the numbering definitions, with the kind of label as a hint."""

from __future__ import annotations

import codecs
import logging
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Problem, WgdraftError, os_problem
from ..filekinds import binary_kind
from ..tree import roman

#: What a Word list level's number format makes of a label.
_HINTS = {"decimal": "number", "lowerLetter": "letter", "lowerRoman": "roman", "bullet": "bullet"}


@dataclass(frozen=True, slots=True)
class Line:
    """One line of text; ``hint`` says what a Word list label is ("number", "letter",
    "roman", "bullet"), where the file says so."""

    text: str
    hint: str | None = None
    number: int | None = None  # 1-based line number in a text file, for messages


@dataclass(frozen=True, slots=True)
class Source:
    """The lines of a file; ``wrapped`` when a paragraph runs over several lines."""

    path: Path
    format: str  # "txt" | "docx" | "pdf"
    lines: list[Line]
    wrapped: bool


def read_source(path: Path) -> Source:
    """The lines of ``path`` or a WgdraftError naming the file and what is wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WgdraftError(os_problem(exc, path, doing="cannot read")) from None
    if not data.strip():
        raise WgdraftError(Problem(path, "the file is empty: there is no adopted text to read"))
    if data.startswith(b"%PDF"):
        return _pdf(path)
    kind = binary_kind(data[:8192])
    if kind == "a Word document (.docx)" or (kind and path.suffix.lower() == ".docx"):
        return _docx(path)
    if kind is not None:
        kind = kind.replace(", not text", " (not text)")
        raise WgdraftError(
            Problem(path, f"this is {kind}, not an adopted text: give a TXT, DOCX or PDF file")
        )
    if path.suffix.lower() in (".docx", ".pdf"):
        raise WgdraftError(
            Problem(
                path,
                f"this file is named {path.suffix.lower()} but is not a readable "
                f"{'Word document' if path.suffix.lower() == '.docx' else 'PDF'} "
                "(damaged, or another kind of file renamed)",
            )
        )
    return _text(path, data)


def _decode(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _text(path: Path, data: bytes) -> Source:
    text = _decode(data).replace("\f", "\n").replace("\r\n", "\n").replace("\r", "\n")
    lines = [
        Line(line.replace("\t", " ").rstrip(), None, n)
        for n, line in enumerate(text.split("\n"), 1)
    ]
    content = [
        len(line.text.strip())
        for line in lines
        if line.text.strip() and not line.text.startswith(("#", "==="))
    ]
    wrapped = bool(content) and max(content) < 140
    return Source(path, "txt", lines, wrapped)


def _pdf(path: Path) -> Source:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not ours to print
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            raise WgdraftError(
                Problem(path, "this PDF is protected by a password: save an unprotected copy")
            )
        pages = [page.extract_text() or "" for page in reader.pages]
    except WgdraftError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise WgdraftError(
            Problem(path, f"this PDF cannot be read: it is damaged or incomplete ({exc})")
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise WgdraftError(
            Problem(
                path,
                "this PDF has no text layer (a scanned image?): run text recognition (OCR) "
                "on it, or import the Word or text version instead",
            )
        )
    lines = [Line(line.replace("\t", " ").rstrip()) for line in text.split("\n")]
    return Source(path, "pdf", lines, wrapped=True)


def _docx(path: Path) -> Source:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
        lines = list(_docx_lines(document))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise WgdraftError(
            Problem(path, "this Word document cannot be read: it is damaged or incomplete")
        ) from None
    except Exception as exc:  # lxml and python-docx raise many kinds on broken XML
        raise WgdraftError(
            Problem(path, f"this Word document cannot be read (damaged XML): {exc}")
        ) from None
    return Source(path, "docx", lines, wrapped=False)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_lines(document: Any) -> list[Line]:
    """Body paragraphs as lines, each Word list label printed in front of its text."""
    levels = _numbering_levels(document)
    counters: dict[str, list[int]] = {}
    lines: list[Line] = []
    for paragraph in document.paragraphs:
        text = re.sub(r"\s+", " ", paragraph.text.replace("\t", " ")).strip()
        numbering = _num_pr(paragraph)
        if not text:
            continue
        if numbering is None or numbering[0] not in levels or numbering[0] == "0":
            lines.append(Line(text))
            continue
        num_id, ilvl = numbering
        level = levels[num_id].get(ilvl)
        if level is None:
            lines.append(Line(text))
            continue
        fmt, pattern, start = level
        count = counters.setdefault(num_id, [0] * 10)
        if ilvl < len(count):
            count[ilvl] = (count[ilvl] or start - 1) + 1
            for deeper in range(ilvl + 1, len(count)):
                count[deeper] = 0
        # a bullet is printed with a font's private character (Symbol, Wingdings): say •
        label = (
            "•"
            if fmt == "bullet" and pattern not in ("–", "-")
            else _label(pattern, levels[num_id], count)
        )
        lines.append(Line(f"{label} {text}".strip(), _HINTS.get(fmt)))
    return lines


def _label(pattern: str, levels: dict[int, tuple[str, str, int]], count: list[int]) -> str:
    """A list label printed from its pattern ("(%2)") and the counters of its levels."""

    def level(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        fmt = levels.get(index, ("decimal", "", 1))[0]
        return _format(fmt, count[index] or 1) if index < len(count) else ""

    return re.sub(r"%(\d)", level, pattern)


def _num_pr(paragraph: Any) -> tuple[str, int] | None:
    """(numId, level) of a paragraph's list, set on it or on its style (or a base style)."""
    elements = [paragraph._p]
    style = paragraph.style
    while style is not None:
        elements.append(style.element)
        style = style.base_style
    num_id: str | None = None
    ilvl: int | None = None
    for element in elements:
        ppr = element.find(f"{_W}pPr")
        numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
        if numpr is None:
            continue
        if num_id is None and (node := numpr.find(f"{_W}numId")) is not None:
            num_id = node.get(f"{_W}val")
        if ilvl is None and (node := numpr.find(f"{_W}ilvl")) is not None:
            ilvl = int(node.get(f"{_W}val", "0"))
    if num_id is None:
        return None
    return num_id, ilvl or 0


def _numbering_levels(document: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId -> level -> (number format, label pattern, start)."""
    try:
        root = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return {}
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for node in root.findall(f"{_W}abstractNum"):
        lvls = {}
        for lvl in node.findall(f"{_W}lvl"):
            fmt = lvl.find(f"{_W}numFmt")
            text = lvl.find(f"{_W}lvlText")
            start = lvl.find(f"{_W}start")
            lvls[int(lvl.get(f"{_W}ilvl", "0"))] = (
                fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
                text.get(f"{_W}val", "") if text is not None else "",
                int(start.get(f"{_W}val", "1")) if start is not None else 1,
            )
        abstract[node.get(f"{_W}abstractNumId", "")] = lvls
    levels = {}
    for num in root.findall(f"{_W}num"):
        ref = num.find(f"{_W}abstractNumId")
        if ref is not None and ref.get(f"{_W}val") in abstract:
            levels[num.get(f"{_W}numId", "")] = abstract[ref.get(f"{_W}val", "")]
    return levels


def _format(fmt: str, n: int) -> str:
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    return str(n)


def _letters(n: int) -> str:
    """a..z, then aa, bb... as Word counts."""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
