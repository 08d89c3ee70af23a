"""Reading a rendered DOCX back: styles, numbering levels and the labels Word shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import docx
from docx.oxml.ns import qn

_FORMATS = {
    "decimal": str,
    "lowerLetter": lambda n: chr(ord("a") + n - 1),
    "lowerRoman": lambda n: ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"][n - 1],
}


@dataclass
class NumberedParagraph:
    text: str
    style: str
    num_id: int | None
    level: int | None
    label: str | None  # as Word would show it: "4.", "(b)", "(iv)"


def _num_pr(paragraph, document):  # type: ignore[no-untyped-def]
    """numPr of the paragraph itself, else of its style chain."""
    ppr = paragraph._p.pPr
    if ppr is not None and ppr.numPr is not None:
        return ppr.numPr
    style = paragraph.style
    while style is not None:
        ppr = style.element.pPr
        if ppr is not None and ppr.numPr is not None:
            return ppr.numPr
        style = style.base_style
    return None


def numbered_paragraphs(path: Path) -> list[NumberedParagraph]:
    document = docx.Document(str(path))
    numbering = document.part.numbering_part.element
    abstract_of = {
        int(num.get(qn("w:numId"))): int(num.find(qn("w:abstractNumId")).get(qn("w:val")))
        for num in numbering.findall(qn("w:num"))
    }
    levels: dict[int, dict[int, tuple[str, str]]] = {}
    for abstract in numbering.findall(qn("w:abstractNum")):
        aid = int(abstract.get(qn("w:abstractNumId")))
        levels[aid] = {
            int(lvl.get(qn("w:ilvl"))): (
                lvl.find(qn("w:numFmt")).get(qn("w:val")),
                lvl.find(qn("w:lvlText")).get(qn("w:val")),
            )
            for lvl in abstract.findall(qn("w:lvl"))
        }
    counters: dict[int, list[int]] = {}
    out = []
    for paragraph in document.paragraphs:
        num_pr = _num_pr(paragraph, document)
        num_id = level = label = None
        if num_pr is not None and num_pr.numId is not None:
            num_id = num_pr.numId.val
            level = num_pr.ilvl.val if num_pr.ilvl is not None else 0
            count = counters.setdefault(num_id, [0] * 9)
            count[level] += 1
            for deeper in range(level + 1, 9):
                count[deeper] = 0
            fmt, text = levels[abstract_of[num_id]][level]
            label = text
            for i in range(level + 1):
                lvl_fmt = levels[abstract_of[num_id]][i][0]
                value = _FORMATS[lvl_fmt](count[i]) if lvl_fmt in _FORMATS else ""
                label = label.replace(f"%{i + 1}", value)
            if fmt == "bullet":
                label = text
        out.append(NumberedParagraph(paragraph.text, paragraph.style.name, num_id, level, label))
    return out


def style_names(path: Path) -> set[str]:
    return {style.name for style in docx.Document(str(path)).styles}
