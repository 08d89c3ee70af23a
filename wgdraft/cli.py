"""The ``wgdraft`` command line."""

from __future__ import annotations

import argparse
import json
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__, renderers
from .errors import Problem, WgdraftError, os_problem

if TYPE_CHECKING:
    from .importing.to_draft import FramingReport, ItemReport
    from .library import Library
    from .models import Draft

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


def _global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument(
        "--library",
        metavar="DIR",
        default=default,
        help="clause library folder, or a workspace holding clauses/ and templates/ "
        "(default: $WGDRAFT_LIBRARY, else the bundled library)",
    )
    parser.add_argument(
        "--templates",
        metavar="DIR",
        default=default,
        help="templates folder (default: $WGDRAFT_TEMPLATES, the workspace's, else bundled)",
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wgdraft",
        description="Draft conclusions of the Working Group on Children and Armed Conflict "
        "from a library of agreed language. With no command, opens the terminal UI.",
    )
    parser.add_argument("--version", action="version", version=f"wgdraft {__version__}")
    _global_options(parser, None)
    # The same options after a subcommand: SUPPRESS keeps a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    _global_options(common, argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    render = sub.add_parser(
        "render",
        parents=[common],
        help="render a draft: the conclusions, its letters and statements, a manifest",
    )
    render.add_argument("draft", type=Path, help="draft file (YAML)")
    render.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DIR",
        help="output folder (default: ./wgdraft-out/<draft name>/)",
    )
    render.add_argument("--format", choices=renderers.names(), default=renderers.DEFAULT)
    render.add_argument(
        "--stage",
        choices=("clean", "negotiation"),
        default="clean",
        help="clean: brackets resolved to the chosen option, no marks or comments (default); "
        "negotiation: every option in brackets, item states marked, proposers and comments "
        "as Word comments (written to ./wgdraft-out/<draft name>-negotiation/)",
    )
    render.add_argument(
        "--force",
        action="store_true",
        help="render the clean text even with unresolved brackets (shown bracketed)",
    )
    render.add_argument(
        "--against",
        metavar="SPEC",
        help="also write a redline against an earlier version, at the same stage: a round "
        "of the draft ('2', 'Rev.1'), a draft file, or an adopted text (.pdf, .docx, .txt); "
        "docx: Word tracked changes in *-redline.docx files beside the clean ones; "
        "text: printed (or *-redline.txt files with -o)",
    )
    render.add_argument(
        "--author",
        metavar="NAME",
        help="the author of the redline's tracked changes (default: your name on this system)",
    )

    compare = sub.add_parser(
        "compare",
        parents=[common],
        help="print the redline between two versions of a draft: rounds, drafts, adopted texts",
        description="Print a word-level redline of the conclusions, letters and statements: "
        "deleted words as [-...-], inserted ones as {+...+}.",
    )
    compare.add_argument("draft", type=Path, help="the draft (YAML) whose rounds are named")
    compare.add_argument(
        "old", metavar="OLD", help="a round of the draft, a draft file or an adopted text"
    )
    compare.add_argument(
        "new",
        metavar="NEW",
        nargs="?",
        help="the same kinds as OLD (default: the draft as it is now)",
    )
    compare.add_argument(
        "--stage",
        choices=("clean", "negotiation"),
        default="clean",
        help="the stage both texts are compared at (default: clean)",
    )
    compare.add_argument(
        "--context",
        type=int,
        metavar="N",
        help="only the changed paragraphs and N paragraphs around each (default: all)",
    )
    compare.add_argument(
        "--force",
        action="store_true",
        help="compare the draft's clean text even with unresolved brackets (shown "
        "bracketed); an earlier version (a round, a file) always shows its own bracketed",
    )

    check = sub.add_parser(
        "check", parents=[common], help="validate the library and drafts, reporting every error"
    )
    check.add_argument(
        "paths", nargs="*", type=Path, metavar="PATH", help="draft files, or folders of drafts"
    )
    check.add_argument(
        "--deviations",
        action="store_true",
        help="list the items of the drafts that depart from agreed language, word by word",
    )

    clauses = sub.add_parser("clauses", parents=[common], help="list the clauses of the library")
    clauses.add_argument("--family", help="only this family")
    clauses.add_argument(
        "--search", metavar="WORDS", default="", help="words every clause must contain"
    )
    clauses.add_argument("--precedents", action="store_true", help="show each clause's precedents")
    clauses.add_argument(
        "--since",
        metavar="YEAR",
        type=int,
        help="only clauses with a precedent agreed YEAR or later",
    )

    clause = sub.add_parser(
        "clause", parents=[common], help="create, show, edit, find, rename or retire a clause"
    )
    csub = clause.add_subparsers(dest="clause_command", metavar="ACTION", required=True)
    drafts_help = "where drafts are looked for (default: the workspace around the library)"
    action_options = argparse.ArgumentParser(add_help=False, parents=[common])
    action_options.add_argument(
        "--drafts", type=Path, metavar="DIR", default=argparse.SUPPRESS, help=drafts_help
    )
    new = csub.add_parser("new", parents=[action_options], help="create a clause")
    new.add_argument("id")
    new.add_argument("--family", required=True)
    new.add_argument("--title", required=True)
    new.add_argument("--body", help="the text (a Jinja2 template); or use --from-draft")
    new.add_argument("--recipient", action="append", default=[], help="channel id (repeatable)")
    new.add_argument("--precedent", help="where the language was agreed before")
    new.add_argument(
        "--from-draft",
        type=Path,
        metavar="DRAFT",
        help="propose the clause from a free-text item of this draft",
    )
    new.add_argument(
        "--item", metavar="PATH", help="the item, e.g. 'opening[1]' or 'blocks[0].items[2]'"
    )
    for name, text in (
        ("show", "print a clause and where it is used"),
        ("edit", "edit a clause in $EDITOR; validated before it is saved"),
        ("where", "list the drafts that use a clause"),
        ("rm", "retire a clause (refused while a draft uses it)"),
    ):
        action = csub.add_parser(name, parents=[action_options], help=text)
        action.add_argument("id")
    rename = csub.add_parser(
        "rename", parents=[action_options], help="rename a clause and update the drafts that use it"
    )
    rename.add_argument("id")
    rename.add_argument("new_id")
    clause.add_argument(
        "--drafts",
        type=Path,
        metavar="DIR",
        help=drafts_help,
    )

    imp = sub.add_parser(
        "import",
        parents=[common],
        help="make a draft from an adopted text: conclusions or a press release (TXT, DOCX, PDF)",
        description="Read adopted conclusions or a Chair's press release and write a draft: "
        "each item that the library reproduces exactly becomes a clause with its values, "
        "every other item stays free text with its nearest clause noted.",
    )
    imp.add_argument("file", type=Path, help="the adopted text: .txt, .docx or .pdf")
    _draft_output(imp, "<file name>.yaml")

    match = sub.add_parser(
        "match",
        parents=[common],
        help="how much of adopted texts the library covers: each item's best clause",
        description="For every item of each text: its label, best clause (and variant), "
        "similarity, and whether the clause reproduces it exactly; a summary line per file "
        "and a total (items, exact, free text >= 0.85, below).",
    )
    match.add_argument("files", nargs="+", type=Path, metavar="FILE", help="adopted texts")

    followup = sub.add_parser(
        "followup",
        parents=[common],
        help="make the follow-up of earlier conclusions, marking what is to review",
        description="Make a new draft from an earlier one (a draft, or an adopted TXT, DOCX "
        "or PDF text, imported first): the previous conclusions become the earlier "
        "document's symbol, the report's ordinal the next one; the report, meeting, dates, "
        "resolutions and every item that states facts are marked to review until "
        "confirmed or changed (`wgdraft check` lists them, the editor walks through them).",
    )
    followup.add_argument("earlier", type=Path, help="the earlier draft or adopted text")
    _draft_output(followup, "<earlier name>-followup.yaml")

    rounds = sub.add_parser(
        "round",
        parents=[common],
        help="save or list the named rounds of a draft (Zero draft, Rev.1, Adopted)",
        description="Each round is a full copy of the draft, kept in <draft name>.rounds/ "
        "beside it as one YAML file per round (a draft itself: it renders), so git shows "
        "each round as one new file and any two rounds compare with `render --against`.",
    )
    rsub = rounds.add_subparsers(dest="round_command", metavar="ACTION", required=True)
    rsave = rsub.add_parser("save", parents=[common], help="save the draft as the next round")
    rsave.add_argument("draft", type=Path, help="draft file (YAML)")
    rsave.add_argument("name", help="the round's name: 'Zero draft', 'Rev.1', 'Adopted'")
    rlist = rsub.add_parser("list", parents=[common], help="list a draft's rounds")
    rlist.add_argument("draft", type=Path, help="draft file (YAML)")

    init = sub.add_parser(
        "init", parents=[common], help="create a workspace: a copy of the library and templates"
    )
    init.add_argument("dir", type=Path)

    edit = sub.add_parser("edit", parents=[common], help="open a draft in the terminal UI")
    edit.add_argument(
        "draft", type=Path, nargs="?", help="draft file (YAML); none: the start screen"
    )

    schema = sub.add_parser(
        "schema", parents=[common], help="print JSON Schema for clause and draft files"
    )
    schema.add_argument(
        "kind",
        nargs="?",
        choices=("clause", "draft", "channel", "locale"),
        help="one schema only (default: all, keyed by kind)",
    )
    return parser


