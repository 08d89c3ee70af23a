"""The start screen: new draft, new draft from an earlier one, open, recent drafts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import work
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
        Binding("i", "from_adopted", "From an adopted text"),
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
                    "New draft from an earlier one…  "
                    "(a follow-up: the next report, what to review marked)",
                    id="from-earlier",
                ),
                Option(
                    "New draft from an adopted text (TXT, DOCX, PDF)…  "
                    "(imports last year's conclusions)",
                    id="from-adopted",
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
        elif choice == "from-adopted":
            self.action_from_adopted()
        elif choice == "open":
            self.action_open()
        elif choice.startswith("recent:"):
            self.wg_app.open_draft(Path(choice.removeprefix("recent:")))

    async def _situation_form(
        self, title: str, initial: dict[str, str] | None, earlier: Path | None = None
    ) -> None:
        """Ask for a new draft's situation; if the draft cannot be created, the form
        opens again with everything typed. Only from a worker."""
        while True:
            form = SituationForm(title, initial)
            form.recovery_key = {"action": "new-draft", "earlier": str(earlier or "")}
            form.recovery_title = title
            answer: SituationAnswer | None = await self.app.push_screen_wait(form)
            if answer is None or self.wg_app.create_draft(answer, earlier=earlier):
                return
            initial = answer.typed

    @work
    async def action_new(self) -> None:
        await self._situation_form("New draft: the situation", None)

    async def _ask_path(self, title: str) -> Path | None:
        """A recent draft, or another file's path (None: escape). Only from a worker."""
        recent = recent_drafts()
        if recent:
            choices = [(str(p), str(p)) for p in recent] + [("", "Another file…")]
            choice = await self.app.push_screen_wait(PickDialog(title, choices))
            if choice:
                return Path(choice)
            if choice is None:
                return None
        text = await self.app.push_screen_wait(LineDialog(title, placeholder="somalia-2025.yaml"))
        return Path(text) if text else None

    @work
    async def action_open(self) -> None:
        path = await self._ask_path("Open which draft?")
        if path is not None:
            self.wg_app.open_draft(path)

    @work
    async def action_from_earlier(self) -> None:
        earlier = await self._ask_path(
            "Start from which earlier draft or adopted text (.yaml, .txt, .docx, .pdf)?"
        )
        if earlier is None:
            return
        try:
            initial = self.wg_app.situation_of(earlier)
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Cannot read that draft", severity="error")
            return
        await self._situation_form(
            f"New draft from {earlier.name}: what changed?", initial, earlier
        )

    def action_from_adopted(self) -> None:
        """Import an adopted text into a new draft (the chain runs in the App's worker,
        the same as the command palette's)."""
        self.wg_app.action_from_adopted()

    def action_help(self) -> None:
        self.notify(
            "n: new draft · f: from an earlier one · i: from an adopted text · o: open · "
            "ctrl+p: commands · ctrl+q: quit"
        )
