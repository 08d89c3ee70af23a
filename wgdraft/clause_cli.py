"""`wgdraft clause new|show|edit|where|rename|rm`: library editing from the command line."""

from __future__ import annotations

import argparse
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from . import clausefile, draftfile, workspace
from .errors import Problem, WgdraftError, os_problem
from .itempath import ItemPath
from .library import Library, clause_problems
from .models import Clause
from .validation import validate

EXIT_OK, EXIT_PROBLEMS = 0, 1
MAX_EDITS = 20


def _root(args: argparse.Namespace, library: Library) -> Path:
    return args.drafts or workspace.workspace_root(library)


def _known(library: Library, clause_id: str) -> Path:
    if clause_id not in library.clauses:
        raise WgdraftError(
            Problem(None, f"unknown clause id {clause_id!r} (see 'wgdraft clauses')", "id")
        )
    return library.files[clause_id]


def _item(draft_path: Path, item: str | None) -> str:
    """The free text of a draft item given as 'opening[1]' or 'blocks[0].items[2]'."""
    if not item:
        raise WgdraftError(
            Problem(draft_path, "--item names the free-text item to turn into a clause")
        )
    from .drafts import read_draft

    data: Any = read_draft(draft_path)[1]  # a Word document or a clause: one clear message
    try:
        path = ItemPath.parse(item)
    except ValueError as exc:
        raise WgdraftError(Problem(draft_path, str(exc), "item")) from None
    try:
        node = path.get(data)
    except KeyError:
        raise WgdraftError(Problem(draft_path, f"no item {item!r} in this draft", "item")) from None
    if not isinstance(node, dict) or "text" not in node:
        raise WgdraftError(Problem(draft_path, f"{path} is not a free-text item", "item"))
    return str(node["text"])


def _new(args: argparse.Namespace, library: Library) -> int:
    if args.from_draft is not None:
        from .drafts import load_draft

        text = _item(args.from_draft, args.item)
        clause = workspace.from_text(
            text,
            load_draft(args.from_draft),
            args.id,
            args.family,
            args.title,
            args.precedent,
        )
        clause = clause.model_copy(update={"recipients": args.recipient})
    else:
        if not args.body:
            raise WgdraftError(
                Problem(None, "give the text with --body, or --from-draft with --item", "body")
            )
        clause = validate(
            Clause,
            {
                "id": args.id,
                "title": args.title,
                "family": args.family,
                "recipients": args.recipient,
                "body": args.body,
                "precedents": [{"document": args.precedent}] if args.precedent else [],
            },
            None,
        )
    path = workspace.create(library, clause)
    print(f"created {path}")
    if not clause.precedents:
        print("no precedent: new wording, not agreed language (add one with --precedent)")
    if clause.params:
        print(
            "parameters proposed: "
            + ", ".join(clause.params)
            + " (review them with 'wgdraft clause edit')"
        )
    return EXIT_OK


def _show(args: argparse.Namespace, library: Library) -> int:
    path = _known(library, args.id)
    sys.stdout.write(path.read_text(encoding="utf-8"))
    uses = workspace.where_used(args.id, _root(args, library))
    print(f"# {path}; used in {len(uses)} place(s)")
    return EXIT_OK


def _where(args: argparse.Namespace, library: Library) -> int:
    _known(library, args.id)
    skipped: list[Problem] = []
    uses = workspace.where_used(args.id, _root(args, library), skipped=skipped)
    for use in uses:
        print(use)
    for problem in skipped:
        first = str(problem).splitlines()[0]
        print(f"{first} (not searched: it may be a draft that uses {args.id!r})", file=sys.stderr)
    print(f"{len(uses)} use(s)", file=sys.stderr)
    return EXIT_OK


def _rename(args: argparse.Namespace, library: Library) -> int:
    drafts = workspace.rename(library, args.id, args.new_id, _root(args, library))
    print(f"renamed {args.id} to {args.new_id}")
    for draft in drafts:
        print(f"updated {draft}")
    return EXIT_OK


def _rm(args: argparse.Namespace, library: Library) -> int:
    path = workspace.remove(library, args.id, _root(args, library))
    print(f"removed {path}")
    return EXIT_OK


def _editor() -> list[str]:
    return shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")


_NOTE = "# wgdraft: "


