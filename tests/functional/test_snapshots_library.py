"""Snapshot tests of the library screen and the clause editor. Repeatable: fixed terminal
size, no cursor blink, isolated state, relative library paths, no animations, and no
timed pauses: each waits for the condition it needs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from tui.app import build_app
from tui.clause_editor import ClauseEditor
from wgdraft import workspace
from wgdraft.library import Library, load_library

SIZE = (160, 48)


pytestmark = pytest.mark.usefixtures("repeatable_tui")


@pytest.fixture
def relative_library() -> Library:
    """The bundled library with paths relative to the repository (shown on screen)."""
    return load_library(Path("clauses"), Path("templates"))


async def _until(pilot: Pilot, condition: Callable[[], bool]) -> None:
    for _ in range(500):
        if condition():
            return
        await pilot.pause()
    raise AssertionError("the screen never reached the state to snapshot")


async def _no_blink(pilot: Pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def _screen(pilot: Pilot) -> str:
    return type(pilot.app.screen).__name__


def _editor_ready(pilot: Pilot) -> bool:
    """The clause editor is composed and its preview rendered."""
    previews = pilot.app.screen.query("#c-preview")
    return (
        _screen(pilot) == "ClauseEditor"
        and bool(previews)
        and bool(str(previews.first(Static).render()))
    )


def test_library_screen(snap_compare, relative_library: Library) -> None:  # type: ignore[no-untyped-def]
    async def search(pilot: Pilot) -> None:
        await pilot.press("ctrl+l")
        await _until(pilot, lambda: _screen(pilot) == "LibraryScreen")
        await pilot.press(*"referral", "down")
        results = pilot.app.screen.query_one("#lib-results", OptionList)
        await _until(
            pilot,
            lambda: (
                pilot.app.focused is results
                and "icc.referral"
                in str(pilot.app.screen.query_one("#lib-detail", Static).render())
            ),
        )
        await _no_blink(pilot)

    assert snap_compare(build_app(relative_library), terminal_size=SIZE, run_before=search)


def test_clause_editor_of_a_variant(snap_compare, relative_library: Library) -> None:  # type: ignore[no-untyped-def]
    async def open_variant(pilot: Pilot) -> None:
        copy, path = workspace.variant_of(relative_library, "icc.referral", "icc.referral-short")
        pilot.app.push_screen(ClauseEditor(relative_library, copy, path, is_new=True))
        await _until(pilot, lambda: _editor_ready(pilot))
        await _no_blink(pilot)

    assert snap_compare(build_app(relative_library), terminal_size=SIZE, run_before=open_variant)


def test_clause_editor_parameters(snap_compare, relative_library: Library) -> None:  # type: ignore[no-untyped-def]
    async def to_parameters(pilot: Pilot) -> None:
        clause = relative_library.clauses["icc.referral"]
        path = relative_library.files["icc.referral"]
        pilot.app.push_screen(ClauseEditor(relative_library, clause, path))
        await _until(pilot, lambda: _editor_ready(pilot))
        add = pilot.app.screen.query_one("#add-param")
        add.focus()
        add.scroll_visible(animate=False, immediate=True)
        fields = pilot.app.screen.query_one("#clause-fields")
        await _until(pilot, lambda: fields.region.contains_region(add.region))
        await _no_blink(pilot)

    assert snap_compare(build_app(relative_library), terminal_size=SIZE, run_before=to_parameters)
