"""Where a draft stands in the negotiation: the stages a text is rendered at, the
count of open, bracketed and agreed items, and the brackets still to resolve."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal, get_args

from .itempath import ItemPath
from .models import Bracket, Draft, DraftItem

#: What a rendered text shows: "clean" (brackets resolved to the chosen option, no
#: marks or notes) or "negotiation" (every option in brackets, item states marked,
#: proposers and comments as notes).
Stage = Literal["clean", "negotiation"]
STAGES: tuple[Stage, ...] = get_args(Stage)


@dataclass(frozen=True)
class Tally:
    """How many items of a draft are in each state, bracketed or commented on."""

    items: int
    proposed: int
    under_discussion: int
    agreed: int
    #: items with at least one unresolved bracket
    bracketed: int
    #: comments on all items
    comments: int

    @property
    def open(self) -> int:
        """Items not yet agreed."""
        return self.items - self.agreed


def draft_items(draft: Draft) -> Iterator[tuple[ItemPath, DraftItem]]:
    """Every item of a draft in document order: opening paragraphs, then each block's
    items with their sub-items (depth first)."""
    for index, item in enumerate(draft.opening):
        yield ItemPath.opening(index), item
    for index, block in enumerate(draft.blocks):
        yield from _nested(ItemPath.block(index), block.items)


def _nested(parent: ItemPath, items: list[DraftItem]) -> Iterator[tuple[ItemPath, DraftItem]]:
    for index, item in enumerate(items):
        path = parent.item(index)
        yield path, item
        yield from _nested(path, item.items)


def is_open(bracket: Bracket) -> bool:
    """Whether no option of the bracket is chosen yet."""
    return bracket.chosen is None


def tally(draft: Draft) -> Tally:
    """Count every item of ``draft``: opening paragraphs, block items, sub-items."""
    items = [item for _path, item in draft_items(draft)]
    return Tally(
        items=len(items),
        proposed=sum(1 for item in items if item.status == "proposed"),
        under_discussion=sum(1 for item in items if item.status == "under-discussion"),
        agreed=sum(1 for item in items if item.status == "agreed"),
        bracketed=sum(1 for item in items if any(is_open(b) for b in item.brackets)),
        comments=sum(len(item.comments) for item in items),
    )


def unresolved(draft: Draft) -> list[tuple[ItemPath, Bracket]]:
    """The brackets with no option chosen, with the path of their item, in document order."""
    return [
        (path, bracket)
        for path, item in draft_items(draft)
        for bracket in item.brackets
        if is_open(bracket)
    ]


def has_negotiation(draft: Draft) -> bool:
    """Whether any item carries negotiation data (a state other than proposed, a
    bracket or a comment); a draft without any renders the same at every stage."""
    return any(
        item.status != "proposed" or item.brackets or item.comments
        for _path, item in draft_items(draft)
    )
