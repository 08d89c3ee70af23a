"""Reading adopted texts (TXT, DOCX, PDF) back into their structure, and from there into
drafts: `adopted` holds what a text is made of, `read_adopted` reads a file into it
(`sources`: a file to lines; `structure`: lines to paragraphs; `repair`: PDF artefacts)."""

from __future__ import annotations

from .adopted import Adopted, AdoptedAnnex, AdoptedItem, AdoptedParagraph
from .reader import read_adopted

__all__ = ["Adopted", "AdoptedAnnex", "AdoptedItem", "AdoptedParagraph", "read_adopted"]
