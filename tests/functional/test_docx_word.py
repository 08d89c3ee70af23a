"""What Word makes of a rendered DOCX beyond its text: the compatibility mode, the
built-in list styles a drafter may use, the annex dash, document properties, and
input the renderer must refuse with a clear message."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from tests.conftest import MALI, Cli
from tests.libreoffice import SOFFICE, pdf_pages, require_tools, to_pdf
from tests.ooxml import assert_opens_clean
from wgdraft import render_docx
from wgdraft.drafts import build_bundle
from wgdraft.errors import WgdraftError
from wgdraft.library import Library

W14 = "http://schemas.microsoft.com/office/word"


@pytest.fixture(scope="module")
def bundle_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wgdraft.cli import main

    out = tmp_path_factory.mktemp("word")
    assert main(["render", str(MALI), "-o", str(out)]) == 0
    return out


def _part(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def test_word_opens_the_files_in_word_2013_mode_not_compatibility_mode(bundle_dir: Path) -> None:
    for path in sorted(bundle_dir.rglob("*.docx")):
        settings = docx.Document(str(path)).settings.element
        modes = [
            s.get(qn("w:val"))
            for s in settings.iter(qn("w:compatSetting"))
            if s.get(qn("w:name")) == "compatibilityMode" and s.get(qn("w:uri")) == W14
        ]
        assert modes == ["15"], path.name


def _abstract_of(document, style_name: str) -> str | None:  # type: ignore[no-untyped-def]
    """The abstractNum a style's numbering resolves to, None if it resolves to none."""
    style = document.styles[style_name]
    num_id = style.element.pPr.numPr.numId.val
    numbering = document.part.numbering_part.element
    for num in numbering.findall(qn("w:num")):
        if num.get(qn("w:numId")) == str(num_id):
            return num.find(qn("w:abstractNumId")).get(qn("w:val"))
    return None


def test_word_list_styles_have_lists_of_their_own(bundle_dir: Path, tmp_path: Path) -> None:
    """A drafter adding a "List Bullet" paragraph in Word must get a bullet, not the
    conclusions' next number."""
    document = docx.Document(str(bundle_dir / "conclusions.docx"))
    ours = _abstract_of(document, render_docx.PARAGRAPH)
    dash = _abstract_of(document, render_docx.ANNEX_ITEM)
    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2"):
        theirs = _abstract_of(document, name)
        assert theirs is not None, f"{name} names a list that does not exist"
        assert theirs not in (ours, dash), f"{name} shares the conclusions' numbering"
    document.add_paragraph("A point added in Word", style="List Bullet")
    document.add_paragraph("Another point added in Word", style="List Bullet")
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    assert_opens_clean([edited])
    require_tools()
    (pdf,) = to_pdf([edited], tmp_path / "pdf", tmp_path / "profile")
    lines = [line.strip() for line in "\n".join(pdf_pages(pdf)).splitlines()]
    added = [line for line in lines if "added in Word" in line]
    assert len(added) == 2
    for line in added:
        assert not re.match(r"^(\d+\.|\([a-z]+\))", line), line  # no number printed
        assert line.startswith("•"), line


def test_the_annex_dash_survives_a_libreoffice_round_trip(bundle_dir: Path, tmp_path: Path) -> None:
    require_tools()
    assert SOFFICE is not None
    out = tmp_path / "round-trip"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless",
         "--norestore", "--convert-to", "docx", "--outdir", str(out),
         str(bundle_dir / "conclusions.docx")],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    numbering = _part(out / "conclusions.docx", "word/numbering.xml")
    bullets = re.findall(
        r'<w:numFmt w:val="bullet"/>.*?<w:lvlText w:val="([^"]*)"/>.*?(?:w:ascii="([^"]*)"|</w:lvl>)',
        numbering,
    )
    assert ("\u2013", "Times New Roman") in bullets, bullets
    assert not [text for text, _ in bullets if any(0xF000 <= ord(c) <= 0xF0FF for c in text)]


def test_document_properties_are_the_documents_own(bundle_dir: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    from wgdraft.cli import main

    assert main(["render", str(MALI), "-o", str(bundle_dir)]) == 0
    after = dt.datetime.now(dt.UTC)
    for path in sorted(bundle_dir.rglob("*.docx")):
        document = docx.Document(str(path))
        props = document.core_properties
        assert props.title and "reference" not in props.title, path.name
        assert props.language == "en-GB"
        assert before <= props.created.replace(tzinfo=dt.UTC) <= after, path.name
        assert props.modified == props.created
        assert "python-docx" not in (props.author, props.last_modified_by)
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            meta = archive.read("docProps/core.xml") + archive.read("docProps/app.xml")
        assert b"python-docx" not in meta and b"Macintosh" not in meta, path.name
        assert not [n for n in names if "thumbnail" in n], path.name
        assert "word/stylesWithEffects.xml" not in names
    conclusions = docx.Document(str(bundle_dir / "conclusions.docx")).core_properties
    assert (
        conclusions.title == "S/AC.51/[YYYY]/[N] Conclusions on children and armed conflict in Mali"
    )


def test_a_title_too_long_for_word_is_shortened(cli: Cli, workspace: Path) -> None:
    draft = workspace / "examples" / "mali-2023.yaml"
    text = draft.read_text(encoding="utf-8")
    third = "        - the Governments of the States members of the Group of Five for the Sahel (G5 Sahel)\n"
    assert third in text
    fourth = "        - the Executive Secretary of the Economic Community of West African States\n"
    draft.write_text(text.replace(third, third + fourth), encoding="utf-8")
    out = workspace / "out"
    result = cli("--library", workspace, "render", draft, "-o", out)
    assert result.code == 0, result.err
    title = docx.Document(str(out / "letters" / "08-regional-letter.docx")).core_properties.title
    assert len(title) <= 255
    assert title.startswith("Letter to the President of the Peace and Security Council")
    assert title.endswith("\u2026") and not title.endswith(" \u2026")
    assert_opens_clean([out / "letters" / "08-regional-letter.docx"])


def test_short_title_cuts_at_a_word() -> None:
    assert render_docx.short_title("short") == "short"
    title = render_docx.short_title("word " * 100)
    assert len(title) <= 255 and title.endswith("word\u2026")


@pytest.mark.parametrize("bad", ["\x07", "\x0b", "\ufffe", "\uffff", "\x00"])
def test_a_character_xml_cannot_hold_is_refused_naming_where(library: Library, bad: str) -> None:
    bundle = build_bundle(MALI, library)
    conclusions = bundle.conclusions
    body = list(conclusions.body)
    index = next(i for i, node in enumerate(body) if hasattr(node, "number"))
    body[index] = dataclasses.replace(body[index], text=f"The Working Group{bad} welcomes")
    damaged = dataclasses.replace(conclusions, body=tuple(body))
    with pytest.raises(WgdraftError) as caught:
        render_docx.render_docx(damaged, library.templates.reference_docx)
    message = str(caught.value)
    assert 'the conclusions, in "The Working Group\ufffd welcomes' in message
    assert f"U+{ord(bad):04X}" in message
    letter = bundle.letters[0]
    damaged_letter = dataclasses.replace(letter, closing=f"closing{bad}")
    with pytest.raises(WgdraftError, match=f"the letter to .*U\\+{ord(bad):04X}"):
        render_docx.render_letter(damaged_letter, library.templates.reference_docx)
