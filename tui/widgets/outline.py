"""The outline of a draft: its sections, recipient blocks and items, each with its UN
label ("4 (b)") read from the assembled document tree."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from rich.style import Style
from rich.text import Text
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from tui.negotiation import is_open, item_mark
from wgdraft.itempath import ItemPath
from wgdraft.library import Library
from wgdraft.session import Ref
from wgdraft.tree import Bundle


@dataclass(frozen=True)
class NodeData:
    """What an outline node stands for."""

    kind: str  # root | opening | section | block | item
    ref: Ref | None
    label: str | None = None  # the UN label: "4", "4 (b)"


#: before the label of an item that departs from agreed language
DEVIATION_MARK = "≠ "
#: after the label of an item a follow-up marked to review
REVIEW_MARK = (" ⚑", "bold")


def _short(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def item_of(path: ItemPath) -> ItemPath:
    """The draft item a path points into: a sentence's (``opening[1].sentences[4]``) is
    the item composed of it (``opening[1]``); any other path is an item's own."""
    parts = path.parts
    if len(parts) >= 2 and parts[-2] == "sentences":
        return ItemPath.of(parts[:-2])
    return path


def labels_of(bundle: Bundle | None) -> dict[ItemPath, str]:
    """The UN label of every draft item printed in the conclusions, by its path (as
    assembly recorded it on the tree); none when the draft does not assemble."""
    if bundle is None:
        return {}
    return {path: node.label for path, node in bundle.conclusions.by_path().items()}


