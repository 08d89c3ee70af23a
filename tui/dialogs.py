"""Dialogs: each a typed ModalScreen that returns its result through ``dismiss()``."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.timer import Timer
from textual.widgets import (
    Button,
    Input,
    Label,
    LoadingIndicator,
    OptionList,
    Select,
    SelectionList,
    Static,
    Switch,
    TextArea,
)
from textual.widgets.option_list import Option
from textual.worker import Worker, WorkerState

from tui.inputs import INPUTS, ParamInput
from wgdraft.formrecovery import FormRecord, Key, discard_form, find_form, save_form
from wgdraft.forms import Field, check_new_draft, label, parse
from wgdraft.forms import note as value_note
from wgdraft.models import Param
from wgdraft.paramtypes import SYMBOL_RE
from wgdraft.paramtypes import get as param_type

ResultT = TypeVar("ResultT")

#: the widgets a drafter types into or chooses with
FORM_WIDGETS = (Input, TextArea, Select, SelectionList, OptionList, Switch, Button)


class Dialog(ModalScreen[ResultT | None]):
    """A dialog that escape cancels (returning None); a form's "done" button or ctrl+s
    runs ``action_done``.

    A form with typing says what was typed through ``form_state`` (a JSON-able dict) and
    takes it back through ``restore_state``. Its state when it opened is remembered:
    cancelling a changed form asks first, and while it is open the typing is written
    (debounced) to a recovery record under ``recovery_key`` so that a crash loses
    nothing; the record goes when the form closes."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]
    #: seconds of quiet typing before the recovery record is written
    SAVE_DELAY: ClassVar[float] = 0.5

    def __init__(self) -> None:
        super().__init__()
        #: what the form edits (see wgdraft.formrecovery); None: nothing to recover
        self.recovery_key: Key | None = None
        self.recovery_title = ""
        #: typing to put back as the form opens (from a recovery record)
        self.pending_state: dict[str, Any] | None = None
        self._initial: dict[str, Any] | None = None
        self._save_timer: Timer | None = None
        self._form_closed = False
        self._asking_discard = False

    # --- what was typed -------------------------------------------------------------

    def form_state(self) -> dict[str, Any] | None:
        """What the user typed, JSON-able; None for dialogs without typing."""
        return None

    def restore_state(self, state: dict[str, Any]) -> None:
        """Put ``state`` (from ``form_state``) back into the widgets."""

    @property
    def changed(self) -> bool:
        if self._initial is None:  # not mounted yet: nothing can have been typed
            return False
        return self.form_state() != self._initial

    def on_mount(self) -> None:
        self._initial = self.form_state()
        self.focus_first()
        if self.pending_state is not None:
            self.call_after_refresh(self.restore_state, self.pending_state)
        elif self.recovery_key is not None:
            record = find_form(self.recovery_key)
            if record is not None:
                self.call_after_refresh(self._offer_record, record)

    def focus_first(self) -> None:
        """Focus the first field, so that typing goes into the form at once."""
        focused = self.focused
        if focused is not None and focused.is_attached and isinstance(focused, FORM_WIDGETS):
            return
        for widget in self.query("*"):
            if isinstance(widget, FORM_WIDGETS) and widget.focusable:
                widget.focus()
                return

    def _offer_record(self, record: FormRecord) -> None:
        def answered(answer: str | None) -> None:
            if answer == "restore":
                self.restore_state(record.state)
            elif answer == "discard" and self.recovery_key is not None:
                discard_form(self.recovery_key)

        when = record.saved_at.strftime("%d %B %Y %H:%M")
        self.app.push_screen(
            ConfirmDialog(
                f"This form still has what you typed on {when} (the app did not close "
                "normally). Put it back?",
                [("restore", "Put it back"), ("discard", "Discard it")],
            ),
            answered,
        )

    # --- keeping the typing ---------------------------------------------------------

    def on_input_changed(self) -> None:
        self._typed()

    def on_text_area_changed(self) -> None:
        self._typed()

    def on_select_changed(self) -> None:
        self._typed()

    def on_selection_list_selected_changed(self) -> None:
        self._typed()

    def on_switch_changed(self) -> None:
        self._typed()

    def _typed(self) -> None:
        if self.recovery_key is None or self._form_closed or not self.is_mounted:
            return
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(self.SAVE_DELAY, self.keep_typing)

    def keep_typing(self) -> None:
        """Write what is typed to the recovery record (removed when nothing changed)."""
        if self.recovery_key is None or self._form_closed:
            return
        state = self.form_state()
        try:
            if state is None or state == self._initial:
                discard_form(self.recovery_key)
            else:
                save_form(self.recovery_key, self.recovery_title, state)
        except OSError as exc:
            self.notify(f"Could not keep a copy of your typing: {exc}", severity="warning")

    # --- closing --------------------------------------------------------------------

    def dismiss(self, result: Any = None) -> AwaitComplete:
        self._form_closed = True
        if self._save_timer is not None:
            self._save_timer.stop()
        if self.recovery_key is not None:
            discard_form(self.recovery_key)
        return super().dismiss(result)

    def action_cancel(self) -> None:
        """Close; a form with changes asks before discarding them."""
        if self._form_closed or self._asking_discard:
            return
        if not self.changed:
            self.dismiss(None)
            return

        def answered(answer: str | None) -> None:
            self._asking_discard = False
            if answer == "discard":
                self.dismiss(None)

        self._asking_discard = True
        self.app.push_screen(
            ConfirmDialog(
                "Discard your changes?",
                [("discard", "Discard"), ("keep", "Keep editing")],
                default="keep",  # enter never throws typing away
            ),
            answered,
        )

    def action_done(self) -> None:  # forms override this
        raise NotImplementedError

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "done":
            self.action_done()
        elif event.button.id == "cancel":
            self.action_cancel()


