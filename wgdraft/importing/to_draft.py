"""From an adopted text to a draft: every paragraph and item matched to the library.

:func:`import_file` reads a file (:func:`~wgdraft.importing.read_adopted`), reads the
situation from its title and paragraph 1 (:func:`~wgdraft.matching.read_situation`),
then matches paragraph by paragraph: paragraph 1 as ``opening.meeting``, the other
opening paragraphs as clauses, each recipient block's introductory formula as a channel
(a press release's "To ...:" line as a statement channel's addressees) and each item as
a clause. An item whose clause, rendered with the values read back, gives the text
again becomes a clause reference; any other stays free text, as written, with its
nearest clause in ``nearest:``. The draft is assembled before it is returned and every
item is compared with the text it came from, so no word is lost on the way.

:func:`write_draft` writes the draft data as YAML with a header saying where it came
from, atomically, never over an existing file unless told.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, WgdraftError
from ..itempath import ItemPath

if TYPE_CHECKING:
    from ..library import Library
    from ..matching import ChannelMatch, Match, Matcher
    from ..models import Channel, Draft
    from ..tree import Document
    from .adopted import Adopted, AdoptedItem, AdoptedParagraph

#: the similarity at or above which a free-text item counts as near agreed language
NEAR = 0.85

#: situation names a clause or channel may use without declaring them (models.Situation)
_SITUATION_TEXT = ("government", "previous_conclusions", "representative")
_SITUATION_LISTS = ("parties", "resolutions")

_RESOLUTION = re.compile(r"\b\d{3,4} \(\d{4}\)")
_RESOLUTION_LIST = re.compile(
    r"resolutions?\s+((?:\d{3,4} \(\d{4}\)(?:,\s*|,?\s+and\s+)?)+)", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ItemReport:
    """One item of the adopted text: where it went in the draft, its label as printed
    ("6 (c)", "To all parties 2"), its text and its best clause (None: none found)."""

    path: ItemPath
    label: str
    text: str
    match: Match | None

    @property
    def exact(self) -> bool:
        """Whether the item became a clause reference."""
        return self.match is not None and self.match.exact

    @property
    def similarity(self) -> float:
        return self.match.similarity if self.match is not None else 0.0


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a text the library covers: items, clause references, free text at
    or above :data:`NEAR` similarity to its nearest clause, and below."""

    items: int = 0
    exact: int = 0
    near: int = 0
    below: int = 0

    @classmethod
    def of(cls, reports: Iterable[ItemReport]) -> Coverage:
        items = exact = near = 0
        for report in reports:
            items += 1
            if report.exact:
                exact += 1
            elif report.similarity >= NEAR:
                near += 1
        return cls(items, exact, near, items - exact - near)

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.items + other.items,
            self.exact + other.exact,
            self.near + other.near,
            self.below + other.below,
        )

    @property
    def share(self) -> float:
        """The share of items that are clause references."""
        return self.exact / self.items if self.items else 0.0

    def __str__(self) -> str:
        return (
            f"{self.items} items, {self.exact} exact ({self.share:.0%}), "
            f"{self.near} free text >= {NEAR}, {self.below} below"
        )


@dataclass
class Imported:
    """A draft made from an adopted text."""

    #: the draft's YAML data (document, situation, opening, blocks, annex), valid as Draft
    data: dict[str, Any]
    #: dotted situation and document fields read from the text ("meeting.date")
    from_source: set[str]
    #: one per item, in document order
    items: list[ItemReport]
    #: the file it was read from
    source: Path | None = None
    #: "conclusions" or "statement" (a press release)
    kind: str = "conclusions"
    #: required situation fields the text does not give, filled with a stand-in to set
    missing: list[str] = field(default_factory=list)
    #: what was kept as read because the library could not express it, one line each
    notes: list[str] = field(default_factory=list)

    @property
    def coverage(self) -> Coverage:
        return Coverage.of(self.items)

    def draft(self) -> Draft:
        from ..models import Draft
        from ..validation import validate

        return validate(Draft, self.data, self.source)


