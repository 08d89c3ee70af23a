"""Parameter forms without a UI: which fields a clause or channel asks for, what each
field starts with (the item's value, else what the draft would supply), and turning
typed text into a checked value with a reason when it is refused."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .dates import parse_date
from .models import Draft, Param, ParamType, coerce_value


@dataclass(frozen=True)
class Field:
    """One form field for a parameter."""

    name: str
    param: Param
    text: str  # initial text in the field
    inherited: bool  # the text comes from the draft, not from the item


def to_text(kind: ParamType, value: Any) -> str:
    if value is None:
        return ""
    if kind is ParamType.NAMES:
        return "\n".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def parse(param: Param, text: str) -> Any:
    """The value typed into a field, checked; raises ValueError with the reason.
    Empty text means "not given" (None)."""
    text = text.strip()
    if not text:
        return None
    value: Any = text
    if param.type is ParamType.NAMES:
        value = [line.strip() for line in text.splitlines() if line.strip()]
    elif param.type is ParamType.NUMBER:
        try:
            value = int(text.replace(",", ""))
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
    elif param.type is ParamType.DATE:
        value = parse_date(text)
    value = coerce_value(param.type, value, param.choices)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def label(name: str) -> str:
    """A parameter's name as a drafter reads it: "children_deprived" → "Children deprived"."""
    return name.replace("_", " ").capitalize()


def check_new_draft(text: str) -> Path:
    """Where a new draft may be saved; raises ValueError saying why not. A name without
    an extension gets ``.yaml``."""
    text = text.strip()
    if not text:
        raise ValueError("required: the file the draft is saved in, e.g. drafts/somalia.yaml")
    path = Path(text).expanduser()
    if not path.suffix:
        path = path.with_suffix(".yaml")
    if path.suffix not in (".yaml", ".yml"):
        raise ValueError(f"a draft is a .yaml file, not {path.suffix}: e.g. {path.stem}.yaml")
    folder = path.parent
    if path.exists():
        raise ValueError(f"{path} exists already; choose another name")
    if not folder.is_dir():
        raise ValueError(f"there is no folder {folder}; create it first or choose another")
    if not os.access(folder, os.W_OK):
        raise ValueError(f"the folder {folder} is not writable; choose another")
    return path


def fields(
    params: dict[str, Param],
    given: dict[str, Any],
    draft: Draft | None,
    block_values: dict[str, Any] | None = None,
) -> list[Field]:
    """Fields for ``params``: the item's own values, else pre-filled with what the block,
    the draft's values, the situation or the default would supply."""
    inherited: dict[str, Any] = {}
    if draft is not None:
        situation = {k: v for k, v in draft.situation.model_dump().items() if v is not None}
        inherited = situation | dict(draft.values)
    inherited |= block_values or {}
    out = []
    for name, param in params.items():
        if name in given:
            out.append(Field(name, param, to_text(param.type, given[name]), False))
        elif name in inherited:
            out.append(Field(name, param, to_text(param.type, inherited[name]), True))
        else:
            out.append(Field(name, param, to_text(param.type, param.default), True))
    return out
