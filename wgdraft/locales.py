"""The printed words of each language: ``templates/locale/<language>.yaml``.

A draft's ``document.language`` (default ``en``) chooses its locale: month names and
the date pattern (through :class:`wgdraft.templating.UNDate`), number words, the list
conjunction, the phrases printed where a draft leaves a field out, the language and
letter titles of the DOCX properties, and where symbols link to. A templates folder
without a ``locale/`` folder (a workspace made before languages) uses the bundled one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import paths
from .errors import Problem, WgdraftError
from .models import Draft, Locale, Meeting
from .validation import validate
from .yamlio import load_file, locate

if TYPE_CHECKING:
    from .library import Templates

FOLDER = "locale"


def locale_folder(templates_root: Path) -> Path:
    """Where the locales of a templates folder are: its own ``locale/``, else the
    bundled templates' ``locale/``."""
    own = templates_root / FOLDER
    return own if own.is_dir() else paths.bundled_templates() / FOLDER


def load_locales(folder: Path) -> tuple[dict[str, Locale], dict[str, Path], list[Problem]]:
    """Every ``<language>.yaml`` of ``folder``: the locales by language, their files, and
    the problems of those that cannot be used (each with file, line and field)."""
    locales: dict[str, Locale] = {}
    files: dict[str, Path] = {}
    problems: list[Problem] = []
    candidates = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    for file in candidates:
        if file.name.startswith(".") or not file.is_file():
            continue
        if file.stem in files:
            problems.append(
                Problem(file, f"a second locale {file.stem!r}, also {files[file.stem]}")
            )
            continue
        files[file.stem] = file
        try:
            locales[file.stem] = validate(Locale, load_file(file), file)
        except WgdraftError as exc:
            problems += exc.problems
    return locales, files, problems


@cache
def bundled_locales() -> tuple[dict[str, Locale], dict[str, Path]]:
    """The bundled locales and their files (raises WgdraftError if one is broken)."""
    locales, files, problems = load_locales(paths.bundled_templates() / FOLDER)
    if problems:
        raise WgdraftError(problems)
    return locales, files


def bundled_locale(language: str = "en") -> Locale:
    """A bundled locale, for printing outside any draft (a date shown in a form)."""
    return bundled_locales()[0][language]


def unknown_language(draft: Draft, folder: Path, known: list[str], file: Path | None) -> Problem:
    """The problem of a draft whose language has no locale file, naming the draft's
    field and the languages there are."""
    language = draft.document.language
    available = ", ".join(known) or "none"
    return Problem(
        file,
        f"unknown language {language!r}: there is no {folder / (language + '.yaml')}"
        f" (languages there: {available})",
        "document.language",
        locate(file, ("document", "language")) if file is not None else None,
    )


def with_defaults(draft: Draft, locale: Locale) -> Draft:
    """The draft with every field it leaves out that is printed filled from ``locale``
    (the Government's style, the meeting's kind, who introduced the report, the
    language of the original); a draft that gives them is returned unchanged."""
    words = locale.defaults
    situation = draft.situation

    def meeting(m: Meeting) -> Meeting:
        return m if m.kind is not None else m.model_copy(update={"kind": words.meeting_kind})

    report = situation.report
    if report.introduced_by is None:
        report = report.model_copy(update={"introduced_by": words.introduced_by})
    situation = situation.model_copy(
        update={
            "government": words.government
            if situation.government is None
            else situation.government,
            "meeting": meeting(situation.meeting),
            "report": report,
        }
    )
    document = draft.document
    if document.original is None:
        document = document.model_copy(update={"original": words.original})
    blocks = [
        b if b.meeting is None else b.model_copy(update={"meeting": meeting(b.meeting)})
        for b in draft.blocks
    ]
    return draft.model_copy(update={"situation": situation, "document": document, "blocks": blocks})


def filled(draft: Draft, templates: Templates) -> Draft:
    """The draft as it prints: :func:`with_defaults` of its language's locale; unchanged
    if its language has none (assembly reports that)."""
    locale = templates.locale(draft.document.language)
    return draft if locale is None else with_defaults(draft, locale)
