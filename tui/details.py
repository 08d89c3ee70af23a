"""The draft's details form (``s`` in the editor): every field of a draft that is not
its text, in sections on one scrolling page (document, meeting and report, country,
signatories, each letter's addressees and each statement's press release and later
meeting, the annex). The fields and their checks are the core's
(:mod:`wgdraft.details`); this module lays them out and says what is wrong beside
each field."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Input, Label, Static, TextArea

from tui.dialogs import Dialog
from wgdraft import details
from wgdraft.details import DetailField, DetailSection
from wgdraft.session import DraftSession, Ref


@dataclass(frozen=True)
class DetailsAnswer:
    """What the details form returns: the changed fields (dotted name -> value, None
    removes it) and the fields to review confirmed unchanged."""

    changes: dict[str, Any]
    confirmed: list[str] = field(default_factory=list)


def widget_id(key: str) -> str:
    """The id of a field's input: "situation.meeting.date" -> "d-situation-meeting-date"."""
    return "d-" + key.replace(".", "-")


def note_id(key: str) -> str:
    """The id of the line under a field: its error, or how a date prints."""
    return "dn-" + key.replace(".", "-")


REVIEW_MARK = "  · to review"
CONFIRMED_MARK = "  · reviewed, unchanged"


class DetailsForm(Dialog[DetailsAnswer]):
    """Every detail of an open draft. ctrl+s saves (refused, with the reason beside each
    wrong field, while a field is wrong); ctrl+down / ctrl+up go to the next or previous
    section; ctrl+r confirms a field marked "to review" as it is."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "done", "Save", priority=True),
        Binding("ctrl+down,ctrl+pagedown", "section(1)", "Next section"),
        Binding("ctrl+up,ctrl+pageup", "section(-1)", "Previous section"),
        Binding("ctrl+r", "confirm", "Reviewed as it is"),
        Binding("ctrl+t", "empty", "Empty the field"),
    ]
    DEFAULT_CSS = """
    DetailsForm .section-title {
        margin-top: 1;
        padding: 0 1;
        background: $boost;
        text-style: bold;
        width: 100%;
    }
    DetailsForm .section-hint {
        color: $text-muted;
    }
    DetailsForm .detail-row {
        height: auto;
        margin-top: 1;
    }
    DetailsForm .detail-label {
        width: 30;
        padding-right: 1;
    }
    DetailsForm .detail-label.review {
        color: $warning;
        text-style: bold;
    }
    DetailsForm .detail-row Input, DetailsForm .detail-row TextArea {
        width: 1fr;
    }
    DetailsForm .detail-note {
        width: 30;
        padding-left: 1;
    }
    DetailsForm TextArea.lines {
        height: 5;
    }
    DetailsForm TextArea.paragraphs {
        height: 10;
    }
    DetailsForm #details-fields {
        height: 1fr;
    }
    """

    def __init__(
        self,
        title: str,
        data: Any,
        sections: list[DetailSection],
        review: Iterable[str] = (),
        file: Path | None = None,
        defaults: dict[str, str] | None = None,
        start: str | None = None,
    ) -> None:
        """``data``: the draft's data (read, never changed here); ``review``: the
        draft's fields still to review (``Draft.review``); ``defaults``: what a field
        left empty prints (the locale's); ``start``: the id of the section to open
        at (a block's, when the cursor is on it)."""
        super().__init__()
        self.title_text = title
        self.data = data
        self.sections = sections
        self.fields = details.all_fields(sections)
        self.initial = details.texts(data, self.fields)
        self.review = [name for name in review]
        self.file = file
        self.defaults = defaults or {}
        self.start = start
        self.confirmed: set[str] = set()

    # --- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog full"):
            yield Static(self.title_text, classes="question")
            yield Static(
                "ctrl+s saves · ctrl+down / ctrl+up: next / previous section · ctrl+t "
                "empties the field (to paste new comments) · a field marked “to review” "
                "leaves the list when changed (ctrl+r: reviewed as it is)",
                classes="hint",
            )
            with VerticalScroll(id="details-fields"):
                for section in self.sections:
                    yield Static(
                        section.title,
                        id=f"section-{section.id}",
                        classes="section-title",
                        markup=False,
                    )
                    if section.hint:
                        yield Static(section.hint, classes="section-hint", markup=False)
                    for item in section.fields:
                        yield from self._field(item)
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def _field(self, item: DetailField) -> ComposeResult:
        """One row: the label, the input, and beside it the error or how a date prints."""
        marked = details.to_review(self.review, item.key)
        required = "  (required)" if item.required else ""
        value = self.initial.get(item.key, "")
        with Horizontal(classes="detail-row"):
            yield Label(
                item.label + required + (REVIEW_MARK if marked else ""),
                id=f"label-{widget_id(item.key)}",
                classes="detail-label review" if marked else "detail-label",
                markup=False,
            )
            if item.kind in ("lines", "paragraphs"):
                yield TextArea(
                    value, id=widget_id(item.key), classes=item.kind, soft_wrap=True, compact=True
                )
            else:
                placeholder = f"e.g. {item.example}" if item.example else ""
                if item.key in self.defaults:
                    placeholder = f"empty: “{self.defaults[item.key]}”, the usual words"
                yield Input(value, id=widget_id(item.key), placeholder=placeholder, compact=True)
            yield Static("", id=note_id(item.key), classes="detail-note note", markup=False)

    def focus_first(self) -> None:
        """The first field of the ``start`` section, else the form's first."""
        section = next((s for s in self.sections if s.id == self.start), None)
        if section is None:
            super().focus_first()
            return
        self.query_one(f"#section-{section.id}").scroll_visible(top=True, animate=False)
        self._widget(section.fields[0].key).focus(scroll_visible=False)

    def on_mount(self) -> None:
        for item in self.fields:
            if item.kind == "date" and self.initial.get(item.key):
                self._check(item)

    # --- typing -------------------------------------------------------------------

    def _widget(self, key: str) -> Widget:
        return self.query_one("#" + widget_id(key))

    def _text(self, key: str) -> str:
        widget = self._widget(key)
        return widget.text if isinstance(widget, TextArea) else str(widget.value)  # type: ignore[attr-defined]

    def form_state(self) -> dict[str, Any]:
        return {item.key: self._text(item.key) for item in self.fields}

    def restore_state(self, state: dict[str, Any]) -> None:
        for item in self.fields:
            if item.key not in state:
                continue
            widget = self._widget(item.key)
            if isinstance(widget, TextArea):
                widget.text = str(state[item.key])
            elif isinstance(widget, Input):
                widget.value = str(state[item.key])

    def _field_of(self, wid: str | None) -> DetailField | None:
        return next((f for f in self.fields if widget_id(f.key) == wid), None)

    def on_input_changed(self, event: Input.Changed) -> None:
        item = self._field_of(event.input.id)
        if item is not None:
            self._check(item)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        item = self._field_of(event.text_area.id)
        if item is not None:
            self._check(item)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.focus_next()  # enter goes on to the next field, as tab does

    def _show(self, key: str, text: str, ok: bool) -> None:
        note = self.query_one("#" + note_id(key), Static)
        note.update(text)
        note.set_class(not ok, "error")
        note.set_class(ok, "note")

    def _check(self, item: DetailField) -> tuple[bool, Any]:
        """(accepted, value) of one field; the reason it is refused, or how a date
        prints, shown under it."""
        try:
            value, note = details.read(item, self._text(item.key))
        except ValueError as exc:
            self._show(item.key, f"✗ {exc}", False)
            return False, None
        self._show(item.key, note, True)
        return True, value

    def _changed(self, item: DetailField, value: Any) -> bool:
        typed, initial = self._text(item.key), self.initial.get(item.key, "")
        if typed == initial:
            return False
        try:
            return bool(details.read(item, initial)[0] != value)
        except ValueError:
            return True

    # --- moving about ---------------------------------------------------------------

    def action_section(self, step: int) -> None:
        """Focus the first field of the next (1) or previous (-1) section; from the
        first, ctrl+up goes to the last (the annex)."""
        focused = self.focused
        current = next(
            (
                n
                for n, section in enumerate(self.sections)
                if focused is not None
                and any(widget_id(f.key) == focused.id for f in section.fields)
            ),
            -1 if step > 0 else 0,
        )
        target = (current + step) % len(self.sections)  # from the last, on to the first
        section = self.sections[target]
        self.query_one(f"#section-{section.id}").scroll_visible(top=True, animate=False)
        self._widget(section.fields[0].key).focus(scroll_visible=False)

    def action_empty(self) -> None:
        """Empty the focused field (select-all is not a key of a terminal's fields)."""
        focused = self.focused
        if isinstance(focused, TextArea):
            focused.text = ""
        elif isinstance(focused, Input):
            focused.value = ""

    def action_confirm(self) -> None:
        """The focused field, marked to review, is right as it is."""
        item = self._field_of(self.focused.id if self.focused else None)
        if item is None or not details.to_review(self.review, item.key):
            self.notify("This field is not marked to review.", severity="warning")
            return
        self.confirmed.add(item.key)
        label = self.query_one(f"#label-{widget_id(item.key)}", Label)
        label.update(item.label + CONFIRMED_MARK)
        label.set_class(False, "review")

    @property
    def changed(self) -> bool:
        return super().changed or bool(self.confirmed)

    # --- saving -------------------------------------------------------------------

    def action_done(self) -> None:
        changes: dict[str, Any] = {}
        refused: list[DetailField] = []
        for item in self.fields:
            ok, value = self._check(item)
            if not ok:
                refused.append(item)
            elif self._changed(item, value):
                changes[item.key] = value
        if not refused:
            found = details.problems(self.data, changes, self.fields, self.file)
            for key, message in found.items():
                self._show(key, f"✗ {message}", False)
            refused = [item for item in self.fields if item.key in found]
        if refused:
            self.notify(
                "\n".join(f"{item.label}: {self._note(item.key)}" for item in refused[:6]),
                title="Not saved",
                severity="error",
            )
            self._widget(refused[0].key).focus()
            return
        confirmed = details.reviewed(self.review, self.confirmed)
        self.dismiss(DetailsAnswer(changes, confirmed))

    def _note(self, key: str) -> str:
        return str(self.query_one("#" + note_id(key), Static).render()).removeprefix("✗ ")


def details_form(
    session: DraftSession, label_of: Callable[[Ref], str | None], at: Ref | None = None
) -> DetailsForm:
    """The details form of an open draft; ``label_of`` gives a block's label ("5");
    ``at``: where the outline's cursor is (on a letter or statement block or one of its
    items, the form opens at that block's section)."""
    data = session.view
    blocks = data.get("blocks") if isinstance(data, dict) else None
    labels = {
        n: label
        for n in range(len(blocks) if isinstance(blocks, list) else 0)
        if (label := label_of(("blocks", n)))
    }
    found = details.sections(data, session.library.templates.channels, labels)
    review = data.get("review") if isinstance(data, dict) else None
    return DetailsForm(
        f"The details of {session.path.name}",
        data,
        found,
        [str(name) for name in review] if isinstance(review, list) else [],
        session.path,
        details.printed_defaults(data, session.library.templates),
        f"block-{at[1]}" if at and at[0] == "blocks" and len(at) > 1 else None,
    )
