"""Build templates/reference.docx: the styles and numbering every wgdraft DOCX uses.

Run it after changing a style here: ``python scripts/build_reference_docx.py``.
The renderers never define formatting; they only name the styles made here. Users
may also restyle templates/reference.docx in Word, keeping the style names.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

OUT = Path(__file__).resolve().parent.parent / "templates" / "reference.docx"
W = nsdecls("w")

#: numId of the conclusions' multi-level list (1., (a), (i)); the annex dash list. Kept
#: clear of the numIds python-docx's built-in list styles name (1 to 7, see LIST_STYLES).
PARAGRAPH_NUM = 10
DASH_NUM = 11

#: Word's built-in list styles in python-docx's default template name numIds that its
#: numbering part never defines: styleId -> (numId, format, text, left indent in twips).
#: Each gets a list of its own, so a drafter's "List Bullet" shows a bullet, never one of
#: the conclusions' numbers.
LIST_STYLES: dict[str, tuple[int, str, str, int]] = {
    "ListBullet": (1, "bullet", "\u2022", 360),
    "ListBullet2": (2, "bullet", "\u2022", 720),
    "ListBullet3": (3, "bullet", "\u2022", 1080),
    "ListNumber": (5, "decimal", "%1.", 360),
    "ListNumber2": (6, "decimal", "%1.", 720),
    "ListNumber3": (7, "decimal", "%1.", 1080),
}

#: Child order of the elements this script writes, from the OOXML schema (ECMA-376
#: part 1, 17.3.1.26 CT_PPr, 17.3.2.28 CT_RPr, 17.9.6 CT_Lvl). Word refuses, or
#: repairs, a document whose children are out of sequence.
PPR_ORDER = (  # noqa: SIM905
    "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
    "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct "
    "topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd snapToGrid spacing ind "
    "contextualSpacing mirrorIndents suppressOverlap jc textDirection textAlignment "
    "textboxTightWrap outlineLvl divId cnfStyle rPr sectPr pPrChange"
).split()
RPR_ORDER = (  # noqa: SIM905
    "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow emboss imprint "
    "noProof snapToGrid vanish webHidden color spacing w kern position sz szCs highlight u "
    "effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish oMath"
).split()
LVL_ORDER = (  # noqa: SIM905
    "start numFmt lvlRestart pStyle isLgl suff lvlText lvlPicBulletId legacy lvlJc pPr rPr"
).split()

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


def _in_order(element, order: list[str]):  # type: ignore[no-untyped-def]
    """Reorder ``element``'s children into the schema sequence ``order`` (stable)."""
    children = list(element)
    rank = {qn(f"w:{name}"): i for i, name in enumerate(order)}
    unknown = [c.tag for c in children if c.tag not in rank]
    if unknown:
        raise ValueError(f"no schema position known for {unknown}")
    children.sort(key=lambda c: rank[c.tag])
    for child in children:
        element.append(child)  # appending an existing child moves it to the end
    return element


def _schema_order(root) -> None:  # type: ignore[no-untyped-def]
    """Put every pPr, rPr and lvl under ``root`` in schema order."""
    for tag, order in (("w:pPr", PPR_ORDER), ("w:rPr", RPR_ORDER), ("w:lvl", LVL_ORDER)):
        for element in root.iter(qn(tag)):
            _in_order(element, order)


#: The annex dash in a font every reader has; without one, LibreOffice and Word pick a
#: symbol font for a bullet level and the dash becomes another glyph.
DASH_FONT = (
    '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" '
    'w:cs="Times New Roman" w:hint="default"/></w:rPr>'
)


def _level(ilvl: int, fmt: str, text: str, style: str, ind: str) -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return (
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{pstyle}'
        f'<w:suff w:val="tab"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f"<w:pPr>{ind}</w:pPr></w:lvl>"
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
            '<w:pStyle w:val="WGAnnexItem"/><w:suff w:val="tab"/><w:lvlText w:val="\u2013"/>'
            '<w:lvlJc w:val="left"/><w:pPr><w:tabs><w:tab w:val="num" w:pos="1134"/></w:tabs>'
            f'<w:ind w:left="1134" w:hanging="567"/></w:pPr>{DASH_FONT}</w:lvl></w:abstractNum>'
        )
    )
    for style_id, (num_id, fmt, text, left) in LIST_STYLES.items():
        level = _level(0, fmt, text, style_id, f'<w:ind w:left="{left}" w:hanging="360"/>').replace(
            "</w:lvl>", f"{DASH_FONT if fmt == 'bullet' else ''}</w:lvl>"
        )
        numbering.append(
            parse_xml(
                f'<w:abstractNum {W} w:abstractNumId="{num_id}">'
                f'<w:multiLevelType w:val="singleLevel"/>{level}</w:abstractNum>'
            )
        )
    num_ids = sorted((PARAGRAPH_NUM, DASH_NUM, *(n for n, *_ in LIST_STYLES.values())))
    for num_id in num_ids:
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


#: Word 2013 and later; anything lower opens in "Compatibility Mode".
COMPAT = (
    f"<w:compat {W}>"
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    "</w:compat>"
)

#: Extended properties without the default template's word counts and application.
APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Application>wgdraft</Application><DocSecurity>0</DocSecurity>"
    b"<LinksUpToDate>false</LinksUpToDate></Properties>"
)


def _settings(settings) -> None:  # type: ignore[no-untyped-def]
    """Word 2013+ compatibility, and no preview picture (nothing keeps it current)."""
    old = settings.find(qn("w:compat"))
    new = parse_xml(COMPAT)
    if old is not None:
        old.addprevious(new)
        settings.remove(old)
    for name in ("w:savePreviewPicture",):
        for element in settings.findall(qn(name)):
            settings.remove(element)


def _drop_parts(document) -> None:  # type: ignore[no-untyped-def]
    """Parts of python-docx's default template that would be stale in every document:
    the thumbnail of its blank page and stylesWithEffects (Word 2010's copy of the
    styles, which no longer matches styles.xml)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    stale = {
        RT.THUMBNAIL,
        "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    }
    for owner in (document.part.package, document.part):
        for r_id, rel in list(owner.rels.items()):
            if rel.reltype in stale:
                del owner.rels[r_id]
    for rel in document.part.package.rels.values():
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = APP_XML


def _core_properties(document) -> None:  # type: ignore[no-untyped-def]
    """The reference's own properties; every render replaces title, dates and author."""
    props = document.core_properties
    props.title = "wgdraft reference styles"
    props.author = props.last_modified_by = "wgdraft"
    props.comments = props.subject = props.keywords = props.category = ""
    props.language = "en-GB"
    props.revision = 1
    stamp = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)  # fixed: the file is in git
    props.created = props.modified = stamp


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
    _schema_order(styles)
    _schema_order(document.part.numbering_part.element)
    _settings(document.settings.element)
    _drop_parts(document)
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
    _core_properties(document)
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(out)
    return out


if __name__ == "__main__":
    print(build(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
