"""The editor's export (ctrl+e) for each stage of a negotiation: the negotiation text
(alternatives in brackets, states, comments; what the preview shows), the clean text
(brackets resolved to the agreed alternative: refused while one is open, unless the
drafter exports it anyway with them shown) and a redline against a saved round (Word
tracked changes). Rendering is the core's: ``assemble_bundle(..., stage=, force=)``,
``write_bundle`` and ``wgdraft.redline.write_redline``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from tui.commands import EXPORT
from tui.dialogs import ConfirmDialog, LineDialog, PickDialog, WorkDialog
from wgdraft.errors import WgdraftError
from wgdraft.rounds import Round, list_rounds

if TYPE_CHECKING:
    from tui.screens.editor import EditorScreen
    from wgdraft.negotiation import Stage
    from wgdraft.tree import Bundle

#: what ctrl+e offers: (id, what the drafter reads); the first is the CLI's default
STAGES: tuple[tuple[str, str], ...] = (
    ("clean", "Clean text: each bracket resolved to its agreed alternative"),
    ("negotiation", "Negotiation text: alternatives in brackets, item states, comments"),
    ("redline", "Redline against a saved round: the clean text and Word tracked changes"),
)


def out_dir(editor: EditorScreen, stage: Stage) -> Path:
    """Where the ``stage`` text goes, as ``wgdraft render`` puts it: the app's output
    folder or ./wgdraft-out/<draft name>/ for the clean text, the same with
    "-negotiation" for the negotiation text (neither replaces the other)."""
    from wgdraft.output import default_output_dir

    return default_output_dir(editor.session.path, stage, editor.wg_app.output_dir)


def stage_bundle(editor: EditorScreen, stage: Stage, force: bool = False) -> Bundle:
    """The draft as it stands in the editor, assembled for ``stage``."""
    from wgdraft.assemble import assemble_bundle

    session = editor.session
    return assemble_bundle(session.draft(), session.library, session.path, stage=stage, force=force)


async def clean_bundle(editor: EditorScreen) -> Bundle | None:
    """The clean text; while alternatives are open, the drafter is told which and may
    export it anyway with them in brackets (None: not exported)."""
    try:
        return stage_bundle(editor, "clean")
    except WgdraftError as exc:
        problems = "\n".join(f"• {p.message}" for p in exc.problems[:5])
        more = f"\n… and {len(exc.problems) - 5} more" if len(exc.problems) > 5 else ""
        answer = await editor.app.push_screen_wait(
            ConfirmDialog(
                "The clean text is not exported: alternatives are still open.\n"
                f"{problems}{more}\n"
                "Choose the agreed alternative of each ([ on the item), or export the "
                "clean text anyway with the open alternatives shown in brackets.",
                [("force", "Export anyway (brackets shown)"), ("cancel", "Cancel")],
                default="cancel",
            )
        )
    if answer != "force":
        editor.notify(
            "Nothing exported: the clean text waits for the agreed alternatives.",
            title="Not exported",
        )
        return None
    return stage_bundle(editor, "clean", force=True)


async def export(editor: EditorScreen) -> None:
    """Ask which text, then write it (a bundle in the export bar's thread, or a
    redline)."""
    if editor.bundle is None:
        editor.notify(
            editor.error or "The draft has problems.", title="Cannot export", severity="error"
        )
        return
    stage = await editor.app.push_screen_wait(
        PickDialog(f"Export which text? ({EXPORT.label})", list(STAGES))
    )
    if stage == "redline":
        await export_redline(editor)
    elif stage == "negotiation":
        bundle = stage_bundle(editor, "negotiation")
        editor.start_export(bundle, out_dir(editor, "negotiation"), "negotiation")
    elif stage == "clean":
        clean = await clean_bundle(editor)
        if clean is not None:
            editor.start_export(clean, out_dir(editor, "clean"), "clean")


async def export_redline(editor: EditorScreen) -> None:
    """The clean text with a redline against a round the drafter picks (Word tracked
    changes), into the clean text's folder, as ``wgdraft render --against``."""
    from tui.negotiation import last_author, remember_author
    from tui.rounds import round_line
    from wgdraft.redline import against, default_author, write_redline

    session = editor.session
    rounds = list_rounds(session.path)
    if not rounds:
        editor.notify(
            "No round saved yet: R opens the rounds, where s saves one.",
            title="Nothing to compare with",
            severity="warning",
        )
        return
    choices = [(str(r.number), round_line(r)) for r in reversed(rounds)]
    picked = await editor.app.push_screen_wait(
        PickDialog("Redline of the draft against which round?", choices)
    )
    if picked is None:
        return
    base: Round = next(r for r in rounds if str(r.number) == picked)
    author = await editor.app.push_screen_wait(
        LineDialog(
            "Author of the tracked changes",
            last_author(editor, "redline") or default_author(),
            placeholder="e.g. Chair",
        )
    )
    if author is None:
        return
    remember_author(editor, author, "redline")
    new = await clean_bundle(editor)
    if new is None:
        return
    try:
        # the round as it stood: its own open alternatives, if any, in brackets
        old = against(session.path, str(base.number), session.library)
    except WgdraftError as exc:
        editor.notify(str(exc.problems[0]), title="Cannot compare", severity="error", timeout=10)
        return
    target = out_dir(editor, "clean")
    library = session.library

    def job() -> list[Path] | str:
        try:
            return write_redline(old, new, library, target, author=author, source=str(session.path))
        except (WgdraftError, OSError) as exc:
            return str(exc.problems[0]) if isinstance(exc, WgdraftError) else str(exc)

    written = await editor.app.push_screen_wait(
        WorkDialog(f"Writing the redline against “{base.name}”…", job)
    )
    if isinstance(written, str):
        editor.notify(written, title="Redline not written", severity="error", timeout=10)
    elif written is not None:
        redlines = [p for p in written if p.stem.endswith("-redline")]
        editor.notify(
            f"The clean text and {len(redlines)} redline file(s) in {target}",
            title=f"Redline against round {base.number} “{base.name}”",
            timeout=8,
        )
        editor.wg_app.last_export = target
