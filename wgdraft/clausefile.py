"""Clause files written by the tool: one clean file per clause, keys in a stable order,
the user's comments kept, written atomically and validated again after writing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import draftfile
from .atomic import write_text
from .errors import Problem, WgdraftError
from .library import Library, clause_problems
from .models import Clause

CLAUSE_KEYS = (
    "id",
    "title",
    "family",
    "violations",
    "recipients",
    "tags",
    "params",
    "body",
    "items",
    "variants",
    "precedents",
    "derived_from",
)
PARAM_KEYS = ("type", "description", "example", "choices", "default")
PRECEDENT_KEYS = ("document", "symbol", "paragraph", "note")
WIDTH = 88  # body lines are folded near this width


class ConflictError(WgdraftError):
    """The clause file changed on disk since it was opened."""


@dataclass(frozen=True)
class Fingerprint:
    """What a clause file looked like when it was read, to notice changes by others."""

    sha1: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        try:
            return cls(hashlib.sha1(path.read_bytes()).hexdigest())
        except OSError:
            return None


def _folded(text: str) -> Any:
    """A body as a folded block scalar, broken at spaces near WIDTH (reads as written)."""
    from ruamel.yaml.scalarstring import FoldedScalarString

    text = " ".join(text.split())
    scalar = FoldedScalarString(text)
    positions, line_start, depth = [], 0, 0
    for index, char in enumerate(text):
        pair = text[index : index + 2]
        if pair in ("{{", "{%", "{#"):
            depth += 1
        elif pair in ("}}", "%}", "#}"):
            depth = max(depth - 1, 0)
        if char == " " and not depth and index - line_start > WIDTH - 10:
            positions.append(index)
            line_start = index + 1
    scalar.fold_pos = positions  # type: ignore[attr-defined]
    return scalar


def _same(node: Any, value: Any) -> bool:
    """Does the node as read hold this value (ignoring how its text was folded)?"""
    from pydantic_core import to_jsonable_python

    old = to_jsonable_python(draftfile.plain(node))  # a date as read equals its ISO text
    if isinstance(old, str) and isinstance(value, str):
        return " ".join(old.split()) == " ".join(value.split())
    return old == value


def _ordered(
    target: Any, values: dict[str, Any], order: tuple[str, ...], raw: dict[str, Any] | None = None
) -> Any:
    """Update a round-trip mapping in place: keys in ``order``, others removed. A value
    equal to what the file holds keeps its node, so its layout and comments stay."""
    from ruamel.yaml.comments import CommentedMap

    out = target if isinstance(target, CommentedMap) else CommentedMap()
    raw = values if raw is None else raw
    for key in list(out):
        if key not in values:
            del out[key]
    for key in order:
        if key not in values:
            continue
        if key in out:
            node = out[key]
            out.move_to_end(key)
            if not _same(node, raw[key]):
                out[key] = values[key]
        else:
            out[key] = values[key]
    return out


def to_data(clause: Clause, base: Any = None) -> Any:
    """The clause as round-trip YAML data, reusing ``base`` (the file as read) so that
    comments survive; empty optional fields are left out."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    dumped = clause.model_dump(mode="json", exclude_defaults=True)
    values: dict[str, Any] = {}
    for key in CLAUSE_KEYS:
        if key not in dumped:
            continue
        value = dumped[key]
        old = base.get(key) if base is not None else None
        if key == "params":
            params = old if isinstance(old, CommentedMap) else CommentedMap()
            for name in list(params):
                if name not in value:
                    del params[name]
            for name, param in value.items():
                existing = params.get(name)
                params[name] = _ordered(existing, param, PARAM_KEYS)
            value = params
        elif key == "precedents":
            if old is not None and _same(old, value):
                value = old
            else:
                value = CommentedSeq(_ordered(None, p, PRECEDENT_KEYS) for p in value)
        elif key == "body":
            value = _folded(value)
        elif key == "items":
            value = CommentedSeq(_folded(v) for v in value)
        elif key == "variants":
            value = _ordered(old, {k: _folded(v) for k, v in value.items()}, tuple(value))
        elif isinstance(value, list) and key in ("violations", "recipients", "tags"):
            seq = CommentedSeq(value)
            seq.fa.set_flow_style()
            value = seq
        values[key] = value
    return _ordered(base, values, CLAUSE_KEYS, raw=dumped)


def read(path: Path) -> tuple[Clause, Any, Fingerprint | None]:
    """A clause file: the validated clause, its round-trip data and its fingerprint."""
    from .validation import validate

    data = draftfile.load(path)
    clause = validate(Clause, draftfile.plain(data), path)
    return clause, data, Fingerprint.of(path)


def save(
    path: Path,
    clause: Clause,
    library: Library | None = None,
    base: Any = None,
    expected: Fingerprint | None = None,
) -> Fingerprint:
    """Write a clause file atomically. Refuses (ConflictError) when the file changed on
    disk since ``expected``; refuses (WgdraftError) when the clause does not validate
    against the library; reads the written file back and validates it again, putting
    the previous content back if that fails."""
    if expected is not None and Fingerprint.of(path) != expected:
        raise ConflictError(Problem(path, "the file changed on disk since it was opened"))
    if path.stem != clause.id:
        raise WgdraftError(Problem(path, f"clause id {clause.id!r} must match the file name", "id"))
    if library is not None:
        problems = clause_problems(clause, library, path, exclude_self=True)
        if problems:
            raise WgdraftError(problems)
    text = draftfile.dumps(to_data(clause, base))
    previous = path.read_bytes() if path.exists() else None
    write_text(path, text)
    try:
        written, _data, fingerprint = read(path)
        if written != clause:
            raise WgdraftError(Problem(path, "the written file does not read back as saved"))
    except WgdraftError:
        if previous is None:
            path.unlink(missing_ok=True)
        else:
            from .atomic import write_bytes

            write_bytes(path, previous)
        raise
    assert fingerprint is not None
    return fingerprint
