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
    assert labels == ["2", f"{last} (b)", f"{last} (c)"]  # not (a): it is agreed language
    free = lines[1]
    assert "0.95" in free  # 18 of 19 words
    assert "community-leaders.important-role" in free
    assert "[-important-] {+essential+}" in free
    fresh = lines[2]
    assert "new wording: clause community-leaders.fresh has no precedent" in fresh
    assert "{+Thanking community and religious leaders for their work+}" in fresh
    assert lines[-1] == "3 deviating item(s) in 1 draft(s): 2 free text, 1 new wording"


def test_the_examples_show_their_free_text(cli: Cli) -> None:
    """The examples' free text is the members' assessment and what no clause covers yet;
    every variant they use is named by a precedent."""
    result = cli("check", "--deviations", EXAMPLES)
    assert result.code == 0, result.err
    out = result.out.splitlines()
    by_draft: dict[str, list[str]] = {}
    for line in out[:-1]:
        if line.endswith(".yaml:"):
            current = Path(line[:-1]).stem
            by_draft[current] = []
        else:
            by_draft[current].append(line)
    assert {name: [line.split()[0] for line in lines] for name, lines in by_draft.items()} == {
        "central-african-republic-2024": ["2"],
        "colombia-2020": ["2", "3"],  # the assessment; the statement's third message
        "democratic-republic-of-the-congo-2020": [],
        "mali-2023": ["2"],
        "myanmar-2019": ["1", "3"],  # the meeting with a follow-up sentence; the assessment
        "south-sudan-2018": ["3"],
    }
    assert all("(free text)" in line for lines in by_draft.values() for line in lines)
    assert "The members of the Working Group" in by_draft["mali-2023"][0]
    assert out[-1] == "7 deviating item(s) in 6 draft(s): 7 free text"


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
    """Last year's conclusions imported: the members' assessment (paragraph 2) is the
    one paragraph that is not agreed language."""
    draft = tmp_path / "mali.yaml"
    imported = cli("import", ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt", "-o", draft)
    assert imported.code == 0, imported.err
    result = cli("check", "--deviations", draft)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert [line.split()[0] for line in lines[:-1]] == ["2"]
    assert "(free text): [-" in lines[0]
    assert lines[-1] == "1 deviating item(s) in 1 draft(s): 1 free text"