def import_file(path: Path, library: Library) -> Imported:
    """Read an adopted text (TXT, DOCX, PDF) and make a draft of it; WgdraftError (one
    problem naming the file) for anything that is not a conclusions text or statement."""
    from . import read_adopted

    return import_adopted(read_adopted(path), library)


def import_adopted(adopted: Adopted, library: Library) -> Imported:
    """The draft of an adopted text already read."""
    return _Importer(adopted, library).run()


# --- building the draft --------------------------------------------------------------


def _plain(text: str) -> str:
    """Text as compared: white space normalized, the subparagraph punctuation off."""
    text = " ".join(text.split())
    text = re.sub(r"(?:;\s*and|[;.,:])\s*$", "", text)
    return text.rstrip()


def _same(a: str, b: str) -> bool:
    return _plain(a) == _plain(b)


def _names(text: str) -> list[str]:
    """ "A, B, C and D" as a list; a piece that only qualifies the one before it ("such
    as the White Army", "including affiliated groups") stays with it."""
    text = text.strip().rstrip(":").strip()
    head, sep, last = text.rpartition(" and ")
    pieces = [*head.split(", "), last] if sep else text.split(", ")
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        if out and re.match(r"(?:such as|including|as part of|formerly|notably)\b", piece):
            out[-1] += ", " + piece
        else:
            out.append(piece)
    return out


def _country(text: str | None) -> dict[str, Any] | None:
    """A country as printed in a title ("the Sudan") as the situation's mapping."""
    if not text:
        return None
    text = text.strip()
    article, _, name = text.partition(" ")
    if article.lower() == "the" and name:
        return {"name": name, "article": "the"}
    return {"name": text}


def _resolutions(texts: Iterable[str]) -> list[str]:
    """The resolutions listed in the resolutions paragraph ("1612 (2005), ...")."""
    for text in texts:
        found = _RESOLUTION_LIST.findall(text)
        if found:
            best = max(found, key=lambda listed: len(_RESOLUTION.findall(listed)))
            return _RESOLUTION.findall(best)
    return []


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _is_addressees(paragraph: AdoptedParagraph) -> bool:
    text = paragraph.text.strip()
    return paragraph.number is None and text.startswith("To ") and text.endswith(":")


def _block_name(addressees: str) -> str:
    """ "To all parties to armed conflict in Mali, ...:" -> "To all parties"."""
    text = addressees.strip()
    cut = re.search(r" (?:to|in) |[,:(]", text[3:])
    return text[: 3 + cut.start()] if cut else text.rstrip(":")


def _label(prefix: str, marker: str, index: int, statement: bool) -> str:
    if marker == "•" or not marker:
        return f"{prefix} {index + 1}"
    return f"{prefix} ({marker})"


