"""Reading adopted texts (issue 11, point 1): the Mali reference extracted from the issued
PDF, the partial texts of the corpus, the tool's own DOCX and a PDF made from it all read
into the structure the tool renders."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, MALI, ROOT
from tests.corpus import CORPUS, needs_corpus
from tests.fidelity import words
from tests.libreoffice import to_pdf
from wgdraft.cli import main
from wgdraft.importing import Adopted, read_adopted

#: The Mali conclusions as extracted from the issued PDF (a copy an earlier issue asked for).
FIXTURES = ROOT / "tests" / "fixtures"
MALI_REFERENCE = FIXTURES / "mali-2023-conclusions.txt"


def units(adopted: Adopted) -> list[tuple[str, list[str]]]:
    """Every paragraph, item and (i) item as (its place and label, its normalized words),
    then the annex: what two readings of the same document must share."""
    out: list[tuple[str, list[str]]] = []
    for paragraph in adopted.paragraphs:
        out.append((f"{paragraph.number} [{paragraph.heading}]", words(paragraph.text)))
        for item in paragraph.items:
            out.append((f"{paragraph.number} ({item.marker})", words(item.text)))
            for sub in item.items:
                out.append((f"{paragraph.number} ({item.marker}) ({sub.marker})", words(sub.text)))
    if adopted.annex is not None:
        annex = adopted.annex
        for name in ("heading", "mission", "title", "closing"):
            out.append((f"annex {name}", words(getattr(annex, name) or "")))
        out += [(f"annex comment {n}", words(c)) for n, c in enumerate(annex.comments, 1)]
    return out


def render(draft: Path, out: Path, text: bool = False) -> Path:
    args = ["render", str(draft), "-o", str(out)] + (["--format", "text"] if text else [])
    assert main(args) == 0
    return out


@pytest.fixture(scope="module")
def mali_text(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return render(MALI, tmp_path_factory.mktemp("mali") / "text", text=True)


# -- the Mali reference ------------------------------------------------------------------


def test_mali_reference_structure() -> None:
    adopted = read_adopted(MALI_REFERENCE)
    assert (adopted.format, adopted.kind, adopted.country) == ("txt", "conclusions", "Mali")
    assert adopted.title == "Conclusions on children and armed conflict in Mali"
    assert [p.number for p in adopted.paragraphs] == list(range(1, 12))
    assert {p.number: p.heading for p in adopted.paragraphs if p.heading} == {
        4: "Public statement by the Chair of the Working Group",
        6: "Recommendations to the Security Council",
        11: "Direct action by the Working Group",
    }
    assert [len(p.items) for p in adopted.paragraphs] == [0, 0, 0, 15, 2, 11, 3, 3, 3, 1, 2]
    for paragraph in adopted.paragraphs[3:]:
        assert paragraph.text.endswith(":")  # the introductory formula of a recipient block
        markers = [item.marker for item in paragraph.items]
        assert markers == list("abcdefghijklmno"[: len(markers)])
    donors = adopted.paragraphs[10].items[0]
    assert [i.marker for i in donors.items] == ["i", "ii", "iii", "iv", "v", "vi"]
    assert donors.text.endswith("in the following:")
    # page furniture, links and split words are gone
    four_m = adopted.paragraphs[3].items[12].text
    assert "to comply with applicable" in four_m and "as well as" in four_m
    assert "https://" not in str(adopted.paragraphs)
    assert "long-term" in adopted.paragraphs[3].items[9].text
    annex = adopted.annex
    assert annex is not None and annex.heading == "Annex"
    assert annex.mission == "Permanent Mission of the Republic of Mali to the United Nations"
    assert annex.title is not None and annex.title.endswith("of 31 March 2023")
    assert len(annex.comments) == 8 and annex.closing == "New York, 26 May 2023"
    assert not adopted.truncated


def test_mali_reference_reads_as_the_tool_renders_it(mali_text: Path) -> None:
    """Word for word (after normalization) the same paragraphs, items and annex as the
    tool's own text rendering of examples/mali-2023.yaml."""
    ours = units(read_adopted(mali_text / "conclusions.txt"))
    reference = units(read_adopted(MALI_REFERENCE))
    assert [label for label, _ in reference] == [label for label, _ in ours]
    different = [label for (label, a), (_, b) in zip(ours, reference, strict=True) if a != b]
    assert not different


