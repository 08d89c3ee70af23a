"""Negotiation state in the editor: an item's state (proposed, under discussion, agreed
ad referendum), its bracketed alternatives with the delegation proposing each, its
comments, the outline's marks and open-only filter, and the counts in the status line.

The dialogs return what the drafter decided; the editor's thin actions call the
``edit_*`` coroutines here, which write through the session (one undo step each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import ValidationError
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from tui.dialogs import DONE, Dialog, PickDialog
from wgdraft import draftfile
from wgdraft.dates import parse_date
from wgdraft.errors import WgdraftError
from wgdraft.itempath import ItemPath
from wgdraft.models import Bracket, Comment, Draft
from wgdraft.negotiation import Tally, draft_items, tally

if TYPE_CHECKING:
    from tui.screens.editor import EditorScreen
    from wgdraft.session import Ref

#: the states of an item: (value in the draft, what the drafter reads, outline mark)
STATES: tuple[tuple[str, str, str], ...] = (
    ("proposed", "Proposed", ""),
    ("under-discussion", "Under discussion", "◐"),
    ("agreed", "Agreed ad referendum", "✓"),
)
_MARKS = {value: mark for value, _label, mark in STATES}
_LABELS = {value: label for value, label, _mark in STATES}
#: an item with alternatives still open, and an item with comments
BRACKET_MARK = "[/]"
COMMENT_MARK = "✱"
#: the outline's marks, for the help screen
LEGEND = (
    f"{_MARKS['under-discussion']} under discussion · {_MARKS['agreed']} agreed ad "
    f"referendum · {BRACKET_MARK} alternatives still open · {COMMENT_MARK} comments"
)


# --- the outline and the status line ----------------------------------------------------


def _open_brackets(item: Mapping[str, Any]) -> bool:
    return any(b.get("chosen") is None for b in item.get("brackets") or [])


def item_mark(item: Mapping[str, Any]) -> str:
    """What the outline shows beside an item (its draft data): its state (nothing for
    "proposed"), open alternatives and comments; "" for an item with none."""
    marks = [_MARKS.get(str(item.get("status") or "proposed"), "")]
    if _open_brackets(item):
        marks.append(BRACKET_MARK)
    if item.get("comments"):
        marks.append(COMMENT_MARK)
    return " ".join(m for m in marks if m)


def is_open(item: Mapping[str, Any]) -> bool:
    """Whether the open-only outline shows an item: not agreed, or one of its
    sub-items is not."""
    if (item.get("status") or "proposed") != "agreed":
        return True
    return any(is_open(child) for child in item.get("items") or [])


def counts_text(counts: Tally) -> str:
    """The status line's counts: "5 open · 1 bracketed · 2 agreed"."""
    return f"{counts.open} open · {counts.bracketed} bracketed · {counts.agreed} agreed"


def status_counts(draft: Draft | None, open_only: bool) -> str:
    """The counts of ``draft`` (none while it has problems) and the filter, if on."""
    parts = [counts_text(tally(draft))] if draft is not None else []
    if open_only:
        parts.append("showing open items only (o: all)")
    return " · ".join(parts)


# --- the current item -------------------------------------------------------------------


def current_item(editor: EditorScreen) -> Ref | None:
    """The ref of the item under the outline cursor; None, saying so, elsewhere."""
    current = editor.current
    if current is None or current.kind != "item" or current.ref is None:
        editor.notify("Move the cursor to an item first.", severity="warning")
        return None
    return current.ref


def _printed(editor: EditorScreen, ref: Ref) -> str | None:
    """The item's text as the preview prints it (None while the draft has problems)."""
    if editor.bundle is None:
        return None
    node = editor.bundle.conclusions.by_path().get(ItemPath.of(ref))
    return None if node is None else node.text


def span_check(printed: str) -> Callable[[str], str | None]:
    """Why a span is refused for an item printed as ``printed`` (None: it occurs)."""
    folded = " ".join(printed.split())

    def check(span: str) -> str | None:
        if " ".join(span.split()) in folded:
            return None
        return "these words do not occur in the item as printed (see the preview)"

    return check


# --- item state -------------------------------------------------------------------------


