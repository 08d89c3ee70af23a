"""The types of clause and channel parameters, each defined once.

A type says, for its values:

- ``coerce``: check a value as read from YAML (or already checked) and return it in its
  Python form, or raise ValueError with the reason a drafter reads;
- ``parse``: read what a drafter typed into a form field;
- ``stored``: the plain YAML value a checked value is written back as;
- ``text``: the text a form field starts with;
- ``printed``: the value templates see (dates print as UN dates);
- ``note``: what a form shows beside an accepted value ("→ 15 March 2024");
- ``schema``: the JSON Schema of a value (``wgdraft schema clause``);
- ``alternatives``: the values a preview tries for a parameter with no value yet whose
  wording the template chooses by it (yes/no, choice), to show "[name]" where they differ;
- ``input``: the kind of form input it takes ("line", "lines", "select", "switch"),
  which the TUI maps to a widget in one place (``tui/inputs.py``).

``TYPES`` maps each name (the ``type:`` of a parameter) to its type. To add a type,
write a subclass of :class:`ParamKind` below and decorate it with ``@register``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, ClassVar

from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
from pydantic_core import CoreSchema, core_schema

from .dates import Month, parse_date, parse_month, show_date, show_month
from .templating import UNDate, UNMonth

_ISO_MONTH = re.compile(r"(\d{4})-(\d{2})")
SYMBOL_RE = re.compile(r"^[A-Z][A-Z0-9.]*(?:/[A-Za-z0-9.\-]+)+(?: \(\d{4}\))?$")

Choices = Sequence[str] | None


class ParamKind:
    """A parameter type; one instance per type lives in ``TYPES``."""

    #: the name written as a parameter's ``type:``
    name: ClassVar[str]
    #: the form input it takes (see ``tui/inputs.py``)
    input: ClassVar[str] = "line"
    #: how to fill the field in, shown with it ("": "e.g." and the example)
    hint: ClassVar[str] = ""
    #: the parameter must list its ``choices``
    needs_choices: ClassVar[bool] = False

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        """The value checked and in its Python form; raises ValueError saying why not."""
        raise NotImplementedError

    def parse(self, text: str, choices: Choices = None) -> Any:
        """The value typed into a form field (stripped, not empty), checked."""
        return self.coerce(text, choices)

    def stored(self, value: Any) -> Any:
        """A checked value as it is written in YAML."""
        return value

    def text(self, value: Any) -> str:
        """The text a form field shows for ``value`` (as read, possibly unchecked)."""
        if value is None:
            return ""
        try:
            return self.show(self.coerce(value, None))
        except ValueError:
            return str(value)

    def show(self, value: Any) -> str:
        """A checked value as form text."""
        return str(value)

    def printed(self, value: Any) -> Any:
        """A checked value as templates see it."""
        return value

    def note(self, value: Any) -> str:
        """Shown beside an accepted field: how the value will print, where that helps."""
        return ""

    def placeholder(self, marker: str) -> Any:
        """The visible stand-in for a missing value in a preview."""
        return marker

    def alternatives(self, choices: Choices = None) -> list[Any]:
        """The values a template may choose its wording by (``{% if name %}``,
        ``{% if name == "grave" %}``): a preview without a value renders each and shows
        the placeholder where they differ. Empty for a type printed as it is."""
        return []

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of a value."""
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<parameter type {self.name}>"

    # a model field of this class reads the type's name and writes it back
    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_plain_validator_function(
            _by_name,
            serialization=core_schema.plain_serializer_function_ser_schema(
                lambda kind: kind.name, return_schema=core_schema.str_schema()
            ),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {"type": "string", "enum": list(TYPES)}


TYPES: dict[str, ParamKind] = {}


def register(cls: type[ParamKind]) -> type[ParamKind]:
    """Class decorator: add a parameter type to ``TYPES`` under its name."""
    TYPES[cls.name] = cls()
    return cls


def _by_name(value: Any) -> ParamKind:
    return value if isinstance(value, ParamKind) else get(value)


def get(name: str) -> ParamKind:
    """The type called ``name``; raises ValueError naming the types there are."""
    try:
        return TYPES[name]
    except (KeyError, TypeError):
        known = ", ".join(repr(n) for n in TYPES)
        raise ValueError(f"unknown parameter type {name!r}; one of {known}") from None


@register
class Text(ParamKind):
    name = "text"

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise ValueError("expected text")
        return str(value)

    def schema(self) -> dict[str, Any]:
        return {"type": ["string", "number"]}


@register
class Names(ParamKind):
    name = "names"
    input = "lines"
    hint = "one name per line"

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if isinstance(value, str):
            raise ValueError("expected a list of names, one per line starting with '- '")
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("expected a list of names")
        return list(value)

    def parse(self, text: str, choices: Choices = None) -> Any:
        return [line.strip() for line in text.splitlines() if line.strip()]

    def show(self, value: Any) -> str:
        return "\n".join(value)

    def placeholder(self, marker: str) -> Any:
        return [marker]

    def schema(self) -> dict[str, Any]:
        return {"type": "array", "items": {"type": "string"}}


@register
class Date(ParamKind):
    name = "date"

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise ValueError(f"expected a date as YYYY-MM-DD, got {value!r}") from None
        raise ValueError("expected a date as YYYY-MM-DD")

    def parse(self, text: str, choices: Choices = None) -> Any:
        return parse_date(text)

    def stored(self, value: Any) -> Any:
        return value.isoformat()

    def show(self, value: Any) -> str:
        return str(value.isoformat())

    def printed(self, value: Any) -> Any:
        return UNDate(value)

    def note(self, value: Any) -> str:
        return f"→ {show_date(value)}"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "format": "date"}


