"""Choosing among forms in the values form (issue 12, point 5): a clause with variants
gets a "Form" select, most recently agreed first, whose choice sets the item's
``variant`` and re-renders the form's preview; undo, escape and form recovery work as
for any other edit."""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import yaml
from textual.pilot import Pilot
from textual.widgets import Select, Static, TextArea

from tests.conftest import MALI, ROOT
from tests.functional.tui_helpers import (
    answer,
    choose_option,
    cursor_to,
    fill,
    outline_labels,
    wait_for,
    wait_for_screen,
)
from tui.app import build_app
from tui.dialogs import form_label
from wgdraft.formrecovery import draft_key, pending_forms, save_form
from wgdraft.library import Library
from wgdraft.precedents import forms_by_recency

SOUTH_SUDAN = ROOT / "examples" / "south-sudan-2018.yaml"
CONDEMNATION = ("blocks", 0, "items", 0)  # 4 (a) of Mali and of South Sudan 2018


def copy_of(example: Path, tmp_path: Path) -> Path:
    draft = tmp_path / example.name
    shutil.copy(example, draft)
    return draft


def form_select(pilot) -> Select:  # type: ignore[no-untyped-def,type-arg]
    return pilot.app.screen.query_one("#form", Select)


def form_preview(pilot) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one("#form-preview", Static).render())


def form_labels(select: Select) -> list[str]:  # type: ignore[type-arg]
    return [str(label) for label, _value in select._options]


def assert_most_recent_first(labels: list[str]) -> None:
    """The years the labels name never go up; forms never agreed come last."""
    years = [int(label[-4:]) if label[-4:].isdigit() else 0 for label in labels]
    assert years == sorted(years, reverse=True), labels


async def choose_form(pilot, variant: str) -> None:  # type: ignore[no-untyped-def]
    """Choose a form with the keyboard: open the select, arrow to it, enter."""
    select = form_select(pilot)
    select.focus()
    await pilot.press("enter")  # opens the list on the current choice
    values = [value for _label, value in select._options]
    steps = values.index(variant) - values.index(select.value)
    await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps), "enter")
    await wait_for(pilot, lambda: select.value == variant, f"the form {variant!r} chosen")


@contextlib.asynccontextmanager
async def values_form_of_mali(
    library: Library, tmp_path: Path, label: str
) -> AsyncIterator[tuple[Pilot, Path]]:  # type: ignore[type-arg]
    """The editor on a copy of the Mali example with the values form of ``label`` open."""
    draft = copy_of(MALI, tmp_path)
    async with build_app(library, draft).run_test(size=(130, 44)) as pilot:
        await open_values_form(pilot, label)
        yield pilot, draft


async def open_values_form(pilot, label: str, key: str = "e") -> None:  # type: ignore[no-untyped-def]
    """Put the outline cursor on the item ``label`` and open its values form."""
    await cursor_to(pilot, label)
    await pilot.press(key)
    await wait_for_screen(pilot, "ParamForm")


async def test_the_form_select_sets_the_variant_and_undo_takes_it_back(
    library: Library, tmp_path: Path
) -> None:
    async with values_form_of_mali(library, tmp_path, "4 (a)") as (pilot, draft):
        select = form_select(pilot)
        assert pilot.app.screen.focused is select  # the drafter lands on the form
        # the standard body and each variant, most recently agreed first, with the year
        labels = form_labels(select)
        assert labels == [
            form_label(form, year)
            for form, year in forms_by_recency(library.clauses["condemnation.all-violations"])
        ]
        assert labels[0] == "variant strongest-condemnation · last agreed 2024"
        assert "standard form · last agreed 2023" in labels
        assert "variant reminding · last agreed 2018" in labels
        assert_most_recent_first(labels)
        assert select.value == ""  # Mali uses the body
        # a value the item does not give is marked as the default, not "from the draft"
        labels_shown = [str(label.render()) for label in pilot.app.screen.query(".field-label")]
        urged = next(label for label in labels_shown if label.startswith("urged — "))
        assert urged.endswith("(the default)")
        await wait_for(pilot, lambda: form_preview(pilot).startswith("Strongly condemning"))

        await choose_form(pilot, "strongest-condemnation")
        await wait_for(
            pilot,
            lambda: form_preview(pilot).startswith("Expressing grave concern at and its strongest"),
            "the preview in the chosen form",
        )
        # the preview follows the typing too, in the chosen form
        await fill(pilot, "#field-finding", "the high number of violations and abuses")
        await wait_for(
            pilot,
            lambda: (
                "strongest condemnation of the high number of violations" in form_preview(pilot)
            ),
            "the preview with the typed value",
        )
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        session = pilot.app.screen.session
        item = session.get(CONDEMNATION)
        assert item["variant"] == "strongest-condemnation"
        assert item["values"]["finding"] == "the high number of violations and abuses"
        assert "trend" in item["values"]  # the values the item had are kept
        text = conclusions(pilot)
        assert "(a) Expressing grave concern at and its strongest condemnation of the high" in text
        await wait_for(
            pilot,
            lambda: any(
                label.startswith("4 (a)  [strongest-condemnation] Strongly condemning")
                for label in outline(pilot)
            ),
            "the variant in the outline",
        )

        await pilot.press("ctrl+s")  # saved as drafts write it: clause, variant, values
        saved = draft.read_text(encoding="utf-8")
        assert (
            "      - clause: condemnation.all-violations\n"
            "        variant: strongest-condemnation\n"
            "        values:\n"
        ) in saved

        await pilot.press("u")  # one step takes back the form and the values
        await wait_for(pilot, lambda: "variant" not in session.get(CONDEMNATION))
        assert "finding" not in session.get(CONDEMNATION)["values"]
        await wait_for(
            pilot, lambda: "(a) Strongly condemning all violations" in conclusions(pilot)
        )


