"""The editor walks a follow-up draft's points to review: ``n`` goes to the next (a
field opens its dialog, an item gets the cursor), ``y`` marks an item reviewed, ``e``
edits it (which reviews it too); the status line counts what is left."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from tests.conftest import MALI
from tests.functional.tui_helpers import fill, wait_for, wait_for_screen
from tui.app import build_app
from wgdraft.drafts import load_draft
from wgdraft.library import Library
from wgdraft.session import DraftSession


def _followup(library: Library, tmp_path: Path) -> Path:
    session = DraftSession.from_earlier(MALI, tmp_path / "mali-2025.yaml", library, {})
    return session.save()


def _status(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#status", Static).render())


def _pending(pilot) -> list:  # type: ignore[no-untyped-def,type-arg]
    return pilot.app.screen.session.pending()


async def test_n_walks_fields_and_items_and_y_marks_reviewed(
    library: Library, tmp_path: Path
) -> None:
    draft = _followup(library, tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        total = len(_pending(pilot))
        assert total >= 15
        await wait_for(pilot, lambda: f"{total} to review" in _status(pilot), "the count shown")

        # the first field: the report's symbol, shown with the earlier value, changed
        await pilot.press("n")
        await wait_for_screen(pilot, "ReviewFieldDialog")
        value = pilot.app.screen.query_one("#review-value", Input)
        assert value.value == "S/2022/856"
        assert "Report symbol" in str(pilot.app.screen.query_one(".question", Static).render())
        await fill(pilot, "#review-value", "S/2025/300")
        await pilot.press("enter")
        await wait_for_screen(pilot, "EditorScreen")
        session = pilot.app.screen.session
        assert session.draft().situation.report.symbol == "S/2025/300"
        assert "situation.report.symbol" not in [p.field for p in _pending(pilot)]
        await wait_for(pilot, lambda: f"{total - 1} to review" in _status(pilot))

        # the next: the period's start, kept as it is with enter
        await pilot.press("n")
        await wait_for_screen(pilot, "ReviewFieldDialog")
        assert pilot.app.screen.point.field == "situation.report.period_start"
        await pilot.press("enter")
        await wait_for_screen(pilot, "EditorScreen")
        assert len(_pending(pilot)) == total - 2
        assert session.draft().situation.report.period_start.isoformat() == "2020-04-01"

        # a bad value is refused in the dialog; escape leaves everything as it was
        await pilot.press("n")
        await wait_for_screen(pilot, "ReviewFieldDialog")
        assert pilot.app.screen.point.field == "situation.report.period_end"
        await fill(pilot, "#review-value", "not a date")
        await pilot.press("enter")
        error = pilot.app.screen.query_one("#error", Static)
        await wait_for(pilot, lambda: "✗" in str(error.render()), "the refusal shown")
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")  # discard what was typed?
        await pilot.click("#answer-discard")
        await wait_for_screen(pilot, "EditorScreen")
        assert len(_pending(pilot)) == total - 2
        assert "situation.report.period_end" in [p.field for p in _pending(pilot)]

        # the other fields, kept as they are (enter); the one passed over waits its turn
        fields = [p.field for p in _pending(pilot) if p.field is not None]
        assert fields[0] == "situation.report.period_end"
        for _field in fields[1:]:
            before = len(_pending(pilot))
            await pilot.press("n")
            await wait_for_screen(pilot, "ReviewFieldDialog")
            await pilot.press("enter")
            await wait_for_screen(pilot, "EditorScreen")
            await wait_for(pilot, lambda: len(_pending(pilot)) == before - 1)  # noqa: B023
        assert _pending(pilot)[0].field == "situation.report.period_end"
        # the first item: the members' assessment gets the cursor
        items = len(_pending(pilot))
        await pilot.press("n")
        outline = pilot.app.screen.outline
        await wait_for(
            pilot,
            lambda: outline.current is not None and outline.current.ref == ("opening", 1),
            "the cursor on the assessment paragraph",
        )
        await pilot.press("y")
        await wait_for(pilot, lambda: len(_pending(pilot)) == items - 1, "the item reviewed")
        assert session.get(("opening", 1)).get("review") is None
        await wait_for(pilot, lambda: f"{items - 1} to review" in _status(pilot))
        # y where nothing is to review changes nothing
        await pilot.press("y")
        await pilot.pause()
        assert len(_pending(pilot)) == items - 1

        # the next item: edited with e (its values form, saved), which reviews it
        await pilot.press("n")
        await wait_for(
            pilot,
            lambda: (
                outline.current is not None and outline.current.ref == ("blocks", 0, "items", 3)
            ),
        )
        await pilot.press("e")
        await wait_for_screen(pilot, "ParamForm")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        await wait_for(pilot, lambda: len(_pending(pilot)) == items - 2, "the edit reviewed it")

        # undo takes the last review back; the flags are saved with the draft
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: len(_pending(pilot)) == items - 1)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: not session.dirty)
    saved = load_draft(draft)
    assert saved.situation.report.symbol == "S/2025/300"
    assert saved.opening[1].review is False
    assert saved.blocks[0].items[3].review is True
    assert "situation.report.period_end" in saved.review


async def test_nothing_to_review_says_so(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        assert "to review" not in _status(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert [n.message for n in pilot.app._notifications][-1] == "Nothing to review."
