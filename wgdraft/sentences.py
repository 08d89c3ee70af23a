"""Paragraphs composed sentence by sentence: splitting a text into its sentences and
reading each back as a sentence clause (``form: sentence``) with its values.

A draft item with ``sentences`` prints its sentences joined by one space (assembly);
:func:`compose` makes those sentences from a text (import, match, the editor's "split
into sentences"); :func:`composition` does the same with a :class:`Matcher` at hand and
keeps each sentence's match, for import to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from .library import Library
from .matching import Match, Matcher, normalize, similarity
from .models import Draft, Sentence

#: words ending in "." that do not end a sentence (titles, numbers, references)
ABBREVIATIONS = frozenset(
    {"No.", "Nos.", "Mr.", "Mrs.", "Ms.", "Dr.", "St.", "Art.", "para.", "paras.", "Rev.",
     "Corr.", "Add.", "Vol.", "p.", "pp.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Sgt.",
     "Jr.", "Sr.", "cf.", "vs.", "approx.", "Fig.", "Inc.", "Ltd.", "Co."}
)  # fmt: skip
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}|[A-Z]\.")  # "U.N.", "a.i.", "e.g.", "J."
_END = re.compile(r"[.!?][\"”’]?\s+(?=[\"“‘(\[]?[A-Z])")


def split(text: str) -> list[str]:
    """The sentences of a paragraph, white space normalized, each ending with its own
    punctuation. A full stop ends a sentence only before a capital letter, and not after
    an abbreviation ("No.", "Mr."), initials ("U.N.", "a.i.") or inside a figure ("1.5")."""
    text = " ".join(text.split())
    out: list[str] = []
    start = 0
    for found in _END.finditer(text):
        stop = found.start() + len(found.group().rstrip())
        word = text[start:stop].rsplit(" ", 1)[-1].lstrip('(["“‘')
        if word in ABBREVIATIONS or _INITIALS.fullmatch(word):
            continue
        out.append(text[start:stop])
        start = found.end()
    if text[start:]:
        out.append(text[start:])
    return out


@dataclass(frozen=True)
class Composed:
    """One sentence of a text and the sentence clause that reads it best (None: none)."""

    text: str
    match: Match | None
    #: the source stops inside this sentence, and its clause prints the words it holds
    cut: bool = False

    @property
    def exact(self) -> bool:
        return self.match is not None and self.match.exact

    @property
    def sentence(self) -> Sentence:
        """The sentence of a draft: the clause with its values if exact, else free text.
        A cut-off sentence stays as written (a clause prints whole sentences), with a
        note naming the clause that begins with its words."""
        m = self.match
        if m is not None and m.exact and self.cut:
            return Sentence(text=self.text, note=f"cut off in the source; clause {m.clause}")
        if m is not None and m.exact:
            return Sentence(clause=m.clause, variant=m.variant, values=dict(m.values))
        return Sentence(text=self.text)

    def data(self) -> dict[str, Any]:
        """The sentence as a draft file writes it."""
        return sentence_data(self.sentence)


@dataclass(frozen=True)
class Composition:
    """A text read sentence by sentence."""

    text: str
    parts: tuple[Composed, ...]

    @property
    def sentences(self) -> list[Sentence]:
        return [part.sentence for part in self.parts]

    @property
    def exact(self) -> bool:
        """Whether every sentence is a sentence clause with its values read back."""
        return bool(self.parts) and all(part.exact for part in self.parts)

    @property
    def matched(self) -> int:
        """How many sentences are sentence clauses."""
        return sum(part.exact for part in self.parts)

    @property
    def rendered(self) -> str:
        """The text as the sentence clauses closest to each sentence print it."""
        return " ".join(p.match.rendered if p.match else "" for p in self.parts).strip()

    @property
    def similarity(self) -> float:
        """How like the text the nearest sentence clauses are (1.0 when exact)."""
        if self.exact:
            return 1.0
        return similarity(normalize(self.text), normalize(self.rendered))

    def data(self) -> list[dict[str, Any]]:
        """The ``sentences`` of a draft item, as a draft file writes them."""
        return [part.data() for part in self.parts]


def composition(text: str, matcher: Matcher, truncated: bool = False) -> Composition:
    """``text`` split into sentences, each matched against the sentence clauses. With
    ``truncated`` (the source stops inside the text), a last sentence whose clause
    prints the words it holds, and goes on, counts as that clause."""
    sentences = split(text)
    parts = []
    for index, sentence in enumerate(sentences):
        match = _match(matcher, sentence)
        last = index == len(sentences) - 1
        cut = False
        if match is not None and match.exact and not _same_end(match.rendered, sentence):
            match = replace(match, exact=False)  # "... and encouraged" is no sentence
        if (
            truncated
            and last
            and match is not None
            and not match.exact
            and begins(match.rendered, sentence)
            and _complete(matcher, match)
        ):
            match, cut = replace(match, exact=True), True
        parts.append(Composed(sentence, match, cut))
    return Composition(text, tuple(parts))


def read_composed(
    text: str, matcher: Matcher, item: Match | None, truncated: bool = False
) -> Composition | None:
    """``text`` read sentence by sentence, if no item clause reads it well (``item``, the
    nearest, is under :data:`WELL` alike) and that reads it better: at least one sentence
    is a sentence clause, and the sentences' clauses are as like the text as the item
    clause is (import and match use this)."""
    if item is not None and item.similarity >= WELL:
        return None  # one item clause, worded a little otherwise
    if not any(c.form == "sentence" for c in matcher.library.clauses.values()):
        return None
    composed = composition(text, matcher, truncated)
    if not composed.matched:
        return None
    if composed.exact or item is None or composed.similarity >= item.similarity:
        return composed
    return None


#: an item clause at least this like a paragraph reads it well: it is not composed
WELL = 0.85

#: a library with at most this many sentence clauses has each tried against a sentence
#: the index does not find a clause for (a frame of few fixed words shares few word
#: pairs with its sentence)
TRY_ALL = 200


def _match(matcher: Matcher, sentence: str) -> Match | None:
    """The sentence clause that reads ``sentence``: the index's candidates first."""
    match = matcher.match(sentence, form="sentence")
    if match is not None and match.exact:
        return match
    ids = [cid for cid, c in matcher.library.clauses.items() if c.form == "sentence"]
    if len(ids) <= TRY_ALL:
        for clause_id in ids:
            found = matcher.exact(clause_id, sentence)
            if found is not None:
                return found
    return match


