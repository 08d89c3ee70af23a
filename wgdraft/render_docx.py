"""DOCX rendering of the document tree. Formatting lives in templates/reference.docx;
this module only names its styles (``STYLE_NAMES``)."""

from __future__ import annotations

import io
from pathlib import Path

from .tree import Document, Heading, Paragraph, Subparagraph

TITLE = "WG Title"
SUBTITLE = "WG Subtitle"
HEADING = "WG Heading"
PARAGRAPH = "WG Paragraph"
LEVEL_STYLES = {2: "WG Subparagraph", 3: "WG Item"}
ANNEX_HEADING = "WG Annex Heading"
ANNEX_TITLE = "WG Annex Title"
ANNEX_ITEM = "WG Annex Item"
CLOSING = "WG Closing"

#: Every style this module names; a test checks that the reference template has them.
STYLE_NAMES = (
    TITLE, SUBTITLE, HEADING, PARAGRAPH, *LEVEL_STYLES.values(),
    ANNEX_HEADING, ANNEX_TITLE, ANNEX_ITEM, CLOSING,
)  # fmt: skip


def _items(doc, items: tuple[Subparagraph, ...]) -> None:  # type: ignore[no-untyped-def]
    for item in items:
        doc.add_paragraph(item.text, style=LEVEL_STYLES[item.level])
        _items(doc, item.children)


def render_docx(document: Document, reference: Path) -> bytes:
    """The conclusions as DOCX bytes, built on the reference template's styles."""
    import docx  # lazy: python-docx costs ~0.2 s to import

    doc = docx.Document(str(reference))
    doc.add_paragraph(document.title, style=TITLE)
    doc.add_paragraph(document.subtitle, style=SUBTITLE)
    for node in document.body:
        if isinstance(node, Heading):
            doc.add_paragraph(node.text, style=HEADING)
        elif isinstance(node, Paragraph):
            doc.add_paragraph(node.text, style=PARAGRAPH)
            _items(doc, node.items)
    if document.annex is not None:
        annex = document.annex
        doc.add_paragraph(annex.heading, style=ANNEX_HEADING)
        doc.add_paragraph(annex.mission, style=ANNEX_TITLE)
        doc.add_paragraph(annex.title, style=ANNEX_TITLE)
        for comment in annex.items:
            doc.add_paragraph(comment, style=ANNEX_ITEM)
        if annex.closing:
            doc.add_paragraph(annex.closing, style=CLOSING)
    doc.core_properties.title = document.subtitle
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
