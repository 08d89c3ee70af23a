"""Every kind of bad input gets one clear message naming file, line and field."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MALI, ROOT, Cli
from tests.editing import edit, line_of, problems

MEETING = Path("clauses/opening/opening.meeting.yaml")


def check(cli: Cli, workspace: Path, *drafts: Path) -> list[str]:
    return problems(cli, "--library", workspace, "check", *drafts)


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
    text = line_of(file, "body:") + 1  # where the template's text starts (body: >-)
    assert message.startswith(f"{file}:{text}: body: clause 'opening.meeting': ")
    assert "ZeroDivisionError" in message


# --- files that are not drafts (issue 9) -----------------------------------------------

NOT_DRAFTS = {
    "word.docx": "this is a Word document (.docx), not a wgdraft draft",
    "scan.pdf": "this is a PDF document, not a wgdraft draft",
    "clause.yaml": "this is a clause of the library (id opening.meeting), not a draft; "
    "edit it with `wgdraft clause edit opening.meeting`",
    "channel.yaml": "this is a channel file of the templates (templates/channels/), not a draft",
    "list.yaml": "this is a YAML list, not a draft",
    "scalar.yaml": "this is plain text, not a wgdraft draft",
    "empty.yaml": "the file is empty (or only comments), not a draft",
    "latin1.yaml": "the file is not UTF-8 text",
    "binary.yaml": "this is a binary file, not text, not a wgdraft draft",
}


def make_not_draft(name: str, folder: Path, workspace: Path) -> Path:
    """A file of the kind ``name`` says, built the way a user's would be."""
    path = folder / name
    if name == "word.docx":
        import docx

        document = docx.Document()
        document.add_paragraph("The Working Group on Children and Armed Conflict ...")
        document.save(str(path))
    elif name == "scan.pdf":
        path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n")
    elif name == "clause.yaml":
        path.write_bytes((workspace / MEETING).read_bytes())
    elif name == "channel.yaml":
        path.write_bytes((workspace / "templates/channels/council.yaml").read_bytes())
    elif name == "list.yaml":
        path.write_text("- situation: Mali\n- blocks: []\n", encoding="utf-8")
    elif name == "scalar.yaml":
        path.write_text("Conclusions on children and armed conflict in Mali\n", encoding="utf-8")
    elif name == "empty.yaml":
        path.write_text("", encoding="utf-8")
    elif name == "latin1.yaml":
        path.write_bytes("situation:\n  country: {name: Côte d'Ivoire}\n".encode("latin-1"))
    elif name == "binary.yaml":
        path.write_bytes(bytes(range(256)) * 4)
    return path


@pytest.mark.parametrize("name", NOT_DRAFTS)
@pytest.mark.parametrize("command", [("check",), ("render", "--format", "text"), ("render",)])
def test_a_file_that_is_not_a_draft_gets_one_message(
    cli: Cli, workspace: Path, tmp_path: Path, name: str, command: tuple[str, ...]
) -> None:
    path = make_not_draft(name, tmp_path, workspace)
    result = cli(
        "--library",
        workspace,
        *command,
        path,
        *(["-o", tmp_path / "out"] * (command == ("render",))),
    )
    assert result.code == 1
    lines = [line for line in result.err.splitlines() if not line.endswith("problem(s) found")]
    assert len(lines) == 1, result.err
    assert lines[0].startswith(f"{path}:")
    assert NOT_DRAFTS[name] in lines[0]
    assert not (tmp_path / "out").exists()


def test_a_word_document_of_conclusions_says_what_to_do(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    path = make_not_draft("word.docx", tmp_path, workspace)
    [message] = check(cli, workspace, path)
    assert (
        'start a new draft from an earlier one (run `wgdraft`, then "New draft from an' in message
    )
    assert "importing adopted texts from Word or PDF is planned" in message


@pytest.mark.parametrize("name", ["word.docx", "clause.yaml", "latin1.yaml"])
def test_edit_of_a_file_that_is_not_a_draft_exits_with_one_message(
    workspace: Path, tmp_path: Path, name: str
) -> None:
    """The terminal UI is not even started (a subprocess: the old code crashed in it)."""
    path = make_not_draft(name, tmp_path, workspace)
    result = subprocess.run(
        [sys.executable, "-m", "wgdraft", "--library", str(workspace), "edit", str(path)],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(ROOT), "WGDRAFT_STATE_DIR": str(tmp_path / "st")},
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"{path}:") and NOT_DRAFTS[name] in line


# --- the same files opened in the terminal UI --------------------------------------------


