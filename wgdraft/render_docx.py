"""DOCX rendering of the document tree, letters and statements (the ``docx`` format).

Formatting lives in templates/reference.docx (styles, the three-level list, A4 margins,
a distinct first page and mirrored running heads); this module only names its styles
(``STYLE_NAMES``), gives each part of a document (``tree.Part``) its style
(``CONCLUSIONS_STYLES``, ``LETTER_STYLES``, ``STATEMENT_STYLES``) and writes text, links
and fields. python-docx is imported only when a document is written.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Problem, WgdraftError
from .links import Link, split
from .tree import Document, Letter, Note, Part, PartRole, Statement, Subparagraph

if TYPE_CHECKING:
    from .library import Library
    from .renderers import Renderer

TITLE = "WG Title"
SUBTITLE = "WG Subtitle"
HEADING = "WG Heading"
PARAGRAPH = "WG Paragraph"
LEVEL_STYLES = {2: "WG Subparagraph", 3: "WG Item"}
ANNEX_HEADING = "WG Annex Heading"
ANNEX_TITLE = "WG Annex Title"
ANNEX_ITEM = "WG Annex Item"
CLOSING = "WG Closing"
MASTHEAD_TOP = "WG Masthead Top"
MASTHEAD_ORGAN = "WG Masthead Organ"
MASTHEAD_DISTRIBUTION = "WG Masthead Distribution"
MASTHEAD_END = "WG Masthead End"
HEADER_ODD, HEADER_EVEN = "WG Header Odd", "WG Header Even"
FOOTER_ODD, FOOTER_EVEN, FOOTER_FIRST = "WG Footer Odd", "WG Footer Even", "WG Footer First"
LETTERHEAD = "WG Letterhead"
DATE = "WG Date"
ADDRESS = "WG Address"
SALUTATION = "WG Salutation"
BODY = "WG Body"
SIGNATURE = "WG Signature"
PRESS_RELEASE = "WG Press Release"
STATEMENT_TITLE = "WG Statement Title"
STATEMENT_ADDRESSEES = "WG Statement Addressees"
LINK = "WG Link"  # character style
SYMBOL = "WG Symbol"  # character style

#: Every style this module names; a test checks that the reference template has them.
STYLE_NAMES = (
    TITLE,
    SUBTITLE,
    HEADING,
    PARAGRAPH,
    *LEVEL_STYLES.values(),
    ANNEX_HEADING,
    ANNEX_TITLE,
    ANNEX_ITEM,
    CLOSING,
    MASTHEAD_TOP,
    MASTHEAD_ORGAN,
    MASTHEAD_DISTRIBUTION,
    MASTHEAD_END,
    HEADER_ODD,
    HEADER_EVEN,
    FOOTER_ODD,
    FOOTER_EVEN,
    FOOTER_FIRST,
    LETTERHEAD,
    DATE,
    ADDRESS,
    SALUTATION,
    BODY,
    SIGNATURE,
    PRESS_RELEASE,
    STATEMENT_TITLE,
    STATEMENT_ADDRESSEES,
    LINK,
    SYMBOL,
)


#: python-docx refuses a longer title (the limit of the core-properties schema).
TITLE_LIMIT = 255

REBUILD = (
    "rebuild it with `python scripts/build_reference_docx.py` "
    "or restore it (e.g. `git checkout -- templates/reference.docx`)"
)


def _unreadable(reference: Path, what: str) -> WgdraftError:
    return WgdraftError(Problem(reference, f"the reference document {what}; {REBUILD}"))


def _style_ids(doc: Any) -> dict[str, str]:
    """Style name -> style id, read straight from styles.xml (python-docx's style
    objects cost a proxy and a name translation each)."""
    from docx.oxml.ns import qn

    ids = {}
    for style in doc.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        if name is not None:
            ids[name.get(qn("w:val"))] = style.get(qn("w:styleId"))
    return ids


def open_reference(reference: Path) -> tuple[Any, dict[str, str]]:
    """The reference template opened, and the style id of every name in ``STYLE_NAMES``.

    A missing, damaged or incomplete template is one clear problem naming the file and
    what to do, never a traceback; ``wgdraft check`` calls this to trial it."""
    import zipfile

    import docx  # lazy: python-docx costs ~0.2 s to import
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    if not reference.is_file():
        raise _unreadable(reference, "is missing")
    try:
        doc = docx.Document(str(reference))
        ids = _style_ids(doc)
    except (PackageNotFoundError, zipfile.BadZipFile):
        raise _unreadable(reference, "is not a Word (.docx) file") from None
    except XMLSyntaxError as exc:
        raise _unreadable(reference, f"is damaged (broken XML: {exc})") from None
    except (KeyError, ValueError, OSError) as exc:
        raise _unreadable(reference, f"is damaged ({exc})") from None
    missing = [name for name in STYLE_NAMES if name not in ids]
    if missing:
        names = ", ".join(f'"{name}"' for name in missing[:3])
        if len(missing) > 3:
            names += f" and {len(missing) - 3} more WG styles"
        raise _unreadable(reference, f"lacks the style(s) {names}")
    return doc, ids


def short_title(title: str, limit: int = TITLE_LIMIT) -> str:
    """``title`` cut at a word boundary, with an ellipsis, to fit ``limit`` characters."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "\u2026"


