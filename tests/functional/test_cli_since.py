"""`wgdraft clauses --since YEAR`: only clauses agreed that year or later."""

from __future__ import annotations

from tests.conftest import Cli


def test_clauses_since_hides_clauses_last_agreed_before(cli: Cli) -> None:
    everything = cli("clauses")
    recent = cli("clauses", "--since", "2024", "--precedents")
    assert everything.code == recent.code == 0
    all_ids = [line.split()[0] for line in everything.out.splitlines()]
    recent_ids = [line.split()[0] for line in recent.out.splitlines() if not line.startswith(" ")]
    assert "condemnation.all-violations" in recent_ids  # CAR 2024
    assert "sanctions.consider-designations" in all_ids  # Mali 2023 only
    assert "sanctions.consider-designations" not in recent_ids
    assert 0 < len(recent_ids) < len(all_ids)
    # each clause kept shows the years of its precedents, one of them 2024 or later
    assert "(S/AC.51/2024/5), paragraph 1 [2024]" in recent.out
    assert f"{len(recent_ids)} clause(s)" in recent.err
