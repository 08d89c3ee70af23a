"""Editing sessions: operations, undo/redo, saving with comments, recovery, recent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.assessment import free_assessment_file
from tests.conftest import MALI
from wgdraft.library import Library
from wgdraft.session import DraftSession, find_recovery, recent_drafts


@pytest.fixture
def session(library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> DraftSession:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    return DraftSession.open(draft, library)


def clause_ids(session: DraftSession, block: int = 0) -> list[str]:
    return [item.get("clause", "text") for item in session.blocks()[block]["items"]]


def test_insert_move_remove_and_undo(session: DraftSession) -> None:
    before = clause_ids(session)
    ref = session.insert(("blocks", 0, "items"), 1, {"text": "A new item"})
    assert ref == ("blocks", 0, "items", 1)
    assert clause_ids(session)[1] == "text"
    assert session.move(ref, -1) == ("blocks", 0, "items", 0)
    assert session.move(("blocks", 0, "items", 0), -1) == ("blocks", 0, "items", 0)  # at the top
    session.remove(("blocks", 0, "items", 0))
    assert clause_ids(session) == before
    assert session.dirty
    assert session.undo() and clause_ids(session)[0] == "text"
    assert session.undo() and clause_ids(session)[1] == "text"
    assert session.redo() and clause_ids(session)[0] == "text"
    session.insert(("blocks", 0, "items"), None, {"text": "last"})
    assert not session.redo()  # a new edit clears the redo stack


def test_move_to_block_and_document_updates(session: DraftSession) -> None:
    session.move_to_block(("blocks", 0, "items", 1), 6)
    document = session.bundle().conclusions
    assert document.find("10 (b)").source == "previous-conclusions.further-implement"
    assert document.find("10 (b)").text.endswith(".")
    assert document.find("10 (a)").text.endswith(";")


def test_values_and_validation_errors(session: DraftSession) -> None:
    ref = ("blocks", 0, "items", 0)
    session.set_values(ref, {"trend": "noting the increase"})
    assert "noting the increase" in session.bundle().conclusions.find("4 (a)").text
    session.set_values(("blocks", 0, "items", 13), {"children_deprived": "many"})
    with pytest.raises(Exception) as info:
        session.bundle()
    assert "children_deprived" in str(info.value)


def test_save_keeps_comments_and_is_atomic(session: DraftSession) -> None:
    session.remove(("blocks", 0, "items", 1))
    path = session.save()
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Conclusions on children and armed conflict in Mali")
    assert "# Specific to this situation" in text
    assert "previous-conclusions.further-implement" not in text
    assert not session.dirty
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".")]
    assert recent_drafts()[0] == path.resolve()


def test_recovery_round_trip(session: DraftSession, library: Library) -> None:
    assert find_recovery(session.path) is None
    session.remove(("blocks", 0, "items", 1))
    session.write_recovery()
    recovery = find_recovery(session.path)
    assert recovery is not None
    reopened = DraftSession.open(session.path, library)
    reopened.restore(recovery)
    assert clause_ids(reopened) == clause_ids(session)
    reopened.save()
    assert find_recovery(session.path) is None


def test_new_and_from_earlier(
    library: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    situation = {
        "country": {"name": "Somalia"},
        "meeting": {"date": "2025-05-20"},
        "report": {"ordinal": "sixth", "symbol": "S/2025/123"},
    }
    new = DraftSession.new(tmp_path / "new.yaml", library, situation)
    assert new.bundle().conclusions.subtitle.endswith("in Somalia")
    later = DraftSession.from_earlier(
        MALI, tmp_path / "mali-2025.yaml", library, {"meeting": {"date": "2025-03-01"}}
    )
    draft = later.draft()
    assert draft.situation.meeting.date.isoformat() == "2025-03-01"
    assert draft.situation.country.name == "Mali"
    assert draft.document.symbol is None and draft.annex is None
    assert len(draft.blocks) == 8


def test_opening_reads_fast_and_the_first_edit_keeps_comments(session: DraftSession) -> None:
    assert session._rt is None  # opened for display with the fast loader
    assert session.draft().situation.country.name == "Mali"
    ref = session.move(("blocks", 0, "items", 2), -1)
    assert ref == ("blocks", 0, "items", 1)
    assert session.undo()
    assert session.draft() == DraftSession.open(session.path, session.library).draft()
    text = session.save().read_text(encoding="utf-8")
    assert "# Specific to this situation" in text


def test_pasted_paragraphs_replace_a_free_text_item_in_one_undo_step(
    session: DraftSession, library: Library
) -> None:
    # the members' assessment as free text, as before it became sentence clauses
    free_assessment_file(MALI, session.path, library)
    session = DraftSession.open(session.path, library)
    ref = ("opening", 1)
    before = session.get(ref)["text"]
    count = len(session.get(("opening",)))
    session.set_paragraphs(ref, ["First paragraph", "Second paragraph", "Third paragraph"])
    opening = session.get(("opening",))
    assert [opening[i]["text"] for i in (1, 2, 3)] == [
        "First paragraph",
        "Second paragraph",
        "Third paragraph",
    ]
    assert len(opening) == count + 2
    assert session.undo()  # one step back restores the item as it was
    assert session.get(ref)["text"] == before
    assert len(session.get(("opening",))) == count
