"""Loading the clause library and the templates folder into validated models."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from . import paths
from .errors import Problem, WgdraftError
from .locales import bundled_locales, load_locales, locale_folder
from .models import Channel, Clause, Correspondence, Framing, Locale, Param
from .templating import NAMES_CACHE, SITUATION_NAMES, TemplateProblem, inspect
from .validation import validate
from .yamlio import block_start_line, load_file


class Family(BaseModel):
    """A clause family (DOMAIN.md): condemnation, accountability, ..."""

    title: str = Field(min_length=1)
    description: str = ""


@dataclass
class Templates:
    """Everything under ``templates/``: framing text, channels and families."""

    root: Path
    framing: Framing
    channels: dict[str, Channel]
    families: dict[str, Family]
    channel_files: dict[str, Path] = field(default_factory=dict)
    correspondence: Correspondence | None = None
    #: the printed words of each language (templates/locale/<language>.yaml); if not
    #: given, the bundled ones
    locales: dict[str, Locale] = field(default_factory=lambda: dict(bundled_locales()[0]))
    locale_files: dict[str, Path] = field(default_factory=lambda: dict(bundled_locales()[1]))

    @property
    def reference_docx(self) -> Path:
        return self.root / "reference.docx"

    @property
    def locale_folder(self) -> Path:
        return locale_folder(self.root)

    def locale(self, language: str) -> Locale | None:
        """The printed words of ``language``, if there is a locale file for it."""
        return self.locales.get(language)

    @property
    def languages(self) -> list[str]:
        return sorted(self.locales)


@dataclass
class Library:
    """The clause library with the templates it is used with."""

    root: Path
    clauses: dict[str, Clause]
    files: dict[str, Path]
    templates: Templates

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]


def _template_problems(
    sources: Iterable[tuple[tuple[str | int, ...], str]],
    allowed: set[str],
    file: Path,
    params: bool = True,
) -> list[Problem]:
    """Syntax, sandbox and undeclared-name problems in the templates of one file
    (``params``: whether the file can declare parameters of its own)."""
    problems: list[Problem] = []
    for loc, source in sources:
        name = ".".join(str(p) for p in loc)
        try:
            used = inspect(source)
        except TemplateProblem as exc:
            start = block_start_line(file, loc) or 1
            line = start + (exc.line or 1) - 1
            problems.append(Problem(file, exc.message, name, line))
            continue
        for undeclared in sorted(used - allowed):
            problems.append(
                Problem(
                    file,
                    f"'{undeclared}' is used but not declared under 'params'"
                    if params
                    else f"'{undeclared}' is not defined here (names: {', '.join(sorted(allowed))})",  # noqa: E501
                    name,
                    block_start_line(file, loc),
                )
            )
    return problems


Sources = list[tuple[tuple[str | int, ...], str]]


def _framing_problems(framing: Framing, file: Path) -> list[Problem]:
    """Every template of document.yaml, each with the names it is rendered with."""
    plain: Sources = [((k,), getattr(framing, k)) for k in ("title", "subtitle", "annex_title")]
    plain += [(("masthead", key), text) for key, text in framing.masthead.items()]
    plain += [(("sections", i, "heading"), s.heading) for i, s in enumerate(framing.sections)]
    closing: Sources = [(("annex_closing",), framing.annex_closing)]
    return _template_problems(plain, set(SITUATION_NAMES), file, False) + _template_problems(
        closing, SITUATION_NAMES | {"place", "date"}, file, False
    )


def _correspondence_problems(text: Correspondence, file: Path) -> list[Problem]:
    """Every template of correspondence.yaml, each with the names it is rendered with."""
    letter: Sources = [((k,), getattr(text, k)) for k in ("salutation", "closing", "signed")]
    letter += [(("senders", s, "opening"), t.opening) for s, t in text.senders.items()]
    statement: Sources = [((k,), getattr(text, k)) for k in ("statement_title", "statement_lead")]
    titles: Sources = [(("senders", s, "title"), t.title) for s, t in text.senders.items()]
    return (
        _template_problems(letter, SITUATION_NAMES | {"symbol", "sender", "recipient"}, file, False)
        + _template_problems(statement, SITUATION_NAMES | {"symbol"}, file, False)
        + _template_problems(titles, set(SITUATION_NAMES), file, False)
    )


def _locale_problems(locale: Locale, file: Path) -> list[Problem]:
    """The one template of a locale file: a letter's title."""
    sources: Sources = [(("letter_title",), locale.letter_title)]
    return _template_problems(sources, {*SITUATION_NAMES, "recipient"}, file, False)


def _clause_sources(clause: Clause) -> list[tuple[tuple[str | int, ...], str]]:
    sources: list[tuple[tuple[str | int, ...], str]] = [(("body",), clause.body)]
    sources += [(("items", i), text) for i, text in enumerate(clause.items)]
    sources += [(("variants", name), text) for name, text in clause.variants.items()]
    return sources


def _yaml_files(folder: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath, f) for f in sorted(filenames) if f.endswith((".yaml", ".yml"))]
    return found


def _params_allowed(params: dict[str, Param]) -> set[str]:
    return set(params) | SITUATION_NAMES


