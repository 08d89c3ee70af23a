"""A first terminal UI: browse the clause library. The drafting editor comes later."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from wgdraft.library import Library


class WgdraftApp(App[None]):
    """Built from a loaded library (the factory is :func:`run`)."""

    CSS_PATH = "app.tcss"
    TITLE = "wgdraft"
    BINDINGS: ClassVar = [("q", "quit", "Quit")]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            f"Clause library: {len(self.library.clauses)} clauses in {self.library.root}",
            id="banner",
        )
        yield OptionList(
            *(Option(f"{c.id}  [dim]{c.title}[/]", id=c.id) for c in self.library.clauses.values()),
            id="clauses",
        )
        yield Footer()


def run(library: Library) -> int:
    WgdraftApp(library).run()
    return 0
