"""Dialogs: each a typed ModalScreen that returns its result through ``dismiss()``."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from wgdraft.forms import Field, parse
from wgdraft.models import ParamType

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT | None]):
    """A dialog that escape cancels (returning None); a form's "done" button or ctrl+s
    runs ``action_done``."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)

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

    def __init__(self, question: str, answers: list[tuple[str, str]]) -> None:
        super().__init__()
        self.question = question
        self.answers = answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.question, classes="question")
            with Horizontal(classes="buttons"):
                for answer_id, label in self.answers:
                    yield Button(label, id=f"answer-{answer_id}")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))


class PickDialog(Dialog[str]):
    """Pick one of a list (a channel, a block, a recent draft); returns its id."""

    def __init__(self, title: str, choices: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.title_text, classes="question")
            yield OptionList(*(Option(label, id=cid) for cid, label in self.choices), id="choices")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class TextDialog(Dialog[str]):
    """Edit free text (an item's wording); returns the text, or None when cancelled."""

    BINDINGS: ClassVar = [DONE]

    def __init__(self, title: str, text: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question")
            yield TextArea(self.text, id="text", soft_wrap=True)
            yield Static("", id="error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Done (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def action_done(self) -> None:
        text = " ".join(self.query_one("#text", TextArea).text.split())
        if not text:
            self.query_one("#error", Static).update("The text is empty.")
            return
        self.dismiss(text)


def _field_id(name: str) -> str:
    return f"field-{name}"


class ParamForm(Dialog[dict[str, Any]]):
    """A form generated from typed parameters. Each field is checked as it changes and
    the reason for a refusal is shown beside it; the form returns the values that differ
    from what the draft already supplies (None when cancelled)."""

    BINDINGS: ClassVar = [DONE]

    def __init__(self, title: str, fields: list[Field], preview: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.fields = fields
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question")
            with VerticalScroll(id="fields"):
                for field in self.fields:
                    param = field.param
                    note = " (from the draft)" if field.inherited and field.text else ""
                    yield Label(f"{field.name} — {param.description}{note}", classes="field-label")
                    if param.type is ParamType.CHOICE:
                        options = [(c, c) for c in param.choices or []]
                        yield Select(
                            options,
                            value=field.text if field.text else Select.NULL,
                            id=_field_id(field.name),
                            allow_blank=True,
                        )
                    elif param.type is ParamType.NAMES:
                        area = TextArea(field.text, id=_field_id(field.name), classes="names")
                        area.border_subtitle = "one name per line"
                        yield area
                    else:
                        yield Input(
                            field.text,
                            id=_field_id(field.name),
                            placeholder=f"e.g. {param.example}",
                        )
                    yield Static("", id=f"error-{field.name}", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Done (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def _text(self, field: Field) -> str:
        widget = self.query_one(f"#{_field_id(field.name)}")
        if isinstance(widget, Select):
            return "" if widget.value is Select.NULL else str(widget.value)
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    def _check(self, field: Field) -> tuple[bool, Any]:
        error = self.query_one(f"#error-{field.name}", Static)
        try:
            value = parse(field.param, self._text(field))
        except ValueError as exc:
            error.update(f"✗ {exc}")
            return False, None
        if value is None and field.param.default is None:
            error.update("✗ required")
            return False, None
        error.update("")
        return True, value

    def on_input_changed(self, event: Input.Changed) -> None:
        self._check_widget(event.input.id)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        self._check_widget(event.text_area.id)

    def on_select_changed(self, event: Select.Changed) -> None:
        self._check_widget(event.select.id)

    def _check_widget(self, widget_id: str | None) -> None:
        for field in self.fields:
            if _field_id(field.name) == widget_id:
                self._check(field)

    def on_input_submitted(self) -> None:
        self.action_done()

    def action_done(self) -> None:
        values: dict[str, Any] = {}
        refused = []
        for field in self.fields:
            ok, value = self._check(field)
            if not ok:
                refused.append(field.name)
                continue
            unchanged = field.inherited and self._text(field).strip() == field.text.strip()
            if value is not None and not unchanged:
                values[field.name] = value
        if refused:
            self.notify(f"Check {', '.join(refused)}", title="Not saved", severity="error")
            self.query_one(f"#{_field_id(refused[0])}").focus()
            return
        self.dismiss(values)


@dataclass(frozen=True)
class SituationAnswer:
    """What the new-draft form returns: where to save, and the situation."""

    path: str
    situation: dict[str, Any]


SITUATION_FIELDS: list[tuple[str, str, str]] = [
    # (key, label, example); keys with dots go into nested mappings
    ("path", "Save as (file)", "drafts/somalia-2025.yaml"),
    ("country.name", "Country, without article", "Sudan"),
    ("country.article", "Article in running text (the / empty)", "the"),
    ("country.adjective", "Adjective", "Sudanese"),
    ("government", "Style of the Government", "Government"),
    ("meeting.date", "Meeting date (YYYY-MM-DD)", "2025-03-31"),
    ("meeting.kind", "Kind of meeting", "formal meeting"),
    ("report.ordinal", "Report ordinal", "fifth"),
    ("report.symbol", "Report symbol", "S/2025/100"),
    ("report.period_start", "Reporting period from (YYYY-MM-DD)", "2022-01-01"),
    ("report.period_end", "Reporting period to (YYYY-MM-DD)", "2024-12-31"),
    (
        "representative",
        "Who addressed the Working Group",
        "Permanent Representative of the Sudan to the United Nations",
    ),
    ("parties", "Parties to the conflict, one per line", "the armed forces"),
]
_DATES = {"meeting.date", "report.period_start", "report.period_end"}
_REQUIRED = {"path", "country.name", "meeting.date", "report.ordinal", "report.symbol"}


def situation_values(situation: Any, with_dates: bool = True, path: str = "") -> dict[str, str]:
    """The form's text for an existing situation (a Situation model)."""
    from wgdraft.forms import to_text

    s = situation
    values = {
        "path": path,
        "country.name": s.country.name,
        "country.article": s.country.article,
        "country.adjective": s.country.adjective or "",
        "government": s.government,
        "meeting.kind": s.meeting.kind,
        "report.ordinal": s.report.ordinal,
        "report.symbol": s.report.symbol,
        "representative": s.representative or "",
        "parties": to_text(ParamType.NAMES, s.parties),
    }
    if with_dates:
        values["meeting.date"] = to_text(ParamType.DATE, s.meeting.date)
        values["report.period_start"] = to_text(ParamType.DATE, s.report.period_start)
        values["report.period_end"] = to_text(ParamType.DATE, s.report.period_end)
    return values


class SituationForm(Dialog[SituationAnswer]):
    """The situation of a new draft: country, Government style, meeting, report,
    parties. Pre-filled from an earlier draft when starting from one."""

    BINDINGS: ClassVar = [Binding("ctrl+s", "done", "Create", priority=True)]

    def __init__(self, title: str, initial: dict[str, str] | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial or {}

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Static(self.title_text, classes="question")
            with VerticalScroll(id="fields"):
                for key, label, example in SITUATION_FIELDS:
                    yield Label(label, classes="field-label")
                    widget_id = "sit-" + key.replace(".", "-")
                    if key == "parties":
                        yield TextArea(self.initial.get(key, ""), id=widget_id, classes="names")
                    else:
                        yield Input(self.initial.get(key, ""), id=widget_id, placeholder=example)
                    yield Static("", id="err-" + key.replace(".", "-"), classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Create (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")

    def _value(self, key: str) -> str:
        widget = self.query_one("#sit-" + key.replace(".", "-"))
        return widget.text if isinstance(widget, TextArea) else widget.value  # type: ignore[union-attr]

    def action_done(self) -> None:
        import datetime as dt

        from wgdraft.models import SYMBOL_RE

        situation: dict[str, Any] = {}
        refused = []
        for key, _label, _example in SITUATION_FIELDS:
            text = self._value(key).strip()
            error = ""
            value: Any = text or None
            if key in _REQUIRED and not text:
                error = "required"
            elif key in _DATES and text:
                try:
                    value = dt.date.fromisoformat(text).isoformat()
                except ValueError:
                    error = f"expected a date as YYYY-MM-DD, got {text!r}"
            elif key == "report.symbol" and text and not SYMBOL_RE.match(text):
                error = f"expected a UN document symbol such as S/2022/856, got {text!r}"
            elif key == "parties":
                value = [line.strip() for line in text.splitlines() if line.strip()]
            elif key == "country.article":
                value = text
            self.query_one("#err-" + key.replace(".", "-"), Static).update(
                f"✗ {error}" if error else ""
            )
            if error:
                refused.append(key)
                continue
            if value is None:
                continue
            if key == "path":
                continue
            target = situation
            *parents, leaf = key.split(".")
            for parent in parents:
                target = target.setdefault(parent, {})
            target[leaf] = value
        if refused:
            self.notify(f"Check {', '.join(refused)}", title="Not created", severity="error")
            return
        self.dismiss(SituationAnswer(self._value("path").strip(), situation))


class HelpScreen(ModalScreen[None]):
    """Every key of the editor, with what it does."""

    BINDINGS: ClassVar = [Binding("escape,q,question_mark,f1", "close", "Close")]

    def __init__(self, bindings: list[tuple[str, str]]) -> None:
        super().__init__()
        self.bindings_list = bindings

    def compose(self) -> ComposeResult:
        rows = "\n".join(f"  {key:<18} {description}" for key, description in self.bindings_list)
        with Vertical(classes="dialog wide"):
            yield Static(
                "Keys (ctrl+p opens the command palette with every action)", classes="question"
            )
            yield Static(rows, id="help-keys")
            yield Static("Press escape to close.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
