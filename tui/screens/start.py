"""The start screen: new draft, new draft from an earlier one, open, recent drafts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from tui.dialogs import LineDialog, PickDialog, SituationAnswer, SituationForm
from wgdraft.errors import WgdraftError
from wgdraft.session import recent_drafts

if TYPE_CHECKING:
    from tui.app import WgdraftApp


class StartScreen(Screen[None]):
    """Where a drafting session begins."""

    BINDINGS: ClassVar = [
        Binding("n", "new", "New draft"),
        Binding("f", "from_earlier", "From an earlier one"),
        Binding("o", "open", "Open…"),
        Binding("question_mark,f1", "help", "Help"),
    ]

    @property
    def wg_app(self) -> WgdraftApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="start"):
            yield Static(
                "Draft conclusions of the Working Group on Children and Armed Conflict "
                f"from a library of {len(self.wg_app.library.clauses)} clauses of agreed language.",
                id="start-intro",
            )
            options = [
                Option("New draft…", id="new"),
                Option(
                    "New draft from an earlier one…  (copies its blocks, then asks what changed)",
                    id="from-earlier",
                ),
                Option("Open a draft…", id="open"),
            ]
            recent = recent_drafts()
            if recent:
                options.append(None)  # a separator
                options += [Option(f"Recent: {path}", id=f"recent:{path}") for path in recent]
            yield OptionList(*options, id="start-menu")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#start-menu", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        choice = event.option.id or ""
        if choice == "new":
            self.action_new()
        elif choice == "from-earlier":
            self.action_from_earlier()
        elif choice == "open":
            self.action_open()
        elif choice.startswith("recent:"):
            self.wg_app.open_draft(Path(choice.removeprefix("recent:")))

    def _situation_form(
        self, title: str, initial: dict[str, str] | None, earlier: Path | None = None
    ) -> None:
        """Ask for a new draft's situation; if the draft cannot be created, the form
        opens again with everything typed."""
        form = SituationForm(title, initial)
        form.recovery_key = {"action": "new-draft", "earlier": str(earlier or "")}
        form.recovery_title = title

        def answered(answer: SituationAnswer | None) -> None:
            if answer is not None and not self.wg_app.create_draft(answer, earlier=earlier):
                self._situation_form(title, answer.typed, earlier)

        self.app.push_screen(form, answered)

    def action_new(self) -> None:
        self._situation_form("New draft: the situation", None)

    def _ask_path(self, title: str, then) -> None:  # type: ignore[no-untyped-def]
        recent = recent_drafts()
        if recent:
            choices = [(str(p), str(p)) for p in recent] + [("", "Another file…")]

            def picked(choice: str | None) -> None:
                if choice:
                    then(Path(choice))
                elif choice == "":
                    self.app.push_screen(
                        LineDialog(title, placeholder="drafts/somalia-2025.yaml"),
                        lambda text: text and then(Path(text)),
                    )

            self.app.push_screen(PickDialog(title, choices), picked)
        else:
            self.app.push_screen(
                LineDialog(title, placeholder="drafts/somalia-2025.yaml"),
                lambda text: text and then(Path(text)),
            )

    def action_open(self) -> None:
        self._ask_path("Open which draft?", self.wg_app.open_draft)

    def action_from_earlier(self) -> None:
        def chosen(earlier: Path) -> None:
            try:
                initial = self.wg_app.situation_of(earlier)
            except WgdraftError as exc:
                self.notify(str(exc.problems[0]), title="Cannot read that draft", severity="error")
                return

            self._situation_form(f"New draft from {earlier.name}: what changed?", initial, earlier)

        self._ask_path("Start from which earlier draft?", chosen)

    def action_help(self) -> None:
        self.notify(
            "n: new draft · f: from an earlier one · o: open · ctrl+p: commands · ctrl+q: quit"
        )
