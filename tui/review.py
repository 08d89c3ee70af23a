"""The walk-through of what a follow-up draft leaves to review (``n``: next, ``y``:
reviewed). An item is shown by putting the outline cursor on it with a notice of what
to check; a field opens :class:`ReviewFieldDialog` with its current value to keep
(enter) or change. The core (:mod:`wgdraft.review`, the session) does the work."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from tui.dialogs import DONE, Dialog
from wgdraft.review import ReviewPoint, field_text, field_value

if TYPE_CHECKING:
    from tui.screens.editor import EditorScreen
    from wgdraft.session import DraftSession, Ref


@dataclass(frozen=True)
class FieldAnswer:
    """What the field dialog returns: the text to set, or None to keep the value."""

    text: str | None


class ReviewFieldDialog(Dialog[FieldAnswer]):
    """One field to review: its label, why, and its value (editable where it is one
    line). Enter keeps or sets it and marks it reviewed; escape changes nothing."""

    BINDINGS: ClassVar = [DONE]

    def __init__(self, point: ReviewPoint, text: str | None, progress: str) -> None:
        super().__init__()
        self.point = point
        self.text = text  # None: not editable here
        self.title_text = f"To review ({progress}): {point.label}"

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question")
            yield Static(f"Carried from the earlier text: {self.point.reason}.", classes="hint")
            if self.text is not None:
                # the cursor after the value, nothing selected: typing adds to it (a
                # resolution to the list) instead of replacing it all; ctrl+u empties it
                yield Input(self.text, id="review-value", select_on_focus=False)
                yield Static("", id="error", classes="error")
                hint = (
                    "enter: keep it (or set what you typed) · ctrl+u: empty the field "
                    "· escape: later"
                )
            else:
                yield Static("(edit it in the draft's details form)", classes="hint")
                hint = "enter: it is right as it is · escape: later"
            yield Static(hint, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Reviewed (enter)", id="done", variant="primary")
                yield Button("Later", id="cancel")

    def form_state(self) -> dict[str, Any] | None:
        if self.text is None:
            return None
        return {"text": self.query_one("#review-value", Input).value}

    def restore_state(self, state: dict[str, Any]) -> None:
        if self.text is not None:
            self.query_one("#review-value", Input).value = str(state.get("text", ""))

    def on_input_submitted(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        if self.text is None:
            self.dismiss(FieldAnswer(None))
            return
        typed = self.query_one("#review-value", Input).value
        if typed.strip() == self.text.strip():
            self.dismiss(FieldAnswer(None))
            return
        try:
            field_value(str(self.point.field), typed)
        except ValueError as exc:
            self.query_one("#error", Static).update(f"✗ {exc}")
            return
        self.dismiss(FieldAnswer(typed))


class ReviewWalk:
    """Where the walk-through is: the last point shown, so ``n`` goes on from there
    (and round to the points passed over)."""

    def __init__(self) -> None:
        self.last: ReviewPoint | None = None
        self.last_index = 0

    def next(self, points: list[ReviewPoint]) -> ReviewPoint | None:
        if not points:
            return None
        if self.last in points:
            index = (points.index(self.last) + 1) % len(points)
        else:  # reviewed meanwhile: the point that took its place
            index = self.last_index % len(points)
        self.last, self.last_index = points[index], index
        return points[index]


def item_point(session: DraftSession, ref: Ref | None) -> ReviewPoint | None:
    """The point of the item at ``ref``, if it is to review."""
    if ref is None:
        return None
    return next((p for p in session.pending() if p.field is None and p.ref == ref), None)


def field_dialog(session: DraftSession, point: ReviewPoint, progress: str) -> ReviewFieldDialog:
    return ReviewFieldDialog(point, field_text(session.view, str(point.field)), progress)


def apply_field(session: DraftSession, point: ReviewPoint, answer: FieldAnswer) -> str:
    """Keep or set the field as answered (one undo step); what the notice says."""
    if answer.text is None:
        session.confirm(point)
        return f"{point.label}: kept as it is."
    session.review_field(str(point.field), answer.text)
    return f"{point.label}: set."


def item_notice(point: ReviewPoint, progress: str) -> str:
    return (
        f"To review ({progress}): {point.label}. {point.reason[:1].upper()}{point.reason[1:]}. "
        "y: it is right (reviewed) · e: edit it (that reviews it too) · n: next"
    )


def left(session: DraftSession) -> str:
    count = len(session.pending())
    return f"{count} left to review (n: next)." if count else "Everything is reviewed."


async def show_next(screen: EditorScreen) -> None:
    """``n``: the next point to review. An item: the outline cursor goes to it with a
    notice of what to check; a field: its dialog, then keep or set it."""
    session = screen.session
    points = session.pending()
    point = screen.review_walk.next(points)
    if point is None:
        screen.notify("Nothing to review.")
        return
    progress = f"{len(points)} left"  # "1 of N" each time, as each one leaves the list
    if point.field is None:
        screen.refresh_view(point.ref)
        screen.notify(item_notice(point, progress), title="To review", timeout=15)
        return
    answer = await screen.app.push_screen_wait(field_dialog(session, point, progress))
    if answer is None:
        return
    try:
        message = apply_field(session, point, answer)
    except ValueError as exc:  # the dialog checked it: only if the draft changed meanwhile
        screen.notify(str(exc), title=point.label, severity="error")
        return
    screen.changed(None)
    screen.notify(f"{message} {left(session)}")


def mark_reviewed(screen: EditorScreen) -> None:
    """``y``: the item under the cursor is right as it is."""
    current = screen.current
    ref = current.ref if current is not None and current.kind == "item" else None
    point = item_point(screen.session, ref)
    if point is None:
        screen.notify("This is not marked to review; n goes to the next point to review.")
        return
    screen.session.confirm(point)
    screen.changed(point.ref)
    screen.notify(f"Reviewed. {left(screen.session)}")