# -- the tool's own DOCX and PDF -----------------------------------------------------------


@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_tools_docx_reads_as_its_text(example: Path, tmp_path: Path) -> None:
    """Word numbering (no typed labels) gives back the numbers, (a) and (i) of the text
    rendering; the statements read as press releases with their addressee blocks, and
    the letters as their message with its subparagraphs."""
    docx_out = render(example, tmp_path / "docx")
    text_out = render(example, tmp_path / "text", text=True)
    from_docx = read_adopted(docx_out / "conclusions.docx")
    from_text = read_adopted(text_out / "conclusions.txt")
    assert from_docx.format == "docx" and from_docx.kind == "conclusions"
    assert units(from_docx) == units(from_text)
    assert from_docx.paragraphs and all(p.number for p in from_docx.paragraphs)
    assert from_docx.country == from_text.country is not None
    statements = sorted((docx_out / "statements").glob("*.docx"))
    for statement in statements:
        read = read_adopted(statement)
        assert read.kind == "statement" and read.lead
        text = read_adopted(text_out / "statements" / f"{statement.stem}.txt")
        assert units(read) == units(text)
        assert [p.text.startswith("To ") for p in read.paragraphs] == [True]
    for letter in sorted((docx_out / "letters").glob("*.docx")):
        read = read_adopted(letter)
        assert units(read) == units(read_adopted(text_out / "letters" / f"{letter.stem}.txt"))
        [message] = [p for p in read.paragraphs if p.items]  # the closing is no item
        assert message.items[0].marker == "a" and message.items[-1].text.endswith(".")


def test_masthead_of_an_issued_docx(tmp_path: Path) -> None:
    south_sudan = read_adopted(
        render(EXAMPLES / "south-sudan-2018.yaml", tmp_path) / "conclusions.docx"
    )
    assert south_sudan.symbol == "S/AC.51/2018/3"
    assert south_sudan.country == "South Sudan"
    car = read_adopted(
        render(EXAMPLES / "central-african-republic-2024.yaml", tmp_path / "car")
        / "conclusions.docx"
    )
    assert car.country == "the Central African Republic"
    assert car.symbol == "S/AC.51/2024/5"
    mali = read_adopted(render(MALI, tmp_path / "mali") / "conclusions.docx")
    assert mali.symbol is None  # the placeholder S/AC.51/[YYYY]/[N] is not a symbol
    assert mali.date == "1 June 2023"


def test_pdf_round_trip(tmp_path: Path, mali_text: Path) -> None:
    """The tool's DOCX, printed to PDF by LibreOffice, reads back (pypdf) into the same
    structure as the text rendering, running heads and the job number dropped."""
    draft = tmp_path / "mali-issued.yaml"
    text = MALI.read_text(encoding="utf-8").replace(
        "  symbol: null", "  symbol: S/AC.51/2023/3\n  job_number: 23-10315", 1
    )
    draft.write_text(text, encoding="utf-8")
    out = render(draft, tmp_path / "out")
    [pdf] = to_pdf([out / "conclusions.docx"], tmp_path / "pdf", tmp_path / "profile")
    adopted = read_adopted(pdf)
    assert (adopted.format, adopted.symbol, adopted.date) == (
        "pdf",
        "S/AC.51/2023/3",
        "1 June 2023",
    )
    assert units(adopted) == units(read_adopted(mali_text / "conclusions.txt"))


# -- the corpus --------------------------------------------------------------------------

