"""Dates as drafters type them: "15 March 2024", "15 Mar 2024", "15/3/2024", "15.3.2024"
(day first, as in UN documents) or "2024-03-15"; months without a day as "August 2021",
"Aug 2021", "8/2021" or "2021-08". Anything else is refused with the reason, never
guessed: an impossible day, a missing day or year, a two-digit year."""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .templating import UNDate, UNMonth

_MONTH_NAMES = {
    name.lower(): number
    for number in range(1, 13)
    for name in (calendar.month_name[number], calendar.month_abbr[number])
} | {"sept": 9}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_NUMERIC = re.compile(r"(\d{1,2})\s*([/.\-])\s*(\d{1,2})\s*\2\s*(\d+)")
_WORDS = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d+)")
_MONTH_FIRST = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d+)")
_HINT = "day month year, e.g. 15 March 2024 or 15/3/2024"
_ISO_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_NUMERIC_MONTH = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d+)")
_WORDS_MONTH = re.compile(r"([A-Za-z]+)\.?,?\s+(\d+)")
_MONTH_HINT = "month year, e.g. August 2021 or 8/2021"


class Month(str):
    """A month of a year, without a day: what a "month" parameter holds. It is the text
    YAML holds ("2021-08"), so files and JSON take it as it is."""

    __slots__ = ("month", "year")
    month: int
    year: int

    def __new__(cls, year: int, month: int) -> Month:
        if not 1 <= month <= 12:
            raise ValueError(f"there is no month {month}")
        self = super().__new__(cls, f"{year:04d}-{month:02d}")
        self.year = year
        self.month = month
        return self

    @classmethod
    def of(cls, date: dt.date) -> Month:
        return cls(date.year, date.month)

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def isoformat(self) -> str:
        """As written in YAML: "2021-08"."""
        return str(self)


def _month(word: str, text: str) -> int:
    number = _MONTH_NAMES.get(word.lower().rstrip("."))
    if number is None:
        raise ValueError(f"{text!r} is not a date: {word!r} is not a month")
    return number


def _make(year: str, month: int, day: int, text: str) -> dt.date:
    if len(year) != 4:
        raise ValueError(f"{text!r}: write the year in full (four digits)")
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a date (day/month/year): there is no month {month}")
    last = calendar.monthrange(int(year), month)[1]
    if not 1 <= day <= last:
        name = calendar.month_name[month]
        raise ValueError(f"{text!r} is not a date (day/month/year): {name} {year} has {last} days")
    return dt.date(int(year), month, day)


def parse_date(text: str) -> dt.date:
    """The date in ``text``; raises ValueError saying what is wrong with it."""
    text = " ".join(text.split())
    if match := _ISO.fullmatch(text):
        year, month, day = match.groups()
        return _make(year, int(month), int(day), text)
    if match := _NUMERIC.fullmatch(text):
        day, _sep, month, year = match.groups()
        return _make(year, int(month), int(day), text)
    if match := _WORDS.fullmatch(text):
        day, word, year = match.groups()
        return _make(year, _month(word, text), int(day), text)
    if match := _MONTH_FIRST.fullmatch(text):
        word, day, year = match.groups()
        return _make(year, _month(word, text), int(day), text)
    words = re.split(r"[\s/.,\-]+", text)
    if len(words) == 2 and all(w.isdigit() or w.lower() in _MONTH_NAMES for w in words):
        missing = "the day" if any(len(w) == 4 for w in words) else "the year"
        raise ValueError(f"{text!r} is not a full date: give {missing} too ({_HINT})")
    raise ValueError(f"{text!r} is not a date ({_HINT})")


def _make_month(year: str, month: int, text: str) -> Month:
    if len(year) != 4:
        raise ValueError(f"{text!r}: write the year in full (four digits)")
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r} is not a month (month/year): there is no month {month}")
    return Month(int(year), month)


def parse_month(text: str) -> Month:
    """The month in ``text`` ("August 2021", "Aug 2021", "8/2021", "2021-08"); a full date
    gives its month. Raises ValueError saying what is wrong."""
    text = " ".join(text.split())
    if match := _ISO_MONTH.fullmatch(text):
        year, month = match.groups()
        return _make_month(year, int(month), text)
    if match := _NUMERIC_MONTH.fullmatch(text):
        month, year = match.groups()
        return _make_month(year, int(month), text)
    if match := _WORDS_MONTH.fullmatch(text):
        word, year = match.groups()
        number = _MONTH_NAMES.get(word.lower())
        if number is None:
            raise ValueError(f"{text!r} is not a month: {word!r} is not the name of a month")
        return _make_month(year, number, text)
    try:
        return Month.of(parse_date(text))
    except ValueError:
        pass
    if text.isdigit() and len(text) == 4:
        raise ValueError(f"{text!r} is not a month: give the month too ({_MONTH_HINT})")
    raise ValueError(f"{text!r} is not a month ({_MONTH_HINT})")


def show_date(value: dt.date) -> str:
    """A date as it prints in the documents: "15 March 2024"."""
    return str(UNDate(value))


def show_month(value: Month) -> str:
    """A month as it prints in the documents: "August 2021"."""
    return str(UNMonth(value.first_day))


__all__ = ["Month", "parse_date", "parse_month", "show_date", "show_month"]
