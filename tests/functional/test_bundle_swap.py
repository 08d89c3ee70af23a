"""A bundle on disk is always all old or all new (issue 9).

The render runs in a child process that SIGKILLs itself at the k-th file-system call
(os.replace, os.rename, os.unlink, os.rmdir, os.mkdir, os.link, os.open, os.fsync,
os.chmod and the folder exchange), for every k until a run completes. After each kill
the output folder must hold exactly the old bundle or exactly the new one (with the
user's own files), compared file by file, byte for byte; the next run must leave the
new bundle and nothing else beside it.
"""

from __future__ import annotations

import os
import shutil
import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import MALI
from wgdraft import atomic, output
from wgdraft.drafts import build_bundle
from wgdraft.library import Library

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork")

COUNTED = ("replace", "rename", "unlink", "rmdir", "mkdir", "link", "open", "fsync", "chmod")
USER_FILES = {"notes.txt": b"the user's own notes", "letters/mine.txt": b"kept beside letters"}


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write(folder: Path, files: dict[str, bytes]) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    for name, data in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)


def render(draft: Path, library: Library, out: Path) -> None:
    output.write_bundle(build_bundle(draft, library), library, out, "text", source="draft")


def killed_at(k: int, job: Callable[[], None], exchange: bool) -> bool:
    """Run ``job`` in a child that SIGKILLs itself at its k-th counted call once the
    render is in memory; True if it was killed, False if it finished."""
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        try:
            calls = 0
            counting = False

            def counted(function: Callable[..., Any]) -> Callable[..., Any]:
                def wrapper(*args: Any, **kwargs: Any) -> Any:
                    nonlocal calls
                    if counting:
                        calls += 1
                        if calls == k:
                            os.kill(os.getpid(), signal.SIGKILL)
                    return function(*args, **kwargs)

                return wrapper

            for name in COUNTED:
                setattr(os, name, counted(getattr(os, name)))
            atomic.exchange = counted(atomic.exchange if exchange else lambda a, b: False)
            render_files = output.render_files

            def rendered(*args: Any, **kwargs: Any) -> Any:
                nonlocal counting
                files = render_files(*args, **kwargs)
                counting = True
                return files

            output.render_files = rendered
            job()
        except BaseException:
            os._exit(3)
        os._exit(0)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        assert os.WTERMSIG(status) == signal.SIGKILL
        return True
    assert os.WEXITSTATUS(status) == 0, "the render failed in the child"
    return False


@pytest.mark.parametrize("exchange", [True, False], ids=["exchange", "two-renames"])
def test_killed_at_any_step_the_bundle_is_old_or_new(
    library: Library, tmp_path: Path, exchange: bool
) -> None:
    if exchange and not atomic.exchange(*_two_folders(tmp_path)):
        pytest.skip("this file system cannot exchange folders")
    old_draft, new_draft = tmp_path / "old.yaml", tmp_path / "new.yaml"
    text = MALI.read_text(encoding="utf-8")
    old_draft.write_text(text, encoding="utf-8")
    start, end = text.index("  - channel: donors-letter"), text.index("\nannex:")
    changed = text[:start] + text[end + 1 :]  # one letter fewer, and every file changes:
    new_draft.write_text(changed.replace("date: 2023-03-31", "date: 2023-03-30"), "utf-8")

    parent = tmp_path / "shared"
    out = parent / "bundle"
    render(old_draft, library, out)
    write(out, {**tree(out), **USER_FILES})
    old = tree(out)
    render(new_draft, library, out)
    new = tree(out)
    assert set(old) - set(new) == {"letters/11-donors-letter.txt"}
    assert all(old[name] != new[name] for name in set(old) & set(new) - set(USER_FILES))

    kills = missing = 0
    for k in range(1, 1000):
        write(out, old)
        if not killed_at(k, lambda: render(new_draft, library, out), exchange):
            break
        kills += 1
        if out.exists():
            state = tree(out)
            assert state in (old, new), f"killed at call {k}: a mixed bundle"
        else:  # only between the two renames, and the old folder is there to go back
            assert not exchange, f"killed at call {k}: the folder is missing"
            assert [p for p in parent.iterdir() if ".wgdraft-old-" in p.name]
            missing += 1
        render(new_draft, library, out)  # the next run
        assert tree(out) == new, f"killed at call {k}: the next run left a wrong bundle"
        assert [p.name for p in parent.iterdir()] == ["bundle"], f"leftovers after kill {k}"
    assert tree(out) == new and [p.name for p in parent.iterdir()] == ["bundle"]
    assert kills > 20  # every step of the write was interrupted once
    assert missing == (0 if exchange else 1)  # the one moment between the two renames


