"""Pydantic models for the files users write: clauses, channels, framing and drafts."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_validator,
)

from .paramtypes import TYPES, ParamKind
from .paramtypes import get as param_type
from .templatesource import TemplateField

ID_PATTERN = r"^[a-z0-9]+(?:[.\-_][a-z0-9]+)*$"
# far above any real draft (a few dozen blocks, a hundred items), low enough that a
# generated or corrupted file is refused at once instead of rendering for minutes
MAX_BLOCKS = 500
MAX_ITEMS = 10_000
MAX_SUBITEMS = 100

# Template fields: checked when the library loads, rendered by assembly (see
# templatesource.py). A string field of a template file that is not marked is printed
# as written.
#: A template that sees the draft's situation and its clause's or channel's parameters.
TemplateText = Annotated[str, TemplateField()]
#: A template of a letter: also ``symbol``, ``sender`` (name, title) and ``recipient``.
LetterText = Annotated[str, TemplateField(frozenset({"symbol", "sender", "recipient"}))]
#: A template of a statement: also ``symbol``.
StatementText = Annotated[str, TemplateField(frozenset({"symbol"}))]
#: A statement's lead: also the lead's forms (correspondence.yaml statement_lead_params,
#: parameters of every statement channel).
STATEMENT_LEAD_FORMS = frozenset(
    {
        "lead_meeting",
        "lead_verb",
        "report_citation",
        "lead_end",
        "lead_order",
        "lead_comma",
        "lead_period",
        "lead_messages",
        "lead_issued",
        "lead_kind",
        "lead_examination",
        "lead_addressed",
        "lead_statements",
        "lead_chair",
        "lead_to",
        "lead_mentioned",
        "lead_parties",
        "lead_meeting_comma",
        "lead_year",
        "lead_report_dated",
        "lead_report_country",
        "lead_annex",
        "lead_annual_report",
        "lead_meeting_of",
        "lead_report_title",
        "lead_resolutions",
        "lead_behalf",
    }
)
StatementLeadText = Annotated[str, TemplateField(frozenset({"symbol"}) | STATEMENT_LEAD_FORMS)]
#: The annex's closing line: also ``place`` and ``date``.
AnnexClosingText = Annotated[str, TemplateField(frozenset({"place", "date"}))]
#: A letter's title in its document properties: also ``recipient``.
LetterTitleText = Annotated[str, TemplateField(frozenset({"recipient"}))]


class Strict(BaseModel):
    """Base for file models: unknown fields are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Violation(StrEnum):
    """The six grave violations (their order varies between documents)."""

    RECRUITMENT = "recruitment"
    KILLING_MAIMING = "killing-maiming"
    SEXUAL_VIOLENCE = "sexual-violence"
    ABDUCTION = "abduction"
    ATTACKS_SCHOOLS_HOSPITALS = "attacks-schools-hospitals"
    DENIAL_OF_ACCESS = "denial-of-access"


class Param(Strict):
    """A typed parameter of a clause or of a channel's introductory formula; its type
    (see :mod:`wgdraft.paramtypes`) checks the example and the default."""

    model_config = ConfigDict(json_schema_extra=lambda schema: _param_schema(schema))

    type: ParamKind
    description: str = Field(min_length=1)
    example: Any
    choices: list[str] | None = None
    default: Any = None

    @model_validator(mode="after")
    def _check(self) -> Param:
        if self.type.needs_choices and not self.choices:
            raise ValueError(f"a {self.type.name} parameter needs 'choices'")
        if not self.type.needs_choices and self.choices:
            raise ValueError("'choices' is only for type 'choice'")
        self.example = self.type.coerce(self.example, self.choices)
        if self.default is not None:
            self.default = self.type.coerce(self.default, self.choices)
        return self


def _param_schema(schema: dict[str, Any]) -> None:
    """Each type's example and default follow that type's schema."""
    schema["allOf"] = [
        {
            "if": {"properties": {"type": {"const": name}}},
            "then": {"properties": {"example": kind.schema(), "default": kind.schema()}},
        }
        for name, kind in TYPES.items()
    ]


