"""Rounds in the editor (``R``): the draft's named rounds (``wgdraft.rounds``) listed,
the draft saved as a new round, and any two rounds (or a round and the draft as it
stands in the editor) compared as a text redline (``wgdraft.redline.redline_text``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, SelectionList, Static

from tui.dialogs import Dialog, LineDialog
from wgdraft.errors import WgdraftError
from wgdraft.redline import DELETED, INSERTED
from wgdraft.rounds import Round, list_rounds, rounds_dir, save_round, slug

if TYPE_CHECKING:
    from tui.screens.editor import EditorScreen
    from wgdraft.tree import Bundle

#: the names drafters give rounds, offered as the name is typed
SUGGESTIONS = ("Zero draft", "Rev.1", "Rev.2", "Rev.3", "Silence procedure", "Adopted")
#: the rounds list's value for the draft as it stands in the editor
CURRENT = "current"


def round_line(found: Round) -> str:
    when = found.saved_at.astimezone().strftime("%d %B %Y %H:%M")
    return f"{found.number:>2}  {found.name}  · saved {when}"


@dataclass(frozen=True)
class RoundsAnswer:
    """What the rounds list asks for: "save" a new round, or "compare" two entries
    (round numbers as text, or ``CURRENT``), the older first."""

    action: str
    entries: tuple[str, ...] = ()


class RoundsScreen(Dialog[RoundsAnswer]):
    """The draft's rounds. ``s`` saves the draft as a new round; ``c`` compares the two
    rounds selected (space), or the one selected, or else highlighted, with the draft."""

    BINDINGS: ClassVar = [
        Binding("s", "save_round", "Save a round"),
        Binding("c", "compare", "Compare"),
    ]

    def __init__(self, title: str, rounds: Sequence[Round]) -> None:
        super().__init__()
        self.title_text = title
        self.rounds = list(rounds)

    def compose(self) -> ComposeResult:
        entries = [(Text(round_line(r)), str(r.number)) for r in self.rounds]
        entries.append((Text("    The draft as it stands in the editor"), CURRENT))
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question", markup=False)
            if not self.rounds:
                yield Static("No round saved yet: s saves the draft as the first.", classes="hint")
            yield SelectionList[str](*entries, id="rounds")
            yield Static(
                "space selects; c compares the two selected (one selected, or the "
                "highlighted one: with the draft as it stands)",
                classes="hint",
            )
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Save the draft as a round (s)", id="save-round", variant="primary")
                yield Button("Compare (c)", id="compare")
                yield Button("Close", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save-round":
            self.action_save_round()
        elif event.button.id == "compare":
            self.action_compare()

    def action_save_round(self) -> None:
        self.dismiss(RoundsAnswer("save"))

    def _order(self, value: str) -> int:
        return 1_000_000 if value == CURRENT else int(value)

    def action_compare(self) -> None:
        listed = self.query_one("#rounds", SelectionList)
        selected = sorted({str(v) for v in listed.selected}, key=self._order)
        if not selected and listed.highlighted is not None:
            selected = [str(listed.get_option_at_index(listed.highlighted).value)]
        if len(selected) == 1 and selected[0] != CURRENT:
            selected.append(CURRENT)
        if len(selected) != 2:
            self.query_one("#error", Static).update(
                "✗ Select two entries with space (or one, to compare it with the draft)."
            )
            return
        self.dismiss(RoundsAnswer("compare", tuple(selected)))


def coloured(redline: str) -> Text:
    """The text redline with its insertions and deletions coloured."""
    return _colour(redline, INSERTED, DELETED)


def _colour(redline: str, insert: tuple[str, str], delete: tuple[str, str]) -> Text:
    """Colour the spans between each pair of markers (opening, closing)."""
    out = Text()
    at = 0
    while at < len(redline):
        starts = [
            (redline.find(marks[0], at), marks, style)
            for marks, style in ((insert, "bold green underline"), (delete, "bold red strike"))
        ]
        found = [s for s in starts if s[0] >= 0]
        if not found:
            out.append(redline[at:])
            break
        start, (opening, closing), style = min(found, key=lambda s: s[0])
        end = redline.find(closing, start + len(opening))
        if end < 0:
            out.append(redline[at:])
            break
        out.append(redline[at:start])
        out.append(redline[start : end + len(closing)], style=style)
        at = end + len(closing)
    return out


class RedlineView(ModalScreen[None]):
    """A redline, scrollable, one paragraph a line: insertions and deletions coloured,
    ``n`` and ``p`` going to the next and previous changed paragraph."""

    BINDINGS: ClassVar = [
        Binding("escape,q", "close", "Close"),
        Binding("n", "next_change(1)", "Next change"),
        Binding("p", "next_change(-1)", "Previous change"),
    ]

    def __init__(self, title: str, redline: str) -> None:
        super().__init__()
        self.title_text = title
        self.redline = redline
        self.lines = coloured(redline).split("\n", allow_blank=True)
        marks = (INSERTED[0], DELETED[0])
        self.changes = [
            i for i, line in enumerate(self.lines) if any(m in line.plain for m in marks)
        ]
        self.at = -1

    def compose(self) -> ComposeResult:
        count = len(self.changes)
        with Vertical(classes="dialog full"):
            yield Static(self.title_text, classes="question", markup=False)
            with VerticalScroll(id="redline-scroll"):
                for i, line in enumerate(self.lines):
                    changed = " changed" if i in self.changes else ""
                    yield Static(line, id=f"line-{i}", classes="redline-line" + changed)
            yield Static(
                f"{count} changed paragraph(s) · n / p: next / previous change · escape closes",
                classes="hint",
            )

    @property
    def shown(self) -> str:
        """The redline as shown, plain."""
        return "\n".join(line.plain for line in self.lines)

    def on_mount(self) -> None:
        self.query_one("#redline-scroll").focus()

    def action_next_change(self, step: int) -> None:
        if not self.changes:
            self.notify("No changes.")
            return
        self.at = (self.at + step) % len(self.changes)
        line = self.query_one(f"#line-{self.changes[self.at]}", Static)
        self.query_one("#redline-scroll", VerticalScroll).scroll_to_widget(line, top=True)

    def action_close(self) -> None:
        self.dismiss(None)


def name_check(rounds: Sequence[Round]) -> Any:
    """Refuses a name an earlier round has (any case, or the same file name)."""

    def check(name: str) -> str | None:
        for other in rounds:
            if other.name.casefold() == name.casefold() or slug(other.name) == slug(name):
                return f"round {other.number} is named {other.name!r}: give this one another name"
        return None

    return check


async def save_as_round(
    editor: EditorScreen, rounds: Sequence[Round], pending: dict[str, Any] | None = None
) -> Round | None:
    """Ask the round's name, save the draft, then keep it as the next round.
    ``pending``: the name typed in the form a crash left open."""
    taken = {r.name.casefold() for r in rounds}
    proposal = next((s for s in SUGGESTIONS if s.casefold() not in taken), "")
    form = LineDialog(
        "Name of the round (the draft is saved first)",
        proposal,
        placeholder="e.g. Rev.1",
        check=name_check(rounds),
        suggester=SuggestFromList(SUGGESTIONS, case_sensitive=False),
        hint="Usual names: " + " · ".join(SUGGESTIONS),
    )
    name = await editor.ask_form(form, "round-name", {}, pending)
    if name is None:
        return None
    editor.action_save()
    session = editor.session
    if session.dirty:  # the save failed, and said why
        return None
    try:
        saved = save_round(session.path, name, session.path.read_text(encoding="utf-8"))
    except (WgdraftError, OSError) as exc:
        message = exc.problems[0] if isinstance(exc, WgdraftError) else exc
        editor.notify(str(message), title="Round not saved", severity="error", timeout=10)
        return None
    editor.notify(f"Round {saved.number} “{saved.name}” saved as {saved.file}", timeout=8)
    return saved


def round_bundle(editor: EditorScreen, found: Round) -> Bundle:
    """A saved round as the preview prints a draft: the negotiation text, its
    alternatives in brackets (its problems raised as WgdraftError)."""
    from wgdraft.redline import against

    path, library = editor.session.path, editor.session.library
    return against(path, str(found.number), library, stage="negotiation")


def _bundle(editor: EditorScreen, entry: str, by_number: dict[str, Round]) -> Bundle:
    """The bundle of a round, or of the draft as it stands (its problems raised)."""
    if entry == CURRENT:
        return editor.session.bundle()
    return round_bundle(editor, by_number[entry])


def _entry_name(entry: str, by_number: dict[str, Round]) -> str:
    if entry == CURRENT:
        return "the draft as it stands"
    found = by_number[entry]
    return f"round {found.number} “{found.name}”"


async def compare(editor: EditorScreen, entries: tuple[str, ...], rounds: list[Round]) -> None:
    """Show the text redline from the first entry to the second."""
    from wgdraft.redline import redline_text

    by_number = {str(r.number): r for r in rounds}
    old, new = entries
    try:
        redline = redline_text(_bundle(editor, old, by_number), _bundle(editor, new, by_number))
    except WgdraftError as exc:
        editor.notify(str(exc.problems[0]), title="Cannot compare", severity="error", timeout=10)
        return
    title = f"From {_entry_name(old, by_number)} to {_entry_name(new, by_number)}"
    await editor.app.push_screen_wait(RedlineView(title, redline))


async def rounds(editor: EditorScreen) -> None:
    """The rounds list, until closed: save a round, compare two."""
    path = editor.session.path
    while True:
        found = list_rounds(path)
        title = f"Rounds of {path.name} (kept in {rounds_dir(path).name}/)"
        answer = await editor.app.push_screen_wait(RoundsScreen(title, found))
        if answer is None:
            return
        if answer.action == "save":
            await save_as_round(editor, found)
        elif answer.action == "compare":
            await compare(editor, answer.entries, found)
