"""The negotiation forms in a 120-column terminal: every label can be read whole."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.widgets import Label

from tests.functional.test_tui_negotiation import copy_of_mali, open_brackets
from tests.functional.tui_helpers import wait_for_screen
from tui.app import build_app
from wgdraft.library import Library


async def test_bracket_form_labels_are_not_cut(library: Library, tmp_path: Path) -> None:
    draft = copy_of_mali(tmp_path)
    async with build_app(library, draft).run_test(size=(120, 40)) as pilot:
        await open_brackets(pilot, "4 (b)")
        await wait_for_screen(pilot, "BracketForm")
        for label in pilot.app.screen.query(Label):
            text = Text.from_markup(str(label.content)).plain
            box = label.parent.content_region  # type: ignore[union-attr]
            region = label.content_region
            assert region.right <= box.right, f"cut at the dialog's edge: {text!r}"
            assert len(text) <= region.width * region.height, f"cut: {text!r} in {region}"
