"""Where drafting starts (issue 11, point 5): a new draft from an adopted text, in the TUI.
The whole chain on the Mali reference text, the "from <file>" marks of the pre-filled
situation form, escape at every step, bad files, the palette command, and the import's
thread that keeps the UI responsive."""

from __future__ import annotations

import contextlib
import re
import subprocess
import sys
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
import yaml
from textual.pilot import Pilot
from textual.widgets import Input, Label, OptionList, Static

from tests.conftest import MALI, ROOT, Cli
from tests.functional.tui_helpers import (
    fill,
    outline_labels,
    screen_name,
    wait_for,
    wait_for_screen,
)
from tui.app import build_app
from tui.dialogs import WorkDialog
from wgdraft.errors import WgdraftError
from wgdraft.importing import to_draft
from wgdraft.library import Library

SOURCE = ROOT / "tests" / "fixtures" / "mali-2023-conclusions.txt"
MARK = "from mali-2023-conclusions.txt"


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty working folder (the default save place); the state is private (conftest)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def notes(pilot: Pilot) -> list[str]:
    return [f"{n.title}: {n.message}" for n in pilot.app._notifications]


def label(pilot: Pilot, key: str) -> str:
    return str(pilot.app.screen.query_one(f"#label-sit-{key}", Label).render())


async def ask_import(pilot: Pilot, source: Path | str) -> None:
    """From the start screen: "i", the file's path, enter."""
    await wait_for_screen(pilot, "StartScreen")
    await pilot.press("i")
    await wait_for_screen(pilot, "LineDialog")
    await fill(pilot, "#text", str(source))
    await pilot.press("enter")


@contextlib.asynccontextmanager
async def _released(gate: threading.Event) -> AsyncIterator[None]:
    """A held job's thread is let go however the test ends (a failing test would
    otherwise leave the test run waiting for it)."""
    try:
        yield
    finally:
        gate.set()


