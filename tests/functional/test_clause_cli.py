"""Library editing from the command line: `wgdraft clause new|show|where|rename|rm|edit`,
`wgdraft init`, and the clause files they write (wgdraft/clausefile.py)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.assessment import free_assessment_file
from tests.conftest import Cli
from wgdraft import clausefile, draftfile
from wgdraft.library import Library, load_library

ICC = Path("clauses/icc/icc.referral.yaml")
MALI = Path("examples/mali-2023.yaml")
NOTE = "# wgdraft: "


# --- helpers --------------------------------------------------------------------------


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` and its bytes, to show that a refusal changed nothing."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def check_ok(cli: Cli, ws: Path, *paths: Path) -> str:
    result = cli("--library", ws, "check", *paths)
    assert (result.code, result.err) == (0, ""), result.err
    return result.out


def refused(cli: Cli, ws: Path, *args: str | Path) -> list[str]:
    """Run a command that must be refused without changing any file of the workspace."""
    before = snapshot(ws)
    result = cli("--library", ws, *args)
    assert result.code == 1, result.out
    assert result.out == ""
    assert "Traceback" not in result.err
    assert snapshot(ws) == before
    return result.err.splitlines()


def line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def free_assessment(ws: Path) -> None:
    """Mali's paragraph 2 as free text again, as before it became sentence clauses."""
    free_assessment_file(ws / MALI, ws / MALI, load_library(ws / "clauses", ws / "templates"))


def mali_paragraph_2(ws: Path) -> str:
    return str(draftfile.load(ws / MALI)["opening"][1]["text"])


def as_template(text: str) -> str:
    """Mali's paragraph 2 with the situation's names as template names."""
    return text.replace("transitional Government", "{{ government }}").replace(
        "Mali", "{{ country }}"
    )


# --- clause new -----------------------------------------------------------------------


def test_new_creates_a_clause_that_checks(cli: Cli, workspace: Path, library: Library) -> None:
    body = "Urging the {{ government }} of {{ country }} to end the detention of children"
    result = cli("--library", workspace, "clause", "new", "detention.end-detention",
                 "--family", "deprivation-of-liberty", "--title", "Ending detention",
                 "--body", body, "--recipient", "government-letter",
                 "--precedent", "Conclusions on Mali, 2023")  # fmt: skip
    path = workspace / "clauses/deprivation-of-liberty/detention.end-detention.yaml"
    assert (result.code, result.out, result.err) == (0, f"created {path}\n", "")
    assert draftfile.plain(draftfile.load(path)) == {
        "id": "detention.end-detention",
        "title": "Ending detention",
        "family": "deprivation-of-liberty",
        "recipients": ["government-letter"],
        "body": body,
        "precedents": [{"document": "Conclusions on Mali, 2023"}],
    }
    assert check_ok(cli, workspace) == f"ok: {len(library.clauses) + 1} clauses, 0 draft(s)\n"
    listed = cli("--library", workspace, "clauses", "--search", "end-detention")
    assert listed.out.split()[0] == "detention.end-detention"


def test_new_without_precedent_is_new_wording(cli: Cli, workspace: Path) -> None:
    result = cli("--library", workspace, "clause", "new", "icc.cooperation", "--family", "icc",
                 "--title", "Cooperation", "--body", "Calling for cooperation with the Court")  # fmt: skip
    assert result.code == 0, result.err
    assert "no precedent: new wording, not agreed language" in result.out
    data = draftfile.plain(draftfile.load(workspace / "clauses/icc/icc.cooperation.yaml"))
    assert "precedents" not in data  # new wording never looks like agreed language
    assert "recipients" not in data