class Precedent(Strict):
    """Where a clause's language was agreed before."""

    document: str = Field(min_length=1)
    symbol: str | None = None
    paragraph: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        out = self.document
        if self.symbol:
            out += f" ({self.symbol})"
        if self.paragraph:
            out += f", paragraph {self.paragraph}"
        return out


ClauseForm = Literal["item", "sentence"]


class Clause(Strict):
    """One reusable piece of agreed language: a subparagraph (or an opening paragraph),
    or one sentence of a composed paragraph (``form: sentence``)."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    family: str = Field(pattern=ID_PATTERN)
    form: ClauseForm = Field(
        default="item",
        description="'item': a paragraph or subparagraph; 'sentence': one sentence, "
        "ending with its full stop, used only in an item's 'sentences'",
    )
    violations: list[Violation] = []
    recipients: list[str] = []
    tags: list[str] = []
    params: dict[str, Param] = {}
    body: TemplateText = Field(min_length=1)
    items: list[TemplateText] = Field(
        default=[], description="nested (i), (ii) items, each a template"
    )
    variants: dict[str, TemplateText] = Field(default={}, description="named alternative bodies")
    precedents: list[Precedent] = Field(
        default=[], description="where it was agreed; none for new wording"
    )
    derived_from: str | None = Field(
        None, pattern=ID_PATTERN, description="the clause this new wording was derived from"
    )

    @field_validator("params")
    @classmethod
    def _param_names(cls, value: dict[str, Param]) -> dict[str, Param]:
        for name in value:
            if not name.isidentifier() or name.startswith("_"):
                raise ValueError(f"parameter name {name!r} must be a plain identifier")
        return value


Sender = Literal["president", "chair"]


class LetterSpec(Strict):
    """How a letter block becomes a letter: who signs it and to whom it goes."""

    sender: Sender
    recipient: TemplateText = Field(min_length=1, description="template naming the recipient")
    salutation: LetterText | None = Field(None, description="overrides the usual salutation")


class StatementSpec(Strict):
    """How a statement block becomes a public statement by the Chair."""

    addressees: TemplateText = Field(min_length=1, description="template: 'To all parties ...:'")


class Channel(Strict):
    """A kind of recipient block: its section, introductory formula and output kind."""

    id: str = Field(pattern=ID_PATTERN)
    title: str
    section: str = Field(pattern=ID_PATTERN)
    kind: Literal["statement", "letter", "council"]
    params: dict[str, Param] = {}
    intro: TemplateText = Field(min_length=1)
    letter: LetterSpec | None = None
    statement: StatementSpec | None = None

    @model_validator(mode="after")
    def _spec_matches_kind(self) -> Channel:
        if self.kind == "letter" and self.letter is None:
            raise ValueError("a letter channel needs a 'letter' section (sender, recipient)")
        if self.kind == "statement" and self.statement is None:
            raise ValueError("a statement channel needs a 'statement' section (addressees)")
        if self.kind != "letter" and self.letter is not None:
            raise ValueError("'letter' is only for channels of kind 'letter'")
        if self.kind != "statement" and self.statement is not None:
            raise ValueError("'statement' is only for channels of kind 'statement'")
        return self


class SenderText(Strict):
    """A sender's letterhead, default title and opening sentence (templates)."""

    letterhead: list[TemplateText] = Field(min_length=1)
    title: TemplateText
    opening: LetterText


class Correspondence(Strict):
    """Framing text of letters and statements (templates/correspondence.yaml)."""

    senders: dict[Sender, SenderText]
    salutation: LetterText
    closing: LetterText
    signed: LetterText
    unnamed: str = Field(description="shown where the draft names no signatory")
    undated: str = Field(description="shown where the draft gives no date")
    statement_title: StatementText
    statement_lead: StatementLeadText
    statement_lead_params: dict[str, Param] = Field(
        default_factory=dict,
        description="the forms statement_lead prints by: params of every statement channel",
    )

    @model_validator(mode="after")
    def _lead_forms_declared(self) -> Correspondence:
        missing = ", ".join(sorted(STATEMENT_LEAD_FORMS - set(self.statement_lead_params)))
        if missing:
            raise ValueError(f"statement_lead_params declares every form of the lead: {missing}")
        return self


