"""Plain-text rendering of the document tree, with the UN labels ("4.", "(a)", "(i)")."""

from __future__ import annotations

from .tree import Document, Heading, Letter, Paragraph, Statement, Subparagraph

_INDENT = "    "


Line = tuple[str | None, str]  # (label of the paragraph or item on the line, the line)


def _items(items: tuple[Subparagraph, ...], lines: list[Line]) -> None:
    for item in items:
        lines.append((item.label, f"{_INDENT * (item.level - 1)}{item.marker} {item.text}"))
        _items(item.children, lines)


def text_lines(document: Document) -> list[Line]:
    """The conclusions as plain-text lines, each with the label it shows (or None), so a
    viewer can find the line of a paragraph or item."""
    lines: list[Line] = [(None, document.title), (None, ""), (None, document.subtitle), (None, "")]
    for node in document.body:
        if isinstance(node, Heading):
            lines += [(None, node.text), (None, "")]
        elif isinstance(node, Paragraph):
            lines.append((node.label, f"{node.label}. {node.text}"))
            _items(node.items, lines)
            lines.append((None, ""))
    if document.annex is not None:
        annex = document.annex
        for text in (annex.heading, annex.mission, annex.title):
            lines += [(None, text), (None, "")]
        lines += [(None, f"{_INDENT}– {comment}") for comment in annex.items]
        if annex.closing:
            lines += [(None, ""), (None, annex.closing)]
        lines.append((None, ""))
    return lines


def render_text(document: Document) -> str:
    """The conclusions as plain text: one line per paragraph, blank lines between blocks."""
    return "\n".join(line for _, line in text_lines(document)).rstrip("\n") + "\n"


def _item_lines(items: tuple[Subparagraph, ...]) -> list[str]:
    lines: list[Line] = []
    _items(items, lines)
    return [line for _, line in lines]


def render_letter_text(letter: Letter) -> str:
    """A letter as plain text."""
    lines = [*letter.letterhead, "", letter.date, ""]
    for addressee in letter.addressees:
        lines += [*addressee, ""]
    lines += [letter.salutation, "", letter.opening, "", *_item_lines(letter.items), ""]
    lines += [letter.closing, "", *letter.signature]
    return "\n".join(lines) + "\n"


def render_statement_text(statement: Statement) -> str:
    """A public statement as plain text."""
    lines = [statement.press_release] if statement.press_release else []
    lines += [statement.date, "", statement.title, "", statement.lead, ""]
    lines += [statement.addressees, "", *_item_lines(statement.items)]
    return "\n".join(lines) + "\n"
