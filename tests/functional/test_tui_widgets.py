"""The editor's widgets and their messages, the dialog chains run as workers (escape
at any step ends them with nothing changed), the App's service, the command palette."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.message import Message
from textual.widgets import OptionList, TextArea

from tests.assessment import free_assessment_file
from tests.conftest import MALI
from tests.functional.tui_helpers import choose_option, fill, wait_for, wait_for_screen
from tui.app import build_app
from tui.commands import EDITOR_ACTIONS
from tui.messages import DraftChanged, LibraryReloaded
from tui.widgets import Outline, StatusLine
from wgdraft.library import Library, load_library


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)


def mali_copy(tmp_path: Path) -> Path:
    path = tmp_path / "mali.yaml"
    shutil.copyfile(MALI, path)
    return path


async def cursor_to(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put the outline cursor on the first node whose label starts with ``text``."""
    outline = pilot.app.screen.query_one(Outline)
    outline.focus()
    for line in range(outline.last_line + 1):
        node = outline.get_node_at_line(line)
        if node is not None and str(node.label).startswith(text):
            outline.move_cursor(node)
            await pilot.pause()
            return
    raise AssertionError(f"no outline node starts with {text!r}")


def selected_text(pilot) -> str:  # type: ignore[no-untyped-def]
    area = pilot.app.screen.query_one("#preview", TextArea)
    return area.selected_text.strip()


# --- the widgets' messages ------------------------------------------------------------


async def test_moving_in_the_outline_updates_the_preview(library: Library) -> None:
    seen: list[Message] = []
    app = build_app(library, MALI)
    async with app.run_test(size=(110, 34), message_hook=seen.append) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await cursor_to(pilot, "4 (b)")
        moved = [m for m in seen if isinstance(m, Outline.CursorMoved)]
        assert moved and moved[-1].node is not None and moved[-1].node.label == "4 (b)"
        await wait_for(pilot, lambda: selected_text(pilot).startswith("(b) "), "4 (b) selected")
        await cursor_to(pilot, "3  ")
        await wait_for(pilot, lambda: selected_text(pilot).startswith("3. "), "3 selected")
        # l: the preview shows the selected block's letter or statement instead
        await cursor_to(pilot, "4 (b)")
        await pilot.press("l")
        title = str(pilot.app.screen.query_one("#preview-title").render())
        assert title.startswith("Preview: ") and "conclusions" not in title
        assert "letter or statement" not in title  # found by the block's path


async def test_enter_on_an_item_chooses_it_for_editing(library: Library) -> None:
    seen: list[Message] = []
    app = build_app(library, MALI)
    async with app.run_test(size=(110, 34), message_hook=seen.append) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await cursor_to(pilot, "4 (d)")
        await pilot.press("enter")
        await wait_for_screen(pilot, "ParamForm")
        chosen = [m for m in seen if isinstance(m, Outline.ItemChosen)]
        assert {id(m) for m in chosen} == {id(chosen[0])}  # one, seen as it bubbles up
        assert chosen[0].node.label == "4 (d)"


async def test_a_change_posts_draft_changed_and_updates_outline_and_status(
    library: Library, tmp_path: Path
) -> None:
    seen: list[Message] = []
    app = build_app(library, mali_copy(tmp_path))
    async with app.run_test(size=(110, 34), message_hook=seen.append) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        status = pilot.app.screen.query_one(StatusLine)
        assert "unsaved" not in str(status.render())
        await cursor_to(pilot, "4 (b)")
        before = str(pilot.app.screen.query_one(Outline).cursor_node.label)
        await pilot.press("x")
        await wait_for(pilot, lambda: "(unsaved changes)" in str(status.render()), "status")
        assert any(isinstance(m, DraftChanged) for m in seen)
        outline = pilot.app.screen.query_one(Outline)
        assert outline.cursor_node is not None and outline.current is not None
        assert outline.current.label == "4 (b)"  # the next item took its place
        assert str(outline.cursor_node.label) != before
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: "unsaved" not in str(status.render()), "status after save")


async def test_a_reloaded_library_reaches_the_open_editor(library: Library) -> None:
    seen: list[Message] = []
    app = build_app(load_library(library.root, library.templates.root), MALI)
    async with app.run_test(size=(110, 34), message_hook=seen.append) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        editor = pilot.app.screen
        reloaded = pilot.app.service.reload()
        assert reloaded is not None and pilot.app.library is reloaded
        await wait_for(pilot, lambda: editor.session.library is reloaded, "LibraryReloaded")
        assert editor.bundle is not None
        assert any(isinstance(m, LibraryReloaded) and m.library is reloaded for m in seen)


# --- escape in the middle of a chain of dialogs -----------------------------------------


