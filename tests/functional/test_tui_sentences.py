"""Paragraphs composed of sentences in the editor (issue 12, point 4): "split into
sentences" on a free-text item, the outline's line for a composed paragraph, the
SentencesDialog (add a sentence clause or free text, edit, delete, move, its undo,
done, escape) and the editor's undo of the whole change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import OptionList, Select, Static, TextArea

from tests.assessment import free_assessment_file
from tests.conftest import MALI
from tests.functional.tui_helpers import (
    answer,
    choose_option,
    cursor_to,
    fill,
    outline_labels,
    screen_name,
    wait_for,
    wait_for_screen,
)
from tui.app import build_app
from wgdraft.formrecovery import draft_key, pending_forms, save_form
from wgdraft.itempath import ItemPath
from wgdraft.library import Library
from wgdraft.sentences import split
from wgdraft.session import DraftSession

ASSESSMENT = ("opening", 1)  # paragraph 2 of Mali: the members' assessment


@pytest.fixture(autouse=True)
def _state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def draft(tmp_path: Path, library: Library) -> Path:
    """Mali with its assessment (paragraph 2) as one free-text paragraph, as printed."""
    return free_assessment_file(MALI, tmp_path / "mali.yaml", library)


def conclusions(pilot) -> str:  # type: ignore[no-untyped-def]
    return pilot.app.screen.query_one("#preview", TextArea).text


def sentences_of(pilot, ref=ASSESSMENT) -> list[dict]:  # type: ignore[no-untyped-def,type-arg]
    return [dict(s) for s in pilot.app.screen.session.get(ref)["sentences"]]


def listed(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The sentences the dialog lists, as shown (heading, then the text)."""
    options = pilot.app.screen.query_one("#sentences", OptionList)
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


def option_ids(pilot, selector: str) -> list[str]:  # type: ignore[no-untyped-def]
    options = pilot.app.screen.query_one(selector, OptionList)
    return [options.get_option_at_index(i).id or "" for i in range(options.option_count)]


async def split_assessment(pilot) -> None:  # type: ignore[no-untyped-def]
    await cursor_to(pilot, "2")
    await pilot.press("slash")
    await wait_for(pilot, lambda: "sentences" in pilot.app.screen.session.get(ASSESSMENT))


async def open_sentences(pilot) -> None:  # type: ignore[no-untyped-def]
    await cursor_to(pilot, "2")
    await pilot.press("enter")
    await wait_for_screen(pilot, "SentencesDialog")
    await wait_for(pilot, lambda: bool(listed(pilot)), "the sentences listed")


async def test_split_into_sentences_keeps_the_text_and_undo_takes_it_back(
    library: Library, draft: Path
) -> None:
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        text = str(pilot.app.screen.session.get(ASSESSMENT)["text"])
        before = conclusions(pilot)
        await split_assessment(pilot)
        sentences = sentences_of(pilot)
        assert len(sentences) == len(split(text)) > 1
        clauses = [s for s in sentences if "clause" in s]
        assert clauses, "no sentence of Mali's assessment read back as a sentence clause"
        assert all(library.clauses[s["clause"]].form == "sentence" for s in clauses)
        # the paragraph prints word for word as before: the rest of the text too
        await wait_for(pilot, lambda: conclusions(pilot) == before, "the same conclusions")
        first = library.clauses[clauses[0]["clause"]].title if "clause" in sentences[0] else ""
        label = next(label for label in outline_labels(pilot) if label.startswith("2  "))
        assert label.startswith(f"2  ¶ {len(sentences)} sentences · {first[:20]}")

        await pilot.press("u")  # one step back: the free text again
        await wait_for(pilot, lambda: "text" in pilot.app.screen.session.get(ASSESSMENT))
        assert pilot.app.screen.session.get(ASSESSMENT)["text"] == text


async def test_split_asks_for_a_free_text_item(library: Library, draft: Path) -> None:
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "4 (a)")
        await pilot.press("slash")
        await pilot.pause()
        assert not pilot.app.screen.session.dirty
        assert any("free-text item" in str(n.message) for n in pilot.app._notifications)


