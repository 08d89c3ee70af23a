"""The journal that makes a clause rename all or nothing.

Before a rename changes anything it writes, atomically, ``.wgdraft-rename.json`` in the
clause library folder: the new clause file's text, each draft's new text (with a
fingerprint of the text it replaces) and the old clause file to delete. The steps are
then carried out and the journal removed. If the process dies half way, the next
library operation (:func:`finish_interrupted`, called whenever the command line loads
a library and before any rename or removal) carries out the remaining steps: each step
can be repeated, so finishing is always possible and finishing twice does no harm.
"""

from __future__ import annotations

import contextlib
import glob
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from . import clausefile, draftfile
from .atomic import write_text
from .errors import Problem, WgdraftError, os_problem

NAME = ".wgdraft-rename.json"


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def retarget(data: Any, old_id: str, new_id: str) -> int:
    """Point every draft item that uses clause ``old_id`` at ``new_id``, wherever it is
    in the draft (even in a draft whose structure is wrong); values are left alone.
    Returns how many items changed."""
    changed = 0
    if isinstance(data, dict):
        if data.get("clause") == old_id:
            data["clause"] = new_id
            changed += 1
        for key, value in data.items():
            if key != "values":
                changed += retarget(value, old_id, new_id)
    elif isinstance(data, list):
        for value in data:
            changed += retarget(value, old_id, new_id)
    return changed


@dataclass
class DraftStep:
    path: str
    before: str  # sha1 of the text replaced
    text: str


@dataclass
class RenameJournal:
    old_id: str
    new_id: str
    old_file: str
    old_sha1: str
    new_file: str
    new_text: str
    drafts: list[DraftStep]

    @classmethod
    def file(cls, library_root: Path) -> Path:
        return library_root / NAME

    def write(self, library_root: Path) -> None:
        write_text(self.file(library_root), json.dumps(asdict(self), indent=1) + "\n")

    @classmethod
    def read(cls, library_root: Path) -> RenameJournal | None:
        file = cls.file(library_root)
        try:
            raw = json.loads(file.read_text(encoding="utf-8"))
            raw["drafts"] = [DraftStep(**step) for step in raw["drafts"]]
            return cls(**raw)
        except FileNotFoundError:
            return None
        except (OSError, ValueError, TypeError, KeyError) as exc:
            message = f"cannot read the journal of an interrupted clause rename ({exc})"
            raise WgdraftError(Problem(file, message)) from None

    def apply(self, library_root: Path) -> list[Problem]:
        """Carry out the steps not yet done; remove the journal. Problems are steps
        that could not be done as planned: a draft that cannot be read any more keeps
        the old clause file and the journal, to be finished once it is fixed."""
        problems: list[Problem] = []
        new_file = Path(self.new_file)
        if not new_file.exists():
            write_text(new_file, self.new_text)
        for step in self.drafts:
            problems += self._draft(step)
        if problems:  # keep the old clause for those drafts, and the journal to retry
            again = "fix it; the rename is finished by the next wgdraft command"
            return [*problems, Problem(self.file(library_root), again)]
        old_file = Path(self.old_file)
        if old_file.exists():
            if clausefile.Fingerprint.of(old_file) == clausefile.Fingerprint(self.old_sha1):
                old_file.unlink()
            else:
                message = (
                    f"changed after the rename to {self.new_id!r} began, so it was kept: "
                    f"copy your change into {new_file.name} and delete this file"
                )
                problems.append(Problem(old_file, message))
        with contextlib.suppress(OSError):  # done: the rest is tidying up
            for path in [new_file, *(Path(step.path) for step in self.drafts)]:
                _remove_leftovers(path)
            self.file(library_root).unlink(missing_ok=True)
        return problems

    def _draft(self, step: DraftStep) -> list[Problem]:
        path = Path(step.path)
        try:
            text = draftfile.read_text(path)
        except WgdraftError as exc:
            note = f"; its uses of {self.old_id!r} could not be renamed {self.new_id!r}"
            return [Problem(p.file, p.message + note, p.field, p.line) for p in exc.problems]
        if sha1(text) == sha1(step.text):
            return []  # done already
        if sha1(text) == step.before:
            write_text(path, step.text)
            return []
        try:  # changed meanwhile: rename in what it holds now
            data = draftfile.loads(text, path)
        except WgdraftError as exc:
            note = f"; its uses of {self.old_id!r} could not be renamed {self.new_id!r}"
            return [Problem(p.file, p.message + note, p.field, p.line) for p in exc.problems]
        if retarget(data, self.old_id, self.new_id):
            draftfile.save(path, data)
        return []

    def undo(self, library_root: Path, before: dict[str, str]) -> None:
        """Put back what this process changed, after an error it can report (a full
        disk, a read-only folder) before the old clause file was deleted; ``before``
        holds each draft's original text."""
        for step in self.drafts:
            with contextlib.suppress(OSError, WgdraftError):
                if draftfile.read_text(Path(step.path)) == step.text:
                    write_text(Path(step.path), before[step.path])
        with contextlib.suppress(OSError):
            Path(self.new_file).unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            self.file(library_root).unlink(missing_ok=True)


def _remove_leftovers(path: Path) -> None:
    """The temporary files of atomic writes to ``path`` cut short by a kill."""
    for leftover in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        leftover.unlink(missing_ok=True)


def finish_interrupted(library_root: Path) -> list[Problem]:
    """Finish a rename that was interrupted (the process killed, the machine stopped):
    a line saying so, then a line per step that could not be done as planned."""
    file = RenameJournal.file(library_root)
    if not file.exists() and not any(library_root.glob(f".{NAME}.*.tmp")):
        return []
    with clausefile.locked(library_root):
        _remove_leftovers(file)  # a journal never written: nothing was changed
        journal = RenameJournal.read(library_root)
        if journal is None:  # finished by another process meanwhile
            return []
        what = f"rename of clause {journal.old_id!r} to {journal.new_id!r}"
        try:
            problems = journal.apply(library_root)
        except OSError as exc:
            why = os_problem(exc, None, "cannot write")
            message = (
                f"an interrupted {what} could not be finished ({why}); it is tried again next time"
            )
            raise WgdraftError(Problem(file, message)) from None
    if file.exists():
        return [Problem(file, f"could not finish an interrupted {what}"), *problems]
    return [Problem(file, f"finished an interrupted {what}"), *problems]
