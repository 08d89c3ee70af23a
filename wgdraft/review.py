"""What is still to review in a draft: the values and items a follow-up draft carried
over from an earlier text and that may be out of date.

The flags live in the draft file itself, so they survive saving and reopening: the
fields in ``Draft.review`` (paths such as ``situation.report.symbol`` or
``blocks[2].press_release``) and ``review: true`` on items. :func:`pending` lists them
for the CLI (``check``, ``render``) and the TUI's walk-through; :func:`clear_field` and
:func:`clear_item` take a flag off the draft's data (the session calls them on every
edit of the field or item and when the drafter confirms it).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .itempath import ItemPath

if TYPE_CHECKING:
    from .library import Library

Ref = tuple[str | int, ...]
#: parameter types whose values are facts of a given time (a figure, a date, a symbol)
FACT_TYPES = frozenset({"date", "month", "number", "symbol"})

#: what the walk-through calls each field, and what to check in it (UI words)
FIELDS: dict[str, tuple[str, str]] = {
    "situation.report.symbol": ("Report symbol", "the earlier report's symbol: the new report's"),
    "situation.report.ordinal": ("Report ordinal", "one more than the earlier report's"),
    "situation.report.date": ("Report date", "the earlier report's date"),
    "situation.report.period_start": (
        "Start of the reporting period",
        "the earlier report's period",
    ),
    "situation.report.period_end": ("End of the reporting period", "the earlier report's period"),
    "situation.meeting.date": ("Meeting date", "the meeting on the earlier report"),
    "situation.meeting.kind": ("Meeting kind", "the meeting on the earlier report"),
    "situation.meeting.number": ("Meeting number", "the meeting on the earlier report"),
    "situation.resolutions": ("Resolutions recalled", "resolutions adopted since may be missing"),
    "situation.previous_conclusions": (
        "Previous conclusions (symbol)",
        "the earlier text had no symbol: give the symbol of the conclusions it became",
    ),
    "document.date": ("Date of the conclusions", "not carried over: the new date"),
    "document.letters_date": (
        "Date of the letters and statements",
        "not carried over: the new date",
    ),
    "signatories.president": (
        "President of the Security Council (signs letters)",
        "the presidency changes every month",
    ),
    "signatories.chair": (
        "Chair of the Working Group (signs letters)",
        "the chair may have changed",
    ),
}

#: the same for fields of a block (``blocks[N].<key>``)
BLOCK_FIELDS: dict[str, tuple[str, str]] = {
    "press_release": ("Press release", "the earlier statement's press release"),
    "meeting": ("Meeting that agreed the statement", "the earlier statement's meeting"),
    "addressees": ("Addressees", "names and titles may have changed"),
}


def known_field(field: str, blocks: int) -> bool:
    """Whether ``field`` names a field that can be to review in a draft of ``blocks``
    blocks: one of :data:`FIELDS`, or ``blocks[N].<key>`` of :data:`BLOCK_FIELDS`."""
    if field in FIELDS:
        return True
    try:
        path = ItemPath.parse(field)
    except ValueError:
        return False
    block = path.block_index
    return (
        block is not None
        and block < blocks
        and len(path.parts) == 3
        and path.parts[2] in BLOCK_FIELDS
    )


@dataclass(frozen=True)
class ReviewPoint:
    """One thing to review: a field (``ref == ()``, ``field`` its path) or an item
    (``ref`` its place in the draft data, ``field`` None)."""

    ref: Ref
    field: str | None
    label: str
    reason: str

    @property
    def is_field(self) -> bool:
        return self.field is not None

    @property
    def path(self) -> ItemPath:
        """Where the point is in the draft data (the field's path, or the item's)."""
        return ItemPath.parse(self.field) if self.field is not None else ItemPath.of(self.ref)

    def __str__(self) -> str:
        return f"{self.path}: {self.label} ({self.reason})"


def pending(data: Any, library: Library | None = None) -> list[ReviewPoint]:
    """What is still to review in draft data (plain or round-trip): the flagged fields
    in the order listed, then the flagged items in document order. With the
    ``library``, an item's reason names only the values that state facts."""
    if not isinstance(data, dict):
        return []
    points: list[ReviewPoint] = []
    listed = data.get("review")
    for field in dict.fromkeys(listed if isinstance(listed, list) else []):
        if isinstance(field, str) and field.strip():
            points.append(field_point(str(field), data))
    for ref, item in flagged_items(data):
        points.append(ReviewPoint(ref, None, item_label(ref, item), item_reason(item, library)))
    return points


