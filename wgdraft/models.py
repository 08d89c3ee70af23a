"""Pydantic models for the files users write: clauses, channels, framing and drafts."""

from __future__ import annotations

import datetime as dt
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
#: The annex's closing line: also ``place`` and ``date``.
AnnexClosingText = Annotated[str, TemplateField(frozenset({"place", "date"}))]


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


class Clause(Strict):
    """One reusable piece of agreed language: a subparagraph (or an opening paragraph)."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    family: str = Field(pattern=ID_PATTERN)
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
    statement_lead: StatementText


class Section(Strict):
    """A headed section of the conclusions."""

    id: str = Field(pattern=ID_PATTERN)
    heading: TemplateText = Field(min_length=1)


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


# --- drafts -----------------------------------------------------------------------


class Country(Strict):
    name: str = Field(min_length=1, description="Name without article: 'Sudan'")
    article: str = Field("", description="Article used in running text: 'the' for 'the Sudan'")
    adjective: str | None = Field(None, description="'Malian', 'South Sudanese'")


class Meeting(Strict):
    date: dt.date
    kind: str = Field("formal meeting", description="'formal meeting', 'closed videoconference'")
    number: str | None = Field(None, description="'74th' where the meeting is numbered")


class Report(Strict):
    ordinal: str = Field(description="'fourth'")
    symbol: str
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    introduced_by: str = Field(
        "the Special Representative of the Secretary-General for Children and Armed Conflict"
    )

    @field_validator("symbol")
    @classmethod
    def _symbol(cls, value: str) -> str:
        return str(param_type("symbol").coerce(value))


class Situation(Strict):
    country: Country
    government: str = Field("Government", description="style: 'transitional Government'")
    meeting: Meeting
    report: Report
    representative: str | None = None
    parties: list[str] = []
    resolutions: list[str] = []
    previous_conclusions: str | None = None


class DocumentMeta(Strict):
    symbol: str | None = Field(None, description="S/AC.51/2023/3; empty while unassigned")
    date: dt.date | None = None
    original: str = "English"
    job_number: str | None = Field(None, description="'23-10315'; printed in the first footer")
    letters_date: dt.date | None = Field(None, description="date of the letters and statements")


class DraftItem(Strict):
    """A clause with its parameter values, or draft-local free text."""

    clause: str | None = None
    text: str | None = None
    variant: str | None = None
    values: dict[str, Any] = {}
    items: list[DraftItem] = Field([], max_length=MAX_SUBITEMS)
    note: str | None = Field(None, description="drafter's note; never printed")

    @model_validator(mode="after")
    def _one_source(self) -> DraftItem:
        if (self.clause is None) == (self.text is None):
            raise ValueError("an item needs exactly one of 'clause' or 'text'")
        if self.text is not None and (self.values or self.variant):
            raise ValueError("'values' and 'variant' go with 'clause', not 'text'")
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