#: file -> (paragraphs, items, numbered paragraphs, kind), counted by eye in each file.
CORPUS_HOLDS = {
    "S-AC.51-2007-9_sri-lanka.txt": (4, 1, 0, "statement"),
    "S-AC.51-2009-4_myanmar.txt": (3, 3, 3, "conclusions"),
    "S-AC.51-2010-x_nepal_SC-10090.txt": (2, 4, 0, "statement"),
    "S-AC.51-2011-x_central-african-republic_SC-10338.txt": (2, 5, 0, "statement"),
    "S-AC.51-2012-x_colombia_SC-10890.txt": (1, 2, 0, "statement"),
    "S-AC.51-2012-x_south-sudan_SC-10814.txt": (1, 4, 0, "statement"),
    "S-AC.51-2013-x_myanmar_SC-11116.txt": (1, 5, 0, "statement"),
    "S-AC.51-2014-3_drc.txt": (1, 3, 0, "statement"),
    "S-AC.51-2014-4_syria_intro-only.txt": (0, 0, 0, "statement"),
    "S-AC.51-2014-x_mali_SC-11518.txt": (1, 4, 0, "statement"),
    "S-AC.51-2015-x_south-sudan_SC-11884.txt": (1, 4, 0, "statement"),
    "S-AC.51-2016-x_central-african-republic.txt": (5, 0, 0, "conclusions"),
    "S-AC.51-2017-x_colombia_SC-12739.txt": (1, 4, 0, "statement"),
    "S-AC.51-2018-1-Rev.1_mali.txt": (5, 5, 4, "conclusions"),
    "S-AC.51-2018-3_south-sudan.txt": (4, 3, 0, "conclusions"),
    "S-AC.51-2018-x_drc_SC-13446.txt": (1, 3, 0, "statement"),
    "S-AC.51-2019-1_syria.txt": (3, 3, 0, "conclusions"),
    "S-AC.51-2019-2_myanmar.txt": (4, 3, 3, "conclusions"),  # "[... continues:]" is para 3
    "S-AC.51-2020-10_drc.txt": (1, 3, 0, "statement"),
    "S-AC.51-2020-11_mali.txt": (1, 5, 0, "statement"),
    "S-AC.51-2020-x_central-african-republic_SC-14161.txt": (1, 2, 0, "statement"),
    "S-AC.51-2020-x_colombia.txt": (3, 3, 0, "conclusions"),
    "S-AC.51-2021-1_south-sudan.txt": (1, 4, 0, "statement"),
    "S-AC.51-2022-2_colombia.txt": (1, 2, 0, "statement"),
    "S-AC.51-2022-x_central-african-republic_SC-15149.txt": (1, 3, 0, "statement"),
    "S-AC.51-2022-x_drc_SC-15151.txt": (1, 3, 0, "statement"),
    "S-AC.51-2023-x_south-sudan_SC-15360.txt": (1, 4, 0, "statement"),
    "S-AC.51-2024-5_central-african-republic.txt": (3, 2, 2, "conclusions"),
    "S-AC.51-2024-x_colombia_SC-15814.txt": (1, 2, 0, "statement"),
    "S-AC.51-2024-x_drc_miragenews.txt": (1, 1, 0, "statement"),
}


@needs_corpus
def test_the_corpus_is_all_listed() -> None:
    assert sorted(p.name for p in CORPUS.glob("*.txt")) == sorted(CORPUS_HOLDS)


@pytest.mark.parametrize("name", sorted(CORPUS_HOLDS))
@needs_corpus
def test_every_corpus_file_yields_what_it_holds(name: str) -> None:
    adopted = read_adopted(CORPUS / name)
    numbered = sum(p.number is not None for p in adopted.paragraphs)
    holds = (len(adopted.paragraphs), len(adopted.items()), numbered, adopted.kind)
    assert holds == CORPUS_HOLDS[name]
    assert adopted.truncated  # every file says what was not retrieved
    assert adopted.meta["source"].startswith("http")
    last = adopted.paragraphs[-1] if adopted.paragraphs else None
    if last is not None:
        assert last.truncated or (last.items and last.items[-1].truncated)
    for item in adopted.items():
        assert item.text and item.text[0] not in "•·-–(" and not item.text.startswith("a) ")


@needs_corpus
def test_press_release_with_bullets() -> None:
    adopted = read_adopted(CORPUS / "S-AC.51-2022-x_drc_SC-15151.txt")
    assert adopted.press_release == "SC/15151"
    assert (
        adopted.title == "Public Statement by Chair of Working Group on Children and Armed Conflict"
    )
    assert adopted.country == "the Democratic Republic of the Congo"
    assert adopted.lead is not None and adopted.lead.startswith(
        "The Security Council Working Group"
    )
    assert adopted.lead.endswith("public statement by the Chair of the Working Group:")
    [block] = adopted.paragraphs
    assert block.number is None
    assert block.text == "To all parties to armed conflict in the Democratic Republic of the Congo:"
    assert [i.marker for i in block.items] == ["•", "•", "•"]
    assert block.items[1].text == (
        "Calling upon all parties to the conflict to further implement the previous "
        "conclusions of the Working Group on Children and Armed Conflict in the Democratic "
        "Republic of the Congo (document S/2020/1030);"
    )
    assert [i.truncated for i in block.items] == [False, False, True]
    assert block.items[2].text.endswith("systematic investigation, prosecuti")
    assert "symbol unknown" in adopted.meta["meta"]


