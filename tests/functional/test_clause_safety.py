"""Library editing never damages the shared library or a draft: rename and rm refuse
while a possible draft cannot be read; a rename killed half way is finished by the next
command; two edits saved at once never both say "saved"; what `clause edit` saves reads
the same in the library (YAML 1.1); OS errors are one line."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, Cli
from tests.functional.test_clause_cli import (
    ICC,
    MALI,
    NOTE,
    TITLE,
    Editor,
    check_ok,
    refused,
    snapshot,
)
from wgdraft import clausefile
from wgdraft.library import load_library

NEW = Path("clauses/icc/icc.referral-2012.yaml")
JOURNAL = Path("clauses/.wgdraft-rename.json")


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    return Editor(tmp_path, monkeypatch)


def rename(cli: Cli, ws: Path, *extra: str | Path) -> list[str]:
    """`clause rename icc.referral icc.referral-2012`, which must be refused, changing
    nothing; the error lines."""
    return refused(cli, ws, "clause", *extra, "rename", "icc.referral", "icc.referral-2012")


# --- rename and rm with drafts that cannot be read -------------------------------------

MALI_TEXT = (ROOT / MALI).read_text(encoding="utf-8")

UNREADABLE = {
    # a draft with one Latin-1 byte in a comment
    "latin-1": MALI_TEXT.encode() + "# r\xe9sum\xe9\n".encode("latin-1"),
    # a draft with a YAML syntax error on its last line
    "malformed": (MALI_TEXT + "annex: [unclosed\n").encode(),
    # not a draft at all, but nobody can tell: it may have been one
    "garbage": b"\x00\x01\x02PK\x03\x04",
}


@pytest.mark.parametrize("kind", sorted(UNREADABLE))
@pytest.mark.parametrize("action", ["rename", "rm"])
def test_rename_and_rm_refuse_while_a_possible_draft_cannot_be_read(
    cli: Cli, workspace: Path, kind: str, action: str
) -> None:
    broken = workspace / "drafts/mali-copy.yaml"
    broken.parent.mkdir()
    broken.write_bytes(UNREADABLE[kind])
    if action == "rm":  # a clause no readable draft uses
        (workspace / MALI).unlink()
        errors = refused(cli, workspace, "clause", "rm", "icc.referral")
    else:
        errors = rename(cli, workspace)
    assert len(errors) == 1
    assert errors[0].startswith(f"{broken}")
    reason = {"latin-1": "not UTF-8 text", "malformed": "malformed YAML", "garbage": ""}[kind]
    assert reason in errors[0]
    assert errors[0].endswith(
        f"(it may be a draft that uses 'icc.referral': fix it, or move it out of {workspace})"
    )
    if kind == "malformed":
        end = MALI_TEXT.count("\n") + 2  # the end of the file
        assert errors[0].startswith(f"{broken}:{end}: malformed YAML: ")


def test_every_unreadable_file_is_named(cli: Cli, workspace: Path) -> None:
    for name, data in UNREADABLE.items():
        (workspace / f"{name}.yml").write_bytes(data)
    errors = rename(cli, workspace)
    assert [e.split(":")[0] for e in errors] == [
        f"{workspace}/{name}.yml" for name in sorted(UNREADABLE)
    ]


# drafts the old text search did not take for drafts, each using icc.referral
UNRECOGNISED = {
    "quoted-key": MALI_TEXT.replace("\nsituation:\n", '\n"situation":\n'),
    "spaced-key": MALI_TEXT.replace("\nsituation:\n", "\nsituation :\n"),
    "flow": "{situation: {country: {name: Mali}}, opening: [{clause: icc.referral}]}\n",
    "no-situation-yet": "blocks:\n  - channel: government-letter\n"
    "    items:\n      - clause: icc.referral\n",
    "misplaced-item": "situation: {}\nopening: {clause: icc.referral}\n",
    "odd-blocks": "situation: {}\nblocks: [5, {items: [{clause: icc.referral}]}]\n",
}


def test_where_names_the_files_it_could_not_search(cli: Cli, workspace: Path) -> None:
    broken = workspace / "latin-1.yaml"
    broken.write_bytes(UNREADABLE["latin-1"])
    result = cli("--library", workspace, "clause", "where", "icc.referral")
    assert result.code == 0
    assert result.out == f"{workspace / MALI}: blocks[0].items[5]\n"
    [warning, count] = result.err.splitlines()
    assert warning.startswith(
        f"{broken}:{MALI_TEXT.count(chr(10)) + 1}: the file is not UTF-8 text"
    )
    assert warning.endswith("(not searched: it may be a draft that uses 'icc.referral')")
    assert count == "1 use(s)"


def test_rename_updates_drafts_however_they_are_written(cli: Cli, workspace: Path) -> None:
    folder = workspace / "drafts"
    folder.mkdir()
    for name, text in UNRECOGNISED.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    # clearly not drafts: YAML that reads into something else; left alone
    others = {
        "list.yaml": "- clause: icc.referral\n",
        "config.yml": "site_name: Notes\nclause: icc.referral\n",
        "empty.yaml": "",
    }
    for name, text in others.items():
        (folder / name).write_text(text, encoding="utf-8")
    result = cli("--library", workspace, "clause", "rename", "icc.referral", "icc.referral-2012")
    assert (result.code, result.err) == (0, ""), result.err
    updated = [line.removeprefix("updated ") for line in result.out.splitlines()[1:]]
    assert sorted(updated) == sorted(
        [str(workspace / MALI)] + [str(folder / f"{name}.yaml") for name in UNRECOGNISED]
    )
    for name in UNRECOGNISED:
        text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
        assert "icc.referral-2012" in text, name
        assert "clause: icc.referral\n" not in text and "icc.referral}" not in text, name
    for name, text in others.items():
        assert (folder / name).read_text(encoding="utf-8") == text
    where = cli("--library", workspace, "clause", "where", "icc.referral-2012")
    assert len(where.out.splitlines()) == 1 + len(UNRECOGNISED)


def test_rm_sees_uses_in_drafts_however_they_are_written(cli: Cli, workspace: Path) -> None:
    (workspace / MALI).unlink()
    draft = workspace / "flow.yaml"
    draft.write_text(UNRECOGNISED["flow"], encoding="utf-8")
    errors = refused(cli, workspace, "clause", "rm", "icc.referral")
    assert errors == [f"{draft}: uses clause 'icc.referral' at opening[0]"]


def test_a_missing_drafts_folder_is_an_error(cli: Cli, workspace: Path, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-folder"
    for action in (["where", "icc.referral"], ["rename", "icc.referral", "icc.referral-2012"]):
        errors = refused(cli, workspace, "clause", "--drafts", missing, *action)
        assert errors == [f"{missing}: drafts folder not found"]


# --- a rename killed half way ------------------------------------------------------------

KILLER = """\
import os, signal, sys

