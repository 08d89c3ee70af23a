"""What is to review: the flags a follow-up draft carries, listed and cleared."""

from __future__ import annotations

from typing import Any

from wgdraft import draftfile
from wgdraft.review import ReviewPoint, clear_field, clear_item, fields_under, pending

DRAFT = """\
review:
  - situation.report.symbol
  - blocks[1].press_release
  - situation.meeting.date
situation: {report: {symbol: S/2022/856}}
opening:
  - clause: opening.meeting
  - review: true
    sentences:
      - clause: assessment.concern
blocks:
  - channel: parties-statement
    items:
      - clause: icc.referral
        review: true
        values: {referral_date: 2012-07-13}
      - clause: donors.funding-support-lead-in
        items:
          - text: Some words of fact that were true in 2023 and may not be now at all
            review: true
  - channel: chair-statement
    press_release: SC/15809
    items: [{clause: x.y}]
"""


def _data() -> Any:
    return draftfile.loads(DRAFT)


def test_pending_lists_fields_then_items_in_document_order() -> None:
    points = pending(_data())
    assert [p.field for p in points[:3]] == [
        "situation.report.symbol",
        "blocks[1].press_release",
        "situation.meeting.date",
    ]
    assert all(p.ref == () for p in points[:3])
    assert [p.ref for p in points[3:]] == [
        ("opening", 1),
        ("blocks", 0, "items", 0),
        ("blocks", 0, "items", 1, "items", 0),
    ]
    assert all(p.field is None for p in points[3:])
    assert points[0].label == "Report symbol"
    assert points[1].label == "Press release (chair-statement)"
    assert "assessment" in points[3].reason
    assert "referral_date" in points[4].reason
    assert "free text" in points[5].reason
    assert "icc.referral" in points[4].label


def test_pending_takes_plain_data_and_nothing_flagged_is_empty() -> None:
    plain = draftfile.plain(_data())
    assert pending(plain) == pending(_data())
    assert pending({"situation": {}}) == []
    assert pending(None) == []


def test_clearing_a_field_and_an_item() -> None:
    data = _data()
    assert clear_field(data, "situation.report.symbol")
    assert not clear_field(data, "situation.report.symbol")
    assert clear_item(data, ("opening", 1))
    assert not clear_item(data, ("opening", 0))
    left = pending(data)
    assert ReviewPoint((), "situation.report.symbol", "Report symbol", "") not in left
    assert len(left) == 4
    assert "review" not in data["opening"][1]
    clear_field(data, "blocks[1].press_release")
    clear_field(data, "situation.meeting.date")
    assert "review" not in data  # an emptied list goes: the draft reads as never flagged


def test_fields_under_a_place() -> None:
    data = _data()
    assert fields_under(data, ("situation",)) == [
        "situation.report.symbol",
        "situation.meeting.date",
    ]
    assert fields_under(data, ("blocks", 1)) == ["blocks[1].press_release"]
    assert fields_under(data, ("blocks", 0)) == []
