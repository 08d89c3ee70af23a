"""Assembly: a validated draft and the library become one typed document tree.

Numbering and subparagraph punctuation are applied here, so reordering or removing
an item keeps labels and the final "." right.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any, TypeVar

from .errors import Problem, WgdraftError
from .itempath import ItemPath
from .library import Library
from .links import Link, find_links
from .locales import bundled_locale, unknown_language, with_defaults
from .models import (
    Block,
    Bracket,
    Channel,
    Clause,
    ClauseForm,
    Correspondence,
    Draft,
    DraftItem,
    Framing,
    Locale,
    Meeting,
    Negotiation,
    Param,
    Sentence,
)
from .negotiation import Stage
from .review import BLOCK_FIELDS, known_field
from .templatesource import TemplateSource, field_text
from .templating import (
    TEMPLATE_FAULTS,
    CountryName,
    UNDate,
    explain,
    normalize_space,
    render,
    template_line,
    wording,
)
from .tree import (
    Annex,
    Bundle,
    Document,
    Heading,
    Letter,
    Note,
    NoteKind,
    Paragraph,
    Statement,
    Subparagraph,
    letter,
    roman,
)
from .values import Origin, pick, situation_values
from .yamlio import locate

Loc = tuple[str | int, ...]

#: what is said where a clause of one form is used as the other
_WRONG_FORM: dict[ClauseForm, str] = {
    "item": "{owner} is a sentence clause: use it inside 'sentences', not as an item",
    "sentence": "{owner} is an item clause, not a sentence: use it as an item of its own",
}


def situation_context(draft: Draft, locale: Locale | None = None) -> dict[str, Any]:
    """The names every template sees: the draft's situation and document metadata
    (dates printed with ``locale``, by default the current one). Absent values are
    left out, so a template that needs one fails with its name."""
    s = draft.situation

    def clean(values: dict[str, Any]) -> dict[str, Any]:
        return {k: _template_value(v, locale) for k, v in values.items() if v is not None}

    context: dict[str, Any] = {
        "country": CountryName(s.country.name, s.country.article, s.country.adjective),
        "government": s.government,
        "meeting": clean(s.meeting.model_dump()),
        "report": clean(s.report.model_dump()),
        "parties": list(s.parties),
        "resolutions": list(s.resolutions),
        "document": clean(draft.document.model_dump()),
    }
    if s.representative:
        context["representative"] = s.representative
    if s.previous_conclusions:
        context["previous_conclusions"] = s.previous_conclusions
    return context


def _template_value(value: Any, locale: Locale | None = None) -> Any:
    if isinstance(value, dt.date):
        return UNDate(value, locale)
    if isinstance(value, list):
        return [_template_value(v, locale) for v in value]
    return value


def _finish(text: str, end: str) -> str:
    """Apply subparagraph punctuation: ';' after each, '.' after the last."""
    text = text.rstrip()
    if text.endswith(":"):
        return text
    return text.rstrip(";.").rstrip() + end


class Placeholder(str):
    """A visible stand-in for a parameter that has no value yet: prints as "[name]", and
    any part of it (a date's ``month_year``) prints the same."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Placeholder:
        if name.startswith("_"):
            raise AttributeError(name)
        return self


def placeholder(name: str, param: Param) -> Any:
    """The stand-in for parameter ``name``: a list of one for a list of names."""
    return param.type.placeholder(Placeholder(f"[{name}]"))


_T = TypeVar("_T")


class _Assembler:
    def __init__(
        self,
        draft: Draft,
        library: Library,
        file: Path | None,
        placeholders: bool = False,
        stage: Stage = "negotiation",
        force: bool = False,
    ) -> None:
        self.library = library
        self.file = file
        #: what the text shows of the negotiation (see :mod:`wgdraft.negotiation`)
        self.stage: Stage = stage
        #: the clean text with unresolved brackets shown bracketed instead of refused
        self.force = force
        #: the state mark of each subparagraph's item, added after its punctuation
        self.marks: dict[ItemPath, str] = {}
        #: show parameters without a value as "[name]" instead of reporting them
        self.placeholders = placeholders
        self.problems: list[Problem] = []
        #: the printed words of the draft's language; what the draft leaves out is
        #: filled from it
        self.locale = self._locale(draft)
        self.draft = draft = with_defaults(draft, self.locale)
        self.base = situation_context(draft, self.locale)
        # raw situation values pre-fill parameters of the same name ("parties")
        self.prefill = situation_values(draft)
        #: whether each template that failed for this draft fails on its own
        self.alone: dict[TemplateSource, bool] = {}

    def _locale(self, draft: Draft) -> Locale:
        """The locale of the draft's language; an unknown language is reported, and the
        bundled English locale stands in so that other problems are found too."""
        templates = self.library.templates
        locale = templates.locale(draft.document.language)
        if locale is None:
            folder = templates.locale_folder
            self.problems.append(unknown_language(draft, folder, templates.languages, self.file))
            return bundled_locale()
        return locale

    # --- reporting ----------------------------------------------------------------

    def problem(self, loc: Loc, message: str) -> None:
        field = str(ItemPath(loc))
        self.problems.append(Problem(self.file, message, field, locate(self.file, loc)))

    # --- values -------------------------------------------------------------------

    def resolve(
        self,
        params: dict[str, Param],
        given: dict[str, Any],
        scope: dict[str, Any],
        loc: Loc,
        owner: str,
    ) -> dict[str, Any] | None:
        """Values for ``params``: given on the item, else from the enclosing block or
        draft, else the default. Reports unknown, invalid and missing values."""
        ok = True
        values: dict[str, Any] = {}
        for name in given:
            if name not in params:
                known = ", ".join(sorted(params)) or "none"
                self.problem(
                    (*loc, "values", name), f"{owner} has no parameter {name!r} (it has: {known})"
                )
                ok = False
        for name, param in params.items():
            found = pick(name, param, given, scope, self.prefill)
            if found is None and self.placeholders:
                values[name] = placeholder(name, param)
                continue
            if found is None:
                self.problem(
                    loc,
                    f"{owner} needs parameter {name!r} ({param.description}); "
                    f"give it under 'values' (for example: {param.type.stored(param.example)!r})",
                )
                ok = False
                continue
            where = (*loc, "values", name) if found.origin is Origin.GIVEN else loc
            try:
                values[name] = param.type.printed(param.type.coerce(found.value, param.choices))
            except ValueError as exc:
                self.problem(where, f"{owner}, parameter {name!r}: {exc}")
                ok = False
        return values if ok else None

    def template(
        self,
        model: Clause | Channel | Framing | Correspondence | Locale | Negotiation,
        field: Loc,
        context: dict[str, Any],
        owner: str = "",
        loc: Loc | None = None,
    ) -> str:
        """Render the template at ``field`` of ``model`` (a clause or a template file of
        the library) for the draft item at ``loc`` (``None``: the draft as a whole).

        A failure is located once: at the template when it is the template's fault (it
        fails with the sample situation and example values too, or there is no draft
        file), however many items use it; else at the draft item, naming the template."""
        source = self.library.source(model, *field)
        text = field_text(model, field)
        try:
            return normalize_space(render(text, context, self.locale))
        except Exception as exc:  # a template can raise anything a filter or operator does
            said = f"{owner}: {explain(exc)}" if owner else explain(exc)
            params = getattr(model, "params", {})
            if self.file is None or self.fails_alone(source, text, context, params, exc):
                self.problems.append(source.problem(said, template_line(exc)))
            elif loc is None:
                self.problems.append(Problem(self.file, f"{source}: {explain(exc)}"))
            else:
                self.problem(loc, f"{owner} ({source}): {explain(exc)}")
        return ""

    def fails_alone(
        self,
        source: TemplateSource,
        text: str,
        context: dict[str, Any],
        params: dict[str, Param],
        exc: Exception,
    ) -> bool:
        """Whether a template that failed with the draft's values is at fault itself:
        what it did is never allowed, or it fails with the sample situation
        (templates/sample-draft.yaml) and its parameters' examples as well."""
        if isinstance(exc, TEMPLATE_FAULTS):
            return True
        if source not in self.alone:
            examples = {name: _template_value(p.example) for name, p in params.items()}
            sample = self.sample
            self.alone[source] = sample is not None and _fails(text, context | sample | examples)
        return self.alone[source]

    @cached_property
    def sample(self) -> dict[str, Any] | None:
        """The names of the sample situation, or None where it cannot be read."""
        from .drafts import sample_draft  # drafts builds on this module

        try:
            sample = with_defaults(sample_draft(self.library), self.locale)
            return situation_context(sample, self.locale)
        except WgdraftError:
            return None

    # --- items --------------------------------------------------------------------

    def item_text(self, item: DraftItem, scope: dict[str, Any], loc: Loc) -> tuple[str, list[str]]:
        """The text of one draft item and the texts of its clause's nested items."""
        if item.text is not None:  # free text is text as written, never a template
            return normalize_space(item.text), []
        if item.sentences:
            return self.sentences_text(item.sentences, scope, loc), []
        return self.clause_text(item, scope, loc, "item")

    def sentences_text(self, sentences: list[Sentence], scope: dict[str, Any], loc: Loc) -> str:
        """A composed paragraph: its sentences rendered, joined by one space."""
        texts = []
        for index, sentence in enumerate(sentences):
            here = (*loc, "sentences", index)
            if sentence.text is not None:
                texts.append(normalize_space(sentence.text))
            else:
                texts.append(self.clause_text(sentence, scope, here, "sentence")[0])
        return " ".join(text for text in texts if text)

    def clause_text(
        self, item: DraftItem | Sentence, scope: dict[str, Any], loc: Loc, form: ClauseForm
    ) -> tuple[str, list[str]]:
        """A clause with the values of ``item`` (an item or a sentence, as ``form``
        says) and the texts of its nested items."""
        clause = self.library.clauses.get(item.clause or "")
        if clause is None:
            self.problem(
                (*loc, "clause"), f"unknown clause id {item.clause!r} (see 'wgdraft clauses')"
            )
            return "", []
        owner = f"clause {clause.id!r}"
        if clause.form != form:
            self.problem((*loc, "clause"), _WRONG_FORM[form].format(owner=owner))
            return "", []
        body_loc: Loc = ("body",)
        if item.variant is not None:
            if item.variant not in clause.variants:
                known = ", ".join(sorted(clause.variants)) or "none"
                self.problem(
                    (*loc, "variant"), f"{owner} has no variant {item.variant!r} (it has: {known})"
                )
                return "", []
            body_loc = ("variants", item.variant)
        values = self.resolve(clause.params, item.values, scope, loc, owner)
        if values is None:
            return "", []
        context = self.base | values
        text = self.template(clause, body_loc, context, owner, loc)
        nested = [
            self.template(clause, ("items", i), context, owner, loc)
            for i in range(len(clause.items))
        ]
        return text, nested

    def subparagraphs(
        self,
        items: list[DraftItem],
        scope: dict[str, Any],
        prefix: str,
        level: int,
        loc: Loc,
        start: int = 0,
    ) -> tuple[Subparagraph, ...]:
        """Label the items of a block (level 2) or of a subparagraph (level 3); the
        punctuation is applied afterwards by :func:`_punctuate`."""
        out = []
        for index, item in enumerate(items):
            item_loc = (*loc, index)
            if level > 3:
                self.problem(item_loc, "items nest at most two levels: (a), then (i)")
                continue
            path = ItemPath(item_loc)
            n = start + index + 1
            marker = f"({letter(n) if level == 2 else roman(n)})"
            label = f"{prefix} {marker}"
            source = _source(item)
            text, nested = self.item_text(item, scope, item_loc)
            text, notes = self.negotiated(item, text, item_loc, label)
            children = tuple(
                Subparagraph(
                    f"{label} ({roman(i + 1)})", f"({roman(i + 1)})", level + 1, t, (), source
                )
                for i, t in enumerate(nested)
            )
            children += self.subparagraphs(
                item.items, scope, label, level + 1, (*item_loc, "items"), start=len(nested)
            )
            out.append(
                Subparagraph(label, marker, level, text, children, source, path=path, notes=notes)
            )
        return tuple(out)

    # --- negotiation --------------------------------------------------------------

    def negotiated(
        self, item: DraftItem, text: str, loc: Loc, label: str
    ) -> tuple[str, tuple[Note, ...]]:
        """An item's text with its brackets applied for the stage, and its notes (the
        negotiation stage's proposers and comments); its state's mark is recorded in
        ``marks`` for :meth:`marked`. An item without negotiation data is unchanged."""
        if not (item.brackets or item.comments or item.status != "proposed"):
            return text, ()
        if text and item.brackets:
            text = self.brackets(item.brackets, text, loc, label)
        if self.stage == "clean":
            return text, ()
        words = self.negotiation
        mark = next((shown for state, shown in words.states.items() if state == item.status), "")
        if mark:
            self.marks[ItemPath(loc)] = mark
        return text, self.notes(item, words, loc)

    def brackets(self, brackets: list[Bracket], text: str, loc: Loc, label: str) -> str:
        """``text`` with each bracket's span (its first occurrence) replaced: by the
        chosen option in the clean stage, else by every option in brackets."""
        found: list[tuple[int, int, Bracket]] = []
        for index, bracket in enumerate(brackets):
            at = text.find(bracket.span)
            where = (*loc, "brackets", index, "span")
            if at < 0:
                self.problem(
                    where,
                    f"paragraph {label}: the bracketed words {bracket.span!r} are no longer in "
                    "the item's wording (the wording changed); change the bracket's span to "
                    "words of the item, or remove the bracket",
                )
                continue
            end = at + len(bracket.span)
            if any(at < other_end and other_at < end for other_at, other_end, _ in found):
                self.problem(
                    where,
                    f"paragraph {label}: the bracketed words {bracket.span!r} overlap "
                    "another bracket of the item; bracket separate words",
                )
                continue
            if self.stage == "clean" and bracket.chosen is None and not self.force:
                self.problem(
                    where,
                    f"paragraph {label}: the bracket on {bracket.span!r} is unresolved "
                    "(no option chosen) and the clean text shows only chosen options",
                )
                continue
            found.append((at, end, bracket))
        for at, end, bracket in sorted(found, key=lambda f: f[0], reverse=True):
            if self.stage == "clean" and bracket.chosen is not None:
                shown = bracket.chosen
            else:
                shown = self.shown_bracket(bracket, loc)
            text = _splice(text, at, end, shown)
        return text

    def shown_bracket(self, bracket: Bracket, loc: Loc) -> str:
        """A bracket with every option (the current wording first unless an option
        repeats it), as templates/negotiation.yaml ``bracket`` shows it."""
        words = self.negotiation
        span = bracket.span.strip()
        options = [normalize_space(option.text) for option in bracket.options]
        if span not in options:
            options.insert(0, span)
        shown = [option or words.empty_option for option in options]
        context = self.base | {"options": shown, "span": span}
        text = self.template(words, ("bracket",), context, "bracket", loc)
        # spaces the span takes in stay outside the brackets
        lead = bracket.span[: len(bracket.span) - len(bracket.span.lstrip())]
        trail = bracket.span[len(bracket.span.rstrip()) :]
        return f"{lead}{text}{trail}"

    def notes(self, item: DraftItem, words: Negotiation, loc: Loc) -> tuple[Note, ...]:
        """The notes of an item: who proposed each option, then its comments."""
        notes = []
        for bracket in item.brackets:
            for option in bracket.options:
                if option.proposed_by is None:
                    continue
                context = self.base | {
                    "delegation": option.proposed_by,
                    "option": normalize_space(option.text) or words.empty_option,
                    "span": bracket.span.strip(),
                }
                text = self.template(words, ("proposal",), context, "proposal", loc)
                notes.append(self.note(option.proposed_by, "", text, "proposal", None, loc))
        for comment in item.comments:
            date = UNDate(comment.date, self.locale)
            text = normalize_space(comment.text)
            notes.append(self.note(comment.author, date, text, "comment", comment.date, loc))
        return tuple(notes)

    def note(
        self, author: str, date: str, text: str, kind: NoteKind, day: dt.date | None, loc: Loc
    ) -> Note:
        names = {"author": author, "date": date, "text": text, "kind": kind}
        line = self.template(self.negotiation, ("note_line",), self.base | names, "note", loc)
        return Note(author, str(date), text, kind, line, day)

    def marked(self, text: str, path: ItemPath | None) -> str:
        """``text`` with the state mark of the item at ``path``, if it has one."""
        mark = self.marks.get(path) if path is not None else None
        if path is None or not mark:
            return text
        context = self.base | {"text": text, "mark": mark}
        return self.template(self.negotiation, ("marked",), context, "state mark", path.parts)

    def marked_items(self, items: tuple[Subparagraph, ...]) -> tuple[Subparagraph, ...]:
        """Punctuated subparagraphs with their items' state marks (and the links of the
        marked text)."""
        if not self.marks:
            return items
        out = []
        for item in items:
            text = self.marked(item.text, item.path)
            children = self.marked_items(item.children)
            if text == item.text and children == item.children:
                out.append(item)
                continue
            links = self.links(text)
            out.append(replace(item, text=text, children=children, links=links))
        return tuple(out)

    @property
    def negotiation(self) -> Negotiation:
        """How the negotiation text shows brackets, marks and notes."""
        return self.required(self.library.templates.negotiation, "negotiation.yaml")

    def review_names(self) -> None:
        """Each name in the draft's ``review`` list is a field that can be reviewed (a
        typo would stay "to review" for ever, naming nothing)."""
        blocks = len(self.draft.blocks)
        for index, field in enumerate(self.draft.review):
            if not known_field(field, blocks):
                self.problem(
                    ("review", index),
                    f"{field!r} is not a field that can be to review: name a situation, "
                    "document or signatories field (such as situation.report.symbol), or "
                    f"blocks[N].{'/'.join(BLOCK_FIELDS)} with N a block of the draft "
                    f"(0 to {blocks - 1})",
                )

    # --- document -----------------------------------------------------------------

    def bundle(self) -> Bundle:
        """The conclusions, and a letter or statement for each block that promises one."""
        self.review_names()
        framing = self.library.templates.framing
        channels = self.library.templates.channels
        headings = {s.id: i for i, s in enumerate(framing.sections)}
        body: list[Heading | Paragraph] = []
        letters: list[Letter] = []
        statements: list[Statement] = []
        number = 0
        scope = dict(self.draft.values)
        for index, item in enumerate(self.draft.opening):
            number += 1
            text, _nested = self.item_text(item, scope, ("opening", index))
            text, notes = self.negotiated(item, text, ("opening", index), str(number))
            text = self.marked(text, ItemPath.opening(index))
            body.append(
                Paragraph(
                    number,
                    text,
                    source=_source(item),
                    links=self.links(text),
                    path=ItemPath.opening(index),
                    notes=notes,
                )
            )
        section = None
        for index, block in enumerate(self.draft.blocks):
            loc: Loc = ("blocks", index)
            channel = channels.get(block.channel)
            if channel is None:
                known = ", ".join(sorted(channels))
                self.problem(
                    (*loc, "channel"), f"unknown channel {block.channel!r} (one of: {known})"
                )
                continue
            if channel.section != section:
                section = channel.section
                heading_at = ("sections", headings[section], "heading")
                heading = self.template(framing, heading_at, self.base)
                if heading:
                    body.append(Heading(heading, section))
            number += 1
            owner = f"channel {channel.id!r}"
            values = self.resolve(channel.params, block.values, scope, loc, owner) or {}
            context = self.base | values
            intro = self.template(channel, ("intro",), context, owner, loc)
            items = self.marked_items(
                _punctuate(
                    self.subparagraphs(
                        block.items, scope | block.values, str(number), 2, (*loc, "items")
                    ),
                    ".",
                    self.locale.document_links,
                )
            )
            body.append(
                Paragraph(
                    number,
                    intro,
                    items,
                    f"channel:{channel.id}",
                    channel.id,
                    self.links(intro),
                    ItemPath.block(index),
                )
            )
            if channel.letter is not None:
                letters.append(self.letter(number, channel, block, context, items, loc))
            elif channel.statement is not None:
                statements.append(self.statement(number, channel, block, context, items, loc))
        conclusions = Document(
            title=self.template(framing, ("title",), self.base),
            subtitle=self.template(framing, ("subtitle",), self.base),
            body=tuple(body),
            annex=self.annex(),
            symbol=self.draft.document.symbol,
            symbol_shown=self.symbol,
            masthead={
                key: self.template(framing, ("masthead", key), self.base)
                for key in framing.masthead
            },
            language=self.locale.language_tag,
        )
        return Bundle(conclusions, tuple(letters), tuple(statements))

    def links(self, text: str) -> tuple[Link, ...]:
        """The links of ``text``, to the documents of the draft's language."""
        return find_links(text, self.locale.document_links)

    @property
    def symbol(self) -> str:
        """The conclusions' symbol, or the visible placeholder while unassigned."""
        framing = self.library.templates.framing
        return self.draft.document.symbol or framing.unassigned_symbol

    def annex(self) -> Annex | None:
        if self.draft.annex is None:
            return None
        framing = self.library.templates.framing
        a = self.draft.annex
        closing = None
        if a.place and a.date:
            context = self.base | {"place": a.place, "date": UNDate(a.date, self.locale)}
            closing = self.template(framing, ("annex_closing",), context, loc=("annex",))
        return Annex(
            self.template(framing, ("annex_heading",), self.base),
            a.mission,
            self.template(framing, ("annex_title",), self.base),
            tuple(a.comments),
            closing,
        )

    def _correspondence_date(self, text: Correspondence, fallback: dt.date | None = None) -> str:
        meta = self.draft.document
        when = meta.letters_date or meta.date or fallback
        return UNDate(when, self.locale) if when else text.undated

    def letter(
        self,
        number: int,
        channel: Channel,
        block: Block,
        context: dict[str, Any],
        items: tuple[Subparagraph, ...],
        loc: Loc,
    ) -> Letter:
        text = self.correspondence
        assert channel.letter is not None
        owner = f"letter of channel {channel.id!r}"
        spec = channel.letter
        sender_text = text.senders[spec.sender]
        person = self.draft.signatories.get(spec.sender)
        recipient = self.template(channel, ("letter", "recipient"), context, owner, loc)
        sender = {
            "name": person.name if person else text.unnamed,
            "title": (person.title if person and person.title else None)
            or self.template(text, ("senders", spec.sender, "title"), self.base, loc=loc),
        }
        letter_names = {"symbol": self.symbol, "sender": sender, "recipient": recipient}
        letter_context = self.base | letter_names
        opening = self.template(text, ("senders", spec.sender, "opening"), letter_context, loc=loc)
        if spec.salutation is not None:
            salutation = self.template(
                channel, ("letter", "salutation"), context | letter_names, owner, loc
            )
        else:
            salutation = self.template(text, ("salutation",), letter_context, loc=loc)
        addressees = tuple(
            tuple(line for line in (a.name, a.title, *a.address) if line) for a in block.addressees
        ) or ((recipient[:1].upper() + recipient[1:],),)
        return Letter(
            paragraph=number,
            channel=channel.id,
            recipient=recipient,
            sender=spec.sender,
            letterhead=tuple(
                self.template(text, ("senders", spec.sender, "letterhead", i), self.base, loc=loc)
                for i in range(len(sender_text.letterhead))
            ),
            date=self._correspondence_date(text),
            addressees=addressees,
            salutation=salutation,
            opening=opening,
            items=items,
            closing=self.template(text, ("closing",), letter_context, loc=loc),
            signature=(
                self.template(text, ("signed",), letter_context, loc=loc),
                sender["title"],
            ),
            opening_links=self.links(opening),
            path=ItemPath.of(loc),
            title=self.template(
                self.locale, ("letter_title",), self.base | {"recipient": recipient}
            ),
            language=self.locale.language_tag,
        )

    def statement(
        self,
        number: int,
        channel: Channel,
        block: Block,
        context: dict[str, Any],
        items: tuple[Subparagraph, ...],
        loc: Loc,
    ) -> Statement:
        text = self.correspondence
        assert channel.statement is not None
        owner = f"statement of channel {channel.id!r}"
        statement_context = self.statement_context(context, block.meeting)
        lead = self.template(text, ("statement_lead",), statement_context, loc=loc)
        # a lead that names whom it addresses (older statements) has no "To ...:" line
        addressees = ""
        if context.get("lead_to", "none") == "none":
            addressees = self.template(channel, ("statement", "addressees"), context, owner, loc)
        return Statement(
            paragraph=number,
            channel=channel.id,
            recipient=channel.title,
            press_release=block.press_release,
            title=self.template(text, ("statement_title",), statement_context, loc=loc),
            date=self._correspondence_date(text, block.meeting.date if block.meeting else None),
            lead=lead,
            addressees=addressees,
            items=items,
            lead_links=self.links(lead),
            path=ItemPath.of(loc),
            language=self.locale.language_tag,
        )

    def statement_context(self, context: dict[str, Any], meeting: Meeting | None) -> dict[str, Any]:
        """What a statement's title and lead are rendered with: the block's ``context``,
        the symbol and the meeting that agreed it (the situation's unless given)."""
        meeting = meeting or self.draft.situation.meeting
        return context | {
            "symbol": self.symbol,
            "meeting": {
                k: _template_value(v, self.locale)
                for k, v in meeting.model_dump().items()
                if v is not None
            },
        }

    @property
    def correspondence(self) -> Correspondence:
        return self.required(self.library.templates.correspondence, "correspondence.yaml")

    def required(self, loaded: _T | None, name: str) -> _T:
        """A templates file that assembly needs: ``loaded``, or "file not found" naming it."""
        if loaded is None:
            raise WgdraftError(Problem(self.library.templates.root / name, "file not found"))
        return loaded


def _source(item: DraftItem) -> str:
    """Where an item's text comes from: its clause id, "text" or "sentences"."""
    return item.clause or ("sentences" if item.sentences else "text")


def _fails(text: str, context: dict[str, Any]) -> bool:
    try:
        render(text, context)
    except Exception:  # a template can raise anything a filter or operator does
        return True
    return False


def _punctuate(items: tuple[Subparagraph, ...], end: str, links: str) -> tuple[Subparagraph, ...]:
    """';' after each item and ``end`` after the last; an item with nested items keeps
    its own text (a lead-in) and passes its punctuation on to its last nested item.
    Symbols in the texts link to ``links`` followed by the symbol."""
    out = []
    for i, item in enumerate(items):
        item_end = end if i == len(items) - 1 else ";"
        if item.children:
            children = _punctuate(item.children, item_end, links)
            text = item.text.rstrip()
        else:
            children, text = (), _finish(item.text, item_end)
        out.append(replace(item, text=text, children=children, links=find_links(text, links)))
    return tuple(out)


def _splice(text: str, start: int, end: int, new: str) -> str:
    """``text`` with characters ``start:end`` replaced by ``new``; a deletion leaves
    one space (none before punctuation or at either end)."""
    before, after = text[:start], text[end:]
    if not new:
        if not before.strip() or after[:1] in ("", ",", ";", ".", ":", ")"):
            before = before.rstrip(" ") if before.strip() else ""
            after = after.lstrip(" ") if not before else after
        elif before.endswith(" ") and after.startswith(" "):
            after = after[1:]
    return before + new + after


def assemble_bundle(
    draft: Draft,
    library: Library,
    file: Path | None = None,
    placeholders: bool = False,
    *,
    stage: Stage = "negotiation",
    force: bool = False,
) -> Bundle:
    """Build the conclusions with their letters and statements; raise WgdraftError
    listing every problem found. With ``placeholders``, a value the draft lacks shows
    as a visible "[name]" instead (a draft still to fill in, previewed).

    ``stage`` "negotiation" shows every bracket's options, item states and notes;
    "clean" resolves brackets to the chosen option and refuses an unresolved one
    unless ``force`` (then it shows bracketed). A draft without negotiation data
    assembles the same at either stage."""
    assembler = _Assembler(draft, library, file, placeholders, stage, force)
    with wording(assembler.locale):  # a date or number printed anywhere in assembly
        bundle = assembler.bundle()
    if assembler.problems:
        raise WgdraftError(list(dict.fromkeys(assembler.problems)))  # each problem once
    return bundle


def assemble(
    draft: Draft,
    library: Library,
    file: Path | None = None,
    placeholders: bool = False,
    *,
    stage: Stage = "negotiation",
    force: bool = False,
) -> Document:
    """Build the conclusions' document tree; raise WgdraftError listing every problem
    (with ``placeholders``: a missing value shows as "[name]"; ``stage`` and ``force``
    as for :func:`assemble_bundle`)."""
    return assemble_bundle(draft, library, file, placeholders, stage=stage, force=force).conclusions


def preview_clause(
    library: Library,
    clause_id: str,
    draft: Draft,
    values: dict[str, Any] | None = None,
    variant: str | None = None,
) -> str:
    """One clause (or one of its variants) rendered for a draft; parameters not given
    take their example values. Nested items follow the body, separated by spaces."""
    clause = library.clauses[clause_id]
    given = {name: p.example for name, p in clause.params.items()} | (values or {})
    return _preview(_Assembler(draft, library, None), clause_id, given, {}, variant)


def preview_with_placeholders(
    library: Library,
    clause_id: str,
    draft: Draft,
    values: dict[str, Any] | None = None,
    variant: str | None = None,
    scope: dict[str, Any] | None = None,
) -> str:
    """One clause as the draft would print it: values given, else the enclosing
    block's (``scope``) or the draft's, else the situation's, else the default; a
    parameter that has none of these shows as a visible "[name]", never its example."""
    assembler = _Assembler(draft, library, None, placeholders=True)
    return _preview(assembler, clause_id, values or {}, draft.values | (scope or {}), variant)


def _preview(
    assembler: _Assembler,
    clause_id: str,
    given: dict[str, Any],
    scope: dict[str, Any],
    variant: str | None,
) -> str:
    clause = assembler.library.clauses.get(clause_id)
    # a yes/no or choice without a value: its placeholder where its wording would be
    unset = {
        name: options
        for name, param in (clause.params.items() if clause and assembler.placeholders else ())
        if (options := param.type.alternatives(param.choices))
        and pick(name, param, given, scope, assembler.prefill) is None
    }
    first = given | {name: options[0] for name, options in unset.items()}
    text = _preview_text(assembler, clause_id, first, scope, variant)
    if text is None:
        raise WgdraftError(assembler.problems)
    if not unset:
        return text
    from .placeholders import differences, marked  # previews only (difflib)

    spans = [
        span
        for name, options in unset.items()
        for option in options[1:]
        if (other := _preview_text(assembler, clause_id, first | {name: option}, scope, variant))
        is not None
        for span in differences(text, other, name)
    ]
    return marked(text, spans)


def _preview_text(
    assembler: _Assembler,
    clause_id: str,
    given: dict[str, Any],
    scope: dict[str, Any],
    variant: str | None,
) -> str | None:
    """One clause's text with its nested items; None, with the problems left in
    ``assembler.problems``, when it cannot be rendered."""
    item = DraftItem(clause=clause_id, values=given, variant=variant)
    clause = assembler.library.clauses.get(clause_id)
    form: ClauseForm = clause.form if clause is not None else "item"
    with wording(assembler.locale):  # either form previews on its own
        text, nested = assembler.clause_text(item, scope, (), form)
    if assembler.problems:
        return None
    return " ".join([text, *nested])