@register
class MonthKind(ParamKind):
    """A month without a day, printed "August 2021". Written ``2021-08`` in YAML; a full
    date (``2021-08-15``) is taken as its month, so a date parameter can become a month
    parameter without breaking drafts."""

    name = "month"
    hint = "e.g. August 2021, Aug 2021 or 8/2021"

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if isinstance(value, Month):
            return value
        if isinstance(value, dt.date):
            return Month.of(value)
        if isinstance(value, str):
            try:
                if match := _ISO_MONTH.fullmatch(value):
                    return Month(int(match[1]), int(match[2]))
                return Month.of(dt.date.fromisoformat(value))
            except ValueError:
                pass
            raise ValueError(f"expected a month as YYYY-MM (e.g. 2021-08), got {value!r}")
        raise ValueError("expected a month as YYYY-MM (e.g. 2021-08)")

    def parse(self, text: str, choices: Choices = None) -> Any:
        return parse_month(text)

    def stored(self, value: Any) -> Any:
        return value.isoformat()

    def printed(self, value: Any) -> Any:
        return UNMonth(value.first_day)

    def note(self, value: Any) -> str:
        return f"→ {show_month(value)}"

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": r"^\d{4}-\d{2}(-\d{2})?$"}


@register
class Symbol(ParamKind):
    name = "symbol"

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if not isinstance(value, str) or not SYMBOL_RE.match(value):
            raise ValueError(f"expected a UN document symbol such as S/2022/856, got {value!r}")
        return value

    def schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": SYMBOL_RE.pattern}


@register
class Number(ParamKind):
    name = "number"

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if isinstance(value, bool) or not isinstance(value, int):
            raise ValueError(f"expected a whole number, got {value!r}")
        return value

    def parse(self, text: str, choices: Choices = None) -> Any:
        try:
            return int(text.replace(",", ""))
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None

    def schema(self) -> dict[str, Any]:
        return {"type": "integer"}


@register
class Choice(ParamKind):
    name = "choice"
    input = "select"
    needs_choices = True

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if value not in (choices or []):
            raise ValueError(f"expected one of {', '.join(choices or [])}, got {value!r}")
        return value

    def alternatives(self, choices: Choices = None) -> list[Any]:
        return list(choices or [])

    def schema(self) -> dict[str, Any]:
        return {"type": "string"}


_YES = {"yes": True, "true": True, "no": False, "false": False}


@register
class YesNo(ParamKind):
    """An on/off switch: ``true``/``false`` in YAML (``yes``/``no`` read the same);
    templates test it with ``{% if name %}``."""

    name = "yesno"
    input = "switch"
    hint = "yes or no"

    def coerce(self, value: Any, choices: Choices = None) -> Any:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _YES:
            return _YES[value.strip().lower()]
        raise ValueError(f"expected yes or no (true or false), got {value!r}")

    def show(self, value: Any) -> str:
        return "yes" if value else "no"

    def alternatives(self, choices: Choices = None) -> list[Any]:
        return [True, False]

    def schema(self) -> dict[str, Any]:
        return {"anyOf": [{"type": "boolean"}, {"enum": ["yes", "no"]}]}


__all__ = ["SYMBOL_RE", "TYPES", "ParamKind", "get", "register"]
