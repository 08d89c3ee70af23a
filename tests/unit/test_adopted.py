"""Reading adopted texts through `read_adopted`: the shapes found in practice (wrapped PDF
text with page furniture, one paragraph per line, press releases, Word files) and the
files that are not adopted texts at all."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wgdraft.errors import WgdraftError
from wgdraft.importing import AdoptedItem, read_adopted
from wgdraft.importing.repair import join_split_words, repair_split_words, restore_hyphens

WRAPPED = """\
   Working Group on Children and Armed Conflict

  Conclusions on children and armed conflict in the Sudan

1. At its meeting held on 3 May 2024, the Working Group on Children and Armed
Conflict examined the report of the Secretary-General on children and armed
conflict in the Sudan, introduced by the Special Representative of the Secretary-
General for Children and Armed Conflict.
2. The members of the Working Group expressed grave concern at the long -
term effects of the conflict. They asked all parties to co mply with their
obligations and to engage in dialogue so that children can comply with nothing.
24-01234 (E)   070524
2/5
S/AC.51/2024/2
3/5   24-01234
S/AC.51/2024/2   4/5
https://undocs.org/en/S/2024/1
   Other matters of the Working Group
3. The Working Group agreed to address letters from the Chair to the donors, who
follow up on reports:
 (a) Encouraging donors to fund the following:
 (i) Reintegration programmes for children formerly associated with armed
forces and groups;
 (ii) Education programmes, and to follow up on them;
 (b) Inviting donors to keep the Working Group informed.
4. The Working Group agreed to recommend the following to the Security Council:
 (a) To ensure one;
 (b) To ensure two;
 (c) To ensure three;
 (d) To ensure four;
 (e) To ensure five;
 (f) To ensure six;
 (g) To ensure seven;
 (h) To ensure eight;
 (i) To ensure nine.
"""


def write(tmp_path: Path, text: str, name: str = "text.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_wrapped_text_with_page_furniture(tmp_path: Path) -> None:
    adopted = read_adopted(write(tmp_path, WRAPPED))
    assert adopted.country == "the Sudan"
    assert adopted.title == "Conclusions on children and armed conflict in the Sudan"
    assert [p.number for p in adopted.paragraphs] == [1, 2, 3, 4]
    one, two, three, four = adopted.paragraphs
    assert "Secretary-General for Children" in one.text  # hyphen at a line end kept
    assert two.text == (
        "The members of the Working Group expressed grave concern at the long-term effects "
        "of the conflict. They asked all parties to comply with their obligations and to "
        "engage in dialogue so that children can comply with nothing."
    )  # job number, page number, running symbol and link dropped; "co mply" joined
    assert three.heading == "Other matters of the Working Group"  # any heading, not a list
    assert three.text.endswith("who follow up on reports:")  # "up on" is not "upon"
    assert [i.marker for i in three.items] == ["a", "b"]
    assert three.items[0].items == (
        AdoptedItem(
            "i", "Reintegration programmes for children formerly associated with armed forces "
            "and groups;"
        ),
        AdoptedItem("ii", "Education programmes, and to follow up on them;"),
    )  # fmt: skip
    assert [i.marker for i in four.items] == list("abcdefghi")  # (i) after (h) is a letter
    assert all(not i.items for i in four.items)


def test_a_hyphen_spaced_off_after_is_closed_up_unless_a_word_is_left_for_later(
    tmp_path: Path,
) -> None:
    text = """\
Conclusions on children and armed conflict in the Sudan
1. The Working Group noted that the above- mentioned acts of pro- government militias
called for gender- and age-sensitive, short- or long-term responses.
"""
    [one] = read_adopted(write(tmp_path, text)).paragraphs
    assert one.text == (
        "The Working Group noted that the above-mentioned acts of pro-government militias "
        "called for gender- and age-sensitive, short- or long-term responses."
    )


def test_press_release_with_corpus_headers(tmp_path: Path) -> None:
    text = """\
# source: https://press.un.org/en/2099/sc99999.doc.htm
# meta: symbol unknown | country Sudan

