"""The word counts of the draft (``w`` in the editor): words, paragraphs and
subparagraphs per section of the conclusions (and the annex), and in total, counted
by the core (:func:`wgdraft.counts.count`) on the clean text, as ``wgdraft check``
counts them."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from wgdraft.assemble import assemble
from wgdraft.counts import SectionCount, count
from wgdraft.session import DraftSession


def draft_counts(session: DraftSession) -> list[SectionCount]:
    """The counts of the draft's clean text (an unresolved bracket counted as shown
    bracketed); raises WgdraftError while the draft has problems."""
    document = assemble(session.draft(), session.library, session.path, stage="clean", force=True)
    return count(document)


class CountsScreen(ModalScreen[None]):
    """A table of the counts: one row per section, the total last."""

    BINDINGS: ClassVar = [Binding("escape,q,w", "close", "Close")]
    DEFAULT_CSS = """
    CountsScreen #counts {
        height: auto;
        max-height: 24;
    }
    """

    def __init__(self, title: str, rows: list[SectionCount]) -> None:
        super().__init__()
        self.title_text = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question", markup=False)
            yield DataTable(id="counts", cursor_type="row", zebra_stripes=True)
            yield Static("Counted on the clean text. Press escape to close.", classes="hint")

    def on_mount(self) -> None:
        table = self.query_one("#counts", DataTable)
        table.add_column("Section", key="section")
        for name in ("Paragraphs", "Subparagraphs", "Words"):
            table.add_column(name, key=name.lower())
        for row in self.rows:
            table.add_row(
                row.title,
                f"{row.paragraphs:>10,}",
                f"{row.subparagraphs:>13,}",
                f"{row.words:>7,}",
            )
        table.focus()

    def action_close(self) -> None:
        self.dismiss(None)
