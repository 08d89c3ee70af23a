"""Clause files written by the tool: one clean file per clause, keys in a stable order,
the user's comments kept, written atomically and validated again after writing.

A clause is validated as the library reads it (:func:`wgdraft.yamlio.load_text`);
ruamel.yaml only keeps the comments and layout of what is written. Writers hold an
exclusive lock on the clause's folder (:func:`locked`) from the moment they check that
nobody changed the file until it is written, so two saves never both succeed from the
same original."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import draftfile, yamlio
from .atomic import write_bytes, write_text
from .errors import Problem, WgdraftError, os_problem
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


class FolderError(WgdraftError):
    """The clause's folder cannot be opened (missing, no permission)."""


@dataclass(frozen=True)
class Fingerprint:
    """What a clause file looked like when it was read, to notice changes by others."""

    sha1: str

    @classmethod
    def of(cls, path: Path) -> Fingerprint | None:
        try:
            return cls.of_bytes(path.read_bytes())
        except OSError:
            return None

    @classmethod
    def of_bytes(cls, data: bytes) -> Fingerprint:
        return cls(hashlib.sha1(data).hexdigest())


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``folder`` (an advisory flock on the folder itself, so
    no lock file is left behind) while checking and writing the files in it."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as exc:
        raise FolderError(os_problem(exc, folder, "cannot open the folder")) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError as exc:  # a file system without locks: the fingerprint still checks
            if exc.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                raise
        yield
    finally:
        os.close(fd)  # releases the lock


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


def parse(text: str, file: Path | None) -> tuple[Clause, Any]:
    """Clause text: the clause as the library reads it, and its round-trip data."""
    from .validation import validate

    clause = validate(Clause, yamlio.load_text(text, file), file, text)
    return clause, draftfile.loads(text, file)


def read(path: Path) -> tuple[Clause, Any, Fingerprint | None]:
    """A clause file: the validated clause, its round-trip data and its fingerprint."""
    text = draftfile.read_text(path)
    clause, data = parse(text, path)
    return clause, data, Fingerprint.of_bytes(text.encode("utf-8"))


def save(
    path: Path,
    clause: Clause,
    library: Library | None = None,
    base: Any = None,
    expected: Fingerprint | None = None,
    new: bool = False,
) -> Fingerprint:
    """Write a clause file atomically. Refuses (WgdraftError) when the clause does not
    validate against the library or its text would not read back as the same clause;
    refuses (ConflictError) when the file changed on disk since ``expected``, or
    exists when the clause is ``new`` (checked and written under the folder's lock);
    puts the previous content back if the file on disk is not what was written. OS
    errors are problems naming the file."""
    if path.stem != clause.id:
        raise WgdraftError(Problem(path, f"clause id {clause.id!r} must match the file name", "id"))
    if library is not None:
        problems = clause_problems(clause, library, path, exclude_self=True)
        if problems:
            raise WgdraftError(problems)
    text = draftfile.dumps(to_data(clause, base))
    written, _data = parse(text, path)
    if written != clause:
        raise WgdraftError(Problem(path, "the clause would not read back as saved"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WgdraftError(os_problem(exc, path.parent, "cannot create the folder")) from None
    with locked(path.parent):
        if expected is not None and Fingerprint.of(path) != expected:
            raise ConflictError(Problem(path, "the file changed on disk since it was opened"))
        if new and path.exists():
            raise ConflictError(Problem(path, "the file was created meanwhile", "id"))
        _replace(path, text)
    return Fingerprint.of_bytes(text.encode("utf-8"))


def _replace(path: Path, text: str) -> None:
    """Write ``text`` atomically and check what is on disk, putting the previous
    content back if it does not read back as written."""
    try:
        previous = path.read_bytes() if path.exists() else None
        write_text(path, text)
    except OSError as exc:
        raise WgdraftError(os_problem(exc, path)) from None
    try:
        if draftfile.read_text(path) != text:
            raise WgdraftError(Problem(path, "the written file does not read back as saved"))
    except WgdraftError:
        with contextlib.suppress(OSError):
            if previous is None:
                path.unlink(missing_ok=True)
            else:
                write_bytes(path, previous)
        raise
