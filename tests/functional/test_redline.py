"""Redlines (issue 13, point 5): `render --against` writes DOCX with Word tracked changes
beside the clean files; accepting every change gives the new text and rejecting every
change the old one, applied to the XML and as LibreOffice reads them."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import replace
from pathlib import Path

import pytest
import yaml

from tests.conftest import MALI, Cli
from tests.libreoffice import require_tools
from tests.odf_changes import read_changes, to_odt
from tests.ooxml import assert_opens_clean
from tests.tracked import W, apply, body, paragraphs, tracked
from wgdraft.drafts import build_bundle
from wgdraft.library import Library
from wgdraft.output import render_files
from wgdraft.redline import redline_files

AUTHOR = "Test Author"
DOCUMENTS = [
    "conclusions",
    "letters/06-government-letter",
    "letters/07-secretary-general-letter",
    "letters/08-regional-letter",
    "letters/09-sanctions-letter",
    "letters/11-donors-letter",
    "statements/04-parties-statement",
    "statements/05-leaders-statement",
]
CHANGED = {"conclusions", "letters/06-government-letter", "statements/04-parties-statement"}
CHANGED |= {"statements/05-leaders-statement"}
ADDED = (
    "Urges all parties to conflict to engage with the United Nations on the protection of children"
)


def changed_mali(path: Path) -> Path:
    """The Mali example with words changed, an item removed, one added (at the end of a
    block), two swapped, a letter's figure changed and a statement's last item removed."""
    data = yaml.safe_load(MALI.read_text(encoding="utf-8"))
    data["opening"][1]["sentences"][0]["values"]["degree"] = "grave"
    parties = data["blocks"][0]["items"]
    parties[0]["values"]["trend"] = (
        "noting with serious concern the continued increase in verified violations "
        "throughout the reporting period"
    )
    del parties[5]  # icc.referral
    parties[6], parties[7] = parties[7], parties[6]
    parties.append({"text": ADDED})
    del data["blocks"][1]["items"][-1]  # the leaders' statement ends one item shorter
    data["blocks"][2]["items"][7]["values"]["released"] = 31
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    """(the old bundle, the new bundle with its redlines, the new draft)."""
    from wgdraft.cli import main

    root = tmp_path_factory.mktemp("redline")
    draft = changed_mali(root / "mali-2024.yaml")
    old, new = root / "old", root / "new"
    assert main(["render", str(MALI), "-o", str(old)]) == 0
    args = ["render", str(draft), "--against", str(MALI), "-o", str(new), "--author", AUTHOR]
    assert main(args) == 0
    return old, new, draft


def redline(new: Path, name: str) -> Path:
    return new / f"{name}-redline.docx"


def test_every_document_has_a_redline_beside_its_clean_file(
    rendered: tuple[Path, Path, Path],
) -> None:
    _, new, _ = rendered
    manifest = json.loads((new / "manifest.json").read_text(encoding="utf-8"))
    files = {entry["file"]: entry["kind"] for entry in manifest["files"]}
    for name in DOCUMENTS:
        assert files[f"{name}.docx"] != "redline"
        assert files[f"{name}-redline.docx"] == "redline"
        assert redline(new, name).is_file()


@pytest.mark.parametrize("name", DOCUMENTS)
def test_accept_all_gives_the_new_text_and_reject_all_the_old(
    rendered: tuple[Path, Path, Path], name: str
) -> None:
    old, new, _ = rendered
    marked = body(redline(new, name))
    assert bool(tracked(marked)) == (name in CHANGED)
    assert paragraphs(apply(marked, "accept")) == paragraphs(body(new / f"{name}.docx"))
    assert paragraphs(apply(marked, "reject")) == paragraphs(body(old / f"{name}.docx"))


def _deleted(root: object) -> list[str]:
    return [
        "".join(t.text or "" for t in d.iter(f"{{{W}}}delText")) for d in root.iter(f"{{{W}}}del")
    ]  # type: ignore[attr-defined]


def _inserted(root: object) -> list[str]:
    return ["".join(t.text or "" for t in d.iter(f"{{{W}}}t")) for d in root.iter(f"{{{W}}}ins")]  # type: ignore[attr-defined]


def test_changes_are_word_level(rendered: tuple[Path, Path, Path]) -> None:
    _, new, _ = rendered
    conclusions = body(redline(new, "conclusions"))
    assert "deep" in _deleted(conclusions) and "grave" in _inserted(conclusions)
    assert " and abuses" in _deleted(conclusions)
    letter = body(redline(new, "letters/06-government-letter"))
    assert _deleted(letter) == ["25"] and _inserted(letter) == ["31"]


def _mark(p: object) -> str | None:
    for kind in ("ins", "del"):
        if p.find(f"{{{W}}}pPr/{{{W}}}rPr/{{{W}}}{kind}") is not None:  # type: ignore[attr-defined]
            return kind
    return None


def test_a_removed_or_added_item_is_a_whole_paragraph(rendered: tuple[Path, Path, Path]) -> None:
    _, new, _ = rendered
    conclusions = body(redline(new, "conclusions"))
    deleted_marks = [p for p in conclusions.iter(f"{{{W}}}p") if _mark(p) == "del"]
    inserted_marks = [p for p in conclusions.iter(f"{{{W}}}p") if _mark(p) == "ins"]
    assert any("13 July 2012" in "".join(p.itertext()) for p in deleted_marks)
    assert any(ADDED in "".join(p.itertext()) for p in inserted_marks)
    # the swapped items: one deleted where it was, inserted where it is now
    swapped = "Expressing grave concern at the deprivation of liberty"
    assert sum(swapped in "".join(p.itertext()) for p in deleted_marks) == 1
    assert sum(swapped in "".join(p.itertext()) for p in inserted_marks) == 1


def test_every_change_has_an_id_the_author_and_the_date(rendered: tuple[Path, Path, Path]) -> None:
    _, new, _ = rendered
    for name in CHANGED:
        marks = tracked(body(redline(new, name)))
        ids = [mark.get(f"{{{W}}}id") for mark in marks]
        assert len(set(ids)) == len(ids) and all(ids)
        assert {mark.get(f"{{{W}}}author") for mark in marks} == {AUTHOR}
        dates = {mark.get(f"{{{W}}}date") for mark in marks}
        assert len(dates) == 1
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", dates.pop() or "")


def test_numbering_is_never_marked_as_a_change(rendered: tuple[Path, Path, Path]) -> None:
    """Labels come from the paragraph styles: no paragraph has numbering of its own or a
    tracked property change, and no label is part of the text."""
    _, new, _ = rendered
    for name in DOCUMENTS:
        root = body(redline(new, name))
        for tag in ("numPr", "pPrChange", "rPrChange", "numberingChange"):
            assert next(root.iter(f"{{{W}}}{tag}"), None) is None, (name, tag)
        texts = [text for _, text in paragraphs(apply(root, "accept"))]
        assert not [t for t in texts if re.match(r"^(\d+\.|\([a-z]+\))\s", t)]


def test_redlines_open_in_word_cleanly(rendered: tuple[Path, Path, Path]) -> None:
    _, new, _ = rendered
    assert_opens_clean([redline(new, name) for name in DOCUMENTS])


def test_libreoffice_reads_the_changes_as_tracked_changes(
    rendered: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """LibreOffice converts each redline to ODT: its tracked-changes list has the changes
    by the author; applying them (deleted text restored at its place, inserted ranges
    dropped, or the reverse) gives the old and new texts."""
    require_tools()
    old, new, _ = rendered
    files = [redline(new, name) for name in DOCUMENTS]
    odts = to_odt(files, tmp_path / "odt", tmp_path / "profile")
    for name, odt in zip(DOCUMENTS, odts, strict=True):
        changes = read_changes(odt)
        assert bool(changes.regions) == (name in CHANGED), name
        assert {region.author for region in changes.regions.values()} <= {AUTHOR}
        new_texts = [text for _, text in paragraphs(body(new / f"{name}.docx"))]
        old_texts = [text for _, text in paragraphs(body(old / f"{name}.docx"))]
        assert changes.paragraphs("accept") == new_texts, name
        assert changes.paragraphs("reject") == old_texts, name
    conclusions = read_changes(odts[0])
    deleted = [region.deleted for region in conclusions.regions.values()]
    assert ("deep",) in deleted


def test_text_redline_in_the_terminal(cli: Cli, rendered: tuple[Path, Path, Path]) -> None:
    _, _, draft = rendered
    result = cli("render", draft, "--against", MALI, "--format", "text")
    assert result.code == 0, result.err
    out = result.out
    assert "expressed [-deep-]{+grave+} concern" in out
    assert "of [-25-]{+31+} children" in out
    assert f"    (o) {{+{ADDED}.+}}" in out  # the label is the new one, never marked
    assert "=== letters/07-secretary-general-letter (the Secretary-General): no changes ===" in out
    assert not re.search(r"[\[{][-+]\s*(\d+\.|\([a-z]+\))\s", out)  # no label inside a mark
    compared = cli("compare", draft, MALI)
    assert compared.code == 0 and compared.out == out


def test_text_redline_files_with_output(
    cli: Cli, rendered: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    _, _, draft = rendered
    out = tmp_path / "text"
    result = cli("render", draft, "--against", MALI, "--format", "text", "-o", out)
    assert result.code == 0, result.err
    assert (out / "conclusions.txt").is_file()
    assert "[-deep-]{+grave+}" in (out / "conclusions-redline.txt").read_text(encoding="utf-8")


def test_against_an_adopted_text(cli: Cli, tmp_path: Path) -> None:
    """An adopted text is imported first; against itself nothing in the body changes."""
    text = tmp_path / "adopted"
    assert cli("render", MALI, "--format", "text", "-o", text).code == 0
    result = cli("render", MALI, "--against", text / "conclusions.txt", "--format", "text")
    assert result.code == 0, result.err
    assert result.out.startswith("=== conclusions")
    conclusions = result.out.split("=== letters/")[0]
    assert "[-" not in conclusions.split("Recommendations")[0].split("\n", 4)[-1]


def test_against_something_missing_names_it(cli: Cli) -> None:
    result = cli("render", MALI, "--against", "Rev.9", "--format", "text")
    assert result.code == 1
    assert result.err.startswith(f"Rev.9: is neither a round of {MALI} nor a file;")
    assert "Traceback" not in result.err


def test_a_letter_in_one_bundle_only_is_all_inserted_or_all_deleted(
    library: Library, tmp_path: Path
) -> None:
    full = build_bundle(MALI, library)
    fewer = replace(full, letters=full.letters[1:])
    when = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    for old, new, kind in ((fewer, full, "ins"), (full, fewer, "del")):
        files = redline_files(old, new, library, author=AUTHOR, date=when)
        letter = next(f for f in files if f.path == "letters/06-government-letter-redline.docx")
        path = tmp_path / f"{kind}.docx"
        path.write_bytes(letter.payload)
        root = body(path)
        runs = list(root.iter(f"{{{W}}}r"))
        assert runs and all(run.getparent().tag == f"{{{W}}}{kind}" for run in runs)
        assert {m.get(f"{{{W}}}date") for m in tracked(root)} == {"2025-01-02T03:04:05Z"}
        kept = "accept" if kind == "ins" else "reject"
        gone = "reject" if kind == "ins" else "accept"
        texts = [text for _, text in paragraphs(apply(root, kept))]  # type: ignore[arg-type]
        assert ADDED not in texts and len(texts) > 10
        assert [text for _, text in paragraphs(apply(root, gone))] == [""]  # type: ignore[arg-type]
        assert_opens_clean([path])


def test_any_two_rounds_compare(cli: Cli, tmp_path: Path) -> None:
    draft = tmp_path / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("round", "save", draft, "Zero draft").code == 0
    changed_mali(draft)
    assert cli("round", "save", draft, "Rev.1").code == 0
    result = cli("compare", draft, "zero draft", "Rev.1")
    assert result.code == 0, result.err
    assert "expressed [-deep-]{+grave+} concern" in result.out
    assert cli("compare", draft, "2").out.count("no changes") == 8  # Rev.1 is the draft now
    out = tmp_path / "out"
    rendered = cli("render", draft, "--against", "1", "-o", out, "--author", AUTHOR)
    assert rendered.code == 0, rendered.err
    marked = body(out / "conclusions-redline.docx")
    assert "deep" in _deleted(marked)


def test_both_versions_are_compared_at_the_same_stage(cli: Cli, tmp_path: Path) -> None:
    from tests.negotiation_draft import negotiated, write

    draft = write(tmp_path / "mali-nego.yaml", negotiated())
    result = cli("compare", draft, MALI, "--stage", "negotiation")
    assert result.code == 0, result.err
    assert "(b) [-Calling-]{+[Calling+} upon{+ / Urging]+} all the parties" in result.out
    refused = cli("render", draft, "--against", MALI, "--format", "text")  # clean
    assert refused.code == 1 and "unresolved" in refused.err
    forced = cli("render", draft, "--against", MALI, "--format", "text", "--force")
    assert forced.code == 0, forced.err


def test_an_earlier_version_shows_its_open_brackets_as_it_stood(cli: Cli, tmp_path: Path) -> None:
    """One rule for every comparison (redline.against): the round had "Calling upon"
    open; the clean redline of the draft, now agreed on "Urging", is not refused for the
    round's bracket, with or without --force, and shows the round's bracket replaced."""
    from tests.negotiation_draft import negotiated, write

    draft = write(tmp_path / "mali nego.yaml", negotiated())  # a name with a space
    assert cli("round", "save", draft, "Rev.1").code == 0
    write(draft, negotiated(chosen="Urging"))
    for extra in ((), ("--force",)):
        result = cli("render", draft, "--against", "Rev.1", "--format", "text", *extra)
        assert result.code == 0, result.err
        assert "[-[Calling upon / Urging]-]{+Urging+}" in result.out, result.out
    compared = cli("compare", draft, "rev.1")
    assert compared.code == 0, compared.err
    assert "[-[Calling upon / Urging]-]{+Urging+}" in compared.out


def test_libreoffice_accept_all_and_reject_all(
    rendered: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    """LibreOffice's own Accept All / Reject All (a Basic macro), saved as text with its
    numbering labels, equals its text of the new / old clean render, in every document."""
    from tests.lo_accept import Action, as_text

    require_tools()
    old, new, _ = rendered
    jobs: list[tuple[Path, Path, Action]] = []
    for index, name in enumerate(DOCUMENTS):
        jobs.append((redline(new, name), tmp_path / f"{index}-accept.txt", "accept"))
        jobs.append((redline(new, name), tmp_path / f"{index}-reject.txt", "reject"))
        jobs.append((new / f"{name}.docx", tmp_path / f"{index}-new.txt", "none"))
        jobs.append((old / f"{name}.docx", tmp_path / f"{index}-old.txt", "none"))
    as_text(jobs, tmp_path / "profile")
    for index, name in enumerate(DOCUMENTS):
        text = {kind: (tmp_path / f"{index}-{kind}.txt").read_text(encoding="utf-8-sig")
                for kind in ("accept", "reject", "new", "old")}  # fmt: skip
        assert text["accept"] == text["new"], name
        assert text["reject"] == text["old"], name
        assert (text["new"] != text["old"]) == (name in CHANGED), name
    assert "    (o) " + ADDED in (tmp_path / "0-accept.txt").read_text(encoding="utf-8-sig")


def test_notes_show_in_the_text_redline_but_not_the_docx(
    cli: Cli, library: Library, tmp_path: Path
) -> None:
    from tests.negotiation_draft import negotiated, write

    draft = write(tmp_path / "mali-nego.yaml", negotiated())
    text = cli("compare", draft, MALI, "--stage", "negotiation", "--context", "0").out
    assert "        {+» France: Urging+}" in text  # below item (b), as render_text shows it
    old = build_bundle(MALI, library, stage="negotiation")
    new = build_bundle(draft, library, stage="negotiation")
    files = redline_files(old, new, library, author=AUTHOR)
    path = tmp_path / "conclusions-redline.docx"
    path.write_bytes(next(f for f in files if f.path == path.name).payload)
    marked = body(path)
    assert not [t for t in _inserted(marked) if "France" in t]
    accepted = paragraphs(apply(marked, "accept"))
    assert any(t.startswith("[Calling upon / Urging] all the parties") for _, t in accepted)
    clean = tmp_path / "conclusions.docx"
    clean.write_bytes(render_files(new, library, "docx")[0].payload)
    assert accepted == paragraphs(body(clean))  # the negotiation DOCX, its comments aside
    assert_opens_clean([path])


def test_when_the_last_paragraphs_go_the_styles_come_back(library: Library, tmp_path: Path) -> None:
    """A shorter draft against Mali: its last paragraphs (the annex, in other styles) are
    deleted at the end of the document, whose last paragraph mark cannot be deleted; the
    last paragraph records its old style (w:pPrChange), so accepting keeps the new last
    paragraph's style and rejecting restores the old one: in the XML and in LibreOffice."""
    from tests.lo_accept import as_text
    from tests.negotiation_draft import negotiated, write

    draft = write(tmp_path / "mali-nego.yaml", negotiated())
    old = build_bundle(MALI, library, stage="negotiation")
    new = build_bundle(draft, library, stage="negotiation")
    files = {
        "redline": next(
            f for f in redline_files(old, new, library, author=AUTHOR) if f.kind == "redline"
        ).payload,
        "new": render_files(new, library, "docx")[0].payload,
        "old": render_files(old, library, "docx")[0].payload,
    }
    for name, payload in files.items():
        (tmp_path / f"{name}.docx").write_bytes(payload)
    marked = body(tmp_path / "redline.docx")
    assert next(marked.iter(f"{{{W}}}pPrChange"), None) is not None
    assert paragraphs(apply(marked, "accept")) == paragraphs(body(tmp_path / "new.docx"))
    assert paragraphs(apply(marked, "reject")) == paragraphs(body(tmp_path / "old.docx"))
    assert_opens_clean([tmp_path / "redline.docx"])
    require_tools()
    red = tmp_path / "redline.docx"
    as_text(
        [
            (red, tmp_path / "accept.txt", "accept"),
            (red, tmp_path / "reject.txt", "reject"),
            (tmp_path / "new.docx", tmp_path / "new.txt", "none"),
            (tmp_path / "old.docx", tmp_path / "old.txt", "none"),
        ],
        tmp_path / "profile",
    )
    text = {p.stem: p.read_text(encoding="utf-8-sig") for p in tmp_path.glob("*.txt")}
    assert text["accept"] == text["new"] and text["reject"] == text["old"]


def test_write_redline_writes_the_bundle_with_its_redlines(
    library: Library, rendered: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    from wgdraft.redline import against, write_redline

    _, _, draft = rendered
    old = against(draft, str(MALI), library)
    new = build_bundle(draft, library, stage="clean")
    out = tmp_path / "out"
    written = write_redline(old, new, library, out, author=AUTHOR, source=str(draft))
    names = {str(path.relative_to(out)) for path in written}
    assert {f"{name}{suffix}.docx" for name in DOCUMENTS for suffix in ("", "-redline")} < names
    assert "manifest.json" in names
