"""The sandboxed environment, its budget and filters, and what its errors say."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from jinja2 import UndefinedError
from jinja2.exceptions import SecurityError

from tests.hang_guard import hang_guard
from wgdraft import templating
from wgdraft.templating import (
    NAMES_CACHE,
    SITUATION_NAMES,
    CountryName,
    TemplateProblem,
    UNDate,
    explain,
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
    with pytest.raises(OverflowError) as info:
        render("{{ range(10**5 + 1) | list | length }}", {})
    assert explain(info.value) == "range() is limited to 100,000 numbers"


def test_inspect_lists_used_names() -> None:
    assert inspect("{{ a }} {% if b %}{{ c.d }}{% endif %}") == {"a", "b", "c"}


# --- the render budget --------------------------------------------------------------

TOO_LONG = "the template runs too long (over 2 s or 1,000,000 steps)"
TOO_BIG = "the template builds a text or list over 100,000 characters"
TOO_LARGE = "the template computes a number over 3,000 digits"

HOSTILE = {
    "macro twice per level": (
        "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
        "{{ f(40) }}",
        TOO_LONG,
    ),
    "nested loops": (
        "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
        TOO_LONG,
    ),
    "nested loops over a list": (
        "{% set r = range(100000) | list %}"
        "{% for a in r %}{% for b in r %}{% for c in r %}{% endfor %}{% endfor %}{% endfor %}",
        TOO_LONG,
    ),
    "string doubling": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
        TOO_BIG,
    ),
    "string doubling with +": (
        "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s | length }}",
        TOO_BIG,
    ),
    "repetition": ("{{ 'x' * 10**9 }}", TOO_BIG),
    "list repetition": ("{{ [['x' * 1000] * 99] * 1000 }}", TOO_BIG),
    "power tower": ("{{ 10**10**10 }}", None),
    "power": ("{{ 10**(10**10) }}", TOO_LARGE),
    "product": (
        "{% set ns = namespace(n=10) %}{% for i in range(40) %}"
        "{% set ns.n = ns.n * ns.n %}{% endfor %}{{ ns.n }}",
        TOO_LARGE,
    ),
    "wide center": ("{{ 'x' | center(10**9) }}", TOO_BIG),
    "replace blow-up": ("{{ ('x' * 100000) | replace('x', 'x' * 100000) }}", TOO_BIG),
    "join blow-up": ("{{ range(100000) | map('string') | join('x' * 1000) }}", TOO_BIG),
    "str.join blow-up": ("{{ ('x' * 1000).join(range(100000) | map('string')) }}", TOO_BIG),
    "format width": ("{{ '{:>1000000000}'.format('x') }}", "the template formats a field wider"),
    "percent width": ("{{ '%*d' % (1000000000, 1) }}", "the template formats a field wider"),
    "format filter width": (
        "{{ '%1000000000d' | format(1) }}",
        "the template formats a field wider",
    ),
    "long output": ("{% for i in range(100000) %}{{ 'x' * 100 }}{% endfor %}", TOO_BIG),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_templates_are_stopped(name: str) -> None:
    source, expected = HOSTILE[name]
    with hang_guard():
        try:
            out = render(source, {"parties": ["a", "b"]})
        except Exception as exc:
            message = explain(exc)
            assert expected is not None and message.startswith(expected), message
            assert "look for" in message or "give a fixed" in message
        else:
            # Jinja's ** is left-associative: (10**10)**10 has 101 digits, which is fine
            assert expected is None and len(out) == 101


def test_budget_is_per_render() -> None:
    """Many small renders in a row never add up to a budget overrun."""
    source = "{% for i in range(1000) %}{{ i }}{% endfor %}"
    for _ in range(1500):  # 1.5 million loop turns in all, 1,000 per render
        render(source, {})


def test_real_sized_templates_render() -> None:
    source = "{{ parties | join_and }} {{ 519300 | words }} {{ 'a b c' | wordwrap(1) }}"
    assert render(source, {"parties": ["x", "y"]}) == "x and y 519,300 a\nb\nc"
    assert render("{% for p in parties %}{{ loop.index }}{{ p }}{% endfor %}", {"parties": "ab"})


# --- values are read-only -------------------------------------------------------------


@pytest.mark.parametrize(
    "source",
    [
        "{{ parties.clear() }}",
        "{{ parties.append('x') }}",
        "{{ parties.pop() }}",
        "{{ meeting.update({'date': 'x'}) }}",
        "{{ meeting.clear() }}",
        "{{ meeting.setdefault('kind', 'x') }}",
    ],
)
def test_templates_cannot_change_the_values_they_see(source: str) -> None:
    context = {"parties": ["the army", "the rebels"], "meeting": {"kind": "formal meeting"}}
    with pytest.raises(SecurityError) as info:
        render(source, context)
    assert explain(info.value).startswith("a template cannot change the values it is given")
    later = "{{ parties | join_and }}; {{ meeting.kind }}"
    assert render(later, context) == "the army and the rebels; formal meeting"


# --- compiling is the load-time check -------------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "{% block b %}{% endblock %}{% block b %}{% endblock %}",
            "{% block b %} appears twice",
        ),
        ("{{ x | nosuchfilter }}", "unknown filter 'nosuchfilter'"),
        ("{{ x is nosuchtest }}", "unknown test 'nosuchtest'"),
        ("{% for i in x %}" * 25 + "{% endfor %}" * 25, "nested too deeply"),
        ("{{ " + "(" * 2000 + "1" + ")" * 2000 + " }}", "nested too deeply"),
        ("{{ 1" + "0" * 5000 + " }}", "cannot be read"),
    ],
)
def test_what_compiling_reports_is_a_template_problem(source: str, message: str) -> None:
    digest = templating._digest(source)
    with pytest.raises(TemplateProblem) as info:
        inspect(source)
    assert message in info.value.message
    assert NAMES_CACHE.get(digest) is None  # only sources that compiled are cached
    with pytest.raises(TemplateProblem):
        render(source, {"x": "text"})


# --- messages in the drafter's language -----------------------------------------------


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{% raw %}x", "{% raw %} is not closed: add {% endraw %}"),
        ("{% if a %}x", "a {% if %} is not closed: add {% endif %}"),
        ("{% for x in a %}x", "a {% for %} is not closed: add {% endfor %}"),
        ("{{ a", "'{{' is not closed by '}}'"),
        ("{{ a }", "'{{' is not closed by '}}' (a single '}' was found)"),
        ("{% if a", "'{%' is not closed by '%}'"),
        ("{# note", "a comment '{#' is not closed: add '#}'"),
        ("{{ a | uper }}", "unknown filter 'uper' (did you mean 'upper'?)"),
        ("{{ a | zzzzzz }}", "unknown filter 'zzzzzz' (available: "),
        ("{% endif %}", "{% endif %} closes nothing: remove it or open {% if %}"),
        ("{% frobnicate %}", "unknown tag {% frobnicate %} (tags: if, "),
        (
            "{% for x in a %}{% if b %}{% endfor %}",
            "{% endfor %} does not match the open {% if %}: close that first with {% endif %}",
        ),
        ("{{ 'text }}", "a text in quotes is not closed: add the closing '"),
        ("{{ a b }}", "'b' is unexpected inside {{ }}"),
    ],
)
def test_syntax_errors_say_what_to_do(source: str, message: str) -> None:
    with pytest.raises(TemplateProblem) as info:
        inspect(source)
    assert (
        info.value.message == f"template syntax error: {message}"
        or info.value.message.startswith(f"template syntax error: {message}")
    )
    assert "Jinja" not in info.value.message


def test_unknown_names_at_render_say_where_to_give_them() -> None:
    with pytest.raises(UndefinedError) as info:
        render("{{ casualties }}", {})
    assert explain(info.value) == (
        "'casualties' has no value: give it in the draft's situation or under 'values'"
    )
    with pytest.raises(UndefinedError) as info:
        render("{{ meeting.venue }}", {"meeting": {"date": "1 May 2023"}})
    assert "has no 'venue'" in explain(info.value)


# --- no way out of the sandbox ----------------------------------------------------------

ESCAPES = [
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ lipsum.__globals__['os'].popen('id').read() }}",
    "{{ lipsum(1000000000) }}",
    "{{ cycler.__init__.__globals__.os }}",
    "{{ joiner.__call__ }}",
    "{{ self.__init__ }}",
    "{{ self._TemplateReference__context }}",
    "{{ range.__self__ }}",
    "{{ namespace.__init__ }}",
    "{{ ().__class__.__base__.__subclasses__() }}",
    "{{ x.__class__.__init__.__globals__ }}",
    "{{ x['__class__'] }}",
    "{{ x | attr('__class__') }}",
    "{% set name = '__cla' ~ 'ss__' %}{{ x | attr(name) }}",
    "{% set name = '__cla' ~ 'ss__' %}{{ x[name] }}",
    "{{ '{0.__class__}'.format(x) }}",
    "{{ '{a.__class__.__mro__}'.format_map({'a': x}) }}",
    "{{ dict.mro() }}",
    "{{ x.format.__self__ }}",
    "{{ config }}",
    "{{ request }}",
    "{{ open('/etc/passwd').read() }}",
    "{{ __import__('os').system('id') }}",
    "{% include '/etc/passwd' %}",
    "{% import 'os' as os %}{{ os }}",
    "{% from 'os' import path %}{{ path }}",
    "{% extends '/etc/passwd' %}",
]


def _refusal(source: str) -> str:
    """The message a template is refused with: at load if it can be, else at render."""
    try:
        used = inspect(source)
    except TemplateProblem as exc:
        return exc.message
    unknown = sorted(used - SITUATION_NAMES - {"x"})
    if unknown:
        return f"{unknown[0]!r} is used but not declared"
    try:
        out = render(source, {"x": "text"})
    except Exception as exc:
        return explain(exc)
    raise AssertionError(f"{source!r} rendered: {out!r}")


@pytest.mark.parametrize("source", ESCAPES)
def test_templates_cannot_reach_python_files_or_network(source: str) -> None:
    message = _refusal(source)
    assert any(
        words in message
        for words in ("is not allowed in a template", "cannot include, import", "not declared")
    ), message
    assert "root:" not in message and "uid=" not in message


# --- the cache on disk holds data only --------------------------------------------------


@pytest.mark.parametrize(
    "content",
    [
        "not json",
        "[1, 2, 3]",
        '"a string"',
        '{"DIGEST": 5}',
        '{"DIGEST": {"a": 1}}',
        '{"DIGEST": [1, 2]}',
        '{"DIGEST": ["a", null]}',
        "[" * 100000 + "]" * 100000,
    ],
)
def test_a_corrupt_names_cache_is_ignored(
    content: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDRAFT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(NAMES_CACHE, "entries", None)
    source = "{{ country }} {{ parties | join_and }} corrupt-cache test"
    (tmp_path / "template-names.json").write_text(
        content.replace("DIGEST", templating._digest(source)), encoding="utf-8"
    )
    assert inspect(source) == {"country", "parties"}
    NAMES_CACHE.save()
    assert json.loads((tmp_path / "template-names.json").read_text(encoding="utf-8"))[
        templating._digest(source)
    ] == ["country", "parties"]
    monkeypatch.setattr(NAMES_CACHE, "entries", None)
    monkeypatch.setattr(NAMES_CACHE, "changed", False)