def compose(text: str, library: Library, draft: Draft) -> list[Sentence]:
    """``text`` as the sentences of a draft item: each sentence that a sentence clause
    reproduces word for word is that clause with the values read back, any other is
    free text."""
    return composition(text, Matcher(library, draft)).sentences


def sentence_data(sentence: Sentence) -> dict[str, Any]:
    """A sentence as a draft file writes it, keys in the usual order and left out where
    empty (for a session's ``insert``/``replace`` of a ``sentences`` item)."""
    dumped = sentence.model_dump(mode="json", exclude_defaults=True)
    keys = ("clause", "variant", "values", "text", "note")
    return {key: dumped[key] for key in keys if key in dumped}


def begins(rendered: str, text: str) -> bool:
    """Whether ``rendered`` begins with the words of ``text``, a text cut off (perhaps
    inside its last word); at least five words, so a fragment does not pass for any
    clause."""
    return words_begin(_words(rendered), _words(text), least=5)


def words_begin(ours: list[str], theirs: list[str], least: int) -> bool:
    """Whether the words ``ours`` begin with ``theirs`` (at least ``least`` of them), the
    last of which may be cut off inside the word."""
    n = len(theirs)
    return (
        n >= least
        and len(ours) >= n
        and ours[: n - 1] == theirs[: n - 1]
        and ours[n - 1].startswith(theirs[n - 1])
    )


def _same_end(rendered: str, text: str) -> bool:
    """Whether a sentence ends with the punctuation its clause prints (matching leaves
    the final full stop of an item aside: assembly punctuates items, not sentences)."""
    return rendered.rstrip()[-1:] == text.rstrip()[-1:]


def _words(text: str) -> list[str]:
    return re.sub(r"[^\w\s]", "", text).split()


def _complete(matcher: Matcher, match: Match) -> bool:
    """Whether the match gives every parameter its clause needs."""
    clause = matcher.library.clauses.get(match.clause)
    if clause is None:
        return False
    return all(
        p.default is not None or name in match.values or name in matcher.scope
        for name, p in clause.params.items()
    )
