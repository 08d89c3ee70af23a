"""A press release's "To ...:" line imports as the parties statement's addressees forms
(templates/channels/parties-statement.yaml ``addressees_*``) that print it word for word."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import EXAMPLES, Cli
from tests.corpus import CORPUS, needs_corpus
from wgdraft.cli import main
from wgdraft.drafts import load_draft
from wgdraft.importing.to_draft import import_file
from wgdraft.library import Library

#: corpus file -> the addressees forms its "To ...:" line reads back as
FORMS: dict[str, dict[str, Any]] = {
    # "To all parties to the armed conflict in Myanmar as described in the report of the
    # Secretary-General, in particular to <party>, as well as non-State ..., and <last>:"
    "S-AC.51-2019-2_myanmar.txt": {
        "addressees_article": True,
        "addressees_report": "described",
        "addressees_naming": "in-particular-to",
        "addressees_serial_comma": True,
        "addressees_others_from": 1,
    },
    # "To all armed groups mentioned in the report of the Secretary-General, specifically"
    "S-AC.51-2014-x_mali_SC-11518.txt": {
        "addressees_to": "armed-groups-mentioned",
        "addressees_naming": "specifically",
    },
    # "To all parties to the armed conflict in Colombia:"
    "S-AC.51-2017-x_colombia_SC-12739.txt": {"addressees_article": True},
    # "... which are mentioned in the report of the Secretary-General, i.e. ..."
    "S-AC.51-2019-1_syria.txt": {
        "addressees_article": True,
        "addressees_report": "which-are-mentioned",
        "addressees_naming": "i-e",
    },
}


@needs_corpus
@pytest.mark.parametrize(("source", "forms"), FORMS.items())
def test_an_addressees_line_reads_back_as_its_forms(
    cli: Cli, tmp_path: Path, source: str, forms: dict[str, Any]
) -> None:
    out = tmp_path / "imported.yaml"
    result = cli("import", CORPUS / source, "-o", out)
    assert result.code == 0, result.err
    assert "addressees line differs" not in result.out + result.err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    [block] = [b for b in data["blocks"] if b["channel"] == "parties-statement"][:1]
    values = block.get("values", {})
    assert {k: values.get(k) for k in forms} == forms


@needs_corpus
def test_the_first_party_named_after_in_particular_to_has_no_to(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "imported.yaml"
    assert cli("import", CORPUS / "S-AC.51-2019-2_myanmar.txt", "-o", out).code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert data["situation"]["parties"][0] == (
        "the Tatmadaw Kyi, including the integrated border guard forces"
    )


@pytest.mark.parametrize("example", ["colombia-2020.yaml", "myanmar-2019.yaml"])
def test_an_examples_own_statement_reads_back_its_addressees_forms(
    example: str, library: Library, tmp_path: Path
) -> None:
    """The tool's own statement imports with the addressees forms its block sets
    (``addressees_others``, the words before the later parties, aside: read shortest)."""
    draft = load_draft(EXAMPLES / example)
    [drafted] = [b for b in draft.blocks if b.channel.endswith("-statement")]
    forms = {
        k: v
        for k, v in drafted.values.items()
        if k.startswith("addressees_") and k != "addressees_others"
    }
    assert forms
    assert main(["render", str(EXAMPLES / example), "-o", str(tmp_path), "--format", "text"]) == 0
    [statement] = sorted((tmp_path / "statements").glob("*.txt"))
    imported = import_file(statement, library)
    [block] = imported.data["blocks"]
    read = {
        k: v
        for k, v in block.get("values", {}).items()
        if k.startswith("addressees_") and k != "addressees_others"
    }
    assert read == forms
    assert not any("addressees line differs" in n for n in imported.notes)
