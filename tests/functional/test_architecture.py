"""The architecture contract (import-linter, `[tool.importlinter]` in pyproject.toml):
the core `wgdraft` never imports the terminal UI `tui` nor Textual."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(cwd: Path, path: Path) -> subprocess.CompletedProcess[str]:
    """The contracts of the project's pyproject.toml, checked on the packages on ``path``."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(ROOT / "pyproject.toml")],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(path)},
    )


def test_the_core_never_imports_the_ui() -> None:
    result = lint_imports(ROOT, ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "KEPT" in result.stdout and "BROKEN" not in result.stdout


@pytest.mark.parametrize(
    ("line", "chain"),
    [("from tui.app import build_app", "tui.app"), ("import textual.app", "textual")],
)
def test_the_contract_catches_a_core_module_importing_the_ui(
    tmp_path: Path, line: str, chain: str
) -> None:
    """The same contract on a copy of the code with one core module that breaks it."""
    for package in ("wgdraft", "tui"):
        shutil.copytree(ROOT / package, tmp_path / package)
    (tmp_path / "wgdraft" / "shortcut.py").write_text(f"{line}\n", encoding="utf-8")
    result = lint_imports(tmp_path, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    assert f"wgdraft.shortcut -> {chain}" in result.stdout
