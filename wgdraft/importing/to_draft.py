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
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, WgdraftError
from ..itempath import ItemPath

if TYPE_CHECKING:
    from ..library import Library
    from ..matching import ChannelMatch, Match, Matcher
    from ..models import Draft
    from ..sentences import Composition
    from ..tree import Document
    from .adopted import Adopted, AdoptedItem, AdoptedParagraph

#: the similarity at or above which a free-text item counts as near agreed language
NEAR = 0.85

#: situation names a clause or channel may use without declaring them (models.Situation)
_SITUATION_TEXT = ("government", "previous_conclusions", "representative")
_SITUATION_LISTS = ("parties", "resolutions")

#: the words that open a piece of a list of names qualifying the name before it
_QUALIFIER = r"(?:such as|including|as part of|formerly|notably|also known as)\b"
#: How many partial choices of an addressees line's forms are kept at each step.
_BEAM = 6
_RESOLUTION = re.compile(r"\b\d{3,4} \(\d{4}\)")
_LEAD_SYMBOL = re.compile(r"\((?:document )?(S/\d{4}/\d+)\)")
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
    #: the source stops inside this item ("[... rest not retrieved ...]"): exact then
    #: means that its clause prints the words the source holds
    truncated: bool = False
    #: the item read sentence by sentence, where that reads it better than one clause
    composition: Composition | None = None

    @property
    def exact(self) -> bool:
        """Whether the item became a clause reference (or sentence clauses, each one)."""
        if self.composition is not None:
            return self.composition.exact
        return self.match is not None and self.match.exact

    @property
    def similarity(self) -> float:
        if self.composition is not None:
            return self.composition.similarity
        return self.match.similarity if self.match is not None else 0.0


@dataclass(frozen=True, slots=True)
class FramingReport:
    """One element of a text's framing, which a channel prints rather than a clause: a
    press release's lead-in (``kind`` "lead"), a "To ...:" addressees line
    ("addressees") or a recipient block's introductory formula ("formula"); its label as
    printed ("lead-in", "To all parties", "paragraph 6 formula"), its text, the channel
    nearest to it and what that channel prints."""

    kind: str
    label: str
    text: str
    #: the channel read (None: the library has none that prints it)
    channel: str | None
    exact: bool
    similarity: float
    rendered: str
    #: its place in document order: the number of items (:class:`ItemReport`) before it
    position: int
    #: whether the draft carries it: a lead-in no statement block reads is only measured
    carried: bool = True


#: the order of framing elements that stand at the same place: the lead-in first
_FRAMING_ORDER = {"lead": 0, "addressees": 1, "formula": 2}


@dataclass(frozen=True, slots=True)
class Coverage:
    """How much of a text the library covers: items (clause items and framing), exact
    (clause references, framing its channel prints), free text at or above
    :data:`NEAR` similarity to its nearest clause or channel, and below; ``framing`` and
    ``framing_exact`` say how many of those are framing."""

    items: int = 0
    exact: int = 0
    near: int = 0
    below: int = 0
    framing: int = 0
    framing_exact: int = 0

    @classmethod
    def of(cls, reports: Iterable[ItemReport | FramingReport]) -> Coverage:
        items = exact = near = framing = framing_exact = 0
        for report in reports:
            items += 1
            if isinstance(report, FramingReport):
                framing += 1
                framing_exact += report.exact
            if report.exact:
                exact += 1
            elif report.similarity >= NEAR:
                near += 1
        return cls(items, exact, near, items - exact - near, framing, framing_exact)

    def __add__(self, other: Coverage) -> Coverage:
        return Coverage(
            self.items + other.items,
            self.exact + other.exact,
            self.near + other.near,
            self.below + other.below,
            self.framing + other.framing,
            self.framing_exact + other.framing_exact,
        )

    @property
    def share(self) -> float:
        """The share of items that are exact."""
        return self.exact / self.items if self.items else 0.0

    @property
    def framing_line(self) -> str:
        """ "2 items, 1 exact": the framing counted."""
        return f"{self.framing} item{'' if self.framing == 1 else 's'}, {self.framing_exact} exact"

    def __str__(self) -> str:
        text = (
            f"{self.items} items, {self.exact} exact ({self.share:.0%}), "
            f"{self.near} free text >= {NEAR}, {self.below} below"
        )
        if self.framing:
            text += f"; of which framing: {self.framing_line}"
        return text


@dataclass
class Imported:
    """A draft made from an adopted text."""

    #: the draft's YAML data (document, situation, opening, blocks, annex), valid as Draft
    data: dict[str, Any]
    #: dotted situation and document fields read from the text ("meeting.date")
    from_source: set[str]
    #: one per clause item, in document order
    items: list[ItemReport]
    #: the file it was read from
    source: Path | None = None
    #: "conclusions" or "statement" (a press release)
    kind: str = "conclusions"
    #: required situation fields the text does not give, filled with a stand-in to set
    missing: list[str] = field(default_factory=list)
    #: what was kept as read because the library could not express it, one line each
    notes: list[str] = field(default_factory=list)
    #: the lead-in (once), each addressees line and each block's introductory formula,
    #: in document order
    framing: list[FramingReport] = field(default_factory=list)

    @property
    def coverage(self) -> Coverage:
        """The clause items and the framing counted together."""
        return Coverage.of([*self.items, *self.framing])

    def in_order(self) -> list[ItemReport | FramingReport]:
        """Every item and framing element in document order."""
        out: list[ItemReport | FramingReport] = []
        framing = iter(self.framing)
        pending = next(framing, None)
        for index, item in enumerate(self.items):
            while pending is not None and pending.position <= index:
                out.append(pending)
                pending = next(framing, None)
            out.append(item)
        if pending is not None:
            out += [pending, *framing]
        return out

    def draft(self) -> Draft:
        from ..models import Draft
        from ..validation import validate

        return validate(Draft, self.data, self.source)


def import_file(path: Path, library: Library) -> Imported:
    """Read an adopted text (TXT, DOCX, PDF) and make a draft of it; WgdraftError (one
    problem naming the file) for anything that is not a conclusions text or statement."""
    from .reader import read_adopted

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


