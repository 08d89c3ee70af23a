"""The clause editor: every field of a clause, checked as you type, with a live preview
rendered from the example values; returns the saved clause through ``dismiss()``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, Select, SelectionList, Static, TextArea

from tui.browser import provenance
from tui.dialogs import ConfirmDialog, Dialog
from tui.inputs import text_input
from wgdraft import clausefile
from wgdraft.errors import WgdraftError
from wgdraft.formrecovery import clause_key
from wgdraft.models import Clause, Violation
from wgdraft.paramtypes import TYPES
from wgdraft.templating import SITUATION_NAMES, TemplateProblem, inspect

if TYPE_CHECKING:
    from wgdraft.library import Library

PARAM_FIELDS = ("name", "type", "description", "example", "choices", "default")
PRECEDENT_FIELDS = ("document", "symbol", "paragraph", "note")


class ParamRow(Horizontal):
    """One parameter: name, type, description, example, choices, default."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__(classes="row param-row")
        self.values = values

    def compose(self) -> ComposeResult:
        kind = self.values.get("type", "text")
        yield Input(self.values.get("name", ""), placeholder="name", classes="p-name")
        yield Select(
            [(name, name) for name in TYPES],
            value=kind if kind in TYPES else "text",
            allow_blank=False,
            classes="p-type",
        )
        yield Input(
            self.values.get("description", ""), placeholder="description", classes="p-description"
        )
        yield _value_input(kind, self.values.get("example", ""), "example", "p-example")
        yield Input(
            self.values.get("choices", ""),
            placeholder="choices, comma-separated",
            classes="p-choices",
        )
        yield _value_input(
            kind, self.values.get("default", ""), 'default ("" = empty)', "p-default"
        )
        yield Button("✕", classes="remove", tooltip="Remove this parameter")

    def read(self) -> dict[str, str]:
        out = {}
        for name in PARAM_FIELDS:
            widget = self.query_one(f".p-{name}")
            if isinstance(widget, Select):
                out[name] = str(widget.value)
            elif isinstance(widget, TextArea):
                out[name] = widget.text
            else:
                assert isinstance(widget, Input)
                out[name] = widget.value
        return out

    async def on_select_changed(self, event: Select.Changed) -> None:
        """A new type may take another input for the example and default (a list of
        names: one name per line): the row is rebuilt with what was typed."""
        kind = str(event.value)
        if kind in TYPES and _input_of(kind) != _input_of(self.values.get("type", "text")):
            self.values = self.read()
            await self.recompose()
        self.values["type"] = kind


def _input_of(kind: str) -> str:
    return TYPES[kind].input if kind in TYPES else "line"


def _value_input(kind: str, text: str, placeholder: str, classes: str) -> Input | TextArea:
    """The example or default of a parameter of type ``kind``: several lines for a list
    of names (one per line), else one line."""
    hint = TYPES[kind].hint if kind in TYPES else ""
    return text_input(
        _input_of(kind), text, classes, f"{placeholder}: {hint}" if hint else placeholder
    )


class PrecedentRow(Horizontal):
    """One precedent: document, symbol, paragraph, note."""

    def __init__(self, values: dict[str, str]) -> None:
        super().__init__(classes="row precedent-row")
        self.values = values

    def compose(self) -> ComposeResult:
        for name in PRECEDENT_FIELDS:
            yield Input(self.values.get(name) or "", placeholder=name, classes=f"r-{name}")
        yield Button("✕", classes="remove", tooltip="Remove this precedent")

    def read(self) -> dict[str, str]:
        return {name: self.query_one(f".r-{name}", Input).value for name in PRECEDENT_FIELDS}


class BodyArea(TextArea):
    """The body: one long line, wrapped; End goes to the end of that line (not of the
    wrapped row), ctrl+Home and ctrl+End to the start and the end of the text."""

    BINDINGS: ClassVar = [
        Binding("end", "line_end", "Line end", show=False),
        Binding("shift+end", "line_end(True)", "Select to line end", show=False),
        Binding("ctrl+home", "text_start", "Start of text", show=False),
        Binding("ctrl+end", "text_end", "End of text", show=False),
        Binding("ctrl+shift+home", "text_start(True)", "Select to start", show=False),
        Binding("ctrl+shift+end", "text_end(True)", "Select to end", show=False),
    ]

    def action_line_end(self, select: bool = False) -> None:
        row = self.cursor_location[0]
        self.move_cursor((row, len(self.document[row])), select=select)

    def action_text_start(self, select: bool = False) -> None:
        self.move_cursor(self.document.start, select=select)

    def action_text_end(self, select: bool = False) -> None:
        self.move_cursor(self.document.end, select=select)