async def test_the_dialog_adds_edits_moves_deletes_and_undoes(
    library: Library, draft: Path
) -> None:
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await split_assessment(pilot)
        after_split = sentences_of(pilot)
        await open_sentences(pilot)
        assert len(listed(pilot)) == len(after_split)
        options = pilot.app.screen.query_one("#sentences", OptionList)
        assert pilot.app.screen.focused is options

        # free text after the first sentence
        options.highlighted = 0
        await pilot.press("t")
        await wait_for_screen(pilot, "TextDialog")
        await fill(pilot, "#text", "They heard the Special Representative.")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "SentencesDialog")
        await wait_for(pilot, lambda: len(listed(pilot)) == len(after_split) + 1)
        assert listed(pilot)[1] == "2. free text\nThey heard the Special Representative."

        # moved to the top, deleted, the deletion undone
        await pilot.press("ctrl+up")
        await wait_for(pilot, lambda: listed(pilot)[0].startswith("1. free text"))
        await pilot.press("x")
        await wait_for(pilot, lambda: len(listed(pilot)) == len(after_split))
        await pilot.press("u")
        await wait_for(pilot, lambda: listed(pilot)[0].startswith("1. free text"))

        # its text edited (enter on it)
        options.highlighted = 0
        await pilot.press("enter")
        await wait_for_screen(pilot, "TextDialog")
        await fill(pilot, "#text", "They heard the Special Representative and the Government.")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "SentencesDialog")
        await wait_for(pilot, lambda: "and the Government." in listed(pilot)[0])

        # a sentence clause from the browser, which offers sentence clauses only
        await pilot.press("a")
        await wait_for_screen(pilot, "ClauseBrowser")
        count = pilot.app.screen.query_one("#count", Static)
        await fill(pilot, "#query", "concern")
        await wait_for(pilot, lambda: "sentence clause(s)" in str(count.render()))
        found = option_ids(pilot, "#results")
        assert found and all(library.clauses[cid].form == "sentence" for cid in found)
        await fill(pilot, "#query", "monitoring constrained")
        await choose_option(pilot, "#results", "assessment.monitoring-constrained")
        await wait_for_screen(pilot, "ParamForm")
        await fill(pilot, "#field-constraints", "insecurity")
        preview = pilot.app.screen.query_one("#form-preview", Static)
        await wait_for(
            pilot, lambda: "severely constrained by insecurity." in str(preview.render())
        )
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "SentencesDialog")
        await wait_for(pilot, lambda: len(listed(pilot)) == len(after_split) + 2)
        assert "remains severely constrained by insecurity." in listed(pilot)[1]

        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        sentences = sentences_of(pilot)
        assert sentences[0] == {"text": "They heard the Special Representative and the Government."}
        assert sentences[1]["clause"] == "assessment.monitoring-constrained"
        assert dict(sentences[1]["values"]) == {"constraints": "insecurity"}
        assert sentences[2:] == after_split
        await wait_for(
            pilot,
            lambda: (
                "2. They heard the Special Representative and the Government. It was also "
                "noted that the United Nations monitoring" in " ".join(conclusions(pilot).split())
            ),
            "the paragraph in the preview",
        )

        await pilot.press("u")  # the whole dialog's change is one step
        await wait_for(pilot, lambda: sentences_of(pilot) == after_split)


async def test_escape_asks_when_changed_and_keeps_the_paragraph(
    library: Library, draft: Path
) -> None:
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await split_assessment(pilot)
        after_split = sentences_of(pilot)
        await open_sentences(pilot)
        await pilot.press("escape")  # nothing changed: closes at once
        await wait_for_screen(pilot, "EditorScreen")
        await open_sentences(pilot)
        await pilot.press("x")
        await wait_for(pilot, lambda: len(listed(pilot)) == len(after_split) - 1)
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "keep")
        await wait_for_screen(pilot, "SentencesDialog")
        assert len(listed(pilot)) == len(after_split) - 1  # nothing lost
        await pilot.press("escape")
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "discard")
        await wait_for_screen(pilot, "EditorScreen")
        assert sentences_of(pilot) == after_split


async def test_a_new_paragraph_needs_a_sentence(library: Library, draft: Path) -> None:
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "3")
        await pilot.press("p")
        # a new paragraph opens on the browser of sentence clauses; escape: back, empty
        await wait_for_screen(pilot, "ClauseBrowser")
        assert pilot.app.screen.form == "sentence"
        await pilot.press("escape")
        await wait_for_screen(pilot, "SentencesDialog")
        await pilot.press("ctrl+s")  # empty: refused, the dialog stays
        error = pilot.app.screen.query_one("#sentences-error", Static)
        await wait_for(pilot, lambda: "at least one sentence" in str(error.render()))
        assert screen_name(pilot) == "SentencesDialog"
        await pilot.press("t")
        await wait_for_screen(pilot, "TextDialog")
        await fill(pilot, "#text", "They welcomed the new report.")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "SentencesDialog")
        await wait_for(pilot, lambda: len(listed(pilot)) == 1)
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert sentences_of(pilot, ("opening", 3)) == [{"text": "They welcomed the new report."}]
        await wait_for(pilot, lambda: "4. They welcomed the new report." in conclusions(pilot))


