"""Previews show what the draft will print: a parameter the draft leaves empty appears
as a visible "[name]", never as its example wording (issue 9)."""

from __future__ import annotations

import datetime as dt

from textual.widgets import OptionList, Select, Static

from tests.conftest import MALI
from tests.functional.tui_helpers import (
    choose_option,
    cursor_to,
    fill,
    screen_name,
    wait_for,
    wait_for_screen,
)
from tui.app import build_app
from wgdraft.assemble import preview_with_placeholders
from wgdraft.drafts import load_draft, sample_draft
from wgdraft.library import Library


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


def test_an_unset_yes_or_no_shows_as_its_placeholder(library: Library) -> None:
    """A yes/no without a value is not read as yes (nor no): the words it adds or leaves
    out give way to "[name]"."""
    draft = load_draft(MALI)
    text = preview_with_placeholders(library, "icc.referral", draft)
    assert text.endswith(
        "referred the situation in Mali to the International Criminal Court [state_party]"
    )
    assert "State party" not in text
    given = preview_with_placeholders(library, "icc.referral", draft, {"state_party": True})
    assert given.endswith("Criminal Court, to which Mali is a State party")
    given = preview_with_placeholders(library, "icc.referral", draft, {"state_party": False})
    assert given.endswith("Criminal Court")
    # in the middle of a paragraph, and after another placeholder
    text = preview_with_placeholders(library, "named-party.separation-from-ranks", draft)
    assert (
        text
        == "Welcoming the separation of children from the ranks of [party] [remaining_children]"
    )


def test_an_unset_choice_shows_as_its_placeholder(library: Library) -> None:
    draft = load_draft(MALI)
    text = preview_with_placeholders(library, "assessment.concern", draft)
    assert (
        text == "The members of the Working Group expressed [degree] concern at [concern] in Mali."
    )
    text = preview_with_placeholders(library, "assessment.concern", draft, variant="passive")
    assert text.startswith("[degree] concern was expressed at [concern]")
    given = {"degree": "grave", "concern": "the violations"}
    text = preview_with_placeholders(library, "assessment.concern", draft, given)
    assert "expressed grave concern at the violations in Mali." in text


async def test_the_values_form_asks_a_yes_or_no_without_default(library: Library) -> None:
    """A yes/no without a default starts blank in the values form (a select of "yes" and
    "no", not a switch that would answer "no" untouched), and its preview shows
    "[name]" until it is chosen."""
    app = build_app(library, MALI)
    async with app.run_test(size=(160, 48)) as pilot:
        await cursor_to(pilot, "6 (a)")  # the letter to the Government
        await pilot.press("a")
        await wait_for_screen(pilot, "ClauseBrowser")
        await fill(pilot, "#query", "primary role")
        results = pilot.app.screen.query_one("#results", OptionList)
        option = "government.grave-concern-primary-role"
        await wait_for(pilot, lambda: option in [o.id for o in results.options])
        await choose_option(pilot, "#results", option)
        await wait_for_screen(pilot, "ParamForm")
        field = pilot.app.screen.query_one("#field-state_party", Select)
        assert field.value is Select.NULL
        preview = pilot.app.screen.query_one("#form-preview", Static)
        await wait_for(pilot, lambda: "[state_party]" in str(preview.render()))
        assert "State party" not in str(preview.render())
        field.value = "yes"
        await wait_for(
            pilot, lambda: "recalling that Mali is a State party" in str(preview.render())
        )
