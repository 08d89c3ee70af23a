"""The printed words of a language come from templates/locale/<language>.yaml, chosen
by the draft's ``document.language``: a test-only locale whose every word is marked
renders the Mali example with none of the English words the locale supplies."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, Cli
from wgdraft.drafts import build_bundle, load_draft
from wgdraft.errors import WgdraftError
from wgdraft.library import load_library, load_templates
from wgdraft.locales import with_defaults

EN = yaml.safe_load((ROOT / "templates" / "locale" / "en.yaml").read_text(encoding="utf-8"))

#: The test-only locale: every value of en.yaml replaced by a marked word.
MARKED = {
    "language_tag": "zz-ZZ",
    "months": [
        "Janvier",
        "Février",
        "Mars",
        "Avril",
        "Mai",
        "Juin",
        "Juillet",
        "Août",
        "Septembre",
        "Octobre",
        "Novembre",
        "Décembre",
    ],
    "date": "{day} ZZ {month} ZZ {year}",
    "month_year": "{month} ZZ {year}",
    "numbers": ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
    "thousands_separator": "'",  # (a narrow no-break space is folded like all white space)
    "list_separator": " ZZ-sep ",
    "list_last": " ZZ-et ",
    "document_links": "https://undocs.org/zz/",
    "letter_title": "ZZ-Lettre à {{ recipient }}",
    "defaults": {
        "government": "ZZ-Gouvernement",
        "meeting_kind": "ZZ-séance officielle",
        "introduced_by": "ZZ-la Représentante spéciale",
        "original": "ZZ-anglais",
    },
}


def _marked_draft(workspace: Path, language: str) -> Path:
    """The Mali example in ``language``, leaving out every field the locale fills, with
    a small number to print in words and no month name in its own text."""
    text = (workspace / "examples" / "mali-2023.yaml").read_text(encoding="utf-8")
    for line in ("  original: English\n", "  government: transitional Government\n"):
        assert line in text
        text = text.replace(line, "")
    text = text.replace("document:\n", f"document:\n  language: {language}\n", 1)
    text = text.replace("kind: formal meeting}", "}")
    text = text.replace("since: January 2012", "since: ZZ-2012")
    text = text.replace("service_centres: 10", "service_centres: 3")
    draft = workspace / "examples" / f"mali-{language}.yaml"
    draft.write_text(text, encoding="utf-8")
    return draft


def _printed(folder: Path) -> str:
    """Everything a bundle prints: its texts, and each DOCX's body, links and properties."""
    parts = [p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*.txt"))]
    for docx in sorted(folder.rglob("*.docx")):
        with zipfile.ZipFile(docx) as archive:
            for name in archive.namelist():
                if name.startswith(("word/document", "word/_rels/document", "docProps/")):
                    parts.append(archive.read(name).decode("utf-8"))
    return "\n".join(parts)


@pytest.fixture
def marked(workspace: Path, cli: Cli, tmp_path: Path) -> tuple[str, str]:
    """What the marked locale prints, and what English prints, for the same draft."""
    locale = workspace / "templates" / "locale" / "zz.yaml"
    locale.write_text(yaml.safe_dump(MARKED, allow_unicode=True), encoding="utf-8")
    printed = []
    for language in ("zz", "en"):
        draft = _marked_draft(workspace, language)
        for fmt in ("docx", "text"):
            out = tmp_path / f"{language}-{fmt}"
            args = ("render", draft, "-o", out, "--format", fmt)
            result = cli(*args, "--library", workspace)
            assert result.code == 0, result.err
        printed.append(
            _printed(tmp_path / f"{language}-docx") + _printed(tmp_path / f"{language}-text")
        )
    return printed[0], printed[1]


def test_a_marked_locale_leaves_no_english_word_of_en_yaml(marked: tuple[str, str]) -> None:
    zz, en = marked
    # months: every date of the draft prints through the locale, and no English month
    # name is printed anywhere (the draft's own text has none)
    months = re.compile(rf"\b({'|'.join(EN['months'])})\b")
    assert months.search(en) and not months.search(zz), months.search(zz)
    assert "31 March 2023" in en and "31 ZZ Mars ZZ 2023" in zz  # the meeting
    assert "August 2021" in en and "Août ZZ 2021" in zz  # a month-only date value
    # numbers in words and in figures
    assert "three integrated service centres" in en
    assert "trois integrated service centres" in zz and "three" not in zz
    assert "519,300" in en and "519'300" in zz and "519,300" not in zz
    # the list conjunction and separator, where a list is joined
    english = "1612 (2005), 1882 (2009), 1998 (2011)"
    assert english in en and english not in zz
    assert "1612 (2005) ZZ-sep 1882 (2009)" in zz and "2427 (2018) ZZ-et 2601 (2021)" in zz
    assert "2427 (2018) and 2601 (2021)" not in zz
    # the phrases printed where the draft leaves a field out
    for key, word in EN["defaults"].items():
        assert word in en, key
        assert MARKED["defaults"][key] in zz, key
    assert "addressed to the Government of Mali:" in en  # the draft's own text has the words
    assert "addressed to the ZZ-Gouvernement of Mali:" in zz
    assert "addressed to the Government of Mali" not in zz
    assert "During a ZZ-séance officielle held on" in zz and "formal meeting" not in zz
    assert "Original: ZZ-anglais" in zz and "English" not in zz
    [first] = [line for line in zz.splitlines() if line.startswith("1. ")]  # paragraph 1
    assert "introduced by ZZ-la Représentante spéciale" in first
    assert EN["defaults"]["introduced_by"] not in first
    # the document properties and the links
    assert "<dc:language>en-GB</dc:language>" in en and "en-GB" not in zz
    assert "<dc:language>zz-ZZ</dc:language>" in zz
    assert "<dc:title>Letter to the transitional" not in en  # the draft no longer says
    assert "<dc:title>Letter to the Government of Mali</dc:title>" in en
    assert "<dc:title>ZZ-Lettre à the ZZ-Gouvernement of Mali</dc:title>" in zz
    assert "Letter to" not in zz
    assert EN["document_links"] in en and EN["document_links"] not in zz
    assert "https://undocs.org/zz/S/2022/856" in zz


def test_a_draft_that_gives_the_fields_keeps_them(library) -> None:  # type: ignore[no-untyped-def]
    """The locale fills only what the draft leaves out."""
    draft = load_draft(ROOT / "examples" / "south-sudan-2018.yaml")
    filled = with_defaults(draft, library.templates.locale("en"))
    assert filled.situation.government == "Government" == draft.situation.government
    assert filled.situation.meeting.kind == "meeting" == draft.situation.meeting.kind
    assert filled.blocks[0].meeting.kind == "meeting" == draft.blocks[0].meeting.kind
    assert filled.document.original == "English" == draft.document.original
    assert draft.situation.report.introduced_by is None  # left out: the locale's
    assert filled.situation.report.introduced_by == EN["defaults"]["introduced_by"]


def test_the_defaults_print_as_before_when_the_draft_leaves_them_out(
    workspace: Path, library
) -> None:  # type: ignore[no-untyped-def]
    draft = _marked_draft(workspace, "en")
    bundle = build_bundle(draft, library)
    first = bundle.conclusions.paragraphs[0].text
    assert first.startswith("During a formal meeting held on 31 March 2023")
    assert EN["defaults"]["introduced_by"] in first
    assert bundle.conclusions.masthead["original"] == "Original: English"
    assert bundle.letters[0].title == "Letter to the Government of Mali"


def test_an_unknown_language_is_one_problem_naming_the_field_and_the_languages(
    workspace: Path, cli: Cli
) -> None:
    draft = _marked_draft(workspace, "fr")
    result = cli("render", draft, "-o", workspace / "out", "--library", workspace)
    assert result.code == 1
    problems = [line for line in result.err.splitlines() if "document.language" in line]
    assert len(problems) == 1, result.err
    line = draft.read_text(encoding="utf-8").splitlines().index("  language: fr") + 1
    assert problems[0].startswith(f"{draft}:{line}: document.language: unknown language 'fr'")
    assert str(Path("templates") / "locale" / "fr.yaml") in problems[0]
    assert "(languages there: en)" in problems[0]


# --- loading ---------------------------------------------------------------------------


def _templates_copy(tmp_path: Path) -> Path:
    import shutil

    root = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", root)
    return root


def _problems(root: Path) -> list[str]:
    with pytest.raises(WgdraftError) as caught:
        load_templates(root)
    return [str(p) for p in caught.value.problems]


def _line(file: Path, prefix: str) -> int:
    lines = file.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if line.startswith(prefix))