class _Importer:
    """One import: the situation first, then the paragraphs, items and annex."""

    def __init__(self, adopted: Adopted, library: Library) -> None:
        self.adopted = adopted
        self.library = library
        self.file = adopted.source
        self.notes: list[str] = []
        self.missing: list[str] = []
        self.from_source: set[str] = set()

    # --- situation ----------------------------------------------------------------

    def situation(self) -> tuple[dict[str, Any], dict[str, Any], Match | None]:
        """The ``situation:`` and ``document:`` mappings, and paragraph 1's match."""
        from ..matching import read_situation

        a = self.adopted
        first = self._numbered_first()
        paragraph1 = first.text if first is not None else a.lead
        read = read_situation(self.library, a.title, paragraph1, a.symbol, a.date)
        self.from_source |= set(read.fields)
        situation = dict(read.situation)
        document = {k: v for k, v in read.document.items() if v is not None}
        if "symbol" not in document and a.symbol:
            document["symbol"] = a.symbol
            self.from_source.add("document.symbol")
        if "date" not in document and a.date:
            try:
                from ..dates import parse_date

                document["date"] = parse_date(a.date).isoformat()
                self.from_source.add("document.date")
            except ValueError:
                pass
        if not situation.get("country") or not situation["country"].get("name"):
            country = _country(a.country)
            if country is not None:
                situation["country"] = country
                self.from_source.add("country.name")
        opening = read.opening if first is not None else None
        return situation, document, opening

    def _numbered_first(self) -> AdoptedParagraph | None:
        """Paragraph 1 of a conclusions text, if the text has it."""
        for paragraph in self.adopted.paragraphs:
            if _is_addressees(paragraph):
                return None
            return paragraph if not paragraph.items else None
        return None

    def complete(self, situation: dict[str, Any], document: dict[str, Any]) -> dict[str, Any]:
        """Required situation fields the text does not give get a stand-in (listed in
        ``missing`` and in the file's header), so the draft is valid and can be opened."""
        stand_ins = (
            ("country", "name", "[country]"),
            ("meeting", "date", document.get("date") or "2000-01-01"),
            ("report", "ordinal", ""),
            ("report", "symbol", ""),
        )
        out = dict(situation)
        for key, name, stand_in in stand_ins:
            part = dict(out.get(key) or {})
            if part.get(name) in (None, ""):
                part[name] = stand_in
                self.missing.append(f"situation.{key}.{name}")
            out[key] = part
        return out

    # --- the whole import ------------------------------------------------------------

    def run(self) -> Imported:
        situation, document, opening = self.situation()
        situation = self.complete(situation, document)
        base = {"document": document, "situation": situation}
        # Situation names the items use but paragraph 1 does not give (the parties, the
        # resolutions, the Government's style) are read where they occur; the paragraphs
        # are then matched again with them, at most a few times.
        for _attempt in range(4):
            built = _Pass(self, base, opening).build()
            known = base["situation"]
            learned = {k: v for k, v in built.found.items() if not known.get(k)}
            if not learned:
                break
            base = {**base, "situation": {**known, **learned}}
            self.from_source |= set(learned)
        data = built.data
        draft = self._valid(data)
        reports = built.verify(draft)
        return Imported(
            data=data,
            from_source=self.from_source,
            items=reports,
            source=self.file,
            kind=self.adopted.kind,
            missing=list(dict.fromkeys(self.missing)),
            notes=self.notes + built.notes,
        )

    def _valid(self, data: dict[str, Any]) -> Draft:
        from ..models import Draft
        from ..validation import validate

        try:
            return validate(Draft, data, self.file)
        except WgdraftError as exc:  # a bug of import, said as such
            problems = "; ".join(
                p.message + (f" ({p.field})" if p.field else "") for p in exc.problems
            )
            raise WgdraftError(
                Problem(self.file, f"could not make a valid draft of this text: {problems}")
            ) from None


