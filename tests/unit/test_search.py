"""Ranked clause search with filters."""

from __future__ import annotations

from wgdraft.library import Library
from wgdraft.search import ClauseIndex


def ids(hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.clause.id for hit in hits]


def test_every_word_must_match(library: Library) -> None:
    index = ClauseIndex(library)
    hits, total = index.search("safe schools declaration")
    assert total == len(hits) >= 1
    assert all(
        "safe schools declaration" in (h.clause.body + " ".join(h.clause.tags)).lower()
        or "safe schools" in h.clause.title.lower()
        for h in hits
    )
    assert index.search("safe schools zebra")[1] == 0


def test_title_matches_rank_above_text_matches(library: Library) -> None:
    hits, _ = ClauseIndex(library).search("abduction")
    assert hits[0].clause.family == "abduction"
    scores = [h.score for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_filters(library: Library) -> None:
    index = ClauseIndex(library)
    hits, _ = index.search("", family="donors")
    assert hits and {h.clause.family for h in hits} == {"donors"}
    hits, _ = index.search("", violation="abduction")
    assert hits and all("abduction" in h.clause.violations for h in hits)
    hits, _ = index.search("", recipient="government-letter")
    assert hits and all("government-letter" in h.clause.recipients for h in hits)


def test_template_tags_are_not_searched(library: Library) -> None:
    assert ClauseIndex(library).search("endif")[1] == 0


def test_limit_keeps_the_total(library: Library) -> None:
    hits, total = ClauseIndex(library).search("", limit=5)
    assert len(hits) == 5 and total == len(library.clauses)


def test_narrowing_gives_the_same_results_as_a_fresh_search(library: Library) -> None:
    typed = ClauseIndex(library)
    for query in [
        "d",
        "de",
        "det",
        "dete",
        "detention",
        "detention l",
        "detention la",
        "detention",
        "d",
        "x",
    ]:
        fresh = ClauseIndex(library).search(query)
        assert ids(typed.search(query)[0]) == ids(fresh[0]), query


def test_a_clause_named_by_the_query_ranks_first(library: Library) -> None:
    """Of clauses whose titles all hold the words, the one whose id holds them too comes
    first, and the words standing together outrank the same words apart."""
    index = ClauseIndex(library)
    assert ids(index.search("all violations")[0])[:2] == [
        "condemnation.all-violations",  # id and title hold "all violations"
        "assessment.strongly-condemned",  # the title holds the phrase, the id does not
    ]
    assert ids(index.search("humanitarian access")[0])[0].startswith("humanitarian-access.")


def test_the_family_named_by_the_query_ranks_first(library: Library) -> None:
    index = ClauseIndex(library)
    for query, family in [
        ("recruitment", "recruitment"),
        ("release", "release"),
        ("schools", "attacks-schools-hospitals"),
        ("sexual violence", "sexual-violence"),
        ("condemn", "condemnation"),
    ]:
        assert index.search(query)[0][0].clause.family == family, query
