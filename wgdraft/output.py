"""Writing rendered documents to disk, atomically."""

from __future__ import annotations

from pathlib import Path

from .atomic import write_bytes
from .library import Library
from .render_docx import render_docx
from .render_text import render_text
from .tree import Document

CONCLUSIONS = "conclusions"


def default_output_dir(draft_path: Path) -> Path:
    """./wgdraft-out/<draft name>/"""
    return Path("wgdraft-out") / draft_path.stem


def write_document(document: Document, library: Library, out_dir: Path, fmt: str) -> list[Path]:
    """Render and write the conclusions; every file is complete before it replaces the
    previous one, so a failed render leaves earlier output intact."""
    if fmt == "text":
        target = out_dir / f"{CONCLUSIONS}.txt"
        payload = render_text(document).encode("utf-8")
    else:
        target = out_dir / f"{CONCLUSIONS}.docx"
        payload = render_docx(document, library.templates.reference_docx)
    write_bytes(target, payload)
    return [target]
