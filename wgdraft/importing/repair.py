"""Repairing text extracted from a PDF: page furniture (link lists, page and job numbers,
running symbols), lines wrapped inside a paragraph, words split by the extraction
("co mply", "report ing", "long -term"), hyphens lost or spaced off at a line break
("SecretaryGeneral", "Secretary- General") and a comma or semicolon spaced off the word
before it ("(S/2019/1017) ,")."""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Collection, Iterable
from itertools import pairwise

#: A document symbol of the Working Group, as printed or as the tool's placeholder.
SYMBOL = re.compile(r"S/AC\.51/(?:\d{4}|\[YYYY\])/(?:\d+|\[N\])(?:/Rev\.\d+)?")
REAL_SYMBOL = re.compile(r"S/AC\.51/\d{4}/\d+(?:/Rev\.\d+)?")

#: What a page header or footer of a UN document holds: page "2/9", job number, symbol.
_MARK = r"(?:\d{1,3}/\d{1,3}|\d{2}-\d{5}(?:\s*\([A-Z]\))?|\d{6}|" + SYMBOL.pattern + ")"

_FURNITURE = [
    re.compile(r"^https?://\S+$"),  # the undocs.org link list printed after each page
    re.compile(r"^\d{1,3}(?:\s*/\s*\d{1,3})?$"),  # page number, "2/9"
    re.compile(r"^\d{2}-\d{5}\b.{0,30}$"),  # job number, "23-10245 (E) 060623"
    re.compile(r"^\*\d{7,}\*$"),  # bar code text
    re.compile(r"^Please recycle\b.{0,5}$", re.IGNORECASE),
    re.compile(r"^" + SYMBOL.pattern + r"$"),  # the running symbol in the page header
    re.compile(r"^\*\s+\S.{0,200}$"),  # a footnote to an asterisk ("Annex*")
    re.compile(rf"^{_MARK}(?:\s+{_MARK})+$"),  # a footer or header with several of them
]


def is_furniture(line: str) -> bool:
    """Whether a stripped line is page furniture rather than document text."""
    return any(pattern.match(line) for pattern in _FURNITURE)


def join_wrapped(lines: Iterable[str]) -> str:
    """One paragraph from its wrapped lines: a line ending in a hyphen joins the next
    without a space ("Secretary-" + "General"), and a hyphen the extraction spaced off
    ("long -term", "ul -Islam", "above- mentioned") is closed up, but not the hyphen of
    a word left for the next ("gender- and age-sensitive")."""
    text = ""
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        if not text:
            text = line
        elif (text.endswith("-") and text[-2:-1].isalpha()) or text.endswith(" -"):
            text += line
        else:
            text += " " + line
    text = re.sub(r"(?<=\w) -(?=\w)", "-", text)
    return tidy(re.sub(r"(?<=[^\W\d_])- (?!(?:and|or|nor|to)\b)(?=[^\W\d_])", "-", text))


def tidy(text: str) -> str:
    """White space collapsed and trimmed."""
    return " ".join(text.split())


_PUNCT = string.punctuation + "‘’“”–—…"


def _core(token: str) -> str:
    return token.strip(_PUNCT).lower()


#: Short words that are words, not halves of a split one ("follow up on" is not "upon").
_WORDS = frozenset(
    [
        "a",
        "an",
        "as",
        "at",
        "be",
        "by",
        "do",
        "go",
        "he",
        "if",
        "in",
        "is",
        "it",
        "me",
        "my",
        "no",
        "of",
        "on",
        "or",
        "so",
        "to",
        "up",
        "us",
        "we",
        "all",
        "and",
        "any",
        "are",
        "but",
        "can",
        "did",
        "for",
        "had",
        "has",
        "her",
        "him",
        "his",
        "its",
        "may",
        "not",
        "now",
        "off",
        "one",
        "our",
        "out",
        "own",
        "per",
        "see",
        "she",
        "the",
        "too",
        "two",
        "was",
        "way",
        "who",
        "why",
        "yet",
    ]
)


def join_split_words(tokens: list[str], vocabulary: Collection[str]) -> list[str]:
    """Join pairs of tokens that extraction split inside a word: the joined form is in
    ``vocabulary`` and one half is not."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        if i + 1 < len(tokens):
            a, b = tokens[i], tokens[i + 1]
            joined = a + b
            if joined in vocabulary and (a not in vocabulary or b not in vocabulary):
                out.append(joined)
                i += 2
                continue
        out.append(tokens[i])
        i += 1
    return out


def repair_split_words(texts: list[str]) -> list[str]:
    """The same texts with words split by PDF extraction joined again, judged against the
    document's own words: "co mply" is joined when "comply" occurs elsewhere in it and
    "co" or "mply" occurs nowhere else."""
    split = [text.split(" ") for text in texts]
    counts = Counter(_core(token) for tokens in split for token in tokens)
    pairs = Counter(
        (_core(a), _core(b))
        for tokens in split
        for a, b in pairwise(tokens)
        if a.isalpha() and b[:1].isalpha()
    )
    out = []
    for tokens in split:
        joined: list[str] = []
        i = 0
        while i < len(tokens):
            if i + 1 < len(tokens):
                a, b = tokens[i], tokens[i + 1]
                if a.isalpha() and b[:1].isalpha():
                    key = (_core(a), _core(b))
                    whole = _core(a + b)
                    rare = pairs[key] == 1 and any(
                        counts[half] == 1 and half not in _WORDS for half in key
                    )
                    if counts[whole] and rare:
                        joined.append(a + b)
                        i += 2
                        continue
            joined.append(tokens[i])
            i += 1
        out.append(" ".join(joined))
    return out


#: A hyphenated word as printed: "Secretary-General", "long-term".
_HYPHENATED = re.compile(r"\b[A-Za-z]+-[A-Za-z]+\b")
#: Two halves of a hyphenated word run together ("SecretaryGeneral") or with the hyphen
#: spaced off the second half ("Secretary- General"), as extraction leaves a hyphen that
#: ended a line.
_BROKEN_HYPHEN = re.compile(r"\b([A-Z]?[a-z]+)(?:- ([A-Za-z][a-z]*)|([A-Z][a-z]+))\b")


#: A comma or semicolon that a web page's mark-up left spaced off the word before it.
_SPACED_PUNCTUATION = re.compile(r"(?<=[\w)]) +(?=[,;](?:\s|$))")


def restore_hyphens(texts: list[str]) -> list[str]:
    """The same texts with hyphens lost at a line break put back, judged against the
    document's own words: "SecretaryGeneral" and "Secretary- General" become
    "Secretary-General" where that word is printed elsewhere in the texts; and a comma
    or semicolon spaced off the word before it closed up ("(S/2019/1017) ," -> "...),")."""
    printed = {m.group(0) for text in texts for m in _HYPHENATED.finditer(text)}

    def fix(m: re.Match[str]) -> str:
        whole = f"{m.group(1)}-{m.group(2) or m.group(3)}"
        return whole if whole in printed else m.group(0)

    return [_SPACED_PUNCTUATION.sub("", _BROKEN_HYPHEN.sub(fix, text)) for text in texts]
