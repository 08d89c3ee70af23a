"""Applying Word tracked changes to a DOCX's document.xml, as "accept all" and "reject
all" do, and reading its paragraphs back (style and text), to test redlines."""

from __future__ import annotations

import copy
import itertools
import zipfile
from pathlib import Path
from typing import Literal

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
Action = Literal["accept", "reject"]
Paragraph = tuple[str, str]  # (style id, text)


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def body(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    found = root.find(_w("body"))
    assert found is not None
    return found


def _mark(p: etree._Element) -> str | None:
    """ "ins" or "del" if the paragraph mark is tracked as inserted or deleted."""
    rpr = p.find(f"{_w('pPr')}/{_w('rPr')}")
    if rpr is None:
        return None
    for kind in ("ins", "del"):
        if rpr.find(_w(kind)) is not None:
            return kind
    return None


def _unwrap(element: etree._Element) -> None:
    parent = element.getparent()
    assert parent is not None
    index = parent.index(element)
    for child in list(element):
        parent.insert(index, child)
        index += 1
    parent.remove(element)


def apply(root: etree._Element, action: Action) -> etree._Element:
    """A copy of the body with every change accepted (deletions gone, insertions kept,
    a paragraph whose mark is deleted joined to the next, whose properties it takes) or
    rejected (the reverse, and the properties a paragraph had before restored)."""
    root = copy.deepcopy(root)
    drop, keep = ("del", "ins") if action == "accept" else ("ins", "del")
    for element in list(root.iter(_w(drop))):
        parent = element.getparent()
        if parent is not None and parent.tag != _w("rPr"):
            parent.remove(element)
    for element in list(root.iter(_w(keep))):
        parent = element.getparent()
        if parent is not None and parent.tag != _w("rPr"):
            _unwrap(element)
    for text in list(root.iter(_w("delText"))):
        text.tag = _w("t")
    paragraphs = [p for p in root if p.tag == _w("p")]
    for p, after in itertools.pairwise(paragraphs):
        if _mark(p) == drop:  # the mark goes: the content joins the next paragraph
            ppr = after.find(_w("pPr"))
            start = 0 if ppr is None else after.index(ppr) + 1
            for child in reversed([c for c in p if c.tag != _w("pPr")]):
                after.insert(start, child)
            root.remove(p)
    for change in list(root.iter(_w("pPrChange"))):  # a paragraph's properties before
        ppr = change.getparent()
        assert ppr is not None
        ppr.remove(change)
        if action == "reject":
            old = change.find(_w("pPr"))
            for child in [c for c in ppr if c.tag not in (_w("rPr"), _w("sectPr"))]:
                ppr.remove(child)
            for index, child in enumerate([] if old is None else list(old)):
                ppr.insert(index, child)
    for rpr in root.iter(_w("rPr")):
        for kind in ("ins", "del"):
            for mark in rpr.findall(_w(kind)):
                rpr.remove(mark)
    return root


def paragraphs(root: etree._Element) -> list[Paragraph]:
    """(style id, text) of every paragraph of a body; tabs as \\t, deleted text left out."""
    out = []
    for p in root.iter(_w("p")):
        style = p.find(f"{_w('pPr')}/{_w('pStyle')}")
        text = "".join(
            "\t" if node.tag == _w("tab") else node.text or ""
            for node in p.iter(_w("t"), _w("tab"))
        )
        out.append(("" if style is None else style.get(_w("val")) or "", text))
    return out


def tracked(root: etree._Element) -> list[etree._Element]:
    """Every w:ins, w:del and w:pPrChange element (runs, paragraph marks, properties)."""
    return [*root.iter(_w("ins")), *root.iter(_w("del")), *root.iter(_w("pPrChange"))]
