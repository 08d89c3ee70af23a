"""`read_adopted`: a file (TXT, DOCX, PDF) read into an `Adopted` text, or a WgdraftError
naming the file when it is not conclusions or a Chair's public statement."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problem, WgdraftError
from .adopted import Adopted
from .sources import read_source
from .structure import parse

#: Every conclusions text and every statement of the Working Group names it.
_SIGN = "working group"


def read_adopted(path: Path) -> Adopted:
    """The structure of the adopted text in ``path``.

    Raises WgdraftError(Problem(path, ...)) for anything that is not a conclusions text
    or press release: an empty file, a novel, a scanned PDF without text, a damaged Word
    document, an unsupported kind of file."""
    path = Path(path)
    source = read_source(path)
    try:
        adopted = parse(source)
    except RecursionError:  # pragma: no cover - nesting is flat; a guard, not a path
        raise WgdraftError(Problem(path, "the text is nested too deeply to read")) from None
    text = " ".join(line.text for line in source.lines).lower()
    if _SIGN not in " ".join(text.split()) or not _has_shape(adopted):
        raise WgdraftError(
            Problem(
                path,
                f"this {_NAMES[source.format]} does not read as conclusions of the Working "
                "Group on Children and Armed Conflict or a Chair's public statement (no "
                "numbered paragraphs or addressee blocks naming the Working Group)",
            )
        )
    return adopted


_NAMES = {"txt": "text", "docx": "Word document", "pdf": "PDF"}


def _has_shape(adopted: Adopted) -> bool:
    """Numbered paragraphs, or items under an introductory formula, or a lead-in."""
    if any(p.number is not None for p in adopted.paragraphs):
        return True
    if any(p.items for p in adopted.paragraphs):
        return True
    if adopted.lead is not None or adopted.press_release is not None:
        return True
    return any("Working Group" in p.text for p in adopted.paragraphs)