kill_at, workspace = int(sys.argv[1]), sys.argv[2]
steps = 0
real_replace, real_unlink = os.replace, os.unlink


def step(target):
    global steps
    if os.fspath(target).startswith(workspace):
        steps += 1
        if steps == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)


def replace(src, dst, *args, **kwargs):
    step(dst)
    return real_replace(src, dst, *args, **kwargs)


def unlink(path, *args, **kwargs):
    step(path)
    return real_unlink(path, *args, **kwargs)


os.replace, os.unlink = replace, unlink
from wgdraft.cli import main

sys.exit(main(sys.argv[3:]))
"""


def test_a_rename_killed_at_any_step_is_finished_by_the_next_command(
    cli: Cli, tmp_path: Path
) -> None:
    """SIGKILL before the k-th file replaced or deleted in the workspace, for every k;
    then `check` (or any command that loads the library) leaves one consistent state."""
    killer = tmp_path / "killer.py"
    killer.write_text(KILLER, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    old_id, new_id = "opening.meeting", "opening.meeting-formal"
    drafts = sorted((ROOT / "examples").glob("*.yaml"))
    users = sum(f"clause: {old_id}\n" in p.read_text(encoding="utf-8") for p in drafts)
    finished = False
    for kill_at in range(1, 30):
        ws = tmp_path / f"ws{kill_at}"
        for folder in ("clauses", "templates", "examples"):
            shutil.copytree(ROOT / folder, ws / folder)
        old, new = (
            ws / "clauses/opening/opening.meeting.yaml",
            ws / f"clauses/opening/{new_id}.yaml",
        )
        run = subprocess.run(
            [sys.executable, killer, str(kill_at), str(ws),
             "--library", ws, "clause", "rename", old_id, new_id],
            env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert "Traceback" not in run.stderr
        if run.returncode == 0:  # no step left to kill it at: the rename ran through
            finished = True
            assert not (ws / JOURNAL).exists()
        else:
            assert run.returncode == -9, run.stderr
        result = cli("--library", ws, "check", ws / "examples")
        assert result.code == 0, result.err
        assert not (ws / JOURNAL).exists()
        assert result.err in ("", f"{ws / JOURNAL}: finished an interrupted rename of clause "
                              f"'{old_id}' to '{new_id}'\n")  # fmt: skip
        assert [old.exists(), new.exists()] in ([True, False], [False, True]), kill_at
        assert not [p for p in ws.rglob(".*") if p.suffix == ".tmp"], "leftovers"
        texts = "".join(p.read_text(encoding="utf-8") for p in (ws / "examples").iterdir())
        used = new_id if new.exists() else old_id
        assert texts.count(f"clause: {used}\n") == users, kill_at
        clauses = len(list((ws / "clauses").rglob("*.yaml")))
        # the first line; each draft's counts and tally follow it
        assert result.out.splitlines()[0] == f"ok: {clauses} clauses, {len(drafts)} draft(s)"
        if finished:
            break
    assert finished
    # journal, new clause, each draft that uses it, old clause, journal
    assert kill_at == users + 4 + 1


def test_the_next_command_says_it_finished_a_rename(cli: Cli, workspace: Path) -> None:
    """A journal written, nothing else done yet: `clause where` finishes it first."""
    killer = workspace.parent / "killer.py"
    killer.write_text(KILLER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, killer, "2", str(workspace),
         "--library", workspace, "clause", "rename", "icc.referral", "icc.referral-2012"],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == -9
    assert (workspace / JOURNAL).is_file()
    assert (workspace / ICC).is_file() and not (workspace / NEW).exists()
    result = cli("--library", workspace, "clause", "where", "icc.referral-2012")
    assert result.code == 0
    assert result.err.splitlines() == [
        f"{workspace / JOURNAL}: finished an interrupted rename of clause 'icc.referral' "
        "to 'icc.referral-2012'",
        "1 use(s)",
    ]
    assert result.out == f"{workspace / MALI}: blocks[0].items[5]\n"
    assert not (workspace / ICC).exists() and not (workspace / JOURNAL).exists()


def test_an_interrupted_rename_waits_for_a_draft_broken_meanwhile(
    cli: Cli, workspace: Path
) -> None:
    """Killed after the first of three drafts; then a draft it has still to update is
    damaged: the old clause stays for it until it is fixed, and the rename is then
    finished."""
    killer = workspace.parent / "killer.py"
    killer.write_text(KILLER, encoding="utf-8")
    run = subprocess.run(
        [sys.executable, killer, "4", str(workspace),
         "--library", workspace, "clause", "rename", "opening.meeting", "opening.meeting-formal"],
        env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert run.returncode == -9
    mali = workspace / MALI
    good = mali.read_bytes()
    last_line = good.count(b"\n") + 1
    mali.write_bytes(good + b"# r\xe9sum\xe9\n")
    old = workspace / "clauses/opening/opening.meeting.yaml"
    new = workspace / "clauses/opening/opening.meeting-formal.yaml"
    result = cli("--library", workspace, "check")
    assert result.err.splitlines()[:2] == [
        f"{workspace / JOURNAL}: could not finish an interrupted rename of clause "
        "'opening.meeting' to 'opening.meeting-formal'",
        f"{mali}:{last_line}: the file is not UTF-8 text (a byte here cannot be read);"
        " save it as UTF-8 in your editor; its uses of "
        "'opening.meeting' could not be renamed 'opening.meeting-formal'",
    ]
    assert old.is_file() and new.is_file() and (workspace / JOURNAL).is_file()
    assert "clause: opening.meeting\n" in mali.read_text(encoding="latin-1")
    mali.write_bytes(good)
    result = cli("--library", workspace, "check", workspace / "examples")
    assert result.err.splitlines()[0].endswith("finished an interrupted rename of clause "
                                               "'opening.meeting' to 'opening.meeting-formal'")  # fmt: skip
    assert result.code == 0
    assert not old.exists() and new.is_file() and not (workspace / JOURNAL).exists()
    assert "clause: opening.meeting-formal\n" in mali.read_text(encoding="utf-8")


def test_a_failed_rename_changes_nothing(
    cli: Cli, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The draft cannot be written (a read-only folder, simulated: the tests run as
    root): the clause file written first is taken back."""
    real_replace = os.replace

    def replace(src: str, dst: str) -> None:
        if str(dst).endswith(".yaml") and "examples" in str(dst):
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    errors = rename(cli, workspace)
    assert errors == [f"{workspace / MALI}: nothing was renamed: Read-only file system"]