def _edit(args: argparse.Namespace, library: Library) -> int:
    """Edit a copy in $EDITOR; validate on return; reopen with the problems written at
    the top while it is invalid; give up (changing nothing) when the editor returns the
    file unchanged. Saves atomically, refusing if the file changed meanwhile."""
    path = _known(library, args.id)
    original = draftfile.read_text(path)
    before = clausefile.Fingerprint.of_bytes(original.encode("utf-8"))
    with tempfile.TemporaryDirectory(prefix="wgdraft-edit-") as folder:
        copy = Path(folder) / path.name
        copy.write_text(original, encoding="utf-8")
        last = _without_notes(original)
        for _attempt in range(MAX_EDITS):
            command = [*_editor(), str(copy)]
            try:
                status = subprocess.run(command, check=False).returncode
            except OSError as exc:
                editor = shlex.join(command[:-1])
                message = f"cannot run the editor {editor!r}: {exc.strerror or exc}"
                raise WgdraftError(Problem(None, message + " (set $VISUAL or $EDITOR)")) from None
            if status != 0:  # e.g. vi's :cq, the usual way to abandon an edit
                message = f"the editor exited with status {status}; nothing saved"
                raise WgdraftError(Problem(path, message))
            text = copy.read_text(encoding="utf-8")
            body = _without_notes(text)
            if body == last:  # unchanged, apart from the notes the user may have deleted
                print(f"{path}: no change saved", file=sys.stderr)
                return EXIT_PROBLEMS if body != _without_notes(original) else EXIT_OK
            problems = _problems(body, copy, path, library)
            if not problems:
                _save_unless_changed(path, body, before)
                print(f"saved {path}")
                return EXIT_OK
            for problem in problems:
                print(problem, file=sys.stderr)
            shift = len(problems)  # the lines as the user sees them, below the notes
            notes = "".join(
                f"{_NOTE}{p.field + ': ' if p.field else ''}{p.message}"
                f"{f' (line {p.line + shift})' if p.line else ''}\n"
                for p in problems
            )
            last = body
            copy.write_text(notes + body, encoding="utf-8")
    print(f"{path}: gave up after {MAX_EDITS} attempts; nothing saved", file=sys.stderr)
    return EXIT_PROBLEMS


def _save_unless_changed(path: Path, text: str, before: clausefile.Fingerprint) -> None:
    """Write the edited text, unless the file changed since the edit began: then keep
    the user's version beside it and say where. Checked and written under the folder's
    lock, so of two edits saved at once, one is saved and the other kept. When it
    cannot be written at all, the user's version is kept in the temporary folder."""
    from .atomic import write_text

    try:
        with clausefile.locked(path.parent):
            if clausefile.Fingerprint.of(path) == before:
                write_text(path, text)
                return
            keep = path.with_name(f".{path.name}.mine")
            write_text(keep, text)
    except OSError as exc:
        problem = os_problem(exc, path)
    except clausefile.FolderError as exc:
        problem = exc.problems[0]
    else:
        message = f"changed on disk while you edited; your version is in {keep}"
        raise WgdraftError(Problem(path, message))
    fd, kept = tempfile.mkstemp(prefix=f"{path.stem}-", suffix=".yaml")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    raise WgdraftError(Problem(problem.file, f"{problem.message}; your version is in {kept}"))


def _without_notes(text: str) -> str:
    return "".join(line for line in text.splitlines(keepends=True) if not line.startswith(_NOTE))


def _problems(text: str, copy: Path, path: Path, library: Library) -> list[Problem]:
    copy.write_text(text, encoding="utf-8")
    try:  # read as the library reads it, so that what is saved loads
        clause, _data = clausefile.parse(text, copy)
    except WgdraftError as exc:
        return [Problem(path, p.message, p.field, p.line) for p in exc.problems]
    problems = clause_problems(clause, library, copy)
    problems = [p for p in problems if "already used by" not in p.message or clause.id != path.stem]
    if clause.id != path.stem:
        problems.append(
            Problem(
                path,
                f"the id cannot change here; use 'wgdraft clause rename {path.stem} {clause.id}'",
                "id",
            )
        )
    return [Problem(path, p.message, p.field, p.line) for p in problems]


ACTIONS = {"new": _new, "show": _show, "edit": _edit, "where": _where, "rename": _rename, "rm": _rm}


def run(args: argparse.Namespace, library: Library) -> int:
    try:
        return ACTIONS[args.clause_command](args, library)
    except OSError as exc:  # e.g. a read-only or vanished folder: one line, no traceback
        raise WgdraftError(os_problem(exc, None, "cannot go on")) from None


__all__ = ["run"]
