"""What ``wgdraft check`` says of each draft that passes: its counts per section, where
it stands in the negotiation and what is still to review (UI lines, not document text)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from .counts import SectionCount, count
from .itempath import ItemPath
from .models import Draft
from .negotiation import tally
from .review import pending
from .rounds import draft_name, round_file
from .tree import Document

#: the terminal width the report fits: a longer line goes on under itself, indented
WIDTH = 80


def draft_lines(path: Path, draft: Draft, data: Any, clean: Document) -> list[str]:
    """The file, its total counts, each section (of the clean text) on its line, its
    negotiation tally, and what is to review, one point a line; lines wider than
    :data:`WIDTH` columns go on indented below."""
    *sections, total = count(clean)
    points = review_points(data, clean)
    found = round_file(path)
    if found is not None:  # a round is a draft: reported as one, saying whose round
        title = f"{path} (round {found.number} “{found.name}” of {draft_name(found)}):"
    else:
        title = f"{path}:"
    return [
        title,
        *_fit(f"  words: {_number(total.words)} in total ({_sizes(total)})"),
        "  by section:",
        *_fit(*(f"    {r.title} {_number(r.words)} ({_sizes(r)})" for r in sections)),
        *_fit(f"  negotiation: {tally_line(draft)}"),
        f"  to review: {len(points) or 'nothing'}",
        *_fit(*(f"    {point}" for point in points)),
    ]


def _fit(*lines: str) -> list[str]:
    """Each line in lines of :data:`WIDTH` columns at most, its next ones indented two
    more spaces than its first."""
    out = []
    for line in lines:
        indent = " " * (len(line) - len(line.lstrip()) + 2)
        wrapped = textwrap.wrap(line, WIDTH, subsequent_indent=indent, break_on_hyphens=False)
        out += wrapped or [line]
    return out


def _number(value: int) -> str:
    return f"{value:,}"


def _sizes(row: SectionCount) -> str:
    """ "2 paragraphs, 17 subparagraphs" (no subparagraphs: not said)."""
    parts = [f"{row.paragraphs} paragraph{'s' if row.paragraphs != 1 else ''}"]
    if row.subparagraphs:
        parts.append(f"{row.subparagraphs} subparagraph{'s' if row.subparagraphs != 1 else ''}")
    return ", ".join(parts)


def tally_line(draft: Draft) -> str:
    """Open (proposed, under discussion), agreed, bracketed items and comments."""
    t = tally(draft)
    return (
        f"{t.items} items: {t.open} open ({t.proposed} proposed, {t.under_discussion} under "
        f"discussion), {t.agreed} agreed, {t.bracketed} bracketed, {t.comments} comment(s)"
    )


def review_points(data: Any, document: Document) -> list[str]:
    """The fields and items still to review, one line each: a field by its path and
    label, an item by its paragraph label and its clauses."""
    points = pending(data)
    if not points:
        return []
    labels = {str(path): node.label for path, node in document.by_path().items()}
    shown = []
    for point in points:
        if point.field is not None:
            shown.append(f"{point.field} ({point.label})")
        else:
            where = str(ItemPath.of(point.ref))
            label = labels.get(where)
            shown.append(f"{label} ({point.label})" if label else point.label)
    return shown