def load_templates(root: Path) -> Templates:
    """Load ``document.yaml``, ``correspondence.yaml``, ``families.yaml``,
    ``channels/*.yaml`` and ``locale/*.yaml``."""
    problems: list[Problem] = []
    framing = None
    families: dict[str, Family] = {}
    if not root.is_dir():
        raise WgdraftError(Problem(root, "templates folder not found"))
    try:
        framing_file = root / "document.yaml"
        framing = validate(Framing, load_file(framing_file), framing_file)
        problems += _framing_problems(framing, framing_file)
    except WgdraftError as exc:
        problems += exc.problems
    correspondence = None
    correspondence_file = root / "correspondence.yaml"
    try:
        correspondence = validate(
            Correspondence, load_file(correspondence_file), correspondence_file
        )
        problems += _correspondence_problems(correspondence, correspondence_file)
    except WgdraftError as exc:
        problems += exc.problems
    families_file = root / "families.yaml"
    try:
        raw = load_file(families_file)
        if not isinstance(raw, dict):
            raise WgdraftError(Problem(families_file, "expected a mapping of family ids", line=1))
        for key, value in raw.items():
            try:
                families[str(key)] = validate(Family, value, families_file)
            except WgdraftError as exc:
                problems += [
                    Problem(p.file, p.message, f"{key}.{p.field}".rstrip("."), p.line)
                    for p in exc.problems
                ]
    except WgdraftError as exc:
        problems += exc.problems
    channels: dict[str, Channel] = {}
    channel_files: dict[str, Path] = {}
    sections = {s.id for s in framing.sections} if framing else set()
    for file in _yaml_files(root / "channels"):
        try:
            channel = validate(Channel, load_file(file), file)
        except WgdraftError as exc:
            problems += exc.problems
            continue
        if channel.id in channels:
            problems.append(
                Problem(file, f"duplicate channel id, also in {channel_files[channel.id]}", "id")
            )
            continue
        if framing and channel.section not in sections:
            problems.append(Problem(file, f"unknown section {channel.section!r}", "section"))
        sources: list[tuple[tuple[str | int, ...], str]] = [(("intro",), channel.intro)]
        if channel.letter is not None:
            sources.append((("letter", "recipient"), channel.letter.recipient))
        if channel.statement is not None:
            sources.append((("statement", "addressees"), channel.statement.addressees))
        problems += _template_problems(sources, _params_allowed(channel.params), file)
        channels[channel.id] = channel
        channel_files[channel.id] = file
    locales, locale_files, locale_load_problems = load_locales(locale_folder(root))
    problems += locale_load_problems
    for language, locale in locales.items():
        problems += _locale_problems(locale, locale_files[language])
    if problems:
        raise WgdraftError(problems)
    assert framing is not None
    return Templates(
        root, framing, channels, families, channel_files, correspondence, locales, locale_files
    )


def load_library(clauses_root: Path | None = None, templates_root: Path | None = None) -> Library:
    """Load and validate the whole library; raise WgdraftError listing every problem."""
    clauses_root = clauses_root or paths.clauses_dir()
    templates_root = templates_root or paths.templates_dir()
    problems: list[Problem] = []
    try:
        templates = load_templates(templates_root)
    except WgdraftError as exc:
        problems += exc.problems
        templates = None
    if not clauses_root.is_dir():
        problems.append(Problem(clauses_root, "clause library folder not found"))
        raise WgdraftError(problems)
    clauses: dict[str, Clause] = {}
    files: dict[str, Path] = {}
    for file in _yaml_files(clauses_root):
        try:
            clause = validate(Clause, load_file(file), file)
        except WgdraftError as exc:
            problems += exc.problems
            continue
        if clause.id in clauses:
            problems.append(
                Problem(
                    file, f"duplicate clause id {clause.id!r}, also in {files[clause.id]}", "id", 1
                )
            )
            continue
        if file.stem != clause.id:
            problems.append(
                Problem(
                    file, f"clause id {clause.id!r} must match the file name {file.stem!r}", "id"
                )
            )
        problems += _clause_checks(clause, templates, file)
        clauses[clause.id] = clause
        files[clause.id] = file
    NAMES_CACHE.save()
    if problems:
        raise WgdraftError(_with_lines(problems))
    assert templates is not None
    return Library(clauses_root, clauses, files, templates)


def _clause_checks(clause: Clause, templates: Templates | None, file: Path) -> list[Problem]:
    """Template, family and recipient problems of one clause."""
    problems = _template_problems(_clause_sources(clause), _params_allowed(clause.params), file)
    if templates is not None:
        if clause.family not in templates.families:
            problems.append(
                Problem(
                    file,
                    f"unknown family {clause.family!r} (see templates/families.yaml)",
                    "family",
                )
            )
        for recipient in clause.recipients:
            if recipient not in templates.channels:
                problems.append(
                    Problem(
                        file,
                        f"unknown recipient {recipient!r} (see templates/channels/)",
                        "recipients",
                    )
                )
    return problems


def clause_problems(
    clause: Clause, library: Library, file: Path, exclude_self: bool = False
) -> list[Problem]:
    """Everything wrong with a clause in the context of a library, before it is saved:
    its templates, family and recipients, and an id used by another file."""
    problems = _clause_checks(clause, library.templates, file)
    other = library.files.get(clause.id)
    if other is not None and not (exclude_self and other.resolve() == file.resolve()):
        problems.append(Problem(file, f"clause id {clause.id!r} is already used by {other}", "id"))
    return problems


def _with_lines(problems: list[Problem]) -> list[Problem]:
    """Fill in the line of problems that name a field but no line yet."""
    from .yamlio import locate

    out = []
    for p in problems:
        if p.line is None and p.file is not None and p.field and p.file.is_file():
            p = Problem(p.file, p.message, p.field, locate(p.file, p.field.split(".")))
        out.append(p)
    return out
