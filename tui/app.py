"""The wgdraft terminal UI. ``build_app`` makes the App from loaded domain objects.

The App holds what all screens share in ``service`` (``tui.services.AppService``: the
library, its index, the screens to ask before quitting) and opens the screens; the
screens answer through messages (``tui.messages``), never by the App reaching into them."""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from tui.dialogs import ConfirmDialog, SituationAnswer, situation_values
from tui.screens.editor import EditorScreen
from tui.screens.start import StartScreen
from tui.services import AppService
from wgdraft.errors import WgdraftError
from wgdraft.library import Library
from wgdraft.search import ClauseIndex
from wgdraft.session import DraftSession, discard_recovery, find_recovery, refuse_shared_folder

if TYPE_CHECKING:
    from wgdraft.importing.to_draft import Imported


class WgdraftApp(App[None]):
    """The drafting assistant."""

    CSS_PATH = "app.tcss"
    TITLE = "wgdraft"
    BINDINGS: ClassVar = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("ctrl+l", "library", "Library"),
    ]

    def __init__(
        self,
        library: Library,
        draft: Path | None = None,
        autosave_seconds: float = 2.0,
        output_dir: Path | None = None,
    ) -> None:
        super().__init__()
        self.draft_path = draft
        self.autosave_seconds = autosave_seconds
        self.output_dir = output_dir
        self.last_export: Path | None = None
        #: the library, its index and the screens to ask before quitting
        self.service = AppService(self, library)

    @property
    def library(self) -> Library:
        return self.service.library

    @property
    def index(self) -> ClauseIndex:
        return self.service.index

    def on_mount(self) -> None:
        if self.draft_path is None or not self.open_draft(self.draft_path):
            self.push_screen(StartScreen())

    # --- sessions -----------------------------------------------------------------

    def _edit(self, session: DraftSession) -> None:
        self.push_screen(EditorScreen(session))

    def open_draft(self, path: Path) -> bool:
        """Open a draft, offering to restore unsaved changes left by a crash."""
        if not path.exists():  # a pipe or device: the core says what it is
            self.notify(f"{path}: no such file", severity="error")
            return False
        try:
            session = DraftSession.open(path, self.library)
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Cannot open", severity="error", timeout=10)
            return False
        recovery = find_recovery(path)
        if recovery is None:
            self._edit(session)
            return True

        def answered(answer: str | None) -> None:
            if answer == "restore":
                session.restore(recovery)
                self.notify("Unsaved changes restored; ctrl+s saves them.")
            elif answer == "discard":
                discard_recovery(path)
            self._edit(session)

        when = recovery.saved_at.strftime("%d %B %Y %H:%M")
        self.push_screen(
            ConfirmDialog(
                f"{path.name} has unsaved changes from {when} (the app did not close "
                "normally). Restore them?",
                [("restore", "Restore"), ("discard", "Discard")],
            ),
            answered,
        )
        return True

    def situation_of(self, earlier: Path) -> dict[str, str]:
        """Form values for the follow-up of an earlier draft or adopted text: its
        situation with the next report ordinal and the earlier symbol as previous
        conclusions (see wgdraft.followup); its dates will change."""
        followup = DraftSession.from_earlier(earlier, earlier, self.library, {})
        draft = followup.draft()  # as it prints
        return situation_values(draft.situation, with_dates=False)

    def create_draft(self, answer: SituationAnswer, earlier: Path | None = None) -> bool:
        """Create and open the draft the situation form describes (its path was checked
        by the form); False, with the reason shown, when it could not be written."""
        path = Path(answer.path)
        try:
            if earlier is None:
                session = DraftSession.new(path, self.library, answer.situation)
            else:
                session = DraftSession.from_earlier(earlier, path, self.library, answer.situation)
            session.save()
        except (WgdraftError, OSError) as exc:
            self.notify(str(exc), title="Cannot create the draft", severity="error", timeout=10)
            return False
        self._edit(session)
        if session.followup is not None:
            lines = "\n".join(session.followup.lines())
            count = len(session.pending())
            self.notify(
                f"{lines}\n{count} to review: n goes to the next, y marks an item reviewed.",
                title=f"Follow-up of {earlier.name if earlier else ''}",
                timeout=15,
            )
        return True

    def create_imported(self, answer: SituationAnswer, imported: Imported, summary: str) -> bool:
        """Write the draft made from an adopted text where the situation form says (the
        place was checked by the form; the importer's writer never overwrites) and open
        it, saying what the import made of the text; False, with the reason shown, when
        it could not be written."""
        from wgdraft.importing.to_draft import write_draft

        path = Path(answer.path)
        try:
            refuse_shared_folder(path, self.library)
            write_draft(imported, path)
        except (WgdraftError, OSError) as exc:
            reason = str(exc.problems[0]) if isinstance(exc, WgdraftError) else str(exc)
            self.notify(reason, title="Cannot create the draft", severity="error", timeout=10)
            return False
        if self.open_draft(path):
            self.notify(summary, title=f"Imported into {path.name}", timeout=12)
        return True

    @work(exclusive=True, group="from-adopted")
    async def action_from_adopted(self) -> None:
        """A new draft from an adopted text, from wherever the drafter is. Not over an
        editor with unsaved changes: its own quit question would no longer be asked."""
        from tui.adopted import draft_from_adopted

        if any(isinstance(s, EditorScreen) and s.session.dirty for s in self.screen_stack):
            self.notify(
                "Save the open draft first (ctrl+s), then start the new one.",
                title="Unsaved changes",
                severity="warning",
            )
            return
        await draft_from_adopted(self)

    def action_library(self) -> None:
        from tui.screens.library import LibraryScreen

        if not isinstance(self.screen, LibraryScreen):  # not twice on the stack
            self.push_screen(LibraryScreen())

    # --- quitting and commands ------------------------------------------------------

    def action_quit(self) -> None:  # type: ignore[override]
        self.service.quit()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Clause library", "key: ctrl+l — browse and edit clauses", self.action_library
        )
        yield SystemCommand(
            "New draft from an adopted text (TXT, DOCX, PDF)",
            "import last year's conclusions, check the situation, edit",
            self.action_from_adopted,
        )


def build_app(library: Library, draft: Path | None = None, **options: object) -> WgdraftApp:
    """The App for a loaded library, optionally opening a draft."""
    return WgdraftApp(library, draft, **options)  # type: ignore[arg-type]


def run(library: Library, draft: Path | None = None) -> int:
    """Run the UI; the exit code is 0 only when it was quit normally. On an unexpected
    error Textual prints its report, and one line below it says what happened."""
    app = build_app(library, draft)
    try:
        app.run()
    except Exception as exc:  # the UI could not start or stop cleanly
        return _stopped(f"{type(exc).__name__}: {exc}")
    code = app.return_code or 0
    if code:
        error = getattr(app, "_exception", None)  # kept by Textual for its report
        return _stopped(f"{type(error).__name__}: {error}" if error else f"exit code {code}")
    return 0


def _stopped(what: str) -> int:
    print(
        f"wgdraft: the terminal UI stopped on an unexpected error ({what}); "
        "please report it with the details above",
        file=sys.stderr,
    )
    return 1