def test_bad_fields_of_a_locale_are_named_with_file_and_line(tmp_path: Path) -> None:
    root = _templates_copy(tmp_path)
    file = root / "locale" / "en.yaml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("months: [January, February,", "months: [January,")
    text = text.replace('date: "{day} {month} {year}"', 'date: "{day} {mois} {year}"')
    text = text.replace("  meeting_kind: formal meeting", "  meeting_kinds: formal meeting")
    file.write_text(text, encoding="utf-8")
    assert _problems(root) == [
        f"{file}:{_line(file, 'months:')}: months: List should have at least 12 items"
        " after validation, not 11",
        f"{file}:{_line(file, 'date:')}: date: {{mois}} is not one of {{day}}, {{month}}, {{year}}",
        # a missing field: the first line of the mapping that lacks it, as for other files
        f"{file}:{_line(file, '  government:')}: defaults.meeting_kind: required field is missing",
        f"{file}:{_line(file, '  meeting_kinds:')}: defaults.meeting_kinds: unknown field"
        " (check its spelling)",
    ]


def test_a_broken_letter_title_template_is_named_with_file_and_line(tmp_path: Path) -> None:
    root = _templates_copy(tmp_path)
    file = root / "locale" / "en.yaml"
    text = file.read_text(encoding="utf-8")
    text = text.replace("letter_title: Letter to {{ recipient }}", "letter_title: To {{ sender }}")
    file.write_text(text, encoding="utf-8")
    [problem] = _problems(root)
    assert problem.startswith(f"{file}:{_line(file, 'letter_title:')}: letter_title: 'sender'")


def test_a_malformed_locale_file_is_named(tmp_path: Path) -> None:
    root = _templates_copy(tmp_path)
    (root / "locale" / "de.yaml").write_text("months: [Januar\n", encoding="utf-8")
    problems = _problems(root)
    assert len(problems) == 1 and problems[0].startswith(f"{root / 'locale' / 'de.yaml'}:")


def test_a_missing_locale_file_is_an_unknown_language(tmp_path: Path) -> None:
    """The templates folder has locales, but not the draft's: one clear problem."""
    root = _templates_copy(tmp_path)
    (root / "locale" / "en.yaml").rename(root / "locale" / "es.yaml")
    library = load_library(ROOT / "clauses", root)
    assert library.templates.languages == ["es"]
    with pytest.raises(WgdraftError) as caught:
        build_bundle(ROOT / "examples" / "mali-2023.yaml", library)
    [problem] = caught.value.problems
    assert problem.field == "document.language"
    assert f"no {root / 'locale' / 'en.yaml'} (languages there: es)" in problem.message


def test_a_templates_folder_without_locales_uses_the_bundled_ones(tmp_path: Path) -> None:
    """A workspace made before languages keeps rendering as it did."""
    root = _templates_copy(tmp_path)
    import shutil

    shutil.rmtree(root / "locale")
    library = load_library(ROOT / "clauses", root)
    assert library.templates.languages == ["en"]
    bundle = build_bundle(ROOT / "examples" / "mali-2023.yaml", library)
    assert bundle.conclusions.masthead["original"] == "Original: English"


# --- what drafters see ------------------------------------------------------------------


def test_the_editor_sees_a_draft_as_it_prints(
    workspace: Path, library, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The situation form shows the locale's words for the fields a draft leaves out,
    as it showed the models' defaults before."""
    from tui.dialogs import situation_values
    from wgdraft.session import DraftSession

    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(workspace / "state"))
    session = DraftSession.open(_marked_draft(workspace, "en"), library)
    shown = situation_values(session.draft().situation)
    assert (shown["government"], shown["meeting.kind"]) == ("Government", "formal meeting")
    assert session.draft().document.original == "English"


def test_a_new_draft_names_its_language_and_prints_the_usual_words(
    workspace: Path, library, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    from wgdraft.session import DraftSession

    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(workspace / "state"))
    situation = {
        "country": {"name": "Chad"},
        "meeting": {"date": "2025-03-31"},
        "report": {"ordinal": "fifth", "symbol": "S/2025/100"},
    }
    session = DraftSession.new(workspace / "chad.yaml", library, situation)
    written = yaml.safe_load(session.save().read_text(encoding="utf-8"))
    assert written["document"] == {"symbol": None, "date": None, "language": "en"}
    assert "government" not in written["situation"]
    assert written["situation"]["meeting"] == {"date": "2025-03-31"}
    bundle = session.bundle()
    first = bundle.conclusions.paragraphs[0].text
    assert first.startswith("During a formal meeting held on 31 March 2025")
    assert bundle.conclusions.masthead["original"] == "Original: English"
