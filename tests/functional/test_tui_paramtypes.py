"""The new parameter types in the TUI, driven with Pilot: a yes/no parameter is a switch
and a month parameter takes "Aug 2021" in the parameter form, and the preview, the saved
draft and the rendered output show them printed; in the clause editor a list of names
is typed one name per line."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from textual.widgets import Input, Select, Static, Switch, TextArea

from tests.conftest import Cli
from tests.functional.test_tui import cursor_to
from tests.functional.tui_helpers import choose_option, fill, screen_name, type_into, wait_for
from tui.app import build_app
from wgdraft.library import load_library

CLAUSE = """\
id: government.plan-adopted
title: Welcoming the national plan adopted in a given month
family: government
recipients: [government-letter]
params:
  adopted:
    type: month
    description: When the plan was adopted
    example: 2019-06
  urgent:
    type: yesno
    description: Whether to call for its urgent implementation
    example: true
    default: false
body: >-
  Welcoming the national plan adopted in {{ adopted }} (a {{ adopted.year }} plan){%
  if urgent %} and calling for its urgent implementation{% endif %}
"""


@pytest.fixture
def draft(workspace: Path) -> Path:
    (workspace / "clauses" / "government" / "government.plan-adopted.yaml").write_text(
        CLAUSE, encoding="utf-8"
    )
    return workspace / "examples" / "mali-2023.yaml"


def note(pilot, name: str) -> str:  # type: ignore[no-untyped-def]
    return str(pilot.app.screen.query_one(f"#error-{name}", Static).render())


async def test_fill_a_switch_and_a_month(workspace: Path, draft: Path, cli: Cli) -> None:
    library = load_library(workspace / "clauses", workspace / "templates")
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        assert screen_name(pilot) == "EditorScreen"
        await cursor_to(pilot, "6 (a)")  # the letter to the Government
        await pilot.press("a")
        await fill(pilot, "#query", "national plan adopted")
        await choose_option(pilot, "#results", "government.plan-adopted")
        assert screen_name(pilot) == "ParamForm"
        switch = pilot.app.screen.query_one("#field-urgent", Switch)
        assert switch.value is False  # the default: no
        # a month typed in a drafter's way, checked as typed
        await type_into(pilot, "#field-adopted", "Aug 21")
        assert "write the year in full" in note(pilot, "adopted")
        await type_into(pilot, "#field-adopted", "Aug 2021")
        await wait_for(pilot, lambda: note(pilot, "adopted") == "→ August 2021")
        switch.focus()
        await pilot.press("space")  # switched on from the keyboard
        await wait_for(pilot, lambda: switch.value is True)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen_name(pilot) == "EditorScreen")
        preview = pilot.app.screen.query_one("#preview", TextArea)
        expected = (
            "Welcoming the national plan adopted in August 2021 (a 2021 plan) and calling "
            "for its urgent implementation"
        )
        await wait_for(pilot, lambda: expected in preview.text)
        await pilot.press("ctrl+s")
        await pilot.pause()
    # the draft holds the values as YAML writes them by hand
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    items = [item for block in data["blocks"] for item in block["items"]]
    [added] = [item for item in items if item.get("clause") == "government.plan-adopted"]
    assert added["values"] == {"adopted": "2021-08", "urgent": True}
    out = workspace / "out"
    result = cli("--library", workspace, "render", draft, "-o", out, "--format", "text")
    assert result.code == 0, result.err
    rendered = "".join(p.read_text(encoding="utf-8") for p in sorted(out.rglob("*.txt")))
    assert expected in rendered


async def test_switching_off_a_default_on_is_kept(workspace: Path) -> None:
    """A yes/no switched off where its default is on is a value of its own (false)."""
    draft = workspace / "examples" / "mali-2023.yaml"
    library = load_library(workspace / "clauses", workspace / "templates")
    async with build_app(library, draft).run_test(size=(120, 40)) as pilot:
        await cursor_to(pilot, "7 (a)")  # the letter to the Secretary-General
        await pilot.press("a")
        await fill(pilot, "#query", "UNICEF support the authorities")
        await choose_option(pilot, "#results", "secretary-general.ctfmr-unicef-support-authorities")
        assert screen_name(pilot) == "ParamForm"
        switch = pilot.app.screen.query_one("#field-detention_review", Switch)
        assert switch.value is True  # the default: yes
        switch.focus()
        await pilot.press("space")
        await wait_for(pilot, lambda: switch.value is False)
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: screen_name(pilot) == "EditorScreen")
        preview = pilot.app.screen.query_one("#preview", TextArea).text
        assert "the Malian authorities in mainstreaming" in preview
        session_items = pilot.app.screen.session.data["blocks"][3]["items"]
        assert {"detention_review": False} in [item.get("values") for item in session_items]


async def test_clause_editor_takes_names_one_per_line(workspace: Path) -> None:
    library = load_library(workspace / "clauses", workspace / "templates")
    async with build_app(library).run_test(size=(160, 48)) as pilot:
        from tui.clause_editor import ClauseEditor

        pilot.app.push_screen(
            ClauseEditor(library, library.clauses["icc.referral"], library.files["icc.referral"])
        )
        await wait_for(
            pilot,
            lambda: (
                screen_name(pilot) == "ClauseEditor"
                and len(pilot.app.screen.query(".param-row")) == 5
            ),
        )
        row = pilot.app.screen.query(".param-row")[2]
        assert isinstance(row.query_one(".p-example"), Input)  # "since" is text: one line
        row.query_one(".p-type", Select).value = "names"
        await wait_for(pilot, lambda: isinstance(row.query_one(".p-example"), TextArea))
        example = row.query_one(".p-example", TextArea)
        assert example.text == "1 August 2012"  # what was typed is kept
        assert (
            example.border_subtitle is not None and "one name per line" in example.border_subtitle
        )
        example.text = "the army\nthe police"
        await pilot.pause()
        data = pilot.app.screen.form_data()
        assert data["params"]["since"]["example"] == ["the army", "the police"]
