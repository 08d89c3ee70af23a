"""Never lose work: a draft edited in a TUI that is killed is recovered on reopening."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Tree

from tests.conftest import MALI, ROOT
from tests.functional.tui_helpers import answer, screen_name, wait_for, wait_for_screen
from tui.app import build_app
from wgdraft.formrecovery import clause_key, find_form, pending_forms
from wgdraft.library import Library
from wgdraft.session import find_recovery

# The TUI runs headless in its own process, removes item 4 (b) with the keyboard, waits
# for the autosave and is then killed with SIGKILL: no chance to clean up.
KILLED_SESSION = """
import asyncio, os, signal, sys
from pathlib import Path
from textual.widgets import Tree
from tui.app import build_app
from wgdraft.library import load_library
from wgdraft.session import find_recovery

async def edit_then_die(pilot):
    await pilot.pause()
    tree = pilot.app.screen.query_one("#outline", Tree)
    line = next(n for n in range(tree.last_line + 1)
                if str(tree.get_node_at_line(n).label).startswith("4 (b)"))
    tree.move_cursor(tree.get_node_at_line(line))
    await pilot.press("x")
    for _ in range(10_000):  # until the autosave has written the recovery file
        if find_recovery(Path(sys.argv[1])) is not None:
            break
        await pilot.pause()
    print("edited", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

app = build_app(load_library(), Path(sys.argv[1]), autosave_seconds=0.2)
app.run(headless=True, auto_pilot=edit_then_die)
"""


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    state = tmp_path / "state"
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(state))
    return state


async def test_killed_session_is_recovered(library: Library, tmp_path: Path, state: Path) -> None:
    draft = tmp_path / "mali.yaml"
    original = MALI.read_text(encoding="utf-8")
    draft.write_text(original, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", KILLED_SESSION, str(draft)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "WGDRAFT_STATE_DIR": str(state)},
    )  # fmt: skip
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    assert "edited" in result.stdout
    assert draft.read_text(encoding="utf-8") == original  # the draft itself untouched
    recovery = find_recovery(draft)
    assert recovery is not None
    assert "previous-conclusions.further-implement" not in recovery.text

    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        assert screen_name(pilot) == "ConfirmDialog"
        await answer(pilot, "restore")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"
        labels = []
        tree = pilot.app.screen.query_one("#outline", Tree)
        for line in range(tree.last_line + 1):
            labels.append(str(tree.get_node_at_line(line).label))
        assert any(label.startswith("4 (b)  Concern at monitoring") for label in labels)
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = draft.read_text(encoding="utf-8")
    assert "previous-conclusions.further-implement" not in saved
    assert saved.startswith("# Conclusions on children and armed conflict in Mali")  # comments kept
    assert find_recovery(draft) is None  # saved: nothing left to recover


async def test_discarding_the_recovery(library: Library, tmp_path: Path, state: Path) -> None:
    from wgdraft.session import DraftSession

    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    session = DraftSession.open(draft, library)
    session.remove(("blocks", 0, "items", 1))
    session.write_recovery()
    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.pause()
        await answer(pilot, "discard")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"
    assert find_recovery(draft) is None
    assert draft.read_text(encoding="utf-8") == MALI.read_text(encoding="utf-8")


# The TUI opens the free-text form after item 4 (b), types into it, waits until the
# typing is kept, and is killed: the form was never closed.
KILLED_WHILE_TYPING = """
import os, signal, sys
from pathlib import Path
from textual.widgets import Tree
from tui.app import build_app
from wgdraft.formrecovery import pending_forms
from wgdraft.library import load_library

async def type_then_die(pilot):
    await pilot.pause()
    tree = pilot.app.screen.query_one("#outline", Tree)
    line = next(n for n in range(tree.last_line + 1)
                if str(tree.get_node_at_line(n).label).startswith("4 (b)"))
    tree.move_cursor(tree.get_node_at_line(line))
    await pilot.press("t")
    await pilot.press(*"Urging the parties to release all children")
    typed = {"text": "Urging the parties to release all children"}
    for _ in range(10_000):  # until all the typing is kept (the record follows it)
        if [r.state for r in pending_forms(Path(sys.argv[1]))] == [typed]:
            break
        await pilot.pause()
    print("typed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)

app = build_app(load_library(), Path(sys.argv[1]))
app.run(headless=True, auto_pilot=type_then_die)
"""


async def test_typing_in_a_form_survives_a_kill(
    library: Library, tmp_path: Path, state: Path
) -> None:
    from textual.widgets import TextArea

    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", KILLED_WHILE_TYPING, str(draft)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT), "WGDRAFT_STATE_DIR": str(state)},
    )  # fmt: skip
    assert result.returncode == -signal.SIGKILL, result.stderr[-2000:]
    assert "typed" in result.stdout
    [record] = pending_forms(draft)
    assert record.state == {"text": "Urging the parties to release all children"}

    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        await wait_for_screen(pilot, "ConfirmDialog")
        question = str(pilot.app.screen.query_one(".question").render())
        assert "Free text for this item" in question
        await answer(pilot, "reopen")
        await wait_for_screen(pilot, "TextDialog")
        area = pilot.app.screen.query_one("#text", TextArea)
        await wait_for(pilot, lambda: area.text == "Urging the parties to release all children")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        item = pilot.app.screen.session.get(("blocks", 0, "items", 2))
        assert item == {"text": "Urging the parties to release all children"}
    assert pending_forms(draft) == []  # done: nothing left to offer


async def test_clause_editor_offers_back_its_typing(
    library: Library, tmp_path: Path, state: Path
) -> None:
    """Typing in the clause editor of an app that stopped without closing it is offered
    back when that clause is edited again."""
    from textual.widgets import Input

    from tui.clause_editor import ClauseEditor

    path = library.files["icc.referral"]
    clause = library.clauses["icc.referral"]
    original = path.read_text(encoding="utf-8")
    app = build_app(library, MALI)
    async with app.run_test(size=(110, 34)) as pilot:
        pilot.app.push_screen(ClauseEditor(library, clause, path))
        await wait_for_screen(pilot, "ClauseEditor")
        await pilot.press(*" (kept)")

        def recorded() -> bool:  # the record follows the typing (debounced)
            record = find_form(clause_key(path))
            return record is not None and record.state["title"].endswith("(kept)")

        await wait_for(pilot, recorded, tries=10_000)
        pilot.app.exit()  # as if the process died: the editor is never closed
    record = find_form(clause_key(path))
    assert record is not None and record.state["title"].endswith("(kept)")
    assert path.read_text(encoding="utf-8") == original  # the clause file untouched

    app = build_app(library, MALI)
    async with app.run_test(size=(110, 34)) as pilot:
        pilot.app.push_screen(ClauseEditor(library, clause, path))
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "restore")
        await wait_for_screen(pilot, "ClauseEditor")
        title = pilot.app.screen.query_one("#c-title", Input)
        await wait_for(pilot, lambda: title.value == record.state["title"])
        await pilot.press("escape")  # changed: asks; discarding forgets the typing
        await answer(pilot, "discard")
        await wait_for_screen(pilot, "EditorScreen")
    assert find_form(clause_key(path)) is None
