"""The clean and negotiation texts of a draft with a bracket, a comment and item states:
through the core API and `wgdraft render --stage`, as plain text and DOCX."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from tests.conftest import EXAMPLES, MALI, Cli
from tests.negotiation_draft import mali_data, negotiated, write
from tests.ooxml import assert_opens_clean
from wgdraft.assemble import assemble_bundle
from wgdraft.drafts import build_bundle, load_draft
from wgdraft.errors import WgdraftError
from wgdraft.library import Library
from wgdraft.render_text import render_statement_text, render_text

BRACKETED = "[Calling upon / Urging] all the parties to the conflict to further implement"


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    return write(tmp_path / "mali-nego.yaml", negotiated())


def test_negotiation_stage_shows_options_marks_and_notes(draft: Path, library: Library) -> None:
    bundle = build_bundle(draft, library, stage="negotiation")
    text = render_text(bundle.conclusions)
    assert f"(b) {BRACKETED}" in text
    b = bundle.conclusions.find("4 (b)")
    assert b.text.endswith("(S/AC.51/2020/11); [under discussion]")
    assert bundle.conclusions.find("1").text.endswith(". [agreed ad referendum]")
    assert [(n.kind, n.author, n.date, n.text) for n in b.notes] == [
        ("proposal", "France", "", "France: Urging"),
        ("comment", "Ghana", "2 May 2025", "Prefer the stronger verb."),
    ]
    # the notes follow their item, indented one level further
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("    (b) "))
    assert lines[at + 1 : at + 3] == [
        "        » France: Urging",
        "        » Ghana (2 May 2025): Prefer the stronger verb.",
    ]
    # the statement that carries paragraph 4 shows the same
    statement = render_statement_text(bundle.statements[0])
    assert BRACKETED in statement and "» France: Urging" in statement


def test_clean_stage_refuses_an_unresolved_bracket(draft: Path, library: Library) -> None:
    with pytest.raises(WgdraftError) as caught:
        build_bundle(draft, library, stage="clean")
    [problem] = caught.value.problems
    assert problem.file == draft
    assert problem.field == "blocks[0].items[1].brackets[0].span"
    assert problem.line is not None
    assert "paragraph 4 (b)" in problem.message and "'Calling upon'" in problem.message
    assert "unresolved" in problem.message


def test_clean_stage_with_force_shows_the_bracket_without_marks_or_notes(
    draft: Path, library: Library
) -> None:
    document = build_bundle(draft, library, stage="clean", force=True).conclusions
    b = document.find("4 (b)")
    assert b.text.startswith(BRACKETED)
    assert b.text.endswith("(S/AC.51/2020/11);")
    assert b.notes == ()
    assert not document.find("1").text.endswith("]")


def test_clean_stage_prints_the_chosen_option(tmp_path: Path, library: Library) -> None:
    draft = write(tmp_path / "chosen.yaml", negotiated(chosen="Urging"))
    document = build_bundle(draft, library, stage="clean").conclusions
    assert document.find("4 (b)").text.startswith("Urging all the parties to the conflict")
    assert "[" not in render_text(document)


def test_an_empty_chosen_option_deletes_the_words(tmp_path: Path, library: Library) -> None:
    data = mali_data()
    data["blocks"][0]["items"][0]["brackets"] = [
        {
            "span": "Strongly",
            "options": [{"text": "Strongly"}, {"text": "", "proposed_by": "China"}],
            "chosen": "",
        },
        {
            "span": "noting with grave",
            "options": [{"text": "noting with"}, {"text": ""}],
            "chosen": "",
        },
    ]
    draft = write(tmp_path / "deleted.yaml", data)
    clean = build_bundle(draft, library, stage="clean").conclusions.find("4 (a)").text
    assert clean.startswith("condemning all violations and abuses")
    assert "in Mali, concern the considerable increase" in clean  # one space, none doubled
    nego = build_bundle(draft, library).conclusions.find("4 (a)")
    assert nego.text.startswith("[Strongly / —] condemning")
    assert "[noting with grave / noting with / —] concern" in nego.text
    assert [n.text for n in nego.notes] == ["China: —"]


def test_a_span_no_longer_in_the_wording_is_a_clear_error(tmp_path: Path, library: Library) -> None:
    data = negotiated()
    data["blocks"][0]["items"][1]["brackets"][0]["span"] = "Calls upon"
    draft = write(tmp_path / "changed.yaml", data)
    for stage in ("clean", "negotiation"):
        with pytest.raises(WgdraftError) as caught:
            build_bundle(draft, library, stage=stage, force=True)
        [problem] = caught.value.problems
        assert problem.file == draft
        assert problem.field == "blocks[0].items[1].brackets[0].span"
        assert "paragraph 4 (b)" in problem.message and "'Calls upon'" in problem.message
        assert "wording changed" in problem.message


@pytest.mark.parametrize("example", ["mali-2023", "south-sudan-2018"])
def test_without_negotiation_data_both_stages_are_the_same(library: Library, example: str) -> None:
    path = EXAMPLES / f"{example}.yaml"
    draft = load_draft(path)
    clean = assemble_bundle(draft, library, path, stage="clean")
    assert clean == assemble_bundle(draft, library, path, stage="negotiation")
    assert clean == build_bundle(path, library)


# --- DOCX -------------------------------------------------------------------------


def test_notes_are_word_comments_on_their_paragraph(cli: Cli, draft: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = cli("render", draft, "--stage", "negotiation", "-o", out)
    assert result.code == 0, result.err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["stage"] == "negotiation"
    files = [out / entry["file"] for entry in manifest["files"]]
    assert_opens_clean(files)
    document = docx.Document(str(out / "conclusions.docx"))
    comments = list(document.comments)
    assert [(c.author, c.initials, c.text) for c in comments] == [
        ("France", "F", "France: Urging"),
        ("Ghana", "G", "Prefer the stronger verb."),
    ]
    assert comments[0].timestamp is None
    assert comments[1].timestamp is not None and comments[1].timestamp.date().isoformat() == (
        "2025-05-02"
    )
    # both anchored on the whole paragraph 4 (b)
    [anchored] = [p for p in document.paragraphs if p.text.startswith("[Calling upon / Urging]")]
    xml = anchored._p.xml
    for comment in comments:
        assert f'<w:commentRangeStart w:id="{comment.comment_id}"/>' in xml
        assert f'<w:commentReference w:id="{comment.comment_id}"/>' in xml
    # the statement of paragraph 4 carries the same comments
    statement = docx.Document(str(out / "statements" / "04-parties-statement.docx"))
    assert [c.author for c in statement.comments] == ["France", "Ghana"]


def test_the_clean_docx_has_no_comments(cli: Cli, tmp_path: Path) -> None:
    draft = write(tmp_path / "chosen.yaml", negotiated(chosen="Urging"))
    result = cli("render", draft, "-o", tmp_path / "out")
    assert result.code == 0, result.err
    document = docx.Document(str(tmp_path / "out" / "conclusions.docx"))
    assert len(document.comments) == 0
    assert "stage" not in json.loads((tmp_path / "out" / "manifest.json").read_text())


# --- the command line -------------------------------------------------------------


def test_cli_clean_is_the_default_and_refuses_unresolved_brackets(
    cli: Cli, draft: Path, tmp_path: Path
) -> None:
    result = cli("render", draft, "--format", "text")
    assert result.code == 1
    lines = result.err.splitlines()
    assert lines[0].startswith(f"{draft}:")
    assert "blocks[0].items[1].brackets[0].span" in lines[0]
    assert "paragraph 4 (b)" in lines[0] and "'Calling upon'" in lines[0]
    assert "--stage negotiation" in lines[-1] and "--force" in lines[-1]
    assert "Traceback" not in result.err


def test_cli_force_renders_the_clean_text_with_the_bracket(cli: Cli, draft: Path) -> None:
    result = cli("render", draft, "--format", "text", "--force")
    assert result.code == 0, result.err
    assert f"(b) {BRACKETED}" in result.out
    assert "»" not in result.out and "[under discussion]" not in result.out
    assert result.err == (
        f"warning: {draft}: blocks[0].items[1]: the bracket on 'Calling upon' is unresolved; "
        "shown with its options (--force)\n"
    )


def test_cli_negotiation_stage_prints_the_negotiation_text(cli: Cli, draft: Path) -> None:
    result = cli("render", draft, "--format", "text", "--stage", "negotiation")
    assert result.code == 0, result.err
    assert f"(b) {BRACKETED}" in result.out
    assert "        » Ghana (2 May 2025): Prefer the stronger verb." in result.out
    assert "[agreed ad referendum]" in result.out


def test_each_stage_has_its_own_default_folder(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A render replaces its folder whole: the negotiation text goes beside the clean
    one, never over it."""
    monkeypatch.chdir(tmp_path)
    draft = write(tmp_path / "mali.yaml", negotiated(chosen="Urging"))
    assert cli("render", draft).code == 0
    assert cli("render", draft, "--stage", "negotiation").code == 0
    clean = docx.Document(str(tmp_path / "wgdraft-out" / "mali" / "conclusions.docx"))
    nego = docx.Document(str(tmp_path / "wgdraft-out" / "mali-negotiation" / "conclusions.docx"))
    assert any(p.text.startswith("Urging all") for p in clean.paragraphs)
    assert any(p.text.startswith("[Calling upon / Urging] all") for p in nego.paragraphs)
    assert len(clean.comments) == 0 and len(nego.comments) == 2


