"""Deviations in the editor: a mark in the outline on each item that departs from agreed
language, and the pane (d) showing "agreed: ... / here: ..." with the changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.pilot import Pilot
from textual.widgets import Input, TextArea
from textual.widgets.tree import TreeNode

from tests.assessment import free_assessment_file
from tests.functional.tui_helpers import fill, wait_for, wait_for_screen
from tui.app import build_app
from tui.commands import EDITOR_ACTIONS
from tui.widgets import DeviationPane, NodeData, Outline
from tui.widgets.deviation import DELETED, INSERTED
from wgdraft.itempath import ItemPath
from wgdraft.library import Library, load_library

DRAFT = Path("tests/fixtures/deviations/draft.yaml")
LEADERS = "community-leaders.important-role"
BLOCK = ItemPath.block(0)

pytestmark = pytest.mark.usefixtures("repeatable_tui")  # run from the checkout: DRAFT


@pytest.fixture
def library_with_derived() -> Library:
    """The bundled library (paths relative to the checkout) with community-leaders.vital,
    new wording derived from community-leaders.important-role."""
    library = load_library(Path("clauses"), Path("templates"))
    origin = library.clauses[LEADERS]
    derived = origin.model_copy(
        update={
            "id": "community-leaders.vital",
            "body": origin.body.replace("important role", "vital role"),
            "precedents": [],
            "derived_from": LEADERS,
        }
    )
    return Library(
        library.root,
        library.clauses | {derived.id: derived},
        library.files | {derived.id: library.files[LEADERS].with_name(f"{derived.id}.yaml")},
        library.templates,
    )


def _items(outline: Outline) -> list[TreeNode[NodeData]]:
    out: list[TreeNode[NodeData]] = []

    def walk(node: TreeNode[NodeData]) -> None:
        for child in node.children:
            if child.data is not None and child.data.kind == "item":
                out.append(child)
            walk(child)

    walk(outline.root)
    return out


def _drawn(outline: Outline, node: TreeNode[NodeData]) -> str:
    """The node's line as the outline draws it."""
    return outline.render_label(node, Style(), Style()).plain


async def _cursor_to(pilot: Pilot, path: ItemPath) -> None:
    """Put the outline cursor on the item at ``path``, again if the editor's first
    placement of its cursor (after its first refresh) came after it."""
    outline = pilot.app.screen.query_one(Outline)
    outline.focus()
    (node,) = [n for n in _items(outline) if n.data and ItemPath.of(n.data.ref or ()) == path]

    def there() -> bool:
        if outline.current is node.data:
            return True
        outline.move_cursor(node)
        return False

    await wait_for(pilot, there, f"cursor on {path}")
    await pilot.pause()
    await wait_for(pilot, there, f"cursor still on {path}")


def _pane_text(pilot: Pilot) -> Text:
    return pilot.app.screen.query_one(DeviationPane).shown


async def test_the_outline_marks_deviating_items_only(library_with_derived: Library) -> None:
    app = build_app(library_with_derived, DRAFT)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        outline = pilot.app.screen.query_one(Outline)
        drawn = [_drawn(outline, n) for n in _items(outline)]
        assert [line.split("  ")[0] for line in drawn] == ["1 (a)", "≠ 1 (b)", "≠ 1 (c)"]
        assert drawn[1].startswith("≠ 1 (b)  ✎ Emphasizing the essential role")
        # the label as built stays unmarked: the mark is drawn, not part of the label
        assert all(not str(node.label).startswith("≠") for node in _items(outline))


async def test_an_edit_updates_the_marks(library_with_derived: Library) -> None:
    """Free text added in the editor is marked at once; undoing it takes the mark away."""
    app = build_app(library_with_derived, DRAFT)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await _cursor_to(pilot, BLOCK.item(0))
        await pilot.press("t")
        await wait_for_screen(pilot, "TextDialog")
        await fill(pilot, "#text", "Thanking the leaders for their courage")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        outline = pilot.app.screen.query_one(Outline)

        def marked() -> list[str]:
            drawn = [_drawn(outline, n) for n in _items(outline)]
            return [line.split("  ")[0] for line in drawn if line.startswith("≠")]

        await wait_for(pilot, lambda: marked() == ["≠ 1 (b)", "≠ 1 (c)", "≠ 1 (d)"])
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: marked() == ["≠ 1 (b)", "≠ 1 (c)"], "the mark undone")


