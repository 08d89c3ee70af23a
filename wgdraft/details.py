"""Every field of a draft that is not its text, as a form shows and checks it: the
document's symbol and dates, the situation (country, meeting, report, resolutions,
parties), the signatories, the addressees, press release and later meeting of each
letter or statement block, and the annex. No Textual here: the TUI's details form
lays these fields out, :func:`apply` writes what was changed into the draft data.

A field is named by its dotted path in the draft data ("situation.meeting.number",
"blocks.3.addressees.0.name"), the names ``Draft.review`` lists."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .dates import parse_date, show_date
from .errors import WgdraftError
from .itempath import ItemPath
from .library import Templates
from .models import Channel, Draft
from .paramtypes import SYMBOL_RE

#: how a field's text becomes its value
Kind = Literal["text", "date", "symbol", "lines", "paragraphs"]


@dataclass(frozen=True)
class DetailField:
    key: str  # dotted path in the draft data
    label: str
    example: str = ""
    kind: Kind = "text"
    required: bool = False

    @property
    def parts(self) -> tuple[str | int, ...]:
        return _parts(self.key)


@dataclass(frozen=True)
class DetailSection:
    id: str
    title: str
    fields: tuple[DetailField, ...]
    hint: str = ""


def _f(
    key: str, label: str, example: str = "", kind: Kind = "text", required: bool = False
) -> DetailField:
    return DetailField(key, label, example, kind, required)


_DOCUMENT = DetailSection(
    "document",
    "Document",
    (
        _f("document.symbol", "Symbol (empty while unassigned)", "S/AC.51/2025/3", "symbol"),
        _f("document.date", "Date of the document", "1 June 2025", "date"),
        _f("document.letters_date", "Date of the letters and statements", "15 June 2025", "date"),
        _f("document.job_number", "Job number (first footer)", "25-10315"),
        _f("document.original", "Original language", "English"),
    ),
)
_SITUATION = DetailSection(
    "situation",
    "Country and parties",
    (
        _f("situation.country.name", "Country, without article", "Sudan", required=True),
        _f("situation.country.article", "Article in running text (the / empty)", "the"),
        _f("situation.country.adjective", "Adjective", "Sudanese"),
        _f("situation.government", "Style of the Government", "transitional Government"),
        _f(
            "situation.representative",
            "Who addressed the Working Group",
            "Permanent Representative of the Sudan to the United Nations",
        ),
        _f(
            "situation.parties",
            "Parties to the conflict, one per line",
            "the armed forces",
            "lines",
        ),
    ),
)
_MEETING = DetailSection(
    "meeting",
    "Meeting, report and earlier texts",
    (
        _f("situation.meeting.date", "Meeting date", "31 March 2025", "date", required=True),
        _f("situation.meeting.kind", "Kind of meeting", "formal meeting"),
        _f("situation.meeting.number", "Meeting number", "74th"),
        _f("situation.report.ordinal", "Report ordinal", "fifth", required=True),
        _f("situation.report.symbol", "Report symbol", "S/2025/100", "symbol", required=True),
        _f("situation.report.date", "Report date", "3 February 2025", "date"),
        _f("situation.report.period_start", "Reporting period from", "1 January 2022", "date"),
        _f("situation.report.period_end", "Reporting period to", "31 December 2024", "date"),
        _f("situation.report.introduced_by", "Report introduced by", "the Special Representative"),
        _f(
            "situation.previous_conclusions",
            "Previous conclusions (symbol)",
            "S/AC.51/2023/3",
            "symbol",
        ),
        _f("situation.resolutions", "Resolutions, one per line", "2427 (2018)", "lines"),
    ),
)
_SIGNATORIES = DetailSection(
    "signatories",
    "Signatories of the letters",
    tuple(
        field
        for who, title in (("president", "President of the Council"), ("chair", "Chair"))
        for field in (
            _f(f"signatories.{who}.name", f"{title}: name", "Vanessa Frazier"),
            _f(f"signatories.{who}.title", f"{title}: title, if not the usual one", ""),
        )
    ),
)
_ANNEX = DetailSection(
    "annex",
    "Annex: the country's comments",
    (
        _f("annex.mission", "Mission", "Permanent Mission of Mali to the United Nations"),
        _f(
            "annex.comments",
            "Comments, pasted: paragraphs separated by a blank line",
            "",
            "paragraphs",
        ),
        _f("annex.place", "Place", "New York"),
        _f("annex.date", "Date", "12 June 2025", "date"),
    ),
    hint="Empty every field to remove the annex.",
)


def sections(
    data: Any, channels: Mapping[str, Channel], labels: Mapping[int, str] | None = None
) -> list[DetailSection]:
    """The sections of the details form for the draft ``data`` (plain or round-trip):
    one for each letter block (its addressees: those it has and one more) and each
    statement block (press release, later meeting). ``labels``: a block's label in
    the outline ("5"), to name its section."""
    out = [_DOCUMENT, _MEETING, _SITUATION, _SIGNATORIES]
    blocks = _at(data, ("blocks",))
    for index, block in enumerate(blocks if isinstance(blocks, list) else []):
        if not isinstance(block, Mapping):
            continue
        channel = channels.get(str(block.get("channel", "")))
        if channel is None or channel.kind not in ("letter", "statement"):
            continue
        where = f"paragraph {labels[index]}" if labels and index in labels else f"block {index + 1}"
        title = f"{channel.title} ({where})"
        base = f"blocks.{index}"
        if channel.kind == "statement":
            fields: tuple[DetailField, ...] = (
                _f(f"{base}.press_release", "Press release", "SC/15809", "symbol"),
                _f(f"{base}.meeting.date", "Agreed at a later meeting: date", "", "date"),
                _f(f"{base}.meeting.kind", "Later meeting: kind", "formal meeting"),
                _f(f"{base}.meeting.number", "Later meeting: number", "76th"),
            )
            out.append(DetailSection(f"block-{index}", title, fields))
            continue
        addressees = block.get("addressees")
        count = len(addressees) if isinstance(addressees, list) else 0
        fields = tuple(
            field
            for n in range(count + 1)
            for field in (
                _f(f"{base}.addressees.{n}.name", f"Addressee {n + 1}: name", "His Excellency"),
                _f(f"{base}.addressees.{n}.title", f"Addressee {n + 1}: title", "President"),
                _f(
                    f"{base}.addressees.{n}.address",
                    f"Addressee {n + 1}: address, one line each",
                    "New York",
                    "lines",
                ),
            )
        )
        hint = "Empty an addressee's fields to remove it; the last one adds another."
        out.append(DetailSection(f"block-{index}", title, fields, hint))
    out.append(_ANNEX)
    return out


#: the fields a draft may leave out, printed then as its locale says (LocaleDefaults)
_LOCALE_DEFAULTS = {
    "situation.government": "government",
    "situation.meeting.kind": "meeting_kind",
    "situation.report.introduced_by": "introduced_by",
    "document.original": "original",
}


def printed_defaults(data: Any, templates: Templates) -> dict[str, str]:
    """What each field the draft may leave out prints when empty (its language's
    locale), for the form to say so."""
    language = _at(data, ("document", "language"))
    locale = templates.locale(str(language) if language else "en")
    if locale is None:
        return {}
    return {key: str(getattr(locale.defaults, name)) for key, name in _LOCALE_DEFAULTS.items()}


def all_fields(found: Iterable[DetailSection]) -> list[DetailField]:
    return [field for section in found for field in section.fields]


# --- text and values --------------------------------------------------------------


def _at(data: Any, parts: tuple[str | int, ...]) -> Any:
    for part in parts:
        if isinstance(part, int):
            data = data[part] if isinstance(data, list) and part < len(data) else None
        else:
            data = data.get(part) if isinstance(data, Mapping) else None
        if data is None:
            return None
    return data


def text(field: DetailField, value: Any) -> str:
    """The form's text for a field's value as read (possibly unchecked)."""
    if value is None:
        return ""
    if field.kind in ("lines", "paragraphs") and isinstance(value, list):
        return ("\n\n" if field.kind == "paragraphs" else "\n").join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def texts(data: Any, fields: Iterable[DetailField]) -> dict[str, str]:
    """The form's text for every field, from the draft data."""
    return {field.key: text(field, _at(data, field.parts)) for field in fields}


