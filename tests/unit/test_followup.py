"""Follow-up drafts: what they set, what they mark to review, and how a mark goes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MALI, ROOT
from wgdraft.drafts import load_draft
from wgdraft.followup import next_ordinal
from wgdraft.library import Library
from wgdraft.review import ReviewPoint
from wgdraft.session import DraftSession

ASSESSMENT = ("opening", 1)
ICC = ("blocks", 0, "items", 5)  # icc.referral: a referral date
SAFE_SCHOOLS = ("blocks", 0, "items", 12)  # children_deprived: 519300
TIME_BOUND = [
    "situation.report.symbol",
    "situation.report.period_start",
    "situation.report.period_end",
    "situation.meeting.date",
    "situation.resolutions",
    "document.date",
    "document.letters_date",
]


@pytest.fixture
def followup(library: Library, tmp_path: Path) -> DraftSession:
    return DraftSession.from_earlier(MALI, tmp_path / "mali-2025.yaml", library, {})


def _fields(session: DraftSession) -> list[str]:
    return [p.field for p in session.pending() if p.field is not None]


def _items(session: DraftSession) -> list[tuple[str | int, ...]]:
    return [p.ref for p in session.pending() if p.field is None]


def test_a_follow_up_sets_what_can_be_known(followup: DraftSession) -> None:
    draft = followup.draft()
    assert draft.situation.report.ordinal == "fifth"
    assert followup.followup is not None and followup.followup.ordinal == ("fourth", "fifth")
    assert draft.annex is None
    assert draft.document.date is None and draft.document.letters_date is None
    # the example has no symbol yet: the previous conclusions are to review
    assert "situation.previous_conclusions" in _fields(followup)
    assert "situation.report.ordinal" not in _fields(followup)


def test_previous_conclusions_are_the_earlier_symbol(library: Library, tmp_path: Path) -> None:
    earlier = tmp_path / "mali-2023.yaml"
    text = MALI.read_text(encoding="utf-8")
    earlier.write_text(text.replace("symbol: null ", "symbol: S/AC.51/2023/3 "), encoding="utf-8")
    session = DraftSession.from_earlier(earlier, tmp_path / "mali-2025.yaml", library, {})
    draft = session.draft()
    assert draft.situation.previous_conclusions == "S/AC.51/2023/3"
    assert draft.document.symbol is None
    assert "situation.previous_conclusions" not in _fields(session)


def test_time_bound_fields_and_fact_items_are_to_review(followup: DraftSession) -> None:
    fields = _fields(followup)
    for field in TIME_BOUND:
        assert field in fields
    assert "situation.country.name" not in fields
    items = _items(followup)
    assert ASSESSMENT in items  # the members' assessment (sentences of family assessment)
    assert ICC in items and SAFE_SCHOOLS in items  # a date, a figure
    assert ("opening", 0) not in items  # opening.meeting: no values
    assert ("blocks", 1, "items", 0) not in items
    assert items == sorted(items, key=lambda ref: (ref[0] != "opening", ref))  # in order
    (point,) = [p for p in followup.pending() if p.ref == ASSESSMENT]
    assert "assessment" in point.reason
    (icc,) = [p for p in followup.pending() if p.ref == ICC]
    assert icc.label == "icc.referral"
    assert icc.reason.endswith("check its values (referral_date)")  # the facts, by type
    assert followup.draft().opening[1].review is True


def test_confirming_clears_one_point_in_one_undo_step(followup: DraftSession) -> None:
    before = followup.pending()
    symbol = next(p for p in before if p.field == "situation.report.symbol")
    assessment = next(p for p in before if p.ref == ASSESSMENT)
    assert followup.confirm(symbol) and followup.confirm(assessment)
    after = followup.pending()
    assert len(after) == len(before) - 2
    assert symbol not in after and assessment not in after
    assert not followup.confirm(symbol)  # already reviewed: no new undo step
    assert followup.undo()
    assert assessment in followup.pending() and symbol not in followup.pending()
    assert followup.draft().situation.report.symbol == "S/2022/856"  # unchanged


def test_editing_a_point_clears_it(followup: DraftSession) -> None:
    values = dict(followup.get(ICC)["values"])
    followup.set_values(ICC, values | {"since": "February 2012"})
    assert ICC not in _items(followup)
    assert SAFE_SCHOOLS in _items(followup)
    # a situation form that changes the symbol reviews it, not the fields it leaves as they are
    followup.update_situation({"report": {"symbol": "S/2025/123", "ordinal": "fifth"}})
    assert "situation.report.symbol" not in _fields(followup)
    assert "situation.report.period_start" in _fields(followup)
    followup.update_situation({"meeting": {"date": dt.date(2023, 3, 31)}})  # the same date
    assert "situation.meeting.date" in _fields(followup)
    followup.undo()
    assert "situation.report.symbol" not in _fields(followup)
    followup.undo()
    assert "situation.report.symbol" in _fields(followup)


def test_a_field_set_from_its_dialog_text(followup: DraftSession) -> None:
    followup.review_field("situation.meeting.date", "2025-03-14")
    followup.review_field("situation.resolutions", "1612 (2005), 2427 (2018)")
    with pytest.raises(ValueError):
        followup.review_field("situation.report.period_end", "not a date")
    with pytest.raises(ValueError):
        followup.review_field("situation.report.symbol", "  ")
    draft = followup.draft()
    assert draft.situation.meeting.date == dt.date(2025, 3, 14)
    assert draft.situation.resolutions == ["1612 (2005)", "2427 (2018)"]
    fields = _fields(followup)
    assert "situation.meeting.date" not in fields and "situation.resolutions" not in fields
    assert "situation.report.period_end" in fields


def test_flags_survive_save_and_reopen(followup: DraftSession, library: Library) -> None:
    followup.confirm(next(p for p in followup.pending() if p.ref == ICC))
    pending = followup.pending()
    path = followup.save()
    assert "review: true" in path.read_text(encoding="utf-8")
    reopened = DraftSession.open(path, library)
    assert reopened.pending() == pending
    assert load_draft(path).review == [p.field for p in pending if p.field is not None]


def test_a_situation_given_with_the_follow_up_is_reviewed(library: Library, tmp_path: Path) -> None:
    """The TUI's form: the new meeting date is reviewed, what it repeats is not."""
    situation = {"meeting": {"date": "2025-03-14"}, "report": {"symbol": "S/2022/856"}}
    session = DraftSession.from_earlier(MALI, tmp_path / "new.yaml", library, situation)
    assert "situation.meeting.date" not in _fields(session)
    assert "situation.report.symbol" in _fields(session)


