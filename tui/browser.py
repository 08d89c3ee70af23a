"""The clause browser: type to search, filter (``since:2020`` in the search box keeps the
clauses agreed that year or later), preview with the draft's values (a value the draft
does not give shows as "[name]") and the years of the precedents, insert."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.timer import Timer
from textual.widgets import Input, OptionList, Select, Static
from textual.widgets.option_list import Option

from tui.dialogs import Dialog
from wgdraft.assemble import preview_with_placeholders
from wgdraft.errors import WgdraftError
from wgdraft.models import Clause, ClauseForm, Draft, Violation
from wgdraft.precedents import forms_by_recency, latest_year, precedent_year, variant_years
from wgdraft.search import ClauseIndex, split_since

#: How a clause without precedents is marked wherever it is listed or previewed.
NEW_WORDING = "new wording — no precedent"


def provenance(clause: Clause) -> str:
    """The mark of a clause without precedents, naming what it was derived from; empty
    for agreed language."""
    if clause.precedents:
        return ""
    origin = f"derived from {clause.derived_from} " if clause.derived_from else ""
    return f"{NEW_WORDING} · {origin}(not agreed language)"


#: What the search boxes say they take.
SEARCH_HINT = "Search titles, tags, families and clause text; since:2020 = agreed 2020 or later"


def years_text(years: list[int]) -> str:
    """Years ascending and without repeats: "2018, 2020, 2023"."""
    return ", ".join(str(y) for y in sorted(set(years)))


def precedents_text(clause: Clause) -> str:
    """The years a clause was agreed, its forms most recently agreed first (with the
    years each was used) and its precedents, newest first; for a preview."""
    if not clause.precedents:
        return "Precedents:\n  none"
    dated = sorted(clause.precedents, key=lambda p: -(precedent_year(p) or 0))
    lines = [f"Agreed: {years_text([y for p in dated if (y := precedent_year(p))])}"]
    if clause.variants:
        years = variant_years(clause)
        forms = [
            f"{form or 'body'} ({years_text(years[form]) or 'no precedent'})"
            for form, _latest in forms_by_recency(clause)
        ]
        lines.append("Forms, most recently agreed first: " + " · ".join(forms))
    lines.append("Precedents:")
    lines += [f"  · {precedent_year(p) or '----'}  {p}" for p in dated]
    return "\n".join(lines)


def clause_option(clause: Clause, detail: str) -> Option:
    """A clause in a results list: its title, then ``detail``, the year it was last agreed
    and the mark, dimmed."""
    latest = latest_year(clause)
    if latest is not None:
        detail += f" · agreed {latest}"
    mark = ("  " + NEW_WORDING, "bold dark_orange") if not clause.precedents else ""
    return Option(Text.assemble(clause.title, "\n", (detail, "dim"), mark), id=clause.id)


#: Results shown at once: enough to browse, few enough to redraw within a keystroke.
SHOWN = 100
#: Seconds of quiet before the highlighted clause is previewed.
PREVIEW_DELAY = 0.08


class ClauseBrowser(Dialog[str]):
    """Search the library's clauses of one form (items, or the sentences of a composed
    paragraph); returns the chosen clause id (None on escape)."""

    BINDINGS: ClassVar = [
        Binding("down", "focus_results", "Results", show=False),
        Binding("ctrl+f", "focus_search", "Search"),
    ]

    def __init__(
        self,
        index: ClauseIndex,
        draft: Draft | None,
        recipient: str | None = None,
        values: dict[str, Any] | None = None,
        form: ClauseForm = "item",
    ) -> None:
        """``values``: those of the block the clause goes into, used in the preview;
        ``form``: "sentence" lists only the clauses that are one sentence of a paragraph."""
        super().__init__()
        self.form = form
        self.index = index
        self.draft = draft
        self.recipient = recipient
        self.values = values or {}
        self.total = 0
        self._highlighted: str | None = None
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        library = self.index.library
        families = [(f.title, fid) for fid, f in library.templates.families.items()]
        violations = [(v.value.replace("-", " "), v.value) for v in Violation]
        channels = [(c.title, cid) for cid, c in library.templates.channels.items()]
        with Vertical(id="browser", classes="dialog full"):
            yield Input(placeholder=SEARCH_HINT, id="query")
            with Horizontal(id="filters"):
                yield Select(families, prompt="Any family", id="family")
                yield Select(violations, prompt="Any violation", id="violation")
                yield Select(
                    channels,
                    prompt="Any recipient",
                    id="recipient",
                    value=self.recipient
                    if self.recipient in library.templates.channels
                    else Select.NULL,
                )
            yield Static("", id="count")
            with Horizontal(id="browse"):
                yield OptionList(id="results")
                with VerticalScroll(id="clause-preview-pane"):
                    yield Static("", id="clause-preview")

    def on_mount(self) -> None:
        self.refresh_results()
        self.query_one("#query", Input).focus()

    def _filter(self, widget_id: str) -> str | None:
        value = self.query_one(f"#{widget_id}", Select).value
        return None if value is Select.NULL else str(value)

    def refresh_results(self) -> None:
        query, since = split_since(self.query_one("#query", Input).value)
        hits, self.total = self.index.search(
            query,
            self._filter("family"),
            self._filter("violation"),
            self._filter("recipient"),
            limit=SHOWN,
            since=since,
            form=self.form,
        )
        results = self.query_one("#results", OptionList)
        results.set_options(
            clause_option(hit.clause, f"{hit.clause.id} · {hit.clause.family}") for hit in hits
        )
        shown = (
            f"showing {len(hits)} of {self.total}" if self.total > len(hits) else f"{self.total}"
        )
        agreed = f" agreed since {since}" if since is not None else ""
        kind = "sentence clause(s)" if self.form == "sentence" else "clause(s)"
        message = f"{shown} {kind}{agreed} — enter inserts, escape closes"
        recipient = self._filter("recipient")
        if not hits and recipient:
            elsewhere = self.index.search(
                query,
                self._filter("family"),
                self._filter("violation"),
                since=since,
                form=self.form,
            )[1]
            if elsewhere:
                message = (
                    f"no clause used for this recipient before; {elsewhere} for any recipient "
                    "(clear the recipient filter)"
                )
        self.query_one("#count", Static).update(message)
        if hits:
            results.highlighted = 0
        else:
            self.query_one("#clause-preview", Static).update("")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refresh_results()

    def on_select_changed(self) -> None:
        self.refresh_results()

    def on_input_submitted(self) -> None:
        results = self.query_one("#results", OptionList)
        if results.highlighted is not None:
            option = results.get_option_at_index(results.highlighted)
            self.dismiss(option.id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Preview the highlighted clause once typing pauses (rendering every keystroke's
        first hit would slow typing down)."""
        self._highlighted = event.option.id
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(PREVIEW_DELAY, self._show_preview)

    def _show_preview(self) -> None:
        clause_id = self._highlighted
        if clause_id is None:
            return
        clause = self.index.library.clauses[clause_id]
        preview = self.query_one("#clause-preview", Static)
        note = ""
        try:
            if self.draft:
                text = preview_with_placeholders(
                    self.index.library, clause_id, self.draft, scope=self.values
                )
                if any(f"[{name}]" in text for name in clause.params):
                    note = "[name]: a value this draft does not give yet\n"
            else:
                text = clause.body
        except WgdraftError as exc:
            text = f"(cannot preview with this draft: {exc.problems[0].message})"
        precedents = precedents_text(clause)
        params = ", ".join(clause.params) or "none"
        mark = provenance(clause)
        preview.update(
            Text.assemble(
                (clause.title, "bold"),
                "\n",
                (mark + "\n" if mark else "", "bold dark_orange"),
                "\n",
                text,
                "\n\n",
                (f"{note}Parameters: {params}\n{precedents}", "dim"),
            )
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_focus_results(self) -> None:
        self.query_one("#results", OptionList).focus()

    def action_focus_search(self) -> None:
        self.query_one("#query", Input).focus()
