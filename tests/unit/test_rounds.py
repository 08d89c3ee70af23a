"""Rounds: full copies of a draft beside it, numbered, named, each a valid draft."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import MALI
from wgdraft.drafts import load_draft
from wgdraft.errors import WgdraftError
from wgdraft.rounds import list_rounds, resolve, rounds_dir, save_round, slug


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "mali-2025.yaml"
    path.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def test_rounds_folder_is_beside_the_draft(draft: Path) -> None:
    assert rounds_dir(draft) == draft.parent / "mali-2025.rounds"
    assert list_rounds(draft) == []


def test_save_list_and_resolve(draft: Path) -> None:
    text = draft.read_text(encoding="utf-8")
    first = save_round(draft, "Zero draft", text)
    second = save_round(draft, "Rev.1", text.replace("fourth", "fifth"))
    assert first.file == rounds_dir(draft) / "01-zero-draft.yaml"
    assert second.file.name == "02-rev-1.yaml"
    assert second.file.read_text(encoding="utf-8").startswith("# wgdraft round 2: Rev.1 (saved ")
    listed = list_rounds(draft)
    assert [(r.number, r.name) for r in listed] == [(1, "Zero draft"), (2, "Rev.1")]
    assert listed[1].saved_at == second.saved_at
    assert listed[1].saved_at.tzinfo is not None
    assert abs(listed[1].saved_at - dt.datetime.now(dt.UTC)) < dt.timedelta(days=1)
    for spec in ("2", "02", "Rev.1", "REV.1", "rev-1", "02-rev-1.yaml", " rev.1 "):
        assert resolve(draft, spec) == listed[1], spec
    assert resolve(draft, "zero draft") == listed[0]
    assert resolve(draft, "3") is None
    assert resolve(draft, "Rev.2") is None
    assert resolve(draft, "") is None


def test_a_round_is_a_valid_draft_of_that_time(draft: Path) -> None:
    saved = save_round(draft, "Rev.1", draft.read_text(encoding="utf-8").replace("fourth", "fifth"))
    assert load_draft(saved.file).situation.report.ordinal == "fifth"
    assert load_draft(draft).situation.report.ordinal == "fourth"


def test_refusals_name_the_draft(draft: Path) -> None:
    text = draft.read_text(encoding="utf-8")
    save_round(draft, "Rev.1", text)
    for name, words in (("rev.1", "already a round 1"), ("  ", "needs a name"), ("...", "letters")):
        with pytest.raises(WgdraftError) as caught:
            save_round(draft, name, text)
        assert words in str(caught.value)
        assert str(draft) in str(caught.value)
    with pytest.raises(WgdraftError) as caught:
        save_round(draft, "Rev.2", text.replace("ordinal: fourth", "ordinal: [1, 2]"))
    assert "ordinal" in str(caught.value)
    assert [r.number for r in list_rounds(draft)] == [1]


def test_a_round_copied_in_by_hand_is_listed(draft: Path) -> None:
    folder = rounds_dir(draft)
    folder.mkdir()
    (folder / "03-silence-procedure.yaml").write_text(MALI.read_text(encoding="utf-8"))
    (folder / "notes.txt").write_text("not a round")
    (listed,) = list_rounds(draft)
    assert (listed.number, listed.name) == (3, "silence procedure")
    assert save_round(draft, "Adopted", MALI.read_text(encoding="utf-8")).number == 4


def test_slug() -> None:
    assert slug("Rev.1") == "rev-1"
    assert slug("Procédure d’accord tacite") == "procedure-daccord-tacite"
