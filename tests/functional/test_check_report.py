"""`wgdraft check` on drafts: the ok line first and unchanged, then each draft's counts,
negotiation tally and what is still to review; a broken templates/negotiation.yaml is
caught with its file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, MALI, Cli
from tests.editing import edit, line_of, problems
from tests.negotiation_draft import negotiated, write
from wgdraft.library import Library

NEGOTIATION = Path("templates/negotiation.yaml")


def test_check_without_drafts_says_only_ok(cli: Cli, library: Library) -> None:
    result = cli("check")
    assert result.code == 0, result.err
    assert result.out == f"ok: {len(library.clauses)} clauses, 0 draft(s)\n"


def test_check_reports_each_draft_after_the_ok_line(cli: Cli, library: Library) -> None:
    result = cli("check", MALI)
    assert result.code == 0, result.err
    assert result.out.splitlines() == [
        f"ok: {len(library.clauses)} clauses, 1 draft(s)",
        f"{MALI}:",
        "  words: 5,251 in total (19 paragraphs, 46 subparagraphs)",
        "  by section:",
        "    Opening 386 (3 paragraphs)",
        "    Public statement by the Chair of the Working Group 1,748 (2 paragraphs, 17",
        "      subparagraphs)",
        "    Recommendations to the Security Council 2,284 (5 paragraphs, 21",
        "      subparagraphs)",
        "    Direct action by the Working Group 397 (1 paragraph, 8 subparagraphs)",
        "    Annex 436 (8 paragraphs)",
        "  negotiation: 49 items: 49 open (49 proposed, 0 under discussion), 0 agreed, 0",
        "    bracketed, 0 comment(s)",
        "  to review: nothing",
    ]


def test_check_counts_tallies_and_lists_what_to_review(cli: Cli, tmp_path: Path) -> None:
    data = negotiated()  # an unresolved bracket is information here, not a problem
    data["review"] = ["situation.report.symbol"]
    data["blocks"][0]["items"][2]["review"] = True
    draft = write(tmp_path / "mali-nego.yaml", data)
    result = cli("check", draft)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].endswith(" clauses, 1 draft(s)") and lines[0].startswith("ok: ")
    assert lines[1] == f"{draft}:"
    assert lines[2].startswith("  words: ")
    at = lines.index("  to review: 2")
    assert lines[at - 2 : at] == [
        "  negotiation: 18 items: 17 open (16 proposed, 1 under discussion), 1 agreed, 1",
        "    bracketed, 1 comment(s)",
    ]
    assert lines[at + 1 :] == [
        "    situation.report.symbol (Report symbol)",
        "    4 (c) (monitoring.report-not-full-impact)",
    ]


def test_check_fits_an_80_column_terminal(cli: Cli, tmp_path: Path) -> None:
    """A follow-up's long list to review: one point a line, none wider than 80."""
    follow = tmp_path / "follow.yaml"
    assert cli("followup", MALI, "-o", follow).code == 0
    result = cli("check", follow)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert max(len(line) for line in lines[2:]) <= 80  # the draft's path aside
    at = lines.index("  to review: 17")
    assert lines[at + 1] == "    situation.report.symbol (Report symbol)"
    assert "    4 (d) (action-plans.collaboration-and-new-plan)" in lines[at:]


def test_counts_are_of_the_clean_text(cli: Cli, tmp_path: Path) -> None:
    """Marks, notes and the alternatives of a chosen bracket are not counted."""
    plain = cli("check", write(tmp_path / "plain.yaml", negotiated(chosen="Calling upon")))
    data = negotiated(chosen="Calling upon")
    for item in data["blocks"][0]["items"]:
        item.pop("status", None)
        item.pop("comments", None)
        item.pop("brackets", None)
    data["opening"][0].pop("status")
    bare = cli("check", write(tmp_path / "bare.yaml", data))
    assert plain.code == bare.code == 0
    counts = [_counts(result.out) for result in (plain, bare)]
    assert counts[0] == counts[1] and counts[0][0].startswith("  words: ")


def _counts(out: str) -> list[str]:
    """The lines of the counts: from "words" to before "negotiation"."""
    lines = out.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("  negotiation: "))
    return lines[2:end]


def test_every_example_is_reported(cli: Cli) -> None:
    result = cli("check", EXAMPLES)
    assert result.code == 0, result.err
    reported = [line[:-1] for line in result.out.splitlines() if line.endswith(".yaml:")]
    assert sorted(reported) == sorted(str(p) for p in EXAMPLES.glob("*.yaml"))


@pytest.mark.parametrize(
    ("field", "old", "new", "says"),
    [
        ("bracket", "join(' / ') }}]", "join(' / ') }]", "template syntax error"),
        ("marked", "[{{ mark }}]", "[{{ mark.wording }}]", "has no 'wording'"),
        ("note_line", "{{ date }}", "{{ when }}", "'when' is not defined here"),
    ],
)
def test_a_broken_negotiation_template_is_caught_by_check(
    cli: Cli, workspace: Path, field: str, old: str, new: str, says: str
) -> None:
    template = workspace / NEGOTIATION
    edit(template, old, new)
    [message] = problems(cli, "--library", workspace, "check")
    assert message.startswith(f"{template}:{line_of(template, new)}: {field}:"), message
    assert says in message


def test_a_templates_folder_without_negotiation_yaml_uses_the_bundled_one(
    cli: Cli, workspace: Path, tmp_path: Path
) -> None:
    (workspace / NEGOTIATION).unlink()
    draft = write(tmp_path / "mali-nego.yaml", negotiated())
    result = cli(
        "--library", workspace, "render", draft, "--stage", "negotiation", "--format", "text"
    )
    assert result.code == 0, result.err
    assert "[Calling upon / Urging]" in result.out


def test_a_round_is_reported_as_a_draft_saying_whose_round(cli: Cli, tmp_path: Path) -> None:
    """Rounds are drafts: check of a folder lists them, each named as a round."""
    draft = write(tmp_path / "mali nego.yaml", negotiated())
    assert cli("round", "save", draft, "Rev.1").code == 0
    result = cli("check", tmp_path)
    assert result.code == 0, result.err
    titles = [line for line in result.out.splitlines()[1:] if not line.startswith(" ")]
    round_file = tmp_path / "mali nego.rounds" / "01-rev-1.yaml"
    assert sorted(titles) == sorted([f"{draft}:", f"{round_file} (round 1 “Rev.1” of mali nego):"])
