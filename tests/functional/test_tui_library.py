"""Library editing in the TUI, driven with Pilot (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, OptionList, Static, TextArea

from tests.functional.tui_helpers import choose_option, fill, screen_name
from tui.app import build_app
from wgdraft.library import load_library


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))


def app_for(workspace: Path, draft: Path | None = None):  # type: ignore[no-untyped-def]
    return build_app(load_library(workspace / "clauses", workspace / "templates"), draft)


async def open_library_on(pilot, clause_id: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+l")
    await pilot.pause()
    assert screen_name(pilot) == "LibraryScreen"
    results = pilot.app.screen.query_one("#lib-results", OptionList)
    results.focus()
    results.highlighted = results.get_option_index(clause_id)
    await pilot.pause()


def error(pilot, name: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(f"#err-{name}", Static).render())


async def test_edit_refuses_an_invalid_parameter_and_keeps_comments(workspace: Path) -> None:
    file = workspace / "clauses" / "icc" / "icc.referral.yaml"
    file.write_text(
        "# Agreed language: do not paraphrase.\n" + file.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    app = app_for(workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("e")
        await pilot.pause()
        assert screen_name(pilot) == "ClauseEditor"
        example = pilot.app.screen.query(".p-example").first(Input)
        await fill(pilot, f"#{example.id}" if example.id else ".p-example", "13 July")
        assert "expected a date" in error(pilot, "params")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ClauseEditor"  # refused
        await fill(pilot, ".p-example", "2014-05-30")
        assert error(pilot, "params") == ""
        await fill(pilot, "#c-title", "Noting the referral to the International Criminal Court")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
    text = file.read_text(encoding="utf-8")
    assert text.startswith("# Agreed language: do not paraphrase.\n")
    assert (
        yaml.safe_load(text)["title"] == "Noting the referral to the International Criminal Court"
    )
    assert load_library(workspace / "clauses", workspace / "templates").clauses["icc.referral"]


async def test_undeclared_name_in_the_body_is_flagged_as_you_type(workspace: Path) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library_on(pilot, "council.duly-taken-into-consideration")
        await pilot.press("e")
        await pilot.pause()
        body = pilot.app.screen.query_one("#c-body", TextArea)
        body.focus()
        body.move_cursor(body.document.end)
        await pilot.press(*" in {{ colour }}")
        await pilot.pause()
        assert "'colour' is used but not declared as a parameter" in error(pilot, "body")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ClauseEditor"
        await pilot.press("escape")


async def test_create_a_clause(workspace: Path) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("ctrl+l")
        await pilot.press("n")
        await fill(pilot, "#text", "abduction.release-within-days")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ClauseEditor"
        assert "String should have at least 1 character" in error(pilot, "title")
        await fill(pilot, "#c-title", "Release of abducted children within days")
        await fill(
            pilot,
            "#c-body",
            "Urging all parties to release abducted children within {{ days | words }} days",
        )
        assert "'days' is used but not declared" in error(pilot, "body")
        pilot.app.screen.query_one("#add-param").focus()
        await pilot.press("enter")
        await pilot.pause()
        await fill(pilot, ".p-name", "days")
        pilot.app.screen.query_one(".p-type").value = "number"
        await fill(pilot, ".p-description", "How many days")
        await fill(pilot, ".p-example", "30")
        assert error(pilot, "body") == "" and error(pilot, "params") == ""
        preview = str(pilot.app.screen.query_one("#c-preview", Static).render())
        assert "within 30 days" in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
    created = workspace / "clauses" / "abduction" / "abduction.release-within-days.yaml"
    data = yaml.safe_load(created.read_text(encoding="utf-8"))
    assert data["params"] == {
        "days": {"type": "number", "description": "How many days", "example": 30}
    }
    assert load_library(workspace / "clauses", workspace / "templates").clauses[
        "abduction.release-within-days"
    ]


async def test_duplicate_as_a_variant(workspace: Path) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("d")
        await fill(pilot, "#text", "icc.referral-short")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ClauseEditor"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
    copy = yaml.safe_load(
        (workspace / "clauses" / "icc" / "icc.referral-short.yaml").read_text(encoding="utf-8")
    )
    original = yaml.safe_load(
        (workspace / "clauses" / "icc" / "icc.referral.yaml").read_text(encoding="utf-8")
    )
    assert copy["title"] == original["title"] + " (variant)"
    assert copy["body"] == original["body"] and copy["id"] == "icc.referral-short"


async def test_rename_updates_the_draft_that_uses_it(workspace: Path) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    app = app_for(workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("r")
        await fill(pilot, "#text", "icc.referral-by-authorities")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ConfirmDialog"
        question = str(pilot.app.screen.query_one(".question", Static).render())
        assert str(draft) in question
        await pilot.click("#answer-rename")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
    text = draft.read_text(encoding="utf-8")
    assert "clause: icc.referral-by-authorities" in text and "clause: icc.referral\n" not in text
    assert text.startswith("# Conclusions on children and armed conflict in Mali")
    assert not (workspace / "clauses" / "icc" / "icc.referral.yaml").exists()
    assert (workspace / "clauses" / "icc" / "icc.referral-by-authorities.yaml").is_file()


async def test_retiring_a_clause_in_use_is_refused(workspace: Path) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("delete")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
    assert (workspace / "clauses" / "icc" / "icc.referral.yaml").is_file()


async def test_create_a_clause_from_a_draft_item(workspace: Path) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    app = app_for(workspace, draft)
    async with app.run_test(size=(140, 45)) as pilot:
        assert screen_name(pilot) == "EditorScreen"
        before = pilot.app.screen.query_one("#preview", TextArea).text
        await pilot.press("down")  # to paragraph 2, the members' assessment (free text)
        await pilot.pause()
        assert pilot.app.screen.current.label == "2"
        await pilot.press("c")
        await choose_option(pilot, "#choices", "opening")
        await fill(pilot, "#text", "opening.assessment-increase")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ClauseEditor"
        body = pilot.app.screen.query_one("#c-body", TextArea).text
        assert "{{ country }}" in body and "Mali" not in body
        assert "the {{ government }} of {{ country }}" in body
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"
        assert pilot.app.screen.query_one("#preview", TextArea).text == before
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert saved["opening"][1] == {"clause": "opening.assessment-increase"}
    assert (workspace / "clauses" / "opening" / "opening.assessment-increase.yaml").is_file()


async def test_a_file_changed_on_disk_while_open_asks_which_to_keep(workspace: Path) -> None:
    file = workspace / "clauses" / "icc" / "icc.referral.yaml"
    app = app_for(workspace)
    async with app.run_test(size=(140, 45)) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "#c-title", "Mine: the referral to the Court")
        theirs = file.read_text(encoding="utf-8").replace("tags: [", "tags: [theirs, ", 1)
        file.write_text(theirs, encoding="utf-8")  # someone else saves meanwhile
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ConfirmDialog"
        await pilot.click("#answer-theirs")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
        assert file.read_text(encoding="utf-8") == theirs
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, "#c-title", "Mine: the referral to the Court")
        file.write_text(theirs.replace("theirs, ", "theirs-again, "), encoding="utf-8")
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#answer-mine")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
    data = yaml.safe_load(file.read_text(encoding="utf-8"))
    assert data["title"] == "Mine: the referral to the Court"
