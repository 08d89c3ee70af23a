"""Redlines: what changed between two bundles, paragraph by paragraph and word by word.

Each document (the conclusions, a letter, a statement) is flattened into the paragraphs
its DOCX shows (``Para``: a paragraph style, the plain-text label and the text). The
paragraphs of the old and new documents are aligned with difflib on (style, text);
within a replaced stretch, paragraphs of the same style are paired one to one where
their words are alike enough (an order-preserving best pairing), and the rest are
wholly deleted or inserted. Paired paragraphs are then diffed word by word: tokens are
the words and the runs of white space between them, so accepting every change gives the
new text exactly and rejecting every change the old one.

Labels ("4.", "(b)") are never part of the compared text: Word numbers paragraphs through
their styles, and plain text shows the label of the side a paragraph comes from.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import shlex
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import render_docx as styles
from .errors import Problem, WgdraftError
from .tree import Bundle, Document, Letter, Note, Part, PartRole, Statement, Subparagraph

if TYPE_CHECKING:
    from .library import Library
    from .negotiation import Stage
    from .output import OutputFile

Source = Document | Letter | Statement

#: The text redline's marks, as ``git diff --word-diff=plain`` shows them.
DELETED = ("[-", "-]")
INSERTED = ("{+", "+}")

_INDENT = "    "


@dataclass(frozen=True, slots=True)
class Piece:
    """Text in one character style (None: the paragraph's own)."""

    text: str
    style: str | None = None


@dataclass(frozen=True, slots=True)
class Para:
    """One paragraph as the DOCX shows it: its style and text pieces, with the label
    plain text puts before it (never compared), and whether a blank line follows it
    there. ``shown`` is False for what plain text leaves out (the masthead), ``docx``
    for what a DOCX does not show as a paragraph (notes)."""

    style: str
    pieces: tuple[Piece, ...]
    prefix: str = ""
    end_of_part: bool = False
    shown: bool = True
    #: False for a note (a comment or proposal of the negotiation text): plain text
    #: shows it as a line, a DOCX as a Word comment, which a redline leaves out
    docx: bool = True

    @property
    def text(self) -> str:
        return "".join(piece.text for piece in self.pieces)

    @property
    def key(self) -> tuple[str, tuple[Piece, ...]]:
        return self.style, self.pieces


SpanKind = Literal["equal", "delete", "insert"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a paragraph's text: kept, deleted or inserted."""

    kind: SpanKind
    text: str
    style: str | None = None


ChangeKind = Literal["equal", "changed", "delete", "insert"]


@dataclass(frozen=True, slots=True)
class ParaChange:
    """One paragraph of the redline: kept as it was, changed within (``spans``), or
    wholly deleted or inserted."""

    kind: ChangeKind
    old: Para | None
    new: Para | None
    spans: tuple[Span, ...]

    @property
    def para(self) -> Para:
        """The paragraph whose style and label the redline shows."""
        para = self.new if self.new is not None else self.old
        assert para is not None
        return para


# --- documents as paragraphs ----------------------------------------------------------


def _one(style: str, text: str, prefix: str = "", *, end: bool = False) -> Para:
    return Para(style, (Piece(text),) if text else (), prefix, end)


#: The style that pairs notes with notes only.
NOTE = "note"


def _notes(notes: tuple[Note, ...], level: int) -> list[Para]:
    """A paragraph's (level 1) or item's notes as plain text shows them, below it."""
    return [Para(NOTE, (Piece(note.line),), _INDENT * level, docx=False) for note in notes]


def _items(items: tuple[Subparagraph, ...]) -> Iterator[Para]:
    for item in items:
        indent = _INDENT * (item.level - 1)
        yield _one(styles.LEVEL_STYLES[item.level], item.text, f"{indent}{item.marker} ")
        yield from _notes(item.notes, item.level)
        yield from _items(item.children)


def _prefix(part: Part) -> str:
    if part.role == "paragraph":
        return f"{part.label}. "
    if part.role == "annex_items":
        return f"{_INDENT}– "
    return ""


def _parts(parts: tuple[Part, ...], roles: dict[PartRole, str]) -> list[Para]:
    """The paragraphs of a document's parts as render_docx writes them, each part's last
    one ending a block in plain text (but a run-on press-release line)."""
    out: list[Para] = []
    for part in parts:
        paras = [_one(roles[part.role], line, _prefix(part)) for line in part.lines]
        paras += _notes(part.notes, 1)
        paras += _items(part.items)
        if paras and part.role != "press_release":
            last = paras[-1]
            paras[-1] = Para(last.style, last.pieces, last.prefix, True, docx=last.docx)
        out += paras
    return out


def _masthead(document: Document) -> list[Para]:
    """The masthead as render_docx writes it; plain text does not show it."""
    masthead = document.masthead
    top = (
        Piece(masthead.get("organization", "")),
        Piece("\t"),
        Piece(document.symbol_shown, styles.SYMBOL),
    )
    paras = [
        Para(styles.MASTHEAD_TOP, tuple(p for p in top if p.text), shown=False),
        Para(styles.MASTHEAD_ORGAN, (Piece(masthead.get("organ", "")),), shown=False),
    ]
    for key in ("distribution", "date", "original"):
        if masthead.get(key):
            paras.append(Para(styles.MASTHEAD_DISTRIBUTION, (Piece(masthead[key]),), shown=False))
    paras.append(Para(styles.MASTHEAD_END, (), shown=False))
    return [Para(p.style, tuple(x for x in p.pieces if x.text), shown=False) for p in paras]


def paragraphs(source: Source | None) -> list[Para]:
    """A document's paragraphs in reading order, as its DOCX has them (none for None)."""
    if source is None:
        return []
    if isinstance(source, Letter):
        return _parts(source.parts(), styles.LETTER_STYLES)
    if isinstance(source, Statement):
        return _parts(source.parts(), styles.STATEMENT_STYLES)
    body = [part for part in source.parts() if part.role != "masthead"]
    return _masthead(source) + _parts(tuple(body), styles.CONCLUSIONS_STYLES)


# --- words ------------------------------------------------------------------------------

_TOKEN = re.compile(r"\s+|\S+")

Token = tuple[str, str | None]


def _tokens(pieces: tuple[Piece, ...]) -> list[Token]:
    return [(word, piece.style) for piece in pieces for word in _TOKEN.findall(piece.text)]


def _spans(kind: SpanKind, tokens: list[Token]) -> list[Span]:
    """Tokens as spans of one kind, one per run of the same character style."""
    out: list[Span] = []
    for text, style in tokens:
        if out and out[-1].style == style:
            out[-1] = Span(kind, out[-1].text + text, style)
        else:
            out.append(Span(kind, text, style))
    return out


def word_diff(old: tuple[Piece, ...], new: tuple[Piece, ...]) -> tuple[Span, ...]:
    """The spans that turn ``old`` into ``new``: kept, deleted and inserted words, the
    deleted words of a change before the inserted ones. White space alone kept between
    two changes joins them, so a rewritten phrase reads as one deletion and one
    insertion rather than word by word."""
    a, b = _tokens(old), _tokens(new)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    ops: list[tuple[bool, list[Token], list[Token]]] = []  # (kept, old tokens, new tokens)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        ops.append((tag == "equal", a[i1:i2], b[j1:j2]))
    for index in range(1, len(ops) - 1):
        kept, olds, _ = ops[index]
        between_changes = not ops[index - 1][0] and not ops[index + 1][0]
        if kept and between_changes and all(not text.strip() for text, _ in olds):
            ops[index] = (False, olds, olds)
    merged: list[tuple[bool, list[Token], list[Token]]] = []
    for op in ops:
        if merged and not op[0] and not merged[-1][0]:
            merged[-1] = (False, merged[-1][1] + op[1], merged[-1][2] + op[2])
        else:
            merged.append(op)
    spans: list[Span] = []
    for kept, olds, news in merged:
        if kept:
            spans += _spans("equal", news)
        else:
            spans += _spans("delete", olds) + _spans("insert", news)
    return tuple(spans)


# --- paragraphs -------------------------------------------------------------------------

#: How alike (difflib ratio of their words, punctuation aside) two paragraphs of the same
#: style must be to be shown as one changed paragraph rather than one deleted and one
#: inserted.
ALIKE = 0.4

_WORD = re.compile(r"\w+")


def _alike(old: Para, new: Para) -> float:
    if old.style != new.style:
        return 0.0
    words = _WORD.findall(old.text.lower()), _WORD.findall(new.text.lower())
    ratio = difflib.SequenceMatcher(None, *words, autojunk=False).ratio()
    return ratio if ratio >= ALIKE else 0.0


def _pairs(old: list[Para], new: list[Para]) -> list[tuple[int, int]]:
    """The order-preserving pairing of alike paragraphs with the greatest total likeness."""
    n, m = len(old), len(new)
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    score = [[_alike(old[i], new[j]) for j in range(m)] for i in range(n)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            paired = best[i + 1][j + 1] + score[i][j] if score[i][j] else 0.0
            best[i][j] = max(best[i + 1][j], best[i][j + 1], paired)
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        if score[i][j] and best[i][j] == best[i + 1][j + 1] + score[i][j]:
            pairs.append((i, j))
            i, j = i + 1, j + 1
        elif best[i][j] == best[i + 1][j]:
            i += 1
        else:
            j += 1
    return pairs


def _whole(kind: Literal["delete", "insert"], para: Para) -> ParaChange:
    spans = tuple(_spans(kind, _tokens(para.pieces)))
    if kind == "delete":
        return ParaChange(kind, para, None, spans)
    return ParaChange(kind, None, para, spans)


def _replaced(old: list[Para], new: list[Para]) -> list[ParaChange]:
    out: list[ParaChange] = []
    i = j = 0
    for pi, pj in [*_pairs(old, new), (len(old), len(new))]:
        out += [_whole("delete", para) for para in old[i:pi]]
        out += [_whole("insert", para) for para in new[j:pj]]
        if pi < len(old):
            o, n = old[pi], new[pj]
            out.append(ParaChange("changed", o, n, word_diff(o.pieces, n.pieces)))
        i, j = pi + 1, pj + 1
    return out


def compare_paragraphs(old: list[Para], new: list[Para]) -> list[ParaChange]:
    """The redline of two lists of paragraphs, in the new document's order."""
    matcher = difflib.SequenceMatcher(
        None, [p.key for p in old], [p.key for p in new], autojunk=False
    )
    out: list[ParaChange] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for o, n in zip(old[i1:i2], new[j1:j2], strict=True):
                out.append(ParaChange("equal", o, n, tuple(_spans("equal", _tokens(n.pieces)))))
        else:
            out += _replaced(old[i1:i2], new[j1:j2])
    return out


def compare(old: Source | None, new: Source | None) -> list[ParaChange]:
    """The redline of two versions of one document (None: the document is new, or gone)."""
    return compare_paragraphs(paragraphs(old), paragraphs(new))


# --- bundles ----------------------------------------------------------------------------

DocumentKind = Literal["conclusions", "letter", "statement"]


@dataclass(frozen=True, slots=True)
class DocumentPair:
    """One document of either bundle, with its version in the other (None if none), and
    the name its redline file takes ("conclusions", "letters/06-government-letter")."""

    kind: DocumentKind
    name: str
    old: Source | None
    new: Source | None

    @property
    def title(self) -> str:
        """How the terminal redline heads it: its name, and its recipient."""
        source = self.new if self.new is not None else self.old
        if isinstance(source, Letter | Statement):
            return f"{self.name} ({source.recipient})"
        return self.name


def _matched(
    kind: DocumentKind,
    old: Sequence[Letter | Statement],
    new: Sequence[Letter | Statement],
) -> list[DocumentPair]:
    """Letters (or statements) matched by channel and recipient, else by the block that
    promises them; in the new bundle's order, then the old ones that are gone."""
    folder = f"{kind}s"
    unmatched: list[Letter | Statement] = list(old)
    out = []
    for item in new:
        twin = next(
            (o for o in unmatched if (o.channel, o.recipient) == (item.channel, item.recipient)),
            None,
        )
        if twin is None and item.path is not None:
            twin = next(
                (o for o in unmatched if o.path == item.path and o.channel == item.channel), None
            )
        if twin is not None:
            unmatched.remove(twin)
        out.append(DocumentPair(kind, f"{folder}/{item.paragraph:02d}-{item.channel}", twin, item))
    names = {pair.name for pair in out}
    for gone in unmatched:
        name = f"{folder}/{gone.paragraph:02d}-{gone.channel}"
        while name in names:
            name += "-old"
        names.add(name)
        out.append(DocumentPair(kind, name, gone, None))
    return out


def document_pairs(old: Bundle, new: Bundle) -> list[DocumentPair]:
    """Every document of the two bundles, paired: the conclusions, letters, statements."""
    return [
        DocumentPair("conclusions", "conclusions", old.conclusions, new.conclusions),
        *_matched("letter", old.letters, new.letters),
        *_matched("statement", old.statements, new.statements),
    ]


# --- the text redline -----------------------------------------------------------------


def _marked(span: Span) -> str:
    if span.kind == "delete":
        return f"{DELETED[0]}{span.text}{DELETED[1]}"
    if span.kind == "insert":
        return f"{INSERTED[0]}{span.text}{INSERTED[1]}"
    return span.text


def document_text(changes: list[ParaChange], context: int | None = None) -> str:
    """One document's text redline: every paragraph plain text shows, with its label in
    the new document (never marked; a deleted paragraph's is left blank, so no label
    shows twice), deleted words as [-...-] and inserted ones as {+...+}. With
    ``context``, only the changed paragraphs and that many around each, a line "..."
    where paragraphs are left out."""
    shown = [change for change in changes if change.para.shown]
    keep = set(range(len(shown)))
    if context is not None:
        changed_at = [i for i, change in enumerate(shown) if change.kind != "equal"]
        keep = {j for i in changed_at for j in range(i - context, i + context + 1)}
    lines: list[str] = []
    for index, change in enumerate(shown):
        if index not in keep:
            if not lines or lines[-1] != GAP:
                lines.append(GAP)
            continue
        para = change.para
        prefix = " " * len(para.prefix) if change.kind == "delete" else para.prefix
        lines.append(prefix + "".join(_marked(span) for span in change.spans))
        if para.end_of_part and index + 1 < len(shown):
            lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


#: The line that stands for unchanged paragraphs left out of a text redline.
GAP = "..."


def changed(changes: list[ParaChange]) -> bool:
    return any(change.kind != "equal" for change in changes)


def redline_text(old: Bundle, new: Bundle, context: int | None = None) -> str:
    """The terminal redline of every document of the bundles: a heading line per
    document, then its text redline (or that it is unchanged); with ``context``, only
    the changed paragraphs and that many around each."""
    blocks = []
    for pair in document_pairs(old, new):
        changes = compare(pair.old, pair.new)
        if pair.old is None:
            state = " (new)"
        elif pair.new is None:
            state = " (gone)"
        else:
            state = "" if changed(changes) else ": no changes"
        head = f"=== {pair.title}{state} ===\n"
        blocks.append(head if state == ": no changes" else head + document_text(changes, context))
    return "\n".join(blocks)


# --- files ------------------------------------------------------------------------------

#: What a redline file's name ends with, before its extension.
SUFFIX = "-redline"

#: The formats a redline can be written in.
FORMATS = ("docx", "text")


def default_author() -> str:
    """The user's full name from the system (else the login name), else "wgdraft"."""
    import getpass

    try:
        user = getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "wgdraft"
    try:
        import pwd

        full = pwd.getpwnam(user).pw_gecos.split(",")[0].strip()
    except (ImportError, KeyError):
        full = ""
    return full or user or "wgdraft"


def now() -> dt.datetime:
    """The time of a redline's changes: now, UTC, whole seconds."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def redline_files(
    old: Bundle,
    new: Bundle,
    library: Library,
    fmt: str = "docx",
    *,
    author: str,
    date: dt.datetime | None = None,
) -> list[OutputFile]:
    """One redline file per document of the bundles, named as its clean file with
    ``SUFFIX`` ("conclusions-redline.docx"); DOCX files carry Word tracked changes."""
    from .output import OutputFile
    from .render_redline import render_redline

    if fmt not in FORMATS:
        raise WgdraftError(
            Problem(None, f"a redline is written as {' or '.join(FORMATS)}, not {fmt}")
        )
    when = date or now()
    files = []
    for pair in document_pairs(old, new):
        changes = compare(pair.old, pair.new)
        if fmt == "docx":
            payload = render_redline(pair, changes, library.templates.reference_docx, author, when)
            extension = "docx"
        else:
            payload = document_text(changes).encode("utf-8")
            extension = "txt"
        source = pair.new if pair.new is not None else pair.old
        recipient = None if isinstance(source, Document) or source is None else source.recipient
        paragraph = None if isinstance(source, Document) or source is None else source.paragraph
        channel = None if isinstance(source, Document) or source is None else source.channel
        path = f"{pair.name}{SUFFIX}.{extension}"
        files.append(OutputFile(path, "redline", recipient, paragraph, channel, payload))
    return files


def write_redline(
    old: Bundle,
    new: Bundle,
    library: Library,
    out_dir: Path,
    *,
    author: str,
    date: dt.datetime | None = None,
    source: str = "",
    fmt: str = "docx",
    stage: Stage = "clean",
) -> list[Path]:
    """Write the new bundle and its redline files into ``out_dir``, as one bundle (see
    output.write_bundle; ``stage`` is the stage both were assembled at, for the
    manifest); return the written paths."""
    from .output import write_bundle

    extra = redline_files(old, new, library, fmt, author=author, date=date)
    return write_bundle(new, library, out_dir, fmt, source=source, stage=stage, extra=extra)


# --- what to compare against ----------------------------------------------------------

ADOPTED = (".pdf", ".docx", ".txt")


def _round_file(draft: Path, spec: str) -> Path | None:
    """The file of the round ``spec`` of the draft, if it names one."""
    from .rounds import resolve

    found = resolve(draft, spec)
    return None if found is None else Path(found.file)


def load_version(
    path: Path, library: Library, *, stage: Stage = "clean", force: bool = False
) -> Bundle:
    """The bundle of a draft file, or of an adopted text (imported first), at ``stage``."""
    from .assemble import assemble_bundle
    from .drafts import build_bundle, in_draft

    if path.suffix.lower() in ADOPTED:
        from .importing.to_draft import import_file

        imported = import_file(path, library)
        try:
            return assemble_bundle(
                imported.draft(), library, path, placeholders=True, stage=stage, force=force
            )
        except WgdraftError as exc:
            raise WgdraftError(in_draft(exc.problems, path)) from None
    return build_bundle(path, library, stage=stage, force=force)


def against(draft: Path, spec: str, library: Library, *, stage: Stage = "clean") -> Bundle:
    """The earlier version a redline of ``draft`` compares with: ``spec`` names a round
    of the draft ("2", "Rev.1"), or a draft file, or an adopted text (PDF, DOCX, TXT).

    The one rule of every comparison (``render --against``, ``compare``, the editor's
    rounds and its redline export): both sides are at the same ``stage``, which the
    caller gives to this function and uses for the draft as it stands. The earlier
    version is shown as it stood: its own unresolved brackets are shown bracketed at
    the clean stage, never refused (it cannot be resolved any more). The draft as it
    stands is refused at the clean stage while a bracket is open, unless forced, as
    ``render`` does (the caller's ``build_bundle(..., force=)``)."""
    found = _round_file(draft, spec)
    if found is not None:
        return load_version(found, library, stage=stage, force=True)
    path = Path(spec)
    if path.exists():
        return load_version(path, library, stage=stage, force=True)
    raise WgdraftError(
        Problem(
            path,
            f"is neither a round of {draft} nor a file; compare with a round ('2', 'Rev.1'; "
            f"`wgdraft round list {shlex.quote(str(draft))}` lists them), a draft file "
            "(.yaml) or an adopted text (.pdf, .docx, .txt)",
        )
    )
