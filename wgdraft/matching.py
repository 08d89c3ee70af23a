"""Matching printed text back to the clause library: which clause and variant an item
is, with which parameter values, and whether that reproduces it exactly.

Candidates come from an inverted index of word pairs of each clause's wording (its
templates with the template tags taken out), so a text is compared with a few clauses,
not all. Each candidate's forms (:mod:`wgdraft.inversion`) are tried, the most alike
first; the values a form reads are typed by the parameter types and the clause is
rendered again with them the way assembly does. Only when that reproduces the text
(the item's final ";" or "." and white space aside) is the match exact.

:func:`similarity` is the one measure of likeness (word level) used everywhere.
:func:`read_situation` inverts the framing subtitle and the opening clause with the
situation's names as the unknowns.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import cached_property
from math import log
from typing import Any

from .assemble import Placeholder, _Assembler, _template_value
from .dates import parse_date
from .errors import WgdraftError
from .inversion import (
    MAX_FORMS,
    Form,
    Unknown,
    best_form,
    combinations,
    compile_form,
    literal,
    marker,
    param_unknown,
    read_values,
    render_forms,
    shingles,
    typed,
    words,
)
from .library import Library
from .models import STATEMENT_LEAD_FORMS, Channel, Clause, ClauseForm, Draft, Meeting, Param
from .templatesource import field_text
from .templating import join_and, normalize_space, render, wording
from .values import pick

#: Clauses whose forms are tried for one text, the best by the index first.
CANDIDATES = 6
#: Forms of one template tried against a text, the most alike first.
FORMS_TRIED = MAX_FORMS
#: Situation fields read from the title and paragraph 1 (dotted names).
SITUATION_FIELDS = (
    "country",
    "meeting.date",
    "meeting.kind",
    "meeting.number",
    "report.ordinal",
    "report.symbol",
    "report.period_start",
    "report.period_end",
    "report.introduced_by",
    "representative",
)

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


@dataclass(frozen=True)
class Match:
    """A text read as a clause and variant with the parameter values read back."""

    clause: str
    variant: str | None
    #: YAML-ready; only those the situation, the draft's values or the default do not give
    values: dict[str, Any]
    exact: bool
    similarity: float
    #: the clause rendered with ``values`` (what ``exact`` compares)
    rendered: str


@dataclass(frozen=True)
class ChannelMatch:
    """A block's introductory formula read as a channel with its values."""

    channel: str
    values: dict[str, Any]
    exact: bool
    similarity: float
    rendered: str


@dataclass
class SituationRead:
    """What the title and paragraph 1 of an adopted text say about the situation."""

    situation: dict[str, Any]
    document: dict[str, Any]
    opening: Match | None
    fields: set[str] = field(default_factory=set)


def similarity(a: str, b: str) -> float:
    """Word-level similarity of two texts, 0..1: twice the words in common (in order)
    over all the words, as difflib's ratio; case and punctuation count as they print."""
    wa, wb = a.split(), b.split()
    if not wa and not wb:
        return 1.0
    return SequenceMatcher(None, wa, wb, autojunk=False).ratio()


def normalize(text: str) -> str:
    """A text as matching compares it: white space folded, the final ";" or "." that
    item punctuation adds taken off (or "," that ends the items of the oldest
    statements, whose paragraphs run on as one sentence)."""
    return normalize_space(text).rstrip(";.,").rstrip()


# --- templates as inversion targets --------------------------------------------------


@dataclass
class _Target:
    """One template of a clause (its body or a variant) or of a channel (its intro)."""

    owner: Clause | Channel
    variant: str | None
    field: tuple[str, ...]
    unknowns: tuple[Unknown, ...]
    forms: list[Form] | None = None  # None: over MAX_FORMS, built per text

    @property
    def source(self) -> str:
        return field_text(self.owner, self.field)


def _targets(clause: Clause) -> list[_Target]:
    """The body and each variant, with the parameters its template's tags name as unknowns
    (and those without a default, which every use must give): a parameter only other
    variants print would multiply its forms without changing one."""

    def target(variant: str | None, field: tuple[str, ...]) -> _Target:
        tags = " ".join(_TAG.findall(field_text(clause, field)))
        unknowns = tuple(
            param_unknown(n, p)
            for n, p in clause.params.items()
            if p.default is None or re.search(rf"\b{re.escape(n)}\b", tags)
        )
        return _Target(clause, variant, field, unknowns)

    out = [target(None, ("body",))]
    out += [target(v, ("variants", v)) for v in clause.variants]
    return out


