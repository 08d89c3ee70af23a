"""Where a parameter without a value shows in a preview when the template chooses its
wording by it (a yes/no or a choice): the clause is rendered once per possible value,
and the words that differ between those renderings give way to "[name]".

A value printed as it is needs none of this: assembly prints its placeholder directly
(``assemble.Placeholder``)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

# words, runs of space and single marks of punctuation: the units that differ
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")

#: a stretch of the first rendering, [start, end) in characters, and the parameter
#: whose value changes it; an empty stretch is where the other renderings add words
Span = tuple[int, int, str]


def differences(base: str, other: str, name: str) -> list[Span]:
    """The stretches of ``base`` that ``other`` words differently, for parameter
    ``name``."""
    ours, theirs = _TOKENS.findall(base), _TOKENS.findall(other)
    starts = [0]
    for token in ours:
        starts.append(starts[-1] + len(token))
    matcher = SequenceMatcher(None, ours, theirs, autojunk=False)
    return [
        (starts[i1], starts[i2], name)
        for tag, i1, i2, _j1, _j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def marked(base: str, spans: list[Span]) -> str:
    """``base`` with each stretch (touching ones merged, naming their parameters in the
    order given) replaced by "[name]", kept apart from the words beside it by a space
    where the stretch was."""
    order = list(dict.fromkeys(name for _start, _end, name in spans))  # as given
    merged: list[tuple[int, int, list[str]]] = []
    for start, end, name in sorted(spans):
        if merged and start <= merged[-1][1]:
            last_start, last_end, names = merged[-1]
            merged[-1] = (last_start, max(last_end, end), names)
        else:
            merged.append((start, end, []))
        if name not in merged[-1][2]:
            merged[-1][2].append(name)
    out: list[str] = []
    at = 0
    for start, end, names in merged:
        out.append(base[at:start])
        marker = " ".join(f"[{name}]" for name in sorted(names, key=order.index))
        before = base[start - 1] if start else " "
        after = base[end] if end < len(base) else " "
        if not (before.isspace() or before in "([") and (start == end or not base[start].isalnum()):
            marker = " " + marker
        if (after.isalnum() or after in "([") and (start == end or not base[end - 1].isalnum()):
            marker += " "
        out.append(marker)
        at = end
    out.append(base[at:])
    return "".join(out)
