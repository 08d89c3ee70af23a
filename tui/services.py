"""What the App holds for all its screens: the clause library with its search index,
and the open drafts that must be asked about before quitting.

Screens reach it as ``app.service``; it answers them with messages (``LibraryReloaded``),
so the App never needs to know which screens are open."""

from __future__ import annotations

from typing import Any, Protocol

from textual.app import App

from tui.messages import LibraryReloaded
from wgdraft.errors import WgdraftError
from wgdraft.library import Library, load_library
from wgdraft.search import ClauseIndex


class QuitGuard(Protocol):
    """A screen holding work that may be unsaved."""

    def confirm_quit(self) -> object:
        """Ask about the unsaved work, then quit (or not)."""


class AppService:
    """The library, its index, and the screens to ask before quitting."""

    def __init__(self, app: App[Any], library: Library) -> None:
        self._app = app
        self.library = library
        self._index: ClauseIndex | None = None
        self._guards: list[QuitGuard] = []

    @property
    def index(self) -> ClauseIndex:
        """The search index of the library (built on first use)."""
        if self._index is None:
            self._index = ClauseIndex(self.library)
        return self._index

    def reload(self) -> Library | None:
        """Load the library again after it changed and tell every screen (a
        ``LibraryReloaded`` message); None, with the problem shown, when it cannot load."""
        try:
            library = load_library(self.library.root, self.library.templates.root)
        except WgdraftError as exc:
            self._app.notify(
                str(exc.problems[0]), title="The library has a problem", severity="error"
            )
            return None
        self.library = library
        self._index = None
        for screen in self._app.screen_stack:
            screen.post_message(LibraryReloaded(library))
        return library

    # --- quitting -----------------------------------------------------------------

    def guard(self, screen: QuitGuard) -> None:
        """``screen`` is asked (the last one guarding) before the app quits."""
        self._guards.append(screen)

    def unguard(self, screen: QuitGuard) -> None:
        if screen in self._guards:
            self._guards.remove(screen)

    def quit(self) -> None:
        """Quit, after the last screen holding unsaved work has asked about it."""
        if self._guards:
            self._guards[-1].confirm_quit()
        else:
            self._app.exit()
