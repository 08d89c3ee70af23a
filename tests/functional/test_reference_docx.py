"""A damaged templates/reference.docx is one clear message naming the file and what to
do, from ``render`` and from ``check`` (which trials everything ``render`` does)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from tests.conftest import Cli


def _not_a_zip(path: Path) -> None:
    path.write_text("this is not a Word document\n", encoding="utf-8")


def _bad_xml_inside(path: Path) -> None:
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/styles.xml"] = parts["word/styles.xml"][:-40]  # cut off mid-element
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _no_wg_styles(path: Path) -> None:
    docx.Document().save(str(path))  # a valid DOCX, python-docx's own blank template


def _one_style_missing(path: Path) -> None:
    document = docx.Document(str(path))
    style = document.styles["WG Signature"]
    style.element.getparent().remove(style.element)
    document.save(str(path))


def _missing(path: Path) -> None:
    path.unlink()


DAMAGE = {
    "not a zip": (_not_a_zip, "is not a Word (.docx) file"),
    "bad XML inside": (_bad_xml_inside, "is damaged"),
    "no WG styles": (_no_wg_styles, 'lacks the style(s) "WG Title"'),
    "one style missing": (_one_style_missing, 'lacks the style(s) "WG Signature"'),
    "missing": (_missing, "is missing"),
}


def _assert_one_clear_message(err: str, reference: Path, what: str) -> None:
    lines = [line for line in err.splitlines() if "reference" in line]
    assert len(lines) == 1, err
    assert lines[0].startswith(str(reference)), err
    assert what in lines[0], err
    assert "python scripts/build_reference_docx.py" in lines[0], err
    assert "Traceback" not in err


@pytest.mark.parametrize("damage", DAMAGE)
def test_render_names_the_damaged_reference(cli: Cli, workspace: Path, damage: str) -> None:
    reference = workspace / "templates" / "reference.docx"
    spoil, what = DAMAGE[damage]
    spoil(reference)
    out = workspace / "out"
    result = cli(
        "--library", workspace, "render", workspace / "examples" / "mali-2023.yaml", "-o", out
    )
    assert result.code == 1
    _assert_one_clear_message(result.err, reference, what)
    assert not out.exists()  # nothing written


@pytest.mark.parametrize("damage", DAMAGE)
def test_check_trials_the_reference(cli: Cli, workspace: Path, damage: str) -> None:
    reference = workspace / "templates" / "reference.docx"
    spoil, what = DAMAGE[damage]
    spoil(reference)
    result = cli("--library", workspace, "check")
    assert result.code == 1
    _assert_one_clear_message(result.err, reference, what)
    with_drafts = cli("--library", workspace, "check", workspace / "examples")
    assert with_drafts.code == 1
    _assert_one_clear_message(with_drafts.err, reference, what)


def test_check_renders_the_drafts_docx_in_memory(cli: Cli, workspace: Path) -> None:
    """A draft that assembles but cannot be written as DOCX fails ``check`` as it would
    fail ``render``; nothing is written."""
    draft = workspace / "examples" / "mali-2023.yaml"
    text = draft.read_text(encoding="utf-8")
    third = "        - the Governments of the States members of the Group of Five for the Sahel (G5 Sahel)\n"
    assert third in text
    # a character XML cannot hold, written as a YAML escape so the loader reads it
    bad = '        - "the Executive Secretary of ECOWAS\\uFFFF"\n'
    draft.write_text(text.replace(third, third + bad), encoding="utf-8")
    before = sorted(p for p in workspace.rglob("*") if p.is_file())
    result = cli("--library", workspace, "check", draft)
    assert result.code == 1
    assert "Traceback" not in result.err
    assert result.err.startswith(str(draft)), result.err
    assert sorted(p for p in workspace.rglob("*") if p.is_file()) == before
    assert cli("--library", workspace, "check", workspace / "examples").code == 1
    rendered = cli("--library", workspace, "render", draft, "-o", workspace / "out")
    assert rendered.code == 1 and rendered.err.startswith(str(draft)), rendered.err
    assert not (workspace / "out").exists()
