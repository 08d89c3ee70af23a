"""Saying what a file is when it is not what was asked for: a Word document, a PDF, a
clause or channel file given where a draft was expected."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from .errors import Problem, WgdraftError
from .models import ID_PATTERN

DRAFT_KEYS = ("document", "situation", "values", "signatories", "opening", "blocks", "annex")

_FOR_DOCUMENTS = (
    "Drafts are YAML text files: to reuse adopted conclusions, start a new draft from an "
    'earlier one (run `wgdraft`, then "New draft from an earlier one"), or write the '
    'situation in a new draft (`wgdraft`, then "New draft"); importing adopted texts from '
    "Word or PDF is planned."
)


def binary_kind(head: bytes) -> str | None:
    """What the first bytes of a file say it is, when it is not text."""
    if head.startswith(b"%PDF"):
        return "a PDF document"
    if head.startswith(b"PK\x03\x04"):
        if b"word/" in head:
            return "a Word document (.docx)"
        if b"opendocument.text" in head:
            return "an OpenDocument text (.odt)"
        if b"xl/" in head:
            return "an Excel workbook (.xlsx)"
        if b"ppt/" in head:
            return "a PowerPoint presentation (.pptx)"
        return "a ZIP archive"
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "an old-style Office document (.doc, .xls)"
    if head.startswith(b"{\\rtf"):
        return "an RTF document"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "an image"
    if b"\x00" in head[:8192] and not _utf8(head[:8192]):
        return "a binary file, not text"
    return None


def _utf8(head: bytes) -> bool:
    """Whether ``head`` reads as UTF-8 (a character cut at its end is fine): a text file
    with a stray NUL byte is text with a bad character (on a line), not binary."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16: named when decoded
    return True


def not_a_draft_binary(path: Path, kind: str) -> WgdraftError:
    message = f"this is {kind}, not a wgdraft draft"
    if kind.endswith(("document", "(.docx)", "(.odt)", "(.doc, .xls)")):
        message += ". " + _FOR_DOCUMENTS
    return WgdraftError(Problem(path, message))


def check_draft_shape(data: Any, path: Path) -> dict[str, Any]:
    """``data`` if it looks like a draft (maybe with mistakes to fix), else a
    WgdraftError saying what the file is instead."""
    if data is None:
        raise WgdraftError(
            Problem(
                path,
                "the file is empty (or only comments), not a draft; start a new draft with "
                '`wgdraft`, then "New draft"',
            )
        )
    if isinstance(data, list):
        raise WgdraftError(
            Problem(
                path,
                "this is a YAML list, not a draft (a draft is a mapping with "
                "'situation' and 'blocks'; see examples/)",
                line=1,
            )
        )
    if not isinstance(data, dict):
        raise WgdraftError(
            Problem(
                path,
                "this is plain text, not a wgdraft draft (a draft is YAML with "
                "'situation' and 'blocks'; see examples/)",
                line=1,
            )
        )
    keys = {str(k) for k in data}
    if keys & {"situation", "blocks"}:
        return data  # a draft, perhaps with mistakes that validation will name
    if "body" in keys and keys & {"id", "family", "precedents", "title"}:
        given = data.get("id")
        ok = isinstance(given, str) and len(given) < 100 and re.match(ID_PATTERN, given)
        clause_id = given if ok else path.stem
        raise WgdraftError(
            Problem(
                path,
                f"this is a clause of the library (id {clause_id}), not a draft; "
                f"edit it with `wgdraft clause edit {clause_id}`",
                line=1,
            )
        )
    if "intro" in keys and keys & {"kind", "section"}:
        raise WgdraftError(
            Problem(
                path,
                "this is a channel file of the templates (templates/channels/), not a draft",
                line=1,
            )
        )
    if keys & {"sections", "annex_heading", "senders", "statement_lead"}:
        raise WgdraftError(
            Problem(path, "this is a framing file of the templates folder, not a draft", line=1)
        )
    if data and all(isinstance(v, dict) and "title" in v for v in data.values()):
        raise WgdraftError(
            Problem(path, "this is the families file of the templates folder, not a draft", line=1)
        )
    if not keys & set(DRAFT_KEYS):
        raise WgdraftError(
            Problem(
                path,
                "this is not a wgdraft draft: it has none of a draft's fields "
                f"({', '.join(DRAFT_KEYS)}); see examples/",
                line=1,
            )
        )
    return data
