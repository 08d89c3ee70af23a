"""Plain-text rendering of the document tree, with the UN labels ("4.", "(a)", "(i)")."""

from __future__ import annotations

from .tree import Document, Heading, Paragraph, Subparagraph

_INDENT = "    "


def _items(items: tuple[Subparagraph, ...], lines: list[str]) -> None:
    for item in items:
        lines.append(f"{_INDENT * (item.level - 1)}{item.marker} {item.text}")
        _items(item.children, lines)


def render_text(document: Document) -> str:
    """The conclusions as plain text: one line per paragraph, blank lines between blocks."""
    lines: list[str] = [document.title, "", document.subtitle, ""]
    for node in document.body:
        if isinstance(node, Heading):
            lines += [node.text, ""]
        elif isinstance(node, Paragraph):
            lines.append(f"{node.label}. {node.text}")
            _items(node.items, lines)
            lines.append("")
    if document.annex is not None:
        annex = document.annex
        lines += [annex.heading, "", annex.mission, "", annex.title, ""]
        lines += [f"{_INDENT}– {comment}" for comment in annex.items]
        if annex.closing:
            lines += ["", annex.closing]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"
