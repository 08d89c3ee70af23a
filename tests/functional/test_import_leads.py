"""Older press releases (2012-2015) name the addressees in the lead-in itself ("... to
address the following message to all parties to the armed conflict in ... through a
public statement by its Chair:") and have no "To ...:" line: import reads their message as
a statement whose lead prints those addressees, so the lead-in counts exact and the
rendered statement prints it word for word, with no "To" line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.corpus import CORPUS, needs_corpus
from wgdraft.drafts import load_draft
from wgdraft.importing.to_draft import import_file
from wgdraft.library import Library

#: the releases whose lead-in names the addressees, each with the forms it needs
LEAD_NAMED = {
    "S-AC.51-2012-x_colombia_SC-10890.txt": "annex-listed",
    "S-AC.51-2012-x_south-sudan_SC-10814.txt": "all-the-parties",
    "S-AC.51-2013-x_myanmar_SC-11116.txt": "all-parties",
    "S-AC.51-2014-4_syria_intro-only.txt": "all-parties",
    "S-AC.51-2015-x_south-sudan_SC-11884.txt": "all-parties",
}

SUMMARY = re.compile(
    r"(\d+) items, (\d+) exact \(\d+%\), (\d+) free text >= 0\.85, (\d+) below"
    r"(?:; of which framing: (\d+) items?, (\d+) exact)?"
)

RURITANIA = """\
=== PART B: Public statement by the Chair (press release SC/99996) ===
SC/99996
Public Statement by Chair of Security Council Working Group on Children and Armed Conflict
At its fifty-fourth meeting, on 8 May 2031, the Security Council Working Group on Children \
and Armed Conflict agreed, in connection with the examination of the first report of the \
Secretary-General on children and armed conflict in Ruritania (S/2030/884), to address the \
following message to all parties to the armed conflict in Ruritania, in particular the RLA, \
the RLA-IO and armed groups operating in their support such as the Grey Army, through a \
public statement by the Chair of the Working Group:
a. Stressing the importance of ensuring that the issue of child protection, including the \
release and reintegration of children, is integrated into ceasefire and/or peace talks and \
agreements;
"""


def _counts(out: str) -> list[int]:
    """items, exact, >= 0.85, below, framing items, framing exact of the summary line."""
    found = SUMMARY.search(out)
    assert found is not None, out
    return [int(n or 0) for n in found.groups()]


def _words(text: str) -> str:
    return " ".join(text.split())


def _statement(cli: Cli, draft: Path, out: Path) -> str:
    """The one statement ``draft`` renders, as text."""
    result = cli("render", draft, "--format", "text", "-o", out)
    assert result.code == 0, result.err
    (statement,) = (out / "statements").glob("*.txt")
    return statement.read_text(encoding="utf-8")


@needs_corpus
@pytest.mark.parametrize("name", sorted(LEAD_NAMED))
def test_a_lead_in_naming_the_addressees_imports_exact_and_prints_word_for_word(
    name: str, cli: Cli, library: Library, tmp_path: Path
) -> None:
    source = CORPUS / name
    (lead,) = [f for f in import_file(source, library).framing if f.kind == "lead"]
    draft = tmp_path / "draft.yaml"
    result = cli("import", source, "-o", draft)
    assert result.code == 0, result.err
    items, exact, near, below, framing, framing_exact = _counts(result.out)
    # the lead-in is exact, and so is every item under it
    assert framing == framing_exact == 1
    assert items == exact and near == below == 0
    (block,) = load_draft(draft).blocks
    assert block.channel == "parties-statement"
    assert block.values["lead_to"] == LEAD_NAMED[name]
    text = _statement(cli, draft, tmp_path / "out")
    assert _words(lead.text) in _words(text)
    # the lead names whom it addresses: no "To ...:" line follows it
    assert not [line for line in text.splitlines() if line.startswith("To ")]


def test_the_parties_a_lead_in_names_go_to_the_situation(cli: Cli, tmp_path: Path) -> None:
    source = tmp_path / "release.txt"
    source.write_text(RURITANIA, encoding="utf-8")
    draft = tmp_path / "release.yaml"
    result = cli("import", source, "-o", draft)
    assert result.code == 0, result.err
    assert _counts(result.out) == [2, 2, 0, 0, 1, 1]
    loaded = load_draft(draft)
    # the names are values of the situation, never words of the template
    assert loaded.situation.parties == [
        "the RLA",
        "the RLA-IO",
        "armed groups operating in their support such as the Grey Army",
    ]
    (block,) = loaded.blocks
    assert block.values["lead_parties"] is True
    lead = RURITANIA.splitlines()[3]
    assert _words(lead) in _words(_statement(cli, draft, tmp_path / "out"))


@needs_corpus
def test_a_lead_in_after_the_adoption_gives_the_report_s_ordinal(
    cli: Cli, library: Library, tmp_path: Path
) -> None:
    # "After the examination of the ninth report ...": paragraph 1's reading of the
    # situation does not know this shape; the lead reads the ordinal back itself
    source = CORPUS / "S-AC.51-2024-x_drc_miragenews.txt"
    (lead,) = [f for f in import_file(source, library).framing if f.kind == "lead"]
    draft = tmp_path / "draft.yaml"
    result = cli("import", source, "-o", draft)
    assert result.code == 0, result.err
    assert _counts(result.out)[4:] == [2, 2]
    assert "situation.report.ordinal" not in result.out
    assert load_draft(draft).situation.report.ordinal in lead.text
    assert _words(lead.text) in _words(_statement(cli, draft, tmp_path / "out"))
