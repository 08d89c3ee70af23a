"""The sandboxed environment and its filters."""

from __future__ import annotations

import datetime as dt

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from wgdraft.templating import (
    CountryName,
    TemplateProblem,
    UNDate,
    inspect,
    join_and,
    render,
    words,
)


def test_join_and_has_no_serial_comma() -> None:
    assert join_and(["a", "b", "c"]) == "a, b and c"
    assert join_and(["a", "b"]) == "a and b"
    assert join_and(["a"]) == "a"
    assert join_and([]) == ""
    assert join_and(["a", "b", "c"], last=", as well as ") == "a, b, as well as c"


def test_small_numbers_in_words() -> None:
    assert [words(n) for n in (0, 4, 9, 10, 25)] == ["zero", "four", "nine", "10", "25"]
    assert [words(n) for n in (1000, 519300)] == ["1,000", "519,300"]


def test_dates_print_in_un_style() -> None:
    date = UNDate(dt.date(2023, 3, 31))
    assert date == "31 March 2023"
    assert (date.month_year, date.year, date.iso) == ("March 2023", 2023, "2023-03-31")


def test_country_with_article() -> None:
    sudan = CountryName("Sudan", "the", "Sudanese")
    assert render("in {{ c }}; {{ c.The }} is; {{ c.name }}", {"c": sudan}) == (
        "in the Sudan; The Sudan is; Sudan"
    )
    assert render("{{ c }} {{ c.adjective }}", {"c": CountryName("Mali")}) == "Mali Mali"


def test_undefined_names_are_errors() -> None:
    with pytest.raises(UndefinedError):
        render("{{ missing }}", {})


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ x.__class__ }}",
        "{{ x['__class__'] }}",
    ],
)
def test_private_attributes_are_refused_at_parse(source: str) -> None:
    with pytest.raises(TemplateProblem, match="not allowed"):
        inspect(source)


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ lipsum.__globals__['os'].popen('id').read() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ x.__class__.__init__.__globals__ }}",
        "{{ ().__class__.__base__.__subclasses__() }}",
    ],
)
def test_sandbox_blocks_python_internals(source: str) -> None:
    with pytest.raises((SecurityError, UndefinedError)):
        render(source, {"x": "text"})


def test_sandbox_has_no_file_or_network_access() -> None:
    # No global gives files or sockets: open/import/urlopen are simply undefined.
    for source in (
        "{{ open('/etc/passwd').read() }}",
        "{{ __import__('os') }}",
        "{% import 'os' as os %}{{ os }}",
        "{% include '/etc/passwd' %}",
    ):
        with pytest.raises(Exception) as info:
            render(source, {})
        assert "root:" not in str(info.value)
    with pytest.raises(UndefinedError):
        render("{{ urlopen }}", {})


def test_range_is_bounded() -> None:
    with pytest.raises(OverflowError):
        render("{{ range(10**9) | list | length }}", {})


def test_inspect_lists_used_names() -> None:
    assert inspect("{{ a }} {% if b %}{{ c.d }}{% endif %}") == {"a", "b", "c"}