class _Pass:
    """One pass of matching every paragraph with a given situation."""

    def __init__(self, importer: _Importer, base: dict[str, Any], opening: Match | None):
        self.importer = importer
        self.library = importer.library
        self.adopted = importer.adopted
        self.base = base
        self.opening_match = opening
        self.notes: list[str] = []
        #: situation names read from the paragraphs (parties, resolutions, ...)
        self.found: dict[str, Any] = {}
        self.reports: list[ItemReport] = []
        #: the adopted text of each draft item, by path, for the check after assembly
        self.texts: dict[ItemPath, str] = {}
        self.data: dict[str, Any] = {}
        self.matcher = self._matcher(base)

    def _matcher(self, base: dict[str, Any]) -> Matcher:
        from ..matching import Matcher
        from ..models import Draft

        draft = Draft.model_validate(base)
        self.draft = draft
        return Matcher(self.library, draft)

    # --- items ------------------------------------------------------------------------

    def item(
        self, text: str, path: ItemPath, label: str, truncated: bool = False
    ) -> dict[str, Any]:
        """One item: a clause reference if its match is exact, else free text."""
        match = None if not text.strip() else self.matcher.match(text)
        self.reports.append(ItemReport(path, label, text, match))
        self.texts[path] = text
        self._learn(match)
        return self._as_item(text, match, truncated)

    def _as_item(self, text: str, match: Match | None, truncated: bool = False) -> dict[str, Any]:
        if match is not None and match.exact and not truncated:
            out: dict[str, Any] = {"clause": match.clause}
            if match.variant:
                out["variant"] = match.variant
            values = self._own_values(match.values)
            if values:
                out["values"] = values
            return out
        out = {"text": _free(text)}
        if match is not None:
            out["nearest"] = _nearest(match)
        return out

    def _own_values(self, values: dict[str, Any]) -> dict[str, Any]:
        """Values the item keeps: a situation name the situation already holds is left
        to the situation."""
        situation = self.base["situation"]
        return {
            k: v
            for k, v in values.items()
            if not ((k in _SITUATION_TEXT or k in _SITUATION_LISTS) and situation.get(k) == v)
        }

    def _learn(self, match: Match | ChannelMatch | None) -> None:
        """Situation names a match read back (the parties of a statement's intro, the
        resolutions of paragraph 3) go to the situation."""
        if match is None:
            return
        for name in (*_SITUATION_TEXT, *_SITUATION_LISTS):
            value = match.values.get(name)
            if value and not self.base["situation"].get(name):
                self.found.setdefault(name, value)

    def subitems(
        self, items: tuple[AdoptedItem, ...], path: ItemPath, prefix: str, statement: bool
    ) -> list[dict[str, Any]]:
        out = []
        for index, item in enumerate(items):
            item_path = path.item(index)
            label = _label(prefix, item.marker, index, statement)
            entry = self.item(item.text, item_path, label, item.truncated)
            if item.items:
                entry["items"] = self.subitems(item.items, item_path, label, statement)
            out.append(entry)
        return out

    # --- paragraphs and blocks ------------------------------------------------------

    def build(self) -> _Pass:
        a = self.adopted
        opening: list[dict[str, Any]] = []
        blocks: list[dict[str, Any]] = []
        number = 0
        first = self.importer._numbered_first()
        texts_for_resolutions: list[str] = []
        for paragraph in a.paragraphs:
            if _is_addressees(paragraph):
                blocks.append(self.statement_block(paragraph, len(blocks)))
                continue
            number = paragraph.number if paragraph.number is not None else number + 1
            if paragraph.items or paragraph.text.rstrip().endswith(":"):
                block = self.block(paragraph, len(blocks), str(number))
                if block is not None:
                    blocks.append(block)
                    continue
            path = ItemPath.opening(len(opening))
            if blocks:
                self.notes.append(
                    f"paragraph {number} follows the recipient blocks but is not one; "
                    "kept as free text among the opening paragraphs"
                )
            if paragraph is first and self.opening_match is not None:
                match = self.opening_match
                self.reports.append(ItemReport(path, str(number), paragraph.text, match))
                self.texts[path] = paragraph.text
                opening.append(self._as_item(paragraph.text, match, paragraph.truncated))
            else:
                texts_for_resolutions.append(paragraph.text)
                opening.append(self.item(paragraph.text, path, str(number), paragraph.truncated))
        if not self.base["situation"].get("resolutions"):
            resolutions = _resolutions(texts_for_resolutions)
            if resolutions:
                self.found.setdefault("resolutions", resolutions)
        data: dict[str, Any] = {
            "document": self.base["document"],
            "situation": self.base["situation"],
        }
        if opening:
            data["opening"] = opening
        if blocks:
            data["blocks"] = blocks
        annex = self.annex()
        if annex is not None:
            data["annex"] = annex
        self.data = data
        return self

    def block(self, paragraph: AdoptedParagraph, index: int, number: str) -> dict[str, Any] | None:
        """A recipient block: its intro as a channel, its items; None if no channel
        reads as its intro and it has no items (then it is an opening paragraph)."""
        found = self.matcher.match_channel(paragraph.text)
        if found is None:
            if not paragraph.items:
                return None
            self.notes.append(
                f"paragraph {number}: no channel of the library reads as its introductory "
                f"formula ({_short(paragraph.text)}); its items are kept in a council block"
            )
            channel, values = "council", {}
        else:
            self._learn(found)
            channel, values = found.channel, self._own_values(found.values)
            if not found.exact:
                self.notes.append(
                    f"paragraph {number}: its introductory formula is nearest to channel "
                    f"{found.channel!r} ({found.similarity:.2f}) but differs from it: "
                    f"{_short(paragraph.text)}"
                )
        path = ItemPath.block(index)
        if not paragraph.items:
            self.notes.append(
                f"paragraph {number}: the block has no items in the text (partial source)"
            )
        items = self.subitems(paragraph.items, path, number, statement=False)
        block: dict[str, Any] = {"channel": channel}
        if values:
            block["values"] = values
        block["items"] = items or [{"text": ""}]
        return block

    def statement_block(self, paragraph: AdoptedParagraph, index: int) -> dict[str, Any]:
        """A press release's "To ...:" block as the statement channel whose addressees
        line reads as it, with the parties it names."""
        channel, values, exact = self._addressees_channel(paragraph.text)
        if not exact:
            self.notes.append(
                f"{_block_name(paragraph.text)}: the addressees line differs from channel "
                f"{channel!r}'s ({_short(paragraph.text)})"
            )
        path = ItemPath.block(index)
        items = self.subitems(paragraph.items, path, _block_name(paragraph.text), statement=True)
        block: dict[str, Any] = {"channel": channel}
        if values:
            block["values"] = values
        if self.adopted.press_release:
            block["press_release"] = self.adopted.press_release
        block["items"] = items or [{"text": ""}]
        return block

    def _addressees_channel(self, line: str) -> tuple[str, dict[str, Any], bool]:
        """The statement channel whose ``statement.addressees`` renders closest to
        ``line``; the parties it names are read into the situation."""
        from ..matching import similarity

        best: tuple[float, str, dict[str, Any], bool] | None = None
        named = re.search(r",\s+(?:in particular|including)\s+(.*):\s*$", line)
        parties = _names(named.group(1)) if named else []
        for channel_id, channel in self.library.templates.channels.items():
            if channel.statement is None:
                continue
            tries: list[dict[str, Any]] = [{}]
            if parties and "parties" in channel.statement.addressees:
                tries.insert(0, {"parties": parties})
            for values in tries:
                rendered = self._addressees(channel, values)
                if rendered is None:
                    continue
                score = similarity(_plain(rendered), _plain(line))
                exact = _same(rendered, line)
                if best is None or (exact, score) > (best[3], best[0]):
                    best = (score, channel_id, values, exact)
        if best is None:
            raise WgdraftError(Problem(self.importer.file, "the library has no statement channel"))
        _score, channel_id, values, exact = best
        if "parties" in values and not self.base["situation"].get("parties"):
            self.found.setdefault("parties", values["parties"])
            values = {}
        elif self.base["situation"].get("parties") == values.get("parties"):
            values = {}
        return channel_id, values, exact

    def _addressees(self, channel: Channel, values: dict[str, Any]) -> str | None:
        from ..assemble import situation_context
        from ..templating import normalize_space, render

        assert channel.statement is not None
        context = situation_context(self.draft) | values
        try:
            return normalize_space(render(channel.statement.addressees, context))
        except Exception:  # a template that needs what this situation lacks
            return None

    def annex(self) -> dict[str, Any] | None:
        """The country's comments, carried as supplied; the closing line "New York,
        26 May 2023" as place and date."""
        annex = self.adopted.annex
        if annex is None or not annex.comments:
            return None
        out: dict[str, Any] = {
            "mission": annex.mission or "",
            "comments": list(annex.comments),
        }
        if annex.closing:
            place, _, when = annex.closing.rpartition(",")
            try:
                from ..dates import parse_date

                date = parse_date(when.strip())
            except ValueError:
                self.notes.append(
                    f"annex: the closing line {annex.closing!r} is not a place and date"
                )
            else:
                out["place"] = place.strip()
                out["date"] = date.isoformat()
        return out

    # --- the check after assembly ------------------------------------------------------

    def verify(self, draft: Draft) -> list[ItemReport]:
        """Assemble the draft and compare every clause item's text with the text it came
        from; a clause item that prints otherwise becomes free text (so no word changes)
        and the report says so."""
        from ..assemble import assemble

        document = assemble(draft, self.library)
        printed = _printed(document)
        reports = []
        for report in self.reports:
            text = printed.get(report.path)
            if report.exact and text is not None and not _same(text, report.text):
                self.notes.append(
                    f"{report.label}: clause {report.match.clause if report.match else '?'} "
                    "read as exact but prints otherwise; kept as free text"
                )
                self._demote(report)
                report = ItemReport(report.path, report.label, report.text, _inexact(report.match))
            reports.append(report)
        return reports

    def _demote(self, report: ItemReport) -> None:
        node = report.path.get(self.data)
        children = node.get("items")
        node.clear()
        node.update(self._as_item(report.text, _inexact(report.match)))
        if children:
            node["items"] = children


