"""The parts of a letter and of a statement, in order, as every renderer reads them."""

from __future__ import annotations

from tests.conftest import MALI
from wgdraft.drafts import build_document
from wgdraft.library import Library
from wgdraft.links import find_links
from wgdraft.render_text import render_statement_text
from wgdraft.tree import Letter, Part, Statement, Subparagraph

ITEM = Subparagraph("6 (a)", "(a)", 2, "Urging all parties;")


def _statement(press_release: str | None) -> Statement:
    lead = "Recalling S/2022/856,"
    return Statement(5, "leaders", "leaders", press_release, "Title", "1 May 2023", lead,
                     "to all leaders:", (ITEM,), find_links(lead))  # fmt: skip


def test_a_letter_has_one_address_part_per_addressee() -> None:
    letter = Letter(6, "government", "the Government", "Chair", ("Security Council",),
                    "15 June 2023", (("Minister", "Bamako"), ("Ambassador",)), "Excellency,",
                    "I have the honour", (ITEM,), "Accept", ("(Signed)",))  # fmt: skip
    parts = letter.parts()
    assert [p.role for p in parts] == [
        "letterhead", "date", "address", "address", "salutation", "opening", "items",
        "closing", "signature",
    ]  # fmt: skip
    assert parts[2].lines == ("Minister", "Bamako") and parts[3].lines == ("Ambassador",)
    assert parts[6] == Part("items", items=(ITEM,))


def test_a_statement_without_a_press_release_line_has_no_such_part() -> None:
    assert [p.role for p in _statement(None).parts()] == [
        "date", "title", "lead", "addressees", "items",
    ]  # fmt: skip
    with_line = _statement("Press release SC/1").parts()
    assert with_line[0] == Part("press_release", ("Press release SC/1",))
    lead = with_line[3]
    assert lead.role == "lead" and lead.links[0].target.endswith("S/2022/856")


def test_the_press_release_line_runs_on_into_the_date_in_text() -> None:
    assert render_statement_text(_statement("Press release SC/1")).startswith(
        "Press release SC/1\n1 May 2023\n\nTitle\n\nRecalling S/2022/856,\n\n"
    )


def test_the_conclusions_parts_run_from_masthead_to_annex(library: Library) -> None:
    document = build_document(MALI, library)
    parts = document.parts()
    assert [p.role for p in parts[:3]] == ["masthead", "title", "subtitle"]
    assert [p.role for p in parts[-5:]] == [
        "annex_heading", "annex_title", "annex_title", "annex_items", "annex_closing",
    ]  # fmt: skip
    numbered = [p for p in parts if p.role == "paragraph"]
    assert [p.label for p in numbered] == [p.label for p in document.paragraphs]
    assert numbered[3].items == document.paragraphs[3].items
    assert [p.path for p in numbered] == [p.path for p in document.paragraphs]
    assert numbered[0].path is not None
