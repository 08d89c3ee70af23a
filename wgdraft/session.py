"""An editing session on one draft: the operations the terminal UI offers (add, remove,
move items and blocks, set values), undo and redo, atomic saves, a recovery file that
survives a crash, and the list of recent drafts. No Textual here: the UI calls this.

The session edits the draft's round-trip YAML data (comments survive) and validates it
into a :class:`~wgdraft.models.Draft` whenever the document is needed.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import draftfile, paths, review
from .assemble import assemble_bundle
from .atomic import write_text
from .errors import Problem, WgdraftError
from .followup import FollowUp
from .itempath import ItemPath
from .library import Library
from .locales import filled
from .models import Draft
from .review import ReviewPoint
from .tree import Bundle
from .validation import validate
from .yamlio import check_values

Ref = tuple[str | int, ...]  # a path into the draft data: ("blocks", 2, "items", 0)
MAX_UNDO = 200
MAX_RECENT = 12


def _get(data: Any, ref: Ref) -> Any:
    for part in ref:
        data = data[part]
    return data


@dataclass(frozen=True)
class Recovery:
    """Unsaved changes found for a draft after a crash."""

    draft: Path
    file: Path
    saved_at: dt.datetime
    text: str


class DraftSession:
    """One draft being edited."""

    def __init__(self, data: Any, path: Path, library: Library, text: str | None = None) -> None:
        self._rt = data  # round-trip data, loaded on the first edit when opened from text
        self._text = text
        self._view: Any = None
        self.path = path
        self.library = library
        self.version = 0
        self.saved_version = 0
        self._undo: list[Any] = []
        self._redo: list[Any] = []
        self._cache: tuple[int, Draft | WgdraftError] | None = None
        self._edited_from: Any = None  # the data before the last edit (see _settle)
        self.followup: FollowUp | None = None  # what from_earlier set, if it made this

    # --- opening ------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, library: Library) -> DraftSession:
        """Open a draft. It is read with the fast loader for display; the round-trip
        data that keeps comments is built on the first edit (ruamel.yaml is slow).
        Anything that is not a draft, or lies in the library or templates folder, is
        refused: a session would write a draft over it."""
        text, data = openable(path, library)
        session = cls(None, path, library, text)
        session._view = data
        remember(path)
        return session

    @classmethod
    def new(cls, path: Path, library: Library, situation: dict[str, Any]) -> DraftSession:
        """A new draft from templates/new-draft.yaml with the given situation."""
        data = draftfile.load(library.templates.root / "new-draft.yaml")
        _merge(data["situation"], situation)
        return cls(data, path, library)

    @classmethod
    def from_earlier(
        cls, earlier: Path, path: Path, library: Library, situation: dict[str, Any]
    ) -> DraftSession:
        """A follow-up draft of an earlier one (a draft, or an adopted TXT, DOCX or PDF
        text, imported first): see :mod:`wgdraft.followup` for what it sets and marks to
        review. The ``situation`` given (a form's) is merged in; the fields it changes
        are reviewed. What it did is in the session's ``followup``."""
        from .followup import earlier_text, make_follow_up

        data = draftfile.loads(earlier_text(earlier, library), earlier)
        followup = make_follow_up(data, library, earlier)
        before = copy.deepcopy(data)
        _merge(data.setdefault("situation", {}), situation)
        _review_changed(before, data)
        session = cls(data, path, library)
        session.followup = followup
        return session

    # --- state --------------------------------------------------------------------

    @property
    def dirty(self) -> bool:
        return self.version != self.saved_version

    @property
    def data(self) -> Any:
        """The round-trip data, for edits (loaded on first use)."""
        if self._rt is None:
            self._rt = draftfile.loads(self._text or "", self.path)
        return self._rt

    @data.setter
    def data(self, value: Any) -> None:
        self._rt = value

    @property
    def view(self) -> Any:
        """The draft data for reading: the round-trip data once loaded, else the fast
        loader's plain data."""
        return self._rt if self._rt is not None else self._view

    def draft(self) -> Draft:
        """The validated draft as it prints: the fields it leaves out are filled from
        its language's locale (see :func:`wgdraft.locales.filled`), so forms show what
        will be printed. Raises WgdraftError naming the field."""
        if self._cache is None or self._cache[0] != self.version:
            try:
                data = _dates_as_text(draftfile.plain(self.view))
                if self.version:  # an edit may have pasted a character a document can't hold
                    check_values(data, self.path)
                result: Draft | WgdraftError = filled(
                    validate(Draft, data, self.path), self.library.templates
                )
            except WgdraftError as exc:
                result = exc
            self._cache = (self.version, result)
        result = self._cache[1]
        if isinstance(result, WgdraftError):
            raise result
        return result

    def bundle(self) -> Bundle:
        return assemble_bundle(self.draft(), self.library, self.path)

    def get(self, ref: Ref) -> Any:
        return _get(self.view, ref)

    def blocks(self) -> list[Any]:
        return self.view.get("blocks") or []

    # --- editing ------------------------------------------------------------------

    def _change(self) -> None:
        self._settle()
        self._undo.append(copy.deepcopy(self.data))
        del self._undo[:-MAX_UNDO]
        self._redo.clear()
        self.version += 1
        self._edited_from = self._undo[-1]

    def _settle(self) -> None:
        """The last edit reviews the flagged fields it changed (part of its undo step).
        Run before the next edit, and before the draft is saved or its points listed."""
        if self._edited_from is not None and self._rt is not None:
            _review_changed(self._edited_from, self._rt)

    def _reviewed_item(self, ref: Ref) -> None:
        """An edit of an item reviews it."""
        if _is_item(ref):
            review.clear_item(self.data, ref)

    def undo(self) -> bool:
        self._settle()
        self._edited_from = None
        if not self._undo:
            return False
        self._redo.append(self.data)
        self.data = self._undo.pop()
        self.version += 1
        return True

    def redo(self) -> bool:
        self._settle()
        self._edited_from = None
        if not self._redo:
            return False
        self._undo.append(self.data)
        self.data = self._redo.pop()
        self.version += 1
        return True

    def insert(self, list_ref: Ref, index: int | None, value: dict[str, Any]) -> Ref:
        """Insert an item or block into the list at ``list_ref``; return its ref."""
        self._change()
        target = _get(self.data, list_ref[:-1]).setdefault(list_ref[-1], [])
        index = len(target) if index is None else max(0, min(index, len(target)))
        target.insert(index, _commented(value))
        return (*list_ref, index)

    def insert_many(self, list_ref: Ref, index: int | None, values: list[dict[str, Any]]) -> Ref:
        """Insert several items in order at ``index`` (one undo step); return the first's ref."""
        self._change()
        target = _get(self.data, list_ref[:-1]).setdefault(list_ref[-1], [])
        start = len(target) if index is None else max(0, min(index, len(target)))
        for offset, value in enumerate(values):
            target.insert(start + offset, _commented(value))
        return (*list_ref, start)

    def set_paragraphs(self, ref: Ref, paragraphs: list[str]) -> None:
        """A free-text item's new wording: the first paragraph stays in the item, the
        others become free-text items after it (one undo step)."""
        first, *more = paragraphs
        self._change()
        container = _get(self.data, ref[:-1])
        container[ref[-1]]["text"] = first
        self._reviewed_item(ref)
        for offset, text in enumerate(more, start=1):
            container.insert(int(ref[-1]) + offset, _commented({"text": text}))

    def remove(self, ref: Ref) -> None:
        self._change()
        del _get(self.data, ref[:-1])[ref[-1]]

    def move(self, ref: Ref, delta: int) -> Ref:
        """Move an item or block up (-1) or down (+1) within its list."""
        container = _get(self.data, ref[:-1])
        index = int(ref[-1])
        target = index + delta
        if not 0 <= target < len(container):
            return ref
        self._change()
        container.insert(target, container.pop(index))
        return (*ref[:-1], target)

    def move_to_block(self, ref: Ref, block: int) -> Ref:
        """Move an item to the end of another block."""
        self._change()
        item = _get(self.data, ref[:-1]).pop(ref[-1])
        items = self.data["blocks"][block].setdefault("items", [])
        items.append(item)
        return ("blocks", block, "items", len(items) - 1)

    def set_values(self, ref: Ref, values: dict[str, Any]) -> None:
        """Replace the ``values`` of an item or block (empty values are dropped)."""
        self._change()
        self._reviewed_item(ref)
        node = _get(self.data, ref)
        cleaned = {k: v for k, v in values.items() if v not in (None, "", [])}
        if cleaned:
            current = node.setdefault("values", {})
            for key in [k for k in current if k not in cleaned]:
                del current[key]
            current.update(cleaned)
        else:
            node.pop("values", None)

    def set_clause_values(self, ref: Ref, values: dict[str, Any], variant: str | None) -> None:
        """Replace an item's values and the form of its clause (a variant's name; None:
        the body) in one undo step."""
        self.set_values(ref, values)
        node = _get(self.data, ref)
        if variant is None:
            node.pop("variant", None)
        elif "variant" in node:
            node["variant"] = variant
        else:  # after "clause", where drafts write it
            at = list(node).index("clause") + 1 if "clause" in node else 0
            node.insert(at, "variant", variant)

    def set_field(self, ref: Ref, key: str, value: Any) -> None:
        self._change()
        self._reviewed_item(ref)
        node = _get(self.data, ref)
        if value in (None, ""):
            node.pop(key, None)
        else:
            node[key] = value

    def replace(self, ref: Ref, value: dict[str, Any]) -> None:
        """Replace an item with another (one undo step); the new item is reviewed."""
        self._change()
        value = {k: v for k, v in value.items() if k != "review"}
        _get(self.data, ref[:-1])[ref[-1]] = _commented(value)

    def update_situation(self, situation: dict[str, Any]) -> None:
        self._change()
        _merge(self.data.setdefault("situation", {}), situation)

    def set_details(self, changes: dict[str, Any], settled: list[str] | None = None) -> bool:
        """Set several fields at once, each named by its dotted path
        ("situation.meeting.number", "blocks.3.addressees.0.name"; None removes it),
        in one undo step; the changed fields leave the draft's ``review`` list, as
        after every edit (:meth:`_settle`), and so do the ``settled`` names (reviewed
        as they are). False: nothing to do."""
        from .details import apply

        if not changes and not settled:
            return False
        self._change()
        apply(self.data, changes, _commented)
        for name in settled or ():
            review.clear_field(self.data, name)
        self._settle()
        return True

    # --- what is to review (a follow-up's flags) ---------------------------------------

    def pending(self) -> list[ReviewPoint]:
        """What is still to review: fields, then items in document order."""
        self._settle()
        return review.pending(self.view, self.library)

    def confirm(self, point: ReviewPoint) -> bool:
        """The drafter confirms a point as it stands (one undo step); False if it was
        not flagged (nothing changes)."""
        self._settle()
        data = self.data
        flagged = (
            point.field in (data.get("review") or [])
            if point.field is not None
            else _is_item(point.ref) and _flagged(data, point.ref)
        )
        if not flagged:
            return False
        self._change()
        if point.field is not None:
            review.clear_field(self.data, point.field)
        else:
            review.clear_item(self.data, point.ref)
        return True

    def review_field(self, field: str, text: str) -> None:
        """Set a flagged field from the text typed for it and confirm it (one undo
        step); ValueError saying why the text is refused, changing nothing."""
        value = review.field_value(field, text)
        path = review.editable_path(field)
        if path is None:
            raise ValueError("this field is edited in its own form")
        self._change()
        node = self.data
        for part in path.parts[:-1]:
            node = node[part] if isinstance(part, int) else node.setdefault(part, {})
        if value is None:
            node.pop(path.parts[-1], None)
        else:
            node[path.parts[-1]] = _commented(value)
        review.clear_field(self.data, field)

    # --- saving and recovery --------------------------------------------------------

    def save(self, path: Path | None = None) -> Path:
        """Write the draft atomically; forget the recovery file. Never into the clause
        library or the templates folder."""
        target = path or self.path
        refuse_shared_folder(target, self.library)
        self._settle()
        self.path = target
        draftfile.save(self.path, self.data)
        self.saved_version = self.version
        discard_recovery(self.path)
        remember(self.path)
        return self.path

    def write_recovery(self) -> Path:
        """Save unsaved changes beside the user's state, never over the draft itself."""
        file = recovery_file(self.path)
        self._settle()
        write_text(file, draftfile.dumps(self.data))
        meta = {"draft": str(self.path.resolve()), "saved_at": dt.datetime.now().isoformat()}
        write_text(file.with_suffix(".json"), json.dumps(meta))
        return file

    def restore(self, recovery: Recovery) -> None:
        self._change()
        self.data = draftfile.loads(recovery.text, recovery.file)
        self._edited_from = None  # restored as it was: nothing reviewed by it


def openable(path: Path, library: Library) -> tuple[str, dict[str, Any]]:
    """The text and data of a draft a session may open and save; a WgdraftError
    saying why not for anything else."""
    from .drafts import read_draft

    opened = read_draft(path)
    refuse_shared_folder(path, library)
    return opened


def refuse_shared_folder(path: Path, library: Library) -> None:
    """A draft session never writes inside the clause library or the templates."""
    target = path.resolve()
    for root, what in ((library.root, "clause library"), (library.templates.root, "templates")):
        if target.is_relative_to(root.resolve()):
            raise WgdraftError(
                Problem(
                    path,
                    f"this file is inside the {what} folder ({root}); drafts are kept "
                    "outside it (e.g. in drafts/ of a workspace): put the draft there",
                )
            )


def _is_item(ref: Ref) -> bool:
    """Whether ``ref`` is an item's: an opening paragraph, or in a list of items."""
    return len(ref) >= 2 and isinstance(ref[-1], int) and ref[-2] in ("opening", "items")


def _flagged(data: Any, ref: Ref) -> bool:
    try:
        return _get(data, ref).get("review") is True
    except (KeyError, IndexError, TypeError, AttributeError):
        return False


def _review_changed(before: Any, after: Any) -> None:
    """Take the review flag off every flagged field whose value differs between the
    two versions of the data (a date written as text or as a date is the same)."""
    for field in list(after.get("review") or []):
        try:
            path = ItemPath.parse(str(field))
        except ValueError:
            continue
        if _value_at(before, path) != _value_at(after, path):
            review.clear_field(after, str(field))


def _value_at(data: Any, path: ItemPath) -> Any:
    try:
        value = path.get(data)
    except KeyError:
        return None
    value = _dates_as_text(draftfile.plain(value))
    return None if value in ("", []) else value


def _dates_as_text(data: Any) -> Any:
    """Dates as the text the fast loader gives (ruamel.yaml reads them as dates), so a
    draft validates the same before and after its first edit."""
    if isinstance(data, dict):
        return {k: _dates_as_text(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_dates_as_text(v) for v in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def _commented(value: Any) -> Any:
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            out[key] = _commented(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(_commented(v) for v in value)
    return value


def _merge(target: Any, updates: dict[str, Any]) -> None:
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            _merge(target[key], value)
        else:
            target[key] = _commented(value)


# --- recovery files and recent drafts -------------------------------------------------


def recovery_file(draft: Path) -> Path:
    digest = hashlib.sha1(str(draft.resolve()).encode("utf-8")).hexdigest()[:16]
    return paths.recovery_dir() / f"{draft.stem}-{digest}.yaml"


def find_recovery(draft: Path) -> Recovery | None:
    """Unsaved changes left for ``draft`` by a session that did not save or quit cleanly."""
    file = recovery_file(draft)
    try:
        text = file.read_text(encoding="utf-8")
        meta = json.loads(file.with_suffix(".json").read_text(encoding="utf-8"))
        saved_at = dt.datetime.fromisoformat(meta["saved_at"])
    except (OSError, ValueError, KeyError):
        return None
    try:
        if draft.read_text(encoding="utf-8") == text:
            return None
    except OSError:
        pass
    return Recovery(draft, file, saved_at, text)


def discard_recovery(draft: Path) -> None:
    file = recovery_file(draft)
    file.unlink(missing_ok=True)
    file.with_suffix(".json").unlink(missing_ok=True)


def recent_drafts() -> list[Path]:
    """Recently opened or saved drafts that still exist, newest first."""
    try:
        names = json.loads(paths.recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [Path(n) for n in names if isinstance(n, str) and Path(n).is_file()]


def remember(draft: Path) -> None:
    names = [str(draft.resolve())] + [str(p) for p in recent_drafts() if p != draft.resolve()]
    with contextlib.suppress(OSError):  # a convenience: never fail an edit for it
        write_text(paths.recent_file(), json.dumps(names[:MAX_RECENT], indent=1))


__all__ = ["DraftSession", "Recovery", "find_recovery", "recent_drafts"]
