"""Dates as drafters type them (wgdraft.dates), used by every date field of the TUI."""

from __future__ import annotations

import datetime as dt

import pytest

from wgdraft.dates import parse_date, show_date


@pytest.mark.parametrize(
    "typed",
    ["15 March 2024", "15 Mar 2024", "15 march 2024", "15/3/2024", "15.3.2024", "2024-03-15",
     "15/03/2024", "March 15, 2024", " 15  March   2024 "],
)  # fmt: skip
def test_accepted(typed: str) -> None:
    assert parse_date(typed) == dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("31/2/2024", "'31/2/2024' is not a date (day/month/year): February 2024 has 29 days"),
        ("29.2.2023", "February 2023 has 28 days"),
        ("15/13/2024", "there is no month 13"),
        ("March 2024", "give the day too"),
        ("15 March", "give the year too"),
        ("15/3", "give the year too"),
        ("15/3/24", "write the year in full"),
        ("15 Marhc 2024", "'Marhc' is not a month"),
        ("next Tuesday", "is not a date"),
    ],
)
def test_refused_with_the_reason(typed: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_date(typed)


def test_shown_as_printed() -> None:
    assert show_date(dt.date(2024, 3, 5)) == "5 March 2024"