def field_point(field: str, data: Any = None) -> ReviewPoint:
    """The review point of one field (its label and reason; a block's with its channel)."""
    label, reason = FIELDS.get(field, ("", "carried from the earlier text"))
    if not label:
        label = field
        try:
            path = ItemPath.parse(field)
        except ValueError:
            path = ItemPath()
        block = path.block_index
        if block is not None and len(path.parts) == 3 and isinstance(path.parts[2], str):
            known = BLOCK_FIELDS.get(path.parts[2])
            if known is not None:
                label, reason = known
            channel = _channel(data, block)
            label += f" ({channel})" if channel else f" (block {block + 1})"
    return ReviewPoint((), field, label, reason)


def _channel(data: Any, block: int) -> str:
    try:
        return str(data["blocks"][block]["channel"])
    except (KeyError, IndexError, TypeError):
        return ""


def walk_items(data: Any) -> Iterator[tuple[Ref, Any]]:
    """Every item of draft data with its ref, in document order: the opening
    paragraphs, then each block's items, each followed by its sub-items."""

    def below(ref: Ref, items: Any) -> Iterator[tuple[Ref, Any]]:
        if not isinstance(items, list):
            return
        for index, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            here = (*ref, index)
            yield here, item
            yield from below((*here, "items"), item.get("items"))

    if not isinstance(data, dict):
        return
    yield from below(("opening",), data.get("opening"))
    blocks = data.get("blocks")
    for number, block in enumerate(blocks if isinstance(blocks, list) else []):
        if isinstance(block, dict):
            yield from below(("blocks", number, "items"), block.get("items"))


def flagged_items(data: Any) -> list[tuple[Ref, Any]]:
    """The items marked ``review: true``, in document order."""
    return [(ref, item) for ref, item in walk_items(data) if item.get("review") is True]


def item_label(ref: Ref, item: Any) -> str:
    """A short name for an item: what it is (its place is the point's ``path``)."""
    return describe(item)


def describe(item: Any) -> str:
    """What an item is: its clause, its first words, or its sentence clauses."""
    if item.get("clause"):
        return str(item["clause"])
    if item.get("text") is not None:
        return f"free text “{_first_words(str(item['text']))}”"
    sentences = item.get("sentences") or []
    clauses = [str(s.get("clause") or "free text") for s in sentences if isinstance(s, dict)]
    shown = ", ".join(clauses[:3]) + (", …" if len(clauses) > 3 else "")
    return f"sentences: {shown}"


def _first_words(text: str, count: int = 8) -> str:
    words = text.split()
    return " ".join(words[:count]) + (" …" if len(words) > count else "")


def item_reason(item: Any, library: Library | None = None) -> str:
    """What to check in an item carried from an earlier text."""
    sentences = [s for s in item.get("sentences") or [] if isinstance(s, dict)]
    if any(str(s.get("clause") or "").startswith("assessment.") for s in sentences):
        return "the members' assessment of the earlier report: check it against the new report"
    if item.get("text") is not None or any(s.get("text") is not None for s in sentences):
        return "free text from the earlier text: check its facts"
    values = item.get("values")
    if isinstance(values, dict) and values:
        names = fact_values(item, library) or list(values)
        shown = ", ".join(names[:4]) + (", …" if len(names) > 4 else "")
        return f"states facts of the earlier text: check its values ({shown})"
    return "carried from the earlier text: check it still holds"


# --- a field's value as one line of text (the walk-through's field dialog) -------------

_DATES = frozenset({"date", "period_start", "period_end", "letters_date"})
#: fields a draft cannot leave empty
REQUIRED = frozenset(
    {"situation.report.symbol", "situation.report.ordinal", "situation.meeting.date"}
)