class _Writer:
    """A document open on the reference template, adding paragraphs by style name.

    python-docx looks a style name up through XPath on every use; resolving every name
    once to its style id (``open_reference``) makes writing about three times faster.
    ``name`` says which document this is in error messages."""

    def __init__(self, reference: Path, name: str) -> None:
        self.doc, self._ids = open_reference(reference)
        self.name = name
        self._comment_styles = False

    def style_id(self, name: str) -> str:
        return self._ids[name]

    def safe(self, text: str) -> str:
        """``text``, or a problem naming the document and quoting the text around a
        character XML cannot hold (control characters, U+FFFE, U+FFFF)."""
        from .docx_xml import forbidden_character

        bad = forbidden_character(text)
        if bad is not None:
            at = text.index(bad)
            start, end = max(0, at - 50), at + 20
            snippet = "".join("\ufffd" if forbidden_character(c) else c for c in text[start:end])
            snippet = ("\u2026" if start else "") + snippet + ("\u2026" if end < len(text) else "")
            raise WgdraftError(
                Problem(
                    None,
                    f'{self.name}, in "{snippet}": the character U+{ord(bad):04X} (shown as '
                    "\ufffd) cannot be written to a Word document; remove it from the draft "
                    "or the clause that supplies this text",
                )
            )
        return text

    def add(self, text: str = "", style: str = BODY) -> Any:
        from .docx_xml import append_text

        self.safe(text)
        paragraph = self.doc.add_paragraph()
        paragraph._p.style = self.style_id(style)
        append_text(paragraph, text)
        return paragraph

    def linked(self, text: str, links: tuple[Link, ...], style: str) -> Any:
        """A paragraph whose symbols and resolution references are hyperlinks."""
        from .docx_xml import add_hyperlink, append_text

        self.safe(text)
        paragraph = self.add("", style)
        for piece, target in split(text, links):
            if target is None:
                append_text(paragraph, piece)
            else:
                add_hyperlink(paragraph, piece, target, self.style_id(LINK))
        return paragraph

    def items(self, items: tuple[Subparagraph, ...]) -> None:
        for item in items:
            paragraph = self.linked(item.text, item.links, LEVEL_STYLES[item.level])
            self.comments(paragraph, item.notes)
            self.items(item.children)

    def comments(self, paragraph: Any, notes: tuple[Note, ...]) -> None:
        """Each note as a Word comment on the whole paragraph: its author, their
        initials, the comment's day (none for a proposal) and its text."""
        if not notes:
            return
        from .docx_xml import add_comment_styles, anchor_comment

        if not self._comment_styles:
            add_comment_styles(self.doc.styles.element)
            self._comment_styles = True
        for note in notes:
            comment = self.doc.comments.add_comment(
                text=self.safe(note.text),
                author=self.safe(note.author),
                initials=_initials(note.author),
            )
            day = note.day
            comment._comment_elm.date = (
                dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC) if day else None
            )
            anchor_comment(paragraph, comment.comment_id)

    def save(self, title: str, language: str) -> bytes:
        """The document's own properties (title, language, dates), then its bytes."""
        props = self.doc.core_properties
        props.title = short_title(self.safe(title))
        props.language = language
        props.author = props.last_modified_by = "wgdraft"
        props.comments = ""
        props.revision = 1
        props.created = props.modified = dt.datetime.now(dt.UTC).replace(microsecond=0)
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()


def _masthead(w: _Writer, document: Document) -> None:
    masthead = document.masthead
    top = w.add(masthead.get("organization", ""), MASTHEAD_TOP)
    top.add_run("\t")
    symbol = top.add_run(w.safe(document.symbol_shown))
    symbol._r.style = w.style_id(SYMBOL)
    w.add(masthead.get("organ", ""), MASTHEAD_ORGAN)
    for key in ("distribution", "date", "original"):
        if masthead.get(key):
            w.add(masthead[key], MASTHEAD_DISTRIBUTION)
    w.add("", MASTHEAD_END)


