"""Parameter forms without a UI: which fields a clause or channel asks for, what each
field starts with (the item's value, else what the draft would supply), and turning
typed text into a checked value with a reason when it is refused."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .models import Draft, Param
from .values import Origin, pick, scope, situation_values


@dataclass(frozen=True)
class Field:
    """One form field for a parameter."""

    name: str
    param: Param
    text: str  # initial text in the field
    inherited: bool  # the text comes from the draft, not from the item


def parse(param: Param, text: str) -> Any:
    """The value typed into a field, checked and as it is written in YAML; raises
    ValueError with the reason. Empty text means "not given" (None)."""
    text = text.strip()
    if not text:
        return None
    kind = param.type
    return kind.stored(kind.coerce(kind.parse(text, param.choices), param.choices))


def note(param: Param, value: Any) -> str:
    """Shown beside an accepted field (``value`` from :func:`parse`): how it will print."""
    if value is None:
        return ""
    return param.type.note(param.type.coerce(value, param.choices))


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
    inherited = scope(draft.values if draft else {}, block_values or {})
    situation = situation_values(draft) if draft is not None else {}
    out = []
    for name, param in params.items():
        found = pick(name, param, given, inherited, situation)
        text = param.type.text(found.value) if found else ""
        out.append(Field(name, param, text, found is None or found.origin is not Origin.GIVEN))
    return out