def _pdf_without_text() -> bytes:
    """A one-page PDF with no text layer, as a scan without OCR reads."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length 0 >>\nstream\n\nendstream",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return out


NOVEL = (
    "Chapter One\n\nIt was a bright cold day in April, and the clocks were striking thirteen. "
    "Winston Smith, his chin nuzzled into his breast in an effort to escape the vile wind, "
    "slipped quickly through the glass doors of Victory Mansions.\n\n"
    "The hallway smelt of boiled cabbage and old rag mats.\n"
)
BAD_FILES = {
    "novel.txt": NOVEL.encode(),
    "empty.txt": b"",
    "corrupt.docx": b"PK\x03\x04 this is not a zip archive at all",
    "scan.pdf": _pdf_without_text(),
}


async def test_the_mali_text_becomes_a_draft_open_in_the_editor(
    library: Library, cwd: Path, cli: Cli
) -> None:
    # the figures `wgdraft match` gives for the text, its blocks' formulas included
    total = cli("match", SOURCE).out.splitlines()[-1]
    counted = re.search(r"(\d+) items, (\d+) exact .*; of which framing: (\d+) items?", total)
    assert counted is not None, total
    items, exact, framing = counted.groups()
    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask_import(pilot, SOURCE)
        await wait_for_screen(pilot, "SituationForm")
        form = pilot.app.screen
        # pre-filled from the text, each field read from it marked beside its label
        assert form.query_one("#sit-country-name", Input).value == "Mali"
        assert form.query_one("#sit-meeting-date", Input).value == "2023-03-31"
        assert form.query_one("#sit-report-symbol", Input).value == "S/2022/856"
        assert form.query_one("#sit-report-ordinal", Input).value == "fourth"
        for key in ("country-name", "meeting-date", "report-symbol", "report-ordinal"):
            assert MARK in label(pilot, key), key
        assert MARK not in label(pilot, "path")
        assert MARK in str(form.query_one("#subtitle", Static).render())
        # the default place: the source's stem in the current folder
        assert form.query_one("#sit-path", Input).value == "mali-2023-conclusions.yaml"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        labels = outline_labels(pilot)
        assert any(text.startswith("1 ") or text.startswith("1.") for text in labels), labels
        assert any(text.startswith("4 (a)") for text in labels), labels
        summary = [n for n in notes(pilot) if n.startswith("Imported into")]
        assert summary and "exact clause references" in summary[0], notes(pilot)
        # the same counts as the command line
        assert f": {items} items: {exact} exact " in summary[0], (summary[0], total)
        assert f"of which framing: {framing} items" in summary[0], (summary[0], total)
    draft = cwd / "mali-2023-conclusions.yaml"
    data = yaml.safe_load(draft.read_text(encoding="utf-8"))
    assert data["situation"]["country"]["name"] == "Mali"
    assert str(data["situation"]["meeting"]["date"]) == "2023-03-31"
    checked = subprocess.run(
        [sys.executable, "-m", "wgdraft", "check", str(draft)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr


async def test_what_the_drafter_changes_in_the_form_is_what_is_saved(
    library: Library, cwd: Path
) -> None:
    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask_import(pilot, SOURCE)
        await wait_for_screen(pilot, "SituationForm")
        await fill(pilot, "#sit-path", "mali-2025")
        await fill(pilot, "#sit-meeting-date", "20 May 2025")
        await fill(pilot, "#sit-report-ordinal", "fifth")
        await fill(pilot, "#sit-representative", "")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
    data = yaml.safe_load((cwd / "mali-2025.yaml").read_text(encoding="utf-8"))
    situation = data["situation"]
    assert str(situation["meeting"]["date"]) == "2025-05-20"
    assert situation["report"]["ordinal"] == "fifth"
    assert "representative" not in situation  # emptied in the form: not kept from the text
    assert situation["report"]["symbol"] == "S/2022/856"  # as read


async def test_escape_at_each_step_writes_nothing(
    library: Library, cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    gate = threading.Event()
    real_import = to_draft.import_file

    def held_import(path: Path, lib: Library) -> to_draft.Imported:
        gate.wait()
        return real_import(path, lib)

    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot, _released(gate):
        # 1. the file's path
        await wait_for_screen(pilot, "StartScreen")
        await pilot.press("i")
        await wait_for_screen(pilot, "LineDialog")
        await pilot.press("escape")
        await wait_for_screen(pilot, "StartScreen")

        # 2. while the import runs (held until escape was pressed)
        monkeypatch.setattr(to_draft, "import_file", held_import)
        await ask_import(pilot, SOURCE)
        await wait_for_screen(pilot, "WorkDialog")
        message = str(pilot.app.screen.query_one("#work-message", Static).render())
        assert message == "Importing mali-2023-conclusions.txt…"
        await pilot.press("escape")
        await wait_for_screen(pilot, "StartScreen")
        gate.set()  # the import ends after all: its result is dropped
        await wait_for(pilot, lambda: all(w.is_finished for w in pilot.app.workers), "workers")
        assert screen_name(pilot) == "StartScreen"
        monkeypatch.setattr(to_draft, "import_file", real_import)

        # 3. the situation form
        await ask_import(pilot, SOURCE)
        await wait_for_screen(pilot, "SituationForm")
        await pilot.press("escape")
        await wait_for_screen(pilot, "StartScreen")
        await wait_for(pilot, lambda: all(w.is_finished for w in pilot.app.workers), "workers")

        # the start screen still works
        await pilot.press("n")
        await wait_for_screen(pilot, "SituationForm")
    assert list(cwd.iterdir()) == []


async def test_the_import_runs_in_a_thread_and_the_ui_answers(library: Library) -> None:
    """While a job runs the dialog says what it does and keys are handled."""
    started, release = threading.Event(), threading.Event()

    def job() -> str:
        started.set()
        release.wait()
        return "done"

    results: list[str | None] = []
    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot, _released(release):
        await wait_for_screen(pilot, "StartScreen")

        async def ask() -> None:
            results.append(await pilot.app.push_screen_wait(WorkDialog("Importing x.txt…", job)))

        pilot.app.run_worker(ask())
        await wait_for_screen(pilot, "WorkDialog")
        await wait_for(pilot, started.is_set, "the job started")
        pilot.app.notify("still answering")  # the event loop runs while the job waits
        await wait_for(pilot, lambda: ": still answering" in notes(pilot), "a notification")
        assert results == []
        release.set()
        await wait_for(pilot, lambda: results == ["done"], "the job's result")
        await wait_for_screen(pilot, "StartScreen")


@pytest.mark.parametrize("name", sorted(BAD_FILES))
async def test_a_bad_file_says_why_and_the_start_screen_stays_usable(
    library: Library, cwd: Path, tmp_path: Path, name: str
) -> None:
    source = tmp_path / name
    source.write_bytes(BAD_FILES[name])
    with pytest.raises(WgdraftError) as refused:
        to_draft.import_file(source, library)
    reason = str(refused.value.problems[0])
    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask_import(pilot, source)
        await wait_for(pilot, lambda: any(name in n for n in notes(pilot)), "the reason")
        await wait_for_screen(pilot, "StartScreen")
        shown = [n for n in notes(pilot) if n.startswith(f"Cannot import {name}")]
        assert shown == [f"Cannot import {name}: {reason}"], notes(pilot)
        assert "Traceback" not in shown[0] and "\n" not in shown[0]
        assert [n.severity for n in pilot.app._notifications] == ["error"]
        await wait_for(pilot, lambda: all(w.is_finished for w in pilot.app.workers), "workers")
        await pilot.press("n")
        await wait_for_screen(pilot, "SituationForm")
    assert list(cwd.iterdir()) == []


async def test_a_path_that_names_no_file_keeps_the_dialog_open(library: Library, cwd: Path) -> None:
    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask_import(pilot, "no-such-file.pdf")
        assert screen_name(pilot) == "LineDialog"
        error = str(pilot.app.screen.query_one("#error", Static).render())
        assert "there is no file no-such-file.pdf" in error
        await fill(pilot, "#text", str(cwd))
        await pilot.press("enter")
        assert "is a folder" in str(pilot.app.screen.query_one("#error", Static).render())


async def test_the_path_is_completed_as_typed(library: Library, cwd: Path) -> None:
    (cwd / "conclusions").mkdir()
    (cwd / "conclusions" / "mali-2023.pdf").write_bytes(b"")
    (cwd / "conclusions" / "notes.odt").write_bytes(b"")
    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "StartScreen")
        await pilot.press("i")
        await wait_for_screen(pilot, "LineDialog")
        field = pilot.app.screen.query_one("#text", Input)
        field.focus()
        await pilot.press(*"conc")
        await wait_for(pilot, lambda: field._suggestion == "conclusions/", "the folder")
        await pilot.press("right")  # accepts the suggestion
        await wait_for(pilot, lambda: field._suggestion == "conclusions/mali-2023.pdf", "the file")


async def test_from_the_command_palette_over_an_open_draft(library: Library, cwd: Path) -> None:
    draft = cwd / "mali.yaml"
    draft.write_text(MALI.read_text(encoding="utf-8"), encoding="utf-8")
    app = build_app(library, draft)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, "EditorScreen")
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, "CommandPalette")
        options = pilot.app.screen.query_one(OptionList)
        await pilot.press(*"adopted text")

        def offered() -> bool:
            return any(
                "New draft from an adopted text" in str(options.get_option_at_index(i).prompt)
                for i in range(options.option_count)
            )

        await wait_for(pilot, offered, "the command")
        await pilot.press("enter")
        await wait_for_screen(pilot, "LineDialog")
        await fill(pilot, "#text", str(SOURCE))
        await pilot.press("enter")
        await wait_for_screen(pilot, "SituationForm")
        await fill(pilot, "#sit-path", "imported.yaml")
        await pilot.press("ctrl+s")
        await wait_for(pilot, lambda: (cwd / "imported.yaml").is_file(), "the new draft")
        await wait_for_screen(pilot, "EditorScreen")
        assert pilot.app.screen.session.path.name == "imported.yaml"  # type: ignore[attr-defined]


async def test_a_word_file_of_conclusions_becomes_a_draft(
    library: Library,
    cwd: Path,
    tmp_path: Path,
    cli,  # type: ignore[no-untyped-def]
) -> None:
    """The tool's own DOCX of the Mali example, imported through the start screen."""
    assert cli("render", MALI, "-o", tmp_path / "out").code == 0
    docx = next((tmp_path / "out").glob("conclusions.docx"))
    app = build_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await ask_import(pilot, docx)
        await wait_for_screen(pilot, "SituationForm")
        assert f"from {docx.name}" in label(pilot, "country-name")
        assert pilot.app.screen.query_one("#sit-path", Input).value == f"{docx.stem}.yaml"
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, "EditorScreen")
        assert any(text.startswith("4 (a)") for text in outline_labels(pilot))
    assert cli("check", cwd / f"{docx.stem}.yaml").code == 0