def _running_heads(w: _Writer, document: Document) -> None:
    """First page: the job number in the footer. Later pages: the symbol in the header
    and the page number in the footer, on the outer side (odd right, even left)."""
    from .docx_xml import add_field

    section = w.doc.sections[0]
    first = section.first_page_footer.paragraphs[0]
    first._p.style = w.style_id(FOOTER_FIRST)
    first.text = w.safe(document.masthead.get("job", ""))
    for header, style in ((section.header, HEADER_ODD), (section.even_page_header, HEADER_EVEN)):
        paragraph = header.paragraphs[0]
        paragraph._p.style = w.style_id(style)
        paragraph.text = document.symbol_shown
    for footer, style in ((section.footer, FOOTER_ODD), (section.even_page_footer, FOOTER_EVEN)):
        paragraph = footer.paragraphs[0]
        paragraph._p.style = w.style_id(style)
        add_field(paragraph, "PAGE")


#: The style of each part (``Part.role``) of the conclusions, a letter and a statement;
#: subparagraphs take ``LEVEL_STYLES``.
CONCLUSIONS_STYLES: dict[PartRole, str] = {
    "title": TITLE,
    "subtitle": SUBTITLE,
    "heading": HEADING,
    "paragraph": PARAGRAPH,
    "annex_heading": ANNEX_HEADING,
    "annex_title": ANNEX_TITLE,
    "annex_items": ANNEX_ITEM,
    "annex_closing": CLOSING,
}
LETTER_STYLES: dict[PartRole, str] = {
    "letterhead": LETTERHEAD,
    "date": DATE,
    "address": ADDRESS,
    "salutation": SALUTATION,
    "opening": BODY,
    "closing": BODY,
    "signature": SIGNATURE,
}
STATEMENT_STYLES: dict[PartRole, str] = {
    "press_release": PRESS_RELEASE,
    "date": DATE,
    "title": STATEMENT_TITLE,
    "lead": BODY,
    "addressees": STATEMENT_ADDRESSEES,
}


def _part(w: _Writer, part: Part, styles: dict[PartRole, str]) -> None:
    for line in part.lines:
        paragraph = w.linked(line, part.links, styles[part.role])
    if part.lines:
        w.comments(paragraph, part.notes)
    w.items(part.items)


def _initials(author: str) -> str:
    """The initials Word shows for a comment's author: "Ghana" -> "G"."""
    return "".join(word[0] for word in author.split() if word[:1].isalnum())[:8]


def render_docx(document: Document, reference: Path) -> bytes:
    """The conclusions as DOCX bytes, built on the reference template's styles: its
    parts (``Document.parts``) in the styles of ``CONCLUSIONS_STYLES``."""
    w = _Writer(reference, "the conclusions")
    for part in document.parts():
        if part.role == "masthead":
            _masthead(w, document)
            _running_heads(w, document)
        else:
            _part(w, part, CONCLUSIONS_STYLES)
    return w.save(f"{document.symbol_shown} {document.subtitle}", document.language)


def render_letter(letter: Letter, reference: Path) -> bytes:
    """A letter: its parts (``Letter.parts``) in the styles of ``LETTER_STYLES``."""
    w = _Writer(reference, f"the letter to {letter.recipient}")
    for part in letter.parts():
        _part(w, part, LETTER_STYLES)
    return w.save(letter.title, letter.language)


def render_statement(statement: Statement, reference: Path) -> bytes:
    """A public statement by the Chair, as a press release: its parts
    (``Statement.parts``) in the styles of ``STATEMENT_STYLES``."""
    w = _Writer(reference, f'the statement "{statement.title}"')
    for part in statement.parts():
        _part(w, part, STATEMENT_STYLES)
    return w.save(statement.title, statement.language)


class DocxRenderer:
    """Word documents on the reference template of the library's templates."""

    name = "docx"
    extension = "docx"
    label = "DOCX"
    prints = False

    def conclusions(self, document: Document, library: Library) -> bytes:
        return render_docx(document, library.templates.reference_docx)

    def letter(self, letter: Letter, library: Library) -> bytes:
        return render_letter(letter, library.templates.reference_docx)

    def statement(self, statement: Statement, library: Library) -> bytes:
        return render_statement(statement, library.templates.reference_docx)


RENDERER: Renderer = DocxRenderer()
