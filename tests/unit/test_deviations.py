"""Deviations from agreed language: which items depart from the library, and how."""

from __future__ import annotations

from typing import Any

import pytest

from tests.assessment import free_assessment_data
from tests.conftest import EXAMPLES
from wgdraft.deviations import deviations, line, marked, marked_texts, summary
from wgdraft.drafts import load_draft
from wgdraft.errors import WgdraftError
from wgdraft.itempath import ItemPath
from wgdraft.library import Library
from wgdraft.models import Clause, Draft

AGREED = (
    "Emphasizing the important role of community and religious leaders in strengthening "
    "the protection of children affected by armed conflict"
)
LEADERS = "community-leaders.important-role"


def draft_with(*items: dict[str, Any], opening: list[dict[str, Any]] | None = None) -> Draft:
    """The Mali situation with one block of ``items`` (paragraph 1 without an opening)."""
    mali = load_draft(EXAMPLES / "mali-2023.yaml")
    block = {"channel": "leaders-statement", "items": list(items)}
    data = mali.model_dump(mode="json") | {"opening": opening or [], "blocks": [block]}
    return Draft.model_validate(data)


def with_clauses(library: Library, *clauses: Clause) -> Library:
    """The bundled library with ``clauses`` added."""
    files = {c.id: library.root / c.family / f"{c.id}.yaml" for c in clauses}
    return Library(
        library.root,
        library.clauses | {c.id: c for c in clauses},
        library.files | files,
        library.templates,
    )


def new_clause(library: Library, clause_id: str, body: str, **fields: Any) -> Clause:
    origin = library.clauses[LEADERS]
    update = {"id": clause_id, "body": body, "precedents": []} | fields
    return origin.model_copy(update=update)


def test_free_text_one_word_off_a_clause_is_one_deviation(library: Library) -> None:
    here = AGREED.replace("important", "essential")
    found = deviations(draft_with({"clause": LEADERS}, {"text": here}), library)
    assert len(found) == 1
    (dev,) = found
    assert dev.path == ItemPath.block(0).item(1)
    assert dev.label == "1 (b)"
    assert (dev.clause, dev.variant, dev.kind) == (LEADERS, None, "free-text")
    assert dev.changes == [("replace", "important", "essential")]
    assert dev.similarity == pytest.approx(1 - 1 / 19, abs=0.001)  # 18 of 19 words the same
    assert dev.agreed == AGREED
    assert dev.here == here
    assert dev.precedents == [str(p) for p in library.clauses[LEADERS].precedents]
    assert marked(dev.changes[0]) == "[-important-] {+essential+}"
    agreed, printed = marked_texts(dev)
    assert "the [-important-] role" in agreed
    assert "the {+essential+} role" in printed


def test_the_nearest_clause_an_import_recorded_is_the_one_compared_with(
    library: Library,
) -> None:
    here = AGREED.replace("Emphasizing", "Stressing")
    recorded = {"clause": LEADERS, "similarity": 0.95}
    (dev,) = deviations(draft_with({"text": here, "nearest": recorded}), library)
    assert (dev.label, dev.clause, dev.kind) == ("1 (a)", LEADERS, "free-text")
    assert dev.changes == [("replace", "Emphasizing", "Stressing")]
    assert dev.similarity == pytest.approx(18 / 19, abs=0.001)


def test_exact_clause_item_and_word_for_word_free_text_do_not_deviate(
    library: Library,
) -> None:
    assert deviations(draft_with({"clause": LEADERS}), library) == []
    assert deviations(draft_with({"text": AGREED + ";"}), library) == []


def test_new_wording_without_precedent_is_flagged_as_such(library: Library) -> None:
    fresh = new_clause(library, "community-leaders.fresh", "Thanking community leaders")
    found = deviations(draft_with({"clause": fresh.id}), with_clauses(library, fresh))
    assert len(found) == 1
    dev = found[0]
    assert (dev.label, dev.kind, dev.item_clause, dev.clause) == (
        "1 (a)",
        "new-wording",
        fresh.id,
        None,
    )
    assert dev.agreed == "" and dev.similarity == 0.0
    assert dev.precedents == []
    assert dev.changes == [("insert", "", "Thanking community leaders")]
    assert "new wording: clause community-leaders.fresh has no precedent" in line(dev)


def test_a_derived_clause_is_compared_with_its_origin(library: Library) -> None:
    body = AGREED.replace("important role", "vital role")
    derived = new_clause(library, "community-leaders.vital", body, derived_from=LEADERS)
    found = deviations(draft_with({"clause": derived.id}), with_clauses(library, derived))
    (dev,) = found
    assert (dev.kind, dev.clause, dev.item_clause) == ("derived", LEADERS, derived.id)
    assert dev.changes == [("replace", "important", "vital")]
    assert dev.precedents  # the origin's
    assert f"derived from {LEADERS}" in line(dev)


def test_a_variant_no_precedent_names_is_compared_with_the_body(library: Library) -> None:
    origin = library.clauses[LEADERS]
    variants = {"recalling": AGREED.replace("Emphasizing", "Recalling")}
    clause = origin.model_copy(update={"variants": variants})
    lib = with_clauses(library, clause)
    (dev,) = deviations(draft_with({"clause": LEADERS, "variant": "recalling"}), lib)
    assert (dev.kind, dev.clause, dev.variant, dev.item_variant) == (
        "variant",
        LEADERS,
        None,
        "recalling",
    )
    assert dev.changes == [("replace", "Emphasizing", "Recalling")]
    # once a precedent names the variant, it is agreed language
    named = [
        *origin.precedents,
        origin.precedents[0].model_copy(update={"note": "Variant recalling"}),
    ]
    agreed = with_clauses(library, clause.model_copy(update={"precedents": named}))
    assert deviations(draft_with({"clause": LEADERS, "variant": "recalling"}), agreed) == []


def test_the_variants_of_the_examples_are_agreed_language(library: Library) -> None:
    """Every variant the examples use is named by a precedent, and their assessment
    paragraphs are sentence clauses (a sentence cut off in the source is word for word
    its clause as far as it goes): nothing shows."""
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) == 6
    for example in examples:
        found = deviations(load_draft(example), library, example)
        assert [(d.label, d.kind) for d in found] == [], example.name


def test_mali_paragraph_2_as_free_text_is_its_one_deviation(library: Library) -> None:
    mali = Draft.model_validate(free_assessment_data(EXAMPLES / "mali-2023.yaml", library))
    (dev,) = deviations(mali, library)
    assert (dev.label, dev.path) == ("2", ItemPath.opening(1))
    assert dev.here.startswith("The members of the Working Group expressed deep concern")


def test_a_draft_that_does_not_assemble_is_an_error(library: Library) -> None:
    with pytest.raises(WgdraftError, match="unknown clause"):
        deviations(draft_with({"clause": "no.such-clause"}), library)


def test_summary_counts_by_kind(library: Library) -> None:
    fresh = new_clause(library, "community-leaders.fresh", "Thanking community leaders")
    draft = draft_with({"clause": fresh.id}, {"text": AGREED.replace("important", "key")})
    found = deviations(draft, with_clauses(library, fresh))
    assert summary(found, 1) == "2 deviating item(s) in 1 draft(s): 1 free text, 1 new wording"
    assert summary([], 3) == "0 deviating item(s) in 3 draft(s)"
