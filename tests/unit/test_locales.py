"""Printing with a locale: dates, numbers and lists take its words for one render or
one assembly, in one thread, and nowhere else."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from pydantic import ValidationError

from wgdraft.locales import bundled_locale
from wgdraft.models import Locale
from wgdraft.templating import UNDate, render, wording

MARCH_31 = dt.date(2023, 3, 31)


def marked() -> Locale:
    return bundled_locale().model_copy(
        update={
            "months": [f"M{n}" for n in range(1, 13)],
            "date": "{month} {day}, {year}",
            "month_year": "{year}/{month}",
            "numbers": ["nil", "uno"],
            "thousands_separator": ".",
            "list_separator": " / ",
            "list_last": " & ",
        }
    )


def test_a_date_prints_with_the_locale_given_or_current() -> None:
    assert UNDate(MARCH_31) == "31 March 2023"
    date = UNDate(MARCH_31, marked())
    assert (date, date.month, date.month_year, date.iso) == (
        "M3 31, 2023",
        "M3",
        "2023/M3",
        "2023-03-31",
    )
    with wording(marked()):
        assert UNDate(MARCH_31) == "M3 31, 2023"
        with wording(bundled_locale()):
            assert UNDate(MARCH_31) == "31 March 2023"
        assert UNDate(MARCH_31).month_year == "2023/M3"
    assert UNDate(MARCH_31) == "31 March 2023"


def test_filters_print_with_the_locale_of_the_render() -> None:
    source = "{{ n | words }} {{ big | words }}; {{ xs | join_and }}; {{ d | un_date }}"
    context = {"n": 1, "big": 519300, "xs": ["a", "b", "c"], "d": MARCH_31}
    assert render(source, context) == "one 519,300; a, b and c; 31 March 2023"
    assert render(source, context, marked()) == "uno 519.300; a / b & c; M3 31, 2023"
    assert render("{{ 2 | words }}", {}, marked()) == "2"  # beyond the locale's words
    assert render(source, context) == "one 519,300; a, b and c; 31 March 2023"


def test_the_locale_of_one_thread_is_not_another_threads() -> None:
    seen: list[str] = []
    with wording(marked()):
        worker = threading.Thread(target=lambda: seen.append(UNDate(MARCH_31)))
        worker.start()
        worker.join()
        assert UNDate(MARCH_31) == "M3 31, 2023"
    assert seen == ["31 March 2023"]


def test_the_scope_ends_when_the_block_fails() -> None:
    with pytest.raises(ZeroDivisionError), wording(marked()):
        1 / 0  # noqa: B018
    assert UNDate(MARCH_31) == "31 March 2023"


@pytest.mark.parametrize(
    ("field", "pattern", "message"),
    [
        ("date", "{day} {mois} {year}", "{mois} is not one of {day}, {month}, {year}"),
        ("date", "{day} {month} {year", "a '{' or '}' is not closed"),
        ("month_year", "{day} {month}", "{day} is not one of {month}, {year}"),
    ],
)
def test_a_pattern_names_only_its_parts(field: str, pattern: str, message: str) -> None:
    data = bundled_locale().model_dump() | {field: pattern}
    with pytest.raises(ValidationError, match=message.replace("{", r"\{").replace("}", r"\}")):
        Locale.model_validate(data)


def test_the_only_template_of_a_locale_is_the_letter_title() -> None:
    """Every other text of a locale is printed as written (or is not printed)."""
    from wgdraft.templatesource import text_positions

    marked = {where for where, is_template in text_positions(Locale) if is_template}
    assert marked == {"Locale.letter_title"}


def test_date_and_month_parameters_print_with_the_locale_of_the_assembly() -> None:
    from wgdraft.dates import Month
    from wgdraft.paramtypes import get

    month, date = get("month").printed(Month(2021, 8)), get("date").printed(MARCH_31)
    assert (month, date) == ("August 2021", "31 March 2023")
    with wording(marked()):
        month, date = get("month").printed(Month(2021, 8)), get("date").printed(MARCH_31)
    assert (month, month.month_year, date) == ("2021/M8", "2021/M8", "M3 31, 2023")
