"""A workspace: a clause library, its templates and the drafts that use them. Knows
where a clause is used, and renames or retires clauses without leaving a draft
pointing at a missing one.

Which files are drafts: every ``.yaml``/``.yml`` regular file under the workspace
(outside the library, the templates, hidden folders and output folders) that reads,
as the library reads YAML, into a mapping with a ``situation``, ``opening`` or
``blocks`` key. A file that reads into anything else (a list, a scalar, another
mapping such as a clause or channel file) is clearly not a draft. A file that cannot
be read at all (not UTF-8, malformed YAML, no permission) could be a draft: renaming
or retiring a clause is refused, naming it, until it is fixed or moved away, since a
use of the clause in it could not be updated.

A rename is all or nothing (:mod:`wgdraft.journal`)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import clausefile, draftfile, paths, yamlio
from .errors import Problem, WgdraftError, os_problem
from .itempath import ItemPath
from .journal import DraftStep, RenameJournal, finish_interrupted, retarget, sha1
from .library import Library
from .models import ID_PATTERN, Clause, Draft, Param, Precedent
from .paramtypes import get as param_type

_SKIP_DIRS = {
    "clauses",
    "templates",
    "wgdraft-out",
    "node_modules",
    "__pycache__",
    "build",
    "dist",
    "venv",
    "site-packages",
}
_DRAFT_KEYS = {"situation", "opening", "blocks"}
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Use:
    """One place a clause is used: a draft file and the item's path inside it."""

    draft: Path
    path: ItemPath

    def __str__(self) -> str:
        return f"{self.draft}: {self.path}"


@dataclass
class Scan:
    """The drafts under a folder (as the library reads them), and the files that could
    be drafts but cannot be read."""

    drafts: dict[Path, Any] = field(default_factory=dict)
    unreadable: list[Problem] = field(default_factory=list)


def workspace_root(library: Library) -> Path:
    """Where drafts are looked for: the workspace around the library (the folder holding
    clauses/ and templates/), else the current folder for a bare clause folder."""
    parent = library.root.parent
    return parent if (parent / "templates").is_dir() else Path.cwd()


def _yaml_files(root: Path, problems: list[Problem]) -> list[Path]:
    """The YAML files under ``root`` where drafts may be; folders that cannot be
    listed (they may hold drafts) are added to ``problems``."""

    def unlisted(exc: OSError) -> None:
        problems.append(os_problem(exc, None, "cannot list the folder"))

    found = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=unlisted):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d not in _SKIP_DIRS)
        found += [Path(dirpath, f) for f in filenames if f.endswith((".yaml", ".yml"))]
    return sorted(found)


def scan(root: Path) -> Scan:
    """Every draft under ``root``, and every file there that may be a draft but cannot
    be read (see the module's docstring)."""
    if not root.is_dir():
        raise WgdraftError(Problem(root, "drafts folder not found"))
    found = Scan()
    for path in _yaml_files(root, found.unreadable):
        if not path.is_file():  # a folder, FIFO or device is never a draft
            continue
        try:
            data = yamlio.load_text(draftfile.read_text(path), path)
        except WgdraftError as exc:
            found.unreadable += exc.problems
            continue
        if isinstance(data, dict) and _DRAFT_KEYS & {str(key) for key in data}:
            found.drafts[path] = data
    return found


def draft_files(root: Path) -> list[Path]:
    """The drafts under ``root`` (see the module's docstring)."""
    return list(scan(root).drafts)


