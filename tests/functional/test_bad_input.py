"""Every kind of bad input gets one clear message naming file, line and field."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import Cli

MEETING = Path("clauses/opening/opening.meeting.yaml")


def check(cli: Cli, workspace: Path, *drafts: Path) -> list[str]:
    result = cli("--library", workspace, "check", *drafts)
    assert result.code == 1, result.out
    assert "Traceback" not in result.err
    return [line for line in result.err.splitlines() if not line.endswith("problem(s) found")]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_malformed_yaml(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "family: opening", "family: [opening")
    [message] = check(cli, workspace)
    assert message.startswith(f"{file}:")
    assert "malformed YAML" in message


def test_unknown_field(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "family: opening", "family: opening\nfamly: opening")
    [message] = check(cli, workspace)
    assert message == f"{file}:{line_of(file, 'famly')}: famly: unknown field (check its spelling)"


def test_wrong_type(cli: Cli, workspace: Path) -> None:
    file = workspace / "clauses/condemnation/condemnation.all-violations.yaml"
    edit(file, "type: text", "type: colour")
    [message] = check(cli, workspace)
    assert message.startswith(f"{file}:{line_of(file, 'type: colour')}: params.trend.type: ")
    assert "'text'" in message  # names the allowed types


def test_wrong_example_for_type(cli: Cli, workspace: Path) -> None:
    file = workspace / "clauses/condemnation/condemnation.all-violations.yaml"
    edit(file, "type: text", "type: number")
    messages = check(cli, workspace)
    assert any(
        m.startswith(f"{file}:") and "params.trend" in m and "whole number" in m for m in messages
    )


def test_duplicate_clause_ids(cli: Cli, workspace: Path) -> None:
    original = workspace / MEETING
    copy = workspace / "clauses" / "zz-copy" / "opening.meeting.yaml"
    copy.parent.mkdir()
    copy.write_text(original.read_text(encoding="utf-8"), encoding="utf-8")
    [message] = check(cli, workspace)
    assert message.startswith(f"{copy}:1: id: duplicate clause id 'opening.meeting'")
    assert str(original) in message


def test_unknown_clause_id_in_draft(cli: Cli, workspace: Path) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    edit(draft, "clause: opening.resolutions", "clause: opening.resolution")
    [message] = check(cli, workspace, draft)
    line = line_of(draft, "clause: opening.resolution")
    assert message.startswith(f"{draft}:{line}: opening[")
    assert message.endswith(
        "].clause: unknown clause id 'opening.resolution' (see 'wgdraft clauses')"
    )


def test_undeclared_parameter_in_body(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "{{ meeting.kind }}", "{{ meeting_kind }}")
    [message] = check(cli, workspace)
    assert message == (
        f"{file}:{line_of(file, 'body:') + 1}: body: 'meeting_kind' is used but not declared under 'params'"
    )


def test_missing_parameter_value(cli: Cli, workspace: Path) -> None:
    file = workspace / "clauses/condemnation/condemnation.all-violations.yaml"
    edit(file, '    default: ""\n', "")
    draft = workspace / "examples" / "mali-2023.yaml"
    text = draft.read_text(encoding="utf-8")
    start = text.index("      - clause: condemnation.all-violations")
    end = text.index("\n      - ", start + 10) if "\n      - " in text[start + 10 :] else len(text)
    draft.write_text(
        text[:start] + "      - clause: condemnation.all-violations\n" + text[end:],
        encoding="utf-8",
    )
    [message] = check(cli, workspace, draft)
    line = line_of(draft, "- clause: condemnation.all-violations")
    assert message.startswith(
        f"{draft}:{line}: blocks[0].items[0]: clause 'condemnation.all-violations'"
    )
    assert "needs parameter 'trend'" in message


def test_jinja_syntax_error(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "{{ report.ordinal }}", "{{ report.ordinal }")
    [message] = check(cli, workspace)
    assert message.startswith(f"{file}:")
    assert ": body: template syntax error:" in message
    line = int(message.split(":")[1])
    assert line_of(file, "body:") < line <= line_of(file, "{{ report.ordinal }")


def test_sandbox_violation(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "{{ meeting.kind }}", "{{ ''.__class__.__mro__ }}")
    [message] = check(cli, workspace)
    assert message.startswith(f"{file}:{line_of(file, '__mro__')}: body: access to '__")
    assert message.endswith("__' is not allowed in a template")


def test_unknown_family_and_recipient(cli: Cli, workspace: Path) -> None:
    file = workspace / "clauses/condemnation/condemnation.all-violations.yaml"
    edit(file, "family: condemnation", "family: condemnations")
    edit(file, "recipients: [parties-statement]", "recipients: [parties]")
    messages = check(cli, workspace)
    assert (
        f"{file}:{line_of(file, 'family:')}: family: unknown family 'condemnations' (see templates/families.yaml)"
        in messages
    )
    assert (
        f"{file}:{line_of(file, 'recipients:')}: recipients: unknown recipient 'parties' (see templates/channels/)"
        in messages
    )


def test_bad_draft_value_types(cli: Cli, workspace: Path) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    edit(draft, "meeting: {date: 2023-03-31", "meeting: {date: 31 March 2023")
    [message] = check(cli, workspace, draft)
    assert message.startswith(
        f"{draft}:{line_of(draft, 'meeting: {date')}: situation.meeting.date: "
    )


def test_runtime_template_error_is_found_by_check(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "{{ meeting.kind }}", "{{ 1 // 0 }}")
    [message] = check(cli, workspace)
    assert message.startswith(f"{file}:{line_of(file, 'body:')}: body: clause 'opening.meeting': ")
    assert "ZeroDivisionError" in message
