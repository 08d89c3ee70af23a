"""Comparing rendered text with reference texts, word by word: the differences found
must be exactly the known extraction artefacts a test lists.

Both sides go through the same normalization (white space, quotes, dashes). PDF
extraction artefacts in a reference are repaired: undocs.org link lines are dropped, and
a word split in two ("co mply", "report ing", "ul -Islam") is joined when the joined
form is a word of the rendered text and one half is not.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from wgdraft.importing.repair import is_furniture, join_split_words

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def words(text: str) -> list[str]:
    """Normalized words: quotes and dashes folded, "X- Y" line-break hyphens joined."""
    text = text.translate(_QUOTES)
    text = re.sub(r"(\w)- +(?=\w)", r"\1-", text)
    return text.split()


def repair_splits(reference: list[str], vocabulary: set[str]) -> list[str]:
    """Join pairs of reference tokens that extraction split inside a word."""
    return join_split_words(reference, vocabulary)


def differences(ours: list[str], reference: list[str]) -> list[tuple[str, str]]:
    """Every span where the two word sequences differ, as (ours, reference) text."""
    matcher = difflib.SequenceMatcher(None, ours, reference, autojunk=False)
    return [
        (" ".join(ours[i1:i2]), " ".join(reference[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def first_differences(ours: list[str], reference: list[str], limit: int = 8) -> str:
    """A readable list of the first differing spans."""
    lines = []
    matcher = difflib.SequenceMatcher(None, ours, reference, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        context = " ".join(ours[max(0, i1 - 6) : i1])
        lines.append(
            f"  {tag} after '...{context}': ours={' '.join(ours[i1:i2])!r} "
            f"reference={' '.join(reference[j1:j2])!r}"
        )
        if len(lines) >= limit:
            break
    return "\n".join(lines)


def reference_text(path: Path) -> str:
    """The reference document's text without the undocs.org link lists."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not is_furniture(line.strip()))


@dataclass
class CorpusParts:
    """What a corpus file holds: opening paragraphs and the public statement's items.
    ``truncated`` marks fragments whose end was not retrieved."""

    opening: list[tuple[str, bool]]
    statement_items: list[tuple[str, bool]]


_NOT_RETRIEVED = re.compile(r"^\[\.\.\. .*not retrieved.*\]$")


def _strip_label(line: str) -> str:
    return re.sub(r"^(?:\d+\.|•|-)\s+", "", line.strip())


#: "[reliefweb rendering continues:] ...the completion of": the rest of a paragraph cut
#: off in one source, from another source that repeats its last words.
_CONTINUES = re.compile(r"^\[[^\]]*continues:?\]\s*(?:\.\.\.|…)?\s*(?P<rest>.+)$")


def _join_continuation(cut: str, rest: str) -> str:
    """A paragraph cut off (its last word perhaps cut too) joined with its continuation,
    which starts again a few words before the cut."""
    head, tail = cut.split(), rest.split()
    for overlap in range(min(len(head), len(tail), 12), 0, -1):
        *whole, last = head[-overlap:]
        if whole == tail[: overlap - 1] and tail[overlap - 1].startswith(last):
            return " ".join(head[:-overlap] + tail)
    return " ".join(head + tail)


def corpus_parts(path: Path) -> CorpusParts:
    part = ""
    opening: list[tuple[str, bool]] = []
    items: list[tuple[str, bool]] = []
    in_items = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("# "):
            continue
        if line.startswith("=== PART A"):
            part = "A"
            continue
        if line.startswith("=== PART B"):
            part, in_items = "B", False
            continue
        target = opening if part == "A" else items
        if part == "A" and re.match(r"^1\.\s", line):
            opening.clear()  # what came before paragraph 1 is the document's masthead
        continued = _CONTINUES.match(line) if part == "A" else None
        if continued and opening:
            opening[-1] = (_join_continuation(opening[-1][0], continued["rest"]), False)
            continue
        if _NOT_RETRIEVED.match(line):
            if target:
                target[-1] = (target[-1][0], True)
            continue
        if part == "A" and not line.endswith("]"):
            opening.append((_strip_label(line), False))
        elif part == "B":
            if line.startswith("To all parties"):
                in_items = True
            elif in_items:
                items.append((_strip_label(line), False))
    return CorpusParts(opening, items)


def compare_fragments(
    rendered: list[str], fragments: list[tuple[str, bool]]
) -> tuple[list[str], list[str]]:
    """Word sequences of rendered texts and reference fragments, pairwise; a truncated
    fragment is compared with the rendered text up to where the fragment ends."""
    ours: list[str] = []
    theirs: list[str] = []
    for index, (fragment, truncated) in enumerate(fragments):
        reference = words(fragment)
        mine = words(rendered[index]) if index < len(rendered) else []
        if truncated:
            mine = mine[: _cut(mine, reference)]
        ours += mine
        theirs += reference
    return ours, theirs


def _cut(mine: list[str], reference: list[str]) -> int:
    """How many words of ``mine`` the truncated ``reference`` covers: up to the word aligned
    with its last one, so that a gap inside the reference (words the extraction dropped)
    does not shift the cut."""
    cut = 0
    matcher = difflib.SequenceMatcher(None, mine, reference, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if j1 >= len(reference):
            break  # the rendered text goes on after the reference's end
        # at the reference's end, its last words may be cut inside a word
        cut = i1 + min(i2 - i1, j2 - j1) if tag == "replace" and j2 == len(reference) else i2
    return cut