class Outline(Tree[NodeData]):
    """The draft as a tree. Moving the cursor posts ``CursorMoved``; enter on a node
    posts ``ItemChosen``."""

    class CursorMoved(Message):
        """The cursor is on another node (None: on none)."""

        def __init__(self, node: NodeData | None) -> None:
            super().__init__()
            self.node = node

    class ItemChosen(Message):
        """Enter was pressed on a node: the drafter wants to edit it."""

        def __init__(self, node: NodeData) -> None:
            super().__init__()
            self.node = node

    def __init__(self) -> None:
        super().__init__("Draft", id="outline")
        self.auto_expand = False
        self.show_root = False
        self.labels: dict[ItemPath, str] = {}
        #: the items that depart from agreed language, marked with DEVIATION_MARK
        self.deviating: frozenset[ItemPath] = frozenset()
        #: show only the items not agreed yet (tui/negotiation.py)
        self.open_only = False

    @property
    def current(self) -> NodeData | None:
        """What the node under the cursor stands for."""
        node = self.cursor_node
        return node.data if node is not None else None

    def label_of(self, ref: Ref) -> str | None:
        """The UN label of the item or block at ``ref`` ("4 (b)"), if it assembled."""
        return self.labels.get(ItemPath.of(ref))

    def deviates(self, node: TreeNode[NodeData]) -> bool:
        """Whether ``node`` is an item that departs from agreed language."""
        data = node.data
        return (
            data is not None
            and data.kind == "item"
            and data.ref is not None
            and ItemPath.of(data.ref) in self.deviating
        )

    def render_label(self, node: TreeNode[NodeData], base_style: Style, style: Style) -> Text:
        """The node's label, with the deviation mark before the UN label of an item
        that departs from agreed language (the label itself stays as built)."""
        text = super().render_label(node, base_style, style)
        if not self.deviates(node):
            return text
        at = len(text.plain) - len(node.label.plain)  # after the expand icon, if any
        mark = Text(DEVIATION_MARK, style=base_style + style + Style(bold=True))
        return Text.assemble(text[:at], mark, text[at:])

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[NodeData]) -> None:
        event.stop()
        self.post_message(self.CursorMoved(event.node.data))

    def on_tree_node_selected(self, event: Tree.NodeSelected[NodeData]) -> None:
        event.stop()
        if event.node.data is not None:
            self.post_message(self.ItemChosen(event.node.data))

    # --- building -----------------------------------------------------------------

    def _item_label(self, library: Library, item: Any, label: str) -> Text:
        """An item's line: its label, then the clause's title (the variant first, in
        brackets, so that a narrow outline still shows it) or "✎" and its free text.
        Plain text, never markup: "[reminding]" or a bracket in free text stays."""
        if "clause" in item:
            clause = library.clauses.get(item["clause"])
            title = clause.title if clause else f"unknown clause {item['clause']}"
            variant = (f"[{item['variant']}] ", "italic") if item.get("variant") else ""
            return Text.assemble(f"{label}  ", variant, _short(title))
        if item.get("sentences"):
            return Text.assemble(f"{label}  ", self._sentences_label(library, item["sentences"]))
        return Text(f"{label}  ✎ {_short(str(item.get('text', '')))}")

    def _sentences_label(self, library: Library, sentences: list[Any]) -> Text:
        """A composed paragraph: "¶", how many sentences it has and what its first
        sentence is (its clause's title, or its free text)."""
        first = sentences[0]
        if first.get("clause"):
            clause = library.clauses.get(first["clause"])
            opening = clause.title if clause else f"unknown clause {first['clause']}"
        else:
            opening = "✎ " + str(first.get("text", ""))
        count = len(sentences)
        counted = f"{count} sentence{'s' * (count != 1)}"  # first: a narrow outline shows it
        return Text.assemble("¶ ", (counted, "italic"), " · ", _short(opening, 50))

    def show_draft(
        self,
        view: Mapping[str, Any],
        library: Library,
        bundle: Bundle | None,
        select: Ref | None,
        deviating: Collection[ItemPath] = (),
    ) -> None:
        """Rebuild the outline of the draft ``view`` (assembled as ``bundle``, None when
        it has problems), marking the items at ``deviating``, and put the cursor on
        ``select``."""
        self.clear()
        self.labels = labels_of(bundle)
        self.deviating = frozenset(item_of(path) for path in deviating)
        label_of = self.label_of
        target: TreeNode[NodeData] | None = None

        def add(
            parent: TreeNode[NodeData], text: str | Text, node_data: NodeData, leaf: bool
        ) -> Any:
            nonlocal target
            node = (
                parent.add_leaf(text, data=node_data)
                if leaf
                else parent.add(text, data=node_data, expand=True)
            )
            if select is not None and node_data.ref == select:
                target = node
            return node

        def add_item(parent: TreeNode[NodeData], ref: Ref, item: Any, leaf: bool) -> Any:
            if self.open_only and not is_open(item):
                return None
            label = label_of(ref) or "?"
            text = self._item_label(library, item, label)
            if mark := item_mark(item):  # negotiation state, after the label
                at = len(f"{label}  ")
                text = Text.assemble(text[:at], (mark, "bold"), " ", text[at:])
            if item.get("review") is True:  # a follow-up's point to review (n, y)
                text = Text.assemble(text[: len(label)], REVIEW_MARK, text[len(label) :])
            return add(parent, text, NodeData("item", ref, label_of(ref)), leaf)

        opening = add(self.root, "Opening paragraphs", NodeData("opening", ("opening",)), False)
        for i, item in enumerate(view.get("opening") or []):
            add_item(opening, ("opening", i), item, True)
        headings = {s.id: s.heading or s.id for s in library.templates.framing.sections}
        section_node = None
        section_id = None
        for b, block in enumerate(view.get("blocks") or []):
            channel = library.templates.channels.get(block.get("channel", ""))
            if channel is None:
                section_node, section_id = self.root, None
                title = f"unknown channel {block.get('channel')}"
            else:
                if channel.section != section_id:
                    section_id = channel.section
                    section_node = add(
                        self.root,
                        headings.get(section_id, section_id),
                        NodeData("section", None),
                        False,
                    )
                title = channel.title
            block_ref: Ref = ("blocks", b)
            assert section_node is not None
            block_node = add(
                section_node,
                f"{label_of(block_ref) or '?'}  {title}",
                NodeData("block", block_ref, label_of(block_ref)),
                False,
            )
            for i, item in enumerate(block.get("items") or []):
                item_ref: Ref = (*block_ref, "items", i)
                children = item.get("items") or []
                item_node = add_item(block_node, item_ref, item, not children)
                for j, child in enumerate(children if item_node is not None else []):
                    add_item(item_node, (*item_ref, "items", j), child, True)
        if target is None:
            target = opening.children[0] if opening.children else opening
        self.move_cursor(target)
        self.call_after_refresh(self.move_cursor, target)  # lines exist after a refresh
