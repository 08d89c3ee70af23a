"""`wgdraft followup`, the render note about points to review, and `wgdraft round`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import MALI, ROOT, Cli
from wgdraft.drafts import load_draft
from wgdraft.review import pending
from wgdraft.rounds import resolve, rounds_dir
from wgdraft.yamlio import load_file


@pytest.fixture
def followup(cli: Cli, tmp_path: Path) -> Path:
    out = tmp_path / "mali-2025.yaml"
    result = cli("followup", MALI, "-o", out)
    assert result.code == 0, result.err
    return out


def test_followup_says_what_it_set_and_how_much_is_to_review(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "mali-2025.yaml"
    result = cli("followup", MALI, "-o", out)
    assert result.code == 0, result.err
    assert f"wrote {out}" in result.out
    assert "report ordinal: fourth -> fifth" in result.out
    assert "previous conclusions: the earlier text has no symbol; to review" in result.out
    found = re.search(
        r"(\d+) point\(s\) to review \((\d+) field\(s\), (\d+) item\(s\)\)", result.out
    )
    assert found, result.out
    points = pending(load_file(out))
    assert int(found[1]) == len(points) >= 10
    assert int(found[3]) == sum(1 for p in points if p.field is None) >= 3
    draft = load_draft(out)
    assert draft.situation.report.ordinal == "fifth" and draft.annex is None
    assert "situation.report.symbol" in draft.review
    # never over an existing file unless told
    again = cli("followup", MALI, "-o", out)
    assert again.code == 1 and f"{out}: already exists" in again.err
    assert cli("followup", MALI, "-o", out, "--force").code == 0


def test_followup_of_an_adopted_text(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "mali-2025.yaml"
    adopted = ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt"
    result = cli("followup", adopted, "-o", out)
    assert result.code == 0, result.err
    assert "report ordinal: fourth -> fifth" in result.out
    assert "situation.report.symbol" in load_draft(out).review


def test_followup_of_a_missing_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli("followup", tmp_path / "nothing.yaml", "-o", tmp_path / "new.yaml")
    assert result.code == 1
    assert result.err.strip() == f"{tmp_path / 'nothing.yaml'}: draft file not found"
    assert not (tmp_path / "new.yaml").exists()


def test_render_with_points_to_review_says_so_and_succeeds(
    cli: Cli, followup: Path, tmp_path: Path
) -> None:
    count = len(pending(load_file(followup)))
    result = cli("render", followup, "--format", "text")
    assert result.code == 0, result.err
    assert "fifth report" in result.out
    assert f"{count} point(s) still to review" in result.err
    assert f"`wgdraft check {followup}` lists them" in result.err
    written = cli("render", followup, "-o", tmp_path / "out")
    assert written.code == 0 and "still to review" in written.err


def test_render_of_a_draft_without_flags_has_no_note(cli: Cli) -> None:
    result = cli("render", MALI, "--format", "text")
    assert result.code == 0 and result.err == ""


def test_round_save_list_and_a_round_renders(cli: Cli, followup: Path, tmp_path: Path) -> None:
    assert "no rounds yet" in cli("round", "list", followup).out
    first = cli("round", "save", followup, "Zero draft")
    assert first.code == 0, first.err
    assert "saved round 1 (Zero draft)" in first.out
    text = followup.read_text(encoding="utf-8")
    followup.write_text(text.replace("ordinal: fifth", "ordinal: sixth"), encoding="utf-8")
    assert cli("round", "save", followup, "Rev.1").code == 0
    listed = cli("round", "list", followup).out.splitlines()
    assert re.match(
        r"\s*1  Zero draft\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}  01-zero-draft.yaml", listed[0]
    )
    assert re.match(r"\s*2  Rev\.1\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}  02-rev-1.yaml", listed[1])
    duplicate = cli("round", "save", followup, "REV.1")
    assert duplicate.code == 1 and "already a round 2" in duplicate.err
    zero = resolve(followup, "zero draft")
    assert zero is not None and zero.file.parent == rounds_dir(followup)
    rendered = cli("render", zero.file, "--format", "text")
    assert rendered.code == 0, rendered.err
    assert "fifth report" in rendered.out
    assert "sixth report" in cli("render", resolve(followup, "2").file, "--format", "text").out  # type: ignore[union-attr]


def test_round_save_refuses_a_broken_draft(cli: Cli, tmp_path: Path) -> None:
    draft = tmp_path / "broken.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8").replace("ordinal: fourth", "ordinal: [4]"))
    result = cli("round", "save", draft, "Zero draft")
    assert result.code == 1 and "ordinal" in result.err and str(draft) in result.err
    assert not rounds_dir(draft).exists()


def test_commands_suggested_for_a_name_with_spaces_can_be_pasted(cli: Cli, tmp_path: Path) -> None:
    """A draft named "mali 2025.yaml": every command the CLI suggests quotes it."""
    draft = tmp_path / "mali 2025.yaml"
    made = cli("followup", MALI, "-o", draft)
    assert made.code == 0, made.err
    quoted = f"'{draft}'"
    assert f"`wgdraft check {quoted}` lists them, `wgdraft edit {quoted}`" in made.out
    assert f"`wgdraft round save {quoted} NAME`" in cli("round", "list", draft).out
    assert f"`wgdraft check {quoted}` lists them" in cli("render", draft, "--format", "text").err
    missing = cli("render", draft, "--against", "Rev.9", "--format", "text")
    assert missing.code == 1
    assert f"`wgdraft round list {quoted}` lists them" in missing.err
    assert cli("round", "save", draft, "Zero draft").code == 0
    assert "Zero draft" in cli("round", "list", draft).out
    assert cli("compare", draft, "zero draft").code == 0


def test_a_review_name_that_names_no_field_is_a_problem(cli: Cli, tmp_path: Path) -> None:
    """A typo in ``review`` would stay "to review" for ever: check names it, by line."""
    draft = tmp_path / "typo.yaml"
    text = MALI.read_text(encoding="utf-8")
    draft.write_text(
        "review: [situation.report.symbl, 'blocks[99].meeting', 'blocks[1].meeting']\n" + text,
        encoding="utf-8",
    )
    result = cli("check", draft)
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(
        f"{draft}:1: review[0]: 'situation.report.symbl' is not a field that can be to review"
    )
    assert lines[1].startswith(f"{draft}:1: review[1]: 'blocks[99].meeting' is not a field")
    assert (
        "blocks[N].press_release/meeting/addressees with N a block of the draft (0 to 7)"
        in (lines[1])
    )
    assert lines[2:] == ["2 problem(s) found"]


def test_author_without_against_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    """--author only says who made a redline's changes; alone it would be ignored."""
    result = cli("render", MALI, "--author", "Chair", "-o", tmp_path / "out")
    assert result.code == 2
    assert "--author" in result.err and "--against" in result.err
    assert not (tmp_path / "out").exists()
