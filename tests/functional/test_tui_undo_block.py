"""Undo after adding a block with its first clause goes back one step at a time, as the
drafter took them: first the clause (the new block stays, empty, for another clause),
then the block."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MALI
from tests.functional.tui_helpers import (
    choose_option,
    cursor_to,
    fill,
    outline_labels,
    wait_for,
    wait_for_screen,
)
from tui.app import build_app
from wgdraft.errors import WgdraftError
from wgdraft.library import Library
from wgdraft.session import DraftSession

CLAUSE = "recruitment.refrain-new-recruitment"  # no values to ask: added at once


async def test_undo_takes_back_the_clause_then_the_block(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / MALI.name
    shutil.copy(MALI, draft)
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "4")
        session = pilot.app.screen.session  # type: ignore[attr-defined]
        blocks = len(session.blocks())
        await pilot.press("b")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "parties-statement")
        await wait_for_screen(pilot, "ClauseBrowser")
        await fill(pilot, "#query", "refrain new recruitment")
        await choose_option(pilot, "#results", CLAUSE)
        await wait_for(pilot, lambda: len(session.blocks()) == blocks + 1, "the block added")
        new = session.blocks()[1]  # after block 4, the first
        assert new["channel"] == "parties-statement"
        assert [item["clause"] for item in new["items"]] == [CLAUSE]

        await pilot.press("ctrl+z")  # the clause goes, the block stays
        await wait_for(pilot, lambda: not session.blocks()[1]["items"], "the clause undone")
        assert len(session.blocks()) == blocks + 1
        assert session.blocks()[1]["channel"] == "parties-statement"
        labels = outline_labels(pilot)
        assert not any(CLAUSE in label for label in labels)
        # the cursor waits on the emptied block, where "a" adds another clause
        editor = pilot.app.screen
        await wait_for(pilot, lambda: editor.current is not None)  # type: ignore[attr-defined]
        assert editor.current.ref == ("blocks", 1)  # type: ignore[attr-defined]

        await pilot.press("ctrl+z")  # then the block
        await wait_for(pilot, lambda: len(session.blocks()) == blocks, "the block undone")

        await pilot.press("ctrl+y")  # redo brings back the block, then its clause
        await wait_for(pilot, lambda: len(session.blocks()) == blocks + 1, "the block redone")
        assert not session.blocks()[1]["items"]


def test_an_empty_block_says_what_to_do(library: Library, tmp_path: Path) -> None:
    """The problem an empty block makes speaks the drafter's language."""
    session = DraftSession.open(MALI, library)
    session.insert(("blocks",), 1, {"channel": "parties-statement", "items": []})
    with pytest.raises(WgdraftError) as caught:
        session.draft()
    [problem] = caught.value.problems
    assert problem.field == "blocks[1].items"
    assert problem.message == "this block has no items yet: add a clause to it, or remove the block"
