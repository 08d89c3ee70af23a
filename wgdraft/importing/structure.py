"""From lines to the structure of an adopted text: masthead, numbered paragraphs, section
headings, lettered subparagraphs and (i) items, the annex; for a press release the
lead-in and each addressee block with its bullets or lettered items.

Reading goes in three steps: the lines of each part (a corpus file may hold the opening
of the conclusions and the Chair's statement, each after an ``=== PART`` marker) are cut
into units, one per label or paragraph (in wrapped text a line without a label continues
the unit before it); the units before the body make the masthead; the rest nest into
paragraphs and items."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from ..tree import roman
from .adopted import Adopted, AdoptedAnnex, AdoptedItem, AdoptedParagraph
from .repair import (
    REAL_SYMBOL,
    SYMBOL,
    is_furniture,
    join_wrapped,
    repair_split_words,
    restore_hyphens,
    tidy,
)
from .sources import Line, Source

_HEADER = re.compile(r"^#\s*([\w -]+?)\s*:\s*(.*)$")
_PART = re.compile(r"^===\s*PART\s+([A-Z])\b:?\s*(.*?)\s*===\s*$")
_NOT_RETRIEVED = re.compile(r"^\[\.\.\.[^\]]*not retrieved[^\]]*\]$")
_ANNOTATION = re.compile(r"^\[[^\]]*\]\s*(.*)$")  # "[reliefweb rendering continues:] ..."
_CONTINUATION = re.compile(r"^(?:\.\.\.|…)\s*(\S.*)$")  # "...the completion of the plan"
_NUMBER = re.compile(r"^(\d{1,3})\.(?:\s+(.*)|$)")
_LETTER = re.compile(r"^\(([a-z]{1,6})\)\s*(.*)$|^([a-z])[.)]\s+(.*)$")
_BULLET = re.compile(r"^([•·▪◦●‣∙])\s*(.*)$|^([-–—])(?:\s+(.*))?$")
_SECTION_NUMBER = re.compile(r"^[IVX]+\.\s+(?=To\b)")
_INLINE_ITEMS = re.compile(r"(?<=[:;])\s*(?=[a-z]\)\s?[a-z])")
_GLUED_LABEL = re.compile(r"^([a-z]\))(?=[a-z])")  # "b)to immediately stop": "b) to ..."
_PRESS = re.compile(r"^SC/\d{4,6}$")
_MONTHS = "|".join(calendar.month_name[1:])  # the English original being read
_DATE = re.compile(rf"\b\d{{1,2}} (?:{_MONTHS}) \d{{4}}\b")
_DATE_LINE = re.compile(rf"^\d{{1,2}} (?:{_MONTHS})(?: \d{{4}})?$")
_CLOSING = re.compile(rf"^[A-Z][\w .'’-]{{1,40}}, \d{{1,2}} (?:{_MONTHS}) \d{{4}}\.?$")
_ANNEX = re.compile(r"^Annex(?:\s+[IVX\d]+)?\s*\**$")
_COUNTRY = re.compile(
    r"[Aa]rmed [Cc]onflict in ((?:the )?[A-Z][\w'’-]*(?: (?:of the |of |and )?[A-Z][\w'’-]*)*)"
)
_ADDRESSED = re.compile(r"\bmessages? to (.*)")
_TERMINAL = (".", ";", ":", "!", "?", '"', "”", "’", ")")


@dataclass
class _Unit:
    """One labelled or unlabelled paragraph, before nesting."""

    kind: str  # "number" | "letter" | "roman" | "bullet" | "text" | "annex"
    marker: str
    lines: list[str]
    truncated: bool = False
    indent: int = 0
    soft: bool = False  # begun only because a sentence ended at the end of a line

    @property
    def text(self) -> str:
        return join_wrapped(self.lines)

    def ended(self) -> bool:
        return self.text.endswith(_TERMINAL)


@dataclass
class _Part:
    kind: str | None  # "conclusions" | "statement" | None (not said)
    lines: list[Line] = field(default_factory=list)


@dataclass
class _Block:
    number: int | None
    text: str
    heading: str | None = None
    truncated: bool = False
    items: list[_Item] = field(default_factory=list)

    def freeze(self) -> AdoptedParagraph:
        return AdoptedParagraph(
            self.number, self.text, tuple(i.freeze() for i in self.items), self.heading,
            self.truncated,
        )  # fmt: skip


@dataclass
class _Item:
    marker: str
    text: str
    truncated: bool = False
    items: list[_Item] = field(default_factory=list)

    def freeze(self) -> AdoptedItem:
        return AdoptedItem(
            self.marker, self.text, tuple(i.freeze() for i in self.items), self.truncated
        )


@dataclass
class _Reading:
    """What one part yields."""

    kind: str
    title: str | None = None
    symbol: str | None = None
    date: str | None = None
    country: str | None = None
    press_release: str | None = None
    lead: str | None = None
    blocks: list[_Block] = field(default_factory=list)
    annex: AdoptedAnnex | None = None
    truncated: bool = False


def parse(source: Source) -> Adopted:
    """The structure of the text in ``source`` (whatever its shape; `reader` judges it)."""
    meta: dict[str, str] = {}
    parts: list[_Part] = [_Part(None)]
    for line in source.lines:
        stripped = line.text.strip()
        if source.format == "txt" and not parts[-1].lines and (m := _HEADER.match(stripped)):
            key = m.group(1).strip().lower()
            meta[key] = f"{meta[key]} | {m.group(2)}" if key in meta else m.group(2)
            continue
        if m := _PART.match(stripped):
            description = m.group(2).lower()
            kind = "statement" if "statement" in description or m.group(1) == "B" else None
            parts.append(_Part(kind or "conclusions"))
            continue
        parts[-1].lines.append(line)
    readings = [_read_part(part, source) for part in parts if _has_text(part)]
    conclusions = [r for r in readings if r.kind == "conclusions"]
    statements = [r for r in readings if r.kind == "statement"]
    first = conclusions[0] if conclusions else statements[0] if statements else _Reading("")
    press = statements[0] if statements else None
    blocks = [block for reading in conclusions + statements for block in reading.blocks]
    annex = first.annex
    comments = list(annex.comments) if annex else []
    lead = [press.lead] if press and press.lead else []
    texts = _texts(blocks) + comments
    if source.wrapped:
        texts = repair_split_words(texts)
    repaired = iter(restore_hyphens(texts + lead))
    blocks = [_replace_texts(block, repaired) for block in blocks]
    if annex:
        annex = replace(annex, comments=tuple(next(repaired) for _ in comments))
    lead_text = next(repaired) if lead else None
    return Adopted(
        source=source.path,
        format=source.format,
        kind="conclusions" if conclusions else "statement",
        title=first.title or (press.title if press and not conclusions else None),
        symbol=first.symbol or (press.symbol if press else None),
        date=first.date or (press.date if press else None),
        country=first.country or (press.country if press else None),
        paragraphs=tuple(block.freeze() for block in blocks),
        annex=annex,
        press_release=press.press_release if press else None,
        lead=lead_text,
        meta=meta,
        truncated=any(r.truncated for r in readings),
    )


def _has_text(part: _Part) -> bool:
    return any(line.text.strip() for line in part.lines)


def _texts(blocks: list[_Block]) -> list[str]:
    out: list[str] = []

    def walk(items: list[_Item]) -> None:
        for item in items:
            out.append(item.text)
            walk(item.items)

    for block in blocks:
        out.append(block.text)
        walk(block.items)
    return out


def _replace_texts(block: _Block, it: Iterator[str]) -> _Block:
    block.text = next(it)

    def walk(items: list[_Item]) -> None:
        for item in items:
            item.text = next(it)
            walk(item.items)

    walk(block.items)
    return block


# -- units -------------------------------------------------------------------------------


def _units(lines: list[Line], wrapped: bool) -> tuple[list[_Unit], list[_Unit], bool]:
    """The units of a part before its annex, those of the annex, and whether the part
    says it is partial."""
    content = [line for line in lines if line.text.strip() and not is_furniture(line.text.strip())]
    lengths = sorted(len(line.text.strip()) for line in content)
    width = lengths[int(len(lengths) * 0.9)] if lengths else 80
    units: list[_Unit] = []
    annex: list[_Unit] | None = None
    truncated = False
    previous = ""
    pending_bullet: str | None = None
    for line in content:
        target = annex if annex is not None else units
        raw = line.text.rstrip()
        stripped = raw.strip()
        indent = len(raw) - len(raw.lstrip())
        if _NOT_RETRIEVED.match(stripped):
            truncated = True
            if target:
                target[-1].truncated = True
            previous = ""
            continue
        if (m := _ANNOTATION.match(stripped)) and not _LETTER.match(stripped):
            stripped = m.group(1).strip()
            if not stripped:
                continue
            if target and _splice(target[-1], stripped):
                previous = stripped
                continue
            target.append(_Unit("text", "", [stripped], indent=indent))
            previous = stripped
            continue
        if annex is None and _ANNEX.match(stripped) and units:
            annex = [_Unit("annex", "", [stripped.rstrip("*").strip()])]
            previous = stripped
            continue
        pieces = [stripped] if wrapped else _INLINE_ITEMS.split(stripped)
        for index, piece in enumerate(pieces):
            piece = _SECTION_NUMBER.sub("", piece)
            if index:
                piece = _GLUED_LABEL.sub(r"\1 ", piece)
            current = target[-1] if target else None
            label = _label(piece, line.hint)
            if (
                label
                and wrapped
                and line.hint is None
                and current is not None
                and not _plausible(label, current, target, previous, width)
            ):
                label = None
            if label:
                kind, marker, rest = label
                if kind == "bullet" and not rest and not wrapped:
                    pending_bullet = marker
                    continue
                target.append(_Unit(kind, marker, [rest] if rest else [], indent=indent))
            elif pending_bullet is not None:
                target.append(_Unit("bullet", pending_bullet, [piece], indent=indent))
                pending_bullet = None
            elif (
                wrapped
                and current is not None
                and _continues(current, piece, indent, previous, width, annex is not None)
            ):
                if current.ended() and piece[:1].isupper() and current.kind != "annex":
                    # a sentence ended with the line: the next sentence, or a heading
                    target.append(_Unit("text", "", [piece], indent=indent, soft=True))
                else:
                    current.lines.append(piece)
            else:
                target.append(_Unit("text", "", [piece], indent=indent))
            previous = piece
    return _settle(units), _settle(annex or []), truncated


def _splice(unit: _Unit, text: str) -> bool:
    """Join to ``unit`` the continuation another rendering gives of it, where the unit is
    cut off inside a sentence (perhaps inside a word: "the hope that the completion o") and
    the continuation takes it up again with an ellipsis and the same words ("...the
    completion of the action plan"): the words both hold are counted once. A continuation
    that repeats no words of the unit (at least two, eight characters) is left alone."""
    found = _CONTINUATION.match(text)
    if not found or not unit.lines or unit.kind == "annex":
        return False
    rest = found.group(1)
    words = unit.text.split(" ")
    for n in range(min(len(words) - 1, _OVERLAP_WORDS), 1, -1):
        tail = " ".join(words[-n:])
        if len(tail) >= 8 and rest.startswith(tail):
            unit.lines = [" ".join(words[:-n]), rest]
            return True
    return False


#: the most words a continuation is looked for repeating of the text it continues
_OVERLAP_WORDS = 12


def _settle(units: list[_Unit]) -> list[_Unit]:
    """Soft units joined back to the unit before them, unless they are a heading."""
    out: list[_Unit] = []
    for index, unit in enumerate(units):
        following = units[index + 1] if index + 1 < len(units) else None
        if unit.soft and out and not _heading_shape(unit.text, following):
            out[-1].lines.extend(unit.lines)
            out[-1].truncated = unit.truncated
        else:
            out.append(unit)
    return out


def _heading_shape(text: str, following: _Unit | None) -> bool:
    """A short line without final punctuation, before a paragraph or an addressee line."""
    if len(text) > 120 or text.endswith((*_TERMINAL[:4], ",")) or not text[:1].isupper():
        return False
    if following is None:
        return False
    return following.kind in ("number", "annex") or (
        following.kind == "text" and following.text.startswith("To ")
    )


def _label(text: str, hint: str | None) -> tuple[str, str, str] | None:
    """(kind, marker, rest) of a labelled line: "4." -> number, "(a)" -> letter (or roman:
    decided in context), "•"/"-" -> bullet."""
    if m := _NUMBER.match(text):
        return "number", m.group(1), (m.group(2) or "").strip()
    if m := _LETTER.match(text):
        marker = m.group(1) or m.group(3)
        rest = (m.group(2) if m.group(1) else m.group(4)) or ""
        kind = "roman" if hint == "roman" else "letter"
        return kind, marker, rest.strip()
    if m := _BULLET.match(text):
        rest = (m.group(2) if m.group(1) else m.group(4)) or ""
        return "bullet", "•", rest.strip()
    return None


def _plausible(
    label: tuple[str, str, str], current: _Unit, units: list[_Unit], previous: str, width: int
) -> bool:
    """In wrapped text, whether a label at the start of a line begins a paragraph rather
    than continuing one ("(b) of resolution 1882" wrapped to the start of a line): the
    unit before must have ended, or its last line be short, and the label follow on."""
    kind, marker, rest = label
    if kind == "bullet":
        return bool(rest)  # a dash alone at the start of a line may be a split hyphen
    if kind == "number":
        numbers = [int(u.marker) for u in units if u.kind == "number"]
        if not numbers:  # the first paragraph, after the masthead
            return current.kind == "text" or marker == "1"
    ended = current.ended() or len(previous) < 0.6 * width
    if not ended:
        return False
    if kind == "number":
        return int(marker) == numbers[-1] + 1
    if kind == "letter":
        if current.kind in ("letter", "roman") or any(u.kind == "letter" for u in units[-40:]):
            return True
        return marker in ("a", "i")
    return True


def _continues(
    current: _Unit, line: str, indent: int, previous: str, width: int, in_annex: bool
) -> bool:
    """In wrapped text, whether an unlabelled line continues the unit before it."""
    if current.kind == "annex":
        return False
    if in_annex and (_CLOSING.match(line) or line.startswith("Permanent Mission")):
        return False
    if indent >= 2:  # headings and titles are indented in text extracted from UN PDFs
        return False
    if previous.endswith("-"):
        return True
    return len(previous) >= 0.6 * width


# -- nesting -------------------------------------------------------------------------------


def _read_part(part: _Part, source: Source) -> _Reading:
    units, annex_units, truncated = _units(part.lines, source.wrapped)
    kind = part.kind or _guess_kind(units)
    reading = _Reading(kind, truncated=truncated)
    body = _masthead(units, reading)
    _nest(body, reading)
    if reading.country is None:  # from the first addressee, "To all parties ... in Haiti:"
        for block in reading.blocks[:3]:
            if m := _COUNTRY.search(block.text):
                reading.country = m.group(1)
                break
    if annex_units:
        reading.annex = _annex(annex_units)
    return reading


def _guess_kind(units: list[_Unit]) -> str:
    if any(u.kind == "number" for u in units[:12]) and not any(
        _PRESS.match(u.text) for u in units[:5]
    ):
        return "conclusions"
    if any(_PRESS.match(u.text) or u.text.startswith("To ") for u in units):
        return "statement"
    if not any(u.kind == "number" for u in units) and any(u.kind == "letter" for u in units):
        return "statement"  # a message with its subparagraphs (a letter)
    return "conclusions"


def _masthead(units: list[_Unit], reading: _Reading) -> list[_Unit]:
    """Read the masthead (symbol, date, title, country; for a press release its number,
    headline and lead-in) from the units before the body; return the body."""
    start = 0
    for index, unit in enumerate(units):
        text = unit.text
        if unit.kind != "text" or text.startswith("To "):
            break
        if reading.kind == "statement" and _is_lead(unit, units[index + 1 :]):
            following = units[index + 1] if index + 1 < len(units) else None
            if not (  # "The following statement ... was issued ...:" before the lead-in
                following is not None
                and following.kind == "text"
                and not following.text.startswith("To ")
                and _is_lead(following, units[index + 2 :])
                and "meeting" in following.text
                and "meeting" not in text
            ):
                reading.lead = text
                start = index + 1
                break
        if reading.kind == "conclusions" and (
            len(text) > 150 or (len(text) > 60 and text.endswith((".", ";")))
        ):
            break
        start = index + 1
        if _PRESS.match(text):
            reading.press_release = text
            continue
        if symbol := REAL_SYMBOL.search(text):
            reading.symbol = reading.symbol or symbol.group(0)
        if SYMBOL.fullmatch(text) or text.startswith("United Nations"):
            continue
        if _DATE_LINE.match(text) or text.startswith("Distr"):
            if date := _DATE.search(text):
                reading.date = reading.date or date.group(0)
            continue
        if m := re.search(r"\bConclusions on\b.*", text):
            title = re.sub(r"\s*[(\[].*$", "", m.group(0)).strip()
            reading.title = title
            continue
        if reading.kind == "statement" and reading.title is None:
            reading.title = text
        if reading.date is None and (date := _DATE.search(text)):
            reading.date = date.group(0)
    # the message's addressees name the statement's country where the report names
    # another ("... report ... in the Sudan ..., to address the following message to all
    # the parties to the armed conflict in South Sudan ...")
    addressed = _ADDRESSED.search(reading.lead or "")
    for text in [reading.title or "", addressed.group(1) if addressed else "", reading.lead or ""]:
        if m := _COUNTRY.search(text):
            reading.country = m.group(1)
            break
    return units[start:]


def _is_lead(unit: _Unit, rest: list[_Unit]) -> bool:
    """A press release's lead-in: the first long paragraph naming the Working Group that
    ends as a sentence does (a headline does not), or the last before the body."""
    text = unit.text
    if len(text) <= 100 or "Working Group" not in text:
        return False
    return (
        text.endswith((":", ",", ".", ";")) or unit.truncated or not rest or rest[0].kind != "text"
    )


def _nest(units: list[_Unit], reading: _Reading) -> None:
    """Paragraphs with their items, from the body's units."""
    blocks = reading.blocks
    heading: str | None = None
    for index, unit in enumerate(units):
        text = unit.text
        following = units[index + 1] if index + 1 < len(units) else None
        block = blocks[-1] if blocks else None
        if unit.kind == "text" and _is_heading(unit, following, blocks):
            heading = text
            continue
        if unit.kind == "number" and (
            reading.kind == "conclusions" or block is None or not _opens(block)
        ):
            blocks.append(_Block(int(unit.marker), text, heading, unit.truncated))
            heading = None
            continue
        if unit.kind == "text" and (
            reading.kind == "conclusions" or text.endswith(":") or text.startswith("To ")
            or block is None or not _opens(block)
        ):  # fmt: skip
            blocks.append(_Block(None, text, heading, unit.truncated))
            heading = None
            continue
        if block is None or (
            unit.kind == "bullet" and reading.kind == "conclusions" and not _opens(block)
        ):
            blocks.append(
                _Block(None, "" if unit.kind != "bullet" else text, heading, unit.truncated)
            )
            heading = None
            if unit.kind == "bullet":
                continue
            block = blocks[-1]
        _add_item(block, unit)


def _opens(block: _Block) -> bool:
    """Whether a paragraph is an introductory formula that items follow."""
    text = block.text
    if block.items:  # open until a labelled item ends the list with a full stop
        last = block.items[-1]
        return not (last.marker and last.text.endswith("."))
    return text.endswith(":") or text.startswith("To ") or not text


def _is_heading(unit: _Unit, following: _Unit | None, blocks: list[_Block]) -> bool:
    text = unit.text
    if not blocks or len(text) > 120 or text.endswith(_TERMINAL[:4]) or text.endswith(","):
        return False
    if not text[:1].isupper() or following is None:
        return False
    return following.kind == "number" or (
        following.kind == "text" and following.text.startswith("To ")
    )


def _add_item(block: _Block, unit: _Unit) -> None:
    marker = unit.marker if unit.kind != "text" else ""
    item = _Item(marker, unit.text, unit.truncated)
    last = block.items[-1] if block.items else None
    if unit.kind in ("letter", "roman") and last is not None and _is_roman(unit, last):
        last.items.append(item)
        return
    block.items.append(item)


def _is_roman(unit: _Unit, last: _Item) -> bool:
    """Whether an "(i)"-like label nests under the lettered item before it: the Word list
    says so, or the item before ends in ":" or is itself followed by (i), (ii)..."""
    if unit.kind == "roman":
        return True
    marker = unit.marker
    if not re.fullmatch(r"[ivxl]+", marker):
        return False
    if last.items:
        return marker == roman(_roman_value(last.items[-1].marker) + 1)
    if marker == "i" and last.text.endswith(":"):
        return True
    expected = chr(ord(last.marker) + 1) if len(last.marker) == 1 and last.marker.isalpha() else ""
    return marker != expected and marker != "i"


def _roman_value(marker: str) -> int:
    for n in range(1, 60):
        if roman(n) == marker:
            return n
    return 0


def _annex(units: list[_Unit]) -> AdoptedAnnex:
    heading = units[0].text if units else None
    mission: str | None = None
    titles: list[str] = []
    comments: list[str] = []
    closing: str | None = None
    for unit in units[1:]:
        text = unit.text
        if unit.kind in ("bullet", "letter", "number"):
            comments.append(text)
        elif _CLOSING.match(text):
            closing = text
        elif comments:
            comments[-1] = tidy(comments[-1] + " " + text)
        elif mission is None and not titles and text.startswith("Permanent Mission"):
            mission = text
        else:
            titles.append(text)
    return AdoptedAnnex(heading, mission, " ".join(titles) or None, tuple(comments), closing)