class Section(Strict):
    """A section of the conclusions, headed unless its heading is empty."""

    id: str = Field(pattern=ID_PATTERN)
    heading: TemplateText = Field(
        default="",
        description="empty: no heading (the exchange of views of the 2007-2010 conclusions)",
    )


class Framing(Strict):
    """Framing text of the conclusions document (templates/document.yaml)."""

    title: TemplateText
    subtitle: TemplateText
    annex_heading: TemplateText
    annex_title: TemplateText
    annex_closing: AnnexClosingText
    masthead: dict[str, TemplateText] = {}
    unassigned_symbol: str
    sections: list[Section]


class LocaleDefaults(Strict):
    """What a draft prints where it leaves a field out."""

    government: str = Field(min_length=1, description="situation.government")
    meeting_kind: str = Field(min_length=1, description="situation.meeting.kind")
    introduced_by: str = Field(min_length=1, description="situation.report.introduced_by")
    original: str = Field(min_length=1, description="document.original")


_DATE_FIELD = re.compile(r"\{([^{}]*)\}")


def _pattern(value: str, names: set[str]) -> str:
    """A pattern such as "{day} {month} {year}": braces only around those names."""
    for found in _DATE_FIELD.findall(value):
        if found not in names:
            raise ValueError(
                f"{{{found}}} is not one of {', '.join(f'{{{n}}}' for n in sorted(names))}"
            )
    rest = _DATE_FIELD.sub("", value)
    if "{" in rest or "}" in rest:
        raise ValueError("a '{' or '}' is not closed")
    return value


class Locale(Strict):
    """The printed words of one language (templates/locale/<language>.yaml): every word
    of a document that is not written in the other template files or the clauses."""

    language_tag: str = Field(min_length=2, description="in each DOCX's properties: 'en-GB'")
    months: list[str] = Field(min_length=12, max_length=12)
    date: str = Field(description="how a date prints: '{day} {month} {year}'")
    month_year: str = Field(description="how a month prints: '{month} {year}'")
    numbers: list[str] = Field(min_length=1, description="words for 0, 1, 2, ... (filter words)")
    ordinals: list[str] = Field(
        default=[],
        description="words for 1st, 2nd, 3rd, ...: a follow-up draft's report ordinal is "
        "the word after the earlier one",
    )
    thousands_separator: str = Field(description="in numbers printed in figures: 519,300")
    list_separator: str = Field(description="between items of a list (filter join_and)")
    list_last: str = Field(description="before the last item of a list: ' and '")
    document_links: str = Field(
        pattern=r"^https://", description="where symbols link to: https://undocs.org/en/"
    )
    letter_title: LetterTitleText = Field(min_length=1, description="a letter's DOCX title")
    defaults: LocaleDefaults

    @field_validator("date")
    @classmethod
    def _date(cls, value: str) -> str:
        return _pattern(value, {"day", "month", "year"})

    @field_validator("month_year")
    @classmethod
    def _month_year(cls, value: str) -> str:
        return _pattern(value, {"month", "year"})

    def fill(self, pattern: str, **parts: object) -> str:
        """``pattern`` ("{day} {month} {year}") with its parts filled in."""
        return _DATE_FIELD.sub(lambda m: str(parts[m[1]]), pattern)


#: The bracket of the negotiation text: also ``options`` (each option's text as shown,
#: the current wording first) and ``span`` (the words in question).
BracketText = Annotated[str, TemplateField(frozenset({"options", "span"}))]
#: An item's text with its state's mark: also ``text`` and ``mark``.
MarkedText = Annotated[str, TemplateField(frozenset({"text", "mark"}))]
#: What a proposer's note says: also ``delegation``, ``option`` (as shown) and ``span``.
ProposalText = Annotated[str, TemplateField(frozenset({"delegation", "option", "span"}))]
#: A note as a line of plain text: also ``author``, ``date`` ("" if none), ``text`` and
#: ``kind`` ("comment" or "proposal").
NoteLineText = Annotated[str, TemplateField(frozenset({"author", "date", "text", "kind"}))]


