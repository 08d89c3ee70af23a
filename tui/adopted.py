"""Where drafting starts from an adopted text: last year's conclusions (TXT, DOCX or
PDF) become a new draft open in the editor.

The chain, run from a worker (the start screen's or the App's): the file's path (a
line with completion), the import in a thread (``wgdraft.importing.to_draft``) while
"Importing <file>…" shows, the situation form pre-filled from the text with each field
read from it marked "from <file>", then the draft is written where the form says and
opened. Escape at any step stops it with nothing written; a file that cannot be
imported is named in one line, and the chain ends where it started."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.dialogs import (
    SITUATION_FIELDS,
    LineDialog,
    PathSuggester,
    SituationAnswer,
    SituationForm,
    WorkDialog,
    situation_texts,
)
from wgdraft.errors import WgdraftError
from wgdraft.library import Library

if TYPE_CHECKING:
    from tui.app import WgdraftApp
    from wgdraft.importing.to_draft import Imported

#: the kinds of file the importer reads
SUFFIXES = (".txt", ".docx", ".pdf")
#: the situation form's keys (dotted) that hold the situation's data
_FORM_KEYS = [key for key, _text, _example in SITUATION_FIELDS if key != "path"]


def check_source(text: str) -> str | None:
    """Why ``text`` names no file to import (None: it does)."""
    path = Path(text).expanduser()
    if not path.exists():
        return f"there is no file {path}"
    if path.is_dir():
        return f"{path} is a folder: add the file's name (→ completes it)"
    return None


def import_or_reason(path: Path, library: Library) -> Imported | str:
    """The import of ``path``, or the one line saying why it cannot be imported.
    Runs in a thread: it touches no widget."""
    from wgdraft.importing.to_draft import import_file

    try:
        return import_file(path, library)
    except WgdraftError as exc:
        return str(exc.problems[0])
    except Exception as exc:  # an importer's fault must not take the drafter's session down
        return f"{path}: could not be imported ({type(exc).__name__}: {exc})"


def _form_keys(names: Iterable[str]) -> set[str]:
    """The form's keys among the importer's dotted names (with or without the
    ``situation.`` prefix; "country" read as a whole covers its name, article and
    adjective)."""
    read = {name.removeprefix("situation.") for name in names}
    return {key for key in _FORM_KEYS if key in read or key.split(".")[0] in read}


def form_of(imported: Imported, source: Path) -> tuple[dict[str, str], dict[str, str]]:
    """The situation form's text pre-filled from the import, and the note beside each
    field: "from <file>" where it was read from the text, "not in <file>" for a
    required field the text does not give (its stand-in is left out, so the form asks)."""
    initial = situation_texts(imported.data.get("situation") or {})
    marks = {key: f"from {source.name}" for key in _form_keys(imported.from_source)}
    for key in _form_keys(imported.missing):
        initial.pop(key, None)
        marks[key] = f"not in {source.name}: required"
    initial["path"] = f"{source.stem}.yaml"
    return initial, marks


def with_situation(data: dict[str, Any], situation: dict[str, Any]) -> dict[str, Any]:
    """The imported draft's data with the situation the drafter confirmed: the form's
    fields as answered (one left empty is removed), what the form does not show as
    imported."""
    data = copy.deepcopy(data)
    target = data.setdefault("situation", {})
    for key in _FORM_KEYS:
        *parents, leaf = key.split(".")
        answered: Any = situation
        here: Any = target
        for parent in parents:
            answered = answered.get(parent, {})
            here = here.setdefault(parent, {})
        if leaf in answered:
            here[leaf] = answered[leaf]
        else:
            here.pop(leaf, None)
    return data


def summary(imported: Imported) -> str:
    """One line on what the import made of the text's items, counted as `wgdraft match`
    and `wgdraft import` count them (:attr:`Imported.coverage`, framing included)."""
    coverage = imported.coverage
    text = (
        f"{coverage.items} items: {coverage.exact} exact clause references or framing, "
        f"{coverage.items - coverage.exact} free text (each keeps its nearest clause)"
    )
    if coverage.framing:
        text += f"; of which framing: {coverage.framing_line}"
    return text


async def draft_from_adopted(app: WgdraftApp) -> bool:
    """Ask for an adopted text, import it, confirm its situation and open the new
    draft; False when the drafter stopped or the file could not be imported (nothing
    is written then). Only from a worker."""
    text = await app.push_screen_wait(
        LineDialog(
            "New draft from an adopted text: which file? (TXT, DOCX or PDF)",
            placeholder="S_AC.51_2024_1.pdf",
            check=check_source,
            suggester=PathSuggester(SUFFIXES),
            hint="→ completes a file or folder name; escape cancels",
        )
    )
    if text is None:
        return False
    source = Path(text).expanduser()
    result = await app.push_screen_wait(
        WorkDialog(f"Importing {source.name}…", partial(import_or_reason, source, app.library))
    )
    if result is None:
        return False
    if isinstance(result, str):
        app.notify(result, title=f"Cannot import {source.name}", severity="error", timeout=10)
        return False
    initial, marks = form_of(result, source)
    subtitle = (
        f"Fields marked “from {source.name}” were read from that text: check them "
        "(the meeting and the report are the old text's) and fill in the rest."
        if any(mark.startswith("from ") for mark in marks.values())
        else f"Nothing of the situation could be read from {source.name}: fill it in."
    )
    while True:
        form = SituationForm(
            f"New draft from {source.name}: the situation", initial, marks=marks, subtitle=subtitle
        )
        form.recovery_key = {"action": "draft-from-adopted", "source": str(source.resolve())}
        form.recovery_title = f"New draft from {source.name}"
        answer: SituationAnswer | None = await app.push_screen_wait(form)
        if answer is None:
            return False
        imported = replace(result, data=with_situation(result.data, answer.situation))
        if app.create_imported(answer, imported, summary(result)):
            return True
        initial = answer.typed
