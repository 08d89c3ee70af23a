"""Ranked, type-to-search over the clause library: titles, families, tags, ids and
clause text, with filters for family, grave violation, recipient and "agreed since YEAR"
(a clause whose latest precedent is that year or later; typed as ``since:2020``).

The index lower-cases every field once; a query is a handful of substring tests per
clause, which keeps a keystroke well under the 50 ms budget at 5,000 clauses."""

from __future__ import annotations

import heapq
import re
from dataclasses import dataclass

from .library import Library
from .models import Clause
from .precedents import latest_year

_TAGS = re.compile(r"{[{%#].*?[}%#]}", re.DOTALL)

# weight of a match in each field; a match at the start of a word counts double
_WEIGHTS = (("title", 8), ("tags", 5), ("id", 4), ("family", 3), ("text", 1))

# added once per query word the clause's id holds at the start of a word, on top of that
# word's best field: of two clauses whose titles both hold the words, the one named by
# them ("condemnation.all-violations" for "all violations") comes first
_ID_BONUS = 4

# and one more when it is the family that holds it: the family names the subject
_FAMILY_BONUS = 1

# added when a query of two or more words occurs as typed, in that order, in the title,
# a tag or the id (its dots and hyphens read as spaces)
_PHRASE_BONUS = 8

# "since:2020"; "since:" and "since:20" while the year is being typed filter nothing
_SINCE = re.compile(r"(?<!\S)since:(\d*)(?!\S)", re.IGNORECASE)


def split_since(query: str) -> tuple[str, int | None]:
    """``query`` without its ``since:YEAR`` word, and that year (the last one typed);
    None when the query names none."""
    years = [year for year in _SINCE.findall(query) if len(year) == 4]
    return _SINCE.sub(" ", query).strip(), int(years[-1]) if years else None


@dataclass(frozen=True, slots=True)
class _Entry:
    clause: Clause
    title: str
    tags: str
    id: str
    family: str
    text: str
    everything: str  # all fields, for a quick first test
    weighted: tuple[tuple[str, int], ...] = ()  # (field text, weight), in _WEIGHTS order
    latest: int | None = None  # year of the latest precedent
    words: str = ""  # the id with its dots and hyphens as spaces
    named: str = ""  # title, tags and words, for the phrase test


@dataclass(frozen=True, slots=True)
class Hit:
    clause: Clause
    score: float


class ClauseIndex:
    """Search over a loaded library."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._entries = []
        for clause in library.clauses.values():
            fields = (
                clause.title.lower(),
                " ".join(clause.tags).lower(),
                clause.id.lower(),
                clause.family.lower(),
                " ".join(_TAGS.sub(" ", " ".join([clause.body, *clause.items])).split()).lower(),
            )
            weights = dict(_WEIGHTS)
            names = ("title", "tags", "id", "family", "text")
            weighted = tuple((t, weights[n]) for n, t in zip(names, fields, strict=True))
            words = re.sub(r"[.\-_]+", " ", fields[2])
            self._entries.append(
                _Entry(
                    clause,
                    *fields,
                    everything="\n".join(fields),
                    weighted=weighted,
                    latest=latest_year(clause),
                    words=words,
                    named="\n".join([fields[0], *(t.lower() for t in clause.tags), words]),
                )
            )
        # the last query's matches: typing one more letter only narrows them
        self._last: tuple[tuple[str, ...], tuple[str | int | None, ...], list[_Entry]] | None = None

    def __len__(self) -> int:
        return len(self._entries)

    def search(
        self,
        query: str = "",
        family: str | None = None,
        violation: str | None = None,
        recipient: str | None = None,
        limit: int | None = None,
        since: int | None = None,
        form: str | None = None,
    ) -> tuple[list[Hit], int]:
        """Clauses matching every word of ``query`` and the filters, best first;
        returns at most ``limit`` hits and the total number that matched. ``since``: only
        clauses with a precedent agreed that year or later; ``form``: only items or only
        sentences (``Clause.form``)."""
        terms = tuple(query.lower().split())
        filters: tuple[str | int | None, ...] = (family, violation, recipient, since, form)
        candidates = self._entries
        if self._last is not None and self._last[1] == filters and _narrows(self._last[0], terms):
            candidates = self._last[2]
        matched: list[_Entry] = []
        scored: list[tuple[float, str, Clause]] = []
        for entry in candidates:
            everything = entry.everything
            if not all(term in everything for term in terms):
                continue
            clause = entry.clause
            if family and clause.family != family:
                continue
            if violation and violation not in clause.violations:
                continue
            if recipient and recipient not in clause.recipients:
                continue
            if since is not None and (entry.latest is None or entry.latest < since):
                continue
            if form and clause.form != form:
                continue
            matched.append(entry)
            scored.append((_score(entry, terms), clause.id, clause))
        self._last = (terms, filters, matched)
        if limit is not None and limit < len(scored):
            best = heapq.nsmallest(limit, scored, key=lambda s: (-s[0], s[1]))
        else:
            best = sorted(scored, key=lambda s: (-s[0], s[1]))
        return [Hit(clause, score) for score, _, clause in best], len(scored)


def _narrows(previous: tuple[str, ...], terms: tuple[str, ...]) -> bool:
    """True when every clause matching ``terms`` also matched ``previous`` (each earlier
    word is contained in the word now typed in its place, and words were only added)."""
    if len(terms) < len(previous):
        return False
    return all(old in new for old, new in zip(previous, terms, strict=False))


def _score(entry: _Entry, terms: tuple[str, ...]) -> float:
    """Per word, the best field it matches (title > tags > id > family > text), counted
    double when the match starts a word, plus ``_ID_BONUS`` when the id holds the word
    (``_FAMILY_BONUS`` more in its family); plus ``_PHRASE_BONUS`` when the words stand
    together, as typed, in the title, a tag or the id."""
    score = 0.0
    if len(terms) > 1 and " ".join(terms) in entry.named:
        score += _PHRASE_BONUS
    for term in terms:
        best = 0
        for haystack, weight in entry.weighted:
            if weight * 2 <= best:
                break  # later fields weigh less: nothing better can follow
            at = haystack.find(term)
            if at < 0:
                continue
            value = weight * 2 if at == 0 or not haystack[at - 1].isalnum() else weight
            if value > best:
                best = value
        score += best
        if _starts_word(entry.words, term):
            score += _ID_BONUS
            if _starts_word(entry.family, term):
                score += _FAMILY_BONUS
    return score


def _starts_word(haystack: str, term: str) -> bool:
    """True when ``term`` occurs in ``haystack`` at the start of one of its words."""
    at = haystack.find(term)
    while at >= 0:
        if at == 0 or not haystack[at - 1].isalnum():
            return True
        at = haystack.find(term, at + 1)
    return False
