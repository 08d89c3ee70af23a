"""Typed item paths: one parser and formatter, and the paths assembly records."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wgdraft.assemble import assemble_bundle
from wgdraft.drafts import load_draft
from wgdraft.itempath import ItemPath
from wgdraft.library import Library
from wgdraft.tree import letter

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

keys = st.from_regex(r"[a-z_][a-z0-9_-]{0,8}", fullmatch=True)
steps = st.tuples(keys, st.lists(st.integers(0, 999), max_size=3))


@given(st.lists(steps, min_size=1, max_size=5))
def test_format_and_parse_are_inverse(path_steps: list[tuple[str, list[int]]]) -> None:
    parts: list[str | int] = []
    for key, indexes in path_steps:
        parts += [key, *indexes]
    path = ItemPath(tuple(parts))
    assert ItemPath.parse(str(path)) == path
    assert hash(ItemPath.parse(str(path))) == hash(path)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        ("opening[1]", ("opening", 1)),
        ("blocks[3].items[2].items[0]", ("blocks", 3, "items", 2, "items", 0)),
        ("situation.meeting.date", ("situation", "meeting", "date")),
        (" blocks[0] ", ("blocks", 0)),
    ],
)
def test_parse(text: str, parts: tuple[str | int, ...]) -> None:
    assert ItemPath.parse(text).parts == parts


@pytest.mark.parametrize("text", ["", "[3]", "blocks[3]items[1]", "a..b", "blocks[x]", "a.[1]"])
def test_parse_refuses_what_is_not_a_path(text: str) -> None:
    with pytest.raises(ValueError, match="is not an item path"):
        ItemPath.parse(text)


def test_family_relations() -> None:
    path = ItemPath.block(3).item(2).item(0)
    assert str(path) == "blocks[3].items[2].items[0]"
    assert path.parent == ItemPath.block(3).item(2)
    assert path.parent.parent == ItemPath.block(3)
    assert (path.depth, path.block_index, path.index) == (2, 3, 0)
    assert path.startswith(ItemPath.block(3)) and not path.startswith(ItemPath.block(1))
    assert ItemPath.opening(0).block_index is None


def test_get_reads_the_place_in_the_data() -> None:
    data = {"blocks": [{"items": [{"text": "a"}, {"clause": "b"}]}]}
    assert ItemPath.parse("blocks[0].items[1]").get(data) == {"clause": "b"}
    with pytest.raises(KeyError):
        ItemPath.parse("blocks[0].items[2]").get(data)
    with pytest.raises(KeyError):
        ItemPath.parse("blocks[0].items[0].text[0]").get({"blocks": [{"items": [{"text": 1}]}]})


@pytest.mark.parametrize(
    "example", ["mali-2023", "south-sudan-2018", "central-african-republic-2024"]
)
def test_every_draft_item_has_its_node_in_the_tree(library: Library, example: str) -> None:
    """Assembly records on each node the path of the item it prints, so the path reads
    that item back from the draft, and every item of the draft is printed by one node."""
    file = EXAMPLES / f"{example}.yaml"
    draft = load_draft(file)
    bundle = assemble_bundle(draft, library, file)
    data = draft.model_dump()
    nodes = bundle.conclusions.by_path()

    expected: set[ItemPath] = {ItemPath.opening(i) for i in range(len(draft.opening))}
    for b, block in enumerate(draft.blocks):
        expected.add(ItemPath.block(b))
        for i, item in enumerate(block.items):
            expected.add(ItemPath.block(b).item(i))
            expected |= {ItemPath.block(b).item(i).item(j) for j in range(len(item.items))}
    assert set(nodes) == expected

    for path, node in nodes.items():
        item = path.get(data)
        if path.depth and item["clause"] is not None:
            assert node.source == item["clause"]
        elif path.depth:
            assert node.source == "text"
    for sent in bundle.letters:
        assert sent.path is not None
        assert nodes[sent.path].label == str(sent.paragraph)
        assert [s.path for s in sent.items] == [s.path for s in nodes[sent.path].items]
    for b, block in enumerate(draft.blocks):
        block_label = nodes[ItemPath.block(b)].label
        for i in range(len(block.items)):
            assert nodes[ItemPath.block(b).item(i)].label == f"{block_label} ({letter(i + 1)})"
