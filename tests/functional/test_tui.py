"""The placeholder terminal UI, driven with Textual's Pilot."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from tui.app import WgdraftApp
from wgdraft.library import Library


async def test_app_lists_the_library_and_quits(library: Library) -> None:
    app = WgdraftApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        options = app.query_one("#clauses", OptionList)
        assert options.option_count == len(library.clauses)
        banner = str(app.query_one("#banner", Static).render())
        assert f"{len(library.clauses)} clauses" in banner
        start = options.highlighted or 0
        await pilot.press("down", "down")
        assert options.highlighted == start + 2
        await pilot.press("q")
    assert app.return_code == 0
