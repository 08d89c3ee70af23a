"""The typed document tree that assembly produces and every renderer reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from .itempath import ItemPath
from .links import Link

_ROMAN = (
    (1000, "m"),
    (900, "cm"),
    (500, "d"),
    (400, "cd"),
    (100, "c"),
    (90, "xc"),
    (50, "l"),
    (40, "xl"),
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def roman(number: int) -> str:
    """Lower-case roman numeral: 4 -> 'iv'."""
    out = ""
    for value, letters in _ROMAN:
        while number >= value:
            out += letters
            number -= value
    return out


def letter(number: int) -> str:
    """1 -> 'a', 26 -> 'z', 27 -> 'aa' (as Word's lowerLetter numbering)."""
    repeat, index = divmod(number - 1, 26)
    return chr(ord("a") + index) * (repeat + 1)


NoteKind = Literal["comment", "proposal"]


@dataclass(frozen=True, slots=True)
class Note:
    """A note on a paragraph in the negotiation text: a comment, or a delegation's
    proposed option. A DOCX shows it as a Word comment, plain text as ``line``."""

    author: str
    #: the date as printed ("" if none), and the day itself for a Word comment
    date: str
    text: str
    kind: NoteKind = "comment"
    #: the note as one line of plain text (templates/negotiation.yaml note_line)
    line: str = ""
    day: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Subparagraph:
    """A lettered subparagraph (level 2, "(b)") or a nested item (level 3, "(iv)")."""

    label: str
    marker: str
    level: int
    text: str
    children: tuple[Subparagraph, ...] = ()
    source: str = ""
    links: tuple[Link, ...] = ()
    #: the draft item it prints; None for a clause's own nested (i) items
    path: ItemPath | None = None
    #: comments and proposals on it (the negotiation text only)
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A numbered paragraph; a recipient block's text is its introductory formula."""

    number: int
    text: str
    items: tuple[Subparagraph, ...] = ()
    source: str = ""
    channel: str | None = None
    links: tuple[Link, ...] = ()
    #: the opening paragraph or block it prints
    path: ItemPath | None = None
    #: comments and proposals on it (the negotiation text only)
    notes: tuple[Note, ...] = ()

    @property
    def label(self) -> str:
        return str(self.number)


@dataclass(frozen=True, slots=True)
class Heading:
    """An unnumbered section heading."""

    text: str
    section: str


@dataclass(frozen=True, slots=True)
class Annex:
    """The country's comments, carried as supplied."""

    heading: str
    mission: str
    title: str
    items: tuple[str, ...]
    closing: str | None = None


#: What a part of the conclusions, a letter or a statement is; a renderer maps each role
#: to its style or layout.
PartRole = Literal[
    "masthead",
    "subtitle",
    "heading",
    "paragraph",
    "annex_heading",
    "annex_title",
    "annex_items",
    "annex_closing",
    "letterhead",
    "date",
    "address",
    "salutation",
    "opening",
    "items",
    "closing",
    "signature",
    "press_release",
    "title",
    "lead",
    "addressees",
]


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a document: its role, its lines (``links`` mark the symbols in a
    one-line part, such as an opening), its subparagraphs, and the label of a numbered
    paragraph ("4") and the draft item it prints."""

    role: PartRole
    lines: tuple[str, ...] = ()
    links: tuple[Link, ...] = ()
    items: tuple[Subparagraph, ...] = ()
    label: str | None = None
    path: ItemPath | None = None
    #: the notes of a numbered paragraph
    notes: tuple[Note, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """A whole conclusions document."""

    title: str
    subtitle: str
    body: tuple[Heading | Paragraph, ...]
    annex: Annex | None = None
    symbol: str | None = None
    symbol_shown: str = ""
    masthead: dict[str, str] = field(default_factory=dict)
    #: the language tag of the document's properties ("en-GB"), from the locale
    language: str = ""

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [node for node in self.body if isinstance(node, Paragraph)]

    def parts(self) -> tuple[Part, ...]:
        """The conclusions in reading order: the masthead (no lines of its own: a format
        that shows it reads ``masthead`` and ``symbol_shown``), title, subtitle, the
        headings and numbered paragraphs, then the annex's heading, mission, title,
        comments and closing."""
        parts = [Part("masthead"), Part("title", (self.title,)), Part("subtitle", (self.subtitle,))]
        for node in self.body:
            if isinstance(node, Heading):
                parts.append(Part("heading", (node.text,)))
            else:
                lines = (node.text,)
                parts.append(
                    Part(
                        "paragraph",
                        lines,
                        node.links,
                        node.items,
                        node.label,
                        node.path,
                        node.notes,
                    )
                )
        if self.annex is not None:
            annex = self.annex
            parts += [
                Part("annex_heading", (annex.heading,)),
                Part("annex_title", (annex.mission,)),
                Part("annex_title", (annex.title,)),
                Part("annex_items", annex.items),
            ]
            if annex.closing:
                parts.append(Part("annex_closing", (annex.closing,)))
        return tuple(parts)

    def labels(self) -> list[str]:
        """Every label in document order: '1', ..., '4 (b)', '11 (a) (iv)'."""
        out: list[str] = []
        for paragraph in self.paragraphs:
            out.append(paragraph.label)
            out += [sub.label for sub in walk(paragraph.items)]
        return out

    def by_path(self) -> dict[ItemPath, Paragraph | Subparagraph]:
        """Every paragraph and subparagraph that prints a draft item, by the item's path."""
        out: dict[ItemPath, Paragraph | Subparagraph] = {}
        for paragraph in self.paragraphs:
            if paragraph.path is not None:
                out[paragraph.path] = paragraph
            out |= {sub.path: sub for sub in walk(paragraph.items) if sub.path is not None}
        return out

    def find(self, label: str) -> Paragraph | Subparagraph:
        """The paragraph or subparagraph with this label."""
        for paragraph in self.paragraphs:
            if paragraph.label == label:
                return paragraph
            for sub in walk(paragraph.items):
                if sub.label == label:
                    return sub
        raise KeyError(label)


def walk(items: tuple[Subparagraph, ...]) -> Iterator[Subparagraph]:
    """Subparagraphs depth-first, in reading order."""
    for item in items:
        yield item
        yield from walk(item.children)


@dataclass(frozen=True, slots=True)
class Letter:
    """A letter that a recipient block of the conclusions promises."""

    paragraph: int
    channel: str
    recipient: str
    sender: str
    letterhead: tuple[str, ...]
    date: str
    addressees: tuple[tuple[str, ...], ...]
    salutation: str
    opening: str
    items: tuple[Subparagraph, ...]
    closing: str
    signature: tuple[str, ...]
    opening_links: tuple[Link, ...] = ()
    #: the block that promises it
    path: ItemPath | None = None
    #: the title and language tag of the letter's document properties, from the locale
    title: str = ""
    language: str = ""

    def parts(self) -> tuple[Part, ...]:
        """The letter in reading order: letterhead, date, one address block per
        addressee, salutation, opening, the block's subparagraphs, closing, signature."""
        return (
            Part("letterhead", self.letterhead),
            Part("date", (self.date,)),
            *(Part("address", lines) for lines in self.addressees),
            Part("salutation", (self.salutation,)),
            Part("opening", (self.opening,), self.opening_links),
            Part("items", items=self.items),
            Part("closing", (self.closing,)),
            Part("signature", self.signature),
        )


@dataclass(frozen=True, slots=True)
class Statement:
    """A public statement by the Chair, issued as a press release."""

    paragraph: int
    channel: str
    recipient: str
    press_release: str | None
    title: str
    date: str
    lead: str
    addressees: str
    items: tuple[Subparagraph, ...]
    lead_links: tuple[Link, ...] = ()
    #: the block that promises it
    path: ItemPath | None = None
    #: the language tag of the statement's document properties, from the locale
    language: str = ""

    def parts(self) -> tuple[Part, ...]:
        """The statement in reading order: the press-release line (if any), date,
        title, lead, addressees, the block's subparagraphs."""
        line = self.press_release
        return (
            *((Part("press_release", (line,)),) if line else ()),
            Part("date", (self.date,)),
            Part("title", (self.title,)),
            Part("lead", (self.lead,), self.lead_links),
            *((Part("addressees", (self.addressees,)),) if self.addressees else ()),
            Part("items", items=self.items),
        )


@dataclass(frozen=True, slots=True)
class Bundle:
    """Everything one draft produces: the conclusions, its letters and statements."""

    conclusions: Document
    letters: tuple[Letter, ...] = ()
    statements: tuple[Statement, ...] = ()
