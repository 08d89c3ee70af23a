"""The `wgdraft` console script starts the terminal UI from `tui/` (tui.entry): the
core's CLI gets the UI as its editor and never imports it."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import tui.entry
from tests.conftest import MALI, ROOT
from wgdraft.cli import main as core_main
from wgdraft.library import Library


def test_the_console_script_is_the_tui_entry_point() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["wgdraft"] == "tui.entry:main"


@pytest.mark.parametrize(
    ("args", "draft"), [(["edit", str(MALI)], MALI), (["edit"], None), ([], None)]
)
def test_edit_and_no_command_open_the_editor(
    monkeypatch: pytest.MonkeyPatch, args: list[str], draft: Path | None
) -> None:
    opened: list[tuple[Library, Path | None]] = []

    def fake_editor(library: Library, path: Path | None) -> int:
        opened.append((library, path))
        return 7

    monkeypatch.setattr(tui.entry, "run_editor", fake_editor)
    assert tui.entry.main(args) == 7
    [(library, path)] = opened
    assert path == draft and "opening.meeting" in library.clauses


def test_the_core_opens_the_editor_it_is_given() -> None:
    opened: list[Path | None] = []
    code = core_main(["edit", str(MALI)], editor=lambda _lib, path: opened.append(path) or 0)
    assert code == 0 and opened == [MALI]


def run_python(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def test_python_m_wgdraft_edit_says_to_run_wgdraft_edit() -> None:
    result = run_python("-m", "wgdraft", "edit", str(MALI))
    assert result.returncode == 2
    [line] = result.stderr.splitlines()
    assert "run `wgdraft edit DRAFT`" in line
    assert result.stdout == ""


PROBE = """
import sys
from tui.entry import main
code = main(["render", "examples/mali-2023.yaml", "--format", "text"])
loaded = sorted(n for n in sys.modules if n.split(".")[0] == "textual")
print("LOADED", loaded, file=sys.stderr)
sys.exit(code)
"""


def test_render_through_the_console_script_never_loads_textual() -> None:
    result = run_python("-c", PROBE)
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr
    assert "Working Group" in result.stdout


def test_the_probe_sees_textual_when_it_is_loaded() -> None:
    result = run_python("-c", "import textual.app\n" + PROBE)
    assert "LOADED []" not in result.stderr and "'textual'" in result.stderr
