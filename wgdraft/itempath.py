"""Typed addresses inside a draft: ``opening[1]``, ``blocks[3].items[2].items[0]``.

An :class:`ItemPath` names a draft item (or any field of a draft or template file,
such as ``situation.meeting.date``) the same way everywhere: assembly records it on
every node of the document tree, messages print it, the CLI's ``--item`` option parses
it, the editor selects by it. Its ``parts`` are the keys and indexes that lead to the
place in the file's data, so it also reads the place out of that data (:meth:`get`) and
finds its line (``yamlio.locate``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

Part = str | int

_KEY = r"[A-Za-z_][\w-]*"
_WHOLE = re.compile(rf"{_KEY}(?:\[\d+\])*(?:\.{_KEY}(?:\[\d+\])*)*")
_STEP = re.compile(rf"({_KEY})|\[(\d+)\]")


@dataclass(frozen=True, slots=True, order=True)
class ItemPath:
    """Keys and list indexes leading to one place in a draft's data."""

    parts: tuple[Part, ...] = ()

    # --- building -----------------------------------------------------------------

    @classmethod
    def of(cls, parts: Iterable[Any]) -> ItemPath:
        """The path of a ``("blocks", 0, "items", 2)`` tuple (a session's ref, a
        pydantic or YAML location): indexes stay numbers, every other part is a key."""
        return cls(tuple(part if isinstance(part, int) else str(part) for part in parts))

    @classmethod
    def opening(cls, index: int) -> ItemPath:
        """The ``index``-th opening paragraph (from 0)."""
        return cls(("opening", index))

    @classmethod
    def block(cls, index: int) -> ItemPath:
        """The ``index``-th recipient block (from 0)."""
        return cls(("blocks", index))

    def item(self, index: int) -> ItemPath:
        """The ``index``-th item inside this block or item."""
        return ItemPath((*self.parts, "items", index))

    def child(self, *parts: Part) -> ItemPath:
        """A field or index below this path: ``path.child("values", "parties")``."""
        return ItemPath((*self.parts, *parts))

    @classmethod
    def parse(cls, text: str) -> ItemPath:
        """Read ``"blocks[3].items[2]"``; raise ValueError saying what is wrong."""
        text = text.strip()
        if not _WHOLE.fullmatch(text):
            raise ValueError(
                f"{text!r} is not an item path: expected names and [numbers] as in "
                "'opening[0]' or 'blocks[2].items[1]'"
            )
        return cls(tuple(int(index) if index else key for key, index in _STEP.findall(text)))

    # --- reading ------------------------------------------------------------------

    def __str__(self) -> str:
        out = ""
        for part in self.parts:
            if isinstance(part, int):
                out += f"[{part}]"
            else:
                out += f".{part}" if out else part
        return out

    def __repr__(self) -> str:
        return f"ItemPath({str(self)!r})"

    def __bool__(self) -> bool:
        return bool(self.parts)

    @property
    def parent(self) -> ItemPath:
        """The item or block holding this one (``blocks[1].items[0]`` -> ``blocks[1]``)."""
        parts = self.parts
        if len(parts) >= 2 and isinstance(parts[-1], int):
            parts = parts[:-2] if parts[-2] == "items" else parts[:-1]
        else:
            parts = parts[:-1]
        return ItemPath(parts)

    @property
    def index(self) -> int | None:
        """The position of this item in its list, if the path ends at one."""
        last = self.parts[-1] if self.parts else None
        return last if isinstance(last, int) else None

    @property
    def block_index(self) -> int | None:
        """Which block the path is in, or None outside blocks."""
        if len(self.parts) >= 2 and self.parts[0] == "blocks" and isinstance(self.parts[1], int):
            return self.parts[1]
        return None

    @property
    def depth(self) -> int:
        """0 for an opening paragraph or a block, 1 for a block's item, 2 below that."""
        return sum(1 for part in self.parts if part == "items")

    def startswith(self, other: ItemPath) -> bool:
        """Whether this path is ``other`` or lies inside it."""
        return self.parts[: len(other.parts)] == other.parts

    def get(self, data: Any) -> Any:
        """The value at this path in a draft's data; KeyError if there is none."""
        node = data
        for part in self.parts:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                raise KeyError(str(self)) from None
        return node
