"""Deviations from agreed language: which items of a draft depart from the library's
clauses, and how, word by word.

An item deviates when

- it is **free text** whose wording is not that of a clause: it is compared with its
  nearest clause (the ``nearest`` an import recorded on the item, else the matcher's
  best guess), rendered for this draft with the values read back from the text where
  the matcher reads them, else with the draft's own values and visible "[name]"s;
- it uses a clause that is **new wording**, with no precedent: a clause derived from
  another (``derived_from``) is compared with its origin rendered with the same values;
  one with no origin is reported as such, with nothing to compare;
- it uses a **variant no precedent names** (each precedent of a variant says "Variant
  <name>" in its note): compared with the clause's body rendered with the same values.

Precedents record where language was agreed, not with which values, so an item's values
are not compared with anything: a clause used with its own parameters is agreed language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .assemble import assemble_bundle, preview_with_placeholders
from .errors import WgdraftError
from .itempath import ItemPath
from .library import Library
from .matching import Matcher, similarity
from .models import Clause, ClauseForm, Draft, DraftItem, Sentence
from .templating import normalize_space
from .tree import Bundle, Paragraph, Subparagraph

#: why an item deviates
Kind = Literal["free-text", "new-wording", "derived", "variant"]
Op = Literal["insert", "delete", "replace"]


@dataclass(frozen=True)
class Deviation:
    """One item that departs from agreed language, and how."""

    path: ItemPath
    label: str  # "6 (c)"
    clause: str | None  # the clause whose wording is the agreed language compared with
    variant: str | None
    similarity: float
    agreed: str  # that clause rendered with the same values ("" when there is none)
    here: str  # the item's text as the draft prints it
    changes: list[tuple[str, str, str]]  # (op, agreed words, here words)
    precedents: list[str]  # where the agreed language was agreed
    kind: Kind = "free-text"
    #: the clause and variant the item itself uses (None for free text)
    item_clause: str | None = None
    item_variant: str | None = None

    @property
    def reason(self) -> str:
        """Why the item is listed, in a few words."""
        if self.kind == "free-text":
            return "free text"
        if self.kind == "new-wording":
            return f"new wording: clause {self.item_clause} has no precedent"
        if self.kind == "derived":
            return f"new wording: clause {self.item_clause} derived from {self.clause}"
        return f"variant {self.item_variant!r} of {self.clause} has no precedent"


# --- words ------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """The words of a text as compared: split at spaces, the item's final ';' or '.'
    left out (assembly punctuates items by their place)."""
    return text.strip().rstrip(";.").split()


Segment = tuple[str, str, str]  # (op "equal"|"insert"|"delete"|"replace", agreed, here)


def segments(agreed: str, here: str) -> list[Segment]:
    """The two texts as runs of words that are equal, inserted, deleted or replaced."""
    a, b = words(agreed), words(here)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (op, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _ratio(agreed: str, here: str) -> float:
    """The similarity of the item to the agreed text (0 when there is none), to 3 places."""
    if not agreed:
        return 0.0
    return round(similarity(" ".join(words(agreed)), " ".join(words(here))), 3)


def changes(agreed: str, here: str) -> list[tuple[str, str, str]]:
    """The runs of words that differ: (op, agreed words, here words)."""
    return [seg for seg in segments(agreed, here) if seg[0] != "equal"]


def marked(change: tuple[str, str, str]) -> str:
    """A change in plain text, readable without colour: ``[-old-] {+new+}``."""
    _op, old, new = change
    out = []
    if old:
        out.append(f"[-{old}-]")
    if new:
        out.append(f"{{+{new}+}}")
    return " ".join(out)


def marked_texts(deviation: Deviation) -> tuple[str, str]:
    """The agreed text with its deleted words marked ``[-...-]`` and the item's text
    with its inserted words marked ``{+...+}``."""
    agreed: list[str] = []
    here: list[str] = []
    for op, old, new in segments(deviation.agreed, deviation.here):
        if op == "equal":
            agreed.append(old)
            here.append(new)
            continue
        if old:
            agreed.append(f"[-{old}-]")
        if new:
            here.append(f"{{+{new}+}}")
    return " ".join(agreed), " ".join(here)


# --- finding them -----------------------------------------------------------------

_VARIANT_NOTE = r"\bvariant\s+{}\b"


def variant_agreed(clause: Clause, variant: str) -> bool:
    """Whether a precedent of the clause names the variant ("Variant took-note ...")."""
    pattern = re.compile(_VARIANT_NOTE.format(re.escape(variant)), re.IGNORECASE)
    return any(p.note and pattern.search(p.note) for p in clause.precedents)


def _items(draft: Draft) -> Iterator[tuple[ItemPath, DraftItem, dict[str, Any]]]:
    """Every draft item with its path and the values of its block."""

    def nested(
        items: list[DraftItem], path: ItemPath, scope: dict[str, Any]
    ) -> Iterator[tuple[ItemPath, DraftItem, dict[str, Any]]]:
        for index, item in enumerate(items):
            here = path.item(index)
            yield here, item, scope
            yield from nested(item.items, here, scope)

    for index, item in enumerate(draft.opening):
        yield ItemPath.opening(index), item, {}
    for index, block in enumerate(draft.blocks):
        yield from nested(block.items, ItemPath.block(index), block.values)


class _Finder:
    """Renders clauses for the draft and finds the clause nearest to free text."""

    def __init__(self, draft: Draft, library: Library, matcher: Matcher | None) -> None:
        self.draft = draft
        self.library = library
        self._matcher = matcher

    @property
    def matcher(self) -> Matcher:
        if self._matcher is None:
            self._matcher = Matcher(self.library, self.draft)
        return self._matcher

    def render(
        self,
        clause_id: str,
        variant: str | None,
        values: dict[str, Any],
        scope: dict[str, Any],
    ) -> str:
        """The clause as this draft would print it with ``values`` (those it takes),
        "[name]" where a parameter has no value."""
        clause = self.library.clauses[clause_id]
        given = {k: v for k, v in values.items() if k in clause.params}
        if variant not in clause.variants:
            variant = None
        try:
            return preview_with_placeholders(
                self.library, clause_id, self.draft, given, variant, scope
            )
        except WgdraftError:  # a value the clause refuses: the clause without values
            return preview_with_placeholders(self.library, clause_id, self.draft, {}, variant)

    def sentence_text(self, sentence: Sentence, scope: dict[str, Any]) -> str:
        """One sentence of a composed item as the draft prints it."""
        if sentence.text is not None:
            return normalize_space(sentence.text)
        return self.render(sentence.clause or "", sentence.variant, sentence.values, scope)

    def free_text(
        self,
        item: DraftItem | Sentence,
        here: str,
        scope: dict[str, Any],
        form: ClauseForm = "item",
    ) -> tuple[str | None, str | None, str]:
        """The clause nearest to a free-text item (or sentence: ``form``), its variant
        and its rendering: the clause an import recorded on the item (with the values
        the matcher reads back when it reads that clause), else the matcher's nearest."""
        recorded = item.nearest if isinstance(item, DraftItem) else None
        if recorded is not None and recorded.clause in self.library.clauses:
            clause_id, variant = recorded.clause, recorded.variant
            for match in self.matcher.nearest(here):
                if (match.clause, match.variant) == (clause_id, variant):
                    return clause_id, variant, self.render(clause_id, variant, match.values, scope)
            return clause_id, variant, self.render(clause_id, variant, {}, scope)
        found = self.matcher.nearest(here, 1, form)
        if not found:
            return None, None, ""
        match = found[0]
        return (
            match.clause,
            match.variant,
            self.render(match.clause, match.variant, match.values, scope),
        )


