"""Which fields of the template files are Jinja2 templates, and where each one is.

A field of a model is a template when its type is marked with :class:`TemplateField`
(``TemplateText`` and its kin in :mod:`wgdraft.models`); lists and dicts of marked
strings hold one template each. :func:`template_fields` walks a loaded model to find
them, so the load-time check needs no list of its own, and :class:`TemplateSource`
is the one address of a template (file and field) that every message about it uses.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any, Union

from pydantic import BaseModel

from .errors import Problem
from .yamlio import block_start_line

Loc = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class TemplateField:
    """Marks a string field as a template. It is rendered with the draft's situation,
    the parameters of the clause or channel that holds it, and ``names``."""

    names: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class TemplateSource:
    """Where a template comes from: its file and its field in that file."""

    file: Path | None
    field: Loc

    @property
    def name(self) -> str:
        """``masthead.date``, ``sections.1.heading``."""
        return ".".join(str(part) for part in self.field)

    def line(self, within: int | None = None) -> int | None:
        """The line of the template's text in its file, or of line ``within`` of the
        template (counted from 1) when a problem is known to be there."""
        start = block_start_line(self.file, self.field)
        if start is None:
            return None
        return start + (within or 1) - 1

    def problem(self, message: str, within: int | None = None) -> Problem:
        """A problem of the template itself, located in its file."""
        return Problem(self.file, message, self.name, self.line(within))

    def __str__(self) -> str:
        """``templates/document.yaml:16 masthead.date``: for messages about a draft."""
        if self.file is None:
            return self.name
        line = self.line()
        return f"{self.file}:{line} {self.name}" if line is not None else f"{self.file} {self.name}"


def template_fields(model: BaseModel, prefix: Loc = ()) -> Iterator[tuple[Loc, str, TemplateField]]:
    """Every template in ``model`` and the models it holds: its field path, its text
    and its marker."""
    hints = _hints(type(model))
    for name in type(model).model_fields:
        yield from _walk(getattr(model, name), hints[name], (*prefix, name))


def _walk(value: Any, hint: Any, loc: Loc) -> Iterator[tuple[Loc, str, TemplateField]]:
    marker, hint = _unwrap(hint)
    if isinstance(value, str):
        if marker is not None:
            yield loc, value, marker
    elif isinstance(value, BaseModel):
        yield from template_fields(value, loc)
    elif isinstance(value, list):
        item = _arg(hint, list, 0)
        for index, element in enumerate(value):
            yield from _walk(element, item, (*loc, index))
    elif isinstance(value, dict):
        item = _arg(hint, dict, 1)
        for key, element in value.items():
            yield from _walk(element, item, (*loc, key))


def field_text(model: BaseModel, field: Loc) -> str:
    """The text at ``field`` of ``model`` (``("masthead", "date")``)."""
    value: Any = model
    for part in field:
        value = getattr(value, str(part)) if isinstance(value, BaseModel) else value[part]
    if not isinstance(value, str):
        raise TypeError(f"{'.'.join(map(str, field))} is not a text")  # pragma: no cover
    return value


def text_positions(model: type[BaseModel], prefix: str = "") -> Iterator[tuple[str, bool]]:
    """Every place a model type holds a string (``Clause.items[]``, ``Framing.masthead{}``)
    and whether it is marked a template; for a test that every one is decided."""
    hints = _hints(model)
    for name in model.model_fields:
        yield from _positions(hints[name], f"{prefix or model.__name__}.{name}")


def _positions(hint: Any, where: str) -> Iterator[tuple[str, bool]]:
    marker, hint = _unwrap(hint)
    origin = typing.get_origin(hint)
    if hint is str:
        yield where, marker is not None
    elif isinstance(hint, type) and issubclass(hint, BaseModel):
        yield from text_positions(hint, where)
    elif origin is list:
        yield from _positions(_arg(hint, list, 0), f"{where}[]")
    elif origin is dict:
        yield from _positions(_arg(hint, dict, 1), f"{where}{{}}")
    elif origin in (Union, types.UnionType):
        for option in typing.get_args(hint):
            yield from _positions(option, where)


@cache
def _unwrap(hint: Any) -> tuple[TemplateField | None, Any]:
    """The template marker of ``Annotated[str, TemplateField()]`` (also inside
    ``X | None``) and the type without its annotations."""
    marker = None
    if typing.get_origin(hint) is Annotated:
        marker = next((m for m in hint.__metadata__ if isinstance(m, TemplateField)), None)
        hint = typing.get_args(hint)[0]
    if typing.get_origin(hint) in (Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) == 1:
            return _unwrap(options[0]) if marker is None else (marker, options[0])
    return marker, hint


@cache
def _arg(hint: Any, kind: type, index: int) -> Any:
    args = typing.get_args(hint) if typing.get_origin(hint) is kind else ()
    return args[index] if len(args) > index else Any


@cache
def _hints(model: type[BaseModel]) -> dict[str, Any]:
    return typing.get_type_hints(model, include_extras=True)
