"""`wgdraft check --deviations`: one line per item that departs from agreed language, a
summary, exit code 0 unless a draft itself has problems."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import EXAMPLES, MALI, ROOT, Cli

FRESH = """\
id: community-leaders.fresh
title: Thanking community leaders
family: community-leaders
recipients: [leaders-statement]
body: Thanking community and religious leaders for their work
"""


def _draft(tmp_path: Path, items: list[dict[str, str]]) -> Path:
    """The Mali draft with a leaders' block of ``items`` after its own blocks."""
    data = yaml.safe_load(MALI.read_text(encoding="utf-8"))
    data["blocks"].append({"channel": "leaders-statement", "items": items})
    path = tmp_path / "draft.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_lines_and_summary(cli: Cli, workspace: Path, tmp_path: Path) -> None:
    (workspace / "clauses" / "community-leaders" / "community-leaders.fresh.yaml").write_text(
        FRESH, encoding="utf-8"
    )
    off_by_one = (
        "Emphasizing the essential role of community and religious leaders in "
        "strengthening the protection of children affected by armed conflict"
    )
    draft = _draft(
        tmp_path,
        [
            {"clause": "community-leaders.important-role"},
            {"text": off_by_one},
            {"clause": "community-leaders.fresh"},
        ],
    )
    result = cli("check", "--deviations", draft, "--library", workspace)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    labels = [line.split("  ")[0].strip() for line in lines[:-1]]
    last = int(lines[-2].split()[0])  # the leaders' block is the last paragraph
    # not (a): it is agreed language; nor paragraph 2: sentence clauses (issue 12.4)
    assert labels == [f"{last} (b)", f"{last} (c)"]
    free = lines[0]
    assert "0.95" in free  # 18 of 19 words
    assert "community-leaders.important-role" in free
    assert "[-important-] {+essential+}" in free
    fresh = lines[1]
    assert "new wording: clause community-leaders.fresh has no precedent" in fresh
    assert "{+Thanking community and religious leaders for their work+}" in fresh
    assert lines[-1] == "2 deviating item(s) in 1 draft(s): 1 free text, 1 new wording"


def test_the_examples_are_agreed_language(cli: Cli) -> None:
    """Every variant the examples use is named by a precedent, and their members'
    assessment is made of sentence clauses (issue 12.4; a sentence cut off in the source
    is its clause as far as it goes): no item of any example departs."""
    result = cli("check", "--deviations", EXAMPLES)
    assert result.code == 0, result.err
    out = result.out.splitlines()
    departing = [line for line in out if not line.endswith(".yaml:")]
    assert departing == ["0 deviating item(s) in 6 draft(s)"], departing


def test_a_draft_with_problems_exits_1(tmp_path: Path) -> None:
    draft = _draft(tmp_path, [{"clause": "no.such-clause"}])
    result = subprocess.run(
        [sys.executable, "-m", "wgdraft", "check", "--deviations", str(draft)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert "unknown clause id 'no.such-clause'" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines()[-1] == "0 deviating item(s) in 1 draft(s)"


def test_an_imported_text_shows_where_it_departs(cli: Cli, tmp_path: Path) -> None:
    """Last year's conclusions imported: the members' assessment (paragraph 2), free
    text before issue 12.4, reads back as sentence clauses; a word changed in it shows
    at its sentence."""
    draft = tmp_path / "mali.yaml"
    source = tmp_path / "mali.txt"
    text = (ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt").read_text(encoding="utf-8")
    source.write_text(text.replace("Members further highlighted", "Members also highlighted"))
    imported = cli("import", source, "-o", draft)
    assert imported.code == 0, imported.err
    result = cli("check", "--deviations", draft)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split()[:2] for line in lines[:-1]] == [["2", "s5"]]
    assert "assessment.prevention-accountability  (free text): [-further-] {+also+}" in lines[0]
    assert lines[-1] == "1 deviating item(s) in 1 draft(s): 1 free text"