def _printed(node: Paragraph | Subparagraph) -> str:
    """An item's text as printed, with its clause's own nested (i) items."""
    parts = [node.text]
    if isinstance(node, Subparagraph):
        parts += [child.text for child in node.children if child.path is None]
    return " ".join(part.rstrip().rstrip(";.") for part in parts)


def _precedents(clause: Clause | None) -> list[str]:
    return [str(p) for p in clause.precedents] if clause is not None else []


def deviations(
    draft: Draft,
    library: Library,
    file: Path | None = None,
    *,
    bundle: Bundle | None = None,
    matcher: Matcher | None = None,
) -> list[Deviation]:
    """Every item of ``draft`` that departs from agreed language, in document order.
    ``bundle`` is the draft assembled already and ``matcher`` a Matcher of this library
    and situation, if they are at hand (a matcher kept between calls is faster: it
    builds what it compares as it needs it).

    Raises WgdraftError with the draft's problems when it does not assemble."""
    if bundle is None:  # the current wording: chosen options, no state marks
        bundle = assemble_bundle(draft, library, file, stage="clean", force=True)
    nodes = bundle.conclusions.by_path()
    finder = _Finder(draft, library, matcher)
    out: list[Deviation] = []
    for path, item, block_values in _items(draft):
        node = nodes.get(path)
        if node is None:
            continue
        if item.sentences:  # each sentence is agreed language or not on its own
            for index, sentence in enumerate(item.sentences):
                here = finder.sentence_text(sentence, block_values)
                found = _deviation(
                    finder,
                    path.child("sentences", index),
                    f"{node.label} s{index + 1}",
                    sentence,
                    here,
                    block_values,
                )
                if found is not None:
                    out.append(found)
            continue
        found = _deviation(finder, path, node.label, item, _printed(node), block_values)
        if found is not None:
            out.append(found)
    return out


