"""The command palette's commands (ctrl+p) for the draft editor, and the list of its
keys the help screen shows: one table, so a new action is added in one place."""

from __future__ import annotations

from functools import partial
from typing import NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider

from tui.negotiation import LEGEND
from wgdraft import renderers

#: The format the editor exports (the registry's default).
EXPORT = renderers.get(renderers.DEFAULT)


class EditorAction(NamedTuple):
    key: str  # as shown in the help
    action: str  # the screen's action ("" for keys the App handles)
    description: str


#: every key of the editor, for the help screen and the command palette
EDITOR_ACTIONS: tuple[EditorAction, ...] = (
    EditorAction("a", "add_clause", "Add a library clause after the cursor"),
    EditorAction("t", "add_text", "Add free text (wording not in the library)"),
    EditorAction("b", "add_block", "Add a recipient block (with its first clause)"),
    EditorAction(
        "e / enter", "edit", "Edit the item's values, text or sentences, or the block's values"
    ),
    EditorAction("x / delete", "remove", "Remove the item or block"),
    EditorAction("ctrl+up / shift+up", "move(-1)", "Move up"),
    EditorAction("ctrl+down / shift+down", "move(1)", "Move down"),
    EditorAction("m", "move_to_block", "Move the item (or an opening paragraph) to another block"),
    EditorAction("v", "block_values", "Edit the block's introductory values"),
    EditorAction("ctrl+z / u", "undo", "Undo"),
    EditorAction("ctrl+y / r", "redo", "Redo"),
    EditorAction("ctrl+s", "save", "Save the draft"),
    EditorAction(
        "ctrl+e",
        "export",
        f"Export the {EXPORT.label} bundle: negotiation text, clean text or redline",
    ),
    EditorAction("l", "toggle_preview", "Preview the conclusions or the block's letter/statement"),
    EditorAction(
        "d",
        "toggle_deviations",
        "Show how the item departs from agreed language (agreed / here); escape closes",
    ),
    EditorAction("c", "to_library", "Turn the selected free text into a library clause"),
    EditorAction(
        "p", "add_sentences", "Add a paragraph composed of sentence clauses (and free text)"
    ),
    EditorAction(
        "/",
        "split_sentences",
        "Split into sentences: free text becomes sentence clauses with values where they fit",
    ),
    EditorAction(
        "s",
        "details",
        "Edit the situation and every detail: document, meeting, report, signatories, "
        "addressees, press releases, annex",
    ),
    EditorAction("w", "counts", "Word counts: words and paragraphs per section and in total"),
    EditorAction(
        "n", "next_review", "Next to review: an item, or a field to keep or change (follow-ups)"
    ),
    EditorAction("y", "mark_reviewed", "Mark the item under the cursor reviewed (it is right)"),
    EditorAction("g", "item_state", "Set the item's state: proposed, under discussion, agreed"),
    EditorAction("[", "alternatives", "Bracketed alternatives in the item, with who proposed each"),
    EditorAction("k", "comments", "The item's comments: read, add, remove"),
    EditorAction("o", "open_only", "Show open items only (not agreed) in the outline, or all"),
    EditorAction("R", "rounds", "Rounds: save the draft as a named round, compare two rounds"),
    EditorAction("◐ ✓ [/] ✱", "", "Outline marks: " + LEGEND),
    EditorAction("ctrl+l", "", "The clause library: browse, edit, create, rename, retire"),
    EditorAction("? / f1", "help", "This help"),
    EditorAction("ctrl+p", "", "Command palette"),
    EditorAction("ctrl+q", "", "Quit (asks to save unsaved changes)"),
)


class EditorCommands(Provider):
    """The editor's actions in the command palette, each with its key."""

    def _commands(self) -> list[tuple[str, str, str]]:
        return [(a.description, a.action, f"key: {a.key}") for a in EDITOR_ACTIONS if a.action]

    def _run(self, action: str) -> None:
        self.app.call_later(self.screen.run_action, action)

    async def discover(self) -> Hits:
        for description, action, help_text in self._commands():
            yield DiscoveryHit(description, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for description, action, help_text in self._commands():
            score = matcher.match(description)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(description),
                    partial(self._run, action),
                    help=help_text,
                )