@pytest.mark.parametrize(
    ("clause_id", "options", "expected"),
    [
        ("icc.referral", ["--family", "icc", "--body", "Noting"],
         "{ws}/clauses/icc/icc.referral.yaml: id: clause id 'icc.referral' exists already"),
        ("ICC_Referral", ["--family", "icc", "--body", "Noting"],
         "<input>: id: String should match pattern '^[a-z0-9]+(?:[.\\-_][a-z0-9]+)*$'"),
        ("icc.new", ["--family", "icc-court", "--body", "Noting"],
         "{ws}/clauses/icc-court/icc.new.yaml: family: unknown family 'icc-court' (see templates/families.yaml)"),
        ("icc.new", ["--family", "icc", "--body", "Noting the {{ colour }} of {{ country }}"],
         "{ws}/clauses/icc/icc.new.yaml: body: 'colour' is used but not declared under 'params'"),
        ("icc.new", ["--family", "icc"],
         "<input>: body: give the text with --body, or --from-draft with --item"),
        ("icc.new", ["--family", "icc", "--body", "Noting", "--recipient", "the-court"],
         "{ws}/clauses/icc/icc.new.yaml: recipients: unknown recipient 'the-court' (see templates/channels/)"),
    ],
    ids=["existing-id", "invalid-id", "unknown-family", "undeclared-name", "missing-body", "unknown-recipient"],
)  # fmt: skip
def test_new_refusals(
    cli: Cli, workspace: Path, clause_id: str, options: list[str], expected: str
) -> None:
    errors = refused(cli, workspace, "clause", "new", clause_id, "--title", "T", *options)
    assert errors == [expected.format(ws=workspace)]
    assert not (workspace / "clauses/icc-court").exists()  # no empty family folder either


def test_new_refuses_a_jinja_syntax_error(cli: Cli, workspace: Path) -> None:
    [error] = refused(cli, workspace, "clause", "new", "icc.new", "--family", "icc",
                      "--title", "T", "--body", "Noting {{ country }")  # fmt: skip
    assert error.startswith(f"{workspace}/clauses/icc/icc.new.yaml:")
    assert ": body: template syntax error: " in error


# --- clause new --from-draft -------------------------------------------------------------


def test_new_from_a_drafts_free_text(cli: Cli, workspace: Path) -> None:
    draft = workspace / MALI
    free_assessment(workspace)
    text = as_template(mali_paragraph_2(workspace))  # the draft's free text names Mali
    result = cli("--library", workspace, "clause", "new", "opening.members-assessment",
                 "--family", "opening", "--title", "The members' assessment",
                 "--from-draft", draft, "--item", "opening[1]")  # fmt: skip
    path = workspace / "clauses/opening/opening.members-assessment.yaml"
    assert (result.code, result.err) == (0, "")
    assert result.out.startswith(f"created {path}\nno precedent: new wording")
    data = draftfile.plain(draftfile.load(path))
    assert data["body"] == " ".join(text.split())
    assert "precedents" not in data  # a draft's text is not agreed language
    check_ok(cli, workspace, draft)
    # the body is folded for reading, but never inside a {{ ... }}
    written = path.read_text(encoding="utf-8")
    assert written.count("{{ government }}") == text.count("{{ government }}") == 2
    assert written.count("{{ country }}") == text.count("{{ country }}") == 5


def test_new_from_draft_turns_the_situation_names_into_template_names(
    cli: Cli, workspace: Path
) -> None:
    """Paragraph 2 written out with the words, as a drafter would paste it in."""
    draft = workspace / MALI
    free_assessment(workspace)
    templated = " ".join(as_template(mali_paragraph_2(workspace)).split())
    source = draft.read_text(encoding="utf-8")
    draft.write_text(
        source.replace("{{ government }}", "transitional Government").replace(
            "{{ country }}", "Mali"
        ),
        encoding="utf-8",
    )
    assert "Mali" in mali_paragraph_2(workspace)
    assert "transitional Government" in mali_paragraph_2(workspace)
    result = cli("--library", workspace, "clause", "new", "opening.members-assessment",
                 "--family", "opening", "--title", "The members' assessment",
                 "--from-draft", draft, "--item", "opening[1]")  # fmt: skip
    assert result.code == 0, result.err
    path = workspace / "clauses/opening/opening.members-assessment.yaml"
    body = draftfile.plain(draftfile.load(path))["body"]
    assert "Mali" not in body
    assert "transitional Government" not in body
    assert "encouraged the {{ government }} of {{ country }} to prioritize" in body
    assert body == templated
    check_ok(cli, workspace, draft)


