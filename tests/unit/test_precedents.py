"""Years and variants of precedents, and the order of a clause's forms by recency."""

from __future__ import annotations

from wgdraft.library import Library
from wgdraft.models import Clause, Precedent
from wgdraft.precedents import (
    forms_by_recency,
    latest_year,
    precedent_variant,
    precedent_year,
)
from wgdraft.search import ClauseIndex, split_since


def test_year_from_symbol_then_title_then_note() -> None:
    assert precedent_year(Precedent(document="Conclusions, Mali", symbol="S/AC.51/2019/1")) == 2019
    symbol_wins = Precedent(document="Conclusions on Mali, 2023", symbol="S/AC.51/2020/11")
    assert precedent_year(symbol_wins) == 2020
    assert precedent_year(Precedent(document="Conclusions on CAR, 2016")) == 2016
    assert precedent_year(Precedent(document="Statement (SC/14431)", note="as in 2021")) == 2021
    assert precedent_year(Precedent(document="Statement (press release SC/14431)")) is None


def test_every_precedent_of_the_bundled_library_has_a_year(library: Library) -> None:
    undated = [
        f"{clause.id}: {precedent}"
        for clause in library.clauses.values()
        for precedent in clause.precedents
        if precedent_year(precedent) is None
    ]
    assert undated == []


def test_variant_named_in_the_note(library: Library) -> None:
    clause = library.clauses["condemnation.all-violations"]
    named = {precedent_variant(clause, p) for p in clause.precedents}
    assert named == {
        None, "reminding", "strongest-condemnation", "in-country", "by-all-parties",
        "applicable-law", "strongest-first", "strongest-as-well-as", "in-country-commas",
        "in-country-noting-concern", "fully-comply",
    }  # fmt: skip
    # a word after "variant" that is no variant of the clause names none
    other = Precedent(document="X, 2020", note="variant unknown-one, close to variant-less")
    assert precedent_variant(clause, other) is None


def test_forms_most_recently_agreed_first(library: Library) -> None:
    forms = forms_by_recency(library.clauses["condemnation.all-violations"])
    assert forms == [
        ("strongest-condemnation", 2024),
        ("in-country-noting-concern", 2024),
        (None, 2023),
        ("fully-comply", 2023),
        ("strongest-as-well-as", 2022),
        ("in-country", 2021),
        ("by-all-parties", 2020),
        ("strongest-first", 2020),
        ("in-country-commas", 2020),
        ("applicable-law", 2019),
        ("reminding", 2018),
    ]
    # a variant no precedent names comes last, without a year
    resolutions = forms_by_recency(library.clauses["opening.resolutions"])
    assert resolutions[0] == (None, 2023)
    assert resolutions[-1] == ("direct-action", None)


def test_new_wording_has_no_latest_year(library: Library) -> None:
    clause = next(iter(library.clauses.values()))
    bare = Clause.model_validate({**clause.model_dump(), "precedents": []})
    assert latest_year(bare) is None
    assert forms_by_recency(bare)[0][1] is None


def test_since_keeps_clauses_with_a_precedent_that_year_or_later(library: Library) -> None:
    index = ClauseIndex(library)
    everything, total = index.search("")
    recent, count = index.search("", since=2024)
    assert 0 < count < total
    kept = {hit.clause.id for hit in recent}
    for hit in everything:
        latest = latest_year(hit.clause)
        assert (hit.clause.id in kept) == (latest is not None and latest >= 2024)
    # the filter keeps the ranking of the clauses it keeps
    assert [h.clause.id for h in index.search("children", since=2024)[0]] == [
        h.clause.id for h in index.search("children")[0] if (latest_year(h.clause) or 0) >= 2024
    ]


def test_since_typed_in_the_query() -> None:
    assert split_since("release since:2020") == ("release", 2020)
    assert split_since("Since:2018 abduction") == ("abduction", 2018)
    assert split_since("release since:20") == ("release", None)  # still typing the year
    assert split_since("release") == ("release", None)
    assert split_since("nonsince:2020") == ("nonsince:2020", None)
