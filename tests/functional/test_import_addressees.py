"""A press release's "To ...:" line imports as the parties statement's addressees forms
(templates/channels/parties-statement.yaml ``addressees_*``) that print it word for word."""

from __future__ import annotations

import re
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


def _addressee_lines(source: Path) -> list[str]:
    """The source's "To ..." lines (a section number "I." left off), as read at test time."""
    lines = source.read_text(encoding="utf-8").splitlines()
    found = (re.match(r"\s*(?:[IVX]+\.\s+)?(To .*)", line) for line in lines)
    return [" ".join(m.group(1).split()) for m in found if m]


#: corpus file -> the channel of its "To" lines and one form they read back as (the line
#: without its colon; a party named alone; no comma before "in particular"; nested lists
#: split by ", as well as"; the Government, named from the situation)
LINES: dict[str, tuple[str, dict[str, Any]]] = {
    "S-AC.51-2020-10_drc.txt": ("parties-statement", {"addressees_colon": False}),
    "S-AC.51-2020-11_mali.txt": ("parties-statement", {"addressees_colon": False}),
    "S-AC.51-2023-x_south-sudan_SC-15360.txt": ("parties-statement", {"addressees_colon": False}),
    "S-AC.51-2011-x_central-african-republic_SC-10338.txt": (
        "parties-statement",
        {"addressees_to": "parties"},
    ),
    "S-AC.51-2018-1-Rev.1_mali.txt": ("government-statement", {}),
    "S-AC.51-2020-x_central-african-republic_SC-14161.txt": (
        "parties-statement",
        {"addressees_others_from": 3},
    ),
    "S-AC.51-2021-1_south-sudan.txt": ("parties-statement", {"addressees_naming_comma": False}),
    "S-AC.51-2022-2_colombia.txt": ("parties-statement", {"addressees_others_and": False}),
}


@needs_corpus
@pytest.mark.parametrize(("source", "expected"), LINES.items())
def test_an_addressees_line_imports_and_renders_back_word_for_word(
    cli: Cli, tmp_path: Path, source: str, expected: tuple[str, dict[str, Any]]
) -> None:
    channel, forms = expected
    out = tmp_path / "imported.yaml"
    result = cli("import", CORPUS / source, "-o", out)
    assert result.code == 0, result.err
    assert "addressees line differs" not in result.out + result.err
    assert "introductory formula" not in result.out + result.err
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    blocks = [b for b in data["blocks"] if b["channel"] == channel]
    assert any({k: b.get("values", {}).get(k) for k in forms} == forms for b in blocks), blocks
    rendered = tmp_path / "out"
    assert cli("render", out, "-o", rendered, "--format", "text").code == 0
    printed = {
        " ".join(line.split())
        for statement in (rendered / "statements").glob("*.txt")
        for line in statement.read_text(encoding="utf-8").splitlines()
    }
    lines = _addressee_lines(CORPUS / source)
    assert lines
    assert [line for line in lines if line not in printed] == []


@needs_corpus
def test_the_governments_name_comes_from_the_situation(cli: Cli, tmp_path: Path) -> None:
    """The statement to the Government prints the situation's country and style: the
    same draft with another Government style says so, no party names it."""
    out = tmp_path / "imported.yaml"
    assert cli("import", CORPUS / "S-AC.51-2018-1-Rev.1_mali.txt", "-o", out).code == 0
    data = yaml.safe_load(out.read_text(encoding="utf-8"))
    assert not any("Government" in party for party in data["situation"].get("parties", []))
    data["situation"]["government"] = "transitional Government"
    out.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    rendered = tmp_path / "out"
    assert cli("render", out, "-o", rendered, "--format", "text").code == 0
    [statement] = sorted((rendered / "statements").glob("*government-statement.txt"))
    assert "To the transitional Government of Mali:" in statement.read_text(encoding="utf-8")