def paragraphs(typed: str) -> list[str]:
    """The paragraphs of pasted text: split at blank lines, line breaks inside one folded
    to spaces."""
    return [" ".join(part.split()) for part in re.split(r"\n\s*\n", typed) if part.strip()]


def read(field: DetailField, typed: str) -> tuple[Any, str]:
    """(value, note) of a field's text: None for an empty field; the note says how a
    date prints. Raises ValueError saying why the text is refused."""
    stripped = typed.strip()
    if not stripped:
        if field.required:
            raise ValueError("required")
        return None, ""
    if field.kind == "date":
        date = parse_date(stripped)
        return date, f"→ {show_date(date)}"
    if field.kind == "symbol":
        if not SYMBOL_RE.match(stripped):
            raise ValueError(f"{stripped!r} is not a UN document symbol such as S/2022/856")
        return stripped, ""
    if field.kind == "lines":
        return [line.strip() for line in typed.splitlines() if line.strip()], ""
    if field.kind == "paragraphs":
        return paragraphs(typed), ""
    return stripped, ""


# --- writing --------------------------------------------------------------------------


def _order(key: str) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in key.split("."))


def _parts(key: str) -> tuple[str | int, ...]:
    return tuple(int(p) if p.isdigit() else p for p in key.split("."))


#: top-level fields removed when a form empties them (the others stay, even empty)
_REMOVABLE = {"annex"}


