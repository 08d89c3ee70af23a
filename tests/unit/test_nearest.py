"""A free-text item's ``nearest:`` clause (set by import) is data for deviations and
the TUI, never printed, and checked like every other field."""

from __future__ import annotations

import pytest

from tests.assessment import free_assessment_data
from tests.conftest import MALI, ROOT
from wgdraft.assemble import assemble
from wgdraft.drafts import load_draft
from wgdraft.errors import WgdraftError
from wgdraft.library import Library
from wgdraft.models import Draft
from wgdraft.render_text import render_text
from wgdraft.validation import validate


def _with_nearest(nearest: object) -> dict[str, object]:
    from wgdraft.library import load_library

    library = load_library(ROOT / "clauses", ROOT / "templates")
    data = free_assessment_data(MALI, library)
    opening = data["opening"]
    assert isinstance(opening, list) and "text" in opening[1]
    opening[1]["nearest"] = nearest
    return data


def test_nearest_is_never_printed(library: Library) -> None:
    plain = render_text(assemble(load_draft(MALI), library))  # the same words as free text
    noted = validate(
        Draft,
        _with_nearest(
            {"clause": "opening.resolutions", "variant": "took-note", "similarity": 0.41}
        ),
        None,
    )
    assert noted.opening[1].nearest is not None
    assert noted.opening[1].nearest.clause == "opening.resolutions"
    assert render_text(assemble(noted, library)) == plain


@pytest.mark.parametrize(
    "nearest",
    [{"clause": "x", "similarity": 1.5}, {"similarity": 0.5}, {"clause": "x", "score": 0.5}],
)
def test_a_wrong_nearest_is_a_located_problem(nearest: object) -> None:
    with pytest.raises(WgdraftError) as info:
        validate(Draft, _with_nearest(nearest), None)
    assert any(p.field.startswith("opening[1].nearest") for p in info.value.problems)
