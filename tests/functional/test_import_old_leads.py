"""The Chairman's older statements (2007 on Sri Lanka, 2010 on Nepal) open with lead-ins
of their own shape: the meeting named after the Working Group ("At the 8th meeting of the
Security Council Working Group ..., held on ..."), the report by its title, the
resolutions the message is subject to, "a message to all stakeholders ...", "by its
Chairman on behalf of the Working Group". The statement lead's forms print them, and the
names they hold (meeting's number, resolutions, parties) are the situation's values."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.corpus import CORPUS, needs_corpus
from wgdraft.drafts import load_draft
from wgdraft.importing.to_draft import import_file
from wgdraft.library import Library
from wgdraft.models import Draft

OLD_LEADS = ["S-AC.51-2007-9_sri-lanka.txt", "S-AC.51-2010-x_nepal_SC-10090.txt"]

#: the 2010 lead's shape for a made-up situation, without the slips of the source
LEAD_2010 = (
    "At the fifty-fourth meeting of the Security Council Working Group on Children and Armed"
    " Conflict, held on 8 May, the Working Group agreed, in connection with the consideration"
    " of the Report of the Secretary-General on Children and Armed Conflict in Ruritania"
    " (document S/2030/884), and subject to and consistent with applicable international law"
    " and Security Council resolutions on children and armed conflict, including Security"
    " Council resolutions 1612 (2005) and 2427 (2018), to address a message to all"
    " stakeholders involved in the protection of children in Ruritania, in particular the"
    " Ruritanian Liberation Army (RLA) and youth wings of the major political parties through"
    " a public statement by its Chairman on behalf of the Working Group:"
)

#: the 2007 lead's shape (the Chairman's own statement) for a made-up situation
LEAD_2007 = (
    "At the 9th meeting of the Security Council Working Group on Children and Armed Conflict,"
    " held on 10 May 2031, in connection with the consideration of the Report of the"
    " Secretary-General on children and armed conflict in Ruritania (S/2030/884), the"
    " Chairman of the Security Council Working Group on Children and Armed Conflict made the"
    " following statement on behalf of the Working Group:"
)

RURITANIA = """\
=== PART B: Statement by Chairman (press release SC/99995) ===
SC/99995
Statement by Chairman of Security Council Working Group on Children and Armed Conflict
{lead}
a. Stressing the importance of ensuring that the issue of child protection, including the \
release and reintegration of children, is integrated into ceasefire and/or peace talks and \
agreements;
"""


def _words(text: str) -> str:
    return " ".join(text.split())


@needs_corpus
@pytest.mark.parametrize("name", OLD_LEADS)
def test_the_lead_in_of_an_older_chairman_s_statement_is_near(name: str, library: Library) -> None:
    (lead,) = [f for f in import_file(CORPUS / name, library).framing if f.kind == "lead"]
    # the sources' slips ("Secretary General", "partiesthrough") keep them from exact
    assert lead.similarity >= 0.9, lead.rendered
    assert "Secretary-General" in lead.rendered
    assert "on behalf of the Working Group:" in lead.rendered


def _imported_and_printed(cli: Cli, tmp_path: Path, lead: str) -> Draft:
    """A made-up release with ``lead`` imported (its lead exact) and rendered back: the
    statement prints the lead word for word; the imported draft."""
    source = tmp_path / "release.txt"
    source.write_text(RURITANIA.format(lead=lead), encoding="utf-8")
    draft = tmp_path / "release.yaml"
    result = cli("import", source, "-o", draft)
    assert result.code == 0, result.err
    assert "framing: 1 item, 1 exact" in result.out
    out = tmp_path / "out"
    rendered = cli("render", draft, "--format", "text", "-o", out)
    assert rendered.code == 0, rendered.err
    (statement,) = (out / "statements").glob("*.txt")
    assert lead in _words(statement.read_text(encoding="utf-8"))
    return load_draft(draft)


def test_the_2010_lead_prints_for_another_situation(cli: Cli, tmp_path: Path) -> None:
    loaded = _imported_and_printed(cli, tmp_path, LEAD_2010)
    # the names are the situation's values, never words of the template
    assert loaded.situation.meeting.number == "fifty-fourth"
    assert loaded.situation.resolutions == ["1612 (2005)", "2427 (2018)"]
    assert loaded.situation.parties == [
        "the Ruritanian Liberation Army (RLA)",
        "youth wings of the major political parties",
    ]
    (block,) = loaded.blocks
    assert block.values["lead_meeting_of"] is True
    assert block.values["lead_resolutions"] is True
    assert block.values["lead_to"] == "stakeholders"
    assert block.values["lead_chair"] == "its-chairman"


def test_the_2007_lead_prints_for_another_situation(cli: Cli, tmp_path: Path) -> None:
    loaded = _imported_and_printed(cli, tmp_path, LEAD_2007)
    assert loaded.situation.meeting.number == "9th"
    (block,) = loaded.blocks
    assert block.values["lead_order"] == "chair-statement"
    assert block.values["lead_report_title"] == "report"