def test_a_follow_up_of_an_adopted_text(library: Library, tmp_path: Path) -> None:
    adopted = ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt"
    session = DraftSession.from_earlier(adopted, tmp_path / "mali-2025.yaml", library, {})
    assert session.draft().situation.report.ordinal == "fifth"
    points = session.pending()
    assert "situation.report.symbol" in [p.field for p in points]
    assert any(isinstance(p, ReviewPoint) and p.field is None for p in points)
    session.save()
    assert DraftSession.open(session.path, library).pending() == points


def test_next_ordinal(library: Library) -> None:
    ordinals = library.templates.locale("en").ordinals  # type: ignore[union-attr]
    assert next_ordinal("fourth", ordinals) == "fifth"
    assert next_ordinal("Ninth", ordinals) == "Tenth"
    assert next_ordinal("[ordinal]", ordinals) is None
    assert next_ordinal(ordinals[-1], ordinals) is None


def test_the_earlier_negotiation_state_is_not_carried(library: Library, tmp_path: Path) -> None:
    earlier = tmp_path / "mali-2023.yaml"
    text = MALI.read_text(encoding="utf-8").replace(
        "  - clause: opening.resolutions\n",
        "  - clause: opening.resolutions\n    status: agreed\n"
        "    comments: [{author: France, date: 2023-05-02, text: Fine as it is}]\n",
    )
    earlier.write_text(text, encoding="utf-8")
    assert load_draft(earlier).opening[2].status == "agreed"
    session = DraftSession.from_earlier(earlier, tmp_path / "mali-2025.yaml", library, {})
    item = session.draft().opening[2]
    assert item.clause == "opening.resolutions"
    assert item.status == "proposed" and item.comments == [] and not item.review


def test_a_follow_up_does_not_claim_to_be_the_earlier_text(
    library: Library, tmp_path: Path
) -> None:
    """The earlier draft's opening comment described it; the follow-up's names it."""
    assert MALI.read_text(encoding="utf-8").startswith("# Conclusions on children")
    first = DraftSession.from_earlier(MALI, tmp_path / "mali-2025.yaml", library, {})
    first.save()
    text = first.path.read_text(encoding="utf-8")
    assert "reference document" not in text
    assert text.startswith(f"# Follow-up of {MALI.name}, made with wgdraft.\n")
    assert "review:  # to review, carried from mali-2023.yaml" in text
    second_source = tmp_path / "mali-2025-adopted.yaml"  # a follow-up of a follow-up
    second_source.write_text(text.replace("symbol: null", "symbol: S/AC.51/2025/3", 1))
    assert load_draft(second_source).document.symbol == "S/AC.51/2025/3"
    second = DraftSession.from_earlier(second_source, tmp_path / "mali-2026.yaml", library, {})
    second.save()
    header = second.path.read_text(encoding="utf-8").splitlines()[0]
    assert header == "# Follow-up of S/AC.51/2025/3 (mali-2025-adopted.yaml), made with wgdraft."


def test_the_earlier_proposals_are_not_carried(library: Library, tmp_path: Path) -> None:
    """France proposed "Urging" in the earlier negotiation: the follow-up does not say
    so again; a bracket settled on the wording itself goes, an open one stays."""
    from tests.negotiation_draft import negotiated, write

    data = negotiated(chosen="Calling upon")
    data["opening"][0]["brackets"] = [
        {"span": "Working Group", "options": [{"text": "Group", "proposed_by": "Ghana"}]}
    ]
    earlier = write(tmp_path / "mali-2023.yaml", data)
    session = DraftSession.from_earlier(earlier, tmp_path / "mali-2025.yaml", library, {})
    draft = session.draft()
    assert draft.blocks[0].items[1].brackets == []
    [still_open] = draft.opening[0].brackets
    assert still_open.chosen is None
    assert [o.proposed_by for o in still_open.options] == [None]