def _two_folders(tmp_path: Path) -> tuple[Path, Path]:
    a, b = tmp_path / "probe-a", tmp_path / "probe-b"
    a.mkdir()
    b.mkdir()
    return a, b


def test_temporary_files_of_an_interrupted_write_are_removed(
    library: Library, tmp_path: Path
) -> None:
    """Temporary files of an interrupted per-file write are not carried into the bundle."""
    out = tmp_path / "bundle"
    render(MALI, library, out)
    (out / ".conclusions.txt.ab12cd34.tmp").write_bytes(b"half a file")
    (out / "letters" / ".06-government-letter.txt.x_y9z0q1.tmp").write_bytes(b"half")
    render(MALI, library, out)
    assert not [p for p in out.rglob(".*")]


@pytest.mark.parametrize("links", [True, False], ids=["hard-links", "copies"])
def test_files_the_user_saves_during_the_swap_are_kept(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, links: bool
) -> None:
    out = tmp_path / "bundle"
    render(MALI, library, out)
    write(out, {**tree(out), **USER_FILES})
    if not links:  # a file system without hard links: the user's files are copied

        def no_link(*args: Any, **kwargs: Any) -> None:
            raise OSError(1, "Operation not permitted")

        monkeypatch.setattr(os, "link", no_link)
    exchange = atomic.exchange

    def user_saves_meanwhile(a: Path, b: Path) -> bool:
        (out / "late.txt").write_bytes(b"saved during the swap")
        (out / "notes.txt").write_bytes(b"edited during the swap")
        return exchange(a, b)

    monkeypatch.setattr(atomic, "exchange", user_saves_meanwhile)
    render(MALI, library, out)
    assert (out / "late.txt").read_bytes() == b"saved during the swap"
    assert (out / "notes.txt").read_bytes() == b"edited during the swap"
    assert (out / "letters" / "mine.txt").read_bytes() == USER_FILES["letters/mine.txt"]
    assert [p.name for p in tmp_path.iterdir()] == ["bundle"]


def test_a_render_in_progress_elsewhere_is_left_alone(library: Library, tmp_path: Path) -> None:
    out = tmp_path / "bundle"
    running = tmp_path / f".bundle.wgdraft-swap-{os.getppid()}-0123abcd"
    dead = tmp_path / ".bundle.wgdraft-swap-999999999-0123abcd"
    for folder in (running, dead):
        write(folder, {"conclusions.txt": b"half"})
    render(MALI, library, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["bundle", running.name])


def test_the_new_bundle_wins_over_a_user_file_of_the_same_name(
    library: Library, tmp_path: Path
) -> None:
    text = MALI.read_text(encoding="utf-8")
    start, end = text.index("  - channel: donors-letter"), text.index("\nannex:")
    without = tmp_path / "without.yaml"
    without.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    out = tmp_path / "bundle"
    render(without, library, out)
    (out / "letters" / "11-donors-letter.txt").write_bytes(b"the user's own")
    render(MALI, library, out)
    expected = tmp_path / "expected"
    render(MALI, library, expected)
    assert tree(out) == tree(expected)
