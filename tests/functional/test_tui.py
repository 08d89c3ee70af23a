"""The drafting TUI driven with Textual's Pilot: the main workflow, end to end (issue 5)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from textual.widgets import Button, Input, OptionList, Select, Static, TextArea

from tests.assessment import free_assessment_file
from tests.conftest import MALI
from tests.functional.tui_helpers import (
    answer,
    choose_option,
    cursor_to,
    fill,
    outline_labels,
    screen_name,
    type_into,
    wait_for,
    wait_for_screen,
)
from tui.app import build_app
from wgdraft.library import Library


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Isolate recent drafts and recovery files; work in a temporary folder."""
    state = tmp_path / "state"
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(state))
    monkeypatch.chdir(tmp_path)
    return state


async def add_block(pilot, channel: str, query: str, clause_id: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("b")
    assert screen_name(pilot) == "PickDialog"
    await choose_option(pilot, "#choices", channel)
    assert screen_name(pilot) == "ClauseBrowser"
    await fill(pilot, "#query", query)  # typing in the browser is tested elsewhere
    await choose_option(pilot, "#results", clause_id)


async def test_new_draft_three_blocks_save_and_export(library: Library, tmp_path: Path) -> None:
    app = build_app(library, output_dir=tmp_path / "export")
    async with app.run_test(size=(110, 34)) as pilot:
        assert screen_name(pilot) == "StartScreen"
        await pilot.press("n")
        assert screen_name(pilot) == "SituationForm"
        for selector, text in [
            ("#sit-path", "somalia-2025.yaml"),
            ("#sit-country-name", "Somalia"),
            ("#sit-government", "Federal Government"),
            ("#sit-meeting-date", "2025-05-20"),
            ("#sit-report-ordinal", "sixth"),
            ("#sit-report-symbol", "S/2025/123"),
            ("#sit-report-period_start", "2022-08-01"),
            ("#sit-report-period_end", "2024-12-31"),
            ("#sit-representative", "Permanent Representative of Somalia to the United Nations"),
            ("#sit-parties", "the Somali National Army\nAl-Shabaab"),
        ]:
            await fill(pilot, selector, text)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"
        assert Path("somalia-2025.yaml").is_file()

        # three blocks, each started from the clause browser
        await add_block(pilot, "parties-statement", "condemning all", "condemnation.all-violations")
        assert screen_name(pilot) == "ParamForm"
        await pilot.press("ctrl+s")  # optional parameters only: accept the defaults
        await pilot.pause()
        await add_block(
            pilot, "government-letter", "commitment", "government.commitment-and-efforts"
        )
        if screen_name(pilot) == "ParamForm":
            # a yes/no without a default is asked (a blank select), never "no" untouched
            field = pilot.app.screen.query_one("#field-task_force_collaboration", Select)
            assert field.value is Select.NULL
            field.value = "no"
            await pilot.press("ctrl+s")
            await pilot.pause()
        await add_block(
            pilot, "donors-letter", "keep informed", "donors.keep-informed-consult-government"
        )
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"

        # a clause with typed parameters into the parties block; an invalid value is refused
        await cursor_to(pilot, "3 (a)")
        await pilot.press("a")
        await fill(pilot, "#query", "safe schools")
        await choose_option(pilot, "#results", "attacks-schools-hospitals.safe-schools-declaration")
        assert screen_name(pilot) == "ParamForm"
        await type_into(pilot, "#field-children_deprived", "many")
        await type_into(pilot, "#field-endorsed", "May 2015")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ParamForm"  # refused
        errors = str(pilot.app.screen.query_one("#error-children_deprived", Static).render())
        assert "'many' is not a whole number" in errors
        endorsed = str(pilot.app.screen.query_one("#error-endorsed", Static).render())
        assert "give the day too" in endorsed
        await type_into(pilot, "#field-children_deprived", "250000")
        await type_into(pilot, "#field-endorsed", "2015-05-29")
        await fill(pilot, "#field-affected_by", "the conflict\noverall insecurity")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"
        labels = outline_labels(pilot)
        assert any(label.startswith("3 (b)  Condemning attacks on schools") for label in labels)

        # reorder: the new item moves above the condemnation
        await cursor_to(pilot, "3 (b)")
        await pilot.press("ctrl+up")
        await pilot.pause()
        labels = outline_labels(pilot)
        assert any(label.startswith("3 (a)  Condemning attacks on schools") for label in labels)
        preview = pilot.app.screen.query_one("#preview", TextArea)
        assert "(a) Strongly condemning attacks on schools and hospitals" in preview.text
        assert "250,000 children" in preview.text

        # undo and redo the move
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert any(label.startswith("3 (b)  Condemning") for label in outline_labels(pilot))
        await pilot.press("ctrl+y")
        await pilot.pause()
        assert any(label.startswith("3 (a)  Condemning") for label in outline_labels(pilot))

        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "clean")  # the export asks which text
        await app.workers.wait_for_complete()
        await pilot.pause()

    saved = yaml.safe_load(Path("somalia-2025.yaml").read_text(encoding="utf-8"))
    assert saved["situation"]["country"]["name"] == "Somalia"
    assert saved["situation"]["parties"] == ["the Somali National Army", "Al-Shabaab"]
    assert [b["channel"] for b in saved["blocks"]] == [
        "parties-statement",
        "government-letter",
        "donors-letter",
    ]
    first = saved["blocks"][0]["items"]
    assert [i["clause"] for i in first] == [
        "attacks-schools-hospitals.safe-schools-declaration",
        "condemnation.all-violations",
    ]
    assert first[0]["values"] == {
        "children_deprived": 250000,
        "endorsed": "2015-05-29",
        "affected_by": ["the conflict", "overall insecurity"],
    }

    export = tmp_path / "export"
    conclusions = docx.Document(str(export / "conclusions.docx"))
    text = "\n".join(p.text for p in conclusions.paragraphs)
    assert "Conclusions on children and armed conflict in Somalia" in text
    assert "depriving 250,000 children" in text
    assert "May 2015" in text
    assert sorted(p.name for p in (export / "letters").iterdir()) == [
        "04-government-letter.docx",
        "05-donors-letter.docx",
    ]
    assert (export / "statements" / "03-parties-statement.docx").is_file()


