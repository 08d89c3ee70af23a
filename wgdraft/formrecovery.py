"""What was typed into an open form, kept beside the draft recovery files so that a
crash loses none of it. A record is keyed by what the form edits (the draft, the action,
the item; or the clause file) and deleted when the form is done or cancelled."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import paths
from .atomic import write_text

Key = dict[str, Any]


@dataclass(frozen=True)
class FormRecord:
    """A form left open by a session that did not close normally."""

    key: Key
    title: str
    state: dict[str, Any]
    saved_at: dt.datetime
    file: Path


def draft_key(draft: Path, action: str, **where: Any) -> Key:
    """The key of a form that edits ``draft``: e.g. action "edit-text", ref [...]."""
    return {"draft": str(draft.resolve()), "action": action, **where}


def clause_key(clause_file: Path) -> Key:
    return {"clause_file": str(clause_file.resolve()), "action": "edit-clause"}


def forms_dir() -> Path:
    return paths.recovery_dir() / "forms"


def record_file(key: Key) -> Path:
    canonical = json.dumps(key, sort_keys=True)
    return forms_dir() / f"{hashlib.sha1(canonical.encode('utf-8')).hexdigest()[:20]}.json"


def save_form(key: Key, title: str, state: dict[str, Any]) -> Path:
    """Write (atomically) what is typed in the form with ``key``."""
    file = record_file(key)
    record = {
        "key": key,
        "title": title,
        "state": state,
        "saved_at": dt.datetime.now().isoformat(timespec="seconds"),
    }
    write_text(file, json.dumps(record, indent=1, ensure_ascii=False))
    return file


def _read(file: Path) -> FormRecord | None:
    try:
        data = json.loads(file.read_text(encoding="utf-8"))
        return FormRecord(
            data["key"],
            str(data.get("title", "")),
            dict(data["state"]),
            dt.datetime.fromisoformat(data["saved_at"]),
            file,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def find_form(key: Key) -> FormRecord | None:
    return _read(record_file(key))


def discard_form(key: Key) -> None:
    record_file(key).unlink(missing_ok=True)


def pending_forms(draft: Path) -> list[FormRecord]:
    """Forms on ``draft`` left open by a crash, newest first."""
    target = str(draft.resolve())
    records = [_read(f) for f in sorted(forms_dir().glob("*.json"))]
    found = [r for r in records if r is not None and r.key.get("draft") == target]
    return sorted(found, key=lambda r: r.saved_at, reverse=True)


__all__ = [
    "FormRecord",
    "clause_key",
    "discard_form",
    "draft_key",
    "find_form",
    "pending_forms",
    "save_form",
]
