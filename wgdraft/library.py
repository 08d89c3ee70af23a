"""Loading the clause library and the templates folder into validated models."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, Field

from . import paths
from .errors import Problem, WgdraftError
from .locales import bundled_locales, load_locales, locale_folder
from .models import Channel, Clause, Correspondence, Framing, Locale, Negotiation
from .templatesource import TemplateSource, template_fields
from .templating import NAMES_CACHE, SITUATION_NAMES, TemplateProblem, inspect
from .validation import validate
from .yamlio import load_file


class Family(BaseModel):
    """A clause family (DOMAIN.md): condemnation, accountability, ..."""

    title: str = Field(min_length=1)
    description: str = ""


#: The files of a templates folder that hold the framing of the conclusions and of
#: letters and statements.
FRAMING_FILE, CORRESPONDENCE_FILE = "document.yaml", "correspondence.yaml"
#: How the negotiation text shows brackets, states and notes; a templates folder made
#: before it existed uses the bundled one.
NEGOTIATION_FILE = "negotiation.yaml"


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
    negotiation: Negotiation | None = None
    negotiation_file: Path | None = None

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

    def file_of(
        self, model: Framing | Correspondence | Channel | Locale | Negotiation
    ) -> Path | None:
        """The file a loaded template model was read from."""
        if isinstance(model, Negotiation):
            return self.negotiation_file
        if isinstance(model, Channel):
            return self.channel_files.get(model.id)
        if isinstance(model, Locale):
            language = next((k for k, v in self.locales.items() if v is model), None)
            return self.locale_files.get(language) if language else None
        return self.root / (FRAMING_FILE if isinstance(model, Framing) else CORRESPONDENCE_FILE)


@dataclass
class Library:
    """The clause library with the templates it is used with."""

    root: Path
    clauses: dict[str, Clause]
    files: dict[str, Path]
    templates: Templates

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]

    def source(
        self,
        model: Clause | Channel | Framing | Correspondence | Locale | Negotiation,
        *field: str | int,
    ) -> TemplateSource:
        """Where the template at ``field`` of a loaded clause or template file is: the
        one address every message about that template names."""
        if isinstance(model, Clause):
            return TemplateSource(self.files.get(model.id), field)
        return TemplateSource(self.templates.file_of(model), field)


def template_problems(model: BaseModel, file: Path) -> list[Problem]:
    """Syntax, sandbox and undeclared-name problems of every template in ``model`` (a
    clause, a channel, document.yaml, correspondence.yaml or a locale), each located in
    ``file``."""
    params = getattr(model, "params", None)
    declared = set(params or ()) | SITUATION_NAMES
    problems: list[Problem] = []
    for loc, text, marker in template_fields(model):
        source = TemplateSource(file, loc)
        try:
            used = inspect(text)
        except TemplateProblem as exc:
            problems.append(source.problem(exc.message, exc.line))
            continue
        allowed = declared | marker.names
        for undeclared in sorted(used - allowed):
            problems.append(
                source.problem(
                    f"'{undeclared}' is used but not declared under 'params'"
                    if params is not None
                    else f"'{undeclared}' is not defined here (names: {', '.join(sorted(allowed))})"
                )
            )
    return problems


def _yaml_files(folder: Path) -> list[Path]:
    found = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [Path(dirpath, f) for f in sorted(filenames) if f.endswith((".yaml", ".yml"))]
    return found


def load_templates(root: Path) -> Templates:
    """Load ``document.yaml``, ``correspondence.yaml``, ``families.yaml``,
    ``channels/*.yaml`` and ``locale/*.yaml``."""
    problems: list[Problem] = []
    framing = None
    families: dict[str, Family] = {}
    if not root.is_dir():
        raise WgdraftError(Problem(root, "templates folder not found"))
    try:
        framing_file = root / FRAMING_FILE
        framing = validate(Framing, load_file(framing_file), framing_file)
        problems += template_problems(framing, framing_file)
    except WgdraftError as exc:
        problems += exc.problems
    correspondence = None
    correspondence_file = root / CORRESPONDENCE_FILE
    try:
        correspondence = validate(
            Correspondence, load_file(correspondence_file), correspondence_file
        )
        problems += template_problems(correspondence, correspondence_file)
    except WgdraftError as exc:
        problems += exc.problems
    negotiation = None
    negotiation_file = root / NEGOTIATION_FILE
    if not negotiation_file.exists() and not negotiation_file.is_symlink():
        negotiation_file = paths.bundled_templates() / NEGOTIATION_FILE
    try:
        negotiation = validate(Negotiation, load_file(negotiation_file), negotiation_file)
        problems += template_problems(negotiation, negotiation_file)
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
        if channel.kind == "statement" and correspondence is not None:
            # the lead's forms, declared once, after the channel's own (which win)
            lead = correspondence.statement_lead_params
            params = channel.params | {k: v for k, v in lead.items() if k not in channel.params}
            channel = channel.model_copy(update={"params": params})
        if channel.id in channels:
            problems.append(
                Problem(file, f"duplicate channel id, also in {channel_files[channel.id]}", "id")
            )
            continue
        if framing and channel.section not in sections:
            problems.append(Problem(file, f"unknown section {channel.section!r}", "section"))
        problems += template_problems(channel, file)
        channels[channel.id] = channel
        channel_files[channel.id] = file
    locales, locale_files, locale_load_problems = load_locales(locale_folder(root))
    problems += locale_load_problems
    for language, locale in locales.items():
        problems += template_problems(locale, locale_files[language])
    if problems:
        raise WgdraftError(problems)
    assert framing is not None
    return Templates(
        root,
        framing,
        channels,
        families,
        channel_files,
        correspondence,
        locales,
        locale_files,
        negotiation,
        negotiation_file,
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
    problems = template_problems(clause, file)
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
