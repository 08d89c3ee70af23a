"""The drafting TUI driven with Textual's Pilot: the main workflow, end to end (issue 5)."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
import yaml
from textual.widgets import Input, OptionList, Static, TextArea, Tree

from tests.conftest import MALI
from tests.functional.tui_helpers import choose_option, fill, screen_name, type_into
from tui.app import build_app
from wgdraft.library import Library


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Isolate recent drafts and recovery files; work in a temporary folder."""
    state = tmp_path / "state"
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(state))
    monkeypatch.chdir(tmp_path)
    return state


def outline_labels(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    tree = pilot.app.screen.query_one("#outline", Tree)
    out = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            out.append(str(child.label))
            walk(child)

    walk(tree.root)
    return out


async def cursor_to(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put the outline cursor on the first node whose label starts with ``text`` (one
    step with the arrow keys, to go through the key handling; then directly)."""
    tree = pilot.app.screen.query_one("#outline", Tree)
    tree.focus()
    await pilot.press("down")
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and str(node.label).startswith(text):
            tree.move_cursor(node)
            await pilot.pause()
            assert tree.cursor_node is node
            return
    raise AssertionError(f"no outline node starts with {text!r}")


async def add_block(pilot, channel: str, query: str, clause_id: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("b")
    assert screen_name(pilot) == "PickDialog"
    await choose_option(pilot, "#choices", channel)
    assert screen_name(pilot) == "ClauseBrowser"
    await type_into(pilot, "#query", query)
    await choose_option(pilot, "#results", clause_id)


async def test_new_draft_three_blocks_save_and_export(library: Library, tmp_path: Path) -> None:
    app = build_app(library, output_dir=tmp_path / "export")
    async with app.run_test(size=(140, 45)) as pilot:
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
        await type_into(pilot, "#query", "safe schools")
        await choose_option(pilot, "#results", "attacks-schools-hospitals.safe-schools-declaration")
        assert screen_name(pilot) == "ParamForm"
        await type_into(pilot, "#field-children_deprived", "many")
        await type_into(pilot, "#field-endorsed", "May 2015")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert screen_name(pilot) == "ParamForm"  # refused
        errors = str(pilot.app.screen.query_one("#error-children_deprived", Static).render())
        assert "expected a whole number" in errors
        assert "YYYY-MM-DD" in str(pilot.app.screen.query_one("#error-endorsed", Static).render())
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
    async with app.run_test(size=(140, 45)) as pilot:
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


async def test_letter_preview_toggle_and_help(library: Library, tmp_path: Path) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(140, 45)) as pilot:
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
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"export the docx")
        await pilot.pause(0.3)
        options = pilot.app.screen.query_one(OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("Export the DOCX bundle" in p for p in prompts)


async def test_invalid_draft_shows_problems_not_a_crash(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "broken.yaml"
    draft.write_text(
        MALI.read_text(encoding="utf-8").replace(
            "clause: icc.referral", "clause: icc.no-such-clause"
        ),
        encoding="utf-8",
    )
    app = build_app(library, draft)
    async with app.run_test(size=(140, 45)) as pilot:
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
    async with app.run_test(size=(140, 45)) as pilot:
        await cursor_to(pilot, "4 (b)")
        await pilot.press("x")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert screen_name(pilot) == "ConfirmDialog"
        await pilot.click("#answer-save")
        await pilot.pause()
    assert "previous-conclusions.further-implement" not in draft.read_text(encoding="utf-8")


async def test_edit_the_situation(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(140, 45)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert screen_name(pilot) == "SituationForm"
        assert pilot.app.screen.query_one("#sit-meeting-date", Input).value == "2023-03-31"
        await fill(pilot, "#sit-meeting-date", "2023-04-01")
        await fill(pilot, "#sit-report-ordinal", "fifth")
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