async def edit_state(editor: EditorScreen) -> None:
    """Ask for the current item's state and set it (one undo step)."""
    ref = current_item(editor)
    if ref is None:
        return
    now = str(editor.session.get(ref).get("status") or "proposed")
    choices = [
        (value, f"{mark or ' '}  {label}{'  (now)' if value == now else ''}")
        for value, label, mark in STATES
    ]
    label = editor.outline.label_of(ref) or "this item"
    chosen = await editor.app.push_screen_wait(PickDialog(f"State of {label}", choices, now))
    if chosen is None or chosen == now:
        return
    editor.session.set_field(ref, "status", None if chosen == "proposed" else chosen)
    editor.changed(ref)
    editor.notify(f"{label}: {_LABELS[chosen].lower()} (ctrl+z undoes)")


# --- bracketed alternatives -------------------------------------------------------------

#: the chosen select's value for "not agreed yet"
OPEN = "open"
NEW = "new"


@dataclass(frozen=True)
class BracketAnswer:
    """What the bracket form returns: the bracket's data, or None to remove it."""

    bracket: dict[str, Any] | None


class BracketForm(Dialog[BracketAnswer]):
    """One bracket of an item: the words in question (checked by ``check`` when
    changed), the alternatives with the delegation proposing each, and the agreed one
    (or open). "Remove" returns a ``BracketAnswer`` of None."""

    BINDINGS: ClassVar = [DONE]

    def __init__(
        self,
        title: str,
        bracket: Mapping[str, Any] | None,
        check: Callable[[str], str | None],
    ) -> None:
        super().__init__()
        self.title_text = title
        self.original = dict(bracket) if bracket else None
        self.check = check
        given = list((bracket or {}).get("options") or [])
        self.rows = max(2, len(given))
        self.given = given

    def compose(self) -> ComposeResult:
        bracket = self.original or {}
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question", markup=False)
            yield Label("Words of the item in question (as printed)", classes="field-label")
            yield Input(str(bracket.get("span", "")), id="span", placeholder="e.g. Calls upon")
            yield Static("", id="span-error", classes="error")
            yield Label(
                "Alternatives, the current wording included: the wording, then the "
                "delegation proposing it (empty wording: delete the words)",
                classes="field-label",
            )
            with VerticalScroll(id="option-rows", can_focus=False):
                for i in range(self.rows):
                    given = self.given[i] if i < len(self.given) else {}
                    yield self._row(i, str(given.get("text", "")), given.get("proposed_by"))
            yield Button("Add an alternative", id="add-option")
            yield Label("Agreed alternative", classes="field-label")
            yield Select(
                self._choices(), value=self._chosen_value(), allow_blank=False, id="chosen"
            )
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Done (ctrl+s)", id="done", variant="primary")
                if self.original is not None:
                    yield Button("Remove this bracket", id="remove", variant="error")
                yield Button("Cancel", id="cancel")

    def _row(self, i: int, text: str, by: str | None) -> Horizontal:
        return Horizontal(
            Input(text, id=f"opt-text-{i}", placeholder="wording", classes="opt-text"),
            Input(by or "", id=f"opt-by-{i}", placeholder="proposed by", classes="opt-by"),
            classes="option-row",
        )

    def _options(self) -> list[tuple[str, str]]:
        """(text, proposer) of each row."""
        return [
            (
                self.query_one(f"#opt-text-{i}", Input).value,
                self.query_one(f"#opt-by-{i}", Input).value,
            )
            for i in range(self.rows)
        ]

    def _choices(self) -> list[tuple[Text, str]]:
        choices = [(Text("Open: not agreed yet"), OPEN)]
        if not self.is_mounted:
            rows = [(str(o.get("text", "")), o.get("proposed_by") or "") for o in self.given]
        else:
            rows = self._options()
        for i, (text, by) in enumerate(rows):
            if text.strip() or by.strip():
                shown = text.strip() or "(delete the words)"
                proposer = f"  — {by.strip()}" if by.strip() else ""
                choices.append((Text(shown + proposer), str(i)))
        return choices

    def _chosen_value(self) -> str:
        chosen = (self.original or {}).get("chosen")
        for i, option in enumerate(self.given):
            if chosen is not None and option.get("text") == chosen:
                return str(i)
        return OPEN

    def _refresh_choices(self) -> None:
        select = self.query_one("#chosen", Select)
        value = select.value
        choices = self._choices()
        select.set_options(choices)
        if value in {v for _label, v in choices}:
            select.value = value

    def on_input_changed(self, event: Input.Changed) -> None:
        if (event.input.id or "").startswith("opt-"):
            self._refresh_choices()

    async def add_row(self, text: str = "", by: str = "") -> None:
        row = self._row(self.rows, text, by)
        self.rows += 1
        await self.query_one("#option-rows", VerticalScroll).mount(row)

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-option":
            await self.add_row()
            self.query_one(f"#opt-text-{self.rows - 1}", Input).focus()
        elif event.button.id == "remove":
            self.dismiss(BracketAnswer(None))

    def form_state(self) -> dict[str, Any]:
        return {
            "span": self.query_one("#span", Input).value,
            "options": [list(o) for o in self._options()],
            "chosen": str(self.query_one("#chosen", Select).value),
        }

    async def _restore(self, state: dict[str, Any]) -> None:
        options = state.get("options") or []
        while self.rows < len(options):
            await self.add_row()
        self.query_one("#span", Input).value = str(state.get("span", ""))
        for i, (text, by) in enumerate(options):
            self.query_one(f"#opt-text-{i}", Input).value = str(text)
            self.query_one(f"#opt-by-{i}", Input).value = str(by)
        self._refresh_choices()
        self.query_one("#chosen", Select).value = str(state.get("chosen", OPEN))

    def restore_state(self, state: dict[str, Any]) -> None:
        self.run_worker(self._restore(state))

    def _refuse(self, where: str, message: str) -> None:
        self.query_one(f"#{where}", Static).update(f"✗ {message}")

    def action_done(self) -> None:
        self.query_one("#span-error", Static).update("")
        self.query_one("#error", Static).update("")
        span = " ".join(self.query_one("#span", Input).value.split())
        if not span:
            self._refuse("span-error", "Type the words the alternatives replace.")
            return
        if span != (self.original or {}).get("span"):
            refused = self.check(span)
            if refused:
                self._refuse("span-error", refused)
                return
        options: list[dict[str, Any]] = []
        chosen_row = str(self.query_one("#chosen", Select).value)
        chosen: str | None = None
        for i, (text, by) in enumerate(self._options()):
            text, by = " ".join(text.split()), " ".join(by.split())
            if not text and not by:
                continue
            if text in [o["text"] for o in options]:
                self._refuse("error", f"Two alternatives read {text!r}: keep one.")
                return
            option: dict[str, Any] = {"text": text}
            if by:
                option["proposed_by"] = by
            options.append(option)
            if chosen_row == str(i):
                chosen = text
        if len(options) < 2:
            self._refuse("error", "Give at least two alternatives (the current wording too).")
            return
        bracket: dict[str, Any] = {"span": span, "options": options}
        if chosen is not None:
            bracket["chosen"] = chosen
        try:
            Bracket.model_validate(bracket)
        except ValidationError as exc:
            self._refuse("error", exc.errors()[0]["msg"])
            return
        self.dismiss(BracketAnswer(bracket))