class Negotiation(Strict):
    """How the negotiation text shows brackets, item states, proposers and comments
    (templates/negotiation.yaml); the clean text shows none of it."""

    bracket: BracketText = Field(min_length=1, description="the options shown in brackets")
    empty_option: str = Field(
        min_length=1, description="shown for an option that deletes the words in question"
    )
    states: dict[Literal["under-discussion", "agreed"], str] = Field(
        default={}, description="the mark of each item state; 'proposed' has none"
    )
    marked: MarkedText = Field(min_length=1, description="an item's text with its mark")
    proposal: ProposalText = Field(min_length=1, description="the note of a proposed option")
    note_line: NoteLineText = Field(
        min_length=1, description="a note (comment or proposal) as a line of plain text"
    )


# --- drafts -----------------------------------------------------------------------


class Country(Strict):
    name: str = Field(min_length=1, description="Name without article: 'Sudan'")
    article: str = Field("", description="Article used in running text: 'the' for 'the Sudan'")
    adjective: str | None = Field(None, description="'Malian', 'South Sudanese'")


class Meeting(Strict):
    date: dt.date
    kind: str | None = Field(
        None,
        description="'formal meeting', 'closed videoconference'; if not given, the locale's",
    )
    number: str | None = Field(None, description="'74th' where the meeting is numbered")


class Report(Strict):
    ordinal: str = Field(description="'fourth'")
    symbol: str
    date: dt.date | None = Field(None, description="the report's date, where a lead cites it")
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    introduced_by: str | None = Field(
        None, description="who introduced the report; if not given, the locale's default"
    )

    @field_validator("symbol")
    @classmethod
    def _symbol(cls, value: str) -> str:
        return str(param_type("symbol").coerce(value))


class Situation(Strict):
    country: Country
    government: str | None = Field(
        None, description="style: 'transitional Government'; if not given, the locale's"
    )
    meeting: Meeting
    report: Report
    representative: str | None = None
    parties: list[str] = []
    resolutions: list[str] = []
    previous_conclusions: str | None = None


class DocumentMeta(Strict):
    symbol: str | None = Field(None, description="S/AC.51/2023/3; empty while unassigned")
    date: dt.date | None = None
    original: Annotated[
        str | None, Field(description="language of the original; if not given, the locale's")
    ] = None
    language: Annotated[
        str,
        Field(
            min_length=1,
            description="the language of the printed words: templates/locale/<language>.yaml",
        ),
    ] = "en"
    job_number: str | None = Field(None, description="'23-10315'; printed in the first footer")
    letters_date: dt.date | None = Field(None, description="date of the letters and statements")


class Nearest(Strict):
    """The library clause closest to a free-text item, as import found it: the agreed
    language the item departs from (never printed; deviations and the TUI read it)."""

    clause: str = Field(min_length=1)
    variant: str | None = None
    similarity: float = Field(ge=0, le=1, description="word-level ratio, 0..1")


class Sentence(Strict):
    """One sentence of a composed paragraph: a sentence clause with values, or free text."""

    clause: str | None = None
    text: str | None = None
    variant: str | None = None
    values: dict[str, Any] = {}
    note: str | None = Field(default=None, description="drafter's note; never printed")

    @model_validator(mode="after")
    def _one_source(self) -> Sentence:
        if (self.clause is None) == (self.text is None):
            raise ValueError("a sentence needs exactly one of 'clause' or 'text'")
        if self.text is not None and (self.values or self.variant):
            raise ValueError("'values' and 'variant' go with 'clause', not 'text'")
        return self


#: Where an item stands in the negotiation (the Working Group agrees "ad referendum").
ItemStatus = Literal["proposed", "under-discussion", "agreed"]


class Option(Strict):
    """One wording a delegation proposes for a bracketed passage ('' proposes deleting it)."""

    text: str
    proposed_by: str | None = Field(None, description="the delegation: 'France'")