class _Index:
    """Word pairs of each clause's wording -> the clauses, weighted by rarity."""

    def __init__(self, texts: dict[str, str]) -> None:
        postings: dict[tuple[str, str], list[str]] = defaultdict(list)
        for key, text in texts.items():
            for pair in shingles(_TAG.sub(" ", text)):
                postings[pair].append(key)
        count = max(len(texts), 1)
        common = max(50, count // 10)  # pairs in more clauses than this tell nothing
        self.postings = {p: keys for p, keys in postings.items() if len(keys) <= common}
        self.weight = {p: log(1 + count / len(keys)) for p, keys in self.postings.items()}

    def lookup(self, text: str, limit: int) -> list[str]:
        """The keys sharing the most (rarest) word pairs with ``text``, best first."""
        scores: dict[str, float] = defaultdict(float)
        for pair in shingles(text):
            keys = self.postings.get(pair)
            if keys:
                w = self.weight[pair]
                for key in keys:
                    scores[key] += w
        return sorted(scores, key=lambda k: -scores[k])[:limit]


class Matcher:
    """Matches item texts against a library, with a draft's situation and values as the
    context every clause is rendered in. Forms are built lazily, once per template."""

    def __init__(self, library: Library, draft: Draft) -> None:
        self.library = library
        self.draft = draft
        self.assembler = _Assembler(draft, library, None)
        self.locale = self.assembler.locale
        self.base = self.assembler.base
        #: the draft's values; within a block, the block's over them (:meth:`within`)
        self.scope = dict(self.assembler.draft.values)
        self._targets: dict[str, list[_Target]] = {}

    @property
    def _scope(self) -> dict[str, Any]:
        return self.scope | self._block

    _block: dict[str, Any] = {}  # noqa: RUF012  (never changed in place; see within)

    @contextmanager
    def within(self, block_values: Mapping[str, Any]) -> Iterator[Matcher]:
        """Match the items of a block whose values are ``block_values`` (a sanctions
        letter's committee): values the block gives are left out of a match's values,
        as assembly takes them from the block."""
        outer = self._block
        self._block = dict(block_values)
        try:
            yield self
        finally:
            self._block = outer

    @cached_property
    def index(self) -> _Index:
        """The item clauses' index."""
        return self._index("item")

    @cached_property
    def sentence_index(self) -> _Index:
        """The sentence clauses' index (see :mod:`wgdraft.sentences`)."""
        return self._index("sentence")

    def _index(self, form: str) -> _Index:
        clauses = self.library.clauses.items()
        return _Index(
            {cid: " ".join([c.body, *c.variants.values()]) for cid, c in clauses if c.form == form}
        )

    def targets(self, clause_id: str) -> list[_Target]:
        if clause_id not in self._targets:
            self._targets[clause_id] = _targets(self.library.clauses[clause_id])
        return self._targets[clause_id]

    @cached_property
    def channel_targets(self) -> list[_Target]:
        return [
            _Target(ch, None, ("intro",), tuple(param_unknown(n, p) for n, p in ch.params.items()))
            for ch in self.library.templates.channels.values()
        ]

    # --- rendering --------------------------------------------------------------------

    def _render_states(self, target: _Target) -> Callable[[dict[str, Any]], str | None]:
        source = target.source
        base = self.base

        def rendered(states: dict[str, Any]) -> str | None:
            try:
                return normalize(render(source, base | states, self.locale))
            except Exception:  # a state the template cannot take (a marker compared)
                return None

        return rendered

    def _forms(self, target: _Target, text: str) -> list[Form]:
        """The target's forms, the most like ``text`` first."""
        if target.forms is None:
            combos = combinations(target.unknowns, MAX_FORMS)
            if combos is None:
                form = best_form(self._render_states(target), target.unknowns, text, similarity)
                return [form] if form else []
            target.forms = render_forms(self._render_states(target), combos)
        pairs = shingles(text)
        # most word pairs in common first; of equals, the one whose own wording is
        # longest (its values hold the least of the text)
        ranked = sorted(
            target.forms, key=lambda f: (-len(pairs & _form_pairs(f)), -_literal_size(f))
        )
        return ranked[:FORMS_TRIED]

    def _params(self, target: _Target) -> dict[str, Param]:
        return target.owner.params

    def _own(self, target: _Target, values: dict[str, Any]) -> dict[str, Any]:
        """``values`` without those the draft's values, the situation or the default
        give (printed the same)."""
        own = {}
        prefill = self.assembler.prefill
        with wording(self.locale):
            for name, value in values.items():
                param = self._params(target)[name]
                found = pick(name, param, {}, self._scope, prefill)
                if found is None or not _same(param, found.value, value):
                    own[name] = value
        return own

    def render(self, target: _Target, values: dict[str, Any], placeholders: bool = False) -> str:
        """The target's template rendered with ``values`` as assembly renders it (the
        draft's values, the situation and the defaults supply the rest); with
        ``placeholders``, a parameter nothing supplies shows as "[name]"."""
        assembler = self.assembler
        assembler.problems = []
        assembler.placeholders = placeholders
        owner = f"{type(target.owner).__name__.lower()} {target.owner.id!r}"
        with wording(self.locale):
            resolved = assembler.resolve(self._params(target), values, self._scope, (), owner)
            if resolved is None:
                return ""
            text = assembler.template(target.owner, target.field, self.base | resolved, owner, ())
        assembler.placeholders = False
        return "" if assembler.problems else text

    # --- inversion ----------------------------------------------------------------------

    def _invert(self, target: _Target, text: str) -> tuple[dict[str, Any], str] | None:
        """The target's values read from ``text`` (normalized) and its rendering, if
        rendering them reproduces the text. Of several forms that do, the likeliest
        reading (:func:`_reading_rank`): "A, B and C" is one list, not "A, B" and an
        optional text "C"."""
        best: tuple[tuple[int, int, int, int], dict[str, Any], str] | None = None
        for form in self._forms(target, text):
            raw = form.read(text)
            if raw is None:
                continue
            values = read_values(form, raw, target.unknowns, self.locale)
            if values is None:
                continue
            rank = _reading_rank(form, raw)
            if best is not None and rank >= best[0]:
                continue
            own = self._own(target, values)
            rendered = self.render(target, own)
            if normalize(rendered) == text:
                best = (rank, own, rendered)
        return (best[1], best[2]) if best is not None else None

    def _approximate(
        self, target: _Target, text: str, floor: float = 0.0
    ) -> tuple[dict[str, Any], str, float]:
        """For a text no form reproduces: of the forms most like it, the one that, with
        the values read where its wording around them is found, renders most like it;
        its values, rendering (placeholders for what is missing) and similarity. A
        rendering whose words in common with the text (in any order) cannot beat
        ``floor`` or the best so far is not compared word by word. A rendering that
        begins with the whole text (a text cut off) is preferred to any that does not."""
        best: tuple[dict[str, Any], str, float] = ({}, "", 0.0)
        prefix = False  # whether the best so far begins with the text
        forms = self._forms(target, text)
        for form, raw in [*_prefix_reads(forms, text), *((f, None) for f in forms[:3])]:
            if raw is None:
                raw = _fuzzy_read(form.text, text)
            values: dict[str, Any] = {}
            for u in target.unknowns:
                got = read_values(form, raw, (u,), self.locale)
                if got and u.key in got:
                    values[u.key] = got[u.key]
                elif not _is_read(form, u.key):
                    values[u.key] = form.states[u.key]
            own = self._own(target, values)
            rendered = self.render(target, own, placeholders=True)
            if not rendered:  # a value read that the clause does not take
                fixed = {k: v for k, v in values.items() if not _is_read(form, k)}
                own = self._own(target, fixed)
                rendered = self.render(target, own, placeholders=True)
            begins = normalize(rendered).startswith(text)
            if prefix and not begins:
                continue
            if not begins and _bound(text, normalize(rendered)) <= max(best[2], floor):
                continue
            score = similarity(text, normalize(rendered))
            if score > best[2] or (begins and not prefix):
                best, prefix = (own, rendered, score), begins
        return best

    def match_clause(
        self, clause_id: str, text: str, variants: Sequence[str | None] | None = None
    ) -> Match | None:
        """``text`` inverted as clause ``clause_id`` (only ``variants`` if given, None
        being the body), exact if that reproduces it; else its nearest form."""
        norm = normalize(text)
        targets = [t for t in self.targets(clause_id) if variants is None or t.variant in variants]
        for target in targets:
            found = self._invert(target, norm)
            if found is not None:
                values, rendered = found
                return Match(clause_id, target.variant, values, True, 1.0, rendered)
        best: Match | None = None
        for target in targets:
            values, rendered, score = self._approximate(target, norm)
            if best is None or score > best.similarity:
                best = Match(clause_id, target.variant, values, False, score, rendered)
        return best

    def exact(self, clause_id: str, text: str) -> Match | None:
        """``text`` read as clause ``clause_id`` if one of its forms reproduces it."""
        norm = normalize(text)
        for target in self.targets(clause_id):
            found = self._invert(target, norm)
            if found is not None:
                return Match(clause_id, target.variant, found[0], True, 1.0, found[1])
        return None

    def match(self, text: str, form: ClauseForm = "item") -> Match | None:
        """The best clause and variant for ``text``: exact if rendering the values read
        back reproduces it (the item's final ";" or "." aside), else the nearest. Only
        clauses of ``form`` ("sentence": ``text`` is one sentence) are tried."""
        norm = normalize(text)
        index = self.sentence_index if form == "sentence" else self.index
        candidates = index.lookup(norm, CANDIDATES)
        for clause_id in candidates:
            for target in self.targets(clause_id):
                found = self._invert(target, norm)
                if found is not None:
                    values, rendered = found
                    return Match(clause_id, target.variant, values, True, 1.0, rendered)
        near = self._nearest(norm, candidates, 1)
        return near[0] if near else None

    def nearest(self, text: str, limit: int = 3, form: ClauseForm = "item") -> list[Match]:
        """The clauses of ``form`` closest to ``text`` by :func:`similarity`, best first."""
        norm = normalize(text)
        index = self.sentence_index if form == "sentence" else self.index
        return self._nearest(norm, index.lookup(norm, max(CANDIDATES, limit * 2)), limit)

    def _nearest(self, norm: str, candidates: Sequence[str], limit: int) -> list[Match]:
        out = []
        for clause_id in candidates:
            for target in self.targets(clause_id):
                found = self._invert(target, norm)
                if found is not None:
                    values, rendered = found
                    out.append(Match(clause_id, target.variant, values, True, 1.0, rendered))
                    continue
                values, rendered, score = self._approximate(target, norm, _kth(out, limit))
                if rendered:
                    out.append(Match(clause_id, target.variant, values, False, score, rendered))
        best: dict[str, Match] = {}
        for m in sorted(out, key=lambda m: (-m.exact, -m.similarity)):
            best.setdefault(m.clause, m)
        return list(best.values())[:limit]

    def match_channel(self, intro: str) -> ChannelMatch | None:
        """The channel whose introductory formula reads as ``intro``, with its values;
        exact if rendering them reproduces it."""
        norm = normalize_space(intro)
        best: ChannelMatch | None = None
        for target in self.channel_targets:
            found = self._invert(target, norm)
            if found is not None:
                values, rendered = found
                return ChannelMatch(target.owner.id, values, True, 1.0, rendered)
        for target in self.channel_targets:
            values, rendered, score = self._approximate(target, norm)
            if best is None or score > best.similarity:
                best = ChannelMatch(target.owner.id, values, False, score, rendered)
        return best

    def read_lead(self, lead: str, channel_id: str, meeting: Meeting | None = None) -> ChannelMatch:
        """The forms of a statement's ``lead`` (its ``STATEMENT_LEAD_FORMS`` block values:
        meeting named or not, "address" or "convey", ...) whose rendering comes nearest
        to it, without those the defaults give; ``meeting``: the one that agreed it.

        Each form changes its own words of the lead, so the forms are read one at a
        time (from the defaults, each form's choice that brings the rendering nearer,
        until none does; then pairs of them, for forms that print nearer only together)
        rather than rendering every combination of them. The names a lead may print
        (its text forms, the parties it addresses, the report's date and ordinal, the
        meeting's date) stand as slots, then are read back where the forms print them:
        the values gain "parties", "resolutions", "report.date", "report.ordinal",
        "meeting.number" and "meeting.date" (as printed, the year may lack) where the
        lead gives them."""
        params = self.library.templates.channels[channel_id].params
        names = sorted(n for n in STATEMENT_LEAD_FORMS if params[n].type.name in _LEAD_FORM_TYPES)
        yes_no: list[Any] = [True, False]
        options = {n: params[n].choices or yes_no for n in names}
        correspondence = self.assembler.correspondence
        target = normalize(normalize_space(lead))
        # the names first stand as slots (one word each), then as the lead gives them
        slots = {n: _slot(n) for n in (*_LEAD_NAMES, *(sorted(STATEMENT_LEAD_FORMS - set(names))))}
        named: dict[str, Any] = dict(slots)
        read_meeting = self.assembler.statement_context(self.base, meeting)["meeting"]
        named["meeting.date"] = Placeholder(slots["meeting.date"])

        def score(values: dict[str, Any]) -> tuple[float, str]:
            texts = {n: v for n, v in named.items() if n not in _LEAD_NAMES}
            context = self.base | texts | values
            context["report"] = context["report"] | {
                "date": named["report.date"],
                "ordinal": named["report.ordinal"],
            }
            context["parties"] = named["parties"]
            context["resolutions"] = named["resolutions"]
            context = self.assembler.statement_context(context, meeting)
            context["meeting"] = context["meeting"] | {"date": named["meeting.date"]}
            if named["meeting.number"] is not None:
                context["meeting"]["number"] = named["meeting.number"]
            rendered = self.assembler.template(correspondence, ("statement_lead",), context)
            return similarity(normalize(rendered), target), rendered

        moves = [(n, o) for n in names for o in options[n]]

        def search(values: dict[str, Any]) -> tuple[dict[str, Any], float, str]:
            best, rendered = score(values)
            improved = True
            while improved and best < 1.0:
                improved = False
                for name, option in moves:
                    if option == values[name]:
                        continue
                    tried = values | {name: option}
                    found, text = score(tried)
                    if found > best:
                        values, best, rendered, improved = tried, found, text, True
                if improved or best == 1.0:
                    continue
                # two forms that bring it nearer only together ("to all parties ..." and
                # the parties named after them)
                for (a, x), (b, y) in itertools.combinations(moves, 2):
                    if a == b or x == values[a] or y == values[b]:
                        continue
                    tried = values | {a: x, b: y}
                    found, text = score(tried)
                    if found > best:
                        values, best, rendered, improved = tried, found, text, True
            return values, best, rendered

        named["parties"] = [slots["parties"]]
        named["resolutions"] = [slots["resolutions"]]
        named["meeting.number"] = None  # the situation's while the forms are read
        values, best, rendered = search({n: params[n].default for n in names})
        # the meeting's number as a slot too, where the lead prints one in its place
        named["meeting.number"] = slots["meeting.number"]
        numbered = score(values)[1]
        named = self._lead_names([numbered, rendered], target, slots, params)
        printed = named["meeting.date"]  # as the lead prints it: the year may lack
        named["meeting.date"] = self._lead_date(printed, read_meeting["date"])
        values, best, rendered = search(values)
        for name in names:  # a form the others made moot keeps its default
            if values[name] != params[name].default:
                tried = values | {name: params[name].default}
                found, text = score(tried)
                if found >= best:
                    values, best, rendered = tried, found, text
        own = {n: v for n, v in values.items() if v != params[n].default}
        own |= {n: v for n, v in named.items() if n not in _LEAD_NAMES and v != params[n].default}
        if own.get("lead_parties") and named["parties"]:
            own["parties"] = named["parties"]
        if own.get("lead_resolutions") and named["resolutions"]:
            own["resolutions"] = named["resolutions"]
        if best == 1.0 and named["meeting.number"] not in (None, read_meeting.get("number")):
            own["meeting.number"] = named["meeting.number"]
        if own.get("lead_report_dated") and getattr(named["report.date"], "iso", None):
            own["report.date"] = dt.date.fromisoformat(named["report.date"].iso)
        if best == 1.0 and named["report.ordinal"] != self.base["report"].get("ordinal"):
            own["report.ordinal"] = named["report.ordinal"]
        if best == 1.0 and printed and named["meeting.date"] != read_meeting["date"]:
            own["meeting.date"] = printed
        return ChannelMatch(channel_id, own, best == 1.0, best, rendered)

    def _lead_date(self, printed: str | None, agreed: Any) -> Any:
        """The meeting's date a lead prints (``printed``, None where it was not read) as
        its template sees it: a date, the year of ``agreed`` (the meeting's date known)
        standing in where the lead gives the day and month only."""
        if printed is None:
            return agreed
        year = getattr(agreed, "year", None)
        for text in (printed, f"{printed} {year}"):
            with suppress(ValueError):
                return _template_value(parse_date(text), self.assembler.locale)
        return agreed

    def _lead_names(
        self,
        renderings: Sequence[str],
        target: str,
        slots: dict[str, str],
        params: Mapping[str, Param],
    ) -> dict[str, Any]:
        """The names a lead prints where a rendering (the lead with its slots; the
        first of ``renderings`` that reads all of ``target``) has a slot: read from
        ``target`` by the words around them, or, where none reads all of it (a slip of
        the source), each by the words next to it in the first rendering; a text form
        the lead does not print, or prints as its default would, stays at its default."""
        texts: dict[str, str] = {}
        for rendered in renderings:
            pattern = re.escape(normalize(rendered))
            for name, slot in slots.items():
                pattern = pattern.replace(re.escape(slot), f"(?P<{_group(name)}>.+?)", 1)
            found = re.fullmatch(pattern, target)
            if found is not None:
                texts = {n: found.group(_group(n)) for n in slots if _group(n) in found.groupdict()}
                break
        else:
            texts = _near_slots(normalize(renderings[0]), target, slots)
        out: dict[str, Any] = {n: params[n].default for n in slots if n not in _LEAD_NAMES}
        out["parties"] = list(self.base.get("parties") or [])
        out["resolutions"] = list(self.base.get("resolutions") or [])
        out["report.date"] = self.base["report"].get("date", "")
        out["meeting.date"] = None
        out["meeting.number"] = None
        out["report.ordinal"] = self.base["report"].get("ordinal", "")
        for name in slots:
            text = texts.get(name)
            if text is None:
                continue
            if name in ("parties", "resolutions"):
                out[name] = _split_names(text)
            elif name == "report.date":
                with suppress(ValueError):
                    out[name] = _template_value(parse_date(text), self.assembler.locale)
            elif name.startswith("meeting.") or text != str(self.base.get("country", "")):
                out[name] = text
        return out


#: the types of a lead's forms read by trying each choice; its other params are names
_LEAD_FORM_TYPES = frozenset({"choice", "yesno"})
#: values of the situation that a lead may print besides its forms
_LEAD_NAMES = (
    "parties",
    "resolutions",
    "report.date",
    "meeting.date",
    "meeting.number",
    "report.ordinal",
)
#: how many characters next to a slot find it in a lead the forms do not read exactly
_NEAR = 30


def _slot(name: str) -> str:
    """A one-word stand-in for a name while a lead's forms are read."""
    return "\u27e6" + name.replace(".", "-").replace("_", "-") + "\u27e7"


def _group(name: str) -> str:
    return name.replace(".", "_")


def _near_slots(rendered: str, target: str, slots: dict[str, str]) -> dict[str, str]:
    """What ``target`` holds in the place of each slot of ``rendered``, found by the
    words next to the slot (up to the slots beside it; without their outer spaces where
    the source runs words together), where the rest differs."""
    where = sorted((rendered.find(s), n, s) for n, s in slots.items() if s in rendered)
    out: dict[str, str] = {}
    for i, (at, name, slot) in enumerate(where):
        start = where[i - 1][0] + len(where[i - 1][2]) if i else 0
        end = where[i + 1][0] if i + 1 < len(where) else len(rendered)
        before = rendered[max(start, at - _NEAR) : at]
        after = rendered[at + len(slot) : min(end, at + len(slot) + _NEAR)]
        if not before.strip() or not after.strip():
            continue
        for left, right in (
            (before, after),
            (before.lstrip(), after.rstrip()),
            (before.strip(), after.strip()),
        ):
            # the nearest words before it: the text read holds no other copy of them
            found = re.search(
                f"{re.escape(left)}((?:(?!{re.escape(left)}).)+?){re.escape(right)}", target
            )
            if found is not None and found.group(1).strip():  # a slot stands for words
                out[name] = found.group(1).strip()
                break
    return out


def _split_names(text: str) -> list[str]:
    """ "A, B and C" as the names ``join_and`` prints so."""
    head, sep, last = text.rpartition(" and ")
    pieces = [*head.split(", "), last] if sep else text.split(", ")
    return [p.strip() for p in pieces if p.strip()]


def _bound(a: str, b: str) -> float:
    """An upper bound of :func:`similarity`: the words in common in any order."""
    wa, wb = Counter(a.split()), Counter(b.split())
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 1.0


def _kth(found: Sequence[Match], k: int) -> float:
    """The similarity the k-th best clause found so far has (0 if fewer)."""
    best: dict[str, float] = {}
    for m in found:
        best[m.clause] = max(best.get(m.clause, 0.0), m.similarity)
    scores = sorted(best.values(), reverse=True)
    return scores[k - 1] if len(scores) >= k else 0.0


def _form_pairs(form: Form) -> set[tuple[str, str]]:
    pairs = form.__dict__.get("_pairs")
    if pairs is None:
        pairs = form.__dict__["_pairs"] = shingles(form.text)
    return pairs


def _reading_rank(form: Form, raw: dict[str, str]) -> tuple[int, int, int, int]:
    """How unlikely a form's reading is (lower is likelier): values that hold a
    separator of the text (a ";" inside, a "," at the end) first; then the form's own
    words, most first; then the parameters read, fewest first (an optional text read
    whose wording is a comma: "A, B and C" is one list, not "A, B" and a text "C");
    then the form's own wording with its punctuation, longest first."""
    split = sum(1 for v in raw.values() if ";" in v or v.rstrip().endswith(","))
    own_words = form.__dict__.get("_words")
    if own_words is None:
        own_words = form.__dict__["_words"] = len(words(literal(form.text)))
    params = len({key.split("#")[0] for key in raw})
    return split, -int(own_words), params, -_literal_size(form)


def _literal_size(form: Form) -> int:
    size = form.__dict__.get("_size")
    if size is None:
        size = form.__dict__["_size"] = len(literal(form.text))
    return int(size)


def _is_read(form: Form, key: str) -> bool:
    state = form.states.get(key)
    return (isinstance(state, str) and state.startswith("\u27e6")) or isinstance(state, list)


def _same(param: Param, supplied: Any, value: Any) -> bool:
    """Whether a read value prints as the supplied one (a names list split otherwise
    than the situation's, "A, B" and "C", prints the same)."""
    try:
        a = param.type.coerce(supplied, param.choices)
        b = param.type.coerce(value, param.choices)
    except ValueError:
        return False
    if param.type.name == "names":
        return join_and(a) == join_and(b)
    return bool(a == b)


_FUZZY_CONTEXT = 40
#: forms read as the beginning of a cut-off text, at most
_PREFIX_READS = 2
_VALUE = re.compile("\u27e6[^\u27e7]+\u27e7")


def _prefix_reads(forms: Sequence[Form], text: str) -> list[tuple[Form, dict[str, str]]]:
    """Forms that ``text`` is the beginning of (a text cut off, perhaps inside its last
    word: "... to work with the Unite"), each with what it reads: the form cut after
    the text's last two words, where its own wording has them, or (a text cut off
    inside a value) after one of the first forms' values, read as a whole."""
    tail = " ".join(text.split()[-2:])
    found: list[tuple[Form, dict[str, str]]] = []

    def read(form: Form, cut: int) -> bool:
        pattern, keys = compile_form(form.text[:cut])
        got = pattern.fullmatch(text)
        if got is None:
            return False
        raw = {keys[g]: v for g, v in got.groupdict().items() if v}
        # a value that swallowed the form's wording after it is no cut-off value
        after = _VALUE.sub(" ", form.text[cut:])
        if got.lastindex and _holds_wording(got.group(got.lastindex), after, head=True):
            return False
        found.append((form, raw))
        return True

    for form in forms:
        at = form.text.find(tail)
        while at >= 0 and len(found) < _PREFIX_READS and not read(form, at + len(tail)):
            at = form.text.find(tail, at + 1)
    for form in forms[:3] if not found else ():
        # the last value first: the cut with the most of the form's wording before it
        for value in reversed(list(_VALUE.finditer(form.text))):
            if read(form, value.end()):
                break
    return found


def _fuzzy_read(form_text: str, text: str) -> dict[str, str]:
    """The raw text of each marker of ``form_text`` found in ``text`` between the
    wording around it, where that wording is found (shortened to a word if need be)
    — for a text that is not exactly the form. Markers with only spaces between
    (``{{ meeting.number }} {{ meeting.kind }}``) share a span: one word each, the
    last one the rest."""
    pieces = re.split("(\u27e6[^\u27e7]+\u27e7)", form_text)
    # pieces: literal, marker, literal, marker, ..., literal
    raw: dict[str, str] = {}
    position = 0
    i = 1
    while i < len(pieces):
        keys = [pieces[i][1:-1]]
        while i + 2 < len(pieces) and not pieces[i + 1].strip():
            i += 2
            keys.append(pieces[i][1:-1])
        left, right = pieces[i - 2 * len(keys) + 1], pieces[i + 1]
        start = _find(text, left, position, from_end=True)
        if start is None:
            i += 2
            continue
        end = _find(text, right, start, from_end=False) if right.strip() else len(text)
        if end is None or end <= start:
            i += 2
            continue
        # the left wording nearest the right: "The {{ representative }} also addressed"
        # in "... Conflict. The report was ... . The Permanent Representative ... also"
        start = _find_last(text, left, start, end) or start
        span = text[start:end].strip()
        parts = span.split(maxsplit=len(keys) - 1)
        if len(parts) == len(keys) and not _holds_wording(span, left):
            for key, part in zip(keys, parts, strict=True):
                raw.setdefault(key, part)
        position = end
        i += 2
    return raw


def _holds_wording(span: str, left: str, head: bool = False) -> bool:
    """Whether a span read as a value holds two words in a row of the last words of
    the form's wording before it: the wording was found too early, and the value
    swallowed what the text has instead ("examined a report" for "examined the
    {{ ordinal }} report"). With ``head``, of the first words of the wording after it."""
    w = left.split()[:10] if head else left.split()[-4:]
    pairs = set(itertools.pairwise(w))
    s = span.split()
    return bool(pairs & set(itertools.pairwise(s)))


def _find(text: str, context: str, position: int, *, from_end: bool) -> int | None:
    """Where the value next to ``context`` starts (after the left context) or ends
    (before the right context) in ``text`` from ``position``; the context is shortened
    to its nearest words when the whole is not found."""
    context = context.strip()
    if not context:
        return position
    trials = (
        [context[-_FUZZY_CONTEXT:], *_tail_words(context)]
        if from_end
        else [context[:_FUZZY_CONTEXT], *_head_words(context)]
    )
    for trial in trials:
        at = text.find(trial, position)
        if at >= 0:
            return at + len(trial) if from_end else at
    return None


def _find_last(text: str, context: str, start: int, end: int) -> int | None:
    """Where the value starts if the left ``context`` occurs again, later, before ``end``."""
    context = context.strip()
    if not context:
        return None
    for trial in [context[-_FUZZY_CONTEXT:], *_tail_words(context)]:
        at = text.rfind(trial, start, end)
        if at >= 0:
            return at + len(trial)
    return None


def _tail_words(text: str) -> list[str]:
    w = text.split()
    return [" ".join(w[-n:]) for n in (3, 2, 1) if len(w) >= n]


def _head_words(text: str) -> list[str]:
    w = text.split()
    return [" ".join(w[:n]) for n in (3, 2, 1) if len(w) >= n]


# --- the situation from the title and paragraph 1 -------------------------------------

#: the state of a situation field the draft leaves out (printed only where given)
_ABSENT = None
_OPTIONAL = ("meeting.number", "report.period", "representative")


def _situation_unknowns() -> list[Unknown]:
    out = [Unknown(k, "text", (marker(k),)) for k in ("country", "meeting.kind")]
    out += [
        Unknown("meeting.date", "date", (marker("meeting.date"),)),
        Unknown("meeting.number", "text", (_ABSENT, marker("meeting.number"))),
        Unknown("report.ordinal", "text", (marker("report.ordinal"),)),
        Unknown("report.symbol", "symbol", (marker("report.symbol"),)),
        Unknown("report.period", "date", (_ABSENT, marker("report.period"))),
        Unknown("report.introduced_by", "text", (marker("report.introduced_by"),)),
        Unknown("representative", "text", (_ABSENT, marker("representative"))),
    ]
    return out


def _situation_context(states: dict[str, Any]) -> dict[str, Any]:
    """The names templates see, the situation's as markers (those absent left out)."""
    meeting = {"date": states["meeting.date"], "kind": states["meeting.kind"]}
    if states.get("meeting.number") is not None:
        meeting["number"] = states["meeting.number"]
    report = {
        "ordinal": states["report.ordinal"],
        "symbol": states["report.symbol"],
        "introduced_by": states["report.introduced_by"],
    }
    if states.get("report.period") is not None:
        report["period_start"] = marker("report.period_start")
        report["period_end"] = marker("report.period_end")
    context: dict[str, Any] = {
        "country": states["country"],
        "government": marker("government"),
        "meeting": meeting,
        "report": report,
        "parties": [],
        "resolutions": [],
        "document": {},
    }
    if states.get("representative") is not None:
        context["representative"] = states["representative"]
    return context


_BOUNDARY = re.compile(r"[,;]\s|\.\s+[A-Z]")


def _plausible(raw: dict[str, str]) -> bool:
    """Whether the situation values read are names: none holds a clause or sentence
    boundary (", " or ". The"), as a value swallowing the wording around it does."""
    return all(not _BOUNDARY.search(v) for k, v in raw.items() if _situation_key(k))


def _situation_key(key: str) -> bool:
    return "." in key or key in ("country", "representative")


def _country(raw: str) -> dict[str, str]:
    """A country as printed in running text: a lower-case first word of several is its
    article ("the Sudan": name Sudan, article the)."""
    first, _, rest = raw.strip().partition(" ")
    if rest and first[:1].islower():
        return {"name": rest, "article": first}
    return {"name": raw.strip()}


def read_situation(
    library: Library,
    title: str | None,
    paragraph1: str | None,
    symbol: str | None = None,
    date: str | None = None,
) -> SituationRead:
    """The situation read from a text's title (the framing subtitle inverted) and
    paragraph 1 (the clause ``opening.meeting`` inverted with the situation's names as
    unknowns), and the document's symbol and date as printed in its masthead."""
    from .locales import bundled_locale

    locale = library.templates.locale("en") or bundled_locale()
    situation: dict[str, Any] = {}
    document: dict[str, Any] = {}
    fields: set[str] = set()
    if symbol:
        with suppress(ValueError):
            document["symbol"] = typed("symbol", symbol, locale)
    if date:
        with suppress(ValueError):
            document["date"] = parse_date(date).isoformat()
    fields |= {f"document.{k}" for k in document}

    raw: dict[str, str] = {}
    form: Form | None = None
    clause = library.clauses.get("opening.meeting")
    unknowns = _situation_unknowns()
    if paragraph1 and clause is not None:
        text = normalize(paragraph1)
        clause_unknowns = [param_unknown(n, p) for n, p in clause.params.items()]
        every = [*unknowns, *clause_unknowns]

        def rendered(states: dict[str, Any]) -> str | None:
            context = _situation_context(states) | {
                k: v for k, v in states.items() if "." not in k and k in clause.params
            }
            try:
                return normalize(render(clause.body, context, locale))
            except Exception:  # a state the template cannot take
                return None

        form = best_form(rendered, every, text, similarity, plausible=_plausible)
        if form is not None:
            raw = form.read(text) or {}
            if not raw or not _plausible(raw):
                form, raw = _nearest_read(form, rendered, text)
    if title:
        subtitle = library.templates.framing.subtitle
        with wording(locale):
            shape = render(subtitle, _situation_context(_first_states(unknowns)), locale)
        read = Form({}, normalize_space(shape)).read(normalize_space(title))
        if read and "country" in read:
            raw.setdefault("country", read["country"])
        elif "country" not in raw and title.strip():
            raw.setdefault("country", title.strip())  # a bare country name
    situation, fields = _situation_values(raw, locale, fields)
    opening = None
    if form is not None and paragraph1 and "meeting" in situation and "report" in situation:
        opening = _opening(library, situation, document, paragraph1)
    return SituationRead(situation, document, opening, fields)


def _nearest_read(
    form: Form, render_states: Callable[[dict[str, Any]], str | None], text: str
) -> tuple[Form, dict[str, str]]:
    """For a paragraph 1 that no form reads exactly (a sentence added, a word changed):
    the situation values found between the wording around them, in the form found or
    one with a single optional part (number, period, representative) the other way,
    whichever finds the most plausible values."""
    best, best_raw = form, _plausible_part(_fuzzy_read(form.text, text))
    for key in _OPTIONAL:
        states = form.states | {key: None if form.states.get(key) is not None else marker(key)}
        rendered = render_states(states)
        if rendered is None:
            continue
        raw = _plausible_part(_fuzzy_read(rendered, text))
        if len(raw) > len(best_raw):
            best, best_raw = Form(states, rendered), raw
    return best, best_raw


def _plausible_part(raw: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in raw.items() if _plausible({k: v})}


def _first_states(unknowns: list[Unknown]) -> dict[str, Any]:
    return {u.key: u.states[-1] for u in unknowns}


_DOCUMENT = re.compile(r"^documents?\s+")


def _situation_values(
    raw: dict[str, str], locale: Any, fields: set[str]
) -> tuple[dict[str, Any], set[str]]:
    situation: dict[str, Any] = {}
    fields = set(fields)
    kinds = {"meeting.date": "date", "report.symbol": "symbol"}
    kinds |= {"report.period_start": "date", "report.period_end": "date"}
    for key in SITUATION_FIELDS:
        if key not in raw or not raw[key].strip():
            continue
        text = raw[key]
        if key == "report.symbol":  # "(document S/2012/171)" in older leads
            text = _DOCUMENT.sub("", text)
        try:
            value: Any = typed(kinds.get(key, "text"), text, locale)
        except ValueError:
            continue
        if key == "country":
            value = _country(value)
        head, _, tail = key.partition(".")
        if tail:
            situation.setdefault(head, {})[tail] = value
        else:
            situation[head] = value
        fields.add(key)
    return situation, fields


def _opening(
    library: Library, situation: dict[str, Any], document: dict[str, Any], text: str
) -> Match | None:
    """Paragraph 1 as ``opening.meeting`` for the situation read."""
    try:
        draft = Draft.model_validate({"situation": situation, "document": document})
    except Exception:  # pydantic's ValidationError: what was read is not a situation
        return None
    try:
        return Matcher(library, draft).match_clause("opening.meeting", text)
    except WgdraftError:
        return None


__all__ = [
    "ChannelMatch",
    "Match",
    "Matcher",
    "SituationRead",
    "normalize",
    "read_situation",
    "similarity",
]