#: ctrl+s completes a form (added to Dialog's escape).
DONE = Binding("ctrl+s", "done", "Done", priority=True)


class ConfirmDialog(Dialog[str]):
    """A question with a few answers; returns the chosen answer's id (None on escape)."""

    def __init__(
        self, question: str, answers: list[tuple[str, str]], default: str | None = None
    ) -> None:
        """``default``: the answer whose button has the focus (enter chooses it); the
        first answer when not given. A question that may lose work defaults to the safe
        answer."""
        super().__init__()
        self.question = question
        self.answers = answers
        self.default = default or (answers[0][0] if answers else None)

    def focus_first(self) -> None:
        for button in self.query(Button):
            if button.id == f"answer-{self.default}":
                button.focus()
                return
        super().focus_first()

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question", markup=False)
            with Horizontal(classes="buttons"):
                for answer_id, label in self.answers:
                    yield Button(label, id=f"answer-{answer_id}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))


class PickDialog(Dialog[str]):
    """Pick one of a list (a channel, a block, a recent draft); returns its id."""

    def __init__(
        self, title: str, choices: list[tuple[str, str]], default: str | None = None
    ) -> None:
        """``default``: the choice highlighted as the list opens (the first if None)."""
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.default = default

    def on_mount(self) -> None:  # Dialog.on_mount runs too (Textual calls each class's)
        if self.default is not None:
            listed = self.query_one("#choices", OptionList)
            listed.highlighted = listed.get_option_index(self.default)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="question")
            yield OptionList(
                *(Option(label, id=cid) for cid, label in self.choices), id="choices", markup=False
            )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