async def test_free_text_edit_move_to_block_and_remove(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        assert screen_name(pilot) == "EditorScreen"
        await cursor_to(pilot, "5 (b)")
        await pilot.press("t")
        await fill(pilot, "#text", "Encouraging them to speak out")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert any(label.startswith("5 (c)  ✎ Encouraging them") for label in outline_labels(pilot))
        assert "(b) Urging them" in pilot.app.screen.query_one("#preview", TextArea).text
        await cursor_to(pilot, "5 (c)")
        await pilot.press("m")
        await choose_option(pilot, "#choices", "6")  # the block with index 6: paragraph 10
        labels = outline_labels(pilot)
        assert any(label.startswith("10 (b)  ✎ Encouraging them") for label in labels)
        preview = pilot.app.screen.query_one("#preview", TextArea).text
        assert "(b) Encouraging them to speak out." in preview
        await cursor_to(pilot, "10 (b)")
        await pilot.press("x")
        await pilot.pause()
        assert not any("Encouraging them" in label for label in outline_labels(pilot))
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert draft.read_text(encoding="utf-8") == MALI.read_text(encoding="utf-8")  # comments kept


async def test_an_opening_paragraph_moves_to_a_block(library: Library, tmp_path: Path) -> None:
    """A statement's clause added among the opening paragraphs by mistake goes to its
    block with m, in one undoable step."""
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "3  ")
        moved = next(label for label in outline_labels(pilot) if label.startswith("3  "))
        await pilot.press("m")
        await choose_option(pilot, "#choices", "0")  # the first block: paragraph 3 now
        labels = outline_labels(pilot)
        assert moved[3:] not in [label[3:] for label in labels if label[:2] in ("1 ", "2 ")]
        assert any(label.endswith(moved[3:]) and "(" in label for label in labels)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert moved in outline_labels(pilot)


