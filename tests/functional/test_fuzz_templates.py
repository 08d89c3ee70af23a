"""Fuzzing hostile templates: random Jinja fragments (unbalanced tags, loops, macros,
filters, huge numbers, attribute chains into Python internals) are put into a clause
body, a channel intro or a masthead entry of a small workspace, and `wgdraft check`
and `wgdraft render --format text` run in-process on it. Whatever the fragment, the
tool exits 0 or 1, prints no traceback, does not hang, and every problem it prints
names the file that was broken.

Each of the three tests runs ``WGDRAFT_FUZZ_EXAMPLES`` cases (default 80; the module
takes about 10 s of CPU). For a longer hunt, set it higher:

    WGDRAFT_FUZZ_EXAMPLES=3000 python -m pytest -n 0 tests/functional/test_fuzz_templates.py
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import ROOT, Cli
from tests.hang_guard import hang_guard

EXAMPLES = int(os.environ.get("WGDRAFT_FUZZ_EXAMPLES", "80"))

CLAUSES = ("opening.meeting", "opening.resolutions", "previous-conclusions.further-implement")
DRAFT = {
    "document": {"date": "2023-06-01", "original": "English"},
    "situation": {
        "country": {"name": "Mali", "adjective": "Malian"},
        "government": "transitional Government",
        "meeting": {"date": "2023-03-31", "kind": "formal meeting"},
        "report": {
            "ordinal": "fourth",
            "symbol": "S/2022/856",
            "period_start": "2020-04-01",
            "period_end": "2022-03-31",
        },
        "parties": ["the Malian armed forces", "the Platform coalition"],
        "resolutions": ["1612 (2005)", "2427 (2018)"],
        "previous_conclusions": "S/AC.51/2020/11",
    },
    "opening": [{"clause": "opening.meeting"}, {"clause": "opening.resolutions"}],
    "blocks": [
        {
            "channel": "parties-statement",
            "items": [{"clause": "previous-conclusions.further-implement"}],
        },
        {"channel": "government-letter", "items": [{"text": "to end the six grave violations"}]},
        {"channel": "council", "items": [{"text": "to remain seized of the matter"}]},
    ],
}

# --- fragments -----------------------------------------------------------------------


def _choice(options: str) -> st.SearchStrategy[str]:
    """One of the options, written in one string and separated by ' ¦ '."""
    return st.sampled_from(options.split(" ¦ "))


NAMES = _choice(
    "country ¦ parties ¦ meeting ¦ meeting.date ¦ report.symbol ¦ government ¦ x ¦ loop ¦ self"
    " ¦ range ¦ namespace ¦ lipsum ¦ cycler ¦ joiner ¦ dict ¦ caller ¦ '' ¦ 'x' ¦ () ¦ []"
    " ¦ {} ¦ [1, 2] ¦ none ¦ true"
)
NUMBERS = _choice(
    "0 ¦ 1 ¦ -1 ¦ 7 ¦ 40 ¦ 100000 ¦ 10**9 ¦ 10**10**10 ¦ 10**(10**10) ¦ 2**64"
    " ¦ 99999999999999999999 ¦ 1.5e308 ¦ 1e400 ¦ 0.5"
)
ATTRIBUTES = _choice(
    "__class__ ¦ __mro__ ¦ __init__ ¦ __globals__ ¦ __subclasses__ ¦ __self__ ¦ mro ¦ clear"
    " ¦ append ¦ pop ¦ update ¦ format ¦ format_map ¦ join ¦ name ¦ date ¦ year ¦ upper"
    " ¦ items ¦ keys ¦ The ¦ iso ¦ __len__ ¦ _private ¦ s"
)
FILTERS = _choice(
    "upper ¦ join ¦ join_and ¦ words ¦ capfirst ¦ un_date ¦ list ¦ length ¦ first"
    " ¦ center(10**9) ¦ replace('a', 'bb') ¦ attr('__class__') ¦ int ¦ nosuch ¦ sum"
    " ¦ format(1) ¦ indent(100000) ¦ wordwrap(1) ¦ sort ¦ unique ¦ batch(3) ¦ tojson"
    " ¦ map('upper') ¦ select ¦ reverse ¦ string ¦ default('d') ¦ e ¦ safe ¦ pprint"
)
OPERATORS = st.sampled_from(["+", "-", "*", "**", "/", "//", "%", "~", " and ", " or ", "=="])


def _expressions() -> st.SearchStrategy[str]:
    leaves = NAMES | NUMBERS | st.sampled_from(["'%s'", "'{0}'", "'{:>99}'", "'a b'"])
    return st.recursive(
        leaves,
        lambda e: st.one_of(
            st.tuples(e, OPERATORS, e).map("".join),
            st.tuples(e, ATTRIBUTES).map(lambda t: f"{t[0]}.{t[1]}"),
            st.tuples(e, FILTERS).map(lambda t: f"{t[0]} | {t[1]}"),
            st.tuples(e, st.lists(e, max_size=2)).map(lambda t: f"{t[0]}({', '.join(t[1])})"),
            st.tuples(e, e).map(lambda t: f"{t[0]}[{t[1]}]"),
            e.map(lambda x: f"({x})"),
        ),
        max_leaves=6,
    )


EXPRESSIONS = _expressions()
PIECES = st.one_of(
    EXPRESSIONS.map(lambda e: f"{{{{ {e} }}}}"),
    EXPRESSIONS.map(lambda e: f"{{% if {e} %}}"),
    EXPRESSIONS.map(lambda e: f"{{% for x in {e} %}}"),
    EXPRESSIONS.map(lambda e: f"{{% set y = {e} %}}"),
    EXPRESSIONS.map(lambda e: f"{{{{ f({e}) }}}}"),
    _choice(
        "{% endif %} ¦ {% else %} ¦ {% endfor %} ¦ {% macro f(n) %} ¦ {% endmacro %}"
        " ¦ {% set ns = namespace(s='x') %} ¦ {% set ns.s = ns.s ~ ns.s %} ¦ {{ ns.s }}"
        " ¦ {{ f(n) }}{{ f(n) }} ¦ {% raw %} ¦ {% endraw %} ¦ {# ¦ #} ¦ {{ ¦ }} ¦ {% ¦ %}"
        " ¦ {% block b %} ¦ {% endblock %} ¦ {% include 'x' %} ¦ {{ loop(x) }}"
        " ¦ {% import 'os' as os %} ¦ {% extends 'x' %} ¦ {% call f(1) %} ¦ {% endcall %}"
        " ¦ {% filter upper %} ¦ {% endfilter %} ¦ {% for x in range(100000) %} ¦ } ¦ {"
        " ¦ {% for x in parties recursive %} ¦ {% with a = 1 %} ¦ {% endwith %} ¦ text"
    ),
)
FRAGMENTS = st.lists(PIECES, min_size=1, max_size=8).map("".join)


# --- the workspace ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def small_workspace(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The bundled templates, three clauses and a draft that uses them all."""
    ws = tmp_path_factory.mktemp("fuzz") / "ws"
    shutil.copytree(ROOT / "templates", ws / "templates")
    for clause in CLAUSES:
        family = clause.split(".")[0]
        (ws / "clauses" / family).mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / "clauses" / family / f"{clause}.yaml", ws / "clauses" / family)
    (ws / "draft.yaml").write_text(yaml.safe_dump(DRAFT, sort_keys=False), encoding="utf-8")
    yield ws


