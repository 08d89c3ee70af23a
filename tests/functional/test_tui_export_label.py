"""ctrl+e asks which text to export (clean, negotiation, redline): the footer says so
with an ellipsis rather than naming one format as if it exported at once."""

from __future__ import annotations

from pathlib import Path

from tests.functional.test_tui_negotiation import copy_of_mali
from tests.functional.tui_helpers import wait_for_screen
from tui.app import build_app
from wgdraft.library import Library


async def test_footer_export_key_announces_a_question(library: Library, tmp_path: Path) -> None:
    async with build_app(library, copy_of_mali(tmp_path)).run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        binding = pilot.app.active_bindings["ctrl+e"].binding
        assert binding.description == "Export…"
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "PickDialog")