async def test_letter_preview_toggle_and_help(library: Library, tmp_path: Path) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "7 (a)")
        await pilot.press("l")
        await pilot.pause()
        preview = pilot.app.screen.query_one("#preview", TextArea).text
        assert preview.startswith("Security Council")
        assert "Excellency," in preview and "(a) Requesting the Secretary-General" in preview
        await pilot.press("question_mark")
        await pilot.pause()
        assert screen_name(pilot) == "HelpScreen"
        keys = str(pilot.app.screen.query_one("#help-keys", Static).render())
        assert "Export the DOCX bundle" in keys and "Undo" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"


async def test_command_palette_holds_the_editor_actions(library: Library) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export the docx")
        options = pilot.app.screen.query_one(OptionList)

        def prompts() -> list[str]:
            return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

        await wait_for(pilot, lambda: any("Export the DOCX bundle" in p for p in prompts()))


async def test_invalid_draft_shows_problems_not_a_crash(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "broken.yaml"
    draft.write_text(
        MALI.read_text(encoding="utf-8").replace(
            "clause: icc.referral", "clause: icc.no-such-clause"
        ),
        encoding="utf-8",
    )
    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        assert screen_name(pilot) == "EditorScreen"
        status = str(pilot.app.screen.query_one("#status", Static).render())
        assert "unknown clause id 'icc.no-such-clause'" in status
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"


async def test_quit_with_unsaved_changes_asks(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "4 (b)")
        await pilot.press("x")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert screen_name(pilot) == "ConfirmDialog"
        await answer(pilot, "save")
        await pilot.pause()
    assert "previous-conclusions.further-implement" not in draft.read_text(encoding="utf-8")


async def test_edit_the_situation(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await wait_for_screen(pilot, "DetailsForm")
        assert pilot.app.screen.query_one("#d-situation-meeting-date", Input).value == "2023-03-31"
        await fill(pilot, "#d-situation-meeting-date", "2023-04-01")
        await fill(pilot, "#d-situation-report-ordinal", "fifth")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "EditorScreen"
        preview = pilot.app.screen.query_one("#preview", TextArea).text
        assert "During a formal meeting held on 1 April 2023" in preview
        assert "examined the fifth report" in preview
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert saved["situation"]["report"]["ordinal"] == "fifth"
    assert str(saved["situation"]["meeting"]["date"]) == "2023-04-01"


def mali_copy(tmp_path: Path) -> Path:
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    return draft


def notifications(pilot) -> str:  # type: ignore[no-untyped-def]
    return "\n".join(str(n.message) for n in pilot.app._notifications)


async def test_forms_take_the_first_keys_typed(library: Library, tmp_path: Path) -> None:
    """Typing right after a form opens goes into its first field (it was lost)."""
    app = build_app(library)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("n")
        assert screen_name(pilot) == "SituationForm"
        await pilot.press(*"somalia.yaml")
        assert pilot.app.screen.query_one("#sit-path", Input).value == "somalia.yaml"

    app = build_app(library, mali_copy(tmp_path))
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "4 (d)")
        await pilot.press("e")
        assert screen_name(pilot) == "ParamForm"
        await pilot.press(*"xyz")
        assert any("xyz" in text for text in pilot.app.screen.form_state().values())
        await pilot.press("escape")
        await answer(pilot, "discard")
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("t")
        assert screen_name(pilot) == "TextDialog"
        await pilot.press(*"Urging")
        assert pilot.app.screen.query_one("#text", TextArea).text == "Urging"


async def test_escape_asks_before_discarding_changes(library: Library, tmp_path: Path) -> None:
    from tui.clause_editor import ClauseEditor

    app = build_app(library, mali_copy(tmp_path))
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "4 (d)")
        await pilot.press("e")
        await pilot.press("escape")  # nothing changed: closes at once
        assert screen_name(pilot) == "EditorScreen"
        await pilot.press("e")
        await pilot.press(*"xyz")
        await pilot.press("escape")
        assert screen_name(pilot) == "ConfirmDialog"
        assert "Discard your changes?" in str(pilot.app.screen.query_one(".question").render())
        await pilot.press("enter")  # the safe answer has the focus: keep editing
        await wait_for_screen(pilot, "ParamForm")
        assert any("xyz" in text for text in pilot.app.screen.form_state().values())
        await pilot.press("escape")
        await answer(pilot, "discard")
        await wait_for_screen(pilot, "EditorScreen")

        for key, form in [("t", "TextDialog"), ("s", "DetailsForm")]:
            await pilot.press(key)
            assert screen_name(pilot) == form
            await pilot.press(*"abc")
            await pilot.press("escape")
            assert screen_name(pilot) == "ConfirmDialog", form
            await answer(pilot, "discard")
            await wait_for_screen(pilot, "EditorScreen")

        clause = library.clauses["icc.referral"]
        pilot.app.push_screen(ClauseEditor(library, clause, library.files["icc.referral"]))
        await wait_for_screen(pilot, "ClauseEditor")
        await pilot.press("escape")  # at once, even before the form has settled
        await wait_for_screen(pilot, "EditorScreen")
        pilot.app.push_screen(ClauseEditor(library, clause, library.files["icc.referral"]))
        await wait_for_screen(pilot, "ClauseEditor")
        await pilot.press(*"abc")
        await pilot.press("escape")
        assert screen_name(pilot) == "ConfirmDialog"
        await answer(pilot, "discard")
        await wait_for_screen(pilot, "EditorScreen")
        assert not pilot.app.screen.session.dirty


