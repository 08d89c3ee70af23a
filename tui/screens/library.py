"""The library screen: browse clauses with the drafting search, edit, create, duplicate,
rename and retire them; every change is validated before anything is written.

It opens with the search box focused, where every key types; the one-letter commands
act on the results list (down arrow or tab from the search box)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, OptionList, Static

from tui.browser import SEARCH_HINT, clause_option, provenance
from tui.clause_editor import ClauseEditor
from tui.dialogs import ConfirmDialog, LineDialog, PickDialog
from wgdraft import workspace
from wgdraft.errors import WgdraftError
from wgdraft.models import Clause
from wgdraft.search import split_since

if TYPE_CHECKING:
    from tui.app import WgdraftApp


class LibraryScreen(Screen[None]):
    """Browse and edit the clause library."""

    BINDINGS: ClassVar = [
        Binding("escape", "close", "Back"),
        Binding("down", "focus_results", "Results", show=False),
        Binding("e", "edit", "Edit"),
        Binding("n", "new", "New clause"),
        Binding("d", "duplicate", "Duplicate"),
        Binding("r", "rename", "Rename"),
        Binding("delete", "retire", "Retire"),
        Binding("w", "where", "Where used"),
        Binding("ctrl+f", "focus_search", "Search"),
    ]
    shown = 0
    total = 0

    @property
    def wg_app(self) -> WgdraftApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="library"):
            yield Input(placeholder=SEARCH_HINT, id="lib-query")
            yield Static("", id="lib-count")
            with Horizontal(id="lib-browse"):
                yield OptionList(id="lib-results")
                with VerticalScroll(id="lib-detail-pane"):
                    yield Static("", id="lib-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = f"Library: {self.wg_app.library.root}"
        self.refresh_results()
        self.query_one("#lib-query", Input).focus()

    @property
    def searching(self) -> bool:
        return isinstance(self.focused, Input)

    def on_descendant_focus(self) -> None:
        self._show_count()

    def refresh_results(self, select: str | None = None) -> None:
        index = self.wg_app.index
        query, since = split_since(self.query_one("#lib-query", Input).value)
        hits, self.total = index.search(query, limit=100, since=since)
        results = self.query_one("#lib-results", OptionList)
        results.set_options(clause_option(h.clause, h.clause.id) for h in hits)
        self.shown = len(hits)
        self._show_count()
        if hits:
            ids = [h.clause.id for h in hits]
            results.highlighted = ids.index(select) if select in ids else 0

    def _show_count(self) -> None:
        keys = (
            "↓ or tab: to the results · enter: edit the highlighted clause"
            if self.searching
            else "e edit · n new · d duplicate · r rename · del retire · w where used · "
            "ctrl+f search"
        )
        self.query_one("#lib-count", Static).update(
            f"{self.shown} of {self.total} clause(s) — {keys}"
        )

    def on_input_changed(self) -> None:
        self.refresh_results()

    def on_input_submitted(self) -> None:
        self.action_edit()

    @property
    def selected(self) -> str | None:
        results = self.query_one("#lib-results", OptionList)
        if results.highlighted is None or results.option_count == 0:
            return None
        return results.get_option_at_index(results.highlighted).id

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        clause = self.wg_app.library.clauses.get(event.option.id or "")
        if clause is None:
            return
        path = self.wg_app.library.files[clause.id]
        mark = provenance(clause)
        self.query_one("#lib-detail", Static).update(
            Text.assemble(
                (mark + "\n\n" if mark else "", "bold dark_orange"),
                path.read_text(encoding="utf-8"),
            )
        )

    def on_option_list_option_selected(self) -> None:
        self.action_edit()

    def _changed(self, select: str | None) -> None:
        self.wg_app.service.reload()
        self.refresh_results(select)

    def _open(self, clause: Clause, is_new: bool, path=None) -> None:  # type: ignore[no-untyped-def]
        library = self.wg_app.library
        path = path or (
            workspace.clause_path(library, clause) if is_new else library.files[clause.id]
        )

        def saved(result: Clause | None) -> None:
            if result is not None:
                self.notify(f"Saved {result.id}")
                self._changed(result.id)

        self.app.push_screen(ClauseEditor(library, clause, path, is_new), saved)

    def action_edit(self) -> None:
        clause_id = self.selected
        if clause_id:
            self._open(self.wg_app.library.clauses[clause_id], is_new=False)

    def _ask_id(self, title: str, then) -> None:  # type: ignore[no-untyped-def]
        def answered(text: str | None) -> None:
            if not text:
                return
            new_id = text.strip()
            try:
                workspace.check_new_id(new_id, self.wg_app.library)
            except WgdraftError as exc:
                self.notify(exc.problems[0].message, title="Not accepted", severity="error")
                return
            then(new_id)

        self.app.push_screen(LineDialog(title, placeholder="family.what-it-says"), answered)

    def action_new(self) -> None:
        families = self.wg_app.library.templates.families

        def with_id(new_id: str) -> None:
            family = (
                new_id.split(".")[0] if new_id.split(".")[0] in families else next(iter(families))
            )
            clause = Clause.model_construct(
                id=new_id,
                title="",
                family=family,
                violations=[],
                recipients=[],
                tags=[],
                params={},
                body="",
                items=[],
                variants={},
                precedents=[],  # new wording until a precedent is recorded
            )
            self._open(clause, is_new=True)

        self._ask_id("Id of the new clause (e.g. accountability.new-wording)", with_id)

    def action_duplicate(self) -> None:
        clause_id = self.selected
        if not clause_id:
            return

        def with_id(new_id: str) -> None:
            copy, path = workspace.variant_of(self.wg_app.library, clause_id, new_id)
            self._open(copy, is_new=True, path=path)

        self._ask_id(f"Id of the variant of {clause_id}", with_id)

    def action_rename(self) -> None:
        clause_id = self.selected
        if not clause_id:
            return
        library = self.wg_app.library

        def with_id(new_id: str) -> None:
            uses = workspace.where_used(clause_id, workspace.workspace_root(library))
            drafts = sorted({str(u.draft) for u in uses})

            def confirmed(answer: str | None) -> None:
                if answer != "rename":
                    return
                try:
                    updated = workspace.rename(library, clause_id, new_id)
                except WgdraftError as exc:
                    self._refused("Not renamed", exc)
                    return
                self.notify(f"Renamed to {new_id}; updated {len(updated)} draft(s)")
                self._changed(new_id)

            listing = "\n".join(drafts) if drafts else "no draft uses it"
            self.app.push_screen(
                ConfirmDialog(
                    f"Rename {clause_id} to {new_id}? These drafts will be updated:\n{listing}",
                    [("rename", "Rename"), ("cancel", "Cancel")],
                ),
                confirmed,
            )

        self._ask_id(f"New id for {clause_id}", with_id)

    def action_retire(self) -> None:
        clause_id = self.selected
        if not clause_id:
            return
        library = self.wg_app.library
        uses = workspace.where_used(clause_id, workspace.workspace_root(library))
        if uses:
            listing = "\n".join(str(u) for u in uses)
            self.notify(
                f"{clause_id} is used, so it stays:\n{listing}",
                title="Not retired",
                severity="error",
                timeout=10,
            )
            return

        def confirmed(answer: str | None) -> None:
            if answer != "retire":
                return
            try:
                workspace.remove(library, clause_id)
            except WgdraftError as exc:
                self._refused("Not retired", exc)
                return
            self.notify(f"Retired {clause_id}")
            self._changed(None)

        self.app.push_screen(
            ConfirmDialog(
                f"Retire {clause_id}? No draft uses it.",
                [("retire", "Retire"), ("cancel", "Cancel")],
                default="cancel",  # removing a shared file takes a deliberate choice
            ),
            confirmed,
        )

    def _refused(self, title: str, exc: WgdraftError, shown: int = 5) -> None:
        """Tell the drafter every reason the core refused (the first few, then a count)."""
        lines = [str(p) for p in exc.problems[:shown]]
        if len(exc.problems) > shown:
            lines.append(f"… and {len(exc.problems) - shown} more")
        self.notify("\n".join(lines), title=title, severity="error", timeout=15)

    def action_where(self) -> None:
        clause_id = self.selected
        if not clause_id:
            return
        uses = workspace.where_used(clause_id, workspace.workspace_root(self.wg_app.library))
        choices = [(str(i), str(u)) for i, u in enumerate(uses)] or [("", "no draft uses it")]
        self.app.push_screen(PickDialog(f"Where {clause_id} is used", choices))

    def action_focus_results(self) -> None:
        self.query_one("#lib-results", OptionList).focus()

    def action_focus_search(self) -> None:
        self.query_one("#lib-query", Input).focus()

    def action_close(self) -> None:
        self.app.pop_screen()