=== PART B: Public statement by the Chair (press release SC/99999) ===
SC/99999
Public Statement by Chair of Working Group on Children and Armed Conflict
The Security Council Working Group on Children and Armed Conflict, in connection with the examination of the first report of the Secretary-General on children and armed conflict in the Sudan, agreed to convey the following messages through a public statement:
To all parties to armed conflict in the Sudan:
  • Strongly condemning all violations;
  • Calling upon all parties to act;
To the community and religious leaders:
(a) Emphasizing their role;
(b) Urging them to spea
[... rest not retrieved ...]
"""
    adopted = read_adopted(write(tmp_path, text))
    assert adopted.kind == "statement" and adopted.press_release == "SC/99999"
    assert adopted.meta == {
        "source": "https://press.un.org/en/2099/sc99999.doc.htm",
        "meta": "symbol unknown | country Sudan",
    }
    assert adopted.lead is not None and adopted.lead.endswith("through a public statement:")
    assert adopted.country == "the Sudan" and adopted.truncated
    parties, leaders = adopted.paragraphs
    assert (parties.number, parties.text) == (
        None,
        "To all parties to armed conflict in the Sudan:",
    )
    assert parties.items == (
        AdoptedItem("•", "Strongly condemning all violations;"),
        AdoptedItem("•", "Calling upon all parties to act;"),
    )
    assert leaders.items == (
        AdoptedItem("a", "Emphasizing their role;"),
        AdoptedItem("b", "Urging them to spea", truncated=True),
    )


SPLICED = """\
=== PART A: conclusions document, opening (PDF text) ===
Conclusions on children and armed conflict in the Sudan
1. At its meeting held on 3 May 2099, the Working Group examined the report.
2. The members welcomed the progress and expressed the hope that the completion o
[other rendering continues:] ...the completion of the plan would follow. They also noted the
[... rest of document not retrieved ...]
"""


def test_a_continuation_from_another_rendering_joins_the_paragraph_it_continues(
    tmp_path: Path,
) -> None:
    """A paragraph cut off inside a word, taken up by another rendering with the same
    words after an ellipsis, is one paragraph: the words both hold counted once."""
    adopted = read_adopted(write(tmp_path, SPLICED))
    _first, second = adopted.paragraphs
    assert second.number == 2 and second.truncated
    assert second.text == (
        "The members welcomed the progress and expressed the hope that the completion of the "
        "plan would follow. They also noted the"
    )


def test_a_continuation_that_repeats_no_words_stays_apart(tmp_path: Path) -> None:
    text = SPLICED.replace("...the completion of the plan", "...of the plan")
    adopted = read_adopted(write(tmp_path, text))
    assert [p.text[:12] for p in adopted.paragraphs[1:]] == ["The members ", "...of the pl"]


def test_word_document_with_typed_labels(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Conclusions on children and armed conflict in Haiti")
    document.add_paragraph("1.\tThe Working Group on Children and Armed Conflict met.")
    document.add_paragraph("Recommendations to the Security Council")
    document.add_paragraph("2.\tThe Working Group agreed to write to the Government:")
    document.add_paragraph("(a)\tWelcoming the action plan;")
    document.add_paragraph("(b)\tUrging its implementation.")
    path = tmp_path / "haiti.docx"
    document.save(str(path))
    adopted = read_adopted(path)
    assert (adopted.format, adopted.country) == ("docx", "Haiti")
    assert [(p.number, p.heading) for p in adopted.paragraphs] == [
        (1, None),
        (2, "Recommendations to the Security Council"),
    ]
    assert [(i.marker, i.text) for i in adopted.paragraphs[1].items] == [
        ("a", "Welcoming the action plan;"),
        ("b", "Urging its implementation."),
    ]


def test_word_bullets_of_a_list_style(tmp_path: Path) -> None:
    """Bullets from Word's own list numbering (a Symbol-font character) read as "•"."""
    document = docx.Document()
    document.add_paragraph("Public statement by the Chair")
    document.add_paragraph(
        "The Security Council Working Group on Children and Armed Conflict, in connection "
        "with the examination of the report, agreed to convey the following messages:"
    )
    document.add_paragraph("To all parties to armed conflict in Haiti:")
    document.add_paragraph("Strongly condemning all violations;", style="List Bullet")
    document.add_paragraph("Calling upon all parties.", style="List Bullet")
    path = tmp_path / "haiti.docx"
    document.save(str(path))
    adopted = read_adopted(path)
    assert adopted.kind == "statement" and adopted.country == "Haiti"
    [block] = adopted.paragraphs
    assert block.items == (
        AdoptedItem("•", "Strongly condemning all violations;"),
        AdoptedItem("•", "Calling upon all parties."),
    )