# --- two edits saved at once ------------------------------------------------------------

RENDEZVOUS = """\
#!{python}
import pathlib, sys, time
path = pathlib.Path(sys.argv[-1])
meet = pathlib.Path({meet!r})
(meet / {name!r}).touch()
for _ in range(100_000):  # both editors open: both started from the original
    if len(list(meet.iterdir())) == 2:
        break
    time.sleep(0.001)  # (bounded: should the other process fail, this one still ends)
path.write_text(path.read_text(encoding="utf-8").replace({old!r}, {new!r}), encoding="utf-8")
"""


def test_two_edits_saved_at_once_never_both_say_saved(cli: Cli, workspace: Path) -> None:
    """Two `clause edit` processes whose editors return together, 12 times: each time
    one is saved and the other refused with its version kept (before the lock, both
    said "saved" in about one round in three, and one update was lost)."""
    path = workspace / ICC
    original = path.read_text(encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("VISUAL", None)
    keep = path.with_name(".icc.referral.yaml.mine")
    for round_ in range(12):
        path.write_text(original, encoding="utf-8")
        keep.unlink(missing_ok=True)
        meet = workspace.parent / f"meet{round_}"
        meet.mkdir()
        runs = []
        for name in ("a", "b"):
            script = workspace.parent / f"editor-{name}"
            script.write_text(
                RENDEZVOUS.format(
                    python=sys.executable, meet=str(meet), name=name,
                    old=TITLE, new=f"title: Title {name}\n",
                ),
                encoding="utf-8",
            )  # fmt: skip
            script.chmod(0o755)
            command = [sys.executable, "-m", "wgdraft", "--library", str(workspace)]
            command += ["clause", "edit", "icc.referral"]
            env["EDITOR"] = str(script)
            runs.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
                )
            )
        results = [(p.wait(), *p.communicate()) for p in runs]
        codes = sorted(code for code, _out, _err in results)
        assert codes == [0, 1], f"round {round_}: {results}"
        saved = "ab"[[code for code, _o, _e in results].index(0)]
        other = "ba"["ab".index(saved)]
        assert path.read_text(encoding="utf-8") == original.replace(
            TITLE, f"title: Title {saved}\n"
        )
        assert keep.read_text(encoding="utf-8") == original.replace(
            TITLE, f"title: Title {other}\n"
        )
        [(_code, _out, err)] = [r for r in results if r[0] == 1]
        assert err == f"{path}: changed on disk while you edited; your version is in {keep}\n"


