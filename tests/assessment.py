"""The examples as they were before their members' assessment paragraph became
sentence clauses (issue 12.4): that paragraph as one free-text item, the text it prints.
Tests of free text (deviations, nearest clauses, the editor's text dialogs) use it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from wgdraft import draftfile
from wgdraft.assemble import assemble
from wgdraft.drafts import load_draft
from wgdraft.library import Library


def assessment_index(data: dict[str, Any]) -> int:
    """The index of the opening item made of sentences."""
    return next(i for i, item in enumerate(data["opening"]) if "sentences" in item)


def free_assessment_data(example: Path, library: Library) -> dict[str, Any]:
    """The example's data (plain) with its assessment paragraph as free text."""
    draft = load_draft(example)
    data: dict[str, Any] = draft.model_dump(mode="json", exclude_defaults=True)
    index = assessment_index(data)
    printed = assemble(draft, library).body[index].text
    data["opening"][index] = {"text": printed}
    return data


def free_assessment_file(example: Path, target: Path, library: Library) -> Path:
    """A copy of the example file (comments kept) with its assessment as free text."""
    data = draftfile.load(example)
    index = assessment_index(data)
    printed = assemble(load_draft(example), library).body[index].text
    data["opening"][index] = {"text": printed}
    draftfile.save(target, data)
    return target
