"""The command line: render, check, clauses, schema, version."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MALI, ROOT, Cli
from wgdraft import __version__


def test_version(cli: Cli) -> None:
    with pytest.raises(SystemExit) as info:
        cli("--version")
    assert info.value.code == 0


def test_version_through_the_console_script() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "wgdraft", "--version"], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == f"wgdraft {__version__}"


def test_render_text_to_stdout(cli: Cli) -> None:
    result = cli("render", MALI, "--format", "text")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "Working Group on Children and Armed Conflict"
    assert "Conclusions on children and armed conflict in Mali" in lines
    assert any(
        line.startswith("1. During a formal meeting held on 31 March 2023") for line in lines
    )
    assert "Public statement by the Chair of the Working Group" in lines


def test_render_docx_to_default_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("render", MALI)
    assert result.code == 0, result.err
    target = tmp_path / "wgdraft-out" / "mali-2023" / "conclusions.docx"
    assert target.is_file() and target.stat().st_size > 5000
    assert str(Path("wgdraft-out/mali-2023/conclusions.docx")) in result.out


def test_render_text_to_folder(cli: Cli, tmp_path: Path) -> None:
    result = cli("render", MALI, "--format", "text", "-o", tmp_path / "out")
    assert result.code == 0, result.err
    text = (tmp_path / "out" / "conclusions.txt").read_text(encoding="utf-8")
    assert text.startswith("Working Group on Children and Armed Conflict\n")


def test_failed_render_leaves_previous_output(cli: Cli, workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    draft = workspace / "examples" / "mali-2023.yaml"
    assert cli("--library", workspace, "render", draft, "-o", out).code == 0
    before = (out / "conclusions.docx").read_bytes()
    draft.write_text(
        draft.read_text(encoding="utf-8").replace(
            "clause: condemnation.all-violations", "clause: condemnation.no-such-clause"
        ),
        encoding="utf-8",
    )
    result = cli("--library", workspace, "render", draft, "-o", out)
    assert result.code == 1
    assert "no-such-clause" in result.err
    assert (out / "conclusions.docx").read_bytes() == before
    assert not [p for p in out.rglob(".*")]  # no temp files left


def test_check_passes_on_bundled_library_and_examples(cli: Cli) -> None:
    result = cli("check", ROOT / "examples")
    assert result.code == 0, result.err
    assert result.out.startswith("ok: ")


def test_check_missing_path(cli: Cli, tmp_path: Path) -> None:
    result = cli("check", tmp_path / "nope.yaml")
    assert result.code == 1
    assert "nope.yaml: no such file or folder" in result.err


def test_clauses_lists_and_filters(cli: Cli, library) -> None:  # type: ignore[no-untyped-def]
    result = cli("clauses")
    assert result.code == 0
    listed = [line.split()[0] for line in result.out.splitlines()]
    assert sorted(listed) == sorted(library.clauses)
    result = cli("clauses", "--family", "condemnation", "--precedents")
    assert "condemnation.all-violations" in result.out
    assert "opening.meeting" not in result.out
    assert (
        "- Conclusions on children and armed conflict in Mali, 2023, paragraph 4 (a)" in result.out
    )
    result = cli("clauses", "--search", "ALSO addressed")
    assert [line.split()[0] for line in result.out.splitlines()] == [
        "opening.follow-up-report",  # paragraph 1 with the earlier report it follows up
        "opening.meeting",
    ]


def test_schema_is_json_schema_for_clause_and_draft(cli: Cli) -> None:
    result = cli("schema")
    schemas = json.loads(result.out)
    assert {"clause", "draft"} <= set(schemas)
    assert "body" in schemas["clause"]["properties"]
    assert schemas["clause"]["additionalProperties"] is False
    assert "situation" in schemas["draft"]["properties"]
    clause = json.loads(cli("schema", "clause").out)
    assert clause["title"] == "Clause"


def test_library_from_environment_variable(
    cli: Cli, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (workspace / "clauses" / "opening" / "opening.meeting.yaml").unlink()
    monkeypatch.setenv("WGDRAFT_LIBRARY", str(workspace))
    listed = cli("clauses").out
    assert "opening.meeting" not in listed and "opening.resolutions" in listed


def test_no_traceback_for_user_errors(workspace: Path) -> None:
    bad = workspace / "clauses" / "opening" / "opening.meeting.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "wgdraft", "--library", str(workspace), "check"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert f"{bad}:2: malformed YAML" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["clauses"],
        ["render", str(MALI), "--format", "text"],
        ["edit", str(MALI)],
        ["clause", "show", "opening.meeting"],
        ["clause", "where", "opening.meeting"],
        ["clause", "rename", "opening.meeting", "opening.met"],
        ["clause", "rm", "opening.meeting"],
    ],
    ids=lambda c: " ".join(c[:2]),
)
@pytest.mark.parametrize("option", ["--library", "--templates"])
def test_global_options_work_after_the_subcommand(
    cli: Cli, tmp_path: Path, command: list[str], option: str
) -> None:
    """`wgdraft check --library DIR` and the like: the option is read, not refused."""
    missing = tmp_path / "no-such-folder"
    result = cli(*command, option, missing)
    assert result.code == 1, result.err
    assert "unrecognized arguments" not in result.err
    assert str(missing) in result.err and "not found" in result.err


def test_global_option_after_the_subcommand_is_the_one_used(cli: Cli, workspace: Path) -> None:
    (workspace / "clauses" / "opening" / "opening.meeting.yaml").unlink()
    listed = cli("clauses", "--library", workspace).out
    assert "opening.meeting" not in listed and "opening.resolutions" in listed
    before = cli("--library", workspace, "clauses").out
    assert before == listed
    after = cli("--library", workspace / "nope", "clauses", "--library", workspace).out
    assert after == listed
    shown = cli("clause", "show", "opening.resolutions", "--library", workspace)
    assert shown.code == 0, shown.err
    assert str(workspace / "clauses") in shown.out


def test_help_text_lists_the_global_options(capsys: pytest.CaptureFixture[str]) -> None:
    from wgdraft.cli import main

    for command in ([], ["render"], ["check"], ["clauses"], ["clause", "show"], ["init"]):
        with pytest.raises(SystemExit) as info:
            main([*command, "--help"])
        assert info.value.code == 0
        text = capsys.readouterr().out
        assert "--library DIR" in text and "--templates DIR" in text, command