async def test_new_draft_form_stays_open_on_a_bad_path(library: Library, tmp_path: Path) -> None:
    Path("taken.yaml").write_text("situation: {}\n", encoding="utf-8")
    app = build_app(library)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("n")
        for selector, text in [
            ("#sit-path", "taken.yaml"),
            ("#sit-country-name", "Somalia"),
            ("#sit-meeting-date", "20 May 2025"),
            ("#sit-report-ordinal", "sixth"),
            ("#sit-report-symbol", "S/2025/123"),
        ]:
            await fill(pilot, selector, text)
        for path, reason in [
            ("taken.yaml", "taken.yaml exists already"),
            ("no-folder/somalia.yaml", "there is no folder no-folder"),
            ("somalia.docx", "a draft is a .yaml file"),
        ]:
            await fill(pilot, "#sit-path", path)
            await pilot.press("ctrl+s")
            assert screen_name(pilot) == "SituationForm"
            assert reason in str(pilot.app.screen.query_one("#err-path", Static).render())
            assert pilot.app.screen.focused is pilot.app.screen.query_one("#sit-path")
            assert f"Save as (file): {reason}" in notifications(pilot)
            assert pilot.app.screen.query_one("#sit-country-name", Input).value == "Somalia"
        await fill(pilot, "#sit-path", "somalia")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
    saved = yaml.safe_load(Path("somalia.yaml").read_text(encoding="utf-8"))
    assert str(saved["situation"]["meeting"]["date"]) == "2025-05-20"


async def test_dates_as_typed_in_the_parameter_form(library: Library, tmp_path: Path) -> None:
    app = build_app(library, mali_copy(tmp_path))
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "4 (a)")
        await pilot.press("a")
        await fill(pilot, "#query", "safe schools")
        await choose_option(pilot, "#results", "attacks-schools-hospitals.safe-schools-declaration")
        assert screen_name(pilot) == "ParamForm"
        await fill(pilot, "#field-children_deprived", "250000")
        await fill(pilot, "#field-affected_by", "the conflict")
        note = pilot.app.screen.query_one("#error-endorsed", Static)
        await type_into(pilot, "#field-endorsed", "29 May 2015")  # typed key by key once
        assert str(note.render()) == "→ 29 May 2015"
        for typed in ("29 may 2015", "29/5/2015", "29.5.2015", "2015-05-29"):
            await fill(pilot, "#field-endorsed", typed)
            assert str(note.render()) == "→ 29 May 2015", typed
        await fill(pilot, "#field-endorsed", "31/2/2015")
        await pilot.press("ctrl+s")
        assert screen_name(pilot) == "ParamForm"
        assert pilot.app.screen.focused is pilot.app.screen.query_one("#field-endorsed")
        assert "February 2015 has 28 days" in str(note.render())
        assert "Endorsed: '31/2/2015' is not a date (day/month/year)" in notifications(pilot)
        await fill(pilot, "#field-endorsed", "29 May 2015")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        item = pilot.app.screen.session.get(("blocks", 0, "items", 1))
        assert item["values"]["endorsed"] == "2015-05-29"


