"""Library editing in the TUI, driven with Pilot (issue 6)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, OptionList, Static, TextArea

from tests.assessment import free_assessment_file
from tests.functional.tui_helpers import choose_option, fill, screen_name, wait_for
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


def text_of(pilot, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(selector, Static).render())


async def click_visible(pilot, widget) -> None:  # type: ignore[no-untyped-def]
    """Scroll ``widget`` into view as a user would, check that nothing covers its
    middle, and click there."""
    widget.scroll_visible(animate=False, immediate=True)

    def on_top() -> bool:
        region = widget.region
        if not region.area:
            return False
        try:
            found, _ = pilot.app.screen.get_widget_at(*region.center)
        except Exception:
            return False
        return found is widget or widget in found.ancestors

    await wait_for(pilot, on_top, f"{widget!r} visible and on top")
    offset = (widget.region.width // 2, widget.region.height // 2)
    await pilot.click(widget, offset=offset)
    await pilot.pause()


async def test_edit_refuses_an_invalid_parameter_and_keeps_comments(workspace: Path) -> None:
    file = workspace / "clauses" / "icc" / "icc.referral.yaml"
    file.write_text(
        "# Agreed language: do not paraphrase.\n" + file.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    app = app_for(workspace)
    async with app.run_test(size=(110, 34)) as pilot:
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
    async with app.run_test(size=(110, 34)) as pilot:
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
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("ctrl+l", "down", "n")  # from the search box to the results
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
    assert "precedents" not in data  # new wording has none until one is recorded
    assert load_library(workspace / "clauses", workspace / "templates").clauses[
        "abduction.release-within-days"
    ]


async def test_duplicate_as_a_variant(workspace: Path) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(110, 34)) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("d")
        await fill(pilot, "#text", "icc.referral-short")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ClauseEditor"
        assert not pilot.app.screen.query(".precedent-row")  # none copied
        assert "derived from icc.referral (not agreed language)" in text_of(pilot, "#c-provenance")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
        results = pilot.app.screen.query_one("#lib-results", OptionList)
        option = results.get_option("icc.referral-short")
        assert "new wording — no precedent" in str(option.prompt)
        assert "new wording" not in str(results.get_option("icc.referral").prompt)
        assert "new wording — no precedent" in text_of(pilot, "#lib-detail")
    copy = yaml.safe_load(
        (workspace / "clauses" / "icc" / "icc.referral-short.yaml").read_text(encoding="utf-8")
    )
    original = yaml.safe_load(
        (workspace / "clauses" / "icc" / "icc.referral.yaml").read_text(encoding="utf-8")
    )
    assert copy["title"] == original["title"] + " (variant)"
    assert copy["body"] == original["body"] and copy["id"] == "icc.referral-short"
    assert "precedents" not in copy and original["precedents"]
    assert copy["derived_from"] == "icc.referral"
    library = load_library(workspace / "clauses", workspace / "templates")
    assert library.clauses["icc.referral-short"].derived_from == "icc.referral"


async def test_the_browser_marks_new_wording(workspace: Path) -> None:
    from tui.browser import ClauseBrowser
    from wgdraft.drafts import load_draft
    from wgdraft.search import ClauseIndex

    (workspace / "clauses" / "icc" / "icc.referral-short.yaml").write_text(
        "id: icc.referral-short\ntitle: Noting the referral, briefly\nfamily: icc\n"
        "body: Noting the referral of the situation in {{ country }} to the Court\n"
        "derived_from: icc.referral\n",
        encoding="utf-8",
    )
    library = load_library(workspace / "clauses", workspace / "templates")
    draft = load_draft(workspace / "examples" / "mali-2023.yaml")
    app = app_for(workspace)
    async with app.run_test(size=(160, 48)) as pilot:
        app.push_screen(ClauseBrowser(ClauseIndex(library), draft))
        await wait_for(pilot, lambda: screen_name(pilot) == "ClauseBrowser")
        await pilot.press(*"referral")
        results = pilot.app.screen.query_one("#results", OptionList)
        await wait_for(pilot, lambda: results.option_count > 1)
        assert "new wording — no precedent" in str(results.get_option("icc.referral-short").prompt)
        assert "new wording" not in str(results.get_option("icc.referral").prompt)
        results.highlighted = results.get_option_index("icc.referral-short")
        await wait_for(pilot, lambda: "briefly" in text_of(pilot, "#clause-preview"))
        preview = text_of(pilot, "#clause-preview")
        assert "new wording — no precedent" in preview
        assert "derived from icc.referral (not agreed language)" in preview
        assert "Noting the referral of the situation in Mali to the Court" in preview
        results.highlighted = results.get_option_index("icc.referral")
        await wait_for(
            pilot,
            lambda: (
                "Rome Statute" not in text_of(pilot, "#clause-preview")
                and "International Criminal Court" in text_of(pilot, "#clause-preview")
            ),
        )
        assert "new wording" not in text_of(pilot, "#clause-preview")


async def test_rename_updates_the_draft_that_uses_it(workspace: Path) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    app = app_for(workspace)
    async with app.run_test(size=(110, 34)) as pilot:
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
    async with app.run_test(size=(110, 34)) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("delete")
        await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
    assert (workspace / "clauses" / "icc" / "icc.referral.yaml").is_file()


async def test_create_a_clause_from_a_draft_item(workspace: Path) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    # paragraph 2 as free text, as before it became sentence clauses (issue 12.4)
    library = load_library(workspace / "clauses", workspace / "templates")
    free_assessment_file(draft, draft, library)
    app = app_for(workspace, draft)
    async with app.run_test(size=(110, 34)) as pilot:
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
    async with app.run_test(size=(110, 34)) as pilot:
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


async def test_typing_in_the_library_search_only_types(workspace: Path) -> None:
    app = app_for(workspace)
    async with app.run_test(size=(160, 48)) as pilot:
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: screen_name(pilot) == "LibraryScreen")
        screen = pilot.app.screen
        query = screen.query_one("#lib-query", Input)
        assert pilot.app.focused is query
        depth = len(pilot.app.screen_stack)
        assert "e" not in pilot.app.active_bindings  # nor in the footer
        assert "enter: edit" in text_of(pilot, "#lib-count")
        await pilot.press(*"last resort")
        assert screen_name(pilot) == "LibraryScreen" and pilot.app.screen is screen
        assert query.value == "last resort"
        await pilot.press("e", "n", "d", "r", "w", "delete")  # the list's command keys
        assert pilot.app.screen is screen and len(pilot.app.screen_stack) == depth
        assert query.value == "last resortendrw"
        await pilot.press(*["backspace"] * 5)
        results = screen.query_one("#lib-results", OptionList)
        await wait_for(pilot, lambda: results.option_count > 0)
        first = results.get_option_at_index(0).id
        await pilot.press("down")
        assert pilot.app.focused is results
        assert pilot.app.active_bindings["e"].enabled
        assert "e edit" in text_of(pilot, "#lib-count")
        await pilot.press("e")
        await wait_for(pilot, lambda: screen_name(pilot) == "ClauseEditor")
        assert pilot.app.screen.clause.id == first


@pytest.mark.parametrize("size", [(160, 48), (200, 60)])
async def test_parameters_and_precedents_can_be_reached(
    workspace: Path, size: tuple[int, int]
) -> None:
    app = app_for(workspace)
    async with app.run_test(size=size) as pilot:
        await open_library_on(pilot, "icc.referral")  # five parameters, three precedents
        await pilot.press("e")
        await wait_for(pilot, lambda: screen_name(pilot) == "ClauseEditor")
        screen = pilot.app.screen
        for selector, count in (("#c-params", 5), ("#c-precedents", 3)):
            box = screen.query_one(selector)
            rows = list(box.children)
            assert len(rows) == count
            assert box.size.height >= sum(row.outer_size.height for row in rows) > 0
        for name in list(screen.query(".p-name")):
            await click_visible(pilot, name)
            assert pilot.app.focused is name
        await click_visible(pilot, screen.query_one("#add-param"))
        await wait_for(pilot, lambda: len(screen.query(".param-row")) == 6)
        assert pilot.app.focused is screen.query(".p-name").last()
        await pilot.press(*"days")
        assert screen.query(".p-name").last(Input).value == "days"
        await click_visible(pilot, screen.query_one("#add-precedent"))
        await wait_for(pilot, lambda: len(screen.query(".precedent-row")) == 4)
        assert pilot.app.focused is screen.query(".r-document").last()
        document = screen.query(".r-document").last(Input)
        await click_visible(pilot, document)
        assert pilot.app.focused is document


@pytest.mark.parametrize("size", [(160, 48), (200, 60)])
async def test_end_keys_in_the_body(workspace: Path, size: tuple[int, int]) -> None:
    app = app_for(workspace)
    async with app.run_test(size=size) as pilot:
        await open_library_on(pilot, "icc.referral")
        await pilot.press("e")
        await wait_for(pilot, lambda: screen_name(pilot) == "ClauseEditor")
        body = pilot.app.screen.query_one("#c-body", TextArea)
        first = body.text  # one long line, wrapped over several rows
        body.text = first + "\nsecond line"
        await click_visible(pilot, body)
        assert pilot.app.focused is body
        body.move_cursor((0, 0))
        await pilot.press("end")
        assert body.cursor_location == (0, len(first))
        await pilot.press("ctrl+home")
        assert body.cursor_location == (0, 0)
        await pilot.press("ctrl+end")
        assert body.cursor_location == (1, len("second line"))


async def test_retire_and_rename_refused_while_a_draft_cannot_be_read(workspace: Path) -> None:
    """A possible draft that cannot be read blocks retiring and renaming (the core
    refuses); the library screen says which file and why, and does not crash."""
    broken = workspace / "drafts" / "broken.yaml"
    broken.parent.mkdir()
    broken.write_bytes(b"situation: \xff\xfe not text\n")
    clause = workspace / "clauses" / "covid-19" / "covid-19.disproportionate-impact.yaml"
    app = app_for(workspace)
    async with app.run_test(size=(110, 34)) as pilot:
        await open_library_on(pilot, "covid-19.disproportionate-impact")
        await pilot.press("delete")
        await pilot.pause()
        if screen_name(pilot) == "ConfirmDialog":
            await pilot.click("#answer-retire")
            await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
        messages = [n.message for n in app._notifications]
        assert any("broken.yaml" in m for m in messages), messages
        await pilot.press("r")
        await fill(pilot, "#text", "covid-19.impact-renamed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        if screen_name(pilot) == "ConfirmDialog":
            await pilot.click("#answer-rename")
            await pilot.pause()
        assert screen_name(pilot) == "LibraryScreen"
        assert sum("broken.yaml" in n.message for n in app._notifications) >= 2
    assert clause.is_file()
    assert not clause.with_name("covid-19.impact-renamed.yaml").exists()
