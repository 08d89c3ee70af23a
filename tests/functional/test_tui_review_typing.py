"""Typing in a field to review adds to the value shown (a resolution to the list);
it does not replace the whole value with the first key pressed."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from tests.conftest import MALI
from tests.functional.tui_helpers import wait_for, wait_for_screen
from tui.app import build_app
from wgdraft.drafts import load_draft
from wgdraft.library import Library
from wgdraft.session import DraftSession


async def test_typing_in_the_review_dialog_appends_to_the_value(
    library: Library, tmp_path: Path
) -> None:
    draft = DraftSession.from_earlier(MALI, tmp_path / "mali-2025.yaml", library, {}).save()
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        for _ in range(20):  # n up to the resolutions, the others left for later
            await pilot.press("n")
            await wait_for_screen(pilot, "ReviewFieldDialog")
            if pilot.app.screen.point.field == "situation.resolutions":
                break
            await pilot.press("escape")
            await wait_for_screen(pilot, "EditorScreen")
        dialog = pilot.app.screen
        title = str(dialog.query_one(".question", Static).render())
        assert "(17 left)" in title  # how many are left, not "7 of 17" (which is 1 of N in turn)
        await pilot.press(*", 2764 (2024)")
        await pilot.press("enter")
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not pilot.app.screen.session.dirty, "saved")
    resolutions = load_draft(draft).situation.resolutions
    assert "1612 (2005)" in resolutions
    assert "2764 (2024)" in resolutions
