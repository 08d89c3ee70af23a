"""Small helpers over WordprocessingML where python-docx has no public API:
external hyperlinks, fields (page numbers) and comments anchored on a whole paragraph."""

from __future__ import annotations

import re
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

#: Characters XML 1.0 cannot hold: C0 controls but tab, newline and carriage return;
#: lone surrogates; U+FFFE and U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def forbidden_character(text: str) -> str | None:
    """The first character of ``text`` that XML cannot hold, if any."""
    match = _FORBIDDEN.search(text)
    return match.group() if match else None


def append_text(paragraph: Any, text: str) -> None:
    """Append a plain run. python-docx's ``add_run`` scans text character by character
    for tabs and breaks; assembled text has none, so one w:t element is enough."""
    if text:
        paragraph._p.append(_run(text))


def styled_run(style_id: str | None = None) -> Any:
    """An empty run (``w:r``) in the character style ``style_id``, if given."""
    run = OxmlElement("w:r")
    if style_id:
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), style_id)
        rpr.append(rstyle)
        run.append(rpr)
    return run


def _run(text: str, style_id: str | None = None) -> Any:
    run = styled_run(style_id)
    t = OxmlElement("w:t")
    t.text = text
    t.set(qn("xml:space"), "preserve")
    run.append(t)
    return run


def add_hyperlink(paragraph: Any, text: str, url: str, style_id: str | None = None) -> None:
    """Append ``text`` as a link to the external ``url`` (a w:hyperlink with a relationship)."""
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    link.append(_run(text, style_id))
    paragraph._p.append(link)


def add_field(paragraph: Any, instruction: str, placeholder: str = "1") -> None:
    """Append a simple field such as ``PAGE``; Word and LibreOffice compute its value."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), f" {instruction} ")
    field.append(_run(placeholder))
    paragraph._p.append(field)


def hyperlinks(paragraph: Any) -> list[tuple[str, str]]:
    """(text, target) of every hyperlink in a paragraph, for reading a document back."""
    rels = paragraph.part.rels
    out = []
    for link in paragraph._p.findall(qn("w:hyperlink")):
        r_id = link.get(qn("r:id"))
        text = "".join(t.text or "" for t in link.iter(qn("w:t")))
        out.append((text, rels[r_id].target_ref))
    return out


def anchor_comment(paragraph: Any, comment_id: int) -> None:
    """Anchor comment ``comment_id`` on the whole of ``paragraph`` (its runs and links):
    a range start before its content, the range end and the reference run after it."""
    p = paragraph._p
    start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): str(comment_id)})
    ppr = p.find(qn("w:pPr"))
    if ppr is not None:
        ppr.addnext(start)
    else:
        p.insert(0, start)
    p.append(OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): str(comment_id)}))
    reference = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle", attrs={qn("w:val"): COMMENT_REFERENCE})
    rpr.append(rstyle)
    reference.append(rpr)
    reference.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    p.append(reference)


#: The styles python-docx gives a comment's text and its reference mark.
COMMENT_TEXT, COMMENT_REFERENCE = "CommentText", "CommentReference"


def add_comment_styles(styles: Any) -> None:
    """Add the comment styles python-docx's comments name, where the document lacks
    them: a paragraph style for the comment's text, a character style for its mark."""
    have = {style.get(qn("w:styleId")) for style in styles.iterchildren(qn("w:style"))}
    for style_id, kind, name in (
        (COMMENT_TEXT, "paragraph", "annotation text"),
        (COMMENT_REFERENCE, "character", "annotation reference"),
    ):
        if style_id in have:
            continue
        style = OxmlElement("w:style", attrs={qn("w:type"): kind, qn("w:styleId"): style_id})
        style.append(OxmlElement("w:name", attrs={qn("w:val"): name}))
        if kind == "paragraph":
            style.append(OxmlElement("w:basedOn", attrs={qn("w:val"): "Normal"}))
        style.append(OxmlElement("w:uiPriority", attrs={qn("w:val"): "99"}))
        style.append(OxmlElement("w:unhideWhenUsed"))
        styles.append(style)