def _deviation(
    finder: _Finder,
    path: ItemPath,
    label: str,
    item: DraftItem | Sentence,
    here: str,
    block_values: dict[str, Any],
) -> Deviation | None:
    """How an item (or one sentence of a composed item) whose text is ``here``
    departs from agreed language; None if it does not."""
    library = finder.library
    form: ClauseForm = "sentence" if isinstance(item, Sentence) else "item"
    values = dict(item.values)
    kind: Kind
    if item.text is not None:
        kind = "free-text"
        clause_id, variant, agreed = finder.free_text(item, here, block_values, form)
    else:
        clause = library.clauses[item.clause or ""]
        if not clause.precedents:
            origin = library.clauses.get(clause.derived_from or "")
            kind = "derived" if origin is not None else "new-wording"
            clause_id = origin.id if origin is not None else None
            variant = item.variant if origin and item.variant in origin.variants else None
        elif item.variant is not None and not variant_agreed(clause, item.variant):
            kind, clause_id, variant = "variant", clause.id, None
        else:
            return None
        agreed = (
            finder.render(clause_id, variant, values, block_values) if clause_id is not None else ""
        )
    found = changes(agreed, here)
    if agreed and not found:
        return None  # word for word the agreed language
    origin_clause = library.clauses.get(clause_id) if clause_id else None
    return Deviation(
        path=path,
        label=label,
        clause=clause_id,
        variant=variant,
        similarity=_ratio(agreed, here),
        agreed=agreed,
        here=here,
        changes=found,
        precedents=_precedents(origin_clause),
        kind=kind,
        item_clause=item.clause,
        item_variant=item.variant,
    )


# --- one line each ------------------------------------------------------------------

_WORDS_SHOWN = 8
_CHANGES_SHOWN = 4


def _cut(text: str) -> str:
    shown = text.split()
    return text if len(shown) <= _WORDS_SHOWN else " ".join(shown[:_WORDS_SHOWN]) + " …"


def line(deviation: Deviation) -> str:
    """The deviation on one line: label, similarity, the clause compared with (and its
    variant), why the item is listed, and the changed words (``[-old-] {+new+}``)."""
    d = deviation
    ratio = f"{d.similarity:.2f}" if d.agreed else "  — "
    nearest = f"{d.clause} [{d.variant}]" if d.variant else (d.clause or "no clause")
    shown = [marked((op, _cut(old), _cut(new))) for op, old, new in d.changes[:_CHANGES_SHOWN]]
    if len(d.changes) > _CHANGES_SHOWN:
        shown.append(f"(+{len(d.changes) - _CHANGES_SHOWN} more)")
    out = f"{d.label:<10} {ratio}  {nearest}  ({d.reason})"
    return f"{out}: {'; '.join(shown)}" if shown else out


def summary(found: list[Deviation], drafts: int) -> str:
    """How many items deviate, by kind: '2 deviating item(s) in 1 draft(s): 1 free text,
    1 new wording'."""
    kinds = {"free-text": "free text", "new-wording": "new wording"}
    kinds |= {"derived": "derived", "variant": "variant without precedent"}
    counts = [
        f"{n} {name}" for kind, name in kinds.items() if (n := sum(d.kind == kind for d in found))
    ]
    out = f"{len(found)} deviating item(s) in {drafts} draft(s)"
    return f"{out}: {', '.join(counts)}" if counts else out
