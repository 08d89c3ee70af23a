"""The core never imports Textual: the TUI is one client of it among others."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import importlib, pkgutil, sys
import wgdraft
for module in pkgutil.walk_packages(wgdraft.__path__, "wgdraft."):
    importlib.import_module(module.name)  # __main__ included: importing it must not run
from wgdraft.cli import main
for args in (["clauses"], ["check"], ["render", "examples/mali-2023.yaml", "--format", "text"]):
    main(args)
loaded = sorted(name for name in sys.modules if name.split(".")[0] in ("textual", "tui"))
print("LOADED", loaded, file=sys.stderr)
sys.exit(1 if loaded else 0)
"""


def test_core_modules_and_commands_never_load_textual() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "LOADED []" in result.stderr


def test_the_probe_can_fail() -> None:
    result = subprocess.run(
        [sys.executable, "-c", "import textual\n" + PROBE],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert "'textual'" in result.stderr
