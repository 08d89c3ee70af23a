"""Helpers for tests that damage a copy of the library or a draft and read what the CLI
says about it."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli


def problems(cli: Cli, *args: str | Path) -> list[str]:
    """``wgdraft ARGS`` must fail cleanly (exit 1, no traceback); its problem lines."""
    result = cli(*args)
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    return [line for line in result.err.splitlines() if not line.endswith("problem(s) found")]


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first ``old`` in a file with ``new`` (which must be there)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    """The 1-based number of the first line of a file holding ``needle``."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)
