"""Negotiation in the editor (issue 13, point 4): an item's state with its outline mark
and the counts in the status line, the open-only filter, bracketed alternatives with
their proposers, and comments; each saved to the draft and read back with the core."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import docx
from textual.widgets import Input, Select, SelectionList, Static

from tests.conftest import MALI
from tests.functional.tui_helpers import (
    answer,
    choose_option,
    cursor_to,
    fill,
    outline_labels,
    screen_name,
    wait_for,
    wait_for_screen,
)
from tui.app import build_app
from tui.rounds import RedlineView
from wgdraft import draftfile
from wgdraft.drafts import load_draft
from wgdraft.library import Library
from wgdraft.negotiation import tally
from wgdraft.rounds import list_rounds, save_round

CALLING = ("blocks", 0, "items", 1)  # 4 (b): "Calling upon all the parties ..."


def copy_of_mali(tmp_path: Path) -> Path:
    draft = tmp_path / "mali.yaml"
    shutil.copy(MALI, draft)
    return draft


def status(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#status", Static).render())


def label_of(pilot, start: str) -> str:  # type: ignore[no-untyped-def]
    return next(label for label in outline_labels(pilot) if label.startswith(start))


async def set_state(pilot, label: str, state: str) -> None:  # type: ignore[no-untyped-def]
    await cursor_to(pilot, label)
    await pilot.press("g")
    await wait_for_screen(pilot, "PickDialog")
    await choose_option(pilot, "#choices", state)
    await wait_for_screen(pilot, "EditorScreen")


async def test_state_mark_counts_and_open_only_filter(library: Library, tmp_path: Path) -> None:
    draft = copy_of_mali(tmp_path)
    items = tally(load_draft(draft)).items
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        assert f"{items} open · 0 bracketed · 0 agreed" in status(pilot)

        await set_state(pilot, "4 (a)", "agreed")
        await wait_for(pilot, lambda: label_of(pilot, "4 (a)").startswith("4 (a)  ✓ "))
        await set_state(pilot, "4 (b)", "under-discussion")
        await wait_for(pilot, lambda: label_of(pilot, "4 (b)").startswith("4 (b)  ◐ "))
        assert f"{items - 1} open · 0 bracketed · 1 agreed" in status(pilot)

        # open items only: the agreed item goes, the one under discussion stays
        await pilot.press("o")
        await wait_for(pilot, lambda: "open items only" in status(pilot))
        assert not any(label.startswith("4 (a)") for label in outline_labels(pilot))
        assert any(label.startswith("4 (b)  ◐") for label in outline_labels(pilot))
        await pilot.press("o")
        await wait_for(pilot, lambda: "open items only" not in status(pilot))
        assert any(label.startswith("4 (a)  ✓") for label in outline_labels(pilot))

        # the help says what the marks mean and names the new keys
        await pilot.press("question_mark")
        await wait_for_screen(pilot, "HelpScreen")
        keys = str(pilot.app.screen.query_one("#help-keys", Static).render())
        assert "◐ under discussion · ✓ agreed ad referendum" in keys
        assert "Show open items only" in keys and "Rounds: save the draft" in keys
        await pilot.press("escape")
        await wait_for_screen(pilot, "EditorScreen")

        # one undo step takes the last state back
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: not label_of(pilot, "4 (b)").startswith("4 (b)  ◐"))
        await pilot.press("ctrl+y")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_draft(draft)
    assert saved.blocks[0].items[0].status == "agreed"
    assert saved.blocks[0].items[1].status == "under-discussion"


async def open_brackets(pilot, label: str) -> None:  # type: ignore[no-untyped-def]
    await cursor_to(pilot, label)
    await pilot.press("left_square_bracket")
    await wait_for_screen(pilot, "BracketForm")


async def test_alternatives_with_proposers_then_choose_one(
    library: Library, tmp_path: Path
) -> None:
    draft = copy_of_mali(tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await open_brackets(pilot, "4 (b)")
        # words not in the item are refused, and the form stays open
        await fill(pilot, "#span", "Demands of")
        await fill(pilot, "#opt-text-0", "Calling upon")
        await fill(pilot, "#opt-by-0", "France")
        await fill(pilot, "#opt-text-1", "Urging")
        await fill(pilot, "#opt-by-1", "Russian Federation")
        await pilot.press("ctrl+s")
        await wait_for(
            pilot,
            lambda: (
                "do not occur" in str(pilot.app.screen.query_one("#span-error", Static).render())
            ),
        )
        assert pilot.app.screen.__class__.__name__ == "BracketForm"
        await fill(pilot, "#span", "Calling upon")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        await wait_for(pilot, lambda: "[/]" in label_of(pilot, "4 (b)"))
        assert "1 bracketed" in status(pilot)

        # escape in the middle of a changed form asks before losing anything
        await pilot.press("left_square_bracket")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "0")
        await wait_for_screen(pilot, "BracketForm")
        assert pilot.app.screen.query_one("#span").value == "Calling upon"  # type: ignore[attr-defined]
        select = pilot.app.screen.query_one("#chosen", Select)
        select.value = "1"
        await pilot.pause()
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "keep")
        await wait_for_screen(pilot, "BracketForm")
        assert pilot.app.screen.query_one("#chosen", Select).value == "1"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        await wait_for(pilot, lambda: "0 bracketed" in status(pilot))
        await pilot.press("ctrl+s")
        await pilot.pause()
    item = load_draft(draft).blocks[0].items[1]
    (bracket,) = item.brackets
    assert bracket.span == "Calling upon"
    assert [(o.text, o.proposed_by) for o in bracket.options] == [
        ("Calling upon", "France"),
        ("Urging", "Russian Federation"),
    ]
    assert bracket.chosen == "Urging"


async def test_comments_added_and_author_remembered(library: Library, tmp_path: Path) -> None:
    draft = copy_of_mali(tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "4 (b)")
        await pilot.press("k")
        await wait_for_screen(pilot, "CommentsDialog")
        await fill(pilot, "#author", "Chair")
        await fill(pilot, "#comment-text", "France asks to keep the 2020 wording.")
        await pilot.click("#add-comment")
        await fill(pilot, "#comment-text", "To settle at the next meeting.")
        await pilot.press("ctrl+s")  # done adds what is typed
        await wait_for_screen(pilot, "EditorScreen")
        await wait_for(pilot, lambda: "✱" in label_of(pilot, "4 (b)"))

        await cursor_to(pilot, "4 (a)")
        await pilot.press("k")
        await wait_for_screen(pilot, "CommentsDialog")
        assert pilot.app.screen.query_one("#author").value == "Chair"  # type: ignore[attr-defined]
        await pilot.press("escape")  # nothing typed: closes at once
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("ctrl+s")
        await pilot.pause()
    comments = load_draft(draft).blocks[0].items[1].comments
    assert [(c.author, c.date, c.text) for c in comments] == [
        ("Chair", dt.date.today(), "France asks to keep the 2020 wording."),
        ("Chair", dt.date.today(), "To settle at the next meeting."),
    ]
    assert not load_draft(draft).blocks[0].items[0].comments


def with_open_bracket(tmp_path: Path) -> Path:
    """A copy of Mali whose 4 (b) holds alternatives still open."""
    draft = copy_of_mali(tmp_path)
    data = draftfile.load(draft)
    data["blocks"][0]["items"][1]["brackets"] = [
        {
            "span": "Calling upon",
            "options": [
                {"text": "Calling upon", "proposed_by": "France"},
                {"text": "Urging", "proposed_by": "Russian Federation"},
            ],
        }
    ]
    draftfile.save(draft, data)
    return draft


def rounds_listed(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    listed = pilot.app.screen.query_one("#rounds", SelectionList)
    return [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]


async def test_save_a_round_then_compare_it_with_the_draft(
    library: Library, tmp_path: Path
) -> None:
    draft = copy_of_mali(tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "4 (b)")
        await pilot.press("x")  # unsaved: the round saves the draft first
        await pilot.press("R")
        await wait_for_screen(pilot, "RoundsScreen")
        await pilot.press("s")
        await wait_for_screen(pilot, "LineDialog")
        assert pilot.app.screen.query_one("#text", Input).value == "Zero draft"
        await pilot.press("enter")
        await wait_for_screen(pilot, "RoundsScreen")
        assert any("Zero draft" in line for line in rounds_listed(pilot))
        (saved,) = list_rounds(draft)
        assert (saved.number, saved.name) == (1, "Zero draft")
        assert "further-implement" not in draft.read_text(encoding="utf-8")
        assert not pilot.app.screen_stack[-2].session.dirty  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_for_screen(pilot, "EditorScreen")

        # a change after the round shows in the comparison, coloured
        await cursor_to(pilot, "4 (a)")
        await pilot.press("x")
        await pilot.press("R")
        await wait_for_screen(pilot, "RoundsScreen")
        pilot.app.screen.query_one("#rounds", SelectionList).select("1")
        await pilot.press("c")
        await wait_for_screen(pilot, "RedlineView")
        view = pilot.app.screen
        assert isinstance(view, RedlineView)
        assert "[-Strongly condemning all violations" in view.shown
        await pilot.press("n")  # to the first changed paragraph, struck through
        first = view.query_one(f"#line-{view.changes[0]}", Static)
        await wait_for(pilot, lambda: first.region.y > 0 and first.region.y < 10)
        shown = first.render()
        deleted = [s for s in shown.spans if getattr(s.style, "strike", False)]  # type: ignore[attr-defined]
        assert deleted and shown.plain[deleted[0].start : deleted[0].end].startswith("[-")  # type: ignore[attr-defined]
        await pilot.press("escape")
        await wait_for_screen(pilot, "RoundsScreen")


async def test_clean_export_refused_with_an_open_bracket_unless_forced(
    library: Library, tmp_path: Path
) -> None:
    draft = with_open_bracket(tmp_path)
    out = tmp_path / "export"
    app = build_app(library, draft, output_dir=out)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        assert "1 bracketed" in status(pilot)
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "clean")
        await wait_for_screen(pilot, "ConfirmDialog")
        question = str(pilot.app.screen.query_one(".question", Static).render())
        assert "alternatives are still open" in question
        assert "Calling upon" in question
        await answer(pilot, "cancel")
        await wait_for_screen(pilot, "EditorScreen")
        await app.workers.wait_for_complete()
        assert not out.exists()

        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "clean")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "force")
        await wait_for_screen(pilot, "EditorScreen")
        await app.workers.wait_for_complete()
        await wait_for(pilot, lambda: (out / "conclusions.docx").exists())

        # the negotiation text goes beside it, with every alternative
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "negotiation")
        await wait_for_screen(pilot, "EditorScreen")
        await app.workers.wait_for_complete()
    negotiation = tmp_path / "export-negotiation" / "conclusions.docx"
    assert negotiation.exists()
    text = "\n".join(p.text for p in docx.Document(str(negotiation)).paragraphs)
    assert "Calling upon" in text and "Urging" in text


async def test_redline_export_against_a_round(library: Library, tmp_path: Path) -> None:
    draft = copy_of_mali(tmp_path)
    data = draftfile.load(draft)
    data["blocks"][0]["items"][0]["comments"] = [
        {"author": "Ghana", "date": dt.date(2025, 5, 2), "text": "Keep the 2020 wording."}
    ]
    draftfile.save(draft, data)
    save_round(draft, "Zero draft", draft.read_text(encoding="utf-8"))
    out = tmp_path / "export"
    app = build_app(library, draft, output_dir=out)
    async with app.run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "4 (b)")
        await pilot.press("x")
        await pilot.press("ctrl+e")
        await wait_for_screen(pilot, "PickDialog")
        await choose_option(pilot, "#choices", "redline")
        await wait_for(
            pilot,
            lambda: (
                screen_name(pilot) == "PickDialog"
                and "round" in str(pilot.app.screen.query_one(".question", Static).render())
            ),
        )
        await choose_option(pilot, "#choices", "1")
        await wait_for_screen(pilot, "LineDialog")
        # the author of the draft's last comment (a delegation) does not sign the redline
        assert pilot.app.screen.query_one("#text", Input).value != "Ghana"
        await fill(pilot, "#text", "Chair")
        await pilot.press("enter")
        await wait_for(pilot, lambda: (out / "conclusions-redline.docx").exists())
        await wait_for_screen(pilot, "EditorScreen")
    body = (out / "conclusions-redline.docx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(body)) as docx_zip:
        xml = docx_zip.read("word/document.xml").decode("utf-8")
    assert "<w:del " in xml and 'w:author="Chair"' in xml
