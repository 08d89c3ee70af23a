"""Reading drafts and building their documents: the core API the CLI and TUI share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .assemble import assemble, assemble_bundle, preview_clause
from .errors import Problem, WgdraftError
from .filekinds import binary_kind, check_draft_shape, not_a_draft_binary
from .library import Library
from .models import Block, Draft, DraftItem
from .negotiation import Stage, has_negotiation
from .tree import Bundle, Document
from .validation import validate
from .yamlio import decode, load_text, read_bytes

_HEAD = 64 * 1024  # enough to tell a Word document or a PDF from its first bytes


def read_draft(path: Path) -> tuple[str, dict[str, Any]]:
    """The text and data of a file that is a draft, perhaps with mistakes to fix; any
    other file (a Word document, a clause, a list, nothing) is a WgdraftError saying
    what it is instead."""
    if not path.exists() and not path.is_symlink():
        raise WgdraftError(Problem(path, "draft file not found"))
    try:
        raw = read_bytes(path)
    except WgdraftError:
        kind = binary_kind(read_bytes(path, head=_HEAD))
        if kind is not None:
            raise not_a_draft_binary(path, kind) from None
        raise
    kind = binary_kind(raw[:_HEAD])
    if kind is not None:
        raise not_a_draft_binary(path, kind)
    text = decode(raw, path)
    return text, check_draft_shape(load_text(text, path), path)


def load_draft(path: Path) -> Draft:
    """Read and validate a draft file."""
    text, data = read_draft(path)
    return validate(Draft, data, path, text)


def build_document(path: Path, library: Library) -> Document:
    """Load a draft file and assemble its document tree."""
    return assemble(load_draft(path), library, path)


def build_bundle(
    path: Path, library: Library, *, stage: Stage = "negotiation", force: bool = False
) -> Bundle:
    """Load a draft file and assemble its conclusions, letters and statements at
    ``stage`` (see :func:`wgdraft.assemble.assemble_bundle`)."""
    return assemble_bundle(load_draft(path), library, path, stage=stage, force=force)


def sample_draft(library: Library) -> Draft:
    """The neutral situation in templates/sample-draft.yaml."""
    return load_draft(library.templates.root / "sample-draft.yaml")


@dataclass(frozen=True)
class Trial:
    """What ``check`` learns of a draft: its problems, else the validated draft, its
    file's data and its conclusions as the clean text would print them (brackets still
    open shown bracketed), for its counts."""

    problems: list[Problem]
    draft: Draft | None = None
    data: Any = None
    clean: Document | None = None


def trial_draft(path: Path, library: Library) -> Trial:
    """Everything ``render`` does with a draft but write: assemble it (negotiation
    stage) and render its DOCX bundle in memory; on success also its clean text."""
    from .output import render_files

    try:
        text, data = read_draft(path)
        draft = validate(Draft, data, path, text)
        bundle = assemble_bundle(draft, library, path)
        render_files(bundle, library, "docx")
        clean = bundle.conclusions
        if has_negotiation(draft):
            clean = assemble(draft, library, path, stage="clean", force=True)
    except WgdraftError as exc:
        return Trial(in_draft(exc.problems, path))
    return Trial([], draft, data, clean)


def trial_bundle(path: Path, library: Library) -> list[Problem]:
    """The problems :func:`trial_draft` finds."""
    return trial_draft(path, library).problems


def in_draft(problems: list[Problem], path: Path) -> list[Problem]:
    """Problems found while rendering, the ones that name no file given the draft's."""
    return [replace(p, file=path) if p.file is None else p for p in problems]


def _trial_negotiation(library: Library, draft: Draft) -> list[Problem]:
    """Assemble a probe paragraph with a bracket (an option proposed by a delegation, one
    that deletes), a state and a comment at the negotiation stage, so that every template
    of templates/negotiation.yaml runs."""
    bracket = {"span": "probe", "options": [{"text": "probe"}, {"text": "", "proposed_by": "R"}]}
    comment = {"author": "Ruritania", "date": dt.date(2030, 1, 1), "text": "probe"}
    items = [
        DraftItem.model_validate(
            {"text": "probe", "status": status, "brackets": [bracket], "comments": [comment]}
        )
        for status in ("under-discussion", "agreed")
    ]
    try:
        assemble(draft.model_copy(update={"opening": items, "blocks": []}), library)
    except WgdraftError as exc:
        return exc.problems
    return []


def trial_render(library: Library) -> list[Problem]:
    """Render every clause (with its example values) and every channel for the sample
    situation, and open the reference document with all its styles; return the problems
    that only show when a template runs, each located at its template by assembly."""
    from .render_docx import open_reference

    problems: list[Problem] = []
    try:
        open_reference(library.templates.reference_docx)
    except WgdraftError as exc:
        problems += exc.problems
    try:
        draft = sample_draft(library)
    except WgdraftError as exc:
        return problems + exc.problems
    for clause_id, clause in library.clauses.items():
        for variant in (None, *clause.variants):
            try:
                preview_clause(library, clause_id, draft, variant=variant)
            except WgdraftError as exc:
                problems += exc.problems
    problems += _trial_negotiation(library, draft)
    for channel_id, channel in library.templates.channels.items():
        values = {n: p.example for n, p in channel.params.items()}
        block = Block(channel=channel_id, values=values, items=[DraftItem(text="probe")])
        probe = draft.model_copy(update={"blocks": [block], "opening": []})
        try:
            assemble(probe, library)
        except WgdraftError as exc:
            problems += exc.problems
    return list(dict.fromkeys(problems))  # a framing problem shows in every probe: once
