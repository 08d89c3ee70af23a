"""The ``wgdraft`` console script: the core's command line (``wgdraft.cli``) with the
terminal UI as its editor for ``wgdraft edit`` and ``wgdraft``. The core never imports
the UI; Textual is imported only when the UI starts, so ``wgdraft render`` stays light."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from wgdraft.cli import main as cli_main

if TYPE_CHECKING:
    from wgdraft.library import Library


def run_editor(library: Library, draft: Path | None) -> int:
    """Open the terminal UI on ``draft`` (None: the start screen); its exit code."""
    from tui.app import run

    return run(library=library, draft=draft)


def main(argv: Sequence[str] | None = None) -> int:
    """``wgdraft [COMMAND] ...``: every command of the core, and the terminal UI."""
    return cli_main(argv, editor=run_editor)
