"""Driving the TUI in tests: typing into fields, choosing options, waiting for screens."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea, Tree


async def type_into(pilot: Pilot, selector: str, text: str, clear: bool = True) -> None:
    """Focus a field the way a user would (click), clear it, and type ``text``."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    await pilot.pause()
    if clear and isinstance(widget, Input) and widget.value:
        widget.value = ""  # clearing is not what is tested: typing is
        await pilot.pause()
    if clear and isinstance(widget, TextArea) and widget.text:
        widget.select_all()
        await pilot.press("backspace")
    for line_number, line in enumerate(text.split("\n")):
        if line_number:
            await pilot.press("enter")
        if line:
            await pilot.press(*line)
    await pilot.pause()


async def choose_option(pilot: Pilot, selector: str, option_id: str) -> None:
    """Highlight ``option_id`` in an OptionList (one arrow key, then directly) and press enter."""
    options = pilot.app.screen.query_one(selector, OptionList)
    options.focus()
    await pilot.press("down")
    options.highlighted = options.get_option_index(option_id)
    await pilot.press("enter")
    await pilot.pause()


async def fill(pilot: Pilot, selector: str, text: str) -> None:
    """Put ``text`` into a field at once (as a paste would): long values typed key by key
    only slow the tests down; ``type_into`` is used where typing itself is tested."""
    widget = pilot.app.screen.query_one(selector)
    widget.focus()
    if isinstance(widget, Input):
        widget.value = text
    else:
        assert isinstance(widget, TextArea)
        widget.text = text
    await pilot.pause()


def screen_name(pilot: Pilot) -> str:
    return type(pilot.app.screen).__name__


async def wait_for(
    pilot: Pilot,
    predicate: Callable[[], object],
    what: str = "the condition",
    tries: int = 10_000,
) -> None:
    """Let the app run until ``predicate()`` holds: a bounded number of turns of the
    event loop, no clock (timers of the app, such as a debounce, fire in between)."""
    for _ in range(tries):
        if predicate():
            return
        await pilot.pause()
    assert predicate(), f"never reached: {what}"


async def wait_for_screen(pilot: Pilot, name: str) -> None:
    """Until the screen on top is ``name`` and mounted: a screen pushed by a worker
    can be on top before its widgets are composed."""
    await wait_for(
        pilot,
        lambda: screen_name(pilot) == name and pilot.app.screen.is_mounted,
        f"screen {name} on top and mounted",
    )


async def answer(pilot: Pilot, answer_id: str) -> None:
    """Click an answer of the ConfirmDialog on top, once it is laid out."""
    selector = f"#answer-{answer_id}"
    # a dialog pushed by a worker may be on screen before its buttons are mounted
    await wait_for(pilot, lambda: any(b.region.area > 0 for b in pilot.app.screen.query(selector)))
    await pilot.click(selector)


def outline_labels(pilot: Pilot) -> list[str]:  # type: ignore[type-arg]
    """Every label of the editor's outline, depth first."""
    tree = pilot.app.screen.query_one("#outline", Tree)
    out: list[str] = []

    def walk(node) -> None:  # type: ignore[no-untyped-def]
        for child in node.children:
            out.append(str(child.label))
            walk(child)

    walk(tree.root)
    return out


async def cursor_to(pilot: Pilot, text: str) -> None:  # type: ignore[type-arg]
    """Put the editor's outline cursor on the first node whose label starts with
    ``text`` (one arrow key to go through the key handling, then directly)."""
    await wait_for_screen(pilot, "EditorScreen")
    tree = pilot.app.screen.query_one("#outline", Tree)
    tree.focus()
    await pilot.press("down")
    for line in range(tree.last_line + 1):
        node = tree.get_node_at_line(line)
        if node is not None and str(node.label).startswith(text):
            tree.move_cursor(node)
            await wait_for(pilot, lambda: tree.cursor_node is node)  # noqa: B023
            return
    raise AssertionError(f"no outline node starts with {text!r}")
