"""What an adopted text is made of once read: paragraphs with their items, the annex and
the masthead, as plain frozen dataclasses (no rendering, no library)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, slots=True)
class AdoptedItem:
    """A lettered subparagraph, an (i) item or a bullet.

    ``marker`` is "a", "b", ... for (a); "i", "ii" for (i); "•" for a bullet (any bullet
    or dash); "1", "2" for items a press release numbers; "" for an item printed without
    a label (press releases whose bullets were lost). ``text`` has no marker, and line
    wrapping, page furniture and hyphenation splits are repaired."""

    marker: str
    text: str
    items: tuple[AdoptedItem, ...] = ()
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class AdoptedParagraph:
    """A numbered paragraph (``number`` None in a press release).

    ``text`` is the paragraph's own text (for a recipient block its introductory formula,
    ending in ":"); ``heading`` the section heading printed just before it, if any. In a
    press release each "To ...:" addressee line is one paragraph with its bullets."""

    number: int | None
    text: str
    items: tuple[AdoptedItem, ...] = ()
    heading: str | None = None
    truncated: bool = False


@dataclass(frozen=True, slots=True)
class AdoptedAnnex:
    """The annex: its heading, the mission line, the title, the comments and the closing."""

    heading: str | None
    mission: str | None
    title: str | None
    comments: tuple[str, ...]
    closing: str | None


@dataclass(frozen=True, slots=True)
class Adopted:
    """One adopted text as read from a file."""

    source: Path
    format: str  # "txt" | "docx" | "pdf"
    kind: str  # "conclusions" | "statement"
    title: str | None  # "Conclusions on children and armed conflict in Mali"
    symbol: str | None  # "S/AC.51/2023/3"
    date: str | None  # as printed: "1 June 2023"
    country: str | None  # as in the title, article included: "the Sudan"
    paragraphs: tuple[AdoptedParagraph, ...]
    annex: AdoptedAnnex | None = None
    press_release: str | None = None  # "SC/15151"
    lead: str | None = None  # a press release's lead-in paragraph
    meta: dict[str, str] = field(default_factory=dict)  # corpus "# key: value" header lines
    truncated: bool = False  # the source is partial ("[... rest not retrieved ...]")

    def items(self) -> list[AdoptedItem]:
        """Every item of every paragraph, nested (i) items after their parent, in order."""
        out: list[AdoptedItem] = []

        def walk(items: tuple[AdoptedItem, ...]) -> None:
            for item in items:
                out.append(item)
                walk(item.items)

        for paragraph in self.paragraphs:
            walk(paragraph.items)
        return out