def test_split_words_are_joined_only_when_one_half_is_no_word() -> None:
    assert join_split_words(["co", "mply", "with"], {"comply", "with"}) == ["comply", "with"]
    assert join_split_words(["in", "to"], {"in", "to", "into"}) == ["in", "to"]
    texts = ["to co mply with", "to comply", "remain ed deeply", "they remained", "follow up on it"]
    assert repair_split_words([*texts, "upon"]) == [
        "to comply with", "to comply", "remained deeply", "they remained", "follow up on it",
        "upon",
    ]  # fmt: skip


def test_hyphens_lost_at_a_line_break_are_restored_where_the_document_prints_them() -> None:
    texts = [
        "the report of the SecretaryGeneral, submitted",
        "the fifth report of the Secretary- General on (S/2018/956) , which",
        "the Special Representative of the Secretary-General for",
        "the McDonald report; a well- known fact",
    ]
    assert restore_hyphens(texts) == [
        "the report of the Secretary-General, submitted",
        "the fifth report of the Secretary-General on (S/2018/956), which",
        "the Special Representative of the Secretary-General for",
        "the McDonald report; a well- known fact",  # no "Mc-Donald", no "well-known" printed
    ]


def test_a_text_file_with_lost_hyphens_reads_repaired(tmp_path: Path) -> None:
    text = """Conclusions on children and armed conflict in the Sudan
1. At its 5th meeting, on 3 May 2024, the Working Group examined the report of the Secretary-General on children and armed conflict in the Sudan (S/2024/1) , which was introduced by the Special Representative.
2. The members of the Working Group welcomed the report of the SecretaryGeneral, submitted in accordance with Security Council resolution 1612 (2005).
"""
    one, two = read_adopted(write(tmp_path, text)).paragraphs
    assert "(S/2024/1), which" in one.text
    assert "the report of the Secretary-General, submitted" in two.text


def test_inline_lettered_items_split_even_with_no_space_after_the_letter(
    tmp_path: Path,
) -> None:
    text = """\
=== PART B: Statement by Chairman (press release SC/99997) ===
Statement by Chairman of Security Council Working Group on Children and Armed Conflict
At its meeting, the Working Group agreed, in connection with the consideration of the report of the Secretary-General on children and armed conflict in Ruritania, to address a message to all parties through a public statement by its Chairman:
Welcoming:  a) the first;b) the second.
Urging them:  a) to refrain from one;b)to immediately stop two;c) to end three.
"""
    welcoming, urging = read_adopted(write(tmp_path, text)).paragraphs
    assert [i.text for i in welcoming.items] == ["the first;", "the second."]
    assert urging.text == "Urging them:"
    assert urging.items == (
        AdoptedItem("a", "to refrain from one;"),
        AdoptedItem("b", "to immediately stop two;"),
        AdoptedItem("c", "to end three."),
    )


def test_the_lead_in_is_the_paragraph_naming_the_meeting(tmp_path: Path) -> None:
    text = """\
=== PART B: Statement by Chairman (press release SC/99996) ===
Statement by Chairman of Security Council Working Group on Children and Armed Conflict
The following statement by the Chairman of the Security Council Working Group on Children and Armed Conflict was issued in New York, 22 November:
At the twenty-seventh meeting of the Security Council Working Group on Children and Armed Conflict, held on 9 November, the Working Group agreed, in connection with the consideration of the Report of the Secretary-General on Children and Armed Conflict in Ruritania (document S/2030/183), to address a message through a public statement by its Chairman:
Welcoming:  a) the first;b) the second.
"""
    adopted = read_adopted(write(tmp_path, text))
    assert adopted.lead is not None and adopted.lead.startswith("At the twenty-seventh meeting")
    assert adopted.country == "Ruritania"
    assert [p.text for p in adopted.paragraphs] == ["Welcoming:"]


# -- files that are not adopted texts ------------------------------------------------------