def bracket_line(bracket: Mapping[str, Any]) -> str:
    """A bracket as the pick list shows it: “span” → [a / b], agreed or open."""
    options = " / ".join(str(o.get("text")) or "(delete)" for o in bracket.get("options") or [])
    chosen = bracket.get("chosen")
    state = "open" if chosen is None else f"agreed: {chosen or '(delete)'}"
    return f"“{bracket.get('span')}” → [{options}]  · {state}"


async def edit_brackets(
    editor: EditorScreen, reopened: tuple[Ref, int | None, dict[str, Any]] | None = None
) -> None:
    """The current item's alternatives: pick one to change or remove, or add one; each
    change is one undo step. ``reopened``: the item, the bracket (None: a new one) and
    the typing of a form a crash left open (``LookupError`` if the draft lost them)."""
    ref = current_item(editor) if reopened is None else reopened[0]
    if ref is None:
        return
    printed = _printed(editor, ref)
    if printed is None:
        editor.notify(editor.error or "The draft has problems.", title="Fix the draft first")
        return
    label = editor.outline.label_of(ref) or "this item"
    brackets = draftfile.plain(editor.session.get(ref).get("brackets") or [])
    index: int | None = None
    pending: dict[str, Any] | None = None
    if reopened is not None:
        index, pending = reopened[1], reopened[2]
        if index is not None and not 0 <= index < len(brackets):
            raise LookupError(index)
    elif brackets:
        choices = [(str(i), bracket_line(b)) for i, b in enumerate(brackets)]
        choices.append((NEW, "Add alternatives for other words"))
        picked = await editor.app.push_screen_wait(PickDialog(f"Alternatives in {label}", choices))
        if picked is None:
            return
        index = None if picked == NEW else int(picked)
    title = f"Alternatives in {label}: {' '.join(printed.split()[:12])}…"
    form = BracketForm(title, None if index is None else brackets[index], span_check(printed))
    # the typing is kept while the form is open, and offered back after a crash
    where = {"ref": list(ref), "index": index}
    answer = await editor.ask_form(form, "brackets", where, pending)
    if answer is None:
        return
    if answer.bracket is None:
        assert index is not None
        del brackets[index]
        said = "Alternatives removed"
    elif index is None:
        brackets.append(answer.bracket)
        said = "Alternatives added"
    else:
        brackets[index] = answer.bracket
        said = "Alternatives changed"
    editor.session.set_field(ref, "brackets", brackets or None)
    editor.changed(ref)
    editor.notify(f"{label}: {said.lower()} (ctrl+z undoes)")