def _mutated(original: str, fragment: str, position: int, replace: bool) -> str:
    if replace:
        return fragment
    at = position % (len(original) + 1)
    return original[:at] + fragment + original[at:]


def _run(cli: Cli, workspace: Path, file: Path, field: tuple[str, ...], text: str) -> None:
    """Put ``text`` at ``field`` of ``file``, run check and render, restore the file."""
    original = file.read_text(encoding="utf-8")
    data = yaml.safe_load(original)
    node = data
    for key in field[:-1]:
        node = node[key]
    node[field[-1]] = text
    file.write_text(yaml.safe_dump(data, sort_keys=False, width=10_000), encoding="utf-8")
    try:
        with hang_guard():
            for args in (("check",), ("render", workspace / "draft.yaml", "--format", "text")):
                result = cli("--library", workspace, *args)
                assert result.code in (0, 1), (text, result.err)
                assert "Traceback" not in result.err, text
                problems = [
                    line
                    for line in result.err.splitlines()
                    if not line.endswith("problem(s) found")
                ]
                assert (result.code == 1) == bool(problems), (text, result.err)
                for line in problems:
                    assert str(file) in line, (text, line)
    finally:
        file.write_text(original, encoding="utf-8")


FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
MUTATION = st.tuples(FRAGMENTS, st.integers(min_value=0, max_value=10_000), st.booleans())


@FUZZ
@given(mutation=MUTATION)
def test_fuzzed_clause_body(
    cli: Cli, small_workspace: Path, mutation: tuple[str, int, bool]
) -> None:
    file = small_workspace / "clauses/opening/opening.meeting.yaml"
    body = yaml.safe_load(file.read_text(encoding="utf-8"))["body"]
    _run(cli, small_workspace, file, ("body",), _mutated(body, *mutation))


@FUZZ
@given(mutation=MUTATION)
def test_fuzzed_channel_intro(
    cli: Cli, small_workspace: Path, mutation: tuple[str, int, bool]
) -> None:
    file = small_workspace / "templates/channels/parties-statement.yaml"
    intro = yaml.safe_load(file.read_text(encoding="utf-8"))["intro"]
    _run(cli, small_workspace, file, ("intro",), _mutated(intro, *mutation))


@FUZZ
@given(mutation=MUTATION, key=st.sampled_from(["date", "original", "job", "organ"]))
def test_fuzzed_masthead_entry(
    cli: Cli, small_workspace: Path, mutation: tuple[str, int, bool], key: str
) -> None:
    file = small_workspace / "templates/document.yaml"
    entry = yaml.safe_load(file.read_text(encoding="utf-8"))["masthead"][key]
    _run(cli, small_workspace, file, ("masthead", key), _mutated(entry, *mutation))