def _blank_pdf(path: Path) -> None:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    with path.open("wb") as out:
        writer.write(out)


def _broken_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("1. The Working Group met.")
    document.save(str(path))
    path.write_bytes(path.read_bytes()[:3000])


NOVEL = (
    "CHAPTER I.\n\nIt was the best of times, it was the worst of times, it was the age of "
    "wisdom, it was the age of foolishness.\n\n1. There were a king with a large jaw and a "
    "queen with a plain face, on the throne of England.\n\n2. It was the year of Our Lord "
    "one thousand seven hundred and seventy-five.\n"
)

BAD = {
    "empty.txt": (lambda p: p.write_bytes(b""), "the file is empty"),
    "blank.txt": (lambda p: p.write_text("  \n\n \t\n"), "the file is empty"),
    "novel.txt": (lambda p: p.write_text(NOVEL), "does not read as conclusions"),
    "image.png": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(300)), "this is an image"),
    "data.bin": (lambda p: p.write_bytes(bytes(range(256)) * 4), "binary file (not text)"),
    "sheet.xlsx": (lambda p: p.write_bytes(b"PK\x03\x04xl/workbook.xml" + bytes(64)), "Excel"),
    "broken.docx": (_broken_docx, "this Word document cannot be read"),
    "renamed.docx": (lambda p: p.write_text("hello"), "is not a readable Word document"),
    "scan.pdf": (_blank_pdf, "this PDF has no text layer"),
    "broken.pdf": (lambda p: p.write_bytes(b"%PDF-1.7\n\x00\x01 garbage"), "PDF cannot be read"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_gets_one_clear_sentence_naming_the_file(tmp_path: Path, name: str) -> None:
    make, expected = BAD[name]
    path = tmp_path / name
    make(path)
    with pytest.raises(WgdraftError) as raised:
        read_adopted(path)
    [problem] = raised.value.problems
    assert problem.file == path
    assert expected in problem.message
    assert "\n" not in str(problem) and "Traceback" not in str(problem)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    for path in (tmp_path / "missing.txt", tmp_path):
        with pytest.raises(WgdraftError, match="cannot read"):
            read_adopted(path)


_PIECES = [
    "1. The Working Group met:",
    "(a) Welcoming;",
    "(i) Items:",
    " (ii) more",
    "•",
    "- ",
    "To all parties:",
    "SC/12345",
    "Annex*",
    "=== PART B: statement ===",
    "# meta: x",
    "[... rest not retrieved ...]",
    "New York, 1 May 2020",
    "Working Group",
    "co mply",
    "long -",
    "term",
    "https://undocs.org/x",
    "2/9",
    "",
    "   Heading",
    "a) b) c)",
    ";b) x",
]


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.one_of(st.sampled_from(_PIECES), st.text(max_size=40)), max_size=40))
def test_any_text_reads_or_gets_a_clear_message(tmp_path: Path, lines: list[str]) -> None:
    path = tmp_path / "any.txt"
    path.write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
    try:
        adopted = read_adopted(path)
    except WgdraftError as error:
        assert [p.file for p in error.problems] == [path]
    else:
        assert adopted.kind in ("conclusions", "statement")


def test_the_message_s_addressees_name_the_country_where_the_report_names_another(
    tmp_path: Path,
) -> None:
    """A report on a former whole ("in Ruritania") examined for the statement on a new
    country ("in North Ruritania"): the country is the one the message is addressed in."""
    text = """\
=== PART B: Statement by Chairman (press release SC/99995) ===
Statement by Chairman of Security Council Working Group on Children and Armed Conflict
At its thirty-fourth meeting on 5 October 2030, the Security Council Working Group on Children and Armed Conflict agreed, in connection with the examination of the fourth report of the Secretary-General on children and armed conflict in Ruritania (document S/2030/413), to address the following message to all the parties to the armed conflict in North Ruritania mentioned in the report of the Secretary-General through a public statement by the Chair of the Working Group:
(a) Welcoming the first;
(b) Urging the second.
"""
    adopted = read_adopted(write(tmp_path, text))
    assert adopted.country == "North Ruritania"
    same = read_adopted(write(tmp_path, text.replace("in North Ruritania", "in Ruritania")))
    assert same.country == "Ruritania"
