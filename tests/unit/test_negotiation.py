"""negotiation.py: the tally of a draft's items and its unresolved brackets."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

import pytest

from tests.negotiation_draft import mali_data, negotiated
from wgdraft.assemble import assemble
from wgdraft.errors import WgdraftError
from wgdraft.itempath import ItemPath
from wgdraft.library import Library
from wgdraft.models import Draft
from wgdraft.negotiation import has_negotiation, tally, unresolved


def _draft(data: dict) -> Draft:  # type: ignore[type-arg]
    return Draft.model_validate(data)


def test_a_draft_without_negotiation_data_is_all_proposed() -> None:
    draft = _draft(mali_data())
    counted = tally(draft)
    # 3 opening paragraphs and the 15 items (a)-(o) of paragraph 4
    assert (counted.items, counted.proposed, counted.open) == (18, 18, 18)
    assert (counted.agreed, counted.under_discussion, counted.bracketed, counted.comments) == (
        0,
        0,
        0,
        0,
    )
    assert unresolved(draft) == []
    assert not has_negotiation(draft)


def test_states_brackets_and_comments_are_counted() -> None:
    draft = _draft(negotiated())
    counted = tally(draft)
    assert counted.items == 18
    assert (counted.agreed, counted.under_discussion, counted.proposed) == (1, 1, 16)
    assert counted.open == 17
    assert (counted.bracketed, counted.comments) == (1, 1)
    [(path, bracket)] = unresolved(draft)
    assert path == ItemPath(("blocks", 0, "items", 1))
    assert bracket.span == "Calling upon"
    assert has_negotiation(draft)


def test_a_chosen_option_resolves_the_bracket() -> None:
    draft = _draft(negotiated(chosen="Urging"))
    assert unresolved(draft) == []
    assert tally(draft).bracketed == 0


def test_sub_items_are_counted() -> None:
    data = mali_data()
    data["blocks"][0]["items"][0]["items"] = [
        {"text": "first", "status": "agreed"},
        {"text": "second", "brackets": [{"span": "second", "options": [{"text": "2nd"}]}]},
    ]
    draft = _draft(data)
    counted = tally(draft)
    assert (counted.items, counted.agreed, counted.bracketed) == (20, 1, 1)
    [(path, _bracket)] = unresolved(draft)
    assert str(path) == "blocks[0].items[0].items[1]"


@pytest.mark.parametrize(
    ("field", "name", "data"),
    [
        ("negotiation", "negotiation.yaml", negotiated),
        ("correspondence", "correspondence.yaml", mali_data),
    ],
)
def test_a_templates_file_assembly_needs_is_named_when_missing(
    library: Library, field: str, name: str, data: Callable[[], dict[str, Any]]
) -> None:
    templates = dataclasses.replace(library.templates, **{field: None})
    bare = dataclasses.replace(library, templates=templates)
    with pytest.raises(WgdraftError) as caught:
        assemble(_draft(data()), bare)
    [problem] = caught.value.problems
    assert (problem.file, problem.message) == (templates.root / name, "file not found")