@pytest.mark.parametrize(
    ("item", "expected"),
    [
        ("opening[0]", "{draft}: item: opening[0] is not a free-text item"),
        ("opening[9]", "{draft}: item: no item 'opening[9]' in this draft"),
        ("blocks[0].items[99]", "{draft}: item: no item 'blocks[0].items[99]' in this draft"),
        (
            "blocks 0 items 2",
            "{draft}: item: 'blocks 0 items 2' is not an item path: expected names and [numbers] as in 'opening[0]' or 'blocks[2].items[1]'",
        ),
        (None, "{draft}: --item names the free-text item to turn into a clause"),
    ],
)
def test_new_from_draft_refusals(
    cli: Cli, workspace: Path, item: str | None, expected: str
) -> None:
    draft = workspace / MALI
    item_args = ["--item", item] if item else []
    errors = refused(cli, workspace, "clause", "new", "opening.new", "--family", "opening",
                     "--title", "T", "--from-draft", draft, *item_args)  # fmt: skip
    assert errors == [expected.format(draft=draft)]


# --- clause show / where ----------------------------------------------------------------


def test_show_prints_the_file_and_its_uses(cli: Cli, workspace: Path) -> None:
    path = workspace / ICC
    result = cli("--library", workspace, "clause", "show", "icc.referral")
    assert (result.code, result.err) == (0, "")
    assert result.out == path.read_text(encoding="utf-8") + f"# {path}; used in 1 place(s)\n"


def test_show_an_unused_clause(cli: Cli, workspace: Path) -> None:
    created = cli("--library", workspace, "clause", "new", "icc.unused", "--family", "icc",
                  "--title", "Unused", "--body", "Noting the Court")  # fmt: skip
    assert created.code == 0, created.err
    result = cli("--library", workspace, "clause", "show", "icc.unused")
    assert result.code == 0
    assert result.out.endswith(f"# {workspace}/clauses/icc/icc.unused.yaml; used in 0 place(s)\n")
    assert result.out.startswith("id: icc.unused\n")


def test_where_lists_the_draft_items(cli: Cli, workspace: Path) -> None:
    result = cli("--library", workspace, "clause", "where", "icc.referral")
    assert result.code == 0
    assert result.out == f"{workspace / MALI}: blocks[0].items[5]\n"
    assert result.err == "1 use(s)\n"
    result = cli("--library", workspace, "clause", "where", "opening.meeting")
    assert result.out.splitlines() == [
        f"{workspace}/examples/central-african-republic-2024.yaml: opening[0]",
        f"{workspace}/examples/colombia-2020.yaml: opening[0]",
        f"{workspace}/examples/democratic-republic-of-the-congo-2020.yaml: opening[0]",
        f"{workspace}/examples/mali-2023.yaml: opening[0]",
        f"{workspace}/examples/south-sudan-2018.yaml: opening[0]",
    ]
    assert result.err == "5 use(s)\n"