def _final_mark(text: str) -> str:
    """The punctuation an item ends with (";", ".", "; and"), as :func:`_plain` drops it."""
    stripped = text.rstrip()
    return stripped[len(_plain(stripped)) :]


def _read_length(values: dict[str, Any], forms: Iterable[str]) -> int:
    """How much text ``values`` read into names and text parameters (not ``forms``)."""
    return sum(
        len(value) if isinstance(value, str) else sum(len(str(v)) for v in value)
        for name, value in values.items()
        if name not in forms and isinstance(value, str | list)
    )


def _stray_words(values: dict[str, Any], texts: Iterable[str]) -> int:
    """How much text the ``texts`` parameters read that does not end as words introducing
    names do ("non-State armed groups, such as"): a name's own words read as them."""
    return sum(
        len(value)
        for name in texts
        if isinstance(value := values.get(name), str)
        and value
        and not re.search(rf"\b{_QUALIFIER}$", value)
    )


def _same(a: str, b: str) -> bool:
    return _plain(a) == _plain(b)


def _same_line(a: str, b: str) -> bool:
    """The same words and punctuation, the final colon included (an addressees line)."""
    return a.split() == b.split()


def _names(text: str) -> list[str]:
    """ "A, B, C and D" as a list; a piece that only qualifies the one before it ("such
    as the White Army", "including affiliated groups") stays with it."""
    text = text.strip().rstrip(":").strip()
    head, sep, last = text.rpartition(" and ")
    pieces = [*head.split(", "), last] if sep else text.split(", ")
    out: list[str] = []
    for piece in pieces:
        piece = piece.strip().rstrip(",").strip()
        if not piece:
            continue
        if out and re.match(_QUALIFIER, piece):
            out[-1] += ", " + piece
        else:
            out.append(piece)
    return out


def _regroup(parties: list[str]) -> list[str]:
    """Names split at every comma put together again where a piece only qualifies the
    one before it ("Ansar Eddine", "as part of JNIM"); the last piece stays, as the
    list's last separator printed before it."""
    out: list[str] = []
    for index, piece in enumerate(parties):
        last = index == len(parties) - 1
        if out and not last and re.match(_QUALIFIER, piece):
            out[-1] += ", " + piece
        else:
            out.append(piece)
    return out


def _named_parties(text: str, naming: Iterable[str]) -> list[str]:
    """The parties a block's intro or addressees line names after the words that name
    them (``naming``, as the channels print them: "in particular", "including", ...)."""
    words = "|".join(re.escape(w) for w in sorted(naming, key=len, reverse=True))
    named = re.search(rf",\s+(?:{words})\s+(.*?):?\s*$", text) if words else None
    if named is None:
        return []
    return _names(named.group(1).replace(", as well as ", " and "))


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
    lists = [
        _RESOLUTION.findall(listed) for text in texts for listed in _RESOLUTION_LIST.findall(text)
    ]
    return max(lists, key=len, default=[])


def _deep_merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _is_addressees(paragraph: AdoptedParagraph) -> bool:
    """A press release's addressee line: unnumbered, "To ...", ending with a colon or
    followed by its messages (some releases print it without the colon)."""
    text = paragraph.text.strip()
    return (
        paragraph.number is None
        and text.startswith("To ")
        and (text.endswith(":") or bool(paragraph.items))
    )


def _block_name(addressees: str) -> str:
    """ "To all parties to armed conflict in Mali, ...:" -> "To all parties"."""
    text = addressees.strip()
    cut = re.search(r" (?:to|in) |[,:(]", text[3:])
    return text[: 3 + cut.start()] if cut else text.rstrip(":")


