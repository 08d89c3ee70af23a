"""Files the tool writes get the user's umask, as any editor's do, so colleagues on a
shared drive can open a bundle; a replaced file keeps its previous mode."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MALI, Cli
from wgdraft import draftfile
from wgdraft.library import Library
from wgdraft.session import DraftSession, recovery_file


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask() -> Iterator[None]:
    """Sets the umask to 0o022 for the test (tests may change it); restores it after."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


@pytest.mark.parametrize(
    ("mask", "expected"), [(0o022, 0o644), (0o002, 0o664)], ids=["umask022", "umask002"]
)
def test_bundle_files_follow_the_umask(
    cli: Cli, tmp_path: Path, umask: None, mask: int, expected: int
) -> None:
    os.umask(mask)
    out = tmp_path / "out"
    result = cli("render", MALI, "-o", out)
    assert result.code == 0, result.err
    files = [p for p in out.rglob("*") if p.is_file()]
    assert len(files) > 5
    assert {p.relative_to(out).as_posix(): oct(mode(p)) for p in files} == {
        p.relative_to(out).as_posix(): oct(expected) for p in files
    }
    folders = [out, *(p for p in out.rglob("*") if p.is_dir())]
    assert {oct(mode(p)) for p in folders} == {oct(0o777 & ~mask)}


@pytest.mark.parametrize(
    ("mask", "expected"), [(0o022, 0o644), (0o002, 0o664)], ids=["umask022", "umask002"]
)
def test_drafts_clauses_and_recovery_files_follow_the_umask(
    cli: Cli,
    workspace: Path,
    library: Library,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    umask: None,
    mask: int,
    expected: int,
) -> None:
    os.umask(mask)
    draft = workspace / "examples" / "mali-2023.yaml"
    copy = workspace / "examples" / "copy.yaml"
    session = DraftSession.open(draft, library)
    session.save(copy)
    assert oct(mode(copy)) == oct(expected)
    session.update_situation({"country": {"name": "Mali"}})
    recovery = session.write_recovery()
    assert recovery == recovery_file(copy)
    assert oct(mode(recovery)) == oct(expected)
    result = cli(
        "--library",
        workspace,
        "clause",
        "new",
        "test.permissions",
        "--family",
        "condemnation",
        "--title",
        "Permissions",
        "--body",
        "Condemns all violations.",
    )
    assert result.code == 0, result.err
    (created,) = (workspace / "clauses").rglob("test.permissions.yaml")
    assert oct(mode(created)) == oct(expected)


def test_a_replaced_file_keeps_its_mode(
    cli: Cli, workspace: Path, tmp_path: Path, umask: None
) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    draft.chmod(0o640)
    draftfile.save(draft, draftfile.load(draft))
    assert oct(mode(draft)) == oct(0o640)
    out = tmp_path / "out"
    assert cli("--library", workspace, "render", draft, "-o", out).code == 0
    (out / "conclusions.docx").chmod(0o640)
    out.chmod(0o750)
    assert cli("--library", workspace, "render", draft, "-o", out).code == 0
    assert oct(mode(out / "conclusions.docx")) == oct(0o640)
    assert oct(mode(out / "letters" / "06-government-letter.docx")) == oct(0o644)
    assert oct(mode(out)) == oct(0o750)