# --- one YAML reading everywhere ---------------------------------------------------------

TAGS_LINE = "tags: [International Criminal Court, ICC, Rome Statute, referral, accountability]\n"


@pytest.mark.parametrize(
    ("old", "new", "fields"),
    [
        (TITLE, "title: no\n", ["title"]),
        (TITLE, "title: yes\n", ["title"]),
        (TAGS_LINE, "tags: [ICC, on, off]\n", ["tags[1]", "tags[2]"]),
    ],
    ids=["title-no", "title-yes", "tags-on-off"],
)
def test_edit_reads_yes_no_on_off_as_the_library_does(
    cli: Cli, workspace: Path, editor: Editor, old: str, new: str, fields: list[str]
) -> None:
    """These words are booleans to the library (YAML 1.1): refused with the line, not
    "saved" and then failing to load."""
    path = workspace / ICC
    original = path.read_text(encoding="utf-8")
    assert old in original
    editor(f"if n == 1:\n    text = text.replace({old!r}, {new!r})")
    before = snapshot(workspace)
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert result.code == 1
    line = original[: original.index(old)].count("\n") + 1
    assert result.err.splitlines() == [
        f"{path}:{line}: {field}: Input should be a valid string" for field in fields
    ] + [f"{path}: no change saved"]
    assert editor.invocations()[1].startswith(f"{NOTE}{fields[0]}: Input should be a valid string")
    assert snapshot(workspace) == before
    check_ok(cli, workspace)


