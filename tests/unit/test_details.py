"""The draft's details (wgdraft.details): each field's text and value, writing changes
into round-trip data (comments and one-line style kept, emptied mappings gone, review
settled), and problems placed on the field they concern."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MALI
from wgdraft import details, draftfile
from wgdraft.library import Library

GOVERNMENT_LETTER = 2


def fields(data: object, library: Library) -> list[details.DetailField]:
    return details.all_fields(details.sections(data, library.templates.channels))


def field(key: str, data: object, library: Library) -> details.DetailField:
    return next(f for f in fields(data, library) if f.key == key)


def test_sections_name_every_letter_and_statement_block(library: Library) -> None:
    data = draftfile.load(MALI)
    found = details.sections(data, library.templates.channels, {0: "5"})
    titles = [s.title for s in found]
    assert titles[:4] == [
        "Document",
        "Meeting, report and earlier texts",
        "Country and parties",
        "Signatories of the letters",
    ]
    assert titles[-1] == "Annex: the country's comments"
    assert titles[4] == "Public statement to all parties to the conflict (paragraph 5)"
    keys = {f.key for f in details.all_fields(found)}
    # one more addressee than the letter has, to add one
    assert f"blocks.{GOVERNMENT_LETTER}.addressees.1.name" in keys
    assert f"blocks.{GOVERNMENT_LETTER}.addressees.2.name" not in keys
    assert "blocks.0.press_release" in keys


def test_read_each_kind(library: Library) -> None:
    data = draftfile.load(MALI)
    date = field("document.date", data, library)
    assert details.read(date, " 2.6.2023 ") == (dt.date(2023, 6, 2), "→ 2 June 2023")
    with pytest.raises(ValueError, match="28 days"):
        details.read(date, "31/2/2023")
    symbol = field("situation.report.symbol", data, library)
    with pytest.raises(ValueError, match="required"):
        details.read(symbol, "  ")
    with pytest.raises(ValueError, match="not a UN document symbol"):
        details.read(symbol, "2022/856")
    lines = field("situation.resolutions", data, library)
    assert details.read(lines, "1612 (2005)\n\n 2427 (2018) \n")[0] == [
        "1612 (2005)",
        "2427 (2018)",
    ]
    comments = field("annex.comments", data, library)
    assert details.read(comments, "One\nline.\n\n\nTwo.")[0] == ["One line.", "Two."]
    assert details.read(field("situation.meeting.number", data, library), "")[0] is None


def test_set_details_keeps_comments_and_style_and_prunes(library: Library, tmp_path: Path) -> None:
    from wgdraft.session import DraftSession, _commented

    data = draftfile.load(MALI)
    data["review"] = _commented(["situation.resolutions", "blocks[2].addressees", "annex"])
    session = DraftSession(data, tmp_path / "mali.yaml", library)
    changes = {
        "situation.resolutions": ["1612 (2005)", "2427 (2018)"],
        "situation.meeting.number": "74th",
        f"blocks.{GOVERNMENT_LETTER}.addressees.0.title": None,
        f"blocks.{GOVERNMENT_LETTER}.addressees.0.address": None,
        f"blocks.{GOVERNMENT_LETTER}.addressees.1.name": "Someone",
        "blocks.0.meeting.date": dt.date(2023, 7, 1),
        "signatories.chair.name": "Pascale Baeriswyl",
    }
    session.set_details(changes)
    data = session.data
    text = draftfile.dumps(data)
    assert "resolutions: [1612 (2005), 2427 (2018)]" in text
    assert "letters_date: 2023-06-15  # when the letters and statements go out" in text
    assert "meeting: {date: 2023-03-31, kind: formal meeting, number: 74th}" in text
    addressees = data["blocks"][GOVERNMENT_LETTER]["addressees"]
    assert [dict(a) for a in addressees] == [{"name": "Someone"}]
    assert data["blocks"][0]["meeting"] == {"date": dt.date(2023, 7, 1)}
    assert list(data["review"]) == ["annex"]  # at once, not at the next edit

    session.set_details({"blocks.0.meeting.date": None, "annex.mission": None})
    data = session.data
    assert "meeting" not in data["blocks"][0]
    assert "annex" in data  # its comments are still there
    assert "review" not in data  # the last name settled: the list goes
    session.set_details({"annex.comments": None, "annex.place": None, "annex.date": None})
    assert "annex" not in session.data

    session.data["review"] = _commented(["document.date", "signatories.chair"])
    session.set_details({}, settled=["document.date"])  # confirmed unchanged
    assert list(session.data["review"]) == ["signatories.chair"]
    session.undo()
    assert list(session.data["review"]) == ["document.date", "signatories.chair"]


def test_problems_are_placed_on_the_form_field(library: Library) -> None:
    data = draftfile.load(MALI)
    found = fields(data, library)
    assert details.problems(data, {"signatories.chair.title": "Chair"}, found, MALI) == {
        "signatories.chair.name": "required field is missing"
    }
    wrong = details.problems(data, {"blocks.0.meeting.kind": "meeting"}, found, MALI)
    assert list(wrong) == ["blocks.0.meeting.date"]
    assert details.problems(data, {"annex.mission": None}, found, MALI) == {
        "annex.mission": "required field is missing"
    }
    assert details.problems(data, {"situation.meeting.number": "74th"}, found, MALI) == {}
