"""The draft editor: an outline of sections, blocks and items with their UN labels, and
a live preview of the conclusions (or of the selected block's letter or statement)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header, ProgressBar, Static, TextArea, Tree
from textual.widgets.text_area import Selection
from textual.widgets.tree import TreeNode

from tui.browser import ClauseBrowser
from tui.dialogs import (
    ConfirmDialog,
    Dialog,
    HelpScreen,
    LineDialog,
    ParamForm,
    PickDialog,
    TextDialog,
)
from wgdraft import renderers
from wgdraft.errors import WgdraftError
from wgdraft.formrecovery import FormRecord, discard_form, draft_key, pending_forms
from wgdraft.forms import fields
from wgdraft.render_text import render_letter_text, render_statement_text, text_lines
from wgdraft.session import DraftSession, Ref
from wgdraft.tree import Bundle, Paragraph, Subparagraph

if TYPE_CHECKING:
    from tui.app import WgdraftApp

#: The format the editor exports (the registry's default).
EXPORT = renderers.get(renderers.DEFAULT)


@dataclass(frozen=True)
class NodeData:
    """What an outline node stands for."""

    kind: str  # root | opening | section | block | item
    ref: Ref | None
    label: str | None = None  # the UN label: "4", "4 (b)"


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


class EditorScreen(Screen[None]):
    """Edit one draft."""

    BINDINGS: ClassVar = [
        Binding("a", "add_clause", "Add clause"),
        Binding("t", "add_text", "Add text"),
        Binding("b", "add_block", "Add block"),
        Binding("e", "edit", "Edit"),
        Binding("delete,x", "remove", "Remove"),
        Binding("ctrl+up,shift+up", "move(-1)", "Move up"),
        Binding("ctrl+down,shift+down", "move(1)", "Move down"),
        Binding("m", "move_to_block", "To block"),
        Binding("v", "block_values", "Block values", show=False),
        Binding("ctrl+z,u", "undo", "Undo"),
        Binding("ctrl+y,r", "redo", "Redo"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+e", "export", f"Export {EXPORT.label}"),
        Binding("l", "toggle_preview", "Letter/statement"),
        Binding("c", "to_library", "Text → clause", show=False),
        Binding("s", "situation", "Situation", show=False),
        Binding("question_mark,f1", "help", "Help"),
    ]

    #: (key, action, description) for the help screen and the command palette
    ACTIONS: ClassVar = [
        ("a", "add_clause", "Add a library clause after the cursor"),
        ("t", "add_text", "Add free text (wording not in the library)"),
        ("b", "add_block", "Add a recipient block (with its first clause)"),
        ("e / enter", "edit", "Edit the item's values or text, or the block's values"),
        ("x / delete", "remove", "Remove the item or block"),
        ("ctrl+up / shift+up", "move(-1)", "Move up"),
        ("ctrl+down / shift+down", "move(1)", "Move down"),
        ("m", "move_to_block", "Move the item to another block"),
        ("v", "block_values", "Edit the block's introductory values"),
        ("ctrl+z / u", "undo", "Undo"),
        ("ctrl+y / r", "redo", "Redo"),
        ("ctrl+s", "save", "Save the draft"),
        ("ctrl+e", "export", f"Export the {EXPORT.label} bundle"),
        ("l", "toggle_preview", "Preview the conclusions or the block's letter/statement"),
        ("c", "to_library", "Turn the selected free text into a library clause"),
        ("s", "situation", "Edit the situation: country, Government, meeting, report, parties"),
        ("ctrl+l", "", "The clause library: browse, edit, create, rename, retire"),
        ("? / f1", "help", "This help"),
        ("ctrl+p", "", "Command palette"),
        ("ctrl+q", "", "Quit (asks to save unsaved changes)"),
    ]

    def __init__(self, session: DraftSession) -> None:
        super().__init__()
        self.session = session
        self.bundle: Bundle | None = None
        self.error: str = ""
        self.show_correspondence = False
        self.recovered_version = session.version
        self._lines: list[tuple[str | None, str]] = []
        self._lines_for: Bundle | None = None

    @property
    def wg_app(self) -> WgdraftApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor"):
            with Vertical(id="outline-pane"):
                yield Tree("Draft", id="outline")
            with Vertical(id="preview-pane"):
                yield Static("Preview", id="preview-title")
                yield TextArea("", id="preview", read_only=True, soft_wrap=True)
        with Horizontal(id="export-bar"):
            yield Static("Exporting", id="export-label")
            yield ProgressBar(id="export-progress", show_eta=False)
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        tree = self.query_one("#outline", Tree)
        tree.auto_expand = False
        tree.show_root = False
        self.query_one("#export-bar").display = False
        self.refresh_view()
        tree.focus()
        self.set_interval(self.wg_app.autosave_seconds, self.autosave)
        self.call_after_refresh(self.offer_pending_forms)

    # --- view ---------------------------------------------------------------------

    @property
    def current(self) -> NodeData | None:
        node = self.query_one("#outline", Tree).cursor_node
        return node.data if node is not None else None

    def refresh_view(self, select: Ref | None = None) -> None:
        """Re-assemble the draft, rebuild the outline, update preview and status."""
        if select is None and self.current is not None:
            select = self.current.ref
        try:
            self.bundle = self.session.bundle()
            self.error = ""
        except WgdraftError as exc:
            self.bundle = None
            self.error = f"{len(exc.problems)} problem(s): {exc.problems[0]}"
        self._build_outline(select)
        self.refresh_preview()
        self._status()

    def _labels(self) -> dict[Ref, str]:
        """UN labels of opening paragraphs, blocks and items, from the assembled tree."""
        labels: dict[Ref, str] = {}
        if self.bundle is None:
            return labels
        paragraphs = self.bundle.conclusions.paragraphs
        data = self.session.view
        opening = data.get("opening") or []
        for i in range(len(opening)):
            labels[("opening", i)] = paragraphs[i].label
        for b, block in enumerate(data.get("blocks") or []):
            paragraph: Paragraph = paragraphs[len(opening) + b]
            labels[("blocks", b)] = paragraph.label
            for i, item in enumerate(block.get("items") or []):
                sub: Subparagraph = paragraph.items[i]
                labels[("blocks", b, "items", i)] = sub.label
                offset = len(sub.children) - len(item.get("items") or [])
                for j in range(len(item.get("items") or [])):
                    labels[("blocks", b, "items", i, "items", j)] = sub.children[offset + j].label
        return labels

    def _item_label(self, item: Any, label: str) -> str:
        library = self.session.library
        if "clause" in item:
            clause = library.clauses.get(item["clause"])
            title = clause.title if clause else f"unknown clause {item['clause']}"
            variant = f" [{item['variant']}]" if item.get("variant") else ""
            return f"{label}  {_short(title)}{variant}"
        return f"{label}  ✎ {_short(str(item.get('text', '')))}"

    def _build_outline(self, select: Ref | None) -> None:
        tree = self.query_one("#outline", Tree)
        tree.clear()
        library = self.session.library
        labels = self._labels()
        data = self.session.view
        target: TreeNode[NodeData] | None = None

        def add(parent: TreeNode[NodeData], text: str, node_data: NodeData, leaf: bool) -> Any:
            nonlocal target
            node = (
                parent.add_leaf(text, data=node_data)
                if leaf
                else parent.add(text, data=node_data, expand=True)
            )
            if select is not None and node_data.ref == select:
                target = node
            return node

        opening = add(tree.root, "Opening paragraphs", NodeData("opening", ("opening",)), False)
        for i, item in enumerate(data.get("opening") or []):
            ref: Ref = ("opening", i)
            add(
                opening,
                self._item_label(item, labels.get(ref, "?")),
                NodeData("item", ref, labels.get(ref)),
                True,
            )
        headings = {s.id: s.heading for s in library.templates.framing.sections}
        section_node = None
        section_id = None
        for b, block in enumerate(data.get("blocks") or []):
            channel = library.templates.channels.get(block.get("channel", ""))
            if channel is None:
                section_node, section_id = tree.root, None
                title = f"unknown channel {block.get('channel')}"
            else:
                if channel.section != section_id:
                    section_id = channel.section
                    section_node = add(
                        tree.root,
                        headings.get(section_id, section_id),
                        NodeData("section", None),
                        False,
                    )
                title = channel.title
            block_ref: Ref = ("blocks", b)
            assert section_node is not None
            block_node = add(
                section_node,
                f"{labels.get(block_ref, '?')}  {title}",
                NodeData("block", block_ref, labels.get(block_ref)),
                False,
            )
            for i, item in enumerate(block.get("items") or []):
                item_ref: Ref = (*block_ref, "items", i)
                children = item.get("items") or []
                item_node = add(
                    block_node,
                    self._item_label(item, labels.get(item_ref, "?")),
                    NodeData("item", item_ref, labels.get(item_ref)),
                    not children,
                )
                for j, child in enumerate(children):
                    child_ref: Ref = (*item_ref, "items", j)
                    add(
                        item_node,
                        self._item_label(child, labels.get(child_ref, "?")),
                        NodeData("item", child_ref, labels.get(child_ref)),
                        True,
                    )
        if target is None:
            target = opening.children[0] if opening.children else opening
        tree.move_cursor(target)
        self.call_after_refresh(tree.move_cursor, target)  # lines exist after a refresh

    def _show(self, heading: str, text: str) -> TextArea:
        """Put text in the preview; the TextArea re-wraps only when the text changed."""
        self.query_one("#preview-title", Static).update(heading)
        preview = self.query_one("#preview", TextArea)
        if preview.text != text:
            preview.text = text
        return preview

    def refresh_preview(self) -> None:
        current = self.current
        if self.bundle is None:
            self._show("Preview (the draft has problems; see below)", self.error)
            return
        if self.show_correspondence:
            text, heading = self._correspondence_text(current)
            self._show(heading, text)
            return
        if self._lines_for is not self.bundle:
            self._lines = text_lines(self.bundle.conclusions)
            self._lines_for = self.bundle
        lines = self._lines
        preview = self._show(
            "Preview: conclusions (l: the selected block's letter or statement)",
            "\n".join(line for _, line in lines),
        )
        label = current.label if current else None
        for row, (line_label, line) in enumerate(lines):
            if label is not None and line_label == label:
                preview.selection = Selection((row, 0), (row, len(line)))
                preview.scroll_cursor_visible(center=True)
                break

    def _block_number(self, current: NodeData | None) -> int | None:
        if current is None or current.ref is None or current.ref[0] != "blocks":
            return None
        labels = self._labels()
        label = labels.get(current.ref[:2])
        return int(label) if label else None

    def _correspondence_text(self, current: NodeData | None) -> tuple[str, str]:
        assert self.bundle is not None
        number = self._block_number(current)
        for letter in self.bundle.letters:
            if letter.paragraph == number:
                return render_letter_text(letter), f"Preview: letter to {letter.recipient}"
        for statement in self.bundle.statements:
            if statement.paragraph == number:
                return render_statement_text(statement), f"Preview: {statement.recipient}"
        return (
            "Select a block that is a letter or a public statement to preview it.",
            "Preview: letter or statement",
        )

    def _status(self) -> None:
        session = self.session
        mark = " (unsaved changes)" if session.dirty else ""
        text = f"{session.path}{mark}"
        if self.error:
            text += f"\n⚠ {self.error}"
        self.query_one("#status", Static).update(text)
        self.query_one("#status").set_class(bool(self.error), "has-error")
        self.sub_title = str(session.path.name) + ("*" if session.dirty else "")

    def on_tree_node_highlighted(self) -> None:
        if self.bundle is not None:
            self.refresh_preview()

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        self.action_edit()

    # --- helpers ------------------------------------------------------------------

    def changed(self, select: Ref | None) -> None:
        self.refresh_view(select)

    def _insertion_point(self) -> tuple[Ref, int | None, str | None] | None:
        """Where a new item goes: (list ref, index, recipient channel) for the cursor."""
        current = self.current
        if current is None or current.ref is None:
            return None
        ref = current.ref
        if current.kind == "opening":
            return ("opening",), None, None
        if ref[0] == "opening":
            return ("opening",), int(ref[1]) + 1, None
        block = self.session.get(ref[:2])
        channel = block.get("channel")
        if current.kind == "block":
            return (*ref, "items"), None, channel
        return ref[:-1], int(ref[-1]) + 1, channel

    def _form(
        self,
        form: Dialog[Any],
        done: Any,
        action: str,
        where: dict[str, Any],
        pending: dict[str, Any] | None = None,
    ) -> None:
        """Open a form whose typing is kept (for a crash) under this draft, ``action``
        and ``where``; ``pending`` is typing to put back into it."""
        form.recovery_key = draft_key(self.session.path, action, **where)
        form.recovery_title = str(getattr(form, "title_text", action)).split("\n")[0]
        form.pending_state = pending
        self.app.push_screen(form, done)

    def _clause_values(
        self,
        clause_id: str,
        block_ref: Ref | None,
        given: dict[str, Any],
        done: Any,
        key: tuple[str, dict[str, Any]],
        pending: dict[str, Any] | None = None,
    ) -> None:
        """Ask for a clause's parameters (when it has any), then call ``done(values)``;
        ``key`` is (action, where) of the form's recovery record."""
        clause = self.session.library.clauses[clause_id]
        if not clause.params:
            done({})
            return
        try:
            draft = self.session.draft()
        except WgdraftError:
            draft = None
        block_values = dict(self.session.get(block_ref).get("values") or {}) if block_ref else {}
        form = ParamForm(
            f"{clause.title}\n[{clause_id}]", fields(clause.params, given, draft, block_values)
        )
        action, where = key
        self._form(form, lambda values: values is not None and done(values), action, where, pending)

    def _new_item(self, clause_id: str, values: dict[str, Any]) -> dict[str, Any]:
        item: dict[str, Any] = {"clause": clause_id}
        if values:
            item["values"] = values
        return item

    # --- actions ------------------------------------------------------------------

    def action_add_clause(self) -> None:
        point = self._insertion_point()
        if point is None:
            self.notify("Move the cursor to a block or an item first.", severity="warning")
            return
        list_ref, index, channel = point

        def chosen(clause_id: str | None) -> None:
            if clause_id is not None:
                self._add_clause_values(list_ref, index, clause_id)

        draft = self._draft_or_none()
        block = self.session.get(list_ref[:2]) if list_ref[0] == "blocks" else {}
        values = dict(block.get("values") or {})  # the block's values reach its items
        self.app.push_screen(ClauseBrowser(self.wg_app.index, draft, channel, values), chosen)

    def _add_clause_values(
        self,
        list_ref: Ref,
        index: int | None,
        clause_id: str,
        pending: dict[str, Any] | None = None,
    ) -> None:
        block_ref = list_ref[:2] if list_ref[0] == "blocks" else None
        self._clause_values(
            clause_id,
            block_ref,
            {},
            lambda values: self.changed(
                self.session.insert(list_ref, index, self._new_item(clause_id, values))
            ),
            ("add-clause", {"list": list(list_ref), "index": index, "clause": clause_id}),
            pending,
        )

    def _draft_or_none(self) -> Any:
        try:
            return self.session.draft()
        except WgdraftError:
            return None

    def action_add_text(self) -> None:
        point = self._insertion_point()
        if point is None:
            self.notify("Move the cursor to a block or an item first.", severity="warning")
            return
        list_ref, index, _channel = point
        self._add_text(list_ref, index)

    def _add_text(
        self, list_ref: Ref, index: int | None, pending: dict[str, Any] | None = None
    ) -> None:
        def written(text: str | None) -> None:
            if not text:
                return
            parts = text.split("\n\n")
            if len(parts) == 1:
                self.changed(self.session.insert(list_ref, index, {"text": text}))
                return
            self.changed(self.session.insert_many(list_ref, index, [{"text": p} for p in parts]))
            self.notify(f"{len(parts)} paragraphs added as {len(parts)} items (ctrl+z undoes).")

        self._form(
            TextDialog("Free text for this item (no final ; or .)", paragraphs=True),
            written,
            "add-text",
            {"list": list(list_ref), "index": index},
            pending,
        )

    def action_add_block(self) -> None:
        channels = self.session.library.templates.channels
        current = self.current
        after = (
            int(current.ref[1]) + 1
            if current and current.ref and current.ref[0] == "blocks"
            else None
        )

        def picked(channel_id: str | None) -> None:
            if channel_id is None:
                return

            def chosen(clause_id: str | None) -> None:
                if clause_id is not None:
                    self._add_block_values(after, channel_id, clause_id)

            self.app.push_screen(
                ClauseBrowser(self.wg_app.index, self._draft_or_none(), channel_id), chosen
            )

        choices = [(cid, f"{c.title}  ({c.kind})") for cid, c in channels.items()]
        self.app.push_screen(PickDialog("Add which block?", choices), picked)

    def _add_block_values(
        self,
        after: int | None,
        channel_id: str,
        clause_id: str,
        pending: dict[str, Any] | None = None,
    ) -> None:
        def valued(values: dict[str, Any]) -> None:
            block = {"channel": channel_id, "items": [self._new_item(clause_id, values)]}
            ref = self.session.insert(("blocks",), after, block)
            self.changed((*ref, "items", 0))

        where = {"after": after, "channel": channel_id, "clause": clause_id}
        self._clause_values(clause_id, None, {}, valued, ("add-block", where), pending)

    def action_edit(self) -> None:
        current = self.current
        if current is None or current.ref is None:
            return
        if current.kind == "block":
            self.action_block_values()
            return
        if current.kind != "item":
            return
        self._edit_item(current.ref)

    def _edit_item(self, ref: Ref, pending: dict[str, Any] | None = None) -> None:
        item = self.session.get(ref)
        if "text" in item:

            def written(text: str | None) -> None:
                if not text:
                    return
                paragraphs = text.split("\n\n")
                self.session.set_paragraphs(ref, paragraphs)
                if len(paragraphs) > 1:
                    self.notify(
                        f"{len(paragraphs)} paragraphs: the item holds the first, "
                        f"{len(paragraphs) - 1} item(s) added after it."
                    )
                self.changed(ref)

            self._form(
                TextDialog("Edit the free text", str(item["text"]), paragraphs=True),
                written,
                "edit-text",
                {"ref": list(ref)},
                pending,
            )
            return
        clause_id = item.get("clause", "")
        if clause_id not in self.session.library.clauses:
            self.notify(f"Unknown clause {clause_id!r}", severity="error")
            return
        if not self.session.library.clauses[clause_id].params:
            self.notify("This clause has no parameters to edit.")
            return
        block_ref = ref[:2] if ref[0] == "blocks" else None

        def valued(values: dict[str, Any]) -> None:
            self.session.set_values(ref, values)
            self.changed(ref)

        self._clause_values(
            clause_id,
            block_ref,
            dict(item.get("values") or {}),
            valued,
            ("edit-values", {"ref": list(ref), "clause": clause_id}),
            pending,
        )

    def action_block_values(self) -> None:
        current = self.current
        if current is None or current.ref is None or current.ref[0] != "blocks":
            self.notify("Move the cursor to a block.", severity="warning")
            return
        self._block_values(current.ref[:2])

    def _block_values(self, block_ref: Ref, pending: dict[str, Any] | None = None) -> None:
        block = self.session.get(block_ref)
        channel = self.session.library.templates.channels.get(block.get("channel", ""))
        if channel is None or not channel.params:
            self.notify("This block's introduction has no values to edit.")
            return
        form = ParamForm(
            f"{channel.title}: introductory values",
            fields(channel.params, dict(block.get("values") or {}), self._draft_or_none()),
        )

        def valued(values: dict[str, Any] | None) -> None:
            if values is not None:
                self.session.set_values(block_ref, values)
                self.changed(block_ref)

        self._form(form, valued, "block-values", {"ref": list(block_ref)}, pending)

    def action_remove(self) -> None:
        current = self.current
        if current is None or current.ref is None or current.kind not in ("item", "block"):
            return
        ref = current.ref
        container = self.session.get(ref[:-1])
        if ref[0] == "blocks" and current.kind == "item" and len(ref) == 4 and len(container) == 1:
            self.notify(
                "A block needs at least one item: remove the block instead.", severity="warning"
            )
            return
        self.session.remove(ref)
        index = int(ref[-1])
        remaining = len(container)
        select = (*ref[:-1], min(index, remaining - 1)) if remaining else ref[:-2] or None
        self.notify(f"Removed {current.label or 'item'} (ctrl+z undoes)")
        self.changed(select)

    def action_move(self, delta: int) -> None:
        current = self.current
        if current is None or current.ref is None or current.kind not in ("item", "block"):
            return
        new_ref = self.session.move(current.ref, delta)
        if new_ref != current.ref:
            self.changed(new_ref)

    def action_move_to_block(self) -> None:
        current = self.current
        if (
            current is None
            or current.kind != "item"
            or current.ref is None
            or current.ref[0] != "blocks"
        ):
            self.notify("Move the cursor to an item of a block.", severity="warning")
            return
        ref = current.ref
        labels = self._labels()
        channels = self.session.library.templates.channels
        choices = []
        for b, block in enumerate(self.session.blocks()):
            if b == ref[1]:
                continue
            channel = channels.get(block.get("channel", ""))
            title = channel.title if channel else str(block.get("channel"))
            choices.append((str(b), f"{labels.get(('blocks', b), '?')}  {title}"))

        def picked(block_id: str | None) -> None:
            if block_id is None:
                return
            source = self.session.get(ref[:-1])
            if len(ref) == 4 and len(source) == 1:
                self.notify(
                    "That would leave the block empty: remove the block instead.",
                    severity="warning",
                )
                return
            self.changed(self.session.move_to_block(ref, int(block_id)))

        self.app.push_screen(PickDialog("Move the item to which block?", choices), picked)

    def action_undo(self) -> None:
        if self.session.undo():
            self.changed(None)
        else:
            self.notify("Nothing to undo.")

    def action_redo(self) -> None:
        if self.session.redo():
            self.changed(None)
        else:
            self.notify("Nothing to redo.")

    def action_save(self) -> None:
        try:
            path = self.session.save()
        except (OSError, WgdraftError) as exc:
            self.notify(f"Could not save: {exc}", severity="error", timeout=10)
            return
        self.recovered_version = self.session.version
        self.notify(f"Saved {path}")
        self._status()

    def action_situation(self, pending: dict[str, Any] | None = None) -> None:
        """Edit the draft's situation in the same form a new draft starts with."""
        from tui.dialogs import SituationAnswer, SituationForm, situation_values

        try:
            situation = self.session.draft().situation
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Fix the draft first", severity="error")
            return

        def answered(answer: SituationAnswer | None) -> None:
            if answer is not None:
                self.session.update_situation(answer.situation)
                self.changed(None)

        initial = situation_values(situation, path=str(self.session.path))
        form = SituationForm("The situation of this draft", initial, editing=True)
        self._form(form, answered, "situation", {}, pending)

    def action_to_library(self) -> None:
        """Turn a free-text item into a library clause: parameters are proposed for the
        draft's values it contains; the item then uses the new clause."""
        from tui.clause_editor import ClauseEditor
        from wgdraft import workspace

        current = self.current
        item = (
            self.session.get(current.ref)
            if current and current.kind == "item" and current.ref
            else None
        )
        if item is None or "text" not in item:
            self.notify("Move the cursor to a free-text item (✎).", severity="warning")
            return
        ref = current.ref  # type: ignore[union-attr]
        try:
            draft = self.session.draft()
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Fix the draft first", severity="error")
            return
        library = self.session.library
        families = library.templates.families

        def with_family(family: str | None) -> None:
            if family is None:
                return

            def with_id(text: str | None) -> None:
                if not text:
                    return
                try:
                    workspace.check_new_id(text.strip(), library)
                except WgdraftError as exc:
                    self.notify(exc.problems[0].message, title="Not accepted", severity="error")
                    return
                words = " ".join(str(item["text"]).split()[:8])
                clause = workspace.from_text(
                    str(item["text"]),
                    draft,
                    text.strip(),
                    family,
                    words,
                )
                path = workspace.clause_path(library, clause)
                self.app.push_screen(ClauseEditor(library, clause, path, is_new=True), saved)

            self.app.push_screen(LineDialog(f"Id of the new clause ({family}.something)"), with_id)

        def saved(clause: Any) -> None:
            if clause is None:
                return
            self.wg_app.reload_library()
            self.session.replace(ref, {"clause": clause.id})
            self.changed(ref)
            self.notify(f"{clause.id} is in the library; the item now uses it.")

        choices = [(fid, f.title) for fid, f in families.items()]
        self.app.push_screen(PickDialog("Family of the new clause", choices), with_family)

    def action_toggle_preview(self) -> None:
        self.show_correspondence = not self.show_correspondence
        self.refresh_preview()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen([(key, text) for key, _action, text in self.ACTIONS]))

    # --- forms left open by a crash -------------------------------------------------

    def offer_pending_forms(self) -> None:
        """Offer back, one after another, the forms on this draft that were open with
        typing when the app stopped without closing them."""
        records = pending_forms(self.session.path)
        if not records:
            return
        record = records[0]

        def answered(answer: str | None) -> None:
            if answer == "reopen":
                self.reopen_form(record)
            elif answer == "discard":
                discard_form(record.key)
                self.call_after_refresh(self.offer_pending_forms)

        when = record.saved_at.strftime("%d %B %Y %H:%M")
        self.app.push_screen(
            ConfirmDialog(
                f"A form was open when the app stopped: “{record.title}”, with what you "
                f"typed until {when}. Reopen it with your typing?",
                [("reopen", "Reopen it"), ("discard", "Discard the typing")],
            ),
            answered,
        )

    def reopen_form(self, record: FormRecord) -> None:
        """Open the form ``record`` was kept for, filled with its typing."""
        key, state = record.key, record.state
        action = key.get("action")
        ref: Ref = tuple(key.get("ref") or ())
        try:
            if action == "add-text":
                self._add_text(tuple(key["list"]), key["index"], state)
            elif action == "add-clause":
                self._add_clause_values(tuple(key["list"]), key["index"], key["clause"], state)
            elif action == "add-block":
                self._add_block_values(key["after"], key["channel"], key["clause"], state)
            elif action in ("edit-text", "edit-values"):
                item = self.session.get(ref)
                if ("text" in item) != (action == "edit-text") or (
                    action == "edit-values" and item.get("clause") != key["clause"]
                ):
                    raise LookupError(ref)
                self._edit_item(ref, state)
            elif action == "block-values":
                self._block_values(ref, state)
            elif action == "situation":
                self.action_situation(state)
            else:
                raise LookupError(action)
        except (LookupError, TypeError, ValueError):
            self.notify(
                f"The draft no longer has what that form edited; your typing is kept in "
                f"{record.file}.",
                title="Cannot reopen the form",
                severity="warning",
                timeout=15,
            )

    # --- export -------------------------------------------------------------------

    def action_export(self) -> None:
        if self.bundle is None:
            self.notify(
                self.error or "The draft has problems.", title="Cannot export", severity="error"
            )
            return
        self.query_one("#export-bar").display = True
        self.query_one("#export-progress", ProgressBar).update(total=None, progress=0)
        self.export_bundle(self.bundle)

    @work(thread=True, exclusive=True, group="export")
    def export_bundle(self, bundle: Bundle) -> None:
        from wgdraft.output import default_output_dir, write_bundle

        out_dir = self.wg_app.output_dir or default_output_dir(self.session.path)

        def progress(done: int, total: int, name: str) -> None:
            self.app.call_from_thread(self._export_progress, done, total, name)

        try:
            written = write_bundle(
                bundle,
                self.session.library,
                out_dir,
                EXPORT.name,
                source=str(self.session.path),
                progress=progress,
            )
        except (WgdraftError, OSError) as exc:
            self.app.call_from_thread(self._export_done, None, str(exc))
            return
        self.app.call_from_thread(self._export_done, out_dir, f"{len(written) - 1} files")

    def _export_progress(self, done: int, total: int, name: str) -> None:
        self.query_one("#export-progress", ProgressBar).update(total=total, progress=done)
        self.query_one("#export-label", Static).update(f"Exporting {name}" if name else "Writing")

    def _export_done(self, out_dir: Path | None, detail: str) -> None:
        self.query_one("#export-bar").display = False
        if out_dir is None:
            self.notify(detail, title="Export failed", severity="error", timeout=10)
        else:
            self.notify(
                f"{detail} in {out_dir}", title=f"Exported {EXPORT.label} bundle", timeout=8
            )
        self.wg_app.last_export = out_dir

    # --- autosave -----------------------------------------------------------------

    def autosave(self) -> None:
        """Write unsaved changes to the recovery file (not to the draft itself)."""
        if self.session.dirty and self.session.version != self.recovered_version:
            try:
                self.session.write_recovery()
                self.recovered_version = self.session.version
            except OSError as exc:
                self.notify(f"Autosave failed: {exc}", severity="error")

    def confirm_quit(self) -> None:
        if not self.session.dirty:
            self.app.exit()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
                if not self.session.dirty:
                    self.app.exit()
            elif answer == "discard":
                from wgdraft.session import discard_recovery

                discard_recovery(self.session.path)
                self.app.exit()

        self.app.push_screen(
            ConfirmDialog(
                f"Save the changes to {self.session.path.name}?",
                [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")],
            ),
            answered,
        )
