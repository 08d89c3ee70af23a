"""Reading adopted texts (TXT, DOCX, PDF) back into their structure, and from there into
drafts: `adopted` holds what a text is made of, `read_adopted` reads a file into it."""

from __future__ import annotations

from .adopted import Adopted, AdoptedAnnex, AdoptedItem, AdoptedParagraph

__all__ = ["Adopted", "AdoptedAnnex", "AdoptedItem", "AdoptedParagraph", "read_adopted"]


def __getattr__(name: str) -> object:
    if name == "read_adopted":
        from .reader import read_adopted

        return read_adopted
    raise AttributeError(name)
