"""What a clause's precedents tell a drafter choosing among its forms: the year each was
agreed, which variant it used, and so which form was agreed most recently."""

from __future__ import annotations

import re

from .models import Clause, Precedent

# S/AC.51/2023/3: the Working Group's symbol carries the year of adoption
_SYMBOL_YEAR = re.compile(r"^S/AC\.51/((?:19|20)\d\d)/")
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# "Variant in-country: ...", "variant reminding, ...", "(..., variant in-country, ...)"
_VARIANT = re.compile(r"\bvariant\s+([a-z0-9][a-z0-9-]*)", re.IGNORECASE)


def precedent_year(precedent: Precedent) -> int | None:
    """The year ``precedent`` was agreed: from its symbol, else the first year in its
    document title, else in its note; None when none of them names one."""
    if precedent.symbol and (found := _SYMBOL_YEAR.match(precedent.symbol)):
        return int(found.group(1))
    for text in (precedent.document, precedent.note or ""):
        if found := _YEAR.search(text):
            return int(found.group(1))
    return None


def precedent_variant(clause: Clause, precedent: Precedent) -> str | None:
    """The variant of ``clause`` that ``precedent`` used, as its note names it ("Variant
    in-country ..."); None for the body (a note naming no variant of the clause)."""
    for found in _VARIANT.finditer(precedent.note or ""):
        name = found.group(1).rstrip("-").lower()
        if name in clause.variants:
            return name
    return None


def latest_year(clause: Clause) -> int | None:
    """The year of the clause's most recent precedent (None for new wording)."""
    years = [y for p in clause.precedents if (y := precedent_year(p)) is not None]
    return max(years, default=None)


def variant_years(clause: Clause) -> dict[str | None, list[int]]:
    """For the body (None) and each variant, the years of the precedents that used it,
    ascending; a form no dated precedent used has an empty list."""
    years: dict[str | None, list[int]] = {None: [], **{name: [] for name in clause.variants}}
    for precedent in clause.precedents:
        year = precedent_year(precedent)
        if year is not None:
            years[precedent_variant(clause, precedent)].append(year)
    return {form: sorted(found) for form, found in years.items()}


def forms_by_recency(clause: Clause) -> list[tuple[str | None, int | None]]:
    """The body (None) and the variants of ``clause`` with the latest year a precedent used
    each, most recently agreed first; forms never used come last, in file order."""
    years = variant_years(clause)
    forms = [(form, max(found, default=None)) for form, found in years.items()]
    order = {form: i for i, form in enumerate(years)}
    return sorted(forms, key=lambda f: (f[1] is None, -(f[1] or 0), order[f[0]]))