def editable_path(field: str) -> ItemPath | None:
    """Where the one-line value of ``field`` is: the field itself, a signatory's
    name, a statement meeting's date; None for a field edited elsewhere (addressees)."""
    try:
        path = ItemPath.parse(field)
    except ValueError:
        return None
    last = path.parts[-1] if path.parts else None
    if path.parts[:1] == ("signatories",) and len(path.parts) == 2:
        return path.child("name")
    if path.block_index is not None and last == "meeting":
        return path.child("date")
    if last == "addressees":
        return None
    return path


def _kind(path: ItemPath) -> str:
    last = path.parts[-1] if path.parts else ""
    if last in _DATES:
        return "date"
    if path.parts == ("situation", "resolutions"):
        return "list"
    if path.parts == ("situation", "report", "symbol"):
        return "symbol"
    return "text"


def field_text(data: Any, field: str) -> str | None:
    """The text a field dialog starts with (the value as it is, "" if unset); None
    if the field is not one line of text."""
    from .paramtypes import get as param_type

    path = editable_path(field)
    if path is None:
        return None
    try:
        value = path.get(data)
    except KeyError:
        value = None
    if _kind(path) == "list":
        return ", ".join(str(v) for v in value) if isinstance(value, list) else ""
    return param_type(_kind(path)).text(value)


def field_value(field: str, text: str) -> Any:
    """The value typed for ``field``, checked (None: leave it unset); ValueError
    saying why not."""
    from .paramtypes import get as param_type

    path = editable_path(field)
    if path is None:
        raise ValueError("this field is edited in its own form")
    text = text.strip()
    if not text:
        if field in REQUIRED:
            raise ValueError("a draft needs this value")
        return None
    if _kind(path) == "list":  # resolutions: "1612 (2005), 2427 (2018)"
        return [part.strip() for part in text.split(",") if part.strip()]
    kind = param_type(_kind(path))
    value = kind.parse(text)
    return value if kind.name == "date" else kind.stored(value)


def fact_values(node: Any, library: Library | None) -> list[str]:
    """The names of the values of an item or sentence that state facts of their time
    (a date, month, number or symbol), by its clause's parameters."""
    clause = library.clauses.get(str(node.get("clause"))) if library is not None else None
    values = node.get("values")
    if clause is None or not isinstance(values, dict):
        return []
    return [
        str(name)
        for name, value in values.items()
        if value not in (None, "", [])
        and name in clause.params
        and clause.params[name].type.name in FACT_TYPES
    ]


def clear_field(data: Any, field: str) -> bool:
    """Take ``field`` off the draft's list of fields to review; whether it was there.
    The empty list is removed, so a reviewed draft reads as one never flagged."""
    listed = data.get("review") if isinstance(data, dict) else None
    if not isinstance(listed, list) or field not in listed:
        return False
    while field in listed:
        listed.remove(field)
    if not listed:
        del data["review"]
    return True


def clear_item(data: Any, ref: Ref) -> bool:
    """Take the review flag off the item at ``ref``; whether it had one."""
    try:
        item = ItemPath.of(ref).get(data)
    except KeyError:
        return False
    if not isinstance(item, dict) or "review" not in item:
        return False
    del item["review"]
    return True


def fields_under(data: Any, ref: Ref) -> list[str]:
    """The flagged fields at or below the place ``ref`` (a session's ref such as
    ``("situation",)`` or ``("blocks", 2)``): what an edit there reviews."""
    listed = data.get("review") if isinstance(data, dict) else None
    if not isinstance(listed, list):
        return []
    where = ItemPath.of(ref)
    found = []
    for field in listed:
        try:
            path = ItemPath.parse(str(field))
        except ValueError:
            continue
        if path.startswith(where):
            found.append(str(field))
    return found


__all__ = [
    "ReviewPoint",
    "clear_field",
    "clear_item",
    "field_point",
    "fields_under",
    "flagged_items",
    "pending",
    "walk_items",
]