# --- comments ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CommentsAnswer:
    """The item's comments after the dialog, and the author last typed."""

    comments: list[dict[str, Any]]
    author: str


def comment_line(comment: Mapping[str, Any]) -> str:
    return f"{comment.get('date')}  {comment.get('author')}: {comment.get('text')}"


class CommentsDialog(Dialog[CommentsAnswer]):
    """An item's comments: the list (enter or "Remove" removes the highlighted one) and
    a new comment (author, date: today unless changed, text), added with "Add" or with
    done. Returns every comment, in order."""

    BINDINGS: ClassVar = [DONE]

    def __init__(self, title: str, comments: list[dict[str, Any]], author: str) -> None:
        super().__init__()
        self.title_text = title
        self.comments = [
            {"author": c["author"], "date": str(c["date"]), "text": c["text"]} for c in comments
        ]
        self.author = author

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question", markup=False)
            yield OptionList(id="comments", markup=False)
            yield Button("Remove the highlighted comment", id="remove-comment")
            yield Label("New comment: author, date", classes="field-label")
            with Horizontal(classes="option-row"):
                yield Input(self.author, id="author", placeholder="e.g. France")
                yield Input(dt.date.today().isoformat(), id="date", placeholder="YYYY-MM-DD")
            yield Label("Comment", classes="field-label")
            yield TextArea("", id="comment-text", soft_wrap=True)
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Add", id="add-comment")
                yield Button("Done (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self._show()

    def focus_first(self) -> None:
        """Typing goes to the new comment (its author first, when not known yet)."""
        author = self.query_one("#author", Input)
        (author if not author.value else self.query_one("#comment-text", TextArea)).focus()

    def _show(self) -> None:
        listed = self.query_one("#comments", OptionList)
        listed.clear_options()
        if self.comments:
            listed.add_options([Option(comment_line(c)) for c in self.comments])
        else:
            listed.add_option(Option("(no comments yet)", disabled=True))

    def form_state(self) -> dict[str, Any]:
        return {
            "comments": [dict(c) for c in self.comments],
            "author": self.query_one("#author", Input).value,
            "date": self.query_one("#date", Input).value,
            "text": self.query_one("#comment-text", TextArea).text,
        }

    def restore_state(self, state: dict[str, Any]) -> None:
        self.comments = [dict(c) for c in state.get("comments") or []]
        self.query_one("#author", Input).value = str(state.get("author", ""))
        self.query_one("#date", Input).value = str(state.get("date", ""))
        self.query_one("#comment-text", TextArea).text = str(state.get("text", ""))
        self._show()

    def _new(self) -> dict[str, Any] | None:
        """The comment typed, checked (None, saying why, when refused)."""
        error = self.query_one("#error", Static)
        author = " ".join(self.query_one("#author", Input).value.split())
        text = " ".join(self.query_one("#comment-text", TextArea).text.split())
        try:
            date = parse_date(self.query_one("#date", Input).value)
        except ValueError as exc:
            error.update(f"✗ Date: {exc}")
            return None
        if not author:
            error.update("✗ Who makes the comment? Type the author.")
            return None
        comment = {"author": author, "date": date.isoformat(), "text": text}
        try:
            Comment.model_validate(comment)
        except ValidationError as exc:
            error.update(f"✗ {exc.errors()[0]['msg']}")
            return None
        error.update("")
        return comment

    def add_typed(self) -> bool:
        """Add the typed comment to the list; False when refused."""
        if not self.query_one("#comment-text", TextArea).text.strip():
            self.query_one("#error", Static).update("✗ The comment is empty.")
            return False
        comment = self._new()
        if comment is None:
            return False
        self.comments.append(comment)
        self.query_one("#comment-text", TextArea).text = ""
        self._show()
        return True

    def remove_highlighted(self) -> None:
        listed = self.query_one("#comments", OptionList)
        if listed.highlighted is not None and self.comments:
            del self.comments[listed.highlighted]
            self._show()

    def on_option_list_option_selected(self) -> None:
        self.remove_highlighted()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "add-comment":
            self.add_typed()
        elif event.button.id == "remove-comment":
            self.remove_highlighted()

    def action_done(self) -> None:
        if self.query_one("#comment-text", TextArea).text.strip() and not self.add_typed():
            return
        author = " ".join(self.query_one("#author", Input).value.split())
        self.dismiss(CommentsAnswer(self.comments, author))


#: the author typed last in this run of the app, by app and by what it signs: a comment's
#: author is a delegation, a redline's is the drafter, and one must not propose the other
_AUTHORS: dict[tuple[int, str], str] = {}


def last_author(editor: EditorScreen, signs: str = "comment") -> str:
    """The author of ``signs`` ("comment" or "redline") typed last in this app; for a
    comment, else the draft's last comment's."""
    known = _AUTHORS.get((id(editor.app), signs))
    if known or signs != "comment":
        return known or ""
    try:
        draft = editor.session.draft()
    except WgdraftError:
        return ""
    latest = ""
    for _path, item in draft_items(draft):
        for comment in item.comments:
            latest = comment.author
    return latest


def remember_author(editor: EditorScreen, author: str, signs: str = "comment") -> None:
    """The author the next comment (or redline: ``signs``) proposes."""
    if author.strip():
        _AUTHORS[(id(editor.app), signs)] = " ".join(author.split())


async def edit_comments(
    editor: EditorScreen, reopened: tuple[Ref, dict[str, Any]] | None = None
) -> None:
    """The current item's comments, changed in their dialog (one undo step).
    ``reopened``: the item and the typing of a form a crash left open."""
    ref = current_item(editor) if reopened is None else reopened[0]
    if ref is None:
        return
    label = editor.outline.label_of(ref) or "this item"
    comments = draftfile.plain(editor.session.get(ref).get("comments") or [])
    dialog = CommentsDialog(f"Comments on {label}", comments, last_author(editor))
    pending = None if reopened is None else reopened[1]
    answer = await editor.ask_form(dialog, "comments", {"ref": list(ref)}, pending)
    if answer is None:
        return
    remember_author(editor, answer.author)

    def stored(listed: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Comments as the draft keeps them (a date, not its text)."""
        return [{**c, "date": dt.date.fromisoformat(str(c["date"]))} for c in listed]

    written, before = stored(answer.comments), stored(comments)
    if written == before:
        return
    editor.session.set_field(ref, "comments", written or None)
    editor.changed(ref)
    editor.notify(f"{label}: {len(written)} comment(s) (ctrl+z undoes)")
