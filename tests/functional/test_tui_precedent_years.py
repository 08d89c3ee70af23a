"""Choosing among forms in the TUI (issue 12, point 5): the clause browser shows the
years of a clause's precedents and its forms most recently agreed first, and
``since:YEAR`` in the search box hides clauses last agreed before that year."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Select, Static

from tests.conftest import MALI
from tests.functional.tui_helpers import screen_name, type_into, wait_for
from tui.app import build_app
from wgdraft.library import Library


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))


def option_ids(options: OptionList) -> list[str | None]:
    return [options.get_option_at_index(i).id for i in range(options.option_count)]


async def open_browser(pilot) -> None:  # type: ignore[no-untyped-def]
    await wait_for(pilot, lambda: screen_name(pilot) == "EditorScreen", "the editor")
    await pilot.press("down", "down", "down", "down")  # from 1 to 4 (a)
    await pilot.press("a")
    await wait_for(pilot, lambda: screen_name(pilot) == "ClauseBrowser", "the clause browser")
    # any recipient: the clauses looked at here go to other recipients than 4 (a)
    pilot.app.screen.query_one("#recipient", Select).value = Select.NULL
    await pilot.pause()


async def preview_of(pilot, clause_id: str, query: str) -> str:  # type: ignore[no-untyped-def]
    await type_into(pilot, "#query", query)
    results = pilot.app.screen.query_one("#results", OptionList)
    await wait_for(pilot, lambda: clause_id in option_ids(results), clause_id)
    results.highlighted = results.get_option_index(clause_id)
    preview = pilot.app.screen.query_one("#clause-preview", Static)
    title = pilot.app.screen.index.library.clauses[clause_id].title
    await wait_for(pilot, lambda: str(preview.render()).startswith(title), "the preview")
    return str(preview.render())


async def test_the_browser_shows_the_years_of_the_precedents(library: Library) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_browser(pilot)
        clause_id = "government.grave-concern-primary-role"
        text = await preview_of(pilot, clause_id, clause_id)
        assert "Agreed: 2018, 2020, 2021, 2023" in text
        # each precedent with its year, newest first
        assert text.index("  · 2023  ") < text.index("  · 2020  ") < text.index("  · 2018  ")


async def test_the_browser_lists_forms_most_recently_agreed_first(library: Library) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_browser(pilot)
        text = await preview_of(pilot, "condemnation.all-violations", "all-violations")
        forms = text.split("Forms, most recently agreed first: ")[1].split("\n")[0]
        names = [form.split(" (")[0] for form in forms.split(" · ")]
        assert names == [
            "strongest-condemnation", "in-country-noting-concern", "body", "fully-comply",
            "strongest-as-well-as", "in-country", "by-all-parties", "strongest-first",
            "in-country-commas", "applicable-law", "reminding",
        ]  # fmt: skip
        assert "reminding (2015, 2018)" in forms


async def test_since_hides_clauses_last_agreed_before(library: Library) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(160, 48)) as pilot:
        await open_browser(pilot)
        results = pilot.app.screen.query_one("#results", OptionList)
        count = pilot.app.screen.query_one("#count", Static)
        assert "since:2020" in str(pilot.app.screen.query_one("#query", Input).placeholder)
        await type_into(pilot, "#query", "sanctions")
        await wait_for(pilot, lambda: "sanctions.consider-designations" in option_ids(results))
        # last agreed in Mali 2023: kept since 2023, hidden since 2024
        await type_into(pilot, "#query", "sanctions since:2023")
        await wait_for(pilot, lambda: "agreed since 2023" in str(count.render()))
        assert "sanctions.consider-designations" in option_ids(results)
        await type_into(pilot, "#query", "sanctions since:2024")
        await wait_for(pilot, lambda: "agreed since 2024" in str(count.render()))
        assert "sanctions.consider-designations" not in option_ids(results)


async def test_the_library_screen_takes_since_too(library: Library) -> None:
    app = build_app(library, MALI)
    async with app.run_test(size=(160, 48)) as pilot:
        await wait_for(pilot, lambda: screen_name(pilot) == "EditorScreen", "the editor")
        await pilot.press("ctrl+l")
        await wait_for(pilot, lambda: screen_name(pilot) == "LibraryScreen", "the library")
        results = pilot.app.screen.query_one("#lib-results", OptionList)
        await type_into(pilot, "#lib-query", "designations")
        await wait_for(pilot, lambda: "sanctions.consider-designations" in option_ids(results))
        await type_into(pilot, "#lib-query", "designations since:2024")
        await wait_for(pilot, lambda: "sanctions.consider-designations" not in option_ids(results))
