"""Plain-text rendering of the document tree, with the UN labels ("4.", "(a)", "(i)"):
the ``text`` format. Each part of a document (``tree.Part``) is its lines, then a blank
line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .tree import Document, Letter, Note, Part, Statement, Subparagraph

if TYPE_CHECKING:
    from .library import Library
    from .renderers import Renderer

_INDENT = "    "


Line = tuple[str | None, str]  # (label of the paragraph or item on the line, the line)


def _notes(notes: tuple[Note, ...], level: int, lines: list[Line]) -> None:
    """The notes of a paragraph (level 1) or item, one line each, indented below it."""
    lines += [(None, f"{_INDENT * level}{note.line}") for note in notes]


def _items(items: tuple[Subparagraph, ...], lines: list[Line]) -> None:
    for item in items:
        lines.append((item.label, f"{_INDENT * (item.level - 1)}{item.marker} {item.text}"))
        _notes(item.notes, item.level, lines)
        _items(item.children, lines)


#: Roles plain text leaves out.
_NOT_SHOWN = frozenset({"masthead"})

#: Roles the next part follows without a blank line between them.
_RUN_ON = frozenset({"press_release"})


def _part(part: Part, lines: list[Line]) -> None:
    """One part's lines: a numbered paragraph's with its label, the annex's comments
    indented after a dash, every other line as it is; then its subparagraphs."""
    for line in part.lines:
        if part.role == "paragraph":
            lines.append((part.label, f"{part.label}. {line}"))
        elif part.role == "annex_items":
            lines.append((None, f"{_INDENT}– {line}"))
        else:
            lines.append((None, line))
    _notes(part.notes, 1, lines)
    _items(part.items, lines)


def _layout(parts: tuple[Part, ...], *, blank_after_last: bool) -> list[Line]:
    """The lines of the shown parts, a blank line after each part but a run-on one."""
    shown = [part for part in parts if part.role not in _NOT_SHOWN]
    lines: list[Line] = []
    for index, part in enumerate(shown):
        _part(part, lines)
        last = index == len(shown) - 1
        if part.role not in _RUN_ON and (blank_after_last or not last):
            lines.append((None, ""))
    return lines


def text_lines(document: Document) -> list[Line]:
    """The conclusions as plain-text lines, each with the label it shows (or None), so a
    viewer can find the line of a paragraph or item."""
    return _layout(document.parts(), blank_after_last=True)


def render_text(document: Document) -> str:
    """The conclusions as plain text: one line per paragraph, blank lines between blocks."""
    return "\n".join(line for _, line in text_lines(document)).rstrip("\n") + "\n"


def _text(parts: tuple[Part, ...]) -> str:
    return "\n".join(line for _, line in _layout(parts, blank_after_last=False)) + "\n"


def render_letter_text(letter: Letter) -> str:
    """A letter as plain text."""
    return _text(letter.parts())


def render_statement_text(statement: Statement) -> str:
    """A public statement as plain text."""
    return _text(statement.parts())


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
