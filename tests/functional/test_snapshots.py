"""Snapshot tests of the key screens: start, the editor with the Mali example, the clause
browser. Repeatable: fixed terminal size, no cursor blink, isolated state, a relative
draft path, no animations."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from tests.functional.tui_helpers import wait_for
from tui.app import build_app
from wgdraft.library import Library

SIZE = (120, 36)


pytestmark = pytest.mark.usefixtures("repeatable_tui")


async def _no_blink(pilot: Pilot) -> None:
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def _preview_shown(pilot: Pilot) -> bool:
    """The clause browser previews the highlighted clause."""
    screen = pilot.app.screen
    results = screen.query_one("#results", OptionList)
    if results.highlighted is None:
        return False
    clause_id = results.get_option_at_index(results.highlighted).id or ""
    title = screen.index.library.clauses[clause_id].title  # type: ignore[attr-defined]
    return str(screen.query_one("#clause-preview", Static).render()).startswith(title)


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
        await wait_for(pilot, lambda: _preview_shown(pilot))  # after its 80 ms delay
        await _no_blink(pilot)

    app = build_app(library, Path("examples/mali-2023.yaml"))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_browser)


def test_details_form(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    """An open draft's details: fields in sections, dates as they will print, the
    next section reached with ctrl+down."""

    async def open_form(pilot: Pilot) -> None:
        await pilot.press("s")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "DetailsForm")
        await pilot.press("ctrl+down")  # to the meeting and report
        await _no_blink(pilot)

    app = build_app(library, Path("examples/mali-2023.yaml"))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_form)


def test_situation_form_from_an_adopted_text(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    """A new draft from the Mali reference text: the situation form pre-filled, each
    field read from the text marked "from mali-2023-conclusions.txt"."""

    async def import_mali(pilot: Pilot) -> None:
        await pilot.press("i")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "LineDialog")
        pilot.app.screen.query_one(
            "#text", Input
        ).value = "tests/fixtures/mali-2023-conclusions.txt"
        await pilot.press("enter")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "SituationForm")
        await pilot.press("tab", "tab", "tab", "tab")  # to the Government, marks on screen
        await _no_blink(pilot)

    assert snap_compare(build_app(library), terminal_size=SIZE, run_before=import_mali)


def test_values_form_with_its_forms(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    """The values form of 4 (a), a clause with variants: the "Form" select (each form
    with the year last agreed, most recent first) above the fields and the preview."""

    async def open_form(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("down", "down", "down", "down", "down")  # from 1 to 4 (a)
        await pilot.press("e")
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "ParamForm")

        def previewed() -> bool:
            previews = pilot.app.screen.query("#form-preview")
            return bool(previews) and str(previews.first().render()).startswith("Strongly")

        await wait_for(pilot, previewed, "the form's preview", tries=1000)
        await _no_blink(pilot)

    app = build_app(library, Path("examples/mali-2023.yaml"))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_form)


def test_sentences_dialog(snap_compare, library: Library) -> None:  # type: ignore[no-untyped-def]
    """Mali's paragraph 2, composed of sentence clauses: each sentence with its clause's
    title and its text as printed, the keys in the footer."""

    async def open_dialog(pilot: Pilot) -> None:
        await pilot.pause()
        await pilot.press("down", "enter")  # from 1 to 2, composed of sentences
        await wait_for(pilot, lambda: type(pilot.app.screen).__name__ == "SentencesDialog")

        def listed() -> bool:
            found = pilot.app.screen.query("#sentences")
            return bool(found) and found.first(OptionList).option_count > 0

        await wait_for(pilot, listed, "the sentences listed", tries=1000)

    app = build_app(library, Path("examples/mali-2023.yaml"))
    assert snap_compare(app, terminal_size=SIZE, run_before=open_dialog)
