"""Path mistakes and disk errors when writing: one line saying what is wrong and what to
do, exit 1, never a traceback; the default output folder stays inside wgdraft-out/."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import MALI, ROOT, Cli


def one_line(err: str) -> str:
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]


def test_output_naming_an_existing_file(cli: Cli, tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("mine", encoding="utf-8")
    result = cli("render", MALI, "-o", afile)
    assert result.code == 1
    assert one_line(result.err) == (
        f"{afile}: is a file, not a folder; give -o a folder (created if missing)"
    )
    assert afile.read_text(encoding="utf-8") == "mine"


def test_output_under_a_file(cli: Cli, tmp_path: Path) -> None:
    afile = tmp_path / "notes.txt"
    afile.write_text("mine", encoding="utf-8")
    result = cli("render", MALI, "-o", afile / "sub")
    assert result.code == 1
    assert one_line(result.err) == (
        f"{afile / 'sub'}: cannot be created: {afile} is a file; choose another folder with -o"
    )


def test_output_where_nothing_can_be_created(cli: Cli) -> None:
    result = cli("render", MALI, "-o", "/proc/wgdraft-out")
    assert result.code == 1
    line = one_line(result.err)
    assert line.startswith("/proc/wgdraft-out: cannot write the bundle here (")
    assert line.endswith("choose a folder you can write to with -o")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_output_in_a_read_only_folder(cli: Cli, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        result = cli("render", MALI, "-o", locked / "out")
    finally:
        locked.chmod(0o755)
    assert result.code == 1
    assert one_line(result.err).startswith(f"{locked / 'out'}: cannot write here (")


def test_output_refused_by_the_system(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder as root would see it: mkdir refused."""

    def refused(path: object, *args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(os, "mkdir", refused)
    result = cli("render", MALI, "-o", tmp_path / "out")
    assert result.code == 1
    assert one_line(result.err) == (
        f"{tmp_path / 'out'}: cannot write here (Permission denied); "
        "choose a folder you can write to with -o"
    )


def test_disk_full_keeps_the_previous_bundle(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    assert cli("render", MALI, "-o", out).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    calls = 0
    fsync = os.fsync

    def full(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(fd)

    monkeypatch.setattr(os, "fsync", full)
    result = cli("render", MALI, "-o", out)
    assert result.code == 1
    assert one_line(result.err) == (
        f"{out}: the disk is full; free some space and render again (the bundle is unchanged)"
    )
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


def test_output_that_is_the_current_folder_is_refused(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = cli("render", MALI, "-o", ".")
    assert result.code == 1
    assert one_line(result.err).startswith(".: is the current folder or holds it; ")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.txt"]


def test_init_under_a_file(cli: Cli, tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    result = cli("init", afile / "sub")
    assert result.code == 1
    assert one_line(result.err) == (
        f"{afile / 'sub'}: cannot be created: {afile} is a file; choose another place"
    )


def test_init_on_a_folder_that_is_not_empty(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "mine.txt").write_text("mine", encoding="utf-8")
    result = cli("init", tmp_path)
    assert result.code == 1
    assert one_line(result.err) == (
        f"{tmp_path}: the folder exists and is not empty; "
        "give 'wgdraft init' the name of a new or empty folder"
    )


def test_init_where_nothing_can_be_created(cli: Cli) -> None:
    result = cli("init", "/proc/wgdraft-workspace")
    assert result.code == 1
    assert one_line(result.err).startswith(
        "/proc/wgdraft-workspace: cannot create the workspace here ("
    )


def test_no_traceback_through_the_console_script(tmp_path: Path) -> None:
    afile = tmp_path / "afile"
    afile.write_text("mine", encoding="utf-8")
    for args in (["render", str(MALI), "-o", str(afile / "x")], ["init", str(afile / "x")]):
        result = subprocess.run(
            [sys.executable, "-m", "wgdraft", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert result.returncode == 1
        assert one_line(result.stderr).endswith(
            f"{afile} is a file; "
            + ("choose another folder with -o" if args[0] == "render" else "choose another place")
        )


@pytest.mark.parametrize(
    ("name", "folder"),
    [("...yaml", "draft"), ("..yaml", "draft"), (".yaml", "yaml"), ("a b.yaml", "a b")],
)
def test_default_output_folder_stays_inside_wgdraft_out(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, folder: str
) -> None:
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    shutil.copy(MALI, drafts / name)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = cli("render", drafts / name)
    assert result.code == 0, result.err
    assert [p.name for p in work.iterdir()] == ["wgdraft-out"]
    assert [p.name for p in (work / "wgdraft-out").iterdir()] == [folder]
    assert (work / "wgdraft-out" / folder / "conclusions.docx").is_file()
    assert sorted(p.name for p in drafts.iterdir()) == [name]
