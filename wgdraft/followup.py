"""Follow-up drafts: the next conclusions on a situation, made from the earlier ones.

What can be known is set: the previous conclusions are the earlier document's symbol,
the report's ordinal is the word after the earlier one (from the locale's
``ordinals``). What is only as old as the earlier text is marked to review (see
:mod:`wgdraft.review`): the report's symbol, date and period, the meeting, the
resolutions, the signatories and addressees named in person, the statements' meetings,
and every item that states facts (free text, the members' assessment, a clause with
dates, months, numbers or symbols among its values). What is issued only after
adoption (the document's symbol, job number and dates, press releases) and the annex
(the country's comments on that report) are not carried over, nor where each item
stood in the earlier negotiation (its state, comments and who proposed which option; a
bracket settled on the wording itself goes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .itempath import ItemPath
from .library import Library
from .review import fact_values, walk_items

#: the family of the sentences of the members' assessment of the report
ASSESSMENT_FAMILY = "assessment"
#: files read as adopted texts and imported first
ADOPTED_SUFFIXES = (".txt", ".docx", ".pdf")

#: situation and document fields marked to review when the earlier draft gives them
_TIME_BOUND = (
    ("situation", "report", "ordinal"),
    ("situation", "report", "symbol"),
    ("situation", "report", "date"),
    ("situation", "report", "period_start"),
    ("situation", "report", "period_end"),
    ("situation", "meeting", "date"),
    ("situation", "meeting", "kind"),
    ("situation", "meeting", "number"),
    ("situation", "previous_conclusions"),
    ("situation", "resolutions"),
    ("document", "date"),
    ("document", "letters_date"),
    ("signatories", "president"),
    ("signatories", "chair"),
)
#: fields a follow-up sets itself: to review only where it could not
_KNOWABLE = frozenset({"situation.report.ordinal", "situation.previous_conclusions"})
#: where an item stood in the earlier negotiation (its agreed wording is carried)
_NEGOTIATION = ("status", "comments")
#: document fields not carried over: issued for each document
_NOT_CARRIED = ("symbol", "date", "letters_date", "job_number")


@dataclass
class FollowUp:
    """What making a follow-up did: the values it set and what it left to review."""

    source: Path
    previous_conclusions: str | None = None
    ordinal: tuple[str, str] | None = None  # (earlier, new); None: could not tell
    cleared: list[str] = field(default_factory=list)
    fields: list[str] = field(default_factory=list)
    items: int = 0

    def lines(self) -> list[str]:
        """What was set, one line each (CLI and TUI messages)."""
        out = []
        if self.previous_conclusions:
            out.append(f"previous conclusions: {self.previous_conclusions}")
        else:
            out.append("previous conclusions: the earlier text has no symbol; to review")
        if self.ordinal:
            out.append(f"report ordinal: {self.ordinal[0]} -> {self.ordinal[1]}")
        else:
            out.append("report ordinal: not known to follow; to review")
        if self.cleared:
            out.append("not carried over: " + ", ".join(self.cleared))
        return out

    @property
    def count(self) -> int:
        return len(self.fields) + self.items


def earlier_text(earlier: Path, library: Library) -> str:
    """The YAML text of the earlier draft; an adopted text (TXT, DOCX, PDF) is
    imported first, as ``wgdraft import`` does."""
    if earlier.suffix.lower() in ADOPTED_SUFFIXES:
        from .importing.to_draft import draft_text, import_file

        return draft_text(import_file(earlier, library))
    from .drafts import read_draft

    return read_draft(earlier)[0]


def next_ordinal(word: str, ordinals: list[str]) -> str | None:
    """The ordinal after ``word`` ("fourth" -> "fifth"), in ``word``'s capitalization;
    None if the word is not in the list or is the last."""
    folded = [o.casefold() for o in ordinals]
    try:
        at = folded.index(word.strip().casefold())
    except ValueError:
        return None
    if at + 1 >= len(ordinals):
        return None
    after = ordinals[at + 1]
    return after[:1].upper() + after[1:] if word.strip()[:1].isupper() else after


def make_follow_up(data: Any, library: Library, source: Path) -> FollowUp:
    """Turn the earlier draft's round-trip ``data`` into its follow-up, in place."""
    result = FollowUp(source)
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    situation = data.get("situation") if isinstance(data.get("situation"), dict) else {}
    unknown: set[str] = set()
    # what can be known
    symbol = document.get("symbol")
    if symbol:
        situation["previous_conclusions"] = str(symbol)
        result.previous_conclusions = str(symbol)
    else:
        unknown.add("situation.previous_conclusions")
    report = situation.get("report")
    if isinstance(report, dict) and isinstance(report.get("ordinal"), str):
        locale = library.templates.locale(str(document.get("language") or "en"))
        new = next_ordinal(report["ordinal"], locale.ordinals if locale else [])
        if new is not None:
            result.ordinal = (str(report["ordinal"]), new)
            report["ordinal"] = new
    if result.ordinal is None:
        unknown.add("situation.report.ordinal")
    # what is as old as the earlier text (in the order the walk-through takes)
    flags = [
        ".".join(parts)
        for parts in _TIME_BOUND
        if ".".join(parts) in unknown or (".".join(parts) not in _KNOWABLE and _given(data, parts))
    ]
    for number, block in enumerate(data.get("blocks") or []):
        if not isinstance(block, dict):
            continue
        here = ItemPath.block(number)
        if block.get("press_release"):  # issued for each statement
            result.cleared.append(str(here.child("press_release")))
            del block["press_release"]
        if block.get("meeting"):
            flags.append(str(here.child("meeting")))
        addressees = block.get("addressees") or []
        if any(isinstance(a, dict) and a.get("name") for a in addressees):
            flags.append(str(here.child("addressees")))
    for _ref, item in walk_items(data):
        for key in _NEGOTIATION:  # the earlier negotiation's, not this one's
            item.pop(key, None)
        _settled_brackets(item)
        if states_facts(item, library):
            item["review"] = True
            result.items += 1
        else:
            item.pop("review", None)
    # what is issued for each document, and the country's comments on that report
    for key in _NOT_CARRIED:
        if document.get(key) is not None:
            result.cleared.append(f"document.{key}")
            if key in ("symbol", "job_number"):
                del document[key]
            else:
                document[key] = None
    if data.get("annex") is not None:
        result.cleared.append("annex")
    data.pop("annex", None)
    result.fields = flags
    _retitle(data, result)
    data.pop("review", None)
    if flags:
        _put_first(data, "review", flags, f"to review, carried from {source.name}")
    return result