def _printed(document: Document) -> dict[ItemPath, str]:
    return {path: node.text for path, node in document.by_path().items()}


def _inexact(match: Match | None) -> Match | None:
    if match is None:
        return None
    from dataclasses import replace

    return replace(match, exact=False)


def _free(text: str) -> str:
    """An item's text as free text: as written, white space normalized."""
    return " ".join(text.split())


def _nearest(match: Match) -> dict[str, Any]:
    out: dict[str, Any] = {"clause": match.clause}
    if match.variant:
        out["variant"] = match.variant
    out["similarity"] = round(float(match.similarity), 3)
    return out


def _short(text: str, length: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1] + "…"


# --- writing -------------------------------------------------------------------------


def default_output(source: Path) -> Path:
    """Where ``wgdraft import FILE`` writes without ``-o``: ``<stem>.yaml`` in the
    current folder (the source's folder may be a download folder or read-only)."""
    return Path(source.stem + ".yaml")


def header(imported: Imported) -> str:
    """The comment at the top of an imported draft: where it came from, how much of it
    the library covers, and what to fill in."""
    source = imported.source.name if imported.source is not None else "an adopted text"
    lines = [
        f"Imported from {source} by `wgdraft import` on {dt.date.today().isoformat()}.",
        f"Items: {imported.coverage}.",
        "Free-text items keep their nearest library clause in `nearest:` (never printed).",
    ]
    if imported.missing:
        lines.append("Not in the source, to fill in: " + ", ".join(imported.missing) + ".")
    lines += imported.notes
    return "".join(f"# {line}\n" for line in lines)


