"""Finding UN document symbols and resolution references in text, for hyperlinks to
``https://undocs.org/en/<symbol>``. Clause authors write plain text; the core marks the
links on the document tree so every renderer (conclusions, letters, statements) has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UNDOCS = "https://undocs.org/en/"

_PART = r"(?:[A-Z]+(?:\.\d+)?|\d+)"
_SYMBOL = re.compile(rf"(?<![\w/])[SAE](?:/{_PART})*/\d+(?![\w/])")
_GA = re.compile(r"\bGeneral Assembly resolutions? ")
_SC = re.compile(r"\bresolutions? ")
_GA_ITEM = re.compile(r"(\d+/\d+)")
_SC_ITEM = re.compile(r"(\d{1,4}) \((\d{4})\)")
_SEPARATOR = re.compile(r",? and |, ")


@dataclass(frozen=True, slots=True)
class Link:
    """Characters ``start:end`` of a text link to ``target``."""

    start: int
    end: int
    target: str


def _list_items(text: str, pos: int, item: re.Pattern[str]) -> list[re.Match[str]]:
    """Items of a list such as "1612 (2005), 1882 (2009) and 2601 (2021)" from ``pos``."""
    found = []
    while True:
        match = item.match(text, pos)
        if match is None:
            return found
        found.append(match)
        separator = _SEPARATOR.match(text, match.end())
        if separator is None or item.match(text, separator.end()) is None:
            return found
        pos = separator.end()


def find_links(text: str, base: str = UNDOCS) -> tuple[Link, ...]:
    """Every symbol and resolution reference in ``text``, in order, not overlapping,
    each linked to ``base`` followed by the symbol (assembly gives the locale's)."""
    links: list[Link] = []
    taken: set[int] = set()

    def add(start: int, end: int, target: str) -> None:
        if not taken.intersection(range(start, end)):
            links.append(Link(start, end, base + target))
            taken.update(range(start, end))

    for intro in _GA.finditer(text):
        for match in _list_items(text, intro.end(), _GA_ITEM):
            add(match.start(), match.end(), f"A/RES/{match.group(1)}")
    for intro in _SC.finditer(text):
        for match in _list_items(text, intro.end(), _SC_ITEM):
            add(match.start(), match.end(), f"S/RES/{match.group(1)}({match.group(2)})")
    for match in _SYMBOL.finditer(text):
        add(match.start(), match.end(), match.group(0))
    return tuple(sorted(links, key=lambda link: link.start))


def split(text: str, links: tuple[Link, ...]) -> list[tuple[str, str | None]]:
    """The text cut into (piece, target or None) runs."""
    runs: list[tuple[str, str | None]] = []
    pos = 0
    for link in links:
        if link.start > pos:
            runs.append((text[pos : link.start], None))
        runs.append((text[link.start : link.end], link.target))
        pos = link.end
    if pos < len(text):
        runs.append((text[pos:], None))
    return runs