def test_replacing_a_bundle_of_the_other_stage_is_said(cli: Cli, tmp_path: Path) -> None:
    draft = write(tmp_path / "mali.yaml", negotiated(chosen="Urging"))
    out = tmp_path / "out"
    assert cli("render", draft, "--format", "text", "-o", out).code == 0
    result = cli("render", draft, "--format", "text", "-o", out, "--stage", "negotiation")
    assert result.code == 0, result.err
    assert f"note: {out} held the clean text; it now holds the negotiation text" in result.out


def test_deviations_read_the_current_wording_not_the_marks(
    tmp_path: Path, library: Library
) -> None:
    """A free-text item in the agreed words, under discussion, with a comment and a
    bracket that chose those words, does not depart from agreed language; choosing
    other words does."""
    from wgdraft.deviations import deviations

    agreed = build_bundle(MALI, library).conclusions.find("4 (b)").text

    def deviating(chosen: str) -> list[str]:
        data = negotiated(chosen=chosen)
        item = data["blocks"][0]["items"][1]
        del item["clause"]
        item["text"] = agreed
        draft = write(tmp_path / f"{chosen}.yaml", data)
        return [d.label for d in deviations(load_draft(draft), library, draft)]

    assert "4 (b)" not in deviating("Calling upon")
    assert "4 (b)" in deviating("Urging")


def test_libreoffice_reads_the_comments(cli: Cli, draft: Path, tmp_path: Path) -> None:
    """LibreOffice opens the negotiation DOCX with its comments: converted to ODT, each
    is an annotation with its author on paragraph 4 (b)."""
    import zipfile

    from tests.libreoffice import convert

    out = tmp_path / "out"
    assert cli("render", draft, "--stage", "negotiation", "-o", out).code == 0
    [odt] = convert([out / "conclusions.docx"], tmp_path / "odt", tmp_path / "profile", "odt")
    with zipfile.ZipFile(odt) as package:
        content = package.read("content.xml").decode("utf-8")
    annotations = content.count("<office:annotation ")
    assert annotations == 2, content[:500]
    for author, words in (("France", "France: Urging"), ("Ghana", "Prefer the stronger verb.")):
        assert f"<dc:creator>{author}</dc:creator>" in content
        assert words in content
