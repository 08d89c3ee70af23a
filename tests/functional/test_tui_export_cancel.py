"""Cancelling the clean export (alternatives still open) says that nothing was written,
instead of closing without a word."""

from __future__ import annotations

from pathlib import Path

from tests.functional.test_tui_negotiation import with_open_bracket
from tests.functional.tui_helpers import answer, choose_option, wait_for, wait_for_screen
from tui.app import build_app
from wgdraft.library import Library


async def test_cancelled_clean_export_says_nothing_was_exported(
    library: Library, tmp_path: Path
) -> None:
    out = tmp_path / "export"
    app = build_app(library, with_open_bracket(tmp_path), output_dir=out)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "clean")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "cancel")
        await wait_for_screen(pilot, "EditorScreen")
        await wait_for(
            pilot,
            lambda: any(n.title == "Not exported" for n in app._notifications),
            "a word that nothing was exported",
            tries=200,
        )
    assert not out.exists()
