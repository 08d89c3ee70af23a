"""The negotiation forms keep their typing like every other form: a session that stops
with the comments, the alternatives or a round's name half typed offers them back when
the draft is opened again (the app is left without closing the form, as a crash would)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.functional.test_tui_negotiation import CALLING, copy_of_mali, open_brackets
from tests.functional.tui_helpers import answer, cursor_to, fill, wait_for, wait_for_screen
from tui.app import build_app
from wgdraft.drafts import load_draft
from wgdraft.formrecovery import pending_forms
from wgdraft.library import Library
from wgdraft.rounds import list_rounds


@asynccontextmanager
async def reopened(library: Library, draft: Path, title: str, form: str) -> AsyncIterator[Pilot]:  # type: ignore[type-arg]
    """A new app on ``draft``: the form is offered back, reopened with its typing."""
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "ConfirmDialog")
        assert title in str(pilot.app.screen.query_one(".question").render())
        await answer(pilot, "reopen")
        await wait_for_screen(pilot, form)
        yield pilot


async def done_and_saved(pilot: Pilot) -> None:  # type: ignore[type-arg]
    """The reopened form done (ctrl+s), then the draft saved."""
    await pilot.press("ctrl+s")
    await wait_for_screen(pilot, "EditorScreen")
    await pilot.press("ctrl+s")
    await wait_for(pilot, lambda: not pilot.app.screen.session.dirty)


async def test_a_comment_half_typed_is_offered_back(library: Library, tmp_path: Path) -> None:
    draft = copy_of_mali(tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "4 (b)")
        await pilot.press("k")
        await wait_for_screen(pilot, "CommentsDialog")
        await fill(pilot, "#author", "France")
        await fill(pilot, "#comment-text", "Keep the 2020 wording")
        await wait_for(pilot, lambda: len(pending_forms(draft)) == 1, "the typing kept")
    async with reopened(library, draft, "Comments on 4 (b)", "CommentsDialog") as pilot:
        area = pilot.app.screen.query_one("#comment-text", TextArea)
        await wait_for(pilot, lambda: area.text == "Keep the 2020 wording")
        await done_and_saved(pilot)
    [comment] = load_draft(draft).blocks[0].items[1].comments
    assert (comment.author, comment.text) == ("France", "Keep the 2020 wording")
    assert pending_forms(draft) == []


async def test_alternatives_half_typed_are_offered_back(library: Library, tmp_path: Path) -> None:
    draft = copy_of_mali(tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await open_brackets(pilot, "4 (b)")
        await fill(pilot, "#span", "Calling upon")
        await fill(pilot, "#opt-text-0", "Calling upon")
        await fill(pilot, "#opt-by-0", "France")
        await fill(pilot, "#opt-text-1", "Urging")
        await wait_for(pilot, lambda: len(pending_forms(draft)) == 1, "the typing kept")
    async with reopened(library, draft, "Alternatives in 4 (b)", "BracketForm") as pilot:
        by = pilot.app.screen.query_one("#opt-text-1", Input)
        await wait_for(pilot, lambda: by.value == "Urging")
        await fill(pilot, "#opt-by-1", "Russian Federation")
        await done_and_saved(pilot)
    [bracket] = load_draft(draft).blocks[CALLING[1]].items[CALLING[3]].brackets
    assert [(o.text, o.proposed_by) for o in bracket.options] == [
        ("Calling upon", "France"),
        ("Urging", "Russian Federation"),
    ]


async def test_a_round_name_half_typed_is_offered_back(library: Library, tmp_path: Path) -> None:
    draft = copy_of_mali(tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("R")
        await wait_for_screen(pilot, "RoundsScreen")
        await pilot.press("s")
        await wait_for_screen(pilot, "LineDialog")
        await fill(pilot, "#text", "Rev.1 (informal)")
        await wait_for(pilot, lambda: len(pending_forms(draft)) == 1, "the typing kept")
    async with reopened(library, draft, "Name of the round", "LineDialog") as pilot:
        line = pilot.app.screen.query_one("#text", Input)
        await wait_for(pilot, lambda: line.value == "Rev.1 (informal)")
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(list_rounds(draft)) == 1, "the round saved")
    assert [r.name for r in list_rounds(draft)] == ["Rev.1 (informal)"]