def paragraphs(text: str) -> list[str]:
    """The paragraphs of pasted text: split at blank lines, line breaks inside one folded
    to spaces."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", text) if part.strip()]


class TextDialog(Dialog[str]):
    """Edit free text (an item's wording); returns the text, or None when cancelled.
    With ``paragraphs``, text pasted as several paragraphs (separated by a blank line)
    comes back as those paragraphs joined by a blank line, each on one line."""

    BINDINGS: ClassVar = [DONE]

    def __init__(self, title: str, text: str = "", paragraphs: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.paragraphs = paragraphs

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question")
            yield TextArea(self.text, id="text", soft_wrap=True)
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Done (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def form_state(self) -> dict[str, Any]:
        return {"text": self.query_one("#text", TextArea).text}

    def restore_state(self, state: dict[str, Any]) -> None:
        self.query_one("#text", TextArea).text = str(state.get("text", ""))

    def action_done(self) -> None:
        typed = self.query_one("#text", TextArea).text
        parts = paragraphs(typed) if self.paragraphs else [" ".join(typed.split())]
        if not any(parts):
            self.query_one("#error", Static).update("✗ The text is empty.")
            self.query_one("#text", TextArea).focus()
            return
        self.dismiss("\n\n".join(parts))


class LineDialog(Dialog[str]):
    """Ask for one line (a file path, a clause id): enter or ctrl+s returns it, escape
    cancels (None). ``check`` says why a line is refused (None: accepted); the dialog
    stays open with the reason shown. ``suggester`` completes what is typed (→ accepts)."""

    BINDINGS: ClassVar = [DONE]

    def __init__(
        self,
        title: str,
        text: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
        suggester: Suggester | None = None,
        hint: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.placeholder = placeholder
        self.check = check
        self.suggester = suggester
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question")
            yield Input(
                self.text, id="text", placeholder=self.placeholder, suggester=self.suggester
            )
            yield Static("", id="error", classes="error")
            if self.hint:
                yield Static(self.hint, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button("Done (enter)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def form_state(self) -> dict[str, Any]:
        return {"text": self.query_one("#text", Input).value}

    def restore_state(self, state: dict[str, Any]) -> None:
        self.query_one("#text", Input).value = str(state.get("text", ""))

    def on_input_submitted(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        line = self.query_one("#text", Input).value.strip()
        refused = "Nothing typed yet." if not line else self.check(line) if self.check else None
        if refused:
            self.query_one("#error", Static).update(f"✗ {refused}")
            return
        self.dismiss(line)


class PathSuggester(Suggester):
    """Completes a file path as it is typed: the one entry of its folder that starts
    with the last part typed (or what all such entries share), a folder with "/".
    Only folders and files ending in one of ``suffixes`` are offered."""

    def __init__(self, suffixes: tuple[str, ...] = ()) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.suffixes = suffixes

    async def get_suggestion(self, value: str) -> str | None:
        folder_text, _slash, start = value.rpartition("/")
        folder = Path(folder_text or ("/" if value.startswith("/") else ".")).expanduser()
        try:
            names = sorted(
                entry.name + ("/" if entry.is_dir() else "")
                for entry in folder.iterdir()
                if entry.name.startswith(start)
                and (start.startswith(".") or not entry.name.startswith("."))
                and (entry.is_dir() or not self.suffixes or entry.suffix.lower() in self.suffixes)
            )
        except OSError:
            return None
        if not names:
            return None
        common = names[0] if len(names) == 1 else _common_start(names)
        if len(common) <= len(start):
            return None
        return value[: len(value) - len(start)] + common


def _common_start(names: list[str]) -> str:
    first, last = min(names), max(names)
    size = 0
    while size < min(len(first), len(last)) and first[size] == last[size]:
        size += 1
    return first[:size]


class WorkDialog(Dialog[ResultT]):
    """Runs ``job`` in a thread while saying what it does ("Importing mali.txt…"), so
    the UI stays responsive; returns the job's result, None when escape stops waiting
    (the result is then dropped). A job reports expected failures in its result; an
    unexpected exception closes the dialog with None and a notification."""

    def __init__(self, message: str, job: Callable[[], ResultT]) -> None:
        super().__init__()
        self.message = message
        self.job = job

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message, id="work-message", classes="question")
            yield LoadingIndicator(id="work-busy")
            yield Static("escape: stop waiting", classes="hint")

    def on_mount(self) -> None:  # Dialog.on_mount runs too (Textual calls each class's)
        self.run_worker(self.job, thread=True, exit_on_error=False, name="job")

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if self._form_closed:
            return
        if event.state == WorkerState.SUCCESS:
            self.dismiss(event.worker.result)
        elif event.state == WorkerState.ERROR:
            error = event.worker.error
            self.notify(
                f"{type(error).__name__}: {error}",
                title=f"{self.message.rstrip('…')} failed",
                severity="error",
                timeout=10,
            )
            self.dismiss(None)


def _field_id(name: str) -> str:
    return f"field-{name}"


def _input(field: Field) -> ParamInput:
    """The input a field's parameter type takes; a yes/no without a default takes a
    select starting blank, as a switch has no "not given yet" to start from."""
    param = field.param
    if param.type.input == "switch" and param.default is None:
        return INPUTS["select"]
    return INPUTS[param.type.input]


def _choices(param: Param) -> list[str]:
    """What a select offers: the choices of a choice, "yes" and "no" of a yes/no."""
    return [param.type.show(value) for value in param.type.alternatives(param.choices)]


def _origin_note(field: Field) -> str:
    """Beside a field's label, where its starting value comes from when the item does
    not give it: the parameter's default, or the draft (block, values, situation)."""
    if not field.inherited or not field.text:
        return ""
    param = field.param
    if param.default is not None and field.text == param.type.text(param.default):
        return " (the default)"
    return " (from the draft)"


def _shown(error: Static, text: str, ok: bool) -> None:
    """A field's note: the reason for a refusal (red) or how a date will print."""
    error.update(text)
    error.set_class(not ok, "error")
    error.set_class(ok, "note")


#: where a values form keeps the chosen form in its typed state (no parameter has this name)
FORM_KEY = "@form"
#: seconds of quiet typing before a values form's preview is rendered again
FORM_PREVIEW_DELAY = 0.1

#: renders a clause for a values form: (values typed so far, variant) -> text
FormPreview = Callable[[dict[str, Any], str | None], str]


@dataclass(frozen=True)
class ParamAnswer:
    """What a values form returns: the values that differ from what the draft already
    supplies and the form of the clause chosen (a variant's name; None: the standard
    body)."""

    values: dict[str, Any]
    variant: str | None = None


def form_label(form: str | None, year: int | None) -> str:
    """A form of a clause as the form select lists it: "variant reminding · last agreed
    2018"."""
    name = "standard form" if form is None else f"variant {form}"
    return f"{name} · last agreed {year}" if year else f"{name} · no dated precedent"


class ParamForm(Dialog[ParamAnswer]):
    """A form generated from typed parameters. Each field is checked as it changes and
    the reason for a refusal is shown beside it (a date: how it will print); the form
    returns the values that differ from what the draft already supplies (None when
    cancelled).

    For a clause with variants, ``forms`` (``wgdraft.precedents.forms_by_recency``) fills
    a "Form" select, most recently agreed first, starting on ``variant``; ``preview``
    renders the clause below the fields as values and form change."""

    BINDINGS: ClassVar = [DONE]

    def __init__(
        self,
        title: str,
        fields: list[Field],
        forms: list[tuple[str | None, int | None]] | None = None,
        variant: str | None = None,
        preview: FormPreview | None = None,
    ) -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.forms = forms or []
        self.variant = variant
        self.preview = preview
        self._preview_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide" + (" with-forms" if len(self.forms) > 1 else "")):
            yield Static(self.title_text, classes="question")
            if len(self.forms) > 1:
                with Horizontal(id="form-row"):
                    yield Label("Form (most recently agreed first)", id="form-label")
                    known = {form for form, _year in self.forms}
                    yield Select(
                        [(form_label(form, year), form or "") for form, year in self.forms],
                        # a variant the clause does not have (a typo in the file): the body
                        value=self.variant if self.variant and self.variant in known else "",
                        allow_blank=False,
                        id="form",
                    )
            with Horizontal(id="form-body"):
                # tab goes from field to field (each scrolls into view), not to the list
                with VerticalScroll(id="fields", can_focus=False):
                    for field in self.fields:
                        param = field.param
                        note = _origin_note(field)
                        yield Label(
                            f"{field.name} — {param.description}{note}", classes="field-label"
                        )
                        yield _input(field).make(
                            field.text,
                            _field_id(field.name),
                            param.type.hint,
                            param.type.text(param.example),
                            _choices(param),
                        )
                        yield Static("", id=f"error-{field.name}", classes="error")
                if self.preview is not None:
                    with VerticalScroll(id="form-preview-pane"):
                        yield Static(
                            "As it will print ([name]: a value not given yet)",
                            classes="preview-title",
                            markup=False,
                        )
                        yield Static("", id="form-preview", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Done (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:  # Dialog.on_mount runs too (Textual calls each class's)
        self.show_preview()

    def focus_first(self) -> None:
        """A clause with several forms opens on its form: choosing the wording comes
        before filling it in."""
        if len(self.forms) > 1:
            self.query_one("#form", Select).focus()
        else:
            super().focus_first()

    @property
    def chosen_variant(self) -> str | None:
        """The form chosen in the select (None: the standard body)."""
        if len(self.forms) <= 1:
            return self.variant
        value = self.query_one("#form", Select).value
        return str(value) if value and value is not Select.NULL else None

    def _preview_values(self) -> dict[str, Any]:
        """The values typed so far that are accepted (others show as "[name]")."""
        values: dict[str, Any] = {}
        for field in self.fields:
            text = self._text(field)
            if field.inherited and text.strip() == field.text.strip():
                continue  # the draft supplies it anyway
            try:
                value = parse(field.param, text)
            except ValueError:
                continue
            if value is not None:
                values[field.name] = value
        return values

    def show_preview(self) -> None:
        """Render the clause with what is typed, in the chosen form."""
        if self.preview is None or self._form_closed:
            return
        text = self.preview(self._preview_values(), self.chosen_variant)
        self.query_one("#form-preview", Static).update(text)

    def _preview_later(self) -> None:
        if self.preview is None or not self.is_mounted:
            return
        if self._preview_timer is not None:
            self._preview_timer.stop()
        self._preview_timer = self.set_timer(FORM_PREVIEW_DELAY, self.show_preview)

    def _text(self, field: Field) -> str:
        return _input(field).read(self.query_one(f"#{_field_id(field.name)}"))

    def form_state(self) -> dict[str, Any]:
        state = {field.name: self._text(field) for field in self.fields}
        if len(self.forms) > 1:
            state[FORM_KEY] = self.chosen_variant or ""
        return state

    def restore_state(self, state: dict[str, Any]) -> None:
        for field in self.fields:
            if field.name in state:
                widget = self.query_one(f"#{_field_id(field.name)}")
                _input(field).write(widget, str(state[field.name]))
        known = {form or "" for form, _year in self.forms}
        if len(self.forms) > 1 and state.get(FORM_KEY) in known:
            self.query_one("#form", Select).value = state[FORM_KEY]

    def _check(self, field: Field) -> tuple[bool, Any, str]:
        """(accepted, value, reason refused)."""
        error = self.query_one(f"#error-{field.name}", Static)
        try:
            value = parse(field.param, self._text(field))
        except ValueError as exc:
            _shown(error, f"✗ {exc}", False)
            return False, None, str(exc)
        if value is None and field.param.default is None:
            _shown(error, "✗ required", False)
            return False, None, "required"
        _shown(error, value_note(field.param, value), True)
        return True, value, ""

    def on_input_changed(self, event: Input.Changed) -> None:
        self._check_widget(event.input.id)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._check_widget(event.text_area.id)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._check_widget(event.select.id)

    def on_switch_changed(self, event: Switch.Changed) -> None:
        self._check_widget(event.switch.id)

    def _check_widget(self, widget_id: str | None) -> None:
        for field in self.fields:
            if _field_id(field.name) == widget_id:
                self._check(field)
        self._preview_later()

    def on_input_submitted(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        values: dict[str, Any] = {}
        refused: list[tuple[str, str]] = []
        for field in self.fields:
            ok, value, reason = self._check(field)
            if not ok:
                refused.append((field.name, f"{label(field.name)}: {reason}"))
                continue
            unchanged = field.inherited and self._text(field).strip() == field.text.strip()
            if value is not None and not unchanged:
                values[field.name] = value
        if refused:
            self.notify(
                "\n".join(message for _name, message in refused),
                title="Not saved",
                severity="error",
            )
            self.query_one(f"#{_field_id(refused[0][0])}").focus()
            return
        self.dismiss(ParamAnswer(values, self.chosen_variant))


@dataclass(frozen=True)
class SituationAnswer:
    """What the situation form returns: where to save, the situation, and what was
    typed (to open the form again as it was should saving fail)."""

    path: str
    situation: dict[str, Any]
    typed: dict[str, str]


SITUATION_FIELDS: list[tuple[str, str, str]] = [
    # (key, label, example); keys with dots go into nested mappings
    ("path", "Save as (file)", "somalia-2025.yaml"),
    ("country.name", "Country, without article", "Sudan"),
    ("country.article", "Article in running text (the / empty)", "the"),
    ("country.adjective", "Adjective", "Sudanese"),
    ("government", "Style of the Government", "Government"),
    ("meeting.date", "Meeting date", "31 March 2025"),
    ("meeting.kind", "Kind of meeting", "formal meeting"),
    ("report.ordinal", "Report ordinal", "fifth"),
    ("report.symbol", "Report symbol", "S/2025/100"),
    ("report.period_start", "Reporting period from", "1 January 2022"),
    ("report.period_end", "Reporting period to", "31 December 2024"),
    (
        "representative",
        "Who addressed the Working Group",
        "Permanent Representative of the Sudan to the United Nations",
    ),
    ("parties", "Parties to the conflict, one per line", "the armed forces"),
]
_LABELS = {key: text for key, text, _example in SITUATION_FIELDS}
_DATES = {"meeting.date", "report.period_start", "report.period_end"}
_REQUIRED = {"path", "country.name", "meeting.date", "report.ordinal", "report.symbol"}


def situation_values(situation: Any, with_dates: bool = True, path: str = "") -> dict[str, str]:
    """The form's text for an existing situation (a Situation model)."""
    names, date = param_type("names"), param_type("date")
    s = situation
    values = {
        "path": path,
        "country.name": s.country.name,
        "country.article": s.country.article,
        "country.adjective": s.country.adjective or "",
        "government": s.government or "",
        "meeting.kind": s.meeting.kind or "",
        "report.ordinal": s.report.ordinal,
        "report.symbol": s.report.symbol,
        "representative": s.representative or "",
        "parties": names.text(s.parties),
    }
    if with_dates:
        values["meeting.date"] = date.text(s.meeting.date)
        values["report.period_start"] = date.text(s.report.period_start)
        values["report.period_end"] = date.text(s.report.period_end)
    return values


def situation_texts(situation: dict[str, Any]) -> dict[str, str]:
    """The form's text for a situation's YAML data as read (an import's: possibly
    incomplete, values unchecked); fields without a value are left out."""
    kinds = {"parties": param_type("names")} | {key: param_type("date") for key in _DATES}
    values: dict[str, str] = {}
    for key, _text, _example in SITUATION_FIELDS:
        value: Any = situation
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value is not None:
            values[key] = kinds[key].text(value) if key in kinds else str(value)
    return values


def _widget_id(key: str) -> str:
    return "sit-" + key.replace(".", "-")


def _error_id(key: str) -> str:
    return "err-" + key.replace(".", "-")


class SituationForm(Dialog[SituationAnswer]):
    """The situation of a draft: country, Government style, meeting, report, parties.
    A new draft's form (pre-filled from an earlier draft or an adopted text when starting
    from one) also asks where to save it, and checks that place before closing; with
    ``editing`` it edits an open draft's situation and its button says "Save".
    ``marks`` notes beside a field's label where its value came from ("from mali.txt"),
    ``subtitle`` says under the title what those marks mean."""

    BINDINGS: ClassVar = [Binding("ctrl+s", "done", "Create", priority=True)]

    def __init__(
        self,
        title: str,
        initial: dict[str, str] | None = None,
        editing: bool = False,
        marks: dict[str, str] | None = None,
        subtitle: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial or {}
        self.editing = editing
        self.marks = marks or {}
        self.subtitle = subtitle
        self.verb = "Save" if editing else "Create"
        if editing:  # the footer and the command palette name the key after the button
            self._bindings = self._bindings.copy()
            self._bindings.key_to_bindings["ctrl+s"] = [
                Binding("ctrl+s", "done", self.verb, priority=True)
            ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question")
            if self.subtitle:
                yield Static(self.subtitle, id="subtitle", classes="subtitle", markup=False)
            with VerticalScroll(id="fields"):
                for key, text, example in SITUATION_FIELDS:
                    mark = f"  · {self.marks[key]}" if key in self.marks else ""
                    yield Label(
                        text + mark,
                        id=f"label-{_widget_id(key)}",
                        classes="field-label",
                        markup=False,
                    )
                    value = self.initial.get(key, "")
                    if key == "parties":
                        yield TextArea(value, id=_widget_id(key), classes="names")
                    else:
                        yield Input(
                            value,
                            id=_widget_id(key),
                            placeholder=f"e.g. {example}",
                            disabled=key == "path" and self.editing,
                        )
                    yield Static("", id=_error_id(key), classes="error")
            with Horizontal(classes="buttons"):
                yield Button(f"{self.verb} (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        for key in _DATES:
            self._check(key)
        if self.initial.get("path") and not self.editing:  # a proposed name may be taken
            self._check("path")

    def _value(self, key: str) -> str:
        widget = self.query_one("#" + _widget_id(key))
        return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[union-attr]

    def form_state(self) -> dict[str, Any]:
        return {key: self._value(key) for key, _text, _example in SITUATION_FIELDS}

    def restore_state(self, state: dict[str, Any]) -> None:
        for key, _text, _example in SITUATION_FIELDS:
            if key not in state or (key == "path" and self.editing):
                continue
            widget = self.query_one("#" + _widget_id(key))
            if isinstance(widget, TextArea):
                widget.text = str(state[key])
            elif isinstance(widget, Input):
                widget.value = str(state[key])

    def on_input_changed(self, event: Input.Changed) -> None:
        key = next((k for k in _DATES if _widget_id(k) == event.input.id), None)
        if key is not None:
            self._check(key)

    def _check(self, key: str) -> tuple[Any, str]:
        """(value, reason refused) of one field; the reason or the printed date is shown
        beside it."""
        text = self._value(key).strip()
        value: Any = text or None
        error = note = ""
        if key == "path":
            if not self.editing:
                try:
                    value = str(check_new_draft(text))
                except ValueError as exc:
                    error = str(exc)
        elif key in _REQUIRED and not text:
            error = "required"
        elif key in _DATES and text:
            try:
                date = param_type("date").parse(text)
            except ValueError as exc:
                error = str(exc)
            else:
                value = date.isoformat()
                note = param_type("date").note(date)
        elif key == "report.symbol" and text and not SYMBOL_RE.match(text):
            error = f"{text!r} is not a UN document symbol such as S/2022/856"
        elif key == "parties":
            value = param_type("names").parse(text)
        elif key == "country.article":
            value = text
        shown = f"✗ {error}" if error else note
        _shown(self.query_one("#" + _error_id(key), Static), shown, not error)
        return value, error

    def action_done(self) -> None:
        situation: dict[str, Any] = {}
        refused: list[tuple[str, str]] = []
        path = ""
        for key, _text, _example in SITUATION_FIELDS:
            value, error = self._check(key)
            if error:
                refused.append((key, f"{_LABELS[key]}: {error}"))
                continue
            if key == "path":
                path = value or ""
                continue
            if value is None:
                continue
            target = situation
            *parents, leaf = key.split(".")
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = value
        if refused:
            self.notify(
                "\n".join(message for _key, message in refused),
                title="Not saved" if self.editing else "Not created",
                severity="error",
            )
            self.query_one("#" + _widget_id(refused[0][0])).focus()
            return
        self.dismiss(SituationAnswer(path, situation, self.form_state()))


class HelpScreen(ModalScreen[None]):
    """Every key of the editor, with what it does."""

    BINDINGS: ClassVar = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.bindings_list = bindings

    def compose(self) -> ComposeResult:
        width = max((len(key) for key, _description in self.bindings_list), default=0)
        rows = "\n".join(
            f"  {key:<{width}}  {description}" for key, description in self.bindings_list
        )
        with Vertical(classes="dialog wide"):
            yield Static(
                "Keys (ctrl+p opens the command palette with every action)", classes="question"
            )
            yield Static(rows, id="help-keys", markup=False)
            yield Static("Press escape to close.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
