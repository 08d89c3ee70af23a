"""A draft session writes only drafts, and never into the clause library or templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import MALI
from wgdraft.errors import WgdraftError
from wgdraft.library import Library, load_library
from wgdraft.session import DraftSession

MEETING = Path("clauses/opening/opening.meeting.yaml")


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def ws_library(workspace: Path) -> Library:
    return load_library(workspace / "clauses", workspace / "templates")


def refused(path: Path, library: Library) -> str:
    with pytest.raises(WgdraftError) as caught:
        DraftSession.open(path, library)
    [only] = caught.value.problems
    return str(only)


def test_a_clause_file_does_not_open_as_a_draft(
    workspace: Path, ws_library: Library, tmp_path: Path
) -> None:
    clause = workspace / MEETING
    before = clause.read_bytes()
    assert refused(clause, ws_library) == (
        f"{clause}:1: this is a clause of the library (id opening.meeting), not a draft; "
        "edit it with `wgdraft clause edit opening.meeting`"
    )
    outside = tmp_path / "copy.yaml"
    shutil.copy(clause, outside)
    assert "this is a clause of the library" in refused(outside, ws_library)
    assert clause.read_bytes() == before


def test_a_draft_inside_the_library_or_templates_does_not_open(
    workspace: Path, ws_library: Library
) -> None:
    for folder, what in (("clauses", "clause library"), ("templates", "templates")):
        inside = workspace / folder / "zz-draft.yaml"
        inside.write_bytes(MALI.read_bytes())
        assert refused(inside, ws_library).startswith(
            f"{inside}: this file is inside the {what} folder"
        )
        inside.unlink()


def test_save_refuses_the_library_and_templates_folders(
    workspace: Path, ws_library: Library, tmp_path: Path
) -> None:
    draft = tmp_path / "mali.yaml"
    draft.write_bytes(MALI.read_bytes())
    session = DraftSession.open(draft, ws_library)
    session.insert(("opening",), None, {"text": "An added paragraph"})
    clause = workspace / MEETING
    before = clause.read_bytes()
    for target in (clause, workspace / "templates" / "new.yaml", workspace / "clauses" / "x.yaml"):
        with pytest.raises(WgdraftError) as caught:
            session.save(target)
        assert "drafts are kept outside it" in str(caught.value)
        assert session.path == draft
    assert clause.read_bytes() == before
    assert not (workspace / "templates" / "new.yaml").exists()
    assert not (workspace / "clauses" / "x.yaml").exists()
    session.save()
    assert "An added paragraph" in draft.read_text(encoding="utf-8")


def test_a_draft_with_mistakes_still_opens_to_be_fixed(library: Library, tmp_path: Path) -> None:
    draft = tmp_path / "broken.yaml"
    draft.write_text(
        MALI.read_text(encoding="utf-8").replace("clause: icc.referral", "clause: icc.nope")
        + "surplus: field\n",
        encoding="utf-8",
    )
    session = DraftSession.open(draft, library)
    with pytest.raises(WgdraftError) as caught:
        session.bundle()
    assert any("surplus" in p.field for p in caught.value.problems)


def test_from_an_earlier_word_document_that_is_no_conclusions_is_refused(
    library: Library, tmp_path: Path
) -> None:
    """A Word document is read as an adopted text (a follow-up may start from one); one
    that holds no conclusions is refused, naming the file, and nothing is written."""
    import docx

    earlier = tmp_path / "adopted.docx"
    docx.Document().save(str(earlier))
    with pytest.raises(WgdraftError) as caught:
        DraftSession.from_earlier(earlier, tmp_path / "new.yaml", library, {})
    assert f"{earlier}: this Word document does not read as conc" in str(caught.value)
    assert not (tmp_path / "new.yaml").exists()


def test_an_edit_with_a_control_character_is_a_problem_not_a_broken_export(
    library: Library, tmp_path: Path
) -> None:
    """Text pasted into the editor may carry characters python-docx refuses with
    'All strings must be XML compatible'; the draft names the field instead."""
    draft = tmp_path / "mali.yaml"
    draft.write_bytes(MALI.read_bytes())
    session = DraftSession.open(draft, library)
    ref = session.insert(("opening",), None, {"text": "Pasted\x08 text"})
    with pytest.raises(WgdraftError) as caught:
        session.draft()
    [problem] = caught.value.problems
    assert problem.field == f"opening[{ref[-1]}].text"
    assert "U+0008" in problem.message
    session.set_field(ref, "text", "Pasted text")
    assert session.draft().opening[-1].text == "Pasted text"
