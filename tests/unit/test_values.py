"""Where a parameter's value comes from (wgdraft.values): the item, else the block, else
the draft's values, else the situation, else the default; the parameter form and
assembly use the same order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.unit.test_assemble import FRAMING, clause, draft
from wgdraft.assemble import assemble
from wgdraft.forms import fields
from wgdraft.library import Family, Library, Templates
from wgdraft.models import Channel


@pytest.fixture
def lib() -> Library:
    clauses = [
        clause(
            "c.who",
            "Calling upon {{ parties | join_and }}{% if soon %} at once{% endif %} since {{ since }}",
            params={
                "parties": {"type": "names", "description": "who", "example": ["x"]},
                "soon": {"type": "yesno", "description": "now?", "example": True, "default": False},
                "since": {"type": "month", "description": "when", "example": "2021-08"},
            },
        )
    ]
    soon = {"type": "yesno", "description": "now?", "example": True, "default": False}
    channels = {
        "a": Channel.model_validate(
            {"id": "a", "title": "A", "section": "one", "kind": "council", "intro": "To all:"}
            | {"params": {"soon": soon}}  # a block's values are its channel's parameters
        )
    }
    templates = Templates(Path("."), FRAMING, channels, {"f": Family(title="F")})
    return Library(
        Path("."),
        {c.id: c for c in clauses},
        {c.id: Path("c.who.yaml") for c in clauses},
        templates,
    )


SITUATION_PARTIES = ["the army"]  # the situation of every case names its parties


@pytest.mark.parametrize(
    ("item", "block", "values", "parties", "soon", "since"),
    [
        # nothing given: the situation's parties, the default "no"; since from the draft
        ({}, {}, {"since": "2021-08"}, ["the army"], False, "August 2021"),
        # the draft's values over the situation
        ({}, {}, {"since": "2021-08", "parties": ["the police"]}, ["the police"], False, None),
        # the block's over the draft's
        ({}, {"soon": True}, {"since": "2021-08", "soon": False}, ["the army"], True, None),
        # the item's over all
        (
            {"soon": "no", "since": "2020-01"},
            {"soon": True},
            {"since": "2021-08"},
            None,
            False,
            "January 2020",
        ),
    ],
)
def test_form_and_assembly_take_values_from_the_same_place(
    lib: Library,
    item: dict[str, Any],
    block: dict[str, Any],
    values: dict[str, Any],
    parties: list[str] | None,
    soon: bool,
    since: str | None,
) -> None:
    the_draft = draft(
        values=values,
        situation={
            "country": {"name": "Sudan", "article": "the"},
            "meeting": {"date": "2024-01-31"},
            "report": {"ordinal": "first", "symbol": "S/2024/1"},
            "parties": SITUATION_PARTIES,
        },
        blocks=[{"channel": "a", "values": block, "items": [{"clause": "c.who", "values": item}]}],
    )
    form = {f.name: f for f in fields(lib.clauses["c.who"].params, item, the_draft, block)}
    assert form["soon"].text == ("yes" if soon else "no")
    assert form["soon"].inherited is ("soon" not in item)
    text = assemble(the_draft, lib).paragraphs[0].items[0].text
    assert (" at once" in text) is soon
    # the form shows the value assembly prints
    shown_parties = form["parties"].text.splitlines()
    assert text.startswith("Calling upon " + " and ".join(shown_parties))
    if parties is not None:
        assert shown_parties == parties
    if since is not None:
        assert text.endswith(f"since {since}.")
