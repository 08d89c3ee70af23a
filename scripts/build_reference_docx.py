"""Build templates/reference.docx: the styles and numbering every wgdraft DOCX uses.

Run it after changing a style here: ``python scripts/build_reference_docx.py``.
The renderers never define formatting; they only name the styles made here. Users
may also restyle templates/reference.docx in Word, keeping the style names.
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
W = nsdecls("w")

#: numId of the conclusions' multi-level list (1., (a), (i)); the annex dash list.
PARAGRAPH_NUM = 1
DASH_NUM = 2

# Paragraph styles: name -> (pPr inner XML, rPr inner XML). Twips: 567 = 1 cm.
STYLES: dict[str, tuple[str, str]] = {
    "WG Title": (
        '<w:keepNext/><w:spacing w:before="240" w:after="120"/>',
        '<w:b/><w:sz w:val="28"/>',
    ),
    "WG Subtitle": (
        '<w:keepNext/><w:spacing w:before="120" w:after="240"/>',
        '<w:b/><w:sz w:val="24"/>',
    ),
    "WG Heading": (
        '<w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="120"/><w:ind w:left="567"/>',
        "<w:b/>",
    ),
    "WG Paragraph": (
        f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{PARAGRAPH_NUM}"/></w:numPr>'
        '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>',
        "",
    ),
    "WG Subparagraph": (
        f'<w:numPr><w:ilvl w:val="1"/><w:numId w:val="{PARAGRAPH_NUM}"/></w:numPr>'
        '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>',
        "",
    ),
    "WG Item": (
        f'<w:numPr><w:ilvl w:val="2"/><w:numId w:val="{PARAGRAPH_NUM}"/></w:numPr>'
        '<w:spacing w:after="120" w:line="240" w:lineRule="auto"/><w:jc w:val="both"/>',
        "",
    ),
    "WG Annex Heading": (
        '<w:pageBreakBefore/><w:keepNext/><w:spacing w:after="240"/>',
        '<w:b/><w:sz w:val="28"/>',
    ),
    "WG Annex Title": (
        '<w:keepNext/><w:spacing w:before="120" w:after="240"/><w:ind w:left="567" w:right="567"/>',
        '<w:b/><w:sz w:val="24"/>',
    ),
    "WG Annex Item": (
        f'<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{DASH_NUM}"/></w:numPr>'
        '<w:spacing w:after="120"/><w:jc w:val="both"/>',
        "",
    ),
    "WG Closing": ('<w:spacing w:before="240" w:after="120"/>', ""),
    # masthead of the first page (in the body, so every reader lays it out alike)
    "WG Masthead Top": (
        '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="4" w:color="000000"/></w:pBdr>'
        '<w:tabs><w:tab w:val="right" w:pos="9025"/></w:tabs><w:spacing w:after="120"/>',
        '<w:sz w:val="20"/>',
    ),
    "WG Masthead Organ": (
        '<w:keepNext/><w:spacing w:before="60" w:after="0"/>',
        '<w:b/><w:sz w:val="34"/>',
    ),
    "WG Masthead Distribution": ('<w:ind w:left="6237"/><w:spacing w:after="0"/>', ""),
    "WG Masthead End": (
        '<w:pBdr><w:bottom w:val="single" w:sz="12" w:space="4" w:color="000000"/></w:pBdr>'
        '<w:spacing w:after="360"/>',
        '<w:sz w:val="4"/>',
    ),
    # running heads: the symbol on the outer side, page numbers in the footer
    "WG Header Odd": (
        '<w:jc w:val="right"/><w:spacing w:after="240"/>',
        '<w:b/><w:sz w:val="17"/>',
    ),
    "WG Header Even": (
        '<w:jc w:val="left"/><w:spacing w:after="240"/>',
        '<w:b/><w:sz w:val="17"/>',
    ),
    "WG Footer Odd": ('<w:jc w:val="right"/>', '<w:b/><w:sz w:val="17"/>'),
    "WG Footer Even": ('<w:jc w:val="left"/>', '<w:b/><w:sz w:val="17"/>'),
    "WG Footer First": ('<w:jc w:val="left"/>', '<w:sz w:val="17"/>'),
    # letters and statements
    "WG Letterhead": (
        '<w:jc w:val="center"/><w:spacing w:after="60"/>',
        '<w:b/><w:sz w:val="24"/>',
    ),
    "WG Date": ('<w:jc w:val="right"/><w:spacing w:before="240" w:after="240"/>', ""),
    "WG Address": ('<w:spacing w:after="0"/>', ""),
    "WG Salutation": ('<w:spacing w:before="240" w:after="240"/>', ""),
    "WG Body": (
        '<w:spacing w:after="120"/><w:ind w:firstLine="567"/><w:jc w:val="both"/>',
        "",
    ),
    "WG Signature": ('<w:keepLines/><w:jc w:val="right"/><w:spacing w:after="0"/>', ""),
    "WG Press Release": ('<w:jc w:val="right"/><w:spacing w:after="120"/>', "<w:b/>"),
    "WG Statement Title": (
        '<w:keepNext/><w:jc w:val="center"/><w:spacing w:before="240" w:after="240"/>',
        '<w:b/><w:sz w:val="24"/>',
    ),
    "WG Statement Addressees": ('<w:keepNext/><w:spacing w:before="120" w:after="120"/>', "<w:b/>"),
}

#: Character styles: name -> rPr inner XML.
CHARACTER_STYLES: dict[str, str] = {
    # UN documents print links as plain text; the link itself is what matters.
    "WG Link": "",
    "WG Symbol": '<w:b/><w:sz w:val="34"/>',
}


def _level(ilvl: int, fmt: str, text: str, style: str, ind: str) -> str:
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:pStyle w:val="{style}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:suff w:val="tab"/><w:pPr>{ind}</w:pPr></w:lvl>'
    )


def _numbering(numbering) -> None:  # type: ignore[no-untyped-def]
    """One abstractNum with three levels (1., (a), (i)), linked to the paragraph styles;
    numbering continues across headings and each lower level restarts under its parent."""
    for child in list(numbering):
        numbering.remove(child)
    levels = (
        _level(
            0,
            "decimal",
            "%1.",
            "WGParagraph",
            '<w:tabs><w:tab w:val="num" w:pos="567"/></w:tabs><w:ind w:left="0" w:firstLine="0"/>',
        )
        + _level(
            1,
            "lowerLetter",
            "(%2)",
            "WGSubparagraph",
            '<w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs><w:ind w:left="0" w:firstLine="567"/>',
        )
        + _level(
            2,
            "lowerRoman",
            "(%3)",
            "WGItem",
            '<w:tabs><w:tab w:val="num" w:pos="1701"/></w:tabs><w:ind w:left="567" w:firstLine="567"/>',
        )
    )
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="{PARAGRAPH_NUM}">'
            f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="{DASH_NUM}"><w:multiLevelType w:val="singleLevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
            '<w:pStyle w:val="WGAnnexItem"/><w:lvlText w:val="\u2013"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>'
            '<w:ind w:left="1134" w:hanging="567"/></w:pPr></w:lvl></w:abstractNum>'
        )
    )
    for num_id in (PARAGRAPH_NUM, DASH_NUM):
        numbering.append(
            parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>')
        )


def _defaults(styles) -> None:  # type: ignore[no-untyped-def]
    """Times New Roman 10 pt, en-GB, for everything that does not say otherwise."""
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    styles.insert(
        0,
        parse_xml(
            f"<w:docDefaults {W}><w:rPrDefault><w:rPr>"
            '<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
            'w:eastAsia="Times New Roman" w:cs="Times New Roman"/>'
            '<w:sz w:val="20"/><w:szCs w:val="20"/><w:lang w:val="en-GB" w:eastAsia="en-US" w:bidi="ar-SA"/>'
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
            '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
            "</w:docDefaults>"
        ),
    )
    # python-docx's Normal style carries its own font size; let the defaults speak
    for style in styles.findall(qn("w:style")):
        if style.get(qn("w:styleId")) == "Normal":
            rpr = style.find(qn("w:rPr"))
            if rpr is not None:
                style.remove(rpr)


def build(out: Path = OUT) -> Path:
    document = docx.Document()
    styles = document.styles.element
    _defaults(styles)
    for name, (ppr, rpr) in STYLES.items():
        style_id = name.replace(" ", "")
        styles.append(
            parse_xml(
                f'<w:style {W} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
                f"<w:pPr>{ppr}</w:pPr><w:rPr>{rpr}</w:rPr></w:style>"
            )
        )
    for name, rpr in CHARACTER_STYLES.items():
        style_id = name.replace(" ", "")
        styles.append(
            parse_xml(
                f'<w:style {W} w:type="character" w:customStyle="1" w:styleId="{style_id}">'
                f'<w:name w:val="{name}"/><w:rPr>{rpr}</w:rPr></w:style>'
            )
        )
    _numbering(document.part.numbering_part.element)
    # a first page of its own (masthead, job number) and mirrored running heads
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.different_first_page_header_footer = True
    # A4 with UN margins
    section.page_width, section.page_height = docx.shared.Mm(210), docx.shared.Mm(297)
    section.left_margin = section.right_margin = docx.shared.Cm(2.54)
    section.top_margin = section.bottom_margin = docx.shared.Cm(2.54)
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    document.core_properties.title = "wgdraft reference styles"
    document.core_properties.author = "wgdraft"
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
