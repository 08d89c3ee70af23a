"""Writing a rendered bundle to disk: conclusions, letters, statements and a manifest.

Every file is rendered in memory before anything is written, so a failed render leaves
the previous bundle untouched; each file then replaces its predecessor atomically, and
the manifest is written last.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .atomic import write_bytes
from .library import Library
from .tree import Bundle

MANIFEST = "manifest.json"


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of a bundle, with what the manifest says about it."""

    path: str
    kind: str  # conclusions | letter | statement
    recipient: str | None
    paragraph: int | None
    channel: str | None
    payload: bytes


def default_output_dir(draft_path: Path) -> Path:
    """./wgdraft-out/<draft name>/"""
    return Path("wgdraft-out") / draft_path.stem


def _renderers(fmt: str, library: Library) -> tuple[str, Callable, Callable, Callable]:  # type: ignore[type-arg]
    if fmt == "text":
        from .render_text import render_letter_text, render_statement_text, render_text

        def text(render):  # type: ignore[no-untyped-def]
            return lambda node: render(node).encode("utf-8")

        return "txt", text(render_text), text(render_letter_text), text(render_statement_text)
    from . import render_docx

    reference = library.templates.reference_docx
    return (
        "docx",
        lambda doc: render_docx.render_docx(doc, reference),
        lambda letter: render_docx.render_letter(letter, reference),
        lambda statement: render_docx.render_statement(statement, reference),
    )


Progress = Callable[[int, int, str], None]  # (done, total, file being rendered)


def render_files(
    bundle: Bundle, library: Library, fmt: str = "docx", progress: Progress | None = None
) -> list[OutputFile]:
    """Render every document of the bundle in memory."""
    ext, conclusions, letter, statement = _renderers(fmt, library)
    jobs: list[tuple[str, str, str | None, int | None, str | None, Callable[[], bytes]]] = [
        (
            f"conclusions.{ext}",
            "conclusions",
            None,
            None,
            None,
            lambda: conclusions(bundle.conclusions),
        ),
    ]
    for kind, items, render in (
        ("letter", bundle.letters, letter),
        ("statement", bundle.statements, statement),
    ):
        for item in items:
            path = f"{kind}s/{item.paragraph:02d}-{item.channel}.{ext}"
            job = (lambda r, i: lambda: r(i))(render, item)
            jobs.append((path, kind, item.recipient, item.paragraph, item.channel, job))
    files = []
    for done, (path, kind, recipient, paragraph, channel, render) in enumerate(jobs):
        if progress:
            progress(done, len(jobs), path)
        files.append(OutputFile(path, kind, recipient, paragraph, channel, render()))
    if progress:
        progress(len(jobs), len(jobs), "")
    return files


def _previous_files(out_dir: Path) -> set[str]:
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
        return {entry["file"] for entry in manifest["files"]}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def write_bundle(
    bundle: Bundle,
    library: Library,
    out_dir: Path,
    fmt: str = "docx",
    source: str = "",
    progress: Progress | None = None,
) -> list[Path]:
    """Render, then write the bundle and its manifest; return the written paths."""
    files = render_files(bundle, library, fmt, progress)
    stale = _previous_files(out_dir) - {f.path for f in files}
    written = []
    for item in files:
        target = out_dir / item.path
        write_bytes(target, item.payload)
        written.append(target)
    for name in sorted(stale):
        path = (out_dir / name).resolve()
        if out_dir.resolve() in path.parents:  # only files a previous bundle wrote
            path.unlink(missing_ok=True)
    entries = [
        {
            "file": f.path,
            "kind": f.kind,
            "recipient": f.recipient,
            "paragraph": f.paragraph,
            "channel": f.channel,
        }
        for f in files
    ]
    manifest = {"draft": source, "symbol": bundle.conclusions.symbol_shown, "files": entries}
    target = out_dir / MANIFEST
    write_bytes(target, (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    written.append(target)
    return written