def test_where_an_unused_clause_and_another_drafts_folder(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    created = cli("--library", workspace, "clause", "new", "icc.unused", "--family", "icc",
                  "--title", "Unused", "--body", "Noting the Court")  # fmt: skip
    assert created.code == 0, created.err
    result = cli("--library", workspace, "clause", "where", "icc.unused")
    assert (result.code, result.out, result.err) == (0, "", "0 use(s)\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = cli("--library", workspace, "clause", "--drafts", elsewhere, "where", "icc.referral")
    assert (result.code, result.out, result.err) == (0, "", "0 use(s)\n")


@pytest.mark.parametrize("action", ["show", "where", "rm", "edit"])
def test_unknown_clause_id(
    cli: Cli, workspace: Path, action: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", "false")  # never a real editor, whatever happens
    [error] = refused(cli, workspace, "clause", action, "icc.nowhere")
    assert error.startswith("<input>: id: unknown clause id 'icc.nowhere'")


# --- clause rename ----------------------------------------------------------------------


def test_rename_updates_the_file_and_the_drafts(cli: Cli, workspace: Path) -> None:
    old, draft = workspace / ICC, workspace / MALI
    old.write_text("# keep this comment\n" + old.read_text(encoding="utf-8"), encoding="utf-8")
    clause_text, draft_text = old.read_text(encoding="utf-8"), draft.read_text(encoding="utf-8")
    result = cli("--library", workspace, "clause", "rename", "icc.referral", "icc.referral-2012")
    assert (result.code, result.err) == (0, "")
    assert result.out == f"renamed icc.referral to icc.referral-2012\nupdated {draft}\n"
    new = workspace / "clauses/icc/icc.referral-2012.yaml"
    assert not old.exists()
    # only the id changes: comments, dates, folding and order are kept
    assert new.read_text(encoding="utf-8") == clause_text.replace(
        "\nid: icc.referral\n", "\nid: icc.referral-2012\n"
    )
    updated = draft.read_text(encoding="utf-8")
    assert "clause: icc.referral-2012\n" in updated
    assert "clause: icc.referral\n" not in updated
    assert updated == draft_text.replace("clause: icc.referral\n", "clause: icc.referral-2012\n")
    assert "# unassigned while drafting; the masthead shows a placeholder" in updated
    check_ok(cli, workspace, workspace / "examples")
    where = cli("--library", workspace, "clause", "where", "icc.referral-2012")
    assert where.out == f"{draft}: blocks[0].items[5]\n"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("icc.nowhere", "icc.elsewhere", "<input>: id: unknown clause id 'icc.nowhere'"),
        ("icc.referral", "opening.meeting",
         "{ws}/clauses/opening/opening.meeting.yaml: id: clause id 'opening.meeting' exists already"),
        ("icc.referral", "ICC Referral",
         "<input>: id: 'ICC Referral' is not a valid clause id (lower case, words joined by dots or hyphens)"),
        ("icc.referral", "../icc", "<input>: id: '../icc' is not a valid clause id (lower case, words joined by dots or hyphens)"),
    ],
    ids=["unknown-old", "new-used", "invalid-new", "path-in-new"],
)  # fmt: skip
def test_rename_refusals(cli: Cli, workspace: Path, old: str, new: str, expected: str) -> None:
    errors = refused(cli, workspace, "clause", "rename", old, new)
    assert errors == [expected.format(ws=workspace)]


# --- clause rm --------------------------------------------------------------------------


def test_rm_is_refused_while_a_draft_uses_the_clause(cli: Cli, workspace: Path) -> None:
    errors = refused(cli, workspace, "clause", "rm", "icc.referral")
    assert errors == [f"{workspace / MALI}: uses clause 'icc.referral' at blocks[0].items[5]"]
    errors = refused(cli, workspace, "clause", "rm", "opening.meeting")
    assert errors == [
        f"{workspace}/examples/{name}: uses clause 'opening.meeting' at opening[0]"
        for name in (
            "central-african-republic-2024.yaml",
            "colombia-2020.yaml",
            "democratic-republic-of-the-congo-2020.yaml",
            "mali-2023.yaml",
            "south-sudan-2018.yaml",
        )
    ]


def test_rm_an_unused_clause(cli: Cli, workspace: Path, library: Library) -> None:
    created = cli("--library", workspace, "clause", "new", "icc.unused", "--family", "icc",
                  "--title", "Unused", "--body", "Noting the Court")  # fmt: skip
    assert created.code == 0, created.err
    path = workspace / "clauses/icc/icc.unused.yaml"
    assert path.is_file()
    result = cli("--library", workspace, "clause", "rm", "icc.unused")
    assert (result.code, result.out, result.err) == (0, f"removed {path}\n", "")
    assert not path.exists()
    assert (workspace / ICC).is_file()
    assert check_ok(cli, workspace) == f"ok: {len(library.clauses)} clauses, 0 draft(s)\n"


# --- clause edit ------------------------------------------------------------------------


class Editor:
    """$EDITOR as a Python script that runs ``code`` on ``text`` (the file's text, written
    back afterwards), with ``n`` the invocation number; what each invocation found in
    the file is logged."""

    def __init__(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        self.script, self.log = tmp_path / "fake-editor", tmp_path / "editor-log"
        self.monkeypatch = monkeypatch

    def __call__(self, code: str, args: str = "") -> None:
        self.log.mkdir()
        self.script.write_text(
            f"#!{sys.executable}\n"
            "import pathlib, sys\n"
            "path = pathlib.Path(sys.argv[-1])\n"
            f"log = pathlib.Path({str(self.log)!r})\n"
            "n = len(list(log.iterdir())) + 1\n"
            "text = path.read_text(encoding='utf-8')\n"
            "(log / f'{n:02}').write_text(text, encoding='utf-8')\n"
            f"{code}\n"
            "path.write_text(text, encoding='utf-8')\n",
            encoding="utf-8",
        )
        self.script.chmod(0o755)
        self.monkeypatch.delenv("VISUAL", raising=False)
        self.monkeypatch.setenv("EDITOR", f"{self.script} {args}".strip())

    def invocations(self) -> list[str]:
        """What the editor found in the file, invocation by invocation."""
        return [p.read_text(encoding="utf-8") for p in sorted(self.log.iterdir())]


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Editor:
    return Editor(tmp_path, monkeypatch)


TITLE = "title: Noting the referral of the situation to the International Criminal Court\n"
TAGS = "referral, accountability]\n"
BAD = "is a {{ colour }} party"


def test_edit_saves_a_valid_change(cli: Cli, workspace: Path, editor: Editor) -> None:
    path = workspace / ICC
    original = path.read_text(encoding="utf-8")
    editor(f"text = text.replace({TAGS!r}, 'referral, accountability, Mali]\\n')"
           f".replace({TITLE!r}, 'title: Referral to the Court\\n')", args="--wait")  # fmt: skip
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert (result.code, result.out, result.err) == (0, f"saved {path}\n", "")
    assert path.read_text(encoding="utf-8") == original.replace(
        TAGS, "referral, accountability, Mali]\n"
    ).replace(TITLE, "title: Referral to the Court\n")
    assert len(editor.invocations()) == 1
    assert editor.invocations()[0] == original
    check_ok(cli, workspace, workspace / MALI)
    listed = cli("--library", workspace, "clauses", "--search", "Referral to the Court")
    assert listed.out.split()[0] == "icc.referral"


def test_edit_keeps_the_users_comments(cli: Cli, workspace: Path, editor: Editor) -> None:
    path = workspace / ICC
    text = path.read_text(encoding="utf-8")
    text = "# keep this comment\n" + text.replace("params:\n", "params:  # as in 2023\n")
    path.write_text(text, encoding="utf-8")
    editor(f"text = text.replace({TITLE!r}, 'title: Referral to the Court\\n')")
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert (result.code, result.err) == (0, "")
    saved = path.read_text(encoding="utf-8")
    assert saved.startswith("# keep this comment\nid: icc.referral\n")
    assert "params:  # as in 2023\n" in saved
    assert saved == text.replace(TITLE, "title: Referral to the Court\n")


def test_edit_reopens_an_invalid_file_with_the_problems(
    cli: Cli, workspace: Path, editor: Editor
) -> None:
    path = workspace / ICC
    original = path.read_text(encoding="utf-8")
    editor(
        "if n == 1:\n"
        f"    text = text.replace('is a State party', {BAD!r}, 1)\n"  # the body's
        "else:\n"
        f"    text = text.replace({BAD!r}, 'is a State party')"
        f".replace({TITLE!r}, 'title: Referral to the Court\\n')"
    )  # fmt: skip
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert result.code == 0, result.err
    assert result.out == f"saved {path}\n"
    first, second = editor.invocations()
    assert first == original
    body_line = line_of(first, "body: >-") + 1
    assert result.err == (
        f"{path}:{body_line}: body: 'colour' is used but not declared under 'params'\n"
    )
    # reopened with the problem on top, its line counted as the user sees the file
    note = f"{NOTE}body: 'colour' is used but not declared under 'params' (line {body_line + 1})\n"
    assert second.startswith(note)
    assert second == note + original.replace("is a State party", BAD, 1)
    assert line_of(second, "body: >-") + 1 == body_line + 1
    saved = path.read_text(encoding="utf-8")
    assert NOTE.strip() not in saved
    assert saved == original.replace(TITLE, "title: Referral to the Court\n")
    check_ok(cli, workspace)


def test_edit_without_change(cli: Cli, workspace: Path, editor: Editor) -> None:
    path = workspace / ICC
    before, mtime = path.read_bytes(), path.stat().st_mtime_ns
    editor("pass")
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert (result.code, result.out, result.err) == (0, "", f"{path}: no change saved\n")
    assert path.read_bytes() == before
    assert path.stat().st_mtime_ns == mtime
    assert len(editor.invocations()) == 1


def test_edit_gives_up_on_an_invalid_file_left_as_it_was(
    cli: Cli, workspace: Path, editor: Editor
) -> None:
    """The editor always writes back the same invalid clause (without the notes)."""
    path = workspace / ICC
    invalid = path.read_text(encoding="utf-8").replace("is a State party", BAD)
    editor(f"text = {invalid!r}")
    before = snapshot(workspace)
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert result.code == 1
    assert result.out == ""
    assert result.err.splitlines()[-1] == f"{path}: no change saved"
    assert len(editor.invocations()) == 2
    assert snapshot(workspace) == before


def test_edit_gives_up_when_the_user_quits_on_the_notes(
    cli: Cli, workspace: Path, editor: Editor
) -> None:
    path = workspace / ICC
    editor(f"text = text.replace('is a State party', {BAD!r})")  # the second time: no change
    before = snapshot(workspace)
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert result.code == 1
    assert result.err.splitlines()[-1] == f"{path}: no change saved"
    assert len(editor.invocations()) == 2
    assert editor.invocations()[1].startswith(NOTE)
    assert snapshot(workspace) == before


def test_edit_refuses_to_change_the_id(cli: Cli, workspace: Path, editor: Editor) -> None:
    path = workspace / ICC
    editor("text = text.replace('id: icc.referral\\n', 'id: icc.referral-2012\\n')")
    before = snapshot(workspace)
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert result.code == 1
    errors = result.err.splitlines()
    assert errors[0] == (
        f"{path}: id: the id cannot change here; use 'wgdraft clause rename icc.referral icc.referral-2012'"
    )
    assert errors[-1] == f"{path}: no change saved"
    assert editor.invocations()[1].startswith(
        f"{NOTE}id: the id cannot change here; use 'wgdraft clause rename icc.referral icc.referral-2012'"
    )
    assert snapshot(workspace) == before


def test_edit_to_an_id_already_used(cli: Cli, workspace: Path, editor: Editor) -> None:
    path = workspace / ICC
    editor("text = text.replace('id: icc.referral\\n', 'id: opening.meeting\\n')")
    before = snapshot(workspace)
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    assert result.code == 1
    assert (
        f"{path}: id: clause id 'opening.meeting' is already used by "
        f"{workspace}/clauses/opening/opening.meeting.yaml"
    ) in result.err.splitlines()
    assert snapshot(workspace) == before


def test_edit_with_a_missing_editor(cli: Cli, workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    missing = tmp_path / "no-such-editor"
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(missing))
    errors = refused(cli, workspace, "clause", "edit", "icc.referral")
    assert errors == [
        f"<input>: cannot run the editor '{missing}': No such file or directory (set $VISUAL or $EDITOR)"
    ]


def test_edit_abandoned_with_an_error_status(cli: Cli, workspace: Path, editor: Editor) -> None:
    """vi's :cq (or any failing editor) abandons the edit, even after writing."""
    editor(
        f"text = text.replace({TITLE!r}, 'title: Referral\\n')\npath.write_text(text)\nsys.exit(3)"
    )
    errors = refused(cli, workspace, "clause", "edit", "icc.referral")
    assert errors == [f"{workspace / ICC}: the editor exited with status 3; nothing saved"]


def test_edit_refuses_when_the_file_changed_meanwhile(
    cli: Cli, workspace: Path, editor: Editor
) -> None:
    path = workspace / ICC
    theirs = path.read_text(encoding="utf-8").replace(TITLE, "title: Their title\n")
    editor(
        f"pathlib.Path({str(path)!r}).write_text({theirs!r}, encoding='utf-8')\n"
        f"text = text.replace({TITLE!r}, 'title: My title\\n')"
    )
    result = cli("--library", workspace, "clause", "edit", "icc.referral")
    keep = path.with_name(".icc.referral.yaml.mine")
    assert result.code == 1
    assert result.err == (f"{path}: changed on disk while you edited; your version is in {keep}\n")
    assert path.read_text(encoding="utf-8") == theirs
    assert keep.read_text(encoding="utf-8") == theirs.replace(
        "title: Their title\n", "title: My title\n"
    )
    check_ok(cli, workspace)  # the kept copy is not taken for a clause


# --- init -------------------------------------------------------------------------------


def test_init_creates_a_workspace(cli: Cli, tmp_path: Path, library: Library) -> None:
    target = tmp_path / "team"
    result = cli("init", target)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"created {target}/clauses",
        f"created {target}/templates",
        f"created {target}/drafts",
        f"created {target}/.gitignore",
        f"Next: cd {target} && git init, then wgdraft --library . ...",
    ]
    assert sorted(p.name for p in target.iterdir()) == [
        ".gitignore",
        "clauses",
        "drafts",
        "templates",
    ]
    assert (target / ".gitignore").read_text(encoding="utf-8") == "wgdraft-out/\n__pycache__/\n"
    assert list((target / "drafts").iterdir()) == []
    assert (target / "clauses/icc/icc.referral.yaml").is_file()
    assert (target / "templates/families.yaml").is_file()
    assert check_ok(cli, target) == f"ok: {len(library.clauses)} clauses, 0 draft(s)\n"
    # drafts kept in drafts/ are found by the clause commands
    draft = target / "drafts/mali-2023.yaml"
    draft.write_bytes((library.root.parent / MALI).read_bytes())
    where = cli("--library", target, "clause", "where", "icc.referral")
    assert where.out == f"{draft}: blocks[0].items[5]\n"
    check_ok(cli, target, target / "drafts")


def test_init_into_an_empty_folder(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "team"
    target.mkdir()
    assert cli("init", target).code == 0
    assert (target / "clauses").is_dir()


def test_init_refuses_a_folder_that_is_not_empty(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "team"
    target.mkdir()
    (target / "notes.txt").write_text("mine", encoding="utf-8")
    result = cli("init", target)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{target}: the folder exists and is not empty; "
        "give 'wgdraft init' the name of a new or empty folder\n"
    )
    assert [p.name for p in target.iterdir()] == ["notes.txt"]


def test_init_refuses_a_file(cli: Cli, tmp_path: Path) -> None:
    target = tmp_path / "team"
    target.write_text("mine", encoding="utf-8")
    result = cli("init", target)
    assert (result.code, result.out) == (1, "")
    assert result.err == (
        f"{target}: is a file, not a folder; give 'wgdraft init' the name of a new or empty folder\n"
    )
    assert target.read_text(encoding="utf-8") == "mine"


# --- clausefile -------------------------------------------------------------------------


def test_save_refuses_a_stale_fingerprint(workspace: Path) -> None:
    path = workspace / ICC
    clause, data, fingerprint = clausefile.read(path)
    theirs = path.read_text(encoding="utf-8").replace(TITLE, "title: Their title\n")
    path.write_text(theirs, encoding="utf-8")
    mine = clause.model_copy(update={"title": "My title"})
    with pytest.raises(clausefile.ConflictError) as raised:
        clausefile.save(path, mine, base=data, expected=fingerprint)
    [problem] = raised.value.problems
    assert (problem.file, problem.message) == (path, "the file changed on disk since it was opened")
    assert path.read_text(encoding="utf-8") == theirs
    # with the current fingerprint it saves
    clausefile.save(path, mine, base=data, expected=clausefile.Fingerprint.of(path))
    assert clausefile.read(path)[0].title == "My title"


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


# comments, dates, choices before examples, folded notes, variants
ROUND_TRIP = [
    "icc/icc.referral.yaml",
    "condemnation/condemnation.all-violations.yaml",
    "accountability/accountability.truth-reconciliation-participation.yaml",
    "action-plans/action-plans.collaboration-and-new-plan.yaml",
    "opening/opening.meeting.yaml",
    "monitoring/monitoring.report-not-full-impact.yaml",
    "release/release.without-preconditions-handover.yaml",
    "accountability/accountability.perpetrators-brought-to-justice.yaml",
]


def test_saving_an_unchanged_clause_keeps_its_text(workspace: Path) -> None:
    """A clause saved unchanged, with comments of its own and of ours, comes back with
    the same lines, at most in another key order."""
    icc = workspace / ICC
    icc.write_text(
        "# keep this comment\n"
        + icc.read_text(encoding="utf-8").replace("  since:\n", "  # when it began\n  since:\n"),
        encoding="utf-8",
    )
    for name in ROUND_TRIP:
        path = workspace / "clauses" / name
        before = path.read_text(encoding="utf-8")
        clause, data, fingerprint = clausefile.read(path)
        new_fingerprint = clausefile.save(path, clause, base=data, expected=fingerprint)
        after = path.read_text(encoding="utf-8")
        assert sorted(after.splitlines()) == sorted(before.splitlines()), path
        assert _comments(after) == _comments(before), path
        assert new_fingerprint == clausefile.Fingerprint.of(path)
    assert icc.read_text(encoding="utf-8").startswith("# keep this comment\nid: icc.referral\n")
    assert "  # when it began\n  since:\n" in icc.read_text(encoding="utf-8")
