"""Plain-text rendering of the document tree, with the UN labels ("4.", "(a)", "(i)")."""

from __future__ import annotations

from .tree import Document, Heading, Letter, Paragraph, Statement, Subparagraph

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


def _item_lines(items: tuple[Subparagraph, ...]) -> list[str]:
    lines: list[str] = []
    _items(items, lines)
    return lines


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
