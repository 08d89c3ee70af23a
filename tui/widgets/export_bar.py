"""The progress of an export, shown under the editor while the bundle is written."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import ProgressBar, Static


class ExportBar(Horizontal):
    """Hidden but while an export runs: the file being written and a progress bar."""

    def __init__(self) -> None:
        super().__init__(id="export-bar")
        self.display = False

    def compose(self) -> ComposeResult:
        yield Static("Exporting", id="export-label")
        yield ProgressBar(id="export-progress", show_eta=False)

    def start(self) -> None:
        self.display = True
        self.query_one(ProgressBar).update(total=None, progress=0)

    def progress(self, done: int, total: int, name: str) -> None:
        self.query_one(ProgressBar).update(total=total, progress=done)
        self.query_one("#export-label", Static).update(f"Exporting {name}" if name else "Writing")

    def finish(self) -> None:
        self.display = False