async def escape_to_editor(pilot, draft: Path, text: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("escape")
    await wait_for_screen(pilot, "EditorScreen")
    editor = pilot.app.screen
    assert not editor.session.dirty
    assert draft.read_text(encoding="utf-8") == text
    assert [w for w in pilot.app.workers if not w.is_finished] == []


async def test_escape_ends_each_chain_with_nothing_changed(
    library: Library, tmp_path: Path
) -> None:
    # paragraph 2 as free text, as before it became sentence clauses (issue 12.4)
    draft = free_assessment_file(MALI, tmp_path / "mali.yaml", library)
    text = draft.read_text(encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await cursor_to(pilot, "4 (b)")
        # add a block: at the channel, at the clause, at the values
        await pilot.press("b")
        await wait_for_screen(pilot, "PickDialog")
        await escape_to_editor(pilot, draft, text)
        await pilot.press("b")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "parties-statement")
        await wait_for_screen(pilot, "ClauseBrowser")
        await escape_to_editor(pilot, draft, text)
        await pilot.press("b")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "parties-statement")
        await wait_for_screen(pilot, "ClauseBrowser")
        await fill(pilot, "#query", "condemning all")
        await choose_option(pilot, "#results", "condemnation.all-violations")
        await wait_for_screen(pilot, "ParamForm")
        await escape_to_editor(pilot, draft, text)

        # add a clause: at the browser, at the values
        await cursor_to(pilot, "4 (b)")
        await pilot.press("a")
        await wait_for_screen(pilot, "ClauseBrowser")
        await escape_to_editor(pilot, draft, text)
        await cursor_to(pilot, "4 (b)")
        await pilot.press("a")
        await wait_for_screen(pilot, "ClauseBrowser")
        await fill(pilot, "#query", "safe schools")
        await choose_option(pilot, "#results", "attacks-schools-hospitals.safe-schools-declaration")
        await wait_for_screen(pilot, "ParamForm")
        await escape_to_editor(pilot, draft, text)

        # move to another block, edit values, the situation
        for key, form in [("m", "PickDialog"), ("e", "ParamForm"), ("s", "DetailsForm")]:
            await cursor_to(pilot, "4 (d)")
            await pilot.press(key)
            await wait_for_screen(pilot, form)
            await escape_to_editor(pilot, draft, text)

        # free text to a library clause: at the family, at the id, in the clause editor
        free = next(
            str(node.label).split()[0]
            for node in _nodes(pilot.app.screen.query_one(Outline))
            if "✎" in str(node.label)
        )
        clauses = sorted(p.name for p in library.root.rglob("*.yaml"))
        for steps in range(3):
            await cursor_to(pilot, free + "  ✎")
            await pilot.press("c")
            await wait_for_screen(pilot, "PickDialog")
            if steps >= 1:
                await choose_option(pilot, "#choices", "opening")
                await wait_for_screen(pilot, "LineDialog")
            if steps >= 2:
                await fill(pilot, "#text", "opening.escape-test")
                await pilot.press("enter")
                await wait_for_screen(pilot, "ClauseEditor")
            await escape_to_editor(pilot, draft, text)
        assert sorted(p.name for p in library.root.rglob("*.yaml")) == clauses


def _nodes(outline: Outline) -> list:  # type: ignore[type-arg]
    out = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            out.append(child)
            walk(child)

    walk(outline.root)
    return out


# --- the command palette ----------------------------------------------------------------


async def test_the_palette_lists_every_editor_action_and_runs_it(library: Library) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(110, 34)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, "CommandPalette")
        options = pilot.app.screen.query_one(OptionList)

        def prompts() -> str:
            return "\n".join(
                str(options.get_option_at_index(i).prompt) for i in range(options.option_count)
            )

        wanted = [a.description for a in EDITOR_ACTIONS if a.action]
        await wait_for(pilot, lambda: all(d in prompts() for d in wanted), "every action")
        await pilot.press(*"edit the situation")
        await wait_for(pilot, lambda: "Edit the situation" in prompts(), "the situation")
        await pilot.press("enter")
        await wait_for_screen(pilot, "DetailsForm")


async def test_the_start_screen_palette_has_no_editor_actions(library: Library) -> None:
    app = build_app(library)
    async with app.run_test(size=(110, 34)) as pilot:
        await wait_for_screen(pilot, "StartScreen")
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, "CommandPalette")
        await pilot.press(*"export the docx")
        options = pilot.app.screen.query_one(OptionList)
        for _ in range(20):
            await pilot.pause()
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert not any("Export the DOCX bundle" in p for p in prompts)


async def test_escape_ends_the_start_screen_chains(library: Library) -> None:
    app = build_app(library)
    async with app.run_test(size=(110, 34)) as pilot:
        await wait_for_screen(pilot, "StartScreen")
        for key, form in [("o", "LineDialog"), ("f", "LineDialog"), ("n", "SituationForm")]:
            await pilot.press(key)
            await wait_for_screen(pilot, form)
            await pilot.press("escape")
            await wait_for_screen(pilot, "StartScreen")
            await wait_for(pilot, lambda: all(w.is_finished for w in pilot.app.workers), key)
