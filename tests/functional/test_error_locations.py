"""Every problem is said once, where it arises: a template's own fault at the template
(file, line, field), however many draft items use it; a draft's fault at the draft
item; a template that fails only with the draft's values at the item, naming the
template. Through `wgdraft check` and `wgdraft render`."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.editing import edit, line_of, problems

DOCUMENT = Path("templates/document.yaml")
CORRESPONDENCE = Path("templates/correspondence.yaml")
COUNCIL = Path("templates/channels/council.yaml")
MEETING = Path("clauses/opening/opening.meeting.yaml")
MALI = Path("examples/mali-2023.yaml")

# a clause used by two items and a channel used by two blocks
TWICE = """\
situation:
  country: {name: Mali}
  meeting: {date: 2023-03-31}
  report: {ordinal: fourth, symbol: S/2022/856}
opening:
  - clause: opening.meeting
  - clause: opening.meeting
blocks:
  - channel: council
    items: [{text: first}]
  - channel: council
    items: [{text: second}]
"""


def check_and_render(cli: Cli, workspace: Path, draft: Path) -> list[list[str]]:
    """The problems `check` (library and draft) and `render` report."""
    return [
        problems(cli, "--library", workspace, "check", draft),
        problems(cli, "--library", workspace, "render", draft, "--format", "text"),
    ]


def test_a_masthead_line_failing_is_one_problem_at_document_yaml(cli: Cli, workspace: Path) -> None:
    file = workspace / DOCUMENT
    edit(file, "{{ document.date }}{% else %}", "{{ document.date.day_of_issue }}{% else %}")
    line = line_of(file, "  date: ")
    for said in check_and_render(cli, workspace, workspace / MALI):
        [message] = said
        assert message.startswith(f"{file}:{line}: masthead.date: ")
        assert "has no 'day_of_issue'" in message


def test_an_unknown_filter_under_if_is_found_when_the_library_loads(
    cli: Cli, workspace: Path
) -> None:
    """Jinja leaves a filter under {% if %} to run time; the load-time check does not."""
    file = workspace / DOCUMENT
    edit(file, "{{ document.date }}{% else %}", "{{ document.date | un_dat }}{% else %}")
    line = line_of(file, "  date: ")
    for said in check_and_render(cli, workspace, workspace / MALI):
        assert said == [
            f"{file}:{line}: masthead.date: template syntax error:"
            " unknown filter 'un_dat' (did you mean 'un_date'?)"
        ]


@pytest.mark.parametrize(
    ("where", "old", "new", "field"),
    [
        (DOCUMENT, "  organ: Security Council", "  seal: 'UN {{ country'", "masthead.seal"),
        (DOCUMENT, "annex_heading: Annex", "annex_heading: 'Annex {% if %}'", "annex_heading"),
        (
            CORRESPONDENCE,
            "letterhead: [Security Council]",
            "letterhead: [Security Council, '{{ country }']",
            "senders.president.letterhead.1",
        ),
    ],
    ids=["new-masthead-line", "annex-heading", "letterhead-line"],
)
def test_a_template_anywhere_in_the_template_files_is_checked_when_loading(
    cli: Cli, workspace: Path, where: Path, old: str, new: str, field: str
) -> None:
    """No list of template fields to keep: a masthead line added, the annex heading and
    the letterhead lines are templates because the models say so."""
    file = workspace / where
    edit(file, old, new)
    [message] = problems(cli, "--library", workspace, "check")
    assert message.startswith(f"{file}:{line_of(file, new)}: {field}: template syntax error: ")


@pytest.mark.parametrize(
    ("where", "old", "new", "field", "owner"),
    [
        (
            DOCUMENT,
            "heading: Recommendations to the Security Council",
            "heading: Recommendations to the Security Council{{ 1 // 0 }}",
            "sections.1.heading",
            "",
        ),
        (
            CORRESPONDENCE,
            "closing: Accept, Excellency,",
            "closing: Accept{{ 1 // 0 }}, Excellency,",
            "closing",
            "",
        ),
        (
            COUNCIL,
            "Security Council:",
            "Security Council{{ 1 // 0 }}:",
            "intro",
            "channel 'council': ",
        ),
        (
            MEETING,
            "{{ meeting.kind }}",
            "{{ meeting.kind }}{{ 1 // 0 }}",
            "body",
            "clause 'opening.meeting': ",
        ),
    ],
    ids=["section-heading", "correspondence", "channel-intro", "clause-body"],
)
def test_a_template_failing_on_its_own_is_one_problem_however_often_used(
    cli: Cli, workspace: Path, where: Path, old: str, new: str, field: str, owner: str
) -> None:
    file = workspace / where
    edit(file, old, new)
    line = line_of(file, "1 // 0")
    expected = f"{file}:{line}: {field}: {owner}the template fails when it runs: "
    (workspace / "twice.yaml").write_text(TWICE, encoding="utf-8")
    drafts = [MALI] if where == CORRESPONDENCE else [MALI, Path("twice.yaml")]  # a letter
    for draft in drafts:
        for said in check_and_render(cli, workspace, workspace / draft):
            [message] = said
            assert message.startswith(expected), message
            assert message.endswith("(ZeroDivisionError)")


def test_a_wrong_value_is_one_problem_at_the_draft_item(cli: Cli, workspace: Path) -> None:
    draft = workspace / MALI
    edit(draft, "handover_year: 2013", "handover_year: twenty-thirteen")
    [message] = problems(cli, "--library", workspace, "check", draft)
    assert message.startswith(f"{draft}:{line_of(draft, 'handover_year: twenty')}: blocks[0].")
    assert ".values.handover_year: clause 'deprivation-of-liberty.primarily-victims', " in message


def test_a_template_failing_only_with_the_drafts_values_names_item_and_template(
    cli: Cli, workspace: Path
) -> None:
    """The sample situation has a representative; this draft has none: the draft item is
    at fault, and the message says which template needs the value."""
    clause = workspace / MEETING
    edit(clause, "{{ meeting.kind }}", "{{ meeting.kind }} ({{ representative }})")
    draft = workspace / "twice.yaml"
    draft.write_text(TWICE.replace("  - clause: opening.meeting\n", "", 1), encoding="utf-8")
    template = f"{clause}:{line_of(clause, 'body:') + 1} body"
    for said in check_and_render(cli, workspace, draft):
        assert said == [
            f"{draft}:{line_of(draft, 'clause: opening.meeting')}: opening[0]:"
            f" clause 'opening.meeting' ({template}): 'representative' has no value:"
            " give it in the draft's situation or under 'values'"
        ]


def test_framing_failing_only_with_the_drafts_values_names_draft_and_template(
    cli: Cli, workspace: Path
) -> None:
    """The sample situation has a date of issue; this draft has none."""
    file = workspace / DOCUMENT
    edit(file, "{% if document.date is defined %}", "{% if document.date is defined or 1 %}")
    draft = workspace / "twice.yaml"
    draft.write_text(TWICE, encoding="utf-8")
    [message] = problems(cli, "--library", workspace, "render", draft, "--format", "text")
    assert message.startswith(f"{draft}: {file}:{line_of(file, '  date: ')} masthead.date: ")
    assert "has no 'date'" in message
