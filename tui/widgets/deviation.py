"""The deviation pane under the outline: how the selected item departs from agreed
language, "agreed: ..." over "here: ...", deleted words struck through and inserted
words underlined, each also marked ``[-old-]`` / ``{+new+}`` so that it reads without
colour."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from wgdraft.deviations import Deviation, segments

DELETED = "strike bold red"
INSERTED = "underline bold green"


def compared(deviation: Deviation) -> tuple[Text, Text]:
    """The agreed text with its deletions and the item's text with its insertions,
    styled and marked."""
    agreed, here = Text(), Text()
    for op, old, new in segments(deviation.agreed, deviation.here):
        if op == "equal":
            agreed.append(old + " ")
            here.append(new + " ")
            continue
        if old:
            agreed.append(f"[-{old}-]", style=DELETED)
            agreed.append(" ")
        if new:
            here.append(f"{{+{new}+}}", style=INSERTED)
            here.append(" ")
    agreed.rstrip()
    here.rstrip()
    return agreed, here


def describe(deviation: Deviation) -> Text:
    """The whole pane for one deviating item."""
    d = deviation
    nearest = f"{d.clause} [{d.variant}]" if d.variant else (d.clause or "no clause is near")
    out = Text()
    out.append(f"≠ {d.label}", style="bold")
    out.append(f"  {d.reason}; nearest: {nearest}")
    if d.agreed:
        out.append(f"; similarity {d.similarity:.2f}")
    agreed, here = compared(d)
    out.append("\nagreed: ", style="bold")
    out.append_text(agreed if d.agreed else Text("(none: no agreed language to compare with)"))
    out.append("\nhere:   ", style="bold")
    out.append_text(here)
    if d.precedents:
        out.append("\nagreed in: ", style="bold")
        out.append("; ".join(d.precedents))
    return out


class DeviationPane(Static):
    """Shown and hidden by the editor's toggle; shows the selected item's deviation."""

    def __init__(self) -> None:
        super().__init__("", id="deviation-pane")
        self.display = False
        self.border_title = "Deviation from agreed language (d or escape: close)"
        #: what the pane shows
        self.shown = Text()

    def show(self, deviation: Deviation | list[Deviation] | None, label: str | None) -> None:
        """The deviation of the selected item (labelled ``label``), those of the sentences
        of a composed paragraph one under the other, or why there is none."""
        found = deviation if isinstance(deviation, list) else [deviation] if deviation else []
        if found:
            self.shown = Text("\n\n").join(describe(d) for d in found)
        elif label is None:
            self.shown = Text("Select an item to compare it with agreed language.")
        else:
            self.shown = Text(f"{label}: agreed language, word for word (no deviation).")
        self.update(self.shown)
