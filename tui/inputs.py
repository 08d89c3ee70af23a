"""The widget each kind of parameter input takes, in one place.

A parameter type names its input (``ParamKind.input`` in ``wgdraft.paramtypes``:
"line", "lines", "select", "switch"); :data:`INPUTS` maps that name to a
:class:`ParamInput` that builds the widget and reads and writes its text (the same
text the type's ``text`` and ``parse`` use). A type that needs a new widget adds one
entry here.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual.widget import Widget
from textual.widgets import Input, Select, Switch, TextArea


class ParamInput:
    """Builds one kind of input and moves text in and out of it."""

    widget: ClassVar[type[Widget]] = Input

    def make(
        self, text: str, widget_id: str, hint: str, example: Any, choices: list[str]
    ) -> Widget:
        placeholder = hint or f"e.g. {example}"
        return Input(text, id=widget_id, placeholder=placeholder)

    def read(self, widget: Any) -> str:
        return str(widget.value)

    def write(self, widget: Any, text: str) -> None:
        widget.value = text


class LinesInput(ParamInput):
    """Several lines (a list of names, one per line); the hint is in its border."""

    widget = TextArea

    def make(
        self, text: str, widget_id: str, hint: str, example: Any, choices: list[str]
    ) -> Widget:
        area = TextArea(text, id=widget_id, classes="names")
        area.border_subtitle = hint
        return area

    def read(self, widget: Any) -> str:
        return str(widget.text)

    def write(self, widget: Any, text: str) -> None:
        widget.text = text


class SelectInput(ParamInput):
    """One of the parameter's choices, or none (blank)."""

    widget = Select

    def make(
        self, text: str, widget_id: str, hint: str, example: Any, choices: list[str]
    ) -> Widget:
        value = text if text in choices else Select.NULL
        return Select([(c, c) for c in choices], value=value, id=widget_id, allow_blank=True)

    def read(self, widget: Any) -> str:
        return "" if widget.value is Select.NULL else str(widget.value)

    def write(self, widget: Any, text: str) -> None:
        widget.value = text if text else Select.NULL


class SwitchInput(ParamInput):
    """On or off, read as "yes" or "no". A switch rather than a two-way select: one key
    (space) flips it and its state shows at a glance. It has no third "not given" state:
    left off it answers "no"; so only a yes/no with a default, which it starts from, is a
    switch (the values form gives one without a default a select of "yes" and "no")."""

    widget = Switch

    def make(
        self, text: str, widget_id: str, hint: str, example: Any, choices: list[str]
    ) -> Widget:
        return Switch(value=text == "yes", id=widget_id)

    def read(self, widget: Any) -> str:
        return "yes" if widget.value else "no"

    def write(self, widget: Any, text: str) -> None:
        widget.value = text == "yes"


INPUTS: dict[str, ParamInput] = {
    "line": ParamInput(),
    "lines": LinesInput(),
    "select": SelectInput(),
    "switch": SwitchInput(),
}


def text_input(kind: str, text: str, classes: str, placeholder: str) -> Input | TextArea:
    """Typing for a value that takes the input ``kind`` (the clause editor's example
    and default, where a switch or a select would not do): several lines for "lines",
    else one line."""
    if kind == "lines":
        area = TextArea(text, classes=f"{classes} names")
        area.border_subtitle = placeholder
        return area
    return Input(text, classes=classes, placeholder=placeholder)


__all__ = ["INPUTS", "ParamInput", "text_input"]