async def test_the_mali_example_marks_its_free_text_paragraph(
    library: Library, tmp_path: Path
) -> None:
    # the members' assessment as free text, as before issue 12.4 (now sentence clauses)
    draft = free_assessment_file(Path("examples/mali-2023.yaml"), tmp_path / "m.yaml", library)
    app = build_app(library, draft)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        outline = pilot.app.screen.query_one(Outline)
        marked = [_drawn(outline, n).split("  ")[0] for n in _items(outline)]
        assert [label for label in marked if label.startswith("≠")] == ["≠ 2"]


async def test_d_shows_agreed_and_here_with_the_changes(library_with_derived: Library) -> None:
    app = build_app(library_with_derived, DRAFT)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        pane = pilot.app.screen.query_one(DeviationPane)
        assert not pane.display
        await _cursor_to(pilot, BLOCK.item(1))
        await pilot.press("d")
        await wait_for(pilot, lambda: pane.display, "the pane shown")
        text = _pane_text(pilot)
        plain = text.plain
        assert plain.startswith("≠ 1 (b)  free text; nearest: " + LEADERS + "; similarity 0.95")
        assert "\nagreed: Emphasizing the [-important-] role of community" in plain
        assert "\nhere:   Emphasizing the {+essential+} role of community" in plain
        styled = {plain[s.start : s.end]: str(s.style) for s in text.spans}
        assert styled["[-important-]"] == DELETED
        assert styled["{+essential+}"] == INSERTED

        # moving the cursor follows: the derived clause, then an agreed one
        await _cursor_to(pilot, BLOCK.item(2))
        await wait_for(pilot, lambda: "derived from" in _pane_text(pilot).plain)
        assert "{+vital+}" in _pane_text(pilot).plain
        await _cursor_to(pilot, BLOCK.item(0))
        await wait_for(pilot, lambda: "no deviation" in _pane_text(pilot).plain)

        await pilot.press("escape")
        await wait_for(pilot, lambda: not pane.display, "escape closes the pane")
        assert pilot.app.screen.__class__.__name__ == "EditorScreen"
        await pilot.press("d")
        await wait_for(pilot, lambda: pane.display)
        await pilot.press("d")
        await wait_for(pilot, lambda: not pane.display, "d closes it again")


async def test_help_and_palette_list_the_key(library_with_derived: Library) -> None:
    assert any(a.key == "d" and a.action == "toggle_deviations" for a in EDITOR_ACTIONS)
    app = build_app(library_with_derived, DRAFT)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("question_mark")
        await wait_for_screen(pilot, "HelpScreen")
        keys = str(pilot.app.screen.query_one("#help-keys").render())
        assert "departs from agreed language" in keys


async def _pane_on_derived(pilot: Pilot) -> None:
    await wait_for_screen(pilot, "EditorScreen")
    await _cursor_to(pilot, BLOCK.item(1))
    await pilot.press("d")
    pane = pilot.app.screen.query_one(DeviationPane)
    await wait_for(pilot, lambda: "essential" in _pane_text(pilot).plain, "the pane filled")
    await wait_for(pilot, lambda: pane.region.height > 0, "the pane laid out")
    for widget in pilot.app.screen.query("Input, TextArea"):
        assert isinstance(widget, Input | TextArea)
        widget.cursor_blink = False
    await pilot.pause()


def test_snapshot_of_the_pane(snap_compare, library_with_derived: Library) -> None:  # type: ignore[no-untyped-def]
    app = build_app(library_with_derived, DRAFT)
    assert snap_compare(app, terminal_size=(120, 36), run_before=_pane_on_derived)
