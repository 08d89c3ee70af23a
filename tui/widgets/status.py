"""The status line under the editor: the draft's file, unsaved changes, its problems."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static


class StatusLine(Static):
    """Two lines: the draft's path (marked when there are unsaved changes, with how
    many points are still to review) and the first problem that stops it from
    assembling."""

    def __init__(self) -> None:
        super().__init__("", id="status")

    def show(self, path: Path, dirty: bool, error: str, to_review: int = 0) -> None:
        text = f"{path}{' (unsaved changes)' if dirty else ''}"
        if to_review:
            text += f" · {to_review} to review (n: next)"
        if error:
            text += f"\n⚠ {error}"
        self.update(text)
        self.set_class(bool(error), "has-error")
