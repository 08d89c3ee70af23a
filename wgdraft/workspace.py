"""A workspace: a clause library, its templates and the drafts that use them. Knows
where a clause is used, and renames or retires clauses without leaving a draft
pointing at a missing one."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import clausefile, draftfile, paths
from .errors import Problem, WgdraftError
from .library import Library
from .models import ID_PATTERN, Clause, Draft, Param, ParamType, Precedent
from .yamlio import read_text

_SKIP_DIRS = {"clauses", "templates", "wgdraft-out", "node_modules", "__pycache__", "build", "dist"}
_ID = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Use:
    """One place a clause is used: a draft file and the item's path inside it."""

    draft: Path
    ref: tuple[str | int, ...]

    def __str__(self) -> str:
        where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in self.ref).lstrip(".")
        return f"{self.draft}: {where}"


def workspace_root(library: Library) -> Path:
    """Where drafts are looked for: the workspace around the library (the folder holding
    clauses/ and templates/), else the current folder for a bare clause folder."""
    parent = library.root.parent
    return parent if (parent / "templates").is_dir() else Path.cwd()


def draft_files(root: Path) -> list[Path]:
    """YAML files under ``root`` that are drafts (they have a situation), outside the
    library, the templates, hidden folders and output folders."""
    found = []
    for path in sorted(root.rglob("*.y*ml")):
        parts = path.relative_to(root).parts[:-1]
        if any(p.startswith(".") or p in _SKIP_DIRS for p in parts):
            continue
        try:
            head = read_text(path)  # never blocks on a pipe named *.yaml
        except WgdraftError:
            continue
        if re.search(r"^situation:", head, re.MULTILINE):
            found.append(path)
    return found


def _item_refs(data: Any) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    for i, item in enumerate(data.get("opening") or []):
        yield ("opening", i), item
    for b, block in enumerate(data.get("blocks") or []):
        for i, item in enumerate(block.get("items") or []):
            yield ("blocks", b, "items", i), item
            for j, child in enumerate(item.get("items") or []):
                yield ("blocks", b, "items", i, "items", j), child


def where_used(clause_id: str, root: Path, strict: bool = False) -> list[Use]:
    """Every draft item under ``root`` that uses the clause. With ``strict``, a draft
    that cannot be read is an error (renaming or retiring must not miss a use)."""
    uses = []
    unreadable: list[Problem] = []
    for draft in draft_files(root):
        try:
            data = draftfile.load(draft)
        except WgdraftError as exc:
            unreadable += [
                Problem(
                    p.file,
                    f"{p.message} (fix this draft first: it may use {clause_id!r})",
                    p.field,
                    p.line,
                )
                for p in exc.problems
            ]
            continue
        uses += [
            Use(draft, ref)
            for ref, item in _item_refs(data)
            if isinstance(item, dict) and item.get("clause") == clause_id
        ]
    if strict and unreadable:
        raise WgdraftError(unreadable)
    return uses


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


def rename(library: Library, old_id: str, new_id: str, root: Path | None = None) -> list[Path]:
    """Rename a clause: its file, its id and every draft item under the workspace that
    uses it. Refuses, changing nothing, when a draft that uses it cannot be rewritten.
    Returns the drafts updated."""
    if old_id not in library.clauses:
        raise WgdraftError(Problem(None, f"unknown clause id {old_id!r}", "id"))
    check_new_id(new_id, library)
    root = root or workspace_root(library)
    uses = where_used(old_id, root, strict=True)
    drafts = sorted({use.draft for use in uses})
    loaded = {}
    for draft in drafts:
        loaded[draft] = draftfile.load(draft)  # raises, naming the draft, before any change
    old_file = library.files[old_id]
    clause, data, _fingerprint = clausefile.read(old_file)
    new_file = old_file.with_name(f"{new_id}.yaml")
    renamed = clause.model_copy(update={"id": new_id})
    clausefile.save(new_file, renamed, base=data)
    for draft, data in loaded.items():
        for _ref, item in _item_refs(data):
            if isinstance(item, dict) and item.get("clause") == old_id:
                item["clause"] = new_id
        draftfile.save(draft, data)
    old_file.unlink()
    return drafts


def remove(library: Library, clause_id: str, root: Path | None = None) -> Path:
    """Retire a clause; refused, with the list of drafts, while any draft uses it."""
    if clause_id not in library.clauses:
        raise WgdraftError(Problem(None, f"unknown clause id {clause_id!r}", "id"))
    uses = where_used(clause_id, root or workspace_root(library), strict=True)
    if uses:
        raise WgdraftError(
            [
                Problem(use.draft, f"uses clause {clause_id!r} at {str(use).split(': ', 1)[1]}")
                for use in uses
            ]
        )
    file = library.files[clause_id]
    file.unlink()
    return file


def clause_path(library: Library, clause: Clause) -> Path:
    """Where a new clause's file goes: clauses/<family>/<id>.yaml."""
    return library.root / clause.family / f"{clause.id}.yaml"


def create(library: Library, clause: Clause) -> Path:
    """Write a new clause file, validated against the library."""
    check_new_id(clause.id, library)
    path = clause_path(library, clause)
    clausefile.save(path, clause, library)  # makes the family folder only once valid
    return path


def variant_of(library: Library, clause_id: str, new_id: str) -> tuple[Clause, Path]:
    """A copy of a clause under a new id, to become a variant, and where its file goes
    (beside the original). Nothing is written: the caller saves it once reviewed."""
    check_new_id(new_id, library)
    original = library.clauses[clause_id]
    copy = original.model_copy(update={"id": new_id, "title": f"{original.title} (variant)"})
    return copy, library.files[clause_id].with_name(f"{new_id}.yaml")


def from_text(
    text: str, draft: Draft, clause_id: str, family: str, title: str, source: str
) -> Clause:
    """A clause proposed from a draft's free text: the situation's names written in it
    become template names ({{ country }}, {{ government }}), and the draft's own values
    that appear in it become parameters, with those values as examples."""
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
                type=ParamType.TEXT,
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
        precedents=[Precedent(document=source)],
    )


def init(target: Path) -> list[Path]:
    """A new workspace: copies of the bundled clauses and templates, a drafts folder and
    a .gitignore, ready for `git init`."""
    if target.exists() and not target.is_dir():
        raise WgdraftError(Problem(target, "exists and is not a folder"))
    if target.exists() and any(target.iterdir()):
        raise WgdraftError(Problem(target, "the folder exists and is not empty"))
    target.mkdir(parents=True, exist_ok=True)
    shutil.copytree(paths.bundled_clauses(), target / "clauses")
    shutil.copytree(paths.bundled_templates(), target / "templates")
    (target / "drafts").mkdir()
    (target / ".gitignore").write_text("wgdraft-out/\n__pycache__/\n", encoding="utf-8")
    return [target / "clauses", target / "templates", target / "drafts", target / ".gitignore"]