def path_of(key: str) -> str:
    """A field's name as ``Draft.review`` writes it: "blocks[2].press_release"."""
    return str(ItemPath.of(_parts(key)))


def _within(name: str, review: str) -> bool:
    """Whether the field ``name`` (as review writes it) is ``review`` or lies in it."""
    return name == review or name.startswith((review + ".", review + "["))


def reviewed(review: Iterable[str], changed: Iterable[str]) -> list[str]:
    """The names of ``review`` that the ``changed`` fields (dotted keys) settle: the
    field itself or a field within it ("signatories.president" by the president's
    name, "blocks[2].addressees" by an addressee's title)."""
    names = [path_of(key) for key in changed]
    return [r for r in review if any(_within(name, str(r)) for name in names)]


def to_review(review: Iterable[str], key: str) -> bool:
    """Whether the field ``key`` is listed in ``review`` (itself or a field it lies in)."""
    name = path_of(key)
    return any(_within(name, str(r)) for r in review)


def apply(data: Any, changes: Mapping[str, Any], wrap: Callable[[Any], Any] = lambda v: v) -> None:
    """Write ``changes`` (dotted field -> value; None removes the field) into the draft
    data in place. Mappings the changes leave empty go (an addressee, a block's later
    meeting, a signatory, the annex); a missing one is made (``wrap`` makes values and
    new mappings of the data's kind). The draft's ``review`` list is the session's to
    settle (:meth:`wgdraft.session.DraftSession.set_details`), as for every edit."""
    for key, value in changes.items():
        *parents, leaf = _parts(key)
        node = data
        for part, following in zip(parents, [*parents[1:], leaf], strict=True):
            node = _child(node, part, following, wrap, create=value is not None)
            if node is None:
                break
        else:
            if value is None:
                if isinstance(node, dict) and leaf in node:
                    del node[leaf]
            else:
                node[leaf] = _styled(wrap(value), node.get(leaf))
    for key in sorted(changes, key=_order, reverse=True):
        _prune(data, _parts(key)[:-1])


def _styled(new: Any, old: Any) -> Any:
    """A new list written in the style of the one it replaces (a one-line ``[a, b]``)."""
    flow = getattr(old, "fa", None) is not None and old.fa.flow_style()
    if flow and isinstance(new, list) and hasattr(new, "fa"):
        new.fa.set_flow_style()
    return new


def _child(node: Any, part: str | int, following: str | int, wrap: Any, create: bool) -> Any:
    if isinstance(part, int):
        if not isinstance(node, list):
            return None
        if part < len(node):
            return node[part]
        if not create or part != len(node):
            return None
        node.append(wrap({}))
        return node[part]
    if not isinstance(node, dict):
        return None
    if node.get(part) is None:
        if not create:
            return None
        node[part] = wrap([] if isinstance(following, int) else {})
    return node[part]


def _prune(data: Any, parents: tuple[str | int, ...]) -> None:
    """Remove the emptied mappings and lists along ``parents``, deepest first."""
    for depth in range(len(parents), 0, -1):
        path = parents[:depth]
        container = _at(data, path[:-1]) if depth > 1 else data
        node = _at(data, path)
        if node is None or (not isinstance(node, dict | list)) or len(node):
            return
        if depth == 1 and path[0] not in _REMOVABLE:
            return
        del container[path[-1]]


def problems(
    data: Any, changes: Mapping[str, Any], fields: Iterable[DetailField], file: Path | None
) -> dict[str, str]:
    """What is wrong with the draft once ``changes`` are applied, by the field of the
    form it concerns (a required field of an addressee, a signatory, the annex, a later
    meeting): problems elsewhere in the draft are not the form's to report."""
    from .draftfile import plain
    from .validation import validate

    candidate = copy.deepcopy(plain(data))
    apply(candidate, changes)
    by_path = {str(ItemPath.of(field.parts)): field.key for field in fields}
    try:
        validate(Draft, candidate, file)
    except WgdraftError as exc:
        found: dict[str, str] = {}
        for problem in exc.problems:
            key = _nearest(problem.field, by_path)
            if key is not None:
                found.setdefault(key, problem.message)
        return found
    return {}


def _nearest(field: str, by_path: Mapping[str, str]) -> str | None:
    """The form field a problem's field names, or the first form field within it
    ("blocks[3].addressees[1]" -> its name)."""
    if field in by_path:
        return by_path[field]
    return next((key for path, key in by_path.items() if path.startswith(field + ".")), None)