def _library(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from . import paths
    from .journal import finish_interrupted
    from .library import load_library

    clauses = paths.clauses_dir(args.library)
    for note in finish_interrupted(clauses):  # a rename killed half way
        print(note, file=sys.stderr)
    return load_library(clauses, paths.templates_dir(args.templates, args.library))


def _cmd_render(args: argparse.Namespace) -> int:
    from .assemble import assemble_bundle
    from .drafts import in_draft, read_draft
    from .models import Draft
    from .output import bundle_stage, default_output_dir, write_bundle
    from .validation import validate

    library = _library(args)
    # the draft read once: the bundle, the bracket hints and the review note all use it
    text, data = read_draft(args.draft)
    draft = validate(Draft, data, args.draft, text)
    try:
        bundle = assemble_bundle(draft, library, args.draft, stage=args.stage, force=args.force)
    except WgdraftError as exc:
        raise WgdraftError(exc.problems + _unresolved_hint(args, draft)) from None
    if args.stage == "clean" and args.force:
        _forced_warning(args.draft, draft)
    renderer = renderers.get(args.format)
    if args.author is not None and args.against is None:
        print(
            "wgdraft: --author is the author of a redline's changes: give --against",
            file=sys.stderr,
        )
        return EXIT_USAGE
    old = None
    if args.against is not None:
        from .redline import FORMATS, against, redline_text

        if args.format not in FORMATS:
            print(f"wgdraft: --against writes {' or '.join(FORMATS)}", file=sys.stderr)
            return EXIT_USAGE
        old = against(args.draft, args.against, library, stage=args.stage)
        if args.output is None and renderer.prints:
            sys.stdout.write(redline_text(old, bundle))
            _review_note(args.draft, data)
            return EXIT_OK
    elif renderer.prints and args.output is None:
        sys.stdout.write(renderer.conclusions(bundle.conclusions, library).decode("utf-8"))
        _review_note(args.draft, data)
        return EXIT_OK
    out_dir = args.output or default_output_dir(args.draft, args.stage)
    before = bundle_stage(out_dir)
    source, stage = str(args.draft), args.stage
    try:
        if old is None:
            written = write_bundle(
                bundle, library, out_dir, args.format, source=source, stage=stage
            )
        else:
            from .redline import default_author, write_redline

            author = args.author or default_author()
            written = write_redline(
                old,
                bundle,
                library,
                out_dir,
                author=author,
                source=source,
                fmt=args.format,
                stage=stage,
            )
    except WgdraftError as exc:
        raise WgdraftError(in_draft(exc.problems, args.draft)) from None
    if before is not None and before != args.stage:
        print(f"note: {out_dir} held the {before} text; it now holds the {args.stage} text")
    for path in written:
        print(f"wrote {path}")
    _review_note(args.draft, data)
    return EXIT_OK


def _cmd_compare(args: argparse.Namespace) -> int:
    from .drafts import build_bundle
    from .redline import against, redline_text

    library = _library(args)
    stage, force = args.stage, args.force
    old = against(args.draft, args.old, library, stage=stage)
    new = (
        build_bundle(args.draft, library, stage=stage, force=force)
        if args.new is None
        else against(args.draft, args.new, library, stage=stage)
    )
    sys.stdout.write(redline_text(old, new, context=args.context))
    return EXIT_OK


def _review_note(draft: Path, data: Any) -> None:
    """Rendering a draft with points still to review is allowed, and says so
    (``data``: the draft's data as read)."""
    from .review import pending

    count = len(pending(data))
    if count:
        print(
            f"note: {draft}: {count} point(s) still to review, carried from an earlier text; "
            f"`wgdraft check {shlex.quote(str(draft))}` lists them",
            file=sys.stderr,
        )


def _unresolved_hint(args: argparse.Namespace, draft: Draft) -> list[Problem]:
    """After the problems of a clean render refused for unresolved brackets: what to do."""
    from .negotiation import unresolved

    if args.stage != "clean" or args.force:
        return []
    count = len(unresolved(draft))
    if not count:
        return []
    return [
        Problem(
            args.draft,
            f"{count} unresolved bracket(s): choose an option for each, or render the "
            "negotiation text with --stage negotiation, or the clean text with the "
            "brackets shown with --force",
        )
    ]


def _forced_warning(file: Path, draft: Draft) -> None:
    """Say which brackets a forced clean text still shows bracketed."""
    from .negotiation import unresolved

    for path, bracket in unresolved(draft):
        print(
            f"warning: {file}: {path}: the bracket on {bracket.span!r} is unresolved; "
            "shown with its options (--force)",
            file=sys.stderr,
        )


def _draft_output(parser: argparse.ArgumentParser, default: str) -> None:
    """-o DRAFT and --force of a command that writes a new draft (import, followup)."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar="DRAFT",
        help=f"the draft to write (default: {default} in the current folder); "
        "an existing file is never replaced without --force",
    )
    parser.add_argument("--force", action="store_true", help="replace DRAFT if it exists")


def _draft_files(paths: Sequence[Path]) -> tuple[list[Path], list[Problem]]:
    files: list[Path] = []
    problems: list[Problem] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml"))
        elif path.exists() or path.is_symlink():  # the loader says what else it is
            files.append(path)
        else:
            problems.append(Problem(path, "no such file or folder"))
    return files, problems


def _cmd_check(args: argparse.Namespace) -> int:
    from .checkreport import draft_lines
    from .drafts import trial_draft, trial_render

    if args.deviations:
        return _check_deviations(args)

    files, problems = _draft_files(args.paths)
    try:
        library = _library(args)
    except WgdraftError as exc:
        library = None
        problems += exc.problems
    report: list[str] = []
    if library is not None:
        problems += trial_render(library)
        for file in files:
            trial = trial_draft(file, library)
            problems += trial.problems
            if trial.draft is not None and trial.clean is not None:
                report += draft_lines(file, trial.draft, trial.data, trial.clean)
        problems = list(dict.fromkeys(problems))  # a broken reference.docx is said once
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found", file=sys.stderr)
        return EXIT_PROBLEMS
    count = len(library.clauses) if library else 0
    print(f"ok: {count} clauses, {len(files)} draft(s)")
    for line in report:
        print(line)
    return EXIT_OK


def _check_deviations(args: argparse.Namespace) -> int:
    """One line per deviating item of each draft and a summary; problems only when a
    draft itself has them (deviations are information)."""
    from .deviations import deviations, line, summary
    from .drafts import in_draft, load_draft

    files, problems = _draft_files(args.paths)
    library = _library(args)
    found = []
    for file in files:
        try:
            listed = deviations(load_draft(file), library, file)
        except WgdraftError as exc:
            problems += in_draft(exc.problems, file)
            continue
        if len(files) > 1:
            print(f"{file}:")
        for deviation in listed:
            print(line(deviation))
        found += listed
    for problem in problems:
        print(problem, file=sys.stderr)
    print(summary(found, len(files)))
    return EXIT_PROBLEMS if problems else EXIT_OK


def _cmd_clauses(args: argparse.Namespace) -> int:
    library = _library(args)
    from .precedents import precedent_year
    from .search import ClauseIndex

    hits, _total = ClauseIndex(library).search(args.search, family=args.family, since=args.since)
    found = [hit.clause for hit in hits]
    for clause in found:
        print(f"{clause.id:<55} {clause.family:<24} {clause.title}")
        if args.precedents:
            for precedent in clause.precedents:
                year = precedent_year(precedent)
                print(f"    - {precedent}" + (f" [{year}]" if args.since else ""))
    print(f"{len(found)} clause(s)", file=sys.stderr)
    return EXIT_OK


def _cmd_schema(args: argparse.Namespace) -> int:
    from .models import Channel, Clause, Draft, Locale

    models = {"clause": Clause, "draft": Draft, "channel": Channel, "locale": Locale}
    if args.kind:
        schema = models[args.kind].model_json_schema()
    else:
        schema = {kind: model.model_json_schema() for kind, model in models.items()}
    print(json.dumps(schema, indent=2, ensure_ascii=False))
    return EXIT_OK


#: the terminal UI, given by its entry point (``tui.entry``): the core never imports it
Editor = Callable[["Library", Path | None], int]


def _cmd_tui(args: argparse.Namespace, editor: Editor | None) -> int:
    from .session import openable

    draft = getattr(args, "draft", None)
    library = _library(args)
    if draft is not None:
        openable(draft, library)  # a file that is not a draft: one message, no TUI
    if editor is None:
        print(
            "wgdraft: the terminal UI is started by the `wgdraft` command: "
            "run `wgdraft edit DRAFT` (or `wgdraft` for the start screen)",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return editor(library, draft)


def _cmd_init(args: argparse.Namespace) -> int:
    from .workspace import init

    for path in init(args.dir):
        print(f"created {path}")
    print(f"Next: cd {args.dir} && git init, then wgdraft --library . ...")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from .importing.to_draft import default_output, import_file, write_draft

    library = _library(args)
    imported = import_file(args.file, library)
    out = args.output or default_output(args.file)
    write_draft(imported, out, overwrite=args.force)
    print(f"wrote {out}")
    print(f"{args.file}: {imported.coverage}")
    for report in imported.in_order():
        if not report.exact:
            print(f"  free text {_match_line(report)}")
    for field in imported.missing:
        print(f"  to fill in: {field} (not in the text)")
    for note in imported.notes:
        print(f"  note: {note}")
    return EXIT_OK


#: how a framing line says what it is, after its channel
_FRAMING_KIND = {"lead": "lead-in", "addressees": "addressees", "formula": "formula"}


def _match_line(report: ItemReport | FramingReport) -> str:
    """An item's label, best clause [variant] (framing: its channel), similarity and
    whether it is exact."""
    from .importing.to_draft import FramingReport

    if isinstance(report, FramingReport):
        if report.channel is None:
            return f"{report.label:<24} (no channel)"
        shown = f"channel {report.channel} ({_FRAMING_KIND[report.kind]})"
        if not report.carried:
            shown += ", not in the draft"
    elif report.composition is not None:
        composed = report.composition
        shown = f"sentences: {composed.matched} of {len(composed.parts)} sentence clauses"
    elif report.match is None:
        return f"{report.label:<24} (no clause)"
    else:
        variant = report.match.variant
        shown = report.match.clause + (f" [{variant}]" if variant else "")
    verdict = "exact" if report.exact else "-"
    return f"{report.label:<24} {shown:<60} {report.similarity:.2f}  {verdict}"


def _cmd_match(args: argparse.Namespace) -> int:
    from .importing.to_draft import Coverage, import_file

    library = _library(args)
    total = Coverage()
    failed = 0
    for file in args.files:
        try:
            imported = import_file(file, library)
        except WgdraftError as exc:
            for problem in exc.problems:
                print(problem, file=sys.stderr)
            failed += 1
            continue
        print(file)
        for report in imported.in_order():
            print(f"  {_match_line(report)}")
        print(f"{file}: {imported.coverage}")
        total += imported.coverage
    read = len(args.files) - failed
    print(f"total ({read} file(s)): {total}")
    return EXIT_PROBLEMS if failed else EXIT_OK


def _cmd_followup(args: argparse.Namespace) -> int:
    from .session import DraftSession

    library = _library(args)
    out = args.output or Path(args.earlier.stem + "-followup.yaml")
    if not args.force and (out.exists() or out.is_symlink()):
        from .importing.to_draft import already_exists

        raise already_exists(out)
    session = DraftSession.from_earlier(args.earlier, out, library, {})
    session.draft()  # never write a follow-up that does not validate
    session.save()
    print(f"wrote {out} (a follow-up of {args.earlier})")
    quoted = shlex.quote(str(out))
    followup = session.followup
    for line in followup.lines() if followup else []:
        print(f"  {line}")
    points = session.pending()
    fields = sum(1 for p in points if p.field is not None)
    print(
        f"{len(points)} point(s) to review ({fields} field(s), {len(points) - fields} item(s)): "
        f"`wgdraft check {quoted}` lists them, `wgdraft edit {quoted}` walks through them (n)"
    )
    return EXIT_OK


def _cmd_round(args: argparse.Namespace) -> int:
    from .drafts import load_draft, read_draft
    from .rounds import list_rounds, save_round

    if args.round_command == "save":
        load_draft(args.draft)  # a round is a valid draft: say what is wrong first
        saved = save_round(args.draft, args.name, read_draft(args.draft)[0])
        print(f"saved round {saved.number} ({saved.name}) as {saved.file}")
        return EXIT_OK
    listed = list_rounds(args.draft)
    if not listed:
        quoted = shlex.quote(str(args.draft))
        print(f"{args.draft}: no rounds yet (`wgdraft round save {quoted} NAME`)")
    for found in listed:
        when = found.saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        print(f"{found.number:>3}  {found.name:<30} {when}  {found.file.name}")
    return EXIT_OK


def _cmd_clause(args: argparse.Namespace) -> int:
    from . import clause_cli

    return clause_cli.run(args, _library(args))


COMMANDS = {
    "render": _cmd_render,
    "compare": _cmd_compare,
    "check": _cmd_check,
    "clauses": _cmd_clauses,
    "schema": _cmd_schema,
    "clause": _cmd_clause,
    "init": _cmd_init,
    "import": _cmd_import,
    "match": _cmd_match,
    "followup": _cmd_followup,
    "round": _cmd_round,
}


def main(argv: Sequence[str] | None = None, editor: Editor | None = None) -> int:
    """Run the command line; ``edit`` and no command open ``editor`` (the terminal UI
    when started as the ``wgdraft`` console script)."""
    args = _parser().parse_args(argv)
    try:
        if args.command in ("edit", None):
            return _cmd_tui(args, editor)
        return COMMANDS[args.command](args)
    except WgdraftError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return EXIT_PROBLEMS
    except OSError as exc:  # a disk or path problem no command turned into a Problem
        print(os_problem(exc, None, "cannot go on; check the path and try again"), file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