def write_draft(imported: Imported, path: Path, overwrite: bool = False) -> Path:
    """Write the draft to ``path`` (YAML through the draft writer), with a header
    comment saying where it was imported from. The file appears whole or not at all;
    an existing file is refused unless ``overwrite``."""
    import os
    import secrets

    from .. import draftfile
    from ..atomic import create_file, write_text

    imported.draft()  # never write a draft that does not validate
    text = header(imported) + draftfile.dumps(_yaml_data(imported.data))
    if overwrite:
        write_text(path, text)
        return path
    if path.exists() or path.is_symlink():
        raise _exists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    create_file(tmp, text.encode("utf-8"))
    try:
        os.link(tmp, path)  # fails, changing nothing, if the name was taken meanwhile
    except FileExistsError:
        raise _exists(path) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _exists(path: Path) -> WgdraftError:
    return WgdraftError(
        Problem(path, "already exists; give another name with -o, or --force to replace it")
    )


#: the draft fields that are dates (written as YAML dates, not quoted text)
_DATE_FIELDS = {
    ("document", "date"),
    ("document", "letters_date"),
    ("situation", "meeting", "date"),
    ("situation", "report", "period_start"),
    ("situation", "report", "period_end"),
    ("annex", "date"),
}


def _yaml_data(value: Any, at: tuple[str, ...] = ()) -> Any:
    """Plain data for the writer, the model's date fields as dates."""
    if isinstance(value, dict):
        return {k: _yaml_data(v, (*at, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml_data(v, at) for v in value]
    if at in _DATE_FIELDS and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
