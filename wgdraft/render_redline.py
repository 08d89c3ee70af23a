"""A redline as DOCX with Word tracked changes, on render_docx's writer and styles.

Deleted words are runs in ``w:del`` (their text in ``w:delText``), inserted words runs in
``w:ins``, each with an id, the author and the date. A wholly deleted or inserted
paragraph also has its paragraph mark deleted or inserted (``w:pPr/w:rPr/w:del|w:ins``):
accepting a deleted mark joins the paragraph to the next one, so a deleted paragraph
leaves nothing behind; rejecting an inserted mark does the same for an insertion. The
body's last paragraph mark cannot join a next paragraph, so when the document ends with
wholly inserted or deleted paragraphs their marks move one paragraph up (as Word itself
records a paragraph added at the end), inserted ones written before deleted ones; the
paragraph that then ends the document takes the style of the text it keeps once the
changes are accepted, and records the style it has once they are rejected as a tracked
property change (``w:pPrChange``) where the two differ.

Numbering is Word's own (the paragraph styles carry it), so a moved or removed paragraph
never shows its number as a change. The notes of the negotiation text (Word comments in
its DOCX) are left out: the text redline shows them. Hyperlinks are left out of the
redline: a link spanning changed words would be split between a deleted and an inserted
run that point to different documents, and a redline is read for its changes; the clean
render has the links.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .render_docx import _running_heads, _Writer
from .tree import Document, Letter, Statement

if TYPE_CHECKING:
    from .redline import DocumentPair, ParaChange, Span


class _Marks:
    """Tracked-change elements with unique ids, one author and one date."""

    def __init__(self, author: str, date: dt.datetime) -> None:
        self.author = author
        self.date = date.astimezone(dt.UTC).replace(microsecond=0, tzinfo=None).isoformat() + "Z"
        self.next_id = 1

    def element(self, tag: str) -> Any:
        from docx.oxml import OxmlElement
        from docx.oxml.ns import qn

        mark = OxmlElement(tag)
        mark.set(qn("w:id"), str(self.next_id))
        mark.set(qn("w:author"), self.author)
        mark.set(qn("w:date"), self.date)
        self.next_id += 1
        return mark


def _run(text: str, deleted: bool, style_id: str | None) -> Any:
    """A run of ``text``; tabs as ``w:tab``, deleted text in ``w:delText``."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from .docx_xml import styled_run

    run = styled_run(style_id)
    for index, chunk in enumerate(text.split("\t")):
        if index:
            run.append(OxmlElement("w:tab"))
        if chunk:
            t = OxmlElement("w:delText" if deleted else "w:t")
            t.text = chunk
            t.set(qn("xml:space"), "preserve")
            run.append(t)
    return run


def _ending_in_deletion(spans: tuple[Span, ...]) -> tuple[Span, ...]:
    """The spans of a kept paragraph so that it does not end with an insertion: the
    insertions of its last change before the deletions, and an insertion alone at the end
    made a change of the word before it. LibreOffice joins an insertion that ends a
    paragraph with one that starts the next into one range that holds the paragraph
    break, so that rejecting it would join the two paragraphs."""
    from .redline import Span

    if not spans or spans[-1].kind != "insert":
        return spans
    start = len(spans)
    while start and spans[start - 1].kind != "equal":
        start -= 1
    head, tail = list(spans[:start]), spans[start:]
    inserted = [span for span in tail if span.kind == "insert"]
    deleted = [span for span in tail if span.kind == "delete"]
    if not deleted:
        if not head:
            return spans
        kept = head.pop()
        match = re.search(r"\S+\s*$", kept.text)
        if match is None:
            return spans
        word = match.group()
        if match.start():
            head.append(Span("equal", kept.text[: match.start()], kept.style))
        inserted.insert(0, Span("insert", word, kept.style))
        deleted = [Span("delete", word, kept.style)]
    return (*head, *inserted, *deleted)


def _spans(w: _Writer, p: Any, spans: tuple[Span, ...], marks: _Marks) -> None:
    for span in spans:
        w.safe(span.text)
        style_id = w.style_id(span.style) if span.style else None
        run = _run(span.text, span.kind == "delete", style_id)
        if span.kind == "equal":
            p.append(run)
        else:
            wrapper = marks.element("w:del" if span.kind == "delete" else "w:ins")
            wrapper.append(run)
            p.append(wrapper)


