"""Templates from shared files cannot hang, eat memory, crash, change the draft's
values or plant code through the cache; `wgdraft check` and `wgdraft render` refuse
them with one message naming the file, line and field."""

from __future__ import annotations

import hashlib
import marshal
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from tests.conftest import ROOT, Cli
from tests.editing import edit, line_of, problems
from tests.hang_guard import hang_guard

MEETING = Path("clauses/opening/opening.meeting.yaml")
DOCUMENT = Path("templates/document.yaml")


TOO_LONG = "the template runs too long (over 2 s or 1,000,000 steps) — look for a loop"
TOO_BIG = "the template builds a text or list over 100,000 characters — look for a loop"


@pytest.mark.parametrize(
    ("hostile", "expected"),
    [
        (
            "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}"
            "{{ f(40) }}",
            TOO_LONG,
        ),
        (
            "{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}",
            TOO_LONG,
        ),
        (
            "{% set ns = namespace(s='x') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s | length }}",
            TOO_BIG,
        ),
        ("{{ 'x' * 10**9 }}", TOO_BIG),
        ("{{ 10**(10**10) }}", "the template computes a number over 3,000 digits"),
    ],
    ids=["macro-twice-per-level", "nested-loops", "string-doubling", "repetition", "power"],
)
def test_runaway_templates_are_refused(
    cli: Cli, workspace: Path, hostile: str, expected: str
) -> None:
    file = workspace / MEETING
    edit(file, "{{ meeting.kind }}", hostile)
    with hang_guard():
        [message] = problems(cli, "--library", workspace, "check")
    text = line_of(file, "body:") + 1  # where the template's text starts (body: >-)
    assert message.startswith(f"{file}:{text}: body: clause 'opening.meeting': {expected}")
    draft = workspace / "examples" / "mali-2023.yaml"
    with hang_guard():
        [message] = problems(cli, "--library", workspace, "render", draft, "--format", "text")
    # the template's own fault, whatever the draft: said at the template, not the item
    assert message.startswith(f"{file}:{text}: body: clause 'opening.meeting': {expected}")


def test_a_template_that_changes_the_parties_is_refused(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "{{ meeting.kind }}", "{{ meeting.kind }}{{ parties.clear() }}")
    [message] = problems(cli, "--library", workspace, "check")
    text = line_of(file, "body:") + 1
    assert message.startswith(f"{file}:{text}: body: clause 'opening.meeting': ")
    assert message.endswith(
        "a template cannot change the values it is given ('clear' of a list):"
        " build a new value instead"
    )


def test_what_compiling_reports_is_a_problem_not_a_traceback(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "{{ meeting.kind }}", "{% block b %}{% endblock %}{% block b %}{% endblock %}")
    [message] = problems(cli, "--library", workspace, "check")
    assert message.startswith(f"{file}:")
    assert message.endswith(
        ": body: template syntax error: {% block b %} appears twice:"
        " templates here need no blocks, remove them"
    )


def test_syntax_errors_say_what_to_do(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "{{ meeting.kind }}", "{% raw %}{{ meeting.kind }}")
    [message] = problems(cli, "--library", workspace, "check")
    assert message.startswith(f"{file}:")
    assert message.endswith(
        ": body: template syntax error: {% raw %} is not closed: add {% endraw %}"
    )


def test_masthead_error_is_reported_once_against_document_yaml(cli: Cli, workspace: Path) -> None:
    file = workspace / DOCUMENT
    edit(file, "{{ document.date }}{% else %}", "{{ document.date }{% else %}")
    [message] = problems(cli, "--library", workspace, "check")
    assert message.startswith(f"{file}:{line_of(file, '  date: ')}: masthead.date: ")
    assert "template syntax error" in message


def test_section_heading_error_is_reported_once_against_document_yaml(
    cli: Cli, workspace: Path
) -> None:
    file = workspace / DOCUMENT
    edit(
        file,
        "heading: Recommendations to the Security Council",
        "heading: '{% if country %}Recommendations to the Security Council'",
    )
    [message] = problems(cli, "--library", workspace, "check")
    line = line_of(file, "heading: '{% if")
    assert message == (
        f"{file}:{line}: sections.1.heading: template syntax error:"
        " a {% if %} is not closed: add {% endif %}"
    )


def test_masthead_failing_when_it_runs_is_reported_once(cli: Cli, workspace: Path) -> None:
    file = workspace / DOCUMENT
    edit(file, "{{ document.original }}", "{{ document.original.missing }}")
    [message] = problems(cli, "--library", workspace, "check")
    assert message.startswith(f"{file}:{line_of(file, 'original:')}: masthead.original: ")
    assert "has no 'missing'" in message


def test_the_cache_cannot_plant_code(tmp_path: Path) -> None:
    """Files planted where a compiled-template cache would be are never run, and a
    corrupt names cache is ignored."""
    cache = tmp_path / "cache" / "wgdraft"
    (cache / "templates").mkdir(parents=True)
    marker = tmp_path / "planted-code-ran"
    payload = marshal.dumps(compile(f"open({str(marker)!r}, 'w').close()", "<planted>", "exec"))
    # where Jinja's FileSystemBytecodeCache looks for each template source, by its key
    for source in _all_template_sources():
        name = hashlib.sha1(source.encode("utf-8")).hexdigest()
        key = hashlib.sha1(name.encode("utf-8")).hexdigest()
        (cache / "templates" / f"__jinja2_{key}.cache").write_bytes(
            bc_magic + pickle.dumps(hashlib.sha1(source.encode("utf-8")).hexdigest(), 2) + payload
        )
    (cache / "template-names.json").write_text('{"x": 5, "y": [1], "z": null}', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "WGDRAFT_CACHE_DIR"}
    env |= {"XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    result = subprocess.run(
        [sys.executable, "-m", "wgdraft", "render", "examples/mali-2023.yaml", "--format", "text"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert not marker.exists()
    assert result.returncode == 0, result.stderr
    assert "Conclusions on children and armed conflict in Mali" in result.stdout


def _all_template_sources() -> list[str]:
    from wgdraft.library import load_library

    library = load_library(ROOT / "clauses", ROOT / "templates")
    framing = library.templates.framing
    return [framing.title, framing.subtitle, *framing.masthead.values()] + [
        c.body for c in library.clauses.values()
    ]