def _settled_brackets(item: Any) -> None:
    """An item's brackets as the earlier negotiation left them, without its proposals:
    who proposed which option is not said again, and a bracket whose chosen option is
    the wording itself goes (a bracket agreed on other words stays: the clause's
    wording needs it; an open one stays open)."""
    brackets = item.get("brackets")
    if not isinstance(brackets, list):
        return
    for bracket in list(brackets):
        if not isinstance(bracket, dict):
            continue
        for option in bracket.get("options") or []:
            if isinstance(option, dict):
                option.pop("proposed_by", None)
        chosen, span = bracket.get("chosen"), bracket.get("span")
        if isinstance(span, str) and chosen is not None and str(chosen).strip() == span.strip():
            brackets.remove(bracket)
    if not brackets:
        del item["brackets"]


def _retitle(data: Any, result: FollowUp) -> None:
    """The draft's opening comment says what it is a follow-up of: the earlier one's
    (such as "Conclusions on ... (2023): the reference document.") described that
    text, not this one. Plain data has no comments: nothing to do."""
    from ruamel.yaml.comments import CommentedMap

    if not isinstance(data, CommentedMap):
        return
    earlier = result.source.name
    if result.previous_conclusions:
        earlier = f"{result.previous_conclusions} ({earlier})"
    data.ca.comment = None  # the earlier text's opening comment
    data.yaml_set_start_comment(f"Follow-up of {earlier}, made with wgdraft.")


def _put_first(data: Any, key: str, value: list[str], comment: str) -> None:
    """``key`` as the first entry of a round-trip mapping (plain data: the last)."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    if isinstance(data, CommentedMap):
        data.insert(0, key, CommentedSeq(value), comment=comment)
    else:
        data[key] = value


def _given(data: Any, parts: tuple[str, ...]) -> bool:
    node = data
    for part in parts:
        if not isinstance(node, dict) or node.get(part) in (None, "", []):
            return False
        node = node[part]
    return True


def states_facts(item: Any, library: Library) -> bool:
    """Whether an item states facts of its time: free text, a sentence of the members'
    assessment, or a clause given a date, month, number or symbol."""
    if item.get("text") is not None:
        return True
    for sentence in item.get("sentences") or []:
        if not isinstance(sentence, dict):
            continue
        if sentence.get("text") is not None:
            return True
        clause = library.clauses.get(str(sentence.get("clause")))
        if clause is not None and clause.family == ASSESSMENT_FAMILY:
            return True
        if fact_values(sentence, library):
            return True
    return bool(fact_values(item, library))


__all__ = ["FollowUp", "earlier_text", "make_follow_up", "next_ordinal", "states_facts"]
