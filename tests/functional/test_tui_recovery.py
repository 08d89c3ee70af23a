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
from tests.functional.tui_helpers import screen_name
from tui.app import build_app
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

async def edit_then_die(pilot):
    await pilot.pause()
    tree = pilot.app.screen.query_one("#outline", Tree)
    line = next(n for n in range(tree.last_line + 1)
                if str(tree.get_node_at_line(n).label).startswith("4 (b)"))
    tree.move_cursor(tree.get_node_at_line(line))
    await pilot.press("x")
    await pilot.pause(1.0)  # several autosave intervals
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
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        assert screen_name(pilot) == "ConfirmDialog"
        await pilot.click("#answer-restore")
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
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.pause()
        await pilot.click("#answer-discard")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"
    assert find_recovery(draft) is None
    assert draft.read_text(encoding="utf-8") == MALI.read_text(encoding="utf-8")