def outline(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    return outline_labels(pilot)


def conclusions(pilot) -> str:  # type: ignore[no-untyped-def]
    """The editor's preview of the conclusions."""
    return pilot.app.screen.query_one("#preview", TextArea).text


async def test_choosing_the_standard_form_drops_the_variant(
    library: Library, tmp_path: Path
) -> None:
    draft = copy_of(SOUTH_SUDAN, tmp_path)
    assert yaml.safe_load(draft.read_text())["blocks"][0]["items"][0]["variant"] == "reminding"
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        # the outline shows the variant (it used to be swallowed as markup)
        await wait_for(
            pilot, lambda: any(label.startswith("4 (a)  [reminding] ") for label in outline(pilot))
        )
        await open_values_form(pilot, "4 (a)", key="enter")
        assert form_select(pilot).value == "reminding"  # the item's form
        await wait_for(pilot, lambda: "reminding them of their obligations" in form_preview(pilot))
        await choose_form(pilot, "")
        await wait_for(pilot, lambda: "reminding them" not in form_preview(pilot))
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert "variant" not in pilot.app.screen.session.get(CONDEMNATION)


async def test_escape_after_choosing_a_form_asks_before_discarding(
    library: Library, tmp_path: Path
) -> None:
    async with values_form_of_mali(library, tmp_path, "4 (a)") as (pilot, _draft):
        await choose_form(pilot, "in-country")
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "keep")
        await wait_for_screen(pilot, "ParamForm")
        assert form_select(pilot).value == "in-country"  # nothing lost
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "discard")
        await wait_for_screen(pilot, "EditorScreen")
        assert "variant" not in pilot.app.screen.session.get(CONDEMNATION)
        assert not pilot.app.screen.session.dirty


async def test_a_clause_inserted_from_the_browser_opens_on_its_forms(
    library: Library, tmp_path: Path
) -> None:
    draft = copy_of(MALI, tmp_path)
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "2")
        await pilot.press("a")
        await wait_for_screen(pilot, "ClauseBrowser")
        await fill(pilot, "#query", "opening.resolutions")
        await choose_option(pilot, "#results", "opening.resolutions")
        await wait_for_screen(pilot, "ParamForm")
        select = form_select(pilot)
        assert pilot.app.screen.focused is select
        assert select.value == ""  # the body, as the browser previewed it
        labels = form_labels(select)
        assert labels[0] == "standard form · last agreed 2023"
        assert any(label.startswith("variant took-note · last agreed 20") for label in labels)
        assert_most_recent_first(labels)
        await choose_form(pilot, "took-note")
        await wait_for(pilot, lambda: "took note of the analysis" in form_preview(pilot))
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        item = pilot.app.screen.session.get(("opening", 2))
        assert item["clause"] == "opening.resolutions"
        assert item["variant"] == "took-note"


async def test_the_chosen_form_is_recovered_with_the_typing(
    library: Library, tmp_path: Path
) -> None:
    """A values form open when the app stopped comes back with the form chosen."""
    draft = copy_of(MALI, tmp_path)
    original = yaml.safe_load(draft.read_text())["blocks"][0]["items"][0]["values"]["trend"]
    key = draft_key(
        draft, "edit-values", ref=list(CONDEMNATION), clause="condemnation.all-violations"
    )
    save_form(key, "Strongly condemning all violations", {"trend": original, "@form": "reminding"})
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "reopen")
        await wait_for_screen(pilot, "ParamForm")
        await wait_for(pilot, lambda: form_select(pilot).value == "reminding")
        await wait_for(pilot, lambda: "reminding them of their obligations" in form_preview(pilot))
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert pilot.app.screen.session.get(CONDEMNATION)["variant"] == "reminding"
    assert pending_forms(draft) == []


async def test_a_clause_without_parameters_still_offers_its_forms(
    library: Library, tmp_path: Path
) -> None:
    """4 (e) of Mali has variants and no parameters: its form opens with the select only
    (it used to say "no parameters to edit")."""
    async with values_form_of_mali(library, tmp_path, "4 (e)") as (pilot, _draft):
        clause = library.clauses["accountability.perpetrators-brought-to-justice"]
        other = next(iter(clause.variants))
        await choose_form(pilot, other)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert pilot.app.screen.session.get(("blocks", 0, "items", 4))["variant"] == other


async def test_a_clause_without_variants_has_no_form_select(
    library: Library, tmp_path: Path
) -> None:
    async with values_form_of_mali(library, tmp_path, "4 (b)") as (pilot, _draft):
        assert not pilot.app.screen.query("#form")
        await wait_for(pilot, lambda: form_preview(pilot).startswith("Calling upon"))


async def test_an_unknown_variant_opens_on_the_standard_form(
    library: Library, tmp_path: Path
) -> None:
    """A variant the clause does not have (a typo in the file) is a problem of the
    draft; its form opens on the standard body, and choosing a form repairs it."""
    draft = copy_of(MALI, tmp_path)
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace(
            "      - clause: condemnation.all-violations\n",
            "      - clause: condemnation.all-violations\n        variant: strongest\n",
        ),
        encoding="utf-8",
    )
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        assert pilot.app.screen.bundle is None  # the draft has a problem
        await open_values_form(pilot, "?  [strongest] Strongly condemning")
        assert form_select(pilot).value == ""
        await choose_form(pilot, "in-country")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert pilot.app.screen.session.get(CONDEMNATION)["variant"] == "in-country"
        await wait_for(pilot, lambda: pilot.app.screen.bundle is not None, "the draft repaired")
