"""The draft's details form (issue 13, point 2): every field of a draft that is not its
text, edited in the TUI without touching YAML, checked beside each field, saved in one
undo step; fields listed in ``review`` are marked and leave the list when settled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Label, Static, TextArea

from tests.conftest import MALI
from tests.functional.tui_helpers import answer, cursor_to, fill, wait_for_screen
from tui.app import build_app
from wgdraft.drafts import build_bundle, load_draft
from wgdraft.library import Library
from wgdraft.render_text import render_letter_text, render_statement_text, render_text

GOVERNMENT_LETTER = 2  # blocks[2] of the Mali example: the letter to the Government
PARTIES_STATEMENT = 0  # blocks[0]: the statement to all parties


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.chdir(tmp_path)


def mali_copy(tmp_path: Path, extra: str = "") -> Path:
    draft = tmp_path / "mali.yaml"
    shutil.copy(MALI, draft)
    if extra:
        with draft.open("a", encoding="utf-8") as file:
            file.write(extra)
    return draft


def note(pilot: Pilot, key: str) -> str:  # type: ignore[type-arg]
    return str(pilot.app.screen.query_one("#dn-" + key.replace(".", "-"), Static).render())


async def open_details(pilot: Pilot) -> None:  # type: ignore[type-arg]
    await wait_for_screen(pilot, "EditorScreen")
    await pilot.press("s")
    await wait_for_screen(pilot, "DetailsForm")


async def test_every_detail_edited_saved_rendered_and_undone(
    library: Library, tmp_path: Path
) -> None:
    draft = mali_copy(tmp_path)
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_details(pilot)
        screen = pilot.app.screen
        resolutions = screen.query_one("#d-situation-resolutions", TextArea).text
        assert resolutions.splitlines()[-1] == "2601 (2021)"
        assert note(pilot, "situation.meeting.date") == "→ 31 March 2023"
        await fill(pilot, "#d-situation-meeting-number", "74th")
        await fill(
            pilot, "#d-situation-resolutions", resolutions.replace("2601 (2021)", "2712 (2023)")
        )
        await fill(pilot, "#d-signatories-president-name", "Vanessa Frazier")
        await fill(
            pilot,
            f"#d-blocks-{GOVERNMENT_LETTER}-addressees-0-name",
            "His Excellency Colonel Assimi Goïta",
        )
        await fill(pilot, f"#d-blocks-{PARTIES_STATEMENT}-press_release", "SC/15333")
        await fill(
            pilot,
            "#d-annex-comments",
            "The first comment, pasted\nas it came;\n\n  The second comment.\n",
        )
        await fill(pilot, "#d-document-date", "2.6.2023")
        assert note(pilot, "document.date") == "→ 2 June 2023"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        editor = pilot.app.screen
        assert editor.session.dirty
        preview = editor.query_one("#preview", TextArea).text
        assert "– The second comment." in preview

        # one undo step takes every change back, redo puts it again
        await pilot.press("u")
        assert "number" not in editor.session.view["situation"]["meeting"]
        assert len(editor.session.view["annex"]["comments"]) == 8
        await pilot.press("u")  # the draft was opened as it is: nothing more to undo
        assert "2601 (2021)" in editor.session.view["situation"]["resolutions"]
        await pilot.press("r")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not editor.session.dirty

    saved = load_draft(draft)
    assert saved.situation.meeting.number == "74th"
    assert saved.situation.resolutions[-1] == "2712 (2023)"
    assert "2601 (2021)" not in saved.situation.resolutions
    assert saved.signatories["president"].name == "Vanessa Frazier"
    addressee = saved.blocks[GOVERNMENT_LETTER].addressees[0]
    assert addressee.name == "His Excellency Colonel Assimi Goïta"
    assert addressee.title == "President of the Transition of the Republic of Mali"
    assert saved.blocks[PARTIES_STATEMENT].press_release == "SC/15333"
    assert saved.annex is not None
    assert saved.annex.comments == ["The first comment, pasted as it came;", "The second comment."]
    assert saved.annex.mission.startswith("Permanent Mission of the Republic of Mali")
    text = draft.read_text(encoding="utf-8")
    # untouched fields keep their comments and their one-line style
    assert "letters_date: 2023-06-15  # when the letters and statements go out" in text
    assert "resolutions: [1612 (2005), 1882 (2009)," in text
    assert "date: 2023-06-02" in text  # a date, not a quoted string

    bundle = build_bundle(draft, library)
    letters = "\n".join(render_letter_text(letter) for letter in bundle.letters)
    statements = "\n".join(render_statement_text(s) for s in bundle.statements)
    conclusions = render_text(bundle.conclusions)
    assert "His Excellency Colonel Assimi Goïta" in letters
    assert "Vanessa Frazier" in letters
    assert "SC/15333" in statements + conclusions
    assert "The second comment." in conclusions
    assert "2712 (2023)" in conclusions


async def test_a_wrong_date_is_shown_beside_its_field_and_not_saved(
    library: Library, tmp_path: Path
) -> None:
    draft = mali_copy(tmp_path)
    before = draft.read_text(encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_details(pilot)
        form = pilot.app.screen
        await fill(pilot, "#d-situation-report-date", "31/2/2023")
        assert "February 2023 has 28 days" in note(pilot, "situation.report.date")
        await fill(pilot, "#d-situation-report-symbol", "2022/856")
        assert "not a UN document symbol" in note(pilot, "situation.report.symbol")
        await pilot.press("ctrl+s")
        assert pilot.app.screen is form
        assert form.focused is form.query_one("#d-situation-report-symbol")  # the first wrong
        messages = "\n".join(str(n.message) for n in pilot.app._notifications)
        assert "Report date: '31/2/2023' is not a date" in messages
        assert "Report symbol: '2022/856' is not a UN document symbol" in messages

        # escape with changes asks; "keep editing" keeps the typing
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "keep")
        await wait_for_screen(pilot, "DetailsForm")
        assert form.form_state()["situation.report.date"] == "31/2/2023"
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "discard")
        await wait_for_screen(pilot, "EditorScreen")
        assert not pilot.app.screen.session.dirty

        # a field another one needs: a later meeting's kind without its date
        await pilot.press("s")
        await wait_for_screen(pilot, "DetailsForm")
        await fill(pilot, f"#d-blocks-{PARTIES_STATEMENT}-meeting-kind", "formal meeting")
        await pilot.press("ctrl+s")
        assert type(pilot.app.screen).__name__ == "DetailsForm"
        assert "✗" in note(pilot, f"blocks.{PARTIES_STATEMENT}.meeting.date")
        # nothing changed: escape closes at once
        await fill(pilot, f"#d-blocks-{PARTIES_STATEMENT}-meeting-kind", "")
        await pilot.press("escape")
        await wait_for_screen(pilot, "EditorScreen")
    assert draft.read_text(encoding="utf-8") == before


async def test_fields_to_review_are_marked_and_leave_the_list(
    library: Library, tmp_path: Path
) -> None:
    review = (
        "review:\n  - situation.report.symbol\n  - situation.meeting.date\n  - document.date\n"
        f"  - blocks[{GOVERNMENT_LETTER}].addressees\n  - signatories.president\n"
    )
    draft = mali_copy(tmp_path, review)
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_details(pilot)
        form = pilot.app.screen

        def label(key: str) -> str:
            return str(form.query_one("#label-d-" + key.replace(".", "-"), Label).render())

        assert "to review" in label("situation.report.symbol")
        assert "to review" in label("situation.meeting.date")
        assert "to review" not in label("situation.report.ordinal")
        assert "to review" in label("signatories.president.title")
        assert "to review" in label(f"blocks.{GOVERNMENT_LETTER}.addressees.0.address")
        await fill(pilot, f"#d-blocks-{GOVERNMENT_LETTER}-addressees-0-address", "Bamako, Mali")
        await fill(pilot, "#d-situation-report-symbol", "S/2025/100")
        form.query_one("#d-situation-meeting-date").focus()
        await pilot.press("ctrl+r")  # right as it is
        assert "reviewed" in label("situation.meeting.date")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_draft(draft)
    assert saved.review == ["document.date", "signatories.president"]
    assert saved.situation.report.symbol == "S/2025/100"


async def test_emptied_details_leave_the_draft(library: Library, tmp_path: Path) -> None:
    """An addressee, the annex and a signatory emptied in the form go from the YAML; a
    new addressee is added in the empty slot after the others."""
    draft = mali_copy(tmp_path)
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await cursor_to(pilot, "6 (b)")  # in the letter to the Government: opens at it
        await pilot.press("s")
        await wait_for_screen(pilot, "DetailsForm")
        form = pilot.app.screen
        assert form.focused is form.query_one(f"#d-blocks-{GOVERNMENT_LETTER}-addressees-0-name")
        for key in ("mission", "comments", "place", "date"):
            await fill(pilot, f"#d-annex-{key}", "")
        base = f"#d-blocks-{GOVERNMENT_LETTER}-addressees"
        await fill(pilot, f"{base}-1-title", "Prime Minister of the Transition")
        await fill(pilot, f"{base}-1-address", "Bamako")
        await fill(pilot, "#d-situation-government", "")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = load_draft(draft)
    assert saved.annex is None
    assert saved.situation.government is None
    assert [a.title for a in saved.blocks[GOVERNMENT_LETTER].addressees] == [
        "President of the Transition of the Republic of Mali",
        "Prime Minister of the Transition",
    ]
    assert "\nannex:" not in draft.read_text(encoding="utf-8")


async def test_word_counts_per_section_and_in_total(library: Library, tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from wgdraft.assemble import assemble
    from wgdraft.counts import count

    draft = mali_copy(tmp_path)
    expected = count(assemble(load_draft(draft), library, draft, stage="clean"))
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("w")
        await wait_for_screen(pilot, "CountsScreen")
        table = pilot.app.screen.query_one("#counts", DataTable)
        rows = [[str(cell).strip() for cell in table.get_row_at(n)] for n in range(table.row_count)]
        assert [row[0] for row in rows] == [r.title for r in expected]
        assert rows[-1][0] == "Total"
        assert rows[-1][3] == f"{expected[-1].words:,}"
        assert int(rows[-1][1]) == sum(r.paragraphs for r in expected[:-1]) > 0
        await pilot.press("escape")
        await wait_for_screen(pilot, "EditorScreen")

    broken = tmp_path / "broken.yaml"
    broken.write_text(
        draft.read_text(encoding="utf-8").replace("channel: parties-statement", "channel: nah", 1),
        encoding="utf-8",
    )
    app = build_app(library, broken)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("w")
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "EditorScreen"
        assert any(n.title == "Fix the draft first" for n in pilot.app._notifications)


async def test_typing_in_the_details_form_survives_a_crash(
    library: Library, tmp_path: Path
) -> None:
    from wgdraft.formrecovery import draft_key, pending_forms, save_form

    draft = mali_copy(tmp_path)
    save_form(draft_key(draft, "details"), "The details", {"situation.meeting.number": "75th"})
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "reopen")
        await wait_for_screen(pilot, "DetailsForm")
        await pilot.pause()
        assert pilot.app.screen.form_state()["situation.meeting.number"] == "75th"
        government = pilot.app.screen.query_one("#d-situation-government")
        assert "Government" in str(getattr(government, "placeholder", ""))
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert pilot.app.screen.session.view["situation"]["meeting"]["number"] == "75th"
    assert pending_forms(draft) == []
