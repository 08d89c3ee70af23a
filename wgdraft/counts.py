"""Words and paragraphs of a conclusions document, per section and in total."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .tree import Document, Heading, Paragraph, walk

#: the title of the row of the paragraphs before the first heading
OPENING = "Opening"
#: the title of the last row
TOTAL = "Total"

#: a word: letters or digits, with what joins them ("non-discriminatory", "519,300",
#: "S/2022/856", "children’s"); dashes, brackets and labels alone are not words
_WORD = re.compile(r"\w+(?:[-‐‑’'.,/:]\w+)*")


@dataclass(frozen=True)
class SectionCount:
    """The numbered paragraphs, subparagraphs (with nested items) and words of one
    section; its heading's words count with it."""

    title: str
    paragraphs: int
    subparagraphs: int
    words: int


def words(text: str) -> int:
    """How many words ``text`` holds."""
    return len(_WORD.findall(text))


def count(document: Document) -> list[SectionCount]:
    """Each section of the conclusions in order (the paragraphs before the first heading
    as "Opening", a section without a heading with the one before it), then the annex
    (its comments as paragraphs) if any, then a last "Total" row: the sum of the rows.
    The title, subtitle and masthead are in no row."""
    rows: list[SectionCount] = []
    title, paragraphs, subparagraphs, total_words = OPENING, 0, 0, 0
    for node in document.body:
        if isinstance(node, Heading):
            if paragraphs or title != OPENING:
                rows.append(SectionCount(title, paragraphs, subparagraphs, total_words))
            title, paragraphs, subparagraphs, total_words = node.text, 0, 0, words(node.text)
            continue
        paragraphs += 1
        subparagraphs += sum(1 for _ in walk(node.items))
        total_words += _paragraph_words(node)
    if paragraphs or title != OPENING:
        rows.append(SectionCount(title, paragraphs, subparagraphs, total_words))
    annex = document.annex
    if annex is not None:
        texts = [annex.heading, annex.mission, annex.title, *annex.items, annex.closing or ""]
        rows.append(SectionCount(annex.heading, len(annex.items), 0, sum(words(t) for t in texts)))
    rows.append(
        SectionCount(
            TOTAL,
            sum(r.paragraphs for r in rows),
            sum(r.subparagraphs for r in rows),
            sum(r.words for r in rows),
        )
    )
    return rows


def _paragraph_words(paragraph: Paragraph) -> int:
    return words(paragraph.text) + sum(words(sub.text) for sub in walk(paragraph.items))