@needs_corpus
def test_press_release_with_lettered_items_across_addressees() -> None:
    adopted = read_adopted(CORPUS / "S-AC.51-2011-x_central-african-republic_SC-10338.txt")
    first, second = adopted.paragraphs
    assert first.text == "To all armed groups:"  # the section number "I." dropped
    assert [i.marker for i in first.items] == ["a", "b", "c", "d"]
    assert first.items[2].text == (
        "Urging them to develop as soon as possible time-bound action plans in line with "
        "Security Council resolutions 1539 (2004), 1612 (2005) and 1882 (2009);"
    )
    assert second.text.startswith("To the Armée populaire") and second.text.endswith(":")
    assert [i.marker for i in second.items] == ["e"] and second.items[0].truncated
    nepal = read_adopted(CORPUS / "S-AC.51-2010-x_nepal_SC-10090.txt")
    # the lead-in is the paragraph naming the meeting, not "The following statement ..."
    assert nepal.lead is not None and nepal.lead.startswith("At the twenty-seventh meeting")
    assert nepal.country == "Nepal"  # "Children and Armed Conflict in Nepal"
    welcoming = nepal.paragraphs[0]
    assert welcoming.text == "Welcoming:"  # "Welcoming: a) ...;b) ..." on one line
    assert [i.marker for i in welcoming.items] == ["a", "b"]
    assert welcoming.items[1].text.startswith("the official discharge")
    urging = nepal.paragraphs[1]  # ";b)to immediately stop": no space after the letter
    assert [i.marker for i in urging.items] == ["a", "b"]
    assert urging.items[1].text.startswith("to immediately stop the closure")


@needs_corpus
def test_conclusions_fragment_wrapped_with_masthead() -> None:
    adopted = read_adopted(CORPUS / "S-AC.51-2009-4_myanmar.txt")
    assert adopted.kind == "conclusions" and adopted.date == "28 October 2009"
    assert adopted.title == "Conclusions on children and armed conflict in Myanmar"
    assert adopted.country == "Myanmar"
    assert [p.number for p in adopted.paragraphs] == [1, 2, 3]
    assert adopted.paragraphs[0].text.endswith("participated in the subsequent discussion.")
    three = adopted.paragraphs[2]
    assert three.text.endswith("were as follows:")
    assert [i.marker for i in three.items] == ["a", "b", "c"]
    assert three.items[1].text.startswith("They expressed concern regarding the number")
    assert three.items[2].truncated and not three.items[1].truncated


@needs_corpus
def test_corpus_file_with_conclusions_and_statement() -> None:
    adopted = read_adopted(CORPUS / "S-AC.51-2018-1-Rev.1_mali.txt")
    assert adopted.kind == "conclusions" and adopted.press_release == "SC/13324"
    assert adopted.title == "Conclusions on children and armed conflict in Mali"
    assert [p.number for p in adopted.paragraphs] == [1, 2, 3, 4, None]
    assert adopted.paragraphs[3].truncated
    block = adopted.paragraphs[4]
    assert block.text == "To the Government of Mali:"
    assert len(block.items) == 5 and {i.marker for i in block.items} == {""}
    assert block.items[2].text.startswith("Affirms that the gradual restoration")
    assert adopted.lead is not None and adopted.lead.startswith("At its 71st Meeting")
    myanmar = read_adopted(CORPUS / "S-AC.51-2019-2_myanmar.txt")
    assert (myanmar.symbol, myanmar.date) == ("S/AC.51/2019/2", "20 August 2019")
    assert [i.marker for i in myanmar.paragraphs[-1].items] == ["•", "•", "•"]
