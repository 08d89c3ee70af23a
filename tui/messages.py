"""The messages screens and the App exchange (widgets' own messages live with them)."""

from __future__ import annotations

from textual.message import Message

from wgdraft.library import Library
from wgdraft.session import Ref


class DraftChanged(Message):
    """The draft of an editor changed; ``select`` is the item to put the cursor on
    (None: keep it where it is)."""

    def __init__(self, select: Ref | None = None) -> None:
        super().__init__()
        self.select = select


class LibraryReloaded(Message, bubble=False):
    """The clause library was loaded again (a clause was saved, renamed or retired);
    every screen gets it and uses ``library`` from now on."""

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
