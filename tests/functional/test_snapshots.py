"""Snapshot tests of the key screens: start, the editor with the Mali example, the clause
browser. Repeatable: fixed terminal size, no cursor blink, isolated state, a relative
draft path, no animations."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from tests.conftest import ROOT
from tui.app import build_app
from wgdraft.library import Library

SIZE = (120, 36)


@pytest.fixture(autouse=True)
def _repeatable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.chdir(ROOT)


async def _no_blink(pilot: Pilot) -> None:
    await pilot.pause(0.2)  # past the clause browser's preview delay
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def test_start_screen(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(build_app(library), terminal_size=SIZE, run_before=_no_blink)


def test_editor_with_mali(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    app = build_app(library, Path("examples/mali-2023.yaml"))
    assert snap_compare(app, terminal_size=SIZE, run_before=_no_blink)


def test_clause_browser(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    async def open_browser(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("down", "down", "down", "down")  # from 1 to 4 (a)
        await pilot.press("a")
        await pilot.press(*"detention")
        await _no_blink(pilot)

    app = build_app(library, Path("examples/mali-2023.yaml"))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_browser)
