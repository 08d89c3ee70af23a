"""The bundled library: coverage of the families, no Mali leaking into reusable clauses,
and the Mali example's labels matching the reference (issue 3)."""

from __future__ import annotations

import re

import pytest

from tests.conftest import EXAMPLES, ROOT, Cli
from wgdraft.assemble import preview_clause
from wgdraft.drafts import build_document, sample_draft
from wgdraft.library import Library

REFERENCE = ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt"

#: Names that belong to the Mali situation; a reusable clause must take them as values.
MALI_NAMES = (
    "Mali", "Malian", "Bamako", "Gao", "Kayes", "Koulikoro", "Mopti", "Ségou", "Sikasso",
    "MINUSMA", "Azawad", "CMA", "MNLA", "JNIM", "Ansar Eddine", "Platform coalition",
    "G5 Sahel", "Group of Five for the Sahel", "Sahel", "519,300", "fourfold",
    "13 July 2012", "Truth, Justice and Reconciliation Commission",
    "Agreement on Peace and Reconciliation",
)  # fmt: skip


def test_every_family_has_a_clause(library: Library) -> None:
    used = {clause.family for clause in library.clauses.values()}
    assert sorted(set(library.templates.families) - used) == []


def test_clauses_command_lists_precedents_for_each_family(cli: Cli, library: Library) -> None:
    for family in library.templates.families:
        result = cli("clauses", "--family", family, "--precedents")
        assert result.code == 0
        assert re.search(r"^    - .+", result.out, re.MULTILINE), family


def _renderings(library: Library):  # type: ignore[no-untyped-def]
    draft = sample_draft(library)
    for clause_id, clause in library.clauses.items():
        for variant in (None, *clause.variants):
            yield clause_id, variant, preview_clause(library, clause_id, draft, variant=variant)


def test_no_clause_leaks_mali_into_another_situation(library: Library) -> None:
    leaks = []
    for clause_id, variant, text in _renderings(library):
        for name in MALI_NAMES:
            if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                leaks.append(f"{clause_id} [{variant or 'body'}]: {name!r}")
    assert leaks == []
    assert "Ruritania" in next(text for _, _, text in _renderings(library) if "Ruritania" in text)


def test_the_leak_check_can_fail(library: Library) -> None:
    draft = sample_draft(library)
    clause_id = "condemnation.all-violations"
    text = preview_clause(library, clause_id, draft, values={"trend": "as in Mali"})
    assert re.search(r"(?<!\w)Mali(?!\w)", text)


def _reference_labels() -> list[str]:
    """Labels of the reference: '1', ..., '4 (a)', ..., '11 (a) (iv)'."""
    labels: list[str] = []
    paragraph, last_letter, last_roman = 0, "", 0
    romans = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
    for line in REFERENCE.read_text(encoding="utf-8").splitlines():
        number = re.match(r"^(\d+)\. ", line)
        marker = re.match(r"^ \(([a-z]+)\) ", line)
        if number and int(number.group(1)) == paragraph + 1:
            paragraph, last_letter, last_roman = paragraph + 1, "", 0
            labels.append(str(paragraph))
        elif marker and paragraph:
            value = marker.group(1)
            next_letter = chr(ord(last_letter) + 1) if last_letter else "a"
            if value == next_letter:
                last_letter, last_roman = value, 0
                labels.append(f"{paragraph} ({value})")
            elif value == romans[last_roman]:
                last_roman += 1
                labels.append(f"{paragraph} ({last_letter}) ({value})")
    return labels


def test_mali_labels_match_the_reference(library: Library) -> None:
    expected = _reference_labels()
    assert expected[:2] == ["1", "2"] and "11 (a) (vi)" in expected and "4 (o)" in expected
    assert len([label for label in expected if " " not in label]) == 11
    assert build_document(EXAMPLES / "mali-2023.yaml", library).labels() == expected


@pytest.mark.parametrize("draft", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_every_example_passes_check(cli: Cli, draft: str) -> None:
    result = cli("check", EXAMPLES / draft)
    assert result.code == 0, result.err