def _uses(data: Any, clause_id: str, ref: tuple[str | int, ...] = ()) -> list[tuple]:
    """Where in a draft's data items use the clause, wherever they are (parameter
    values apart)."""
    found: list[tuple] = []
    if isinstance(data, dict):
        if data.get("clause") == clause_id:
            found.append(ref)
        for key, value in data.items():
            if key != "values":
                found += _uses(value, clause_id, (*ref, str(key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += _uses(value, clause_id, (*ref, index))
    return found


def _refuse_unreadable(problems: list[Problem], clause_id: str, root: Path) -> None:
    if problems:
        note = f" (it may be a draft that uses {clause_id!r}: fix it, or move it out of {root})"
        raise WgdraftError(
            [Problem(p.file, p.message.splitlines()[0] + note, p.field, p.line) for p in problems]
        )


def where_used(
    clause_id: str, root: Path, strict: bool = False, skipped: list[Problem] | None = None
) -> list[Use]:
    """Every draft item under ``root`` that uses the clause. With ``strict``, a file
    that may be a draft but cannot be read is an error (renaming or retiring must not
    miss a use); otherwise it is added to ``skipped``, if given."""
    found = scan(root)
    if strict:
        _refuse_unreadable(found.unreadable, clause_id, root)
    elif skipped is not None:
        skipped += found.unreadable
    return [
        Use(draft, ItemPath(ref))
        for draft, data in found.drafts.items()
        for ref in _uses(data, clause_id)
    ]


def check_new_id(new_id: str, library: Library) -> None:
    if not _ID.match(new_id):
        raise WgdraftError(
            Problem(
                None,
                f"{new_id!r} is not a valid clause id (lower case, "
                "words joined by dots or hyphens)",
                "id",
            )
        )
    if new_id in library.clauses:
        raise WgdraftError(
            Problem(library.files[new_id], f"clause id {new_id!r} exists already", "id")
        )


def _finish_first(library: Library) -> None:
    """Finish an interrupted rename before another change; the library in memory
    predates it, so it must be loaded again before this change is made."""
    problems = finish_interrupted(library.root)
    if problems:
        raise WgdraftError([*problems, Problem(None, "load the library again and retry")])


def _writable(folders: set[Path]) -> None:
    problems = [
        Problem(folder, "the folder is read-only; nothing was changed")
        for folder in sorted(folders)
        if not os.access(folder, os.W_OK)
    ]
    if problems:
        raise WgdraftError(problems)


def rename(library: Library, old_id: str, new_id: str, root: Path | None = None) -> list[Path]:
    """Rename a clause: its file, its id and every draft item under the workspace that
    uses it, all or nothing (:mod:`wgdraft.journal`). Refuses, changing nothing, when
    a file under the workspace that may be a draft cannot be read, or a draft that uses
    the clause cannot be rewritten. Returns the drafts updated."""
    if old_id not in library.clauses:
        raise WgdraftError(Problem(None, f"unknown clause id {old_id!r}", "id"))
    check_new_id(new_id, library)
    root = root or workspace_root(library)
    _finish_first(library)
    with clausefile.locked(library.root):
        uses = where_used(old_id, root, strict=True)
        old_file = library.files[old_id]
        clause, base, fingerprint = clausefile.read(old_file)
        new_file = old_file.with_name(f"{new_id}.yaml")
        renamed = clause.model_copy(update={"id": new_id})
        new_text = draftfile.dumps(clausefile.to_data(renamed, base))
        if clausefile.parse(new_text, new_file)[0] != renamed:
            raise WgdraftError(Problem(old_file, "the renamed clause would not read back as saved"))
        originals = {str(d): draftfile.read_text(d) for d in sorted({u.draft for u in uses})}
        steps = [_draft_step(Path(p), text, old_id, new_id) for p, text in originals.items()]
        _writable({old_file.parent, *(Path(p).parent for p in originals)})
        journal = RenameJournal(
            old_id, new_id, str(old_file), fingerprint.sha1 if fingerprint else "",
            str(new_file), new_text, steps,
        )  # fmt: skip
        try:
            journal.write(library.root)
            same = old_file.parent.resolve() == library.root.resolve()  # flock would wait on itself
            with contextlib.nullcontext() if same else clausefile.locked(old_file.parent):
                problems = journal.apply(library.root)
        except OSError as exc:
            journal.undo(library.root, originals)
            raise WgdraftError(os_problem(exc, None, "nothing was renamed")) from None
    if problems:
        raise WgdraftError(problems)
    return [Path(p) for p in originals]


def _draft_step(path: Path, text: str, old_id: str, new_id: str) -> DraftStep:
    """A draft's text with the clause renamed, checked to read (as the library reads
    it) exactly as before but for the clause ids."""
    data = draftfile.loads(text, path)
    retarget(data, old_id, new_id)
    new_text = draftfile.dumps(data)
    expected = yamlio.load_text(text, path)
    retarget(expected, old_id, new_id)
    if yamlio.load_text(new_text, path) != expected:
        message = f"cannot be rewritten without changing more than the clause id {old_id!r}"
        raise WgdraftError(Problem(path, message + "; nothing was renamed"))
    return DraftStep(str(path), sha1(text), new_text)


def remove(library: Library, clause_id: str, root: Path | None = None) -> Path:
    """Retire a clause; refused, with the list of drafts, while any draft uses it or any
    file that may be a draft cannot be read."""
    if clause_id not in library.clauses:
        raise WgdraftError(Problem(None, f"unknown clause id {clause_id!r}", "id"))
    _finish_first(library)
    file = library.files[clause_id]
    with clausefile.locked(library.root):
        uses = where_used(clause_id, root or workspace_root(library), strict=True)
        if uses:
            raise WgdraftError(
                [Problem(use.draft, f"uses clause {clause_id!r} at {use.path}") for use in uses]
            )
        try:
            file.unlink()
        except OSError as exc:
            raise WgdraftError(os_problem(exc, file, "cannot remove")) from None
    return file


def clause_path(library: Library, clause: Clause) -> Path:
    """Where a new clause's file goes: clauses/<family>/<id>.yaml."""
    return library.root / clause.family / f"{clause.id}.yaml"


def create(library: Library, clause: Clause) -> Path:
    """Write a new clause file, validated against the library."""
    check_new_id(clause.id, library)
    path = clause_path(library, clause)
    clausefile.save(path, clause, library, new=True)  # makes the family folder once valid
    return path


def variant_of(library: Library, clause_id: str, new_id: str) -> tuple[Clause, Path]:
    """A copy of a clause under a new id, to become a variant, and where its file goes
    (beside the original). Nothing is written: the caller saves it once reviewed. The
    copy is new wording: it has no precedents of its own and records its origin."""
    check_new_id(new_id, library)
    original = library.clauses[clause_id]
    copy = original.model_copy(
        update={
            "id": new_id,
            "title": f"{original.title} (variant)",
            "precedents": [],
            "derived_from": clause_id,
        }
    )
    return copy, library.files[clause_id].with_name(f"{new_id}.yaml")


def from_text(
    text: str,
    draft: Draft,
    clause_id: str,
    family: str,
    title: str,
    precedent: str | None = None,
) -> Clause:
    """A clause proposed from a draft's free text: the situation's names written in it
    become template names ({{ country }}, {{ government }}), and the draft's own values
    that appear in it become parameters, with those values as examples. Draft text is
    not agreed language: the clause has a precedent only when one is given."""
    s = draft.situation
    replacements: list[tuple[str, str]] = []
    country = f"{s.country.article} {s.country.name}".strip()
    replacements.append(
        (f"the {s.government} of {country}", "the {{ government }} of {{ country }}")
    )
    replacements.append((f"the {s.government}", "the {{ government }}"))
    replacements.append((country, "{{ country }}"))
    if s.country.name != country:
        replacements.append((s.country.name, "{{ country.name }}"))
    if s.country.adjective:
        replacements.append((s.country.adjective, "{{ country.adjective }}"))
    replacements.append((s.report.symbol, "{{ report.symbol }}"))
    if s.previous_conclusions:
        replacements.append((s.previous_conclusions, "{{ previous_conclusions }}"))
    params: dict[str, Param] = {}
    body = text
    for name, value in draft.values.items():
        if isinstance(value, str) and value and value in body and name.isidentifier():
            body = body.replace(value, "{{ " + name + " }}")
            params[name] = Param(
                type=param_type("text"),
                description=f"(proposed from the draft's value {name!r})",
                example=value,
            )
    for found, template in replacements:
        body = re.sub(rf"(?<![\w{{]){re.escape(found)}(?![\w}}])", template, body)
    return Clause(
        id=clause_id,
        title=title,
        family=family,
        params=params,
        body=" ".join(body.split()),
        precedents=[Precedent(document=precedent)] if precedent else [],
    )


def init(target: Path) -> list[Path]:
    """A new workspace: copies of the bundled clauses and templates, a drafts folder and
    a .gitignore, ready for `git init`. Path problems are one WgdraftError, and a
    workspace left half made by a disk error is removed."""
    what_to_do = "give 'wgdraft init' the name of a new or empty folder"
    if target.exists() and not target.is_dir():
        raise WgdraftError(Problem(target, f"is a file, not a folder; {what_to_do}"))
    if target.is_dir() and any(target.iterdir()):
        raise WgdraftError(Problem(target, f"the folder exists and is not empty; {what_to_do}"))
    made = [target / "clauses", target / "templates", target / "drafts", target / ".gitignore"]
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        shutil.copytree(paths.bundled_clauses(), target / "clauses")
        shutil.copytree(paths.bundled_templates(), target / "templates")
        (target / "drafts").mkdir()
        (target / ".gitignore").write_text("wgdraft-out/\n__pycache__/\n", encoding="utf-8")
    except OSError as exc:
        for path in [target] if created else made:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            elif path.is_file():
                path.unlink()
        blocker = next((p for p in target.parents if p.is_file()), None)
        if blocker is not None:
            message = f"cannot be created: {blocker} is a file; choose another place"
        else:
            message = (
                f"cannot create the workspace here ({exc.strerror or exc}); "
                "choose a folder you can write to"
            )
        raise WgdraftError(Problem(target, message)) from None
    return made
