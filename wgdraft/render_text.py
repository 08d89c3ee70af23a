"""Plain-text rendering of the document tree, with the UN labels ("4.", "(a)", "(i)")."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tree import Document, Heading, Letter, Paragraph, Part, Statement, Subparagraph

if TYPE_CHECKING:
    from .library import Library
    from .renderers import Renderer

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


#: Roles the next part follows without a blank line between them.
_RUN_ON = frozenset({"press_release"})


def _part_lines(parts: tuple[Part, ...]) -> list[str]:
    """A letter's or statement's parts, one line per line of text or subparagraph, a
    blank line between two parts (none after a run-on part)."""
    lines: list[Line] = []
    for index, part in enumerate(parts):
        if index and parts[index - 1].role not in _RUN_ON:
            lines.append((None, ""))
        lines += [(None, line) for line in part.lines]
        _items(part.items, lines)
    return [line for _, line in lines]


def render_letter_text(letter: Letter) -> str:
    """A letter as plain text."""
    return "\n".join(_part_lines(letter.parts())) + "\n"


def render_statement_text(statement: Statement) -> str:
    """A public statement as plain text."""
    return "\n".join(_part_lines(statement.parts())) + "\n"


class TextRenderer:
    """Plain text in UTF-8, one file per document."""

    name = "text"
    extension = "txt"
    label = "plain text"
    prints = True

    def conclusions(self, document: Document, library: Library) -> bytes:
        return render_text(document).encode("utf-8")

    def letter(self, letter: Letter, library: Library) -> bytes:
        return render_letter_text(letter).encode("utf-8")

    def statement(self, statement: Statement, library: Library) -> bytes:
        return render_statement_text(statement).encode("utf-8")


RENDERER: Renderer = TextRenderer()
