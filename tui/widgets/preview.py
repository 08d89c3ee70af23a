"""The preview beside the outline: the conclusions as they will be issued, with the
selected item highlighted, or the selected block's letter or statement."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static, TextArea
from textual.widgets.text_area import Selection

from wgdraft.itempath import ItemPath
from wgdraft.render_text import render_letter_text, render_statement_text, text_lines
from wgdraft.tree import Bundle

CONCLUSIONS = "Preview: conclusions (l: the selected block's letter or statement)"


class Preview(Vertical):
    """A heading and the read-only text of one document of the bundle."""

    def __init__(self) -> None:
        super().__init__(id="preview-pane")
        self._lines: list[tuple[str | None, str]] = []
        self._lines_for: Bundle | None = None

    def compose(self) -> ComposeResult:
        yield Static("Preview", id="preview-title")
        yield TextArea("", id="preview", read_only=True, soft_wrap=True)

    def _show(self, heading: str, text: str) -> TextArea:
        """Put text in the preview; the TextArea re-wraps only when the text changed."""
        self.query_one("#preview-title", Static).update(heading)
        preview = self.query_one("#preview", TextArea)
        if preview.text != text:
            preview.text = text
        return preview

    def show_problems(self, error: str) -> None:
        self._show("Preview (the draft has problems; see below)", error)

    def show_conclusions(self, bundle: Bundle, label: str | None) -> None:
        """The conclusions, with the lines of the paragraph labelled ``label`` selected."""
        if self._lines_for is not bundle:
            self._lines = text_lines(bundle.conclusions)
            self._lines_for = bundle
        lines = self._lines
        preview = self._show(CONCLUSIONS, "\n".join(line for _, line in lines))
        for row, (line_label, line) in enumerate(lines):
            if label is not None and line_label == label:
                preview.selection = Selection((row, 0), (row, len(line)))
                preview.scroll_cursor_visible(center=True)
                break

    def show_correspondence(self, bundle: Bundle, block: ItemPath | None) -> None:
        """The letter or statement of the block at ``block``."""
        for letter in bundle.letters:
            if block is not None and letter.path == block:
                self._show(f"Preview: letter to {letter.recipient}", render_letter_text(letter))
                return
        for statement in bundle.statements:
            if block is not None and statement.path == block:
                self._show(f"Preview: {statement.recipient}", render_statement_text(statement))
                return
        self._show(
            "Preview: letter or statement",
            "Select a block that is a letter or a public statement to preview it.",
        )
