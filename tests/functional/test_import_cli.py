"""`wgdraft import` and `wgdraft match`: exit codes, summary lines, bad input, and
never replacing a file without being told."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Cli
from wgdraft.drafts import load_draft

FIXTURES = ROOT / "tests" / "fixtures"
MALI_TXT = FIXTURES / "mali-2023-conclusions.txt"
SOUTH_SUDAN = FIXTURES / "S-AC.51-2018-3_south-sudan.txt"
CAR = FIXTURES / "S-AC.51-2024-5_central-african-republic.txt"

SUMMARY = re.compile(r"(\d+) items, (\d+) exact \(\d+%\), (\d+) free text >= 0\.85, (\d+) below")


def _counts(line: str) -> list[int]:
    """items, exact, >= 0.85, below of a summary line."""
    found = SUMMARY.search(line)
    assert found is not None, line
    return [int(n) for n in found.groups()]


def test_import_writes_a_valid_draft_with_its_source_in_the_header(
    cli: Cli, tmp_path: Path
) -> None:
    out = tmp_path / "mali.yaml"
    result = cli("import", MALI_TXT, "-o", out)
    assert result.code == 0, result.err
    assert f"wrote {out}" in result.out
    items, exact, near, below = _counts(result.out)
    assert items == exact + near + below and items >= 45
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Imported from mali-2023-conclusions.txt")
    draft = load_draft(out)
    assert draft.situation.country.name == "Mali"
    assert cli("check", out).code == 0


def test_import_lists_the_free_text_items(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "mali.txt"  # one word of the members' assessment changed
    text = MALI_TXT.read_text(encoding="utf-8")
    source.write_text(text.replace("Members further highlighted", "Members also highlighted"))
    result = cli("import", source, "-o", tmp_path / "mali.yaml")
    free = [line for line in result.out.splitlines() if line.startswith("  free text ")]
    _items, _exact, near, below = _counts(result.out)
    assert len(free) == near + below
    (assessment,) = [line for line in free if line.split()[2] == "2"]
    assert "sentences: 5 of 6 sentence clauses" in assessment


def test_import_refuses_to_replace_a_file(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("# my own draft\n", encoding="utf-8")
    result = cli("import", MALI_TXT, "-o", out)
    assert result.code == 1
    assert "already exists" in result.err and str(out) in result.err
    assert out.read_text(encoding="utf-8") == "# my own draft\n"
    assert cli("import", MALI_TXT, "-o", out, "--force").code == 0
    assert out.read_text(encoding="utf-8").startswith("# Imported from")


def test_import_writes_beside_the_current_folder_by_default(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("import", SOUTH_SUDAN)
    assert result.code == 0, result.err
    written = tmp_path / "S-AC.51-2018-3_south-sudan.yaml"
    assert written.is_file()
    load_draft(written)
    assert not list(tmp_path.glob(".*.tmp"))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("empty.txt", b""),
        ("novel.txt", b"It was a dark and stormy night; the rain fell in torrents.\n" * 40),
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("scan.pdf", b"%PDF-1.4\n%%EOF\n"),
    ],
)
def test_bad_input_is_one_line_naming_the_file_and_writes_nothing(
    tmp_path: Path, name: str, content: bytes
) -> None:
    source = tmp_path / name
    source.write_bytes(content)
    out = tmp_path / "out.yaml"
    result = subprocess.run(
        [sys.executable, "-m", "wgdraft", "import", str(source), "-o", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(source) in lines[0], result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_import_of_a_missing_file(cli: Cli, tmp_path: Path) -> None:
    result = cli("import", tmp_path / "nothing.txt", "-o", tmp_path / "out.yaml")
    assert result.code == 1 and "nothing.txt" in result.err


def test_match_prints_every_item_and_the_summaries(cli: Cli) -> None:
    result = cli("match", MALI_TXT, SOUTH_SUDAN, CAR)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert any(re.match(r"  4 \(a\)\s+condemnation\.all-violations", line) for line in lines)
    assert any(
        re.match(r"  To all parties 1\s+condemnation\.all-violations", line) for line in lines
    )
    per_file = [line for line in lines if SUMMARY.search(line) and not line.startswith("total")]
    assert [line.split(":")[0] for line in per_file] == [str(MALI_TXT), str(SOUTH_SUDAN), str(CAR)]
    total = lines[-1]
    assert total.startswith("total (3 file(s)): ")
    counts = [_counts(line) for line in per_file]
    assert _counts(total) == [sum(c) for c in zip(*counts, strict=True)]
    item_lines = [line for line in lines if line.startswith("  ")]
    assert len(item_lines) == sum(c[0] for c in counts)
    assert all(line.rstrip().endswith(("exact", "-", "(no clause)")) for line in item_lines)


def test_match_goes_on_past_a_bad_file_and_fails(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = cli("match", empty, SOUTH_SUDAN)
    assert result.code == 1
    assert str(empty) in result.err
    assert result.out.splitlines()[-1].startswith("total (1 file(s)): ")


CUT_BEFORE_A_VALUE = """\
=== PART B: Public statement by the Chair (press release SC/99997) ===
SC/99997
Public Statement by Chair of Security Council Working Group on Children and Armed Conflict
At its fortieth meeting, on 16 August 2030, the Security Council Working Group on Children and Armed Conflict agreed, in connection with the examination of the third report of the Secretary-General on children and armed conflict in Ruritania (S/2030/258), to address the following message to all parties to the armed conflict in Ruritania mentioned in the report of the Secretary-General through a public statement by its Chair:
(a) Stressing that all perpetrators of such acts must be swiftly brought to justice and held accountable, including through timely and systematic investigation and prosecution, and noting that some of the above-mentioned acts are prohibited and criminalized under Law No. 3/2029 on the protection of the child, adopted by the Government of Rurit
[... rest not retrieved ...]
"""


def test_a_source_cut_off_before_a_value_leaves_it_to_fill_in(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(CUT_BEFORE_A_VALUE)
    out = tmp_path / "statement.yaml"
    result = cli("import", source, "-o", out)
    assert result.code == 0, result.err
    # the clause is used with the values the source gives, counted as far as it goes;
    # the lead-in counts too, exact: it names the addressees, the statement prints it
    assert _counts(result.out) == [2, 2, 0, 0]
    assert "to fill in: blocks[0].items[0].values.adopted_on" in result.out
    assert "blocks[0].items[0].values.adopted_on" in out.read_text(encoding="utf-8")
    (item,) = load_draft(out).blocks[0].items
    assert item.clause == "accountability.swiftly-brought-to-justice-national-law"
    assert item.values == {"law": "Law No. 3/2029 on the protection of the child"}
    # `wgdraft check` names the value at its item, as for any value missing
    checked = cli("check", out)
    assert checked.code != 0
    assert "blocks[0].items[0]" in checked.err and "'adopted_on'" in checked.err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    data["blocks"][0]["items"][0]["values"]["adopted_on"] = "2029-01-10"
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert cli("check", out).code == 0, cli("check", out).err
    matched = cli("match", source)
    assert _counts(matched.out.splitlines()[-1]) == [2, 2, 0, 0]