async def test_situation_form_says_save_and_takes_dates_as_typed(
    library: Library, tmp_path: Path
) -> None:
    app = build_app(library, mali_copy(tmp_path))
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("s")
        await wait_for_screen(pilot, "DetailsForm")
        form = pilot.app.screen
        assert str(form.query_one("#done", Button).label) == "Save (ctrl+s)"
        assert form.active_bindings["ctrl+s"].binding.description == "Save"
        await fill(pilot, "#d-situation-meeting-date", "31/2/2023")
        await pilot.press("ctrl+s")
        assert screen_name(pilot) == "DetailsForm"
        assert form.focused is form.query_one("#d-situation-meeting-date")
        assert "Meeting date: '31/2/2023' is not a date (day/month/year)" in notifications(pilot)
        await fill(pilot, "#d-situation-meeting-date", "1.4.2023")
        assert (
            str(form.query_one("#dn-situation-meeting-date", Static).render()) == "→ 1 April 2023"
        )
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert "held on 1 April 2023" in pilot.app.screen.query_one("#preview", TextArea).text

    app = build_app(library)
    async with app.run_test(size=(110, 34)) as pilot:
        await pilot.press("n")
        assert str(pilot.app.screen.query_one("#done", Button).label) == "Create (ctrl+s)"


async def test_pasted_paragraphs_become_items(library: Library, tmp_path: Path) -> None:
    # paragraph 2 as free text, as before it became sentence clauses (issue 12.4)
    app = build_app(library, free_assessment_file(MALI, tmp_path / "mali.yaml", library))
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "5 (b)")
        await pilot.press("t")
        await fill(
            pilot, "#text", "Encouraging them\nto speak out\n\nUrging them\n \n\nCalling on them"
        )
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        labels = outline_labels(pilot)
        assert "5 (c)  ✎ Encouraging them to speak out" in labels
        assert "5 (d)  ✎ Urging them" in labels
        assert "5 (e)  ✎ Calling on them" in labels
        assert "3 paragraphs added as 3 items" in notifications(pilot)
        await pilot.press("ctrl+z")  # one undo step for the paste
        await pilot.pause()
        assert not any("✎" in label and "them" in label for label in outline_labels(pilot))

        # editing free text: the item keeps the first paragraph, the others follow it
        await cursor_to(pilot, "2  ✎")
        await pilot.press("e")
        await wait_for_screen(pilot, "TextDialog")
        await fill(pilot, "#text", "First part\n\nSecond part")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        labels = outline_labels(pilot)
        assert "2  ✎ First part" in labels and "3  ✎ Second part" in labels
        await pilot.press("ctrl+z")  # one undo step for the whole edit
        await pilot.pause()
        labels = outline_labels(pilot)
        assert not any("First part" in label or "Second part" in label for label in labels)
        assert any(label.startswith("2  ✎ The members of the Working Group") for label in labels)


async def test_free_text_is_never_a_template(library: Library, tmp_path: Path) -> None:
    app = build_app(library, mali_copy(tmp_path))
    async with app.run_test(size=(110, 34)) as pilot:
        await cursor_to(pilot, "5 (b)")
        await pilot.press("t")
        await fill(pilot, "#text", "Noting {{ country }} and {% if %} as written")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        preview = pilot.app.screen.query_one("#preview", TextArea).text
        assert "(c) Noting {{ country }} and {% if %} as written." in preview
        assert pilot.app.screen.error == ""
