"""Template inversion: a template rendered with a marker for every unknown becomes a
regular expression that reads the unknowns' values back out of a printed text.

A template's unknowns are its parameters (or, for the opening paragraph, the
situation's names). Markers cannot stand in everywhere: a choice is compared with
``==``, a yes/no and an optional text are tested with ``{% if %}``, a list is counted.
So each unknown has *states* — every choice, both yes/no values, a list of one or of two
markers, an empty optional text next to its marker — and a template has one *form* per
combination of states. Forms are enumerated up to :data:`MAX_FORMS` per template;
above that, :func:`best_form` builds one form per text by changing one unknown at a
time towards the text (coordinate search), which needs a few renders per unknown
instead of the product of all states.

Reading is only half of it: :mod:`wgdraft.matching` renders the template again with
the values read back, the way assembly does, and calls a match exact only if that
reproduces the text.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .assemble import Placeholder
from .dates import parse_date, parse_month
from .models import Locale, Param
from .paramtypes import TYPES
from .templating import normalize_space

#: Forms enumerated per template; above this the coordinate search builds one per text.
MAX_FORMS = 256

_OPEN, _CLOSE = "\u27e6", "\u27e7"  # ⟦name⟧: never in a UN text
_MARKER = re.compile(f"{_OPEN}([^{_CLOSE}]+){_CLOSE}")
_WORD = re.compile(r"\w+", re.UNICODE)


def marker(key: str) -> Placeholder:
    """The stand-in printed for unknown ``key`` ("parties#1" for a list's second name)."""
    return Placeholder(f"{_OPEN}{key}{_CLOSE}")


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``: what the index and the similarity compare."""
    return _WORD.findall(text.lower())


def literal(text: str) -> str:
    """A rendered form without its markers."""
    return normalize_space(_MARKER.sub(" ", text))


def shingles(text: str) -> set[tuple[str, str]]:
    """The word pairs of ``text``; for a form, of its literal words, no pair spanning a
    marker (the words either side of a value are not next to each other)."""
    out: set[tuple[str, str]] = set()
    for part in _MARKER.split(text)[::2]:
        w = words(part)
        out |= set(itertools.pairwise(w)) or {(x, "") for x in w}
    return out


# --- unknowns and their states ------------------------------------------------------


@dataclass(frozen=True)
class Unknown:
    """One name whose value a text tells: a parameter, or a situation field."""

    key: str
    kind: str  # a parameter type name: text, names, date, month, number, choice, ...
    states: tuple[Any, ...]  # what the template is rendered with; the first is preferred


def param_unknown(name: str, param: Param) -> Unknown:
    """A parameter as an unknown, its preferred (default) state first."""
    kind = param.type.name
    default = param.default
    states: list[Any]
    if kind == "choice":
        choices = list(param.choices or [])
        states = sorted(choices, key=lambda c: c != default)
    elif kind == "yesno":
        states = [bool(default), not bool(default)]
    elif kind == "names":
        states = [[marker(f"{name}#0")], [marker(f"{name}#0"), marker(f"{name}#1")]]
        # an empty list is always a value (a situation without named parties)
        states.insert(0 if default is not None and not default else 2, [])
    else:
        states = [marker(name)]
        if default is not None and not default:
            states.insert(0, default)  # "" or 0: the optional part left out
    return Unknown(name, kind, tuple(states))


def combinations(
    unknowns: Sequence[Unknown], limit: int = MAX_FORMS
) -> list[dict[str, Any]] | None:
    """Every combination of the unknowns' states, or None if there are over ``limit``."""
    count = 1
    for u in unknowns:
        count *= len(u.states)
    if count > limit:
        return None
    keys = [u.key for u in unknowns]
    return [
        dict(zip(keys, combo, strict=True))
        for combo in itertools.product(*(u.states for u in unknowns))
    ]


# --- forms ------------------------------------------------------------------------


@dataclass
class Form:
    """A template rendered with one combination of states."""

    states: dict[str, Any]
    text: str  # with markers
    _regex: tuple[re.Pattern[str], dict[str, str]] | None = field(default=None, repr=False)

    @property
    def shingles(self) -> set[tuple[str, str]]:
        return shingles(self.text)

    @property
    def shown(self) -> str:
        """As a preview shows it: each unknown as "[name]"."""
        return _MARKER.sub(lambda m: f"[{m[1].split('#')[0]}]", self.text)

    def regex(self) -> tuple[re.Pattern[str], dict[str, str]]:
        """The pattern reading the form's markers, and the marker key of each group."""
        if self._regex is None:
            self._regex = compile_form(self.text)
        return self._regex

    def read(self, text: str) -> dict[str, str] | None:
        """The raw text of each marker in ``text``, or None if it is not this form."""
        pattern, keys = self.regex()
        found = pattern.fullmatch(text)
        if found is None:
            return None
        return {keys[g]: v for g, v in found.groupdict().items() if v is not None}


def compile_form(text: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """``text``'s literal parts escaped, each marker a group; the same marker again is a
    back-reference. A list's first name is greedy, so "A, B and C" splits at the last
    conjunction; the rest are lazy."""
    parts: list[str] = []
    groups: dict[str, str] = {}  # key -> group name
    position = 0
    for found in _MARKER.finditer(text):
        parts.append(_escape(text[position : found.start()]))
        key = found[1]
        if key in groups:
            parts.append(f"(?P={groups[key]})")
        else:
            groups[key] = f"g{len(groups)}"
            quantifier = "+" if key.endswith("#0") else "+?"
            parts.append(f"(?P<{groups[key]}>.{quantifier})")
        position = found.end()
    parts.append(_escape(text[position:]))
    return re.compile("".join(parts), re.DOTALL), {g: k for k, g in groups.items()}


def _escape(text: str) -> str:
    return re.escape(text)


def render_forms(
    render: Callable[[dict[str, Any]], str | None], combos: Iterable[dict[str, Any]]
) -> list[Form]:
    """The forms of the combinations that render, each distinct text once."""
    seen: set[str] = set()
    out = []
    for states in combos:
        text = render(states)
        if text is None or text in seen:
            continue
        seen.add(text)
        out.append(Form(states, text))
    return out


def best_form(
    render: Callable[[dict[str, Any]], str | None],
    unknowns: Sequence[Unknown],
    text: str,
    score: Callable[[str, str], float],
    passes: int = 2,
    plausible: Callable[[dict[str, str]], bool] = lambda raw: True,
) -> Form | None:
    """Coordinate search for a template with too many forms: start from every unknown's
    preferred state and change one unknown at a time to the state whose form is most
    like ``text`` (ties keep the earlier state); ``passes`` rounds. A form that reads
    the text outright scores above any other (an optional part whose wording is all
    markers, "({{ note }})", adds no words to compare); of two that read it, the one
    whose own wording covers more of it (its values hold less of the text). A read
    whose values are not ``plausible`` does not count as one."""

    def score_of(rendered: str) -> float:
        raw = Form({}, rendered).read(text)
        if raw is not None and plausible(raw):
            return 2.0 + len(literal(rendered)) / max(len(text), 1)
        return score(literal(rendered), text)

    states = {u.key: u.states[0] for u in unknowns}
    best_text = render(states)
    best = score_of(best_text) if best_text is not None else -1.0
    for _ in range(passes):
        changed = False
        for u in unknowns:
            for state in u.states:
                if state is states[u.key] or state == states[u.key]:
                    continue
                trial = states | {u.key: state}
                rendered = render(trial)
                if rendered is None:
                    continue
                value = score_of(rendered)
                if value > best:
                    states, best_text, best, changed = trial, rendered, value, True
        if not changed:
            break
    return Form(states, best_text) if best_text is not None else None


# --- typing what was read -------------------------------------------------------------


def split_names(text: str, locale: Locale) -> list[str]:
    """ "A, B and C" as the names A, B and C, split on the locale's list words."""
    parts = [text]
    for separator in (locale.list_last, locale.list_separator):
        parts = [p for part in parts for p in part.split(separator)]
    return [p.strip() for p in parts if p.strip()]


def split_leading(text: str, locale: Locale) -> list[str]:
    """The names before a list's last conjunction ("A, B" of "A, B and C"): joined
    with the locale's separator only."""
    return [p.strip() for p in text.split(locale.list_separator) if p.strip()]


def typed(kind: str, raw: str, locale: Locale, choices: Sequence[str] | None = None) -> Any:
    """The YAML value of a parameter of type ``kind`` printed as ``raw``; raises
    ValueError if ``raw`` cannot be one."""
    raw = normalize_space(raw)
    if kind == "date":
        try:
            return parse_date(raw).isoformat()
        except ValueError:  # printed as its month only: the first of the month
            return parse_month(raw).first_day.isoformat()
    if kind == "month":
        return parse_month(raw).isoformat()
    if kind == "number":
        if raw in locale.numbers:
            return locale.numbers.index(raw)
        digits = raw.replace(locale.thousands_separator, "") if locale.thousands_separator else raw
        if not digits.isdigit():
            raise ValueError(f"{raw!r} is not a number")
        return int(digits)
    if kind == "names":
        return split_names(raw, locale)
    kind_type = TYPES.get(kind)
    return kind_type.stored(kind_type.coerce(raw, choices)) if kind_type else raw


def read_values(
    form: Form, raw: dict[str, str], unknowns: Sequence[Unknown], locale: Locale
) -> dict[str, Any] | None:
    """The YAML values the form and the text it read give, or None if one of the raw
    texts cannot be its unknown's type (a date that is no date)."""
    values: dict[str, Any] = {}
    for u in unknowns:
        state = form.states[u.key]
        try:
            if u.kind == "names":
                names: list[str] = []
                for position, element in enumerate(state):
                    key = _MARKER.fullmatch(element)
                    piece = raw.get(key[1]) if key else None
                    if piece is None:
                        return None
                    # a list of one is one name; of two, the first part holds the
                    # names before the last conjunction, which the form itself prints
                    last = position == len(state) - 1
                    names += [normalize_space(piece)] if last else split_leading(piece, locale)
                values[u.key] = names
            elif isinstance(state, Placeholder) and _MARKER.fullmatch(state):
                if u.key not in raw:  # the template did not print it
                    continue
                values[u.key] = typed(u.kind, raw[u.key], locale)
            else:
                values[u.key] = state
        except ValueError:
            return None
    return values


__all__ = [
    "MAX_FORMS",
    "Form",
    "Unknown",
    "best_form",
    "combinations",
    "compile_form",
    "literal",
    "marker",
    "param_unknown",
    "read_values",
    "render_forms",
    "shingles",
    "split_names",
    "typed",
    "words",
]
