"""TEMPORARY: counts until wgdraft.negotiation (branch nego) is merged."""

from __future__ import annotations

from dataclasses import dataclass

from wgdraft.models import Draft, DraftItem


@dataclass(frozen=True)
class Tally:
    items: int
    proposed: int
    under_discussion: int
    agreed: int
    bracketed: int
    comments: int

    @property
    def open(self) -> int:
        return self.items - self.agreed


def tally(draft: Draft) -> Tally:
    every: list[DraftItem] = []

    def walk(items: list[DraftItem]) -> None:
        for item in items:
            every.append(item)
            walk(item.items)

    walk(draft.opening)
    for block in draft.blocks:
        walk(block.items)
    return Tally(
        len(every),
        sum(i.status == "proposed" for i in every),
        sum(i.status == "under-discussion" for i in every),
        sum(i.status == "agreed" for i in every),
        sum(any(b.chosen is None for b in i.brackets) for i in every),
        sum(len(i.comments) for i in every),
    )
