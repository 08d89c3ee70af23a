"""The bundle: conclusions, one letter per letter block, one statement per statement
block, a manifest; hyperlinks on every symbol; atomic replacement (issue 4)."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from tests.conftest import MALI, ROOT, Cli
from tests.docx_reading import numbered_paragraphs
from wgdraft.docx_xml import hyperlinks
from wgdraft.links import UNDOCS

EXPECTED_LETTERS = {
    "letters/06-government-letter.docx": "the transitional Government of Mali",
    "letters/07-secretary-general-letter.docx": "the Secretary-General",
    "letters/08-regional-letter.docx": (
        "the President of the Peace and Security Council of the African Union, the "
        "Chairperson of the African Union Commission and the Governments of the States "
        "members of the Group of Five for the Sahel (G5 Sahel)"
    ),
    "letters/09-sanctions-letter.docx": (
        "the Chair of the Security Council Committee pursuant to resolutions 1267 (1999), "
        "1989 (2011), and 2253 (2015) concerning Islamic State in Iraq and the Levant "
        "(Da’esh), Al-Qaida and associated individuals, groups, undertakings and entities"
    ),
    "letters/11-donors-letter.docx": "the World Bank and other donors",
}
EXPECTED_STATEMENTS = {
    "statements/04-parties-statement.docx": "Public statement to all parties to the conflict",
    "statements/05-leaders-statement.docx": "Public statement to community and religious leaders",
}

#: Every symbol reference of the Mali conclusions, in reading order.
EXPECTED_LINKS = [
    ("S/2022/856", "S/2022/856"),
    ("2690 (2023)", "S/RES/2690(2023)"),
    *[(f"{n} ({y})", f"S/RES/{n}({y})") for n, y in (
        (1612, 2005), (1882, 2009), (1998, 2011), (2068, 2012), (2143, 2014),
        (2225, 2015), (2427, 2018), (2601, 2021))],
    ("S/AC.51/2020/11", "S/AC.51/2020/11"),
    ("46/182", "A/RES/46/182"),
    ("2640 (2022)", "S/RES/2640(2022)"),
    ("2690 (2023)", "S/RES/2690(2023)"),
    ("2391 (2017)", "S/RES/2391(2017)"),
    ("1267 (1999)", "S/RES/1267(1999)"),
    ("1989 (2011)", "S/RES/1989(2011)"),
    ("2253 (2015)", "S/RES/2253(2015)"),
    ("1882 (2009)", "S/RES/1882(2009)"),
]  # fmt: skip


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from wgdraft.cli import main

    out = tmp_path_factory.mktemp("bundle")
    assert main(["render", str(MALI), "-o", str(out)]) == 0
    return out


def test_manifest_lists_every_file_with_its_recipient(bundle: Path) -> None:
    manifest = json.loads((bundle / "manifest.json").read_text(encoding="utf-8"))
    entries = {e["file"]: e for e in manifest["files"]}
    assert entries["conclusions.docx"]["kind"] == "conclusions"
    letters = {f: e["recipient"] for f, e in entries.items() if e["kind"] == "letter"}
    statements = {f: e["recipient"] for f, e in entries.items() if e["kind"] == "statement"}
    assert letters == EXPECTED_LETTERS
    assert statements == EXPECTED_STATEMENTS
    on_disk = {str(p.relative_to(bundle)) for p in bundle.rglob("*.docx")}
    assert on_disk == set(entries)


def test_every_symbol_in_the_conclusions_is_a_link(bundle: Path) -> None:
    document = docx.Document(str(bundle / "conclusions.docx"))
    found = [
        (text, target.removeprefix(UNDOCS))
        for paragraph in document.paragraphs
        for text, target in hyperlinks(paragraph)
    ]
    assert found == EXPECTED_LINKS
    assert all(t.startswith(UNDOCS) for p in document.paragraphs for _, t in hyperlinks(p))


def test_links_are_the_ones_the_reference_pdf_has() -> None:
    reference = (ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt").read_text(
        encoding="utf-8"
    )
    targets = {
        line.strip().removeprefix(UNDOCS)
        for line in reference.splitlines()
        if line.startswith(UNDOCS)
    }
    assert targets == {target for _, target in EXPECTED_LINKS}


def test_letter_restarts_lettering_and_has_its_parts(bundle: Path) -> None:
    path = bundle / "letters" / "07-secretary-general-letter.docx"
    paragraphs = numbered_paragraphs(path)
    labels = [p.label for p in paragraphs if p.num_id is not None]
    assert labels == ["(a)", "(b)", "(c)"]
    styles = [p.style for p in paragraphs]
    texts = [p.text for p in paragraphs]
    assert texts[styles.index("WG Letterhead")] == "Security Council"
    assert "Secretary-General of the United Nations" in texts
    assert texts[styles.index("WG Salutation")] == "Excellency,"
    opening = texts[styles.index("WG Salutation") + 1]
    assert opening.startswith("I have the honour")
    assert "(S/AC.51/[YYYY]/[N])" in opening and "31 March 2023" in opening
    assert texts[-3] == "Accept, Excellency, the assurances of my highest consideration."
    assert styles[-2:] == ["WG Signature", "WG Signature"]
    assert texts[-2:] == ["(Signed) [name]", "President of the Security Council"]
    signature = docx.Document(str(path)).styles["WG Signature"]
    assert signature.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


def test_chair_signs_the_donors_letter(bundle: Path) -> None:
    texts = [p.text for p in numbered_paragraphs(bundle / "letters" / "11-donors-letter.docx")]
    assert texts[0] == "Security Council Working Group on Children and Armed Conflict"
    assert texts[-1] == "Chair of the Security Council Working Group on Children and Armed Conflict"
    assert any(t.startswith("In my capacity as Chair") for t in texts)
    labels = [
        p.label
        for p in numbered_paragraphs(bundle / "letters" / "11-donors-letter.docx")
        if p.label
    ]
    assert labels == ["(a)", "(i)", "(ii)", "(iii)", "(iv)", "(v)", "(vi)", "(b)"]


def test_statement_is_a_press_release(bundle: Path) -> None:
    paragraphs = numbered_paragraphs(bundle / "statements" / "04-parties-statement.docx")
    texts = [p.text for p in paragraphs]
    title = [p.style for p in paragraphs].index("WG Statement Title")
    assert texts[title - 1] == "15 June 2023"
    assert texts[title].startswith(
        "Public statement by the Chair of the Security Council Working Group"
    )
    lead, addressees = texts[title + 1], texts[title + 2]
    assert lead.startswith("At its meeting on 31 March 2023, the Security Council Working Group")
    assert "fourth report" in lead and "(S/2022/856)" in lead
    assert addressees.startswith(
        "To all parties to armed conflict in Mali, in particular the Malian armed forces"
    )
    labels = [p.label for p in paragraphs if p.num_id is not None]
    assert labels[0] == "(a)" and labels[-1] == "(o)" and len(labels) == 15


def test_failed_render_keeps_the_previous_bundle(cli: Cli, workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    draft = workspace / "examples" / "mali-2023.yaml"
    assert cli("--library", workspace, "render", draft, "-o", out).code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace("clause: sanctions.consider-designations", "clause: sanctions.nope"),
        encoding="utf-8",
    )
    assert cli("--library", workspace, "render", draft, "-o", out).code == 1
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert after == before


def test_files_of_a_removed_block_are_removed(cli: Cli, workspace: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    draft = workspace / "examples" / "mali-2023.yaml"
    (out / "notes.txt").parent.mkdir(parents=True)
    (out / "notes.txt").write_text("the user's own file", encoding="utf-8")
    assert cli("--library", workspace, "render", draft, "-o", out).code == 0
    assert (out / "letters" / "11-donors-letter.docx").is_file()
    text = draft.read_text(encoding="utf-8")
    start = text.index("  - channel: donors-letter")
    end = text.index("\nannex:")
    draft.write_text(text[:start] + text[end + 1 :], encoding="utf-8")
    assert cli("--library", workspace, "render", draft, "-o", out).code == 0
    assert not (out / "letters" / "11-donors-letter.docx").exists()
    assert (out / "letters" / "09-sanctions-letter.docx").is_file()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "the user's own file"


def test_address_block_lines(bundle: Path) -> None:
    texts = [p.text for p in numbered_paragraphs(bundle / "letters" / "11-donors-letter.docx")]
    start = texts.index("President of the World Bank Group")
    assert texts[start : start + 3] == [
        "President of the World Bank Group",
        "Washington, D.C.",
        "Excellency,",
    ]