def test_edit_saves_a_quoted_no_as_text(cli: Cli, workspace: Path, editor: Editor) -> None:
    editor(f"text = text.replace({TITLE!r}, \"title: 'no'\\n\")")
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert (result.code, result.err) == (0, "")
    check_ok(cli, workspace)
    assert (
        load_library(workspace / "clauses", workspace / "templates").clauses["icc.referral"].title
        == "no"
    )


@pytest.mark.parametrize("title", ["no", "yes", "on", "off", "No", "y"])
def test_saving_a_title_that_looks_like_a_boolean(workspace: Path, title: str) -> None:
    """The clause editor of the TUI saves through clausefile.save: what it writes
    loads as the same text in the library."""
    path = workspace / ICC
    clause, data, fingerprint = clausefile.read(path)
    clausefile.save(
        path, clause.model_copy(update={"title": title}), base=data, expected=fingerprint
    )
    library = load_library(workspace / "clauses", workspace / "templates")
    assert library.clauses["icc.referral"].title == title


# --- OS errors: one line -----------------------------------------------------------------


def test_new_in_a_read_only_folder(
    cli: Cli, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """(Simulated: the tests run as root, for whom nothing is read-only.)"""

    def replace(src: str, dst: str) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(dst))

    monkeypatch.setattr(os, "replace", replace)
    errors = refused(cli, workspace, "clause", "new", "icc.new", "--family", "icc",
                     "--title", "T", "--body", "Noting the Court")  # fmt: skip
    assert errors == [f"{workspace}/clauses/icc/icc.new.yaml: cannot write: Read-only file system"]


def test_edit_when_the_folder_vanished_keeps_the_users_version(
    cli: Cli, workspace: Path, editor: Editor
) -> None:
    folder = workspace / "clauses/icc"
    editor(
        f"import shutil; shutil.rmtree({str(folder)!r})\n"
        f"text = text.replace({TITLE!r}, 'title: Mine\\n')"
    )
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert (result.code, result.out) == (1, "")
    [error] = result.err.splitlines()
    prefix = f"{folder}: cannot open the folder: No such file or directory; your version is in "
    assert error.startswith(prefix)
    kept = Path(error.removeprefix(prefix))
    assert "title: Mine\n" in kept.read_text(encoding="utf-8")
    kept.unlink()


def test_two_new_clauses_with_one_id_never_overwrite(cli: Cli, workspace: Path) -> None:
    """A library loaded before another user created the same clause id: the second
    creation is refused, the first kept."""
    from wgdraft import workspace as ws_api
    from wgdraft.models import Clause

    stale = load_library(workspace / "clauses", workspace / "templates")
    first = cli("--library", workspace, "clause", "new", "icc.new", "--family", "icc",
                "--title", "First", "--body", "Noting the Court")  # fmt: skip
    assert first.code == 0, first.err
    path = workspace / "clauses/icc/icc.new.yaml"
    theirs = path.read_bytes()
    mine = Clause(id="icc.new", title="Second", family="icc", body="Noting",
                  precedents=[{"document": "Drafted in wgdraft"}])  # fmt: skip
    with pytest.raises(clausefile.ConflictError) as raised:
        ws_api.create(stale, mine)
    assert [str(p) for p in raised.value.problems] == [
        f"{path}: id: the file was created meanwhile"
    ]
    assert path.read_bytes() == theirs
