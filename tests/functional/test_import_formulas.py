"""The introductory formulas of the older texts (2007-2010) import as the channel that
prints them (templates/channels/statement-part.yaml, views-exchange.yaml) and
render back word for word; a press release alone gives its report's ordinal from its
lead-in ("After the examination of the ninth report ...")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import Cli
from tests.corpus import CORPUS, needs_corpus
from wgdraft import renderers
from wgdraft.assemble import assemble_bundle
from wgdraft.importing import read_adopted
from wgdraft.importing.to_draft import import_file
from wgdraft.itempath import ItemPath
from wgdraft.library import Library
from wgdraft.templating import normalize_space

#: corpus file -> each block's channel and values, in order
FORMULAS: dict[str, list[tuple[str, dict[str, Any]]]] = {
    # the Chairman's statement of 11 May 2007: "Urges the leadership of <party>:"
    "S-AC.51-2007-9_sri-lanka.txt": [
        ("statement-part", {"verb": "urges", "addressed": "leadership", "party": "LTTE"}),
    ],
    # press release SC/10090 (2010): "Welcoming:" and "Urging them:"
    "S-AC.51-2010-x_nepal_SC-10090.txt": [
        ("statement-part", {"verb": "welcoming"}),
        ("statement-part", {"verb": "urging", "addressed": "them"}),
    ],
    # S/AC.51/2009/4, paragraph 3: "The main elements of the exchange of views ..."
    "S-AC.51-2009-4_myanmar.txt": [("views-exchange", {})],
}


@needs_corpus
@pytest.mark.parametrize(("source", "blocks"), FORMULAS.items())
def test_an_older_formula_imports_as_its_channel(
    cli: Cli, tmp_path: Path, source: str, blocks: list[tuple[str, dict[str, Any]]]
) -> None:
    out = tmp_path / "imported.yaml"
    result = cli("import", CORPUS / source, "-o", out)
    assert result.code == 0, result.err
    assert "introductory formula" not in result.out + result.err
    # the items under the formulas and the formulas stay exact (the 2007 and 2010
    # lead-ins are framing of their own, measured apart)
    inexact = [line for line in result.out.splitlines() if line.startswith("  free text")]
    assert [line for line in inexact if "(lead-in)" not in line] == []
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    read = [(b["channel"], b.get("values", {})) for b in data["blocks"]]
    assert read == blocks


@needs_corpus
@pytest.mark.parametrize("source", FORMULAS)
def test_an_older_formula_renders_back_word_for_word(source: str, library: Library) -> None:
    adopted = read_adopted(CORPUS / source)
    formulas = [p.text for p in adopted.paragraphs if p.items]
    imported = import_file(CORPUS / source, library)
    document = assemble_bundle(imported.draft(), library).conclusions
    nodes = document.by_path()
    printed = [nodes[ItemPath.block(i)].text for i in range(len(imported.data["blocks"]))]
    assert printed == formulas
    # no heading is printed where the text has none (the exchange of views)
    if source == "S-AC.51-2009-4_myanmar.txt":
        assert [p.number for p in document.paragraphs] == [1, 2, 3]
        assert len(document.body) == 3


@needs_corpus
@pytest.mark.parametrize("source", FORMULAS)
def test_an_older_formula_reads_back_from_the_docx_it_renders(
    source: str, library: Library, tmp_path: Path
) -> None:
    imported = import_file(CORPUS / source, library)
    docx = tmp_path / "conclusions.docx"
    document = assemble_bundle(imported.draft(), library).conclusions
    docx.write_bytes(renderers.get("docx").conclusions(document, library))
    again = import_file(docx, library)
    assert [(b["channel"], b.get("values", {})) for b in again.data["blocks"]] == FORMULAS[source]
    assert not any("introductory formula" in n for n in again.notes)


@needs_corpus
def test_a_press_release_alone_gives_the_ordinal_its_lead_names(
    cli: Cli, tmp_path: Path, library: Library
) -> None:
    source = CORPUS / "S-AC.51-2024-x_drc_miragenews.txt"
    out = tmp_path / "imported.yaml"
    result = cli("import", source, "-o", out)
    assert result.code == 0, result.err
    assert "lead-in differs" not in result.out + result.err
    assert "situation.report.ordinal" not in result.out  # no longer to fill in
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["situation"]["report"]["ordinal"] == "ninth"
    imported = import_file(source, library)
    [statement] = assemble_bundle(imported.draft(), library).statements
    assert statement.lead == normalize_space(read_adopted(source).lead or "")


@pytest.mark.parametrize(("named", "ordinal"), [("eleventh ", "eleventh"), ("", "[ordinal]")])
def test_a_press_release_alone_gives_the_ordinal_only_where_its_lead_names_it(
    library: Library, tmp_path: Path, named: str, ordinal: str
) -> None:
    source = tmp_path / "statement.txt"
    source.write_text(
        "=== PART B: Public statement by the Chair (press release SC/99997) ===\n"
        "SC/99997\n"
        f"After the examination of the {named}report of the Secretary-General on children and armed "
        "conflict in Ruritania (S/2030/705) and the adoption of conclusions on the report, the "
        "Security Council Working Group on Children and Armed Conflict agreed to address the "
        "following messages through a public statement by the Chair of the Working Group.\n"
        "To all parties to armed conflict in Ruritania:\n"
        "(a) Stressing t\n"
        "[... rest not retrieved ...]\n",
        encoding="utf-8",
    )
    imported = import_file(source, library)
    assert imported.data["situation"]["report"]["ordinal"] == ordinal
    assert ("situation.report.ordinal" in imported.missing) == (ordinal == "[ordinal]")
    lead_differs = any(n.startswith("the lead-in differs") for n in imported.notes)
    assert lead_differs == (ordinal == "[ordinal]")