def _label(prefix: str, marker: str, index: int, statement: bool) -> str:
    if marker == "•" or not marker or marker.isdigit():
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
        #: the words before the parties a channel names (``_Pass.naming_words``)
        self.naming: frozenset[str] | None = None

    # --- situation ----------------------------------------------------------------

    def situation(self) -> tuple[dict[str, Any], dict[str, Any], Match | None]:
        """The ``situation:`` and ``document:`` mappings, and paragraph 1's match."""
        from ..matching import read_situation

        a = self.adopted
        first = self._numbered_first()
        paragraph1 = first.text if first is not None else a.lead
        statement = first is None  # a press release: its lead-in, not paragraph 1
        title = None if statement else a.title
        read = read_situation(self.library, title, paragraph1, a.symbol, a.date)
        situation = dict(read.situation)
        fields = set(read.fields)
        if statement:  # a lead-in says the meeting and the report, no more
            kept = {"country", "meeting", "report"}
            situation = {k: v for k, v in situation.items() if k in kept}
            meeting = situation.get("meeting")
            if isinstance(meeting, dict) and " on " in str(meeting.get("kind") or ""):
                # "At its thirty-fourth meeting on 5 October 2012" (no comma) reads as kind
                from ..dates import parse_date

                kind, _, when = str(meeting["kind"]).partition(" on ")
                try:
                    date = parse_date(when).isoformat()
                except ValueError:
                    date = None
                if date is not None and not meeting.get("date"):
                    situation["meeting"] = {**meeting, "kind": kind, "date": date}
                    fields.add("meeting.date")
            if isinstance(situation.get("report"), dict):
                situation["report"] = {
                    k: v for k, v in situation["report"].items() if k in ("ordinal", "symbol")
                }
            fields = {f for f in fields if f.split(".")[0] in kept}
            fields -= {
                f
                for f in fields
                if f.startswith("report.") and f.split(".")[1] not in ("ordinal", "symbol")
            }
            if a.country:
                situation.pop("country", None)
                fields = {f for f in fields if not f.startswith("country")}
            report = situation.get("report")
            found = _LEAD_SYMBOL.search(a.lead or "")
            if found and not (isinstance(report, dict) and report.get("symbol")):
                # a lead-in of another shape than opening.meeting's: the report is the
                # first document it names ("... in Sri Lanka (S/2006/1006)")
                situation["report"] = {**(report or {}), "symbol": found.group(1)}
                fields.add("report.symbol")
        self.from_source |= fields
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
        """Paragraph 1 of a conclusions text, if the text has it (a press release alone
        has none: its lead-in says the meeting and the report)."""
        if self.adopted.kind == "statement" and self.adopted.lead:
            return None
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
            ("report", "ordinal", "[ordinal]"),
            ("report", "symbol", "S/YYYY/NNN"),
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
        kept: dict[str, Match] = {}
        for _attempt in range(4):
            built = _Pass(self, base, opening, kept).build()
            known = base["situation"]
            learned: dict[str, Any] = {}
            for key, value in built.found.items():
                if isinstance(value, dict):
                    given = known.get(key) or {}
                    new = {  # a stand-in (complete) is not given
                        k: v
                        for k, v in value.items()
                        if not given.get(k) or f"situation.{key}.{k}" in self.missing
                    }
                    if new:
                        learned[key] = new
                        self.from_source |= {f"{key}.{k}" for k in new}
                        read = {f"situation.{key}.{k}" for k in new}
                        self.missing = [m for m in self.missing if m not in read]
                elif not known.get(key):
                    learned[key] = value
                    self.from_source.add(key)
            if not learned:
                break
            base = {**base, "situation": _deep_merge(known, learned)}
            kept = self._unaffected(built.reports, learned)
        data = built.data
        draft = self._valid(data)
        reports = built.verify(draft)
        return Imported(
            data=data,
            from_source=self.from_source,
            items=reports,
            source=self.file,
            kind=self.adopted.kind,
            missing=list(dict.fromkeys(self.missing + built.unfilled)),
            notes=self.notes + built.notes,
            framing=sorted(built.framing, key=lambda f: (f.position, _FRAMING_ORDER[f.kind])),
        )

    def _unaffected(self, reports: list[ItemReport], learned: dict[str, Any]) -> dict[str, Match]:
        """The exact matches of a pass whose clauses use none of the situation names
        just learned: they hold in the next pass as they are (by item text)."""
        names = [f"{k}.{n}" for k, v in learned.items() if isinstance(v, dict) for n in v]
        names += [k for k, v in learned.items() if not isinstance(v, dict)]
        kept: dict[str, Match] = {}
        for report in reports:
            match = report.match
            if match is None or not match.exact or report.truncated:
                continue
            clause = self.library.clauses.get(match.clause)
            if clause is None:
                continue
            bodies = " ".join([clause.body, *clause.variants.values(), *clause.items])
            if not any(name in bodies for name in names):
                kept[report.text] = match
        return kept

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

    def __init__(
        self,
        importer: _Importer,
        base: dict[str, Any],
        opening: Match | None,
        kept: dict[str, Match] | None = None,
    ):
        self.importer = importer
        #: exact matches of the previous pass that the situation learned since leaves as
        #: they are, by item text
        self.kept = kept or {}
        self.library = importer.library
        self.adopted = importer.adopted
        self.base = base
        self.opening_match = opening
        self.notes: list[str] = []
        #: the values of cut-off items that the source stops before (item paths)
        self.unfilled: list[str] = []
        #: situation names read from the paragraphs (parties, resolutions, ...)
        self.found: dict[str, Any] = {}
        self.reports: list[ItemReport] = []
        #: the lead-in, addressees lines and introductory formulas read, as reported
        self.framing: list[FramingReport] = []
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
        if text in self.kept:
            return self.add(path, label, text, self.kept[text], truncated)
        match = None if not text.strip() else self.matcher.match(text)
        if truncated and text.strip() and not self._prints_begun(match, text):
            match = self._begun(text) or match
        if match is not None and not match.exact and self._respaced(match, text):
            self.notes.append(
                f"{label}: words the source runs together or splits are spaced as clause "
                f"{match.clause} prints them"
            )
            text, match = match.rendered + _final_mark(text), _exact(match)
        self._learn(match)
        self._situation_names(text, match)
        if match is None or not match.exact:  # a paragraph of sentence clauses, perhaps
            from ..sentences import read_composed

            composed = read_composed(text, self.matcher, match, truncated)
            if composed is not None:
                text = self._composed_spacing(composed, text, label)
                self.reports.append(ItemReport(path, label, text, match, truncated, composed))
                self.texts[path] = text
                return {"sentences": composed.data()}
        return self.add(path, label, text, match, truncated)

    def _composed_spacing(self, composed: Composition, text: str, label: str) -> str:
        """The text of a paragraph read sentence by sentence, spaced as its sentence
        clauses print it where only the spacing differs (an extraction's "violations of
        ." for "violations of."), as :meth:`_respaced` does for an item."""
        printed = " ".join(
            part.match.rendered if part.match and part.exact and not part.cut else part.text
            for part in composed.parts
        )
        if printed == text or "".join(printed.split()) != "".join(text.split()):
            return text
        self.notes.append(
            f"{label}: words the source spaces otherwise are spaced as the sentence "
            "clauses print them"
        )
        return printed

    def _respaced(self, match: Match, text: str) -> bool:
        """Whether the clause prints the item's very letters and marks, only spaced
        otherwise: words an extraction ran together ("newrecruitments") or split."""
        return "".join(_plain(match.rendered).split()) == "".join(
            _plain(text).split()
        ) and self._complete(match)

    def _prints_begun(self, match: Match | None, text: str) -> bool:
        return match is not None and (
            match.exact or (_begins(match.rendered, text) and self._reached(match, text))
        )

    def _reached(self, match: Match, text: str) -> bool:
        """Whether the match, for an item cut off in the source, gives every parameter
        its clause needs that the text reaches: a value it stops before (a law's
        adoption date) is left to the drafter (:meth:`_unreached`)."""
        return self._complete(match) or not any(
            f"[{name}]" in " ".join(_plain(match.rendered).split()[: len(text.split())])
            for name in self._missing(match)
        )

    def _missing(self, match: Match) -> list[str]:
        """The parameters the match leaves without a value that its clause needs."""
        clause = self.library.clauses.get(match.clause)
        if clause is None:
            return []
        scope = self.draft.values
        return [
            name
            for name, p in clause.params.items()
            if p.default is None and name not in match.values and name not in scope
        ]

    def _unreached(self, path: ItemPath, label: str, text: str, match: Match) -> Match:
        """For an item cut off in the source whose clause is kept: a value read that the
        source stops before (a choice after the cut) is left to its default; the values
        it needs and stops before are to fill in (``missing``; `wgdraft check` names
        them at the item); a value it stops inside is said in a note."""
        from dataclasses import replace

        from ..assemble import preview_with_placeholders

        clause = self.library.clauses[match.clause]
        for name in list(match.values):
            if name not in clause.params or clause.params[name].default is None:
                continue
            values = {k: v for k, v in match.values.items() if k != name}
            try:
                shown = preview_with_placeholders(
                    self.library, match.clause, self.draft, values, match.variant
                )
            except WgdraftError:  # a situation value only the items give, say
                continue
            if _begins(shown, text):
                match = replace(match, values=values, rendered=shown)
        for name in self._missing(match):
            self.unfilled.append(f"{path}.values.{name}")
        ours, theirs = _plain(match.rendered).split(), _plain(text).split()
        if ours[len(theirs) - 1] == theirs[-1]:
            return match  # cut between words
        for name, value in match.values.items():
            if isinstance(value, str) and _plain(text).endswith(value):
                self.notes.append(
                    f"{label}: the source stops inside the value of {name!r} ({value!r}); "
                    "complete it"
                )
        return match

    def _begun(self, text: str) -> Match | None:
        """For an item cut off in the source: of the clauses (those sharing its words
        first), the nearest whose rendering begins with the words it holds and has every
        value it needs; None if no clause does."""
        matcher = self.matcher
        items = {cid for cid, c in self.library.clauses.items() if c.form == "item"}
        ranked = matcher.index.lookup(_plain(text), len(items))
        ids = ranked + sorted(items - set(ranked))
        best: Match | None = None
        for clause_id in ids:
            match = matcher.match_clause(clause_id, text)
            if match is None or not self._prints_begun(match, text):
                continue
            if best is None or match.similarity > best.similarity:
                best = match
        return best

    def add(
        self, path: ItemPath, label: str, text: str, match: Match | None, truncated: bool
    ) -> dict[str, Any]:
        """Record an item's report and return its draft data. A cut-off item whose
        clause prints the words it holds, and goes on, is that clause (as the
        examples made from the corpus do)."""
        if (
            truncated
            and match is not None
            and not match.exact
            and _begins(match.rendered, text)
            and self._reached(match, text)
        ):
            match = self._unreached(path, label, text, _exact(match))
        self.reports.append(ItemReport(path, label, text, match, truncated))
        self.texts[path] = text
        return self._as_item(text, match)

    def _complete(self, match: Match) -> bool:
        """Whether the match gives every parameter its clause needs (a cut-off item may
        stop before one)."""
        clause = self.library.clauses.get(match.clause)
        if clause is None:
            return False
        scope = self.draft.values
        return all(
            p.default is not None or name in match.values or name in scope
            for name, p in clause.params.items()
        )

    def _as_item(self, text: str, match: Match | None) -> dict[str, Any]:
        if match is not None and match.exact:
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
            if name == "parties" and isinstance(value, list):
                value = _regroup(value)
            if value and not self.base["situation"].get(name):
                self.found.setdefault(name, value)

    def _situation_names(self, text: str, match: Match | None) -> None:
        """A situation name (the previous conclusions, the Government's style) that the
        nearest clause uses but the situation lacks, read from between the clause's
        fixed words; the next pass matches with it."""
        if match is None or match.exact:
            return
        from ..assemble import preview_with_placeholders

        clause = self.library.clauses.get(match.clause)
        if clause is None:
            return
        body = clause.variants.get(match.variant or "", clause.body)
        situation = self.draft.situation
        markers = {
            name: f"\ue000s{index}\ue001"
            for index, name in enumerate(_SITUATION_TEXT)
            if not getattr(situation, name) and name in body
        }
        update: dict[str, Any] = dict(markers)
        if not situation.country.adjective and "country.adjective" in body:
            markers["adjective"] = "\ue000adj\ue001"
            update["country"] = situation.country.model_copy(
                update={"adjective": markers["adjective"]}
            )
        if not markers:
            return
        probe = self.draft.model_copy(update={"situation": situation.model_copy(update=update)})
        # the values as read, then with the choices at their defaults (a citation read
        # as "none" because the situation had no symbol to cite)
        # the values as read, and with each choice in turn (a citation read as "none"
        # because the situation had no symbol to cite); the form with the most fixed
        # words first, so "(document {{ x }})" is tried before "({{ x }})"
        tries = [match.values] + [
            {**match.values, name: choice}
            for name, p in clause.params.items()
            for choice in p.choices or ()
            if match.values.get(name) != choice
        ]
        forms = []
        for values in tries:
            try:
                forms.append(
                    preview_with_placeholders(
                        self.library, match.clause, probe, values, match.variant
                    )
                )
            except (WgdraftError, ValueError):
                continue
        forms.sort(
            key=lambda form: -len([m for m in markers.values() if m in form]) * 10**6 - len(form)
        )
        for rendered in forms:
            pattern = re.escape(_plain(rendered))
            for name, marker in markers.items():
                pattern = pattern.replace(re.escape(marker), f"(?P<{name}>.+?)", 1)
            found = re.fullmatch(pattern, _plain(text))
            if found is None:
                continue
            for name, value in found.groupdict().items():
                if not value:
                    continue
                if name == "adjective":
                    self.found.setdefault("country", {})["adjective"] = value
                else:
                    self.found.setdefault(name, value)
            return

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
            if self._lead_addresses(paragraph):
                blocks.append(self.lead_block(paragraph, len(blocks), str(number)))
                continue
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
                if not match.exact:  # another clause may say more (opening.follow-up-report)
                    other = self.matcher.match(paragraph.text)
                    match = other if other is not None and other.exact else match
                opening.append(
                    self.add(path, str(number), paragraph.text, match, paragraph.truncated)
                )
            else:
                texts_for_resolutions.append(paragraph.text)
                opening.append(self.item(paragraph.text, path, str(number), paragraph.truncated))
        if not a.paragraphs and self._lead_addresses(None):  # the lead-in alone
            from .adopted import AdoptedParagraph

            blocks.append(self.lead_block(AdoptedParagraph(None, ""), 0, "1"))
        if a.lead and not any(f.kind == "lead" for f in self.framing):
            self._unread_lead(a.lead)
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
        if found is not None and self._probe(found.channel, found.values, False) is None:
            found = None  # a formula the channel cannot print with the values read
        if found is None or not found.exact:
            mine = self._best_channel(paragraph.text)
            if mine is not None and (mine[2] or found is None):
                from ..matching import ChannelMatch, similarity

                channel_id, values, exact = mine
                rendered = self._probe(channel_id, values, False) or ""
                score = similarity(_plain(rendered), _plain(paragraph.text))
                found = ChannelMatch(channel_id, values, exact, score, rendered)
        if found is None:
            return None
        else:
            if found.exact or found.similarity >= NEAR:
                self._learn(found)
            channel, values = found.channel, self._own_values(found.values)
            # a block printed without introductory text (older press releases whose
            # lead-in names the addressees) has no formula to report: the lead carries it
            if paragraph.text.strip():
                self.framing.append(
                    FramingReport(
                        "formula",
                        f"paragraph {number} formula",
                        paragraph.text,
                        found.channel,
                        found.exact,
                        found.similarity,
                        found.rendered,
                        len(self.reports),
                    )
                )
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
        statement = self.library.templates.channels[channel].statement is not None
        if self.adopted.kind == "statement" and self.adopted.lead and statement:
            values = values | self._lead_forms(self.adopted.lead, channel, None, path)
        block: dict[str, Any] = {"channel": channel}
        if values:
            block["values"] = values
        block["items"] = items or [{"text": ""}]
        return block

    def statement_block(self, paragraph: AdoptedParagraph, index: int) -> dict[str, Any]:
        """A press release's "To ...:" block as the statement channel whose addressees
        line reads as it, with the parties it names."""
        channel, values, exact = self._addressees_channel(paragraph.text)
        self.framing.append(self._addressees_report(paragraph.text, channel, values, exact))
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
        meeting = self._statement_meeting()
        if meeting is not None:
            block["meeting"] = meeting
        if self.adopted.lead:
            block_values = block.setdefault("values", {})
            block_values |= self._lead_forms(self.adopted.lead, channel, meeting, path)
            if not block_values:
                del block["values"]
        block["items"] = items or [{"text": ""}]
        return block

    def _lead_addresses(self, paragraph: AdoptedParagraph | None) -> bool:
        """Whether ``paragraph`` (None: the lead-in alone) is the message of an older
        press release whose lead-in names the addressees: a block without introductory
        text in a release with no "To ...:" line."""
        a = self.adopted
        if a.kind != "statement" or not a.lead:
            return False
        if paragraph is not None and paragraph.text.strip():
            return False
        return not any(_is_addressees(p) for p in a.paragraphs)

    def lead_block(self, paragraph: AdoptedParagraph, index: int, number: str) -> dict[str, Any]:
        """The message of a press release whose lead-in names the addressees ("... to
        address the following message to all parties to the armed conflict in ...:"), as
        the statement channel whose lead reads as it: its forms say whom it addresses, so
        the statement prints no "To ...:" line."""
        from ..matching import similarity

        lead = self.adopted.lead or ""
        best: tuple[bool, float, float, str] | None = None
        for channel_id, spec in self.library.templates.channels.items():
            if spec.statement is None:
                continue
            found = self.matcher.read_lead(lead, channel_id)
            # of leads read as well, the channel whose addressees are most like the lead's
            addressees = self._probe(channel_id, {}, True) or ""
            near = similarity(_plain(addressees), _plain(lead))
            key = (found.exact, found.similarity, near, channel_id)
            if best is None or key[:3] > best[:3]:
                best = key
        assert best is not None  # a library without statement channels has no lead-ins
        channel = best[3]
        path = ItemPath.block(index)
        if not paragraph.items:
            self.notes.append(
                f"paragraph {number}: the message has no items in the text (partial source)"
            )
        items = self.subitems(paragraph.items, path, number, statement=True)
        block: dict[str, Any] = {"channel": channel}
        if self.adopted.press_release:
            block["press_release"] = self.adopted.press_release
        values = self._lead_forms(lead, channel, None, path)
        if values:
            block["values"] = values
        block["items"] = items or [{"text": ""}]
        return block

    def _lead_forms(
        self, lead: str, channel: str, meeting: dict[str, Any] | None, block: ItemPath
    ) -> dict[str, Any]:
        """The forms of the press release's lead-in (meeting named, "address" or
        "convey", ...) as the statement channel's values; a note where no form of
        templates/correspondence.yaml statement_lead prints it exactly. Every statement
        block reads the lead; the first reading is reported (it stands before ``block``)."""
        from ..models import Meeting

        agreed = Meeting.model_validate(meeting) if meeting is not None else None
        found = self.matcher.read_lead(lead, channel, agreed)
        values = self._lead_names(found.values)
        if any(f.kind == "lead" for f in self.framing):
            return values
        self.framing.append(
            FramingReport(
                "lead",
                "lead-in",
                lead,
                channel,
                found.exact,
                found.similarity,
                found.rendered,
                self._first_position(block),
            )
        )
        if not found.exact:
            self.notes.append(
                f"the lead-in differs from every form of the statement lead; nearest "
                f"({found.similarity:.0%}): {_short(found.rendered)}"
            )
        return values

    def _lead_names(self, values: dict[str, Any]) -> dict[str, Any]:
        """A lead's reading without the situation's names it gave (the parties it
        addresses, the resolutions it cites, the report's date, the meeting's number and
        date), which go to the situation."""
        from ..dates import parse_date

        values = dict(values)
        parties = values.pop("parties", None)
        if parties and not self.base["situation"].get("parties"):
            self.found.setdefault("parties", parties)
        resolutions = values.pop("resolutions", None)
        if resolutions and not self.base["situation"].get("resolutions"):
            self.found.setdefault("resolutions", resolutions)
        number = values.pop("meeting.number", None)
        if number and not self.base["situation"]["meeting"].get("number"):
            self.base["situation"]["meeting"]["number"] = number
        report_date = values.pop("report.date", None)
        if report_date is not None:
            self.found.setdefault("report", {})["date"] = report_date.isoformat()
        ordinal = values.pop("report.ordinal", None)
        if ordinal and "situation.report.ordinal" in self.importer.missing:
            # a lead-in of another shape than opening.meeting's ("After the examination
            # of the ninth report ...") gives the ordinal only as the lead reads it
            self.base["situation"]["report"]["ordinal"] = ordinal
            self.importer.missing.remove("situation.report.ordinal")
            self.importer.from_source.add("report.ordinal")
        meeting_date = values.pop("meeting.date", None)
        if meeting_date and "situation.meeting.date" in self.importer.missing:
            # a lead-in that gives the day and month only ("on 26 November"): the year
            # stays to be filled in; the report's year stands in for it
            symbol = _LEAD_SYMBOL.search(self.adopted.lead or "")
            year = symbol.group(1).split("/")[1] if symbol else "2000"
            for text in (meeting_date, f"{meeting_date} {year}"):
                try:
                    date = parse_date(text)
                except ValueError:
                    continue
                self.base["situation"]["meeting"]["date"] = date.isoformat()
                break
        return values

    def _first_position(self, block: ItemPath) -> int:
        """The place in document order where a block begins: before its first item."""
        for index, report in enumerate(self.reports):
            if report.path.parts[: len(block.parts)] == block.parts:
                return index
        return len(self.reports)

    def _unread_lead(self, lead: str) -> None:
        """A lead-in that no statement block reads (the text's blocks were read as other
        channels, or it has none): measured against the statement lead of each statement
        channel, reported as not carried by the draft, so it counts and is never exact."""
        best = None
        for channel_id, channel in self.library.templates.channels.items():
            if channel.statement is None:
                continue
            found = self.matcher.read_lead(lead, channel_id)
            if best is None or found.similarity > best.similarity:
                best = found
        self.framing.append(
            FramingReport(
                "lead",
                "lead-in",
                lead,
                best.channel if best is not None else None,
                False,
                best.similarity if best is not None else 0.0,
                best.rendered if best is not None else "",
                0 if self.adopted.kind == "statement" else len(self.reports),
                carried=False,
            )
        )

    def _addressees_report(
        self, line: str, channel: str, values: dict[str, Any], exact: bool
    ) -> FramingReport:
        """A "To ...:" line as reported: what the channel prints with the values read,
        and how near that is."""
        from ..matching import similarity

        rendered = self._probe(channel, values, True) or ""
        score = 1.0 if exact else similarity(_plain(rendered), _plain(line))
        return FramingReport(
            "addressees",
            _block_name(line),
            line,
            channel,
            exact,
            score,
            rendered,
            len(self.reports),
        )

    def _statement_meeting(self) -> dict[str, Any] | None:
        """The meeting that agreed a press release, where its lead-in names one other
        than the conclusions' ("At its seventy-sixth meeting, on 18 December 2018")."""
        from ..matching import read_situation

        lead = self.adopted.lead
        if not lead or self.importer._numbered_first() is None:
            return None  # a release alone: its meeting is the situation's
        meeting = read_situation(self.library, None, lead).situation.get("meeting")
        if not isinstance(meeting, dict) or not meeting.get("date"):
            return None
        if str(meeting["date"]) == str(self.base["situation"]["meeting"].get("date")):
            return None
        return meeting

    def naming_words(self) -> frozenset[str]:
        """The words before the parties a channel names ("in particular", "including",
        "i.e."), read from its intro and addressees line as each of its forms prints them
        (one party, a marker): the words after the comma before it."""
        from ..models import STATEMENT_LEAD_FORMS

        if self.importer.naming is not None:
            return self.importer.naming
        mark = "\ue000named\ue001"
        words: set[str] = set()
        for channel_id, channel in self.library.templates.channels.items():
            if "parties" not in channel.params:
                continue
            forms: list[dict[str, Any]] = [{}]
            for name, param in channel.params.items():
                if param.type.name == "choice" and name not in STATEMENT_LEAD_FORMS:
                    forms += [{name: choice} for choice in param.choices or []]
            for values in forms:
                for addressees in (False, True):
                    printed = self._probe(channel_id, {**values, "parties": [mark]}, addressees)
                    before, found, _ = (printed or "").partition(mark)
                    phrase = before.rpartition(", ")[2].strip()
                    if found and phrase[:1].islower():
                        words.add(phrase)
        self.importer.naming = frozenset(words)
        return self.importer.naming

    def _addressees_channel(self, line: str) -> tuple[str, dict[str, Any], bool]:
        """The statement channel whose addressees line reads as ``line``."""
        found = self._best_channel(line, addressees=True)
        if found is None:
            raise WgdraftError(Problem(self.importer.file, "the library has no statement channel"))
        return found

    def _situation_as_party(self, values: dict[str, Any]) -> bool:
        """Whether a line was read as a party named alone ("To <party>:") whose name holds
        the situation's country: a line such as "To all parties to armed conflicts in
        <country>" that no other form prints, not a party's name."""
        if values.get("addressees_to") != "parties":
            return False
        country = str((self.base["situation"].get("country") or {}).get("name") or "")
        parties = values.get("parties") or self.base["situation"].get("parties") or []
        return bool(country) and any(country in str(party) for party in parties)

    def _best_channel(
        self, text: str, addressees: bool = False
    ) -> tuple[str, dict[str, Any], bool] | None:
        """The channel whose introductory formula (or, for a press release's "To ...:"
        line, whose statement addressees) renders closest to ``text``, each tried with
        the situation's values, the parties the text names, and the parameters'
        examples. The parties it names go to the situation."""
        from ..matching import similarity

        best: tuple[bool, float, int, str, dict[str, Any]] | None = None
        parties = _named_parties(text, self.naming_words())
        for channel_id, channel in self.library.templates.channels.items():
            if addressees and channel.statement is None:
                continue
            tries: list[dict[str, Any]] = [{}]
            if parties and ("parties" in channel.params or addressees):
                tries.insert(0, {"parties": parties})
            read = self._invert(channel_id, text, addressees)
            if read:
                tries.insert(0, read)
            if addressees:
                forms = self._addressees_forms(channel_id, text, parties)
                if forms:
                    tries.insert(0, forms)
            for values in tries:
                rendered = self._probe(channel_id, values, addressees)
                if rendered is None:
                    continue
                exact = _same_line(rendered, text) if addressees else _same(rendered, text)
                if exact and addressees and self._situation_as_party(values):
                    exact = False  # any line reads as one party named alone
                score = similarity(_plain(rendered), _plain(text))
                # ties go to the least text read as names ("Government", not "the
                # Government of Mali" as a party)
                said = -_read_length(
                    values,
                    (n for n, p in channel.params.items() if p.type.name not in ("names", "text")),
                )
                if best is None or (exact, score, said) > best[:3]:
                    best = (exact, score, said, channel_id, values)
        if best is None:
            return None
        exact, score, _read, channel_id, values = best
        values = dict(values)
        if not exact and score < NEAR:  # names read from a formula that is not this one
            values.pop("parties", None)
        situation = self.base["situation"]
        for name in _SITUATION_TEXT:
            if name in values:
                value = values.pop(name)
                if exact and not situation.get(name):
                    self.found.setdefault(name, value)
        if "parties" in values:
            if not situation.get("parties"):
                self.found.setdefault("parties", values["parties"])
                del values["parties"]
            elif situation.get("parties") == values["parties"]:
                del values["parties"]
        return channel_id, values, exact

    def _addressees_forms(self, channel_id: str, text: str, parties: list[str]) -> dict[str, Any]:
        """The forms of a statement channel's addressees line (its ``addressees_*``
        choice, yes/no and number parameters) that print ``text`` closest, with the
        names read back: each form tried in turn, the best few choices kept."""
        from ..matching import similarity

        channel = self.library.templates.channels[channel_id]
        forms: dict[str, list[Any]] = {}
        for name, param in channel.params.items():
            if not name.startswith("addressees_"):
                continue
            kind = param.type.name
            if kind == "choice":
                forms[name] = list(param.choices or [])
            elif kind == "yesno":
                forms[name] = [False, True]
            elif kind == "number":  # how many parties: at most as many as the line names
                forms[name] = list(range(max(4, len(parties))))
        if not forms:
            return {}
        texts = [  # the line's own text forms (not the lead's)
            name
            for name, param in channel.params.items()
            if param.type.name == "text" and name.startswith("addressees_")
        ]

        def attempt(fixed: dict[str, Any]) -> tuple[bool, float, dict[str, Any]]:
            best: tuple[bool, float, dict[str, Any]] = (False, -1.0, fixed)
            rank = (False, -1.0, 0)
            tries = [{**fixed, **self._invert(channel_id, text, True, fixed)}]
            blank = {name: "" for name in texts if name not in fixed}
            if blank:  # the text forms empty too (", as well as" and the names)
                tries.append(
                    {**fixed, **blank, **self._invert(channel_id, text, True, {**fixed, **blank})}
                )
            for values in (*tries, {**fixed, "parties": parties}):
                rendered = self._probe(channel_id, values, True)
                if rendered is None:
                    continue
                score = similarity(_plain(rendered), _plain(text))
                found = (_same_line(rendered, text), score, -_stray_words(values, texts))
                if found > rank:
                    rank, best = found, (*found[:2], values)
            return best

        beam = [attempt({})]
        # a beam search over the forms, the numbers last (a split list reads back only
        # when every other form is right); a second sweep where the first ends inexact
        # (a form decided before the list was split right)
        order = sorted(
            forms,
            key=lambda name: (
                isinstance(forms[name][-1], int) and not isinstance(forms[name][-1], bool)
            ),
        )
        for step, name in enumerate(order * 2):
            options = forms[name]
            tried: dict[tuple[tuple[str, str], ...], tuple[bool, float, dict[str, Any]]] = {}
            for found in beam + [
                attempt({**{n: v for n, v in b[2].items() if n in forms}, name: o})
                for b in beam
                for o in options
            ]:
                key = tuple(  # the forms chosen, the defaults left out
                    sorted(
                        (n, repr(v))
                        for n, v in found[2].items()
                        if n in forms and v != channel.params[n].default
                    )
                )
                if key not in tried or found[:2] > tried[key][:2]:
                    tried[key] = found
            # ties (the same line printed) go to words before the later names that end
            # as such words do ("non-State armed groups, such as", not "the"), then to
            # the least text read into values ("in particular to" + "the X", not "in
            # particular" + "to the X"), then to the fewest forms
            beam = sorted(
                tried.values(),
                key=lambda t: (
                    -t[0],
                    -t[1],
                    _stray_words(t[2], texts),
                    _read_length(t[2], forms),
                    sum(n in forms and v != channel.params[n].default for n, v in t[2].items()),
                ),
            )[:_BEAM]
            if beam[0][0] and step >= len(order) - 1:  # every form tried once
                break
        best = beam[0]
        values = dict(best[2])
        for name in forms:  # only the forms that differ from the channel's defaults
            if name in values and values[name] == channel.params[name].default:
                del values[name]
        if best[0]:  # and only those that change the line (a split of a one-name list)
            for name in [n for n in forms if n in values]:
                rest = {n: v for n, v in values.items() if n != name}
                rendered = self._probe(channel_id, rest, True)
                if rendered is not None and _same_line(rendered, text):
                    values = rest
        if values.get("addressees_others") == "":
            del values["addressees_others"]
        return values

    def _invert(
        self,
        channel_id: str,
        text: str,
        addressees: bool,
        fixed: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """The values of a channel's text and names parameters read from ``text``:
        the formula printed (with the ``fixed`` values) with a marker for each, the text
        between the fixed words. A names list split in two by a form
        (``addressees_others_from``) gets a marker for each part."""
        channel = self.library.templates.channels[channel_id]
        fixed = fixed or {}
        markers: dict[str, str] = {}
        values: dict[str, Any] = dict(fixed)
        first = int(fixed.get("addressees_others_from") or 0)  # names before the split
        fillers: dict[str, str] = {}
        for index, (name, param) in enumerate(channel.params.items()):
            marker = f"\ue000{index}\ue001"
            if name in fixed:
                continue
            if param.type.name == "text":
                values[name], markers[name] = marker, marker
            elif param.type.name == "names":
                split = [f"\ue000{index}_{k}\ue001" for k in range(2 if first else 1)]
                if first:  # the first part's group takes in its other names (fillers)
                    fillers[split[0]] = f"\ue000{index}_f\ue001"
                values[name] = [split[0], *[fillers.get(split[0], "")] * (first - 1), *split[1:]]
                for k, piece in enumerate(split):
                    markers[f"{name}\ue002{k}"] = piece
        situation = self.base["situation"]
        for index, name in enumerate(_SITUATION_TEXT):
            if not situation.get(name):
                marker = f"\ue000s{index}\ue001"
                values[name], markers[name] = marker, marker
        if not markers:
            return {}
        rendered = self._probe(channel_id, values, addressees)
        if rendered is None:
            return {}
        pattern = re.escape(_plain(rendered))
        for head, filler in fillers.items():
            pattern = re.sub(f"{head}.*{filler}", head, pattern)  # markers hold no "\\"
        groups = {f"g{index}": name for index, name in enumerate(markers)}
        for group, name in groups.items():
            pattern = pattern.replace(re.escape(markers[name]), f"(?P<{group}>.+?)", 1)
        found = re.fullmatch(pattern, _plain(text))
        if found is None:
            return {}
        out: dict[str, Any] = {}
        for group, value in found.groupdict().items():
            if value is None:
                continue
            name = groups[group].partition("\ue002")[0]
            declared = channel.params.get(name)
            kind = declared.type.name if declared is not None else "text"
            if kind == "names":
                out.setdefault(name, []).extend(_names(value.replace(", as well as ", " and ")))
            else:
                out[name] = value
        return out

    def _probe(self, channel_id: str, values: dict[str, Any], addressees: bool) -> str | None:
        """A channel's intro (or statement addressees) as this draft would print it
        with ``values``; None if it cannot print with them."""
        from ..assemble import assemble_bundle
        from ..models import Block

        situation = self.draft.situation
        names = {k: v for k, v in values.items() if k in _SITUATION_TEXT}
        if "parties" in values and addressees:
            names["parties"] = values["parties"]
        if names:
            situation = situation.model_copy(update=names)
            values = {k: v for k, v in values.items() if k not in names}
        try:
            block = Block.model_validate(
                {"channel": channel_id, "values": values, "items": [{"text": "x"}]}
            )
            probe = self.draft.model_copy(
                update={"blocks": [block], "opening": [], "situation": situation}
            )
            bundle = assemble_bundle(probe, self.library)
        except (WgdraftError, ValueError):
            return None
        if addressees:
            return bundle.statements[0].addressees if bundle.statements else None
        return bundle.conclusions.paragraphs[0].text

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
        document = self._assemble(draft)
        printed = _printed(document)
        reports = []
        for report in self.reports:
            text = printed.get(report.path)
            prints = text is None or _same(text, report.text)
            if not prints and report.truncated and text is not None:
                prints = _begins(text, report.text)
            if report.exact and not prints:
                self.notes.append(
                    f"{report.label}: clause {report.match.clause if report.match else '?'} "
                    "read as exact but prints otherwise; kept as free text"
                )
                self._demote(report)
                report = ItemReport(
                    report.path, report.label, report.text, _inexact(report.match), report.truncated
                )
            reports.append(report)
        return reports

    def _assemble(self, draft: Draft) -> Document:
        """The draft's document; an item whose clause cannot print with the values read
        becomes free text first."""
        from ..assemble import assemble
        from ..models import Draft

        try:
            # values a cut-off source stops before are to fill in: "[name]" meanwhile
            return assemble(draft, self.library, placeholders=bool(self.unfilled))
        except WgdraftError as exc:
            by_path = {str(r.path): r for r in self.reports}
            failing = [by_path[p.field] for p in exc.problems if p.field in by_path]
            if not failing:
                raise WgdraftError(
                    Problem(
                        self.importer.file,
                        "could not make a draft that prints: " + exc.problems[0].message,
                    )
                ) from None
        for report in failing:
            self.notes.append(
                f"{report.label}: clause {report.match.clause if report.match else '?'} "
                "cannot print with the values read; kept as free text"
            )
            self._demote(report)
            index = self.reports.index(report)
            self.reports[index] = replace(report, match=_inexact(report.match), composition=None)
        return self._assemble(Draft.model_validate(self.data))

    def _demote(self, report: ItemReport) -> None:
        node = report.path.get(self.data)
        children = node.get("items")
        node.clear()  # a composed item too: its sentences become the text as written
        node.update(self._as_item(report.text, _inexact(report.match)))
        if children:
            node["items"] = children


def _printed(document: Document) -> dict[ItemPath, str]:
    return {path: node.text for path, node in document.by_path().items()}


def _begins(rendered: str, text: str) -> bool:
    """Whether ``rendered`` begins with the words of ``text``, a text cut off (perhaps
    inside its last word: "Unite"); at least two words. Of the clauses that begin so,
    the importer takes the nearest (:meth:`_Pass._begun`): a cut-off item counts only
    as far as it goes."""
    from ..sentences import words_begin

    return words_begin(_plain(rendered).split(), _plain(text).split(), least=2)


def _exact(match: Match) -> Match:
    from dataclasses import replace

    return replace(match, exact=True)


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


def draft_text(imported: Imported) -> str:
    """The draft's YAML text as ``import`` writes it, with its header comment; a
    WgdraftError if the draft does not validate."""
    from .. import draftfile

    imported.draft()  # never give a draft that does not validate
    return header(imported) + draftfile.dumps(_yaml_data(imported.data))


def write_draft(imported: Imported, path: Path, overwrite: bool = False) -> Path:
    """Write the draft to ``path`` (YAML through the draft writer), with a header
    comment saying where it was imported from. The file appears whole or not at all;
    an existing file is refused unless ``overwrite``."""
    import os
    import secrets

    from ..atomic import create_file, write_text

    text = draft_text(imported)
    if overwrite:
        write_text(path, text)
        return path
    if path.exists() or path.is_symlink():
        raise already_exists(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
    create_file(tmp, text.encode("utf-8"))
    try:
        os.link(tmp, path)  # fails, changing nothing, if the name was taken meanwhile
    except FileExistsError:
        raise already_exists(path) from None
    finally:
        tmp.unlink(missing_ok=True)
    return path


def already_exists(path: Path) -> WgdraftError:
    """The error of a command that would replace an existing draft (import, followup)."""
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
    ("blocks", "meeting", "date"),
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