async def test_the_item_browser_offers_no_sentence_clause(library: Library, draft: Path) -> None:
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await cursor_to(pilot, "3")
        await pilot.press("a")
        await wait_for_screen(pilot, "ClauseBrowser")
        pilot.app.screen.query_one("#recipient", Select).value = Select.NULL
        await fill(pilot, "#query", "members")
        count = pilot.app.screen.query_one("#count", Static)
        await wait_for(pilot, lambda: " clause(s)" in str(count.render()))
        found = option_ids(pilot, "#results")
        assert found and all(library.clauses[cid].form == "item" for cid in found)
        assert not any(cid.startswith("assessment.") for cid in found)


async def test_an_open_sentences_dialog_is_recovered(library: Library, draft: Path) -> None:
    session = DraftSession.open(draft, library)
    session.replace(ASSESSMENT, {"sentences": [{"text": "They met."}, {"text": "They spoke."}]})
    session.save()
    typed = {"sentences": [{"text": "They spoke."}, {"text": "They met."}]}  # moved
    save_form(draft_key(draft, "edit-sentences", ref=list(ASSESSMENT)), "Paragraph 2", typed)
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "ConfirmDialog")
        await answer(pilot, "reopen")
        await wait_for_screen(pilot, "SentencesDialog")
        await wait_for(pilot, lambda: listed(pilot)[:1] == ["1. free text\nThey spoke."])
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert sentences_of(pilot) == typed["sentences"]
    assert pending_forms(draft) == []


async def test_help_lists_the_sentence_actions(library: Library, draft: Path) -> None:
    app = build_app(library, draft)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("question_mark")
        await wait_for_screen(pilot, "HelpScreen")
        keys = str(pilot.app.screen.query_one("#help-keys", Static).render())
        assert "Split into sentences" in keys
        assert "paragraph composed of sentence clauses" in keys


async def test_the_outline_shows_a_composed_paragraph(library: Library) -> None:
    """Mali's example composes its paragraph 2: one line, its first sentence's clause
    and how many sentences it has."""
    import yaml

    sentences = yaml.safe_load(MALI.read_text(encoding="utf-8"))["opening"][1]["sentences"]
    first = library.clauses[sentences[0]["clause"]].title
    app = build_app(library, MALI)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await wait_for(pilot, lambda: any(x.startswith("2  ¶ ") for x in outline_labels(pilot)))
        label = next(x for x in outline_labels(pilot) if x.startswith("2  ¶ "))
        assert label.startswith(f"2  ¶ {len(sentences)} sentences · {first[:40]}")


async def test_a_deviating_sentence_marks_its_paragraph(library: Library, tmp_path: Path) -> None:
    """A free sentence that departs from a sentence clause marks its paragraph "≠" in
    the outline, and d shows that sentence compared with the agreed one."""
    path = tmp_path / "mali.yaml"
    shutil.copy(MALI, path)
    session = DraftSession.open(path, library)
    printed = session.bundle().conclusions.by_path()[ItemPath.opening(1)].text
    second = split(printed)[1]
    assert "particularly" in second
    sentences = [dict(s) for s in session.get(ASSESSMENT)["sentences"]]
    sentences[1] = {"text": second.replace("particularly", "especially")}
    session.set_field(ASSESSMENT, "sentences", sentences)
    session.save()
    app = build_app(library, path)
    async with app.run_test(size=(130, 44)) as pilot:
        await wait_for(pilot, lambda: any(x.startswith("≠ 2  ¶ ") for x in marked(pilot)))
        await cursor_to(pilot, "2  ¶")
        await pilot.press("d")
        pane = pilot.app.screen.query_one("#deviation-pane", Static)
        await wait_for(pilot, lambda: "{+especially+}" in str(pane.render()), "the pane")
        assert "[-particularly-]" in str(pane.render())


def marked(pilot) -> list[str]:  # type: ignore[no-untyped-def]
    """The outline's lines as drawn (the deviation mark is drawn, not in the label)."""
    from rich.style import Style
    from textual.widgets import Tree

    tree = pilot.app.screen.query_one("#outline", Tree)
    nodes = [tree.get_node_at_line(line) for line in range(tree.last_line + 1)]
    return [tree.render_label(n, Style(), Style()).plain for n in nodes if n is not None]