def _mark_paragraph(p: Any, kind: str, marks: _Marks) -> None:
    """Record the paragraph mark as deleted or inserted (``w:pPr/w:rPr/w:del|w:ins``)."""
    from docx.oxml import OxmlElement

    ppr = p.get_or_add_pPr()
    rpr = OxmlElement("w:rPr")
    rpr.append(marks.element("w:del" if kind == "delete" else "w:ins"))
    ppr.append(rpr)


def _order(changes: list[ParaChange]) -> tuple[list[ParaChange], list[str | None]]:
    """The paragraphs in writing order and each one's paragraph mark ("delete",
    "insert" or None), the marks of trailing whole insertions and deletions moved one
    paragraph up (see the module docstring)."""
    whole = ("delete", "insert")
    tail = len(changes)
    while tail and changes[tail - 1].kind in whole:
        tail -= 1
    trailing = changes[tail:]
    ordered = (
        changes[:tail]
        + [c for c in trailing if c.kind == "insert"]
        + [c for c in trailing if c.kind == "delete"]
    )
    marks: list[str | None] = [c.kind if c.kind in whole else None for c in ordered]
    if trailing:
        start = max(tail - 1, 0)
        shifted = marks[tail:]
        marks[start : start + len(shifted)] = shifted
        marks[-1] = None
    return ordered, marks


def _group_styles(
    ordered: list[ParaChange], marks: list[str | None], joining: str, gone: str
) -> dict[int, str]:
    """The style of each paragraph that ends a group of paragraphs joined when the
    changes are applied (accepted: deleted marks join, deleted paragraphs are gone;
    rejected: the reverse): the style of the paragraph whose text the group keeps."""
    out: dict[int, str] = {}
    group: list[int] = []
    for index, mark in enumerate(marks):
        group.append(index)
        if mark == joining:
            continue
        kept = [i for i in group if ordered[i].kind != gone]
        source = ordered[kept[0]] if kept else ordered[index]
        para = source.old if gone == "insert" and source.old is not None else source.para
        out[index] = para.style
        group = []
    return out


def _styles(ordered: list[ParaChange], marks: list[str | None]) -> list[tuple[str, str | None]]:
    """Each paragraph's style, and its style before the changes where that differs: the
    paragraph that ends the document holds the text of the last kept paragraph once the
    changes are accepted, and the old last paragraph's once they are rejected (a
    tracked paragraph-property change, ``w:pPrChange``)."""
    accepted = _group_styles(ordered, marks, "delete", "delete")
    rejected = _group_styles(ordered, marks, "insert", "insert")
    out: list[tuple[str, str | None]] = []
    for index, change in enumerate(ordered):
        style = accepted.get(index, rejected.get(index, change.para.style))
        before = rejected.get(index)
        out.append((style, before if before is not None and before != style else None))
    return out


def _style_change(w: _Writer, p: Any, style: str, marks: _Marks) -> None:
    """Record that the paragraph had ``style`` before the changes (``w:pPrChange``)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    change = marks.element("w:pPrChange")
    ppr = OxmlElement("w:pPr")
    pstyle = OxmlElement("w:pStyle")
    pstyle.set(qn("w:val"), w.style_id(style))
    ppr.append(pstyle)
    change.append(ppr)
    p.get_or_add_pPr().append(change)


def render_redline(
    pair: DocumentPair, changes: list[ParaChange], reference: Path, author: str, date: dt.datetime
) -> bytes:
    """One document's redline as DOCX bytes: its paragraphs in their styles, with the
    changes tracked under ``author`` at ``date``."""
    source = pair.new if pair.new is not None else pair.old
    w = _Writer(reference, f"the redline of {pair.name}")
    if isinstance(source, Document):
        _running_heads(w, source)
    marks = _Marks(author, date)
    ordered, paragraph_marks = _order([change for change in changes if change.para.docx])
    styles = _styles(ordered, paragraph_marks)
    for change, mark, (style, before) in zip(ordered, paragraph_marks, styles, strict=True):
        p = w.add("", style)._p
        spans = change.spans if mark == "insert" else _ending_in_deletion(change.spans)
        _spans(w, p, spans, marks)
        if mark is not None:
            _mark_paragraph(p, mark, marks)
        if before is not None:
            _style_change(w, p, before, marks)
    if isinstance(source, Letter | Statement):
        title, language = source.title, source.language
    elif isinstance(source, Document):
        title, language = f"{source.symbol_shown} {source.subtitle}", source.language
    else:
        title, language = "", ""
    return w.save(title, language)