class Bracket(Strict):
    """Bracketed alternatives within an item: ``span`` is the passage of the item's
    current wording (its first occurrence) that the options replace."""

    span: str = Field(min_length=1, description="the words of the current wording in question")
    options: list[Option] = Field(min_length=1)
    chosen: str | None = Field(None, description="the agreed option's text; None while open")

    @model_validator(mode="after")
    def _chosen_is_an_option(self) -> Bracket:
        if self.chosen is not None and self.chosen not in [o.text for o in self.options]:
            raise ValueError(f"'chosen' ({self.chosen!r}) is not the text of one of the options")
        return self


class Comment(Strict):
    """A comment on an item: who made it, when, what it says (never in the clean text)."""

    author: str = Field(min_length=1)
    date: dt.date
    text: str = Field(min_length=1)


class DraftItem(Strict):
    """A clause with its parameter values, draft-local free text, or a paragraph
    composed of sentences (each a sentence clause or free text)."""

    clause: str | None = None
    text: str | None = None
    sentences: list[Sentence] = Field(
        default=[], max_length=MAX_SUBITEMS, description="a paragraph composed sentence by sentence"
    )
    variant: str | None = None
    values: dict[str, Any] = {}
    items: list[DraftItem] = Field([], max_length=MAX_SUBITEMS)
    note: str | None = Field(None, description="drafter's note; never printed")
    nearest: Annotated[
        Nearest | None,
        Field(description="free text: its nearest library clause, from import; never printed"),
    ] = None
    status: ItemStatus = Field("proposed", description="where it stands in the negotiation")
    brackets: list[Bracket] = Field([], description="bracketed alternatives within the item")
    comments: list[Comment] = Field([], description="comments on the item; never in clean text")
    review: bool = Field(
        False, description="to review: carried from an earlier text and may be out of date"
    )

    @model_validator(mode="after")
    def _one_source(self) -> DraftItem:
        given = [self.clause is not None, self.text is not None, bool(self.sentences)]
        if sum(given) != 1:
            raise ValueError("an item needs exactly one of 'clause', 'text' or 'sentences'")
        if self.clause is None and (self.values or self.variant):
            raise ValueError("'values' and 'variant' go with 'clause', not 'text' or 'sentences'")
        if self.sentences and self.items:
            raise ValueError("an item made of 'sentences' has no sub-items ('items')")
        return self


class Person(Strict):
    """Who signs letters: the President of the Council or the Chair of the Working Group."""

    name: str = Field(min_length=1)
    title: str | None = Field(None, description="overrides the usual title")


class Addressee(Strict):
    """One addressee of a letter, as printed in the address block."""

    name: str | None = Field(None, description="'His Excellency Mr. António Guterres'")
    title: str | None = Field(None, description="'Secretary-General of the United Nations'")
    address: list[str] = Field([], description="further lines: 'New York'")

    @model_validator(mode="after")
    def _something(self) -> Addressee:
        if not (self.name or self.title or self.address):
            raise ValueError("an addressee needs a name, a title or an address")
        return self


class Block(Strict):
    """One recipient block: a numbered paragraph with lettered subparagraphs."""

    channel: str
    values: dict[str, Any] = {}
    items: list[DraftItem] = Field(min_length=1, max_length=MAX_ITEMS)
    addressees: list[Addressee] = Field([], description="letter address block")
    press_release: str | None = Field(None, description="statement's press release: SC/15809")
    meeting: Meeting | None = Field(None, description="meeting that agreed a statement, if later")


class Annex(Strict):
    """The country's comments, carried as supplied."""

    mission: str
    comments: list[str] = Field(min_length=1)
    place: str | None = None
    date: dt.date | None = None


class Draft(Strict):
    """A conclusions draft: metadata, situation, opening paragraphs, blocks, annex."""

    document: DocumentMeta = DocumentMeta()
    situation: Situation
    values: dict[str, Any] = Field(default={}, description="draft-level clause values")
    signatories: dict[Sender, Person] = Field({}, description="president, chair")
    opening: list[DraftItem] = Field([], max_length=MAX_ITEMS)
    blocks: list[Block] = Field([], max_length=MAX_BLOCKS)
    annex: Annex | None = None
    review: list[str] = Field(
        [],
        description="fields still to review, carried from an earlier text: "
        "'situation.report.symbol', 'document.date'",
    )
