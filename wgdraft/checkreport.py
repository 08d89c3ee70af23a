"""What ``wgdraft check`` says of each draft that passes: its counts per section, where
it stands in the negotiation and what is still to review (UI lines, not document text)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .counts import SectionCount, count
from .itempath import ItemPath
from .models import Draft
from .negotiation import tally
from .review import pending
from .tree import Document


def draft_lines(path: Path, draft: Draft, data: Any, clean: Document) -> list[str]:
    """Five lines: the file, its total counts and by section (of the clean text),
    its negotiation tally, what is to review."""
    *sections, total = count(clean)
    return [
        f"{path}:",
        f"  words: {_number(total.words)} in total ({_sizes(total)})",
        "  by section: "
        + "; ".join(f"{r.title} {_number(r.words)} ({_sizes(r)})" for r in sections),
        f"  negotiation: {tally_line(draft)}",
        f"  to review: {review_line(data, clean)}",
    ]


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


def review_line(data: Any, document: Document) -> str:
    """The fields and items still to review ("nothing" when none), items by their label."""
    points = pending(data)
    if not points:
        return "nothing"
    labels = {str(path): node.label for path, node in document.by_path().items()}
    shown = []
    for point in points:
        if point.field is not None:
            shown.append(f"{point.field} ({point.label})")
        else:
            where = str(ItemPath.of(point.ref))
            label = labels.get(where)
            shown.append(f"{label} ({point.label})" if label else point.label)
    return f"{len(points)}: " + "; ".join(shown)
