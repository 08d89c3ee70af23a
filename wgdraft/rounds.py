"""Named negotiation rounds of a draft ("Zero draft", "Rev.1", "Adopted"), kept beside it.

Each round is a full copy of the draft's YAML in a folder named after the draft:
``mali-2025.yaml`` keeps its rounds in ``mali-2025.rounds/01-zero-draft.yaml``,
``02-rev-1.yaml`` ... The form is chosen for git:

- plain YAML, one file per round, never rewritten once saved: committing a round adds
  one file, and two colleagues who each save a round conflict only on a file name;
- no index file: the round's name and time are the file's first line, a YAML comment
  (``# wgdraft round 2: Rev.1 (saved 2025-03-14T10:02:11+00:00)``), so each file is
  also a valid draft that renders as it stands;
- stable names: the number orders the rounds, the slug of the name says which is which,
  and ``git diff 01-zero-draft.yaml 02-rev-1.yaml`` reads as the draft's own diff.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import secrets
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .atomic import create_file, write_bytes
from .errors import Problem, WgdraftError, os_problem

SUFFIX = ".rounds"
_HEADER = re.compile(r"^# wgdraft round (\d+): (.*) \(saved (\S+)\)\s*$")
_FILE = re.compile(r"^(\d+)-([a-z0-9-]*)\.ya?ml$")
MAX_NAME = 80


@dataclass(frozen=True)
class Round:
    """One saved round: its number (from 1), name, when it was saved, and its file."""

    number: int
    name: str
    saved_at: dt.datetime
    file: Path


def rounds_dir(draft: Path) -> Path:
    """The folder beside ``draft`` that holds its rounds: ``<draft name>.rounds``."""
    return draft.with_name(draft.stem + SUFFIX)


def slug(name: str) -> str:
    """A round's name as part of a file name: "Rev.1" -> "rev-1"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:40].strip("-")


def header(number: int, name: str, saved_at: dt.datetime) -> str:
    """The first line of a round file: its number, name and time, as a YAML comment."""
    return f"# wgdraft round {number}: {name} (saved {saved_at.isoformat()})\n"


def _read(file: Path, number: int, file_slug: str) -> Round:
    """A round from its file: the header line when it is there, else the file name
    and the file's time (a round copied in by hand)."""
    try:
        with file.open(encoding="utf-8", errors="replace") as handle:
            first = handle.readline(1000)
    except OSError:
        first = ""
    found = _HEADER.match(first)
    if found:
        try:
            saved_at = dt.datetime.fromisoformat(found[3])
            return Round(number, found[2], saved_at, file)
        except ValueError:
            pass
    try:
        mtime = file.stat().st_mtime
    except OSError:
        mtime = 0
    saved_at = dt.datetime.fromtimestamp(mtime, dt.UTC)
    return Round(number, file_slug.replace("-", " ") or str(number), saved_at, file)


def round_file(file: Path) -> Round | None:
    """The round ``file`` is, when it is one: a file of a draft's rounds folder, named
    as rounds are ("mali-2025.rounds/02-rev-1.yaml"); None for any other file."""
    matched = _FILE.match(file.name)
    if matched is None or not file.parent.name.endswith(SUFFIX):
        return None
    return _read(file, int(matched[1]), matched[2])


def draft_name(found: Round) -> str:
    """The name of the draft a round belongs to, without its suffix ("mali-2025")."""
    return found.file.parent.name[: -len(SUFFIX)]


def list_rounds(draft: Path) -> list[Round]:
    """The draft's rounds, by number (none when the folder does not exist)."""
    folder = rounds_dir(draft)
    try:
        names = sorted(p.name for p in folder.iterdir())
    except OSError:
        return []
    found = []
    for name in names:
        matched = _FILE.match(name)
        if matched and (folder / name).is_file():
            found.append(_read(folder / name, int(matched[1]), matched[2]))
    return sorted(found, key=lambda r: (r.number, r.file.name))


def _check_name(draft: Path, name: str, existing: list[Round]) -> str:
    name = " ".join(name.split())
    if not name:
        raise WgdraftError(Problem(draft, "a round needs a name, such as 'Zero draft' or 'Rev.1'"))
    if len(name) > MAX_NAME:
        raise WgdraftError(Problem(draft, f"a round's name has at most {MAX_NAME} characters"))
    if not slug(name):
        raise WgdraftError(
            Problem(draft, f"round name {name!r} needs letters or digits, such as 'Rev.1'")
        )
    for other in existing:
        if other.name.casefold() == name.casefold() or slug(other.name) == slug(name):
            raise WgdraftError(
                Problem(
                    draft,
                    f"there is already a round {other.number} named {other.name!r} "
                    f"({other.file}); give this one another name",
                )
            )
    return name


def save_round(draft: Path, name: str, text: str) -> Round:
    """Save ``text`` (the draft's YAML) as the next round named ``name``: a new file
    written atomically, never over an earlier round. The text must be a valid draft."""
    _check_valid(draft, text)
    existing = list_rounds(draft)
    name = _check_name(draft, name, existing)
    folder = rounds_dir(draft)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WgdraftError(os_problem(exc, folder, "cannot make the rounds folder")) from None
    number = max((r.number for r in existing), default=0) + 1
    saved_at = dt.datetime.now(dt.UTC).replace(microsecond=0)
    for _attempt in range(100):
        file = folder / f"{number:02d}-{slug(name)}.yaml"
        data = (header(number, name, saved_at) + text).encode("utf-8")
        try:
            _create(file, data)
        except FileExistsError:  # another save took this number meanwhile
            number += 1
            continue
        except OSError as exc:
            raise WgdraftError(os_problem(exc, file, "cannot save the round")) from None
        return Round(number, name, saved_at, file)
    raise WgdraftError(Problem(folder, "cannot find a free number for the round"))


def _check_valid(draft: Path, text: str) -> None:
    """A round must itself be a draft: the text is validated as the draft file."""
    from .filekinds import check_draft_shape
    from .models import Draft
    from .validation import validate
    from .yamlio import load_text

    validate(Draft, check_draft_shape(load_text(text, draft), draft), draft, text)


def _create(file: Path, data: bytes) -> None:
    """Write a new file atomically and only if no file has its name: a temporary file,
    then a hard link (which refuses an existing name). Where links are not possible
    (some shared drives) an existence check and an atomic rename instead."""
    if file.exists():
        raise FileExistsError(file)
    tmp = file.parent / f".{file.name}.{secrets.token_hex(4)}.tmp"
    create_file(tmp, data)
    try:
        os.link(tmp, file)
    except FileExistsError:
        raise
    except OSError:
        write_bytes(file, data)
    finally:
        tmp.unlink(missing_ok=True)


def resolve(draft: Path, spec: str) -> Round | None:
    """The round ``spec`` names: its number ("2"), its name in any case ("rev.1"), its
    slug ("rev-1") or its file name ("02-rev-1.yaml"); None if no round matches."""
    spec = " ".join(spec.split())
    if not spec:
        return None
    rounds = list_rounds(draft)
    if spec.isdigit():
        for found in rounds:
            if found.number == int(spec):
                return found
    for key in (
        lambda r: r.name.casefold() == spec.casefold(),
        lambda r: slug(r.name) == spec.casefold() or r.file.name == spec or r.file.stem == spec,
        lambda r: slug(r.name) == slug(spec),
    ):
        for found in rounds:
            if key(found):
                return found
    return None


__all__ = ["Round", "list_rounds", "resolve", "rounds_dir", "save_round", "slug"]
