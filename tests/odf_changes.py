"""Reading the tracked changes LibreOffice made of a DOCX: the document converted to ODT
with soffice (headless, a private profile), its content.xml read for the changed regions
(author, date, deleted text) and the insertion ranges in the text, and "accept all" and
"reject all" computed from them as paragraph texts."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lxml import etree

from tests.libreoffice import convert

TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
DC = "http://purl.org/dc/elements/1.1/"


def _t(tag: str) -> str:
    return f"{{{TEXT}}}{tag}"


def to_odt(files: list[Path], out_dir: Path, profile: Path) -> list[Path]:
    """Convert DOCX files to ODT in one LibreOffice run with a private profile."""
    return convert(files, out_dir, profile, "odt")


@dataclass(frozen=True)
class Region:
    """One change LibreOffice tracks: its kind, author, date, and a deletion's paragraphs."""

    kind: str  # insertion | deletion | format-change
    author: str
    date: str
    deleted: tuple[str, ...]


Token = tuple[Literal["char", "break", "point", "start", "end"], str]


def _inline(element: etree._Element) -> Iterator[Token]:
    """The characters and change marks of a paragraph's content, in order."""
    if element.text:
        yield from (("char", c) for c in element.text)
    for child in element:
        tag = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if tag == "s":
            yield from [("char", " ")] * int(child.get(_t("c"), "1"))
        elif tag == "tab":
            yield "char", "\t"
        elif tag == "line-break":
            yield "char", "\n"
        elif tag == "change":
            yield "point", child.get(_t("change-id"), "")
        elif tag == "change-start":
            yield "start", child.get(_t("change-id"), "")
        elif tag == "change-end":
            yield "end", child.get(_t("change-id"), "")
        elif tag not in ("note", "annotation"):
            yield from _inline(child)
        if child.tail:
            yield from (("char", c) for c in child.tail)


def _paragraphs(element: etree._Element) -> Iterator[etree._Element]:
    for node in element.iter(_t("p"), _t("h")):
        if not any(a.tag == _t("tracked-changes") for a in node.iterancestors()):
            yield node


def _text(p: etree._Element) -> str:
    return "".join(value for kind, value in _inline(p) if kind == "char")


@dataclass
class Changes:
    """What LibreOffice read: the tracked regions and the text with its change marks."""

    regions: dict[str, Region]
    tokens: list[Token]

    def paragraphs(self, action: Literal["accept", "reject"]) -> list[str]:
        """The paragraph texts with every change accepted or rejected."""
        out, current, inserting = [], "", set()
        for kind, value in self.tokens:
            if kind == "start" and self.regions[value].kind == "insertion":
                inserting.add(value)
            elif kind == "end":
                inserting.discard(value)
            elif kind == "point" and action == "reject":
                deleted = self.regions[value].deleted
                for index, text in enumerate(deleted):
                    if index:
                        out.append(current)
                        current = ""
                    current += text
            elif kind in ("char", "break") and not (action == "reject" and inserting):
                if kind == "char":
                    current += value
                else:
                    out.append(current)
                    current = ""
        return out


def read_changes(odt: Path) -> Changes:
    with zipfile.ZipFile(odt) as package:
        root = etree.fromstring(package.read("content.xml"))
    office_text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    assert office_text is not None
    regions = {}
    for region in office_text.iter(_t("changed-region")):
        change = region[0]
        info = change.find(f"{{{OFFICE}}}change-info")
        assert info is not None
        regions[region.get(_t("id")) or ""] = Region(
            etree.QName(change).localname,
            info.findtext(f"{{{DC}}}creator") or "",
            info.findtext(f"{{{DC}}}date") or "",
            tuple(_text(p) for p in change.iter(_t("p"), _t("h"))),
        )
    tokens: list[Token] = []
    for p in _paragraphs(office_text):
        tokens += _inline(p)
        tokens.append(("break", ""))
    return Changes(regions, tokens)
