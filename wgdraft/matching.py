"""Matching adopted text back to the clause library by inverting its templates.

Interface skeleton (issue 11, INTERFACES11.md section 2); the bodies follow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .library import Library
from .models import Draft


@dataclass(frozen=True)
class Match:
    """A text read as a clause and variant with the parameter values read back."""

    clause: str
    variant: str | None
    values: dict[str, Any]
    exact: bool
    similarity: float
    rendered: str


@dataclass(frozen=True)
class ChannelMatch:
    """A block's introductory formula read as a channel with its values."""

    channel: str
    values: dict[str, Any]
    exact: bool
    similarity: float
    rendered: str


@dataclass
class SituationRead:
    """What the title and paragraph 1 of an adopted text say about the situation."""

    situation: dict[str, Any]
    document: dict[str, Any]
    opening: Match | None
    fields: set[str] = field(default_factory=set)


def similarity(a: str, b: str) -> float:
    """Word-level similarity ratio of two texts, 0..1."""
    from difflib import SequenceMatcher

    wa, wb = a.split(), b.split()
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


class Matcher:
    """Matches item texts against a library, with a draft's situation as context."""

    def __init__(self, library: Library, draft: Draft) -> None:
        self.library = library
        self.draft = draft

    def match(self, text: str) -> Match | None:
        """The best clause and variant for ``text``; exact if it renders back to it."""
        found = self.nearest(text, 1)
        return found[0] if found else None

    def nearest(self, text: str, limit: int = 3) -> list[Match]:
        """The clauses closest to ``text`` by :func:`similarity`, best first."""
        return []

    def match_channel(self, intro: str) -> ChannelMatch | None:
        """The channel whose introductory formula reads as ``intro``."""
        return None


def read_situation(
    library: Library,
    title: str | None,
    paragraph1: str | None,
    symbol: str | None = None,
    date: str | None = None,
) -> SituationRead:
    """The situation read from a text's title and paragraph 1 (opening.meeting)."""
    return SituationRead({}, {}, None, set())