def _param_text(kind: str, value: Any) -> str:
    """A parameter's example or default as the editor shows it ('""' for empty text)."""
    if value is None:
        return ""
    if value == "":
        return '""'
    return TYPES[kind].text(value) if kind in TYPES else str(value)


def _param_value(kind: str, text: str) -> Any:
    """The example or default typed in, as written in the file; what the type cannot
    read is kept as typed, for the clause's validation to say what is wrong with it."""
    text = text.strip()
    if kind not in TYPES:
        return text
    try:
        return TYPES[kind].stored(TYPES[kind].parse(text))
    except ValueError:
        return text


class ClauseEditor(Dialog[Clause]):
    """Edit (or create) one clause; saved only when every field is valid."""

    BINDINGS: ClassVar = [
        Binding("ctrl+s", "save", "Save", priority=True),
    ]

    def __init__(self, library: Library, clause: Clause, path: Path, is_new: bool = False) -> None:
        super().__init__()
        self.library = library
        self.clause = clause
        self.path = path
        self.is_new = is_new
        # typing is kept for a crash under the clause's file
        self.recovery_key = clause_key(path)
        self.recovery_title = f"Clause {clause.id}"
        self.base: Any = None
        self.fingerprint: clausefile.Fingerprint | None = None
        if not is_new and path.is_file():
            _clause, self.base, self.fingerprint = clausefile.read(path)

    def compose(self) -> ComposeResult:
        clause = self.clause
        templates = self.library.templates
        with Vertical(classes="dialog full", id="clause-editor"):
            yield Static(
                Text(f"{'New clause' if self.is_new else 'Clause'} {clause.id}  ({self.path})"),
                classes="question",
            )
            mark = Static(provenance(clause), id="c-provenance", classes="provenance")
            mark.display = bool(provenance(clause))
            yield mark
            with Horizontal(id="clause-panes"):
                with VerticalScroll(id="clause-fields"):
                    yield Label("Title", classes="field-label")
                    yield Input(clause.title, id="c-title")
                    yield Static("", id="err-title", classes="error")
                    yield Label("Family", classes="field-label")
                    yield Select(
                        [(f.title, fid) for fid, f in templates.families.items()],
                        value=clause.family if clause.family in templates.families else Select.NULL,
                        id="c-family",
                    )
                    yield Static("", id="err-family", classes="error")
                    yield Label("Grave violations concerned", classes="field-label")
                    yield SelectionList(
                        *[(v.value, v.value, v in clause.violations) for v in Violation],
                        id="c-violations",
                    )
                    yield Label("Recipients it suits", classes="field-label")
                    yield SelectionList(
                        *[
                            (c.title, cid, cid in clause.recipients)
                            for cid, c in templates.channels.items()
                        ],
                        id="c-recipients",
                    )
                    yield Static("", id="err-recipients", classes="error")
                    yield Label("Tags (comma-separated)", classes="field-label")
                    yield Input(", ".join(clause.tags), id="c-tags")
                    yield Label("Body (Jinja2; no final ; or .)", classes="field-label")
                    body = BodyArea(clause.body, id="c-body", soft_wrap=True)
                    body.match_cursor_bracket = True
                    yield body
                    yield Static("", id="err-body", classes="error")
                    yield Label("Parameters (names: one name per line)", classes="field-label")
                    with Vertical(id="c-params"):
                        for name, param in clause.params.items():
                            yield ParamRow(
                                {
                                    "name": name,
                                    "type": param.type.name,
                                    "description": param.description,
                                    "example": _param_text(param.type.name, param.example),
                                    "choices": ", ".join(param.choices or []),
                                    "default": _param_text(param.type.name, param.default),
                                }
                            )
                    yield Button("Add parameter", id="add-param")
                    yield Static("", id="err-params", classes="error")
                    yield Label("Precedents", classes="field-label")
                    with Vertical(id="c-precedents"):
                        for precedent in clause.precedents:
                            yield PrecedentRow(precedent.model_dump())
                    yield Button("Add precedent", id="add-precedent")
                    yield Static("", id="err-precedents", classes="error")
                    if clause.variants or clause.items:
                        yield Static(
                            f"Also in the file, kept as they are: {len(clause.items)} nested "
                            f"item(s), variants: {', '.join(clause.variants) or 'none'}",
                            classes="hint",
                        )
                with VerticalScroll(id="clause-preview-side"):
                    yield Static("Preview with the example values", classes="field-label")
                    yield Static("", id="c-preview")
            with Horizontal(classes="buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.check()
        self.query_one("#c-title", Input).focus()

    # --- reading the form ---------------------------------------------------------------

    def form_data(self) -> dict[str, Any]:
        family = self.query_one("#c-family", Select).value
        params: dict[str, Any] = {}
        for row in self.query(ParamRow):
            values = row.read()
            if not values["name"].strip():
                continue
            kind = values["type"]
            param: dict[str, Any] = {
                "type": kind,
                "description": values["description"],
                "example": _param_value(kind, values["example"]),
            }
            if values["choices"].strip():
                param["choices"] = [c.strip() for c in values["choices"].split(",") if c.strip()]
            default = values["default"].strip()
            if default == '""' or (not default and self._had_empty_default(values["name"])):
                param["default"] = ""  # an optional phrase: empty unless given
            elif default:
                param["default"] = _param_value(kind, default)
            params[values["name"].strip()] = param
        precedents = [
            {k: v for k, v in row.read().items() if v.strip()} for row in self.query(PrecedentRow)
        ]
        return {
            "id": self.clause.id,
            "title": self.query_one("#c-title", Input).value,
            "family": "" if family is Select.NULL else str(family),
            "violations": list(self.query_one("#c-violations", SelectionList).selected),
            "recipients": list(self.query_one("#c-recipients", SelectionList).selected),
            "tags": [
                t.strip() for t in self.query_one("#c-tags", Input).value.split(",") if t.strip()
            ],
            "params": params,
            "body": " ".join(self.query_one("#c-body", TextArea).text.split()),
            "items": list(self.clause.items),
            "variants": dict(self.clause.variants),
            "precedents": [p for p in precedents if p],
            "derived_from": self.clause.derived_from,
        }

    def _had_empty_default(self, name: str) -> bool:
        param = self.clause.params.get(name)
        return param is not None and param.default == ""

    # --- checking -------------------------------------------------------------------------

    def check(self) -> Clause | None:
        """Validate the form; show each problem beside its field; update the preview."""
        from pydantic import ValidationError

        from wgdraft.library import clause_problems

        errors: dict[str, list[str]] = {
            k: [] for k in ("title", "family", "recipients", "body", "params", "precedents")
        }
        data = self.form_data()
        clause = None
        try:
            clause = Clause.model_validate(data)
        except ValidationError as exc:
            for error in exc.errors():
                field = str(error["loc"][0]) if error["loc"] else "body"
                where = ".".join(str(p) for p in error["loc"][1:])
                message = str(error["msg"]).removeprefix("Value error, ")
                errors.setdefault(field if field in errors else "body", []).append(
                    f"{where + ': ' if where else ''}{message}"
                )
        # names used in the body but not declared: flagged as you type
        try:
            used = inspect(data["body"])
            undeclared = sorted(used - set(data["params"]) - SITUATION_NAMES)
            errors["body"] += [
                f"'{name}' is used but not declared as a parameter" for name in undeclared
            ]
        except TemplateProblem as exc:
            errors["body"].append(exc.message)
        if clause is not None:
            for problem in clause_problems(
                clause, self.library, self.path, exclude_self=not self.is_new
            ):
                key = problem.field.split(".")[0] if problem.field else "body"
                if problem.message not in " ".join(errors.get(key, [])):
                    errors.setdefault(key if key in errors else "body", []).append(problem.message)
        for key, messages in errors.items():
            self.query_one(f"#err-{key}", Static).update(
                Text("✗ " + "\n✗ ".join(messages)) if messages else ""
            )
        ok = not any(errors.values())
        mark = provenance(Clause.model_construct(**data))
        self.query_one("#c-provenance", Static).update(mark)
        self.query_one("#c-provenance", Static).display = bool(mark)
        self._preview(clause if ok else None)
        return clause if ok else None

    def _preview(self, clause: Clause | None) -> None:
        preview = self.query_one("#c-preview", Static)
        if clause is None:
            preview.update(Text("(fix the fields marked ✗ to see the preview)", style="dim"))
            return
        from wgdraft.assemble import preview_clause
        from wgdraft.drafts import sample_draft
        from wgdraft.library import Library

        library = Library(
            self.library.root,
            {**self.library.clauses, clause.id: clause},
            dict(self.library.files),
            self.library.templates,
        )
        try:
            preview.update(Text(preview_clause(library, clause.id, sample_draft(library))))
        except WgdraftError as exc:
            preview.update(Text(f"✗ {exc.problems[0].message}", style="red"))

    def on_input_changed(self) -> None:
        self.check()

    def on_text_area_changed(self) -> None:
        self.check()

    def on_select_changed(self) -> None:
        self.check()

    def on_selection_list_selected_changed(self) -> None:
        self.check()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        button = event.button
        if button.id == "save":
            self.action_save()
        elif button.id == "cancel":
            self.action_cancel()
        elif button.id == "add-param":
            await self.query_one("#c-params").mount(ParamRow({"type": "text"}))
            self.query(ParamRow).last().query_one(".p-name", Input).focus()
        elif button.id == "add-precedent":
            await self.query_one("#c-precedents").mount(PrecedentRow({}))
            self.query(PrecedentRow).last().query_one(".r-document", Input).focus()
        elif button.has_class("remove") and button.parent is not None:
            await button.parent.remove()
            self.check()

    # --- saving ---------------------------------------------------------------------------

    def action_save(self, overwrite: bool = False) -> None:
        clause = self.check()
        if clause is None:
            self.notify("Fix the fields marked ✗ first.", title="Not saved", severity="error")
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            clausefile.save(
                self.path,
                clause,
                self.library,
                base=self.base,
                expected=None if (overwrite or self.is_new) else self.fingerprint,
            )
        except clausefile.ConflictError:
            self.app.push_screen(
                ConfirmDialog(
                    f"{self.path.name} was changed on disk by someone else while you "
                    "edited it. Keep which version?",
                    [
                        ("mine", "Mine (overwrite)"),
                        ("theirs", "Theirs (discard mine)"),
                        ("cancel", "Cancel"),
                    ],
                ),
                self._resolve_conflict,
            )
            return
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Not saved", severity="error")
            return
        self.dismiss(clause)

    def _resolve_conflict(self, answer: str | None) -> None:
        if answer == "mine":
            self.action_save(overwrite=True)
        elif answer == "theirs":
            try:
                theirs, _data, _fp = clausefile.read(self.path)
            except WgdraftError as exc:
                self.notify(str(exc.problems[0]), severity="error")
                return
            self.dismiss(theirs)

    # --- what was typed (kept for a crash; asked before discarding) -----------------------

    def form_state(self) -> dict[str, Any]:
        import json

        return json.loads(json.dumps(self.form_data(), default=str))

    def restore_state(self, state: dict[str, Any]) -> None:
        self.query_one("#c-title", Input).value = state.get("title", "")
        family = state.get("family") or Select.NULL
        self.query_one("#c-family", Select).value = family
        for key in ("violations", "recipients"):
            chosen = self.query_one(f"#c-{key}", SelectionList)
            chosen.deselect_all()
            for value in state.get(key, []):
                chosen.select(value)
        self.query_one("#c-tags", Input).value = ", ".join(state.get("tags", []))
        self.query_one("#c-body", TextArea).text = state.get("body", "")
        self.query(ParamRow).remove()
        self.query(PrecedentRow).remove()
        self.query_one("#c-params").mount_all(
            ParamRow(
                {
                    "name": name,
                    "type": p["type"],
                    "description": p.get("description", ""),
                    "example": _param_text(p["type"], p.get("example")),
                    "choices": ", ".join(p.get("choices") or []),
                    "default": _param_text(p["type"], p.get("default")),
                }
            )
            for name, p in state.get("params", {}).items()
        )
        self.query_one("#c-precedents").mount_all(
            PrecedentRow(precedent) for precedent in state.get("precedents", [])
        )


__all__ = ["ClauseEditor"]
