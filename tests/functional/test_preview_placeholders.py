"""Previews show what the draft will print: a parameter the draft leaves empty appears
as a visible "[name]", never as its example wording (issue 9)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.conftest import MALI
from tests.functional.tui_helpers import screen_name
from tui.app import build_app
from wgdraft.assemble import preview_with_placeholders
from wgdraft.drafts import load_draft, sample_draft
from wgdraft.library import Library


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))


def test_empty_parameters_show_as_placeholders(library: Library) -> None:
    text = preview_with_placeholders(library, "icc.referral", load_draft(MALI))
    assert text.startswith("Noting that, on [referral_date], [referred_by] of Mali referred")
    assert "since" not in text  # an optional parameter left empty is left out
    for example in ("30 May 2014", "the transitional Government", "1 August 2012"):
        assert example not in text


def test_values_the_draft_supplies_are_used_as_they_are(library: Library) -> None:
    draft = load_draft(MALI)
    text = preview_with_placeholders(
        library,
        "icc.referral",
        draft,
        values={"referral_date": dt.date(2012, 7, 13)},
        scope={"referred_by": "the transitional authorities"},  # the block's values
    )
    assert "on 13 July 2012, the transitional authorities of Mali" in text
    assert "in Mali to the International Criminal Court" in text  # 'since' left out
    # a draft-level value (Mali's 'agreement') and a default are used, not a placeholder
    text = preview_with_placeholders(library, "peace-ddr.child-protection-provisions", draft)
    assert draft.values["agreement"] in text and "[agreement]" not in text
    text = preview_with_placeholders(library, "condemnation.all-violations", draft)
    assert "[" not in text and "all parties concerned" in text  # defaults
    assert "considerable increase" not in text  # the example of 'trend' (default "")


def test_placeholders_fit_dates_names_and_numbers(library: Library) -> None:
    text = preview_with_placeholders(
        library, "attacks-schools-hospitals.safe-schools-declaration", load_draft(MALI)
    )
    assert "endorsed by the Government of Mali in [endorsed]" in text  # endorsed.month_year
    assert "affected by [affected_by]" in text  # names joined
    assert "depriving [children_deprived] children" in text  # number in words


def test_every_clause_previews_with_placeholders(library: Library) -> None:
    draft = sample_draft(library)
    for clause_id, clause in library.clauses.items():
        for variant in (None, *clause.variants):
            assert preview_with_placeholders(library, clause_id, draft, variant=variant)


async def test_the_clause_browser_shows_placeholders(library: Library) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(160, 48)) as pilot:
        assert screen_name(pilot) == "EditorScreen"
        await pilot.press("down", "down", "down", "down")  # from 1 to 4 (a)
        await pilot.press("a")
        for _ in range(200):
            if screen_name(pilot) == "ClauseBrowser":
                break
            await pilot.pause()
        await pilot.press(*"referral")
        results = pilot.app.screen.query_one("#results", OptionList)
        preview = pilot.app.screen.query_one("#clause-preview", Static)
        for _ in range(500):
            if results.option_count and "icc.referral" in [
                results.get_option_at_index(i).id for i in range(results.option_count)
            ]:
                break
            await pilot.pause()
        results.highlighted = results.get_option_index("icc.referral")
        for _ in range(500):
            if "Noting that, on" in str(preview.render()):
                break
            await pilot.pause()
        text = str(preview.render())
        assert "Noting that, on [referral_date], [referred_by] of Mali" in text
        assert "30 May 2014" not in text and "the transitional Government" not in text
        assert "[name]: a value this draft does not give yet" in text