@pytest.fixture
def _tui_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No recent drafts (the Open dialog asks for a path), no recovery files."""
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)


def notifications(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{n.title}: {n.message}" for n in app._notifications]


async def wait_for_notification(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    for _ in range(100):
        if notifications(pilot.app):
            break
        await pilot.pause()
    return notifications(pilot.app)


async def open_from_start_screen(pilot, path: Path) -> None:  # type: ignore[no-untyped-def]
    from tests.functional.tui_helpers import fill, screen_name

    assert screen_name(pilot) == "StartScreen"
    await pilot.press("o")
    await pilot.pause()
    assert screen_name(pilot) == "LineDialog"  # one line: enter opens it
    await fill(pilot, "#text", str(path))
    await pilot.press("enter")
    await pilot.pause()


@pytest.mark.usefixtures("_tui_state")
@pytest.mark.parametrize("how", ["build_app", "open dialog"])
async def test_tui_opening_a_word_document_notifies(
    library, workspace: Path, tmp_path: Path, how: str
) -> None:  # type: ignore[no-untyped-def]
    from tests.functional.tui_helpers import screen_name
    from tui.app import build_app

    path = make_not_draft("word.docx", tmp_path, workspace)
    app = build_app(library, path if how == "build_app" else None)
    async with app.run_test(size=(140, 45)) as pilot:
        if how == "open dialog":
            await open_from_start_screen(pilot, path)
        [message] = await wait_for_notification(pilot)
        assert message.startswith(f"Cannot open: {path}: this is a Word document (.docx)")
        assert screen_name(pilot) == "StartScreen"
        await pilot.press("t", "ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "StartScreen"
    assert app.return_code in (None, 0)


@pytest.mark.usefixtures("_tui_state")
@pytest.mark.parametrize("how", ["build_app", "open dialog"])
async def test_tui_never_writes_into_a_clause_opened_as_a_draft(workspace: Path, how: str) -> None:
    """Opening a clause file as a draft, then t and ctrl+s, used to write an 'opening:'
    key into the shared clause file."""
    from tests.functional.tui_helpers import screen_name
    from tui.app import build_app
    from wgdraft.library import load_library

    library = load_library(workspace / "clauses", workspace / "templates")
    copy = workspace / "clauses" / "opening" / "my-copy.yaml"
    copy.write_bytes((workspace / MEETING).read_bytes())
    before = copy.read_bytes()
    app = build_app(library, copy if how == "build_app" else None)
    async with app.run_test(size=(140, 45)) as pilot:
        if how == "open dialog":
            await open_from_start_screen(pilot, copy)
        [message] = await wait_for_notification(pilot)
        assert message.startswith(f"Cannot open: {copy}:1: this is a clause of the library")
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "StartScreen"
    assert copy.read_bytes() == before


# --- sizes ---------------------------------------------------------------------------


def with_opening_items(count: int) -> str:
    items = "".join(f"  - text: Free paragraph number {i}.\n" for i in range(count))
    return MALI.read_text(encoding="utf-8").replace("\nopening:\n", "\nopening:\n" + items, 1)


def test_ten_thousand_blocks_are_refused_at_the_blocks_line(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    blocks = "".join(
        f"  - channel: parties-statement\n    items:\n      - text: Paragraph {i}.\n"
        for i in range(10_000)
    )
    draft = tmp_path / "huge.yaml"
    draft.write_text(
        MALI.read_text(encoding="utf-8").replace("\nblocks:\n", "\nblocks:\n" + blocks, 1),
        encoding="utf-8",
    )
    [message] = check(cli, workspace, draft)
    line = draft.read_text(encoding="utf-8").splitlines().index("blocks:") + 1
    assert message.startswith(f"{draft}:{line}: blocks: ")
    assert "at most 500 items" in message


def test_a_thousand_item_draft_is_legitimate(cli: Cli, workspace: Path, tmp_path: Path) -> None:
    draft = tmp_path / "long.yaml"
    draft.write_text(with_opening_items(1000), encoding="utf-8")
    result = cli("--library", workspace, "render", "--format", "text", draft)
    assert result.code == 0, result.err
    assert "Free paragraph number 999." in result.out


@pytest.mark.usefixtures("_tui_state")
async def test_tui_opening_a_pipe_says_what_it_is(library, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from tui.app import build_app

    fifo = tmp_path / "draft.yaml"
    os.mkfifo(fifo)
    app = build_app(library, fifo)
    async with app.run_test(size=(140, 45)) as pilot:
        [message] = await wait_for_notification(pilot)
        assert (
            message
            == f"Cannot open: {fifo}: this is not a regular file (a pipe or device); give a YAML file"
        )


def test_clause_where_skips_a_pipe_among_the_drafts(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    """Finding drafts read every *.yaml file; a pipe named like one blocked forever."""
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    os.mkfifo(drafts / "stuck.yaml")
    (drafts / "mali.yaml").write_bytes(MALI.read_bytes())
    result = cli("--library", workspace, "clause", "--drafts", drafts, "where", "icc.referral")
    assert result.code == 0, result.err
    assert "mali.yaml" in result.out


def test_a_clause_from_a_word_document_gets_one_message(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    path = make_not_draft("word.docx", tmp_path, workspace)
    result = cli(
        "--library", workspace, "clause", "new", "x.y", "--family", "icc", "--title", "T",
        "--from-draft", path, "--item", "opening[0]",
    )  # fmt: skip
    assert result.code == 1
    [line] = result.err.splitlines()
    assert line.startswith(f"{path}: this is a Word document (.docx), not a wgdraft draft")


def test_a_draft_with_clause_like_fields_is_still_a_draft(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    draft = tmp_path / "d.yaml"
    draft.write_text(
        "title: Mali\nbody: text\n" + MALI.read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert check(cli, workspace, draft) == [
        f"{draft}:1: title: unknown field (check its spelling)",
        f"{draft}:2: body: unknown field (check its spelling)",
    ]


def test_a_word_document_and_a_pipe_among_the_clauses(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    word = make_not_draft("word.docx", tmp_path, workspace)
    (workspace / "clauses" / "word.yaml").write_bytes(word.read_bytes())
    os.mkfifo(workspace / "clauses" / "stuck.yaml")
    assert sorted(check(cli, workspace)) == [
        f"{workspace}/clauses/stuck.yaml: this is not a regular file (a pipe or device); "
        "give a YAML file",
        f"{workspace}/clauses/word.yaml: this is a Word document (.docx), not a YAML text file",
    ]


def test_a_stray_nul_byte_in_a_clause_is_located(cli: Cli, workspace: Path) -> None:
    file = workspace / MEETING
    edit(file, "family: opening", "family: open\x00ing")
    assert check(cli, workspace) == [
        f"{file}:{line_of(file, 'family:')}: contains the character U+0000, which YAML files "
        "cannot hold; remove it"
    ]
