"""The draft editor: the outline of sections, blocks and items with their UN labels
(``Outline``), a live preview of the conclusions or of the selected block's letter or
statement (``Preview``) and the status line (``StatusLine``).

The screen composes these widgets and handles their messages (``Outline.CursorMoved``,
``Outline.ItemChosen``), its own ``DraftChanged`` and the App's ``LibraryReloaded``.
Each action that asks several questions (clause, then values; channel, then clause,
then values; ...) is a worker awaiting one typed dialog after another
(``push_screen_wait``): escape at any step ends it with nothing changed."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Header

from tui.browser import ClauseBrowser
from tui.commands import EDITOR_ACTIONS, EXPORT, EditorCommands
from tui.dialogs import (
    ConfirmDialog,
    Dialog,
    FormPreview,
    HelpScreen,
    LineDialog,
    ParamAnswer,
    ParamForm,
    PickDialog,
    TextDialog,
)
from tui.messages import DraftChanged, LibraryReloaded
from tui.review import ReviewWalk, mark_reviewed, show_next
from tui.sentences import SentencesDialog
from tui.widgets import DeviationPane, ExportBar, NodeData, Outline, Preview, StatusLine
from tui.widgets.outline import item_of
from wgdraft import draftfile
from wgdraft.assemble import preview_with_placeholders
from wgdraft.deviations import Deviation, deviations
from wgdraft.errors import WgdraftError
from wgdraft.formrecovery import FormRecord, discard_form, draft_key, pending_forms
from wgdraft.forms import fields
from wgdraft.itempath import ItemPath
from wgdraft.library import Library
from wgdraft.matching import Matcher
from wgdraft.models import Draft, Sentence
from wgdraft.precedents import forms_by_recency
from wgdraft.sentences import composition, sentence_data
from wgdraft.session import DraftSession, Ref
from wgdraft.tree import Bundle

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from tui.app import WgdraftApp

ResultT = TypeVar("ResultT")

__all__ = ["EditorScreen", "NodeData"]


class EditorScreen(Screen[None]):
    """Edit one draft."""

    BINDINGS: ClassVar = [
        Binding("a", "add_clause", "Add clause"),
        Binding("t", "add_text", "Add text"),
        Binding("b", "add_block", "Add block"),
        Binding("e", "edit", "Edit"),
        Binding("delete,x", "remove", "Remove"),
        Binding("ctrl+up,shift+up", "move(-1)", "Move up"),
        Binding("ctrl+down,shift+down", "move(1)", "Move down"),
        Binding("m", "move_to_block", "To block"),
        Binding("v", "block_values", "Block values", show=False),
        Binding("ctrl+z,u", "undo", "Undo"),
        Binding("ctrl+y,r", "redo", "Redo"),
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("ctrl+e", "export", "Export…"),  # asks which text: clean, negotiation, redline
        Binding("l", "toggle_preview", "Letter/statement"),
        Binding("c", "to_library", "Text → clause", show=False),
        Binding("p", "add_sentences", "Add paragraph of sentences", show=False),
        Binding("slash", "split_sentences", "Split into sentences", show=False),
        Binding("d", "toggle_deviations", "Deviations", show=False),
        Binding("escape", "close_deviations", show=False),
        Binding("s", "details", "Details", show=False),
        Binding("w", "counts", "Word counts", show=False),
        Binding("n", "next_review", "Next to review", show=False),
        Binding("y", "mark_reviewed", "Mark reviewed", show=False),
        Binding("g", "item_state", "Item state", show=False),
        Binding("left_square_bracket", "alternatives", "Alternatives", show=False),
        Binding("k", "comments", "Comments", show=False),
        Binding("o", "open_only", "Open items only", show=False),
        Binding("R", "rounds", "Rounds", show=False),
        Binding("question_mark,f1", "help", "Help"),
    ]
    COMMANDS: ClassVar = {EditorCommands}

    def __init__(self, session: DraftSession) -> None:
        super().__init__()
        self.session = session
        self.bundle: Bundle | None = None
        self.error: str = ""
        #: the items that depart from agreed language, by path (none while the draft
        #: has problems)
        self.deviations: dict[ItemPath, Deviation] = {}
        self._matcher: tuple[Library, str, Matcher] | None = None
        self.show_correspondence = False
        self.recovered_version = session.version
        self.review_walk = ReviewWalk()

    @property
    def wg_app(self) -> WgdraftApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="editor"):
            with Vertical(id="outline-pane"):
                yield Outline()
                yield DeviationPane()
            yield Preview()
        yield ExportBar()
        yield StatusLine()
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_view()
        self.outline.focus()
        self.set_interval(self.wg_app.autosave_seconds, self.autosave)
        self.wg_app.service.guard(self)
        self.call_after_refresh(self.offer_pending_forms)

    def on_unmount(self) -> None:
        self.wg_app.service.unguard(self)

    # --- view ---------------------------------------------------------------------

    @property
    def outline(self) -> Outline:
        return self.query_one(Outline)

    @property
    def current(self) -> NodeData | None:
        return self.outline.current

    def refresh_view(self, select: Ref | None = None) -> None:
        """Re-assemble the draft, rebuild the outline, update preview and status."""
        if select is None and self.current is not None:
            select = self.current.ref
        try:
            self.bundle = self.session.bundle()
            self.error = ""
        except WgdraftError as exc:
            self.bundle = None
            self.error = f"{len(exc.problems)} problem(s): {exc.problems[0]}"
        self.deviations = self._deviations()
        self.outline.show_draft(
            self.session.view, self.session.library, self.bundle, select, self.deviations
        )
        self.refresh_preview()
        self._status()

    def _deviations(self) -> dict[ItemPath, Deviation]:
        """The deviations of the draft as assembled (none while it has problems)."""
        if self.bundle is None:
            return {}
        try:
            draft = self.session.draft()
            found = deviations(
                draft, self.session.library, bundle=self.bundle, matcher=self._matcher_for(draft)
            )
        except WgdraftError:
            return {}
        return {d.path: d for d in found}

    def _matcher_for(self, draft: Draft) -> Matcher:
        """A matcher of the library and the draft's situation, kept while they stay the
        same: it learns the clauses as it compares them, so the next edit is quicker."""
        library = self.session.library
        situation = draft.model_dump_json(include={"situation", "document", "values"})
        kept = self._matcher
        if kept is None or kept[0] is not library or kept[1] != situation:
            self._matcher = (library, situation, Matcher(library, draft))
        return self._matcher[2]

    def refresh_preview(self) -> None:
        preview = self.query_one(Preview)
        current = self.current
        self._show_deviation(current)
        if self.bundle is None:
            preview.show_problems(self.error)
        elif self.show_correspondence:
            preview.show_correspondence(self.bundle, self._block_path(current))
        else:
            preview.show_conclusions(self.bundle, current.label if current else None)

    def _show_deviation(self, current: NodeData | None) -> None:
        pane = self.query_one(DeviationPane)
        if not pane.display:
            return
        if current is None or current.kind != "item" or current.ref is None:
            pane.show(None, None)
            return
        path = ItemPath.of(current.ref)
        found = [d for p, d in self.deviations.items() if item_of(p) == path]
        pane.show(found, current.label)

    def _block_path(self, current: NodeData | None) -> ItemPath | None:
        """The path of the block the cursor is in, if any."""
        if current is None or current.ref is None or current.ref[0] != "blocks":
            return None
        return ItemPath.of(current.ref[:2])

    def _status(self) -> None:
        from tui.negotiation import status_counts

        session = self.session
        counts = status_counts(self._draft_or_none(), self.outline.open_only)
        to_review = len(session.pending())
        self.query_one(StatusLine).show(session.path, session.dirty, self.error, counts, to_review)
        self.sub_title = str(session.path.name) + ("*" if session.dirty else "")

    # --- messages -----------------------------------------------------------------

    def on_outline_cursor_moved(self) -> None:
        if self.bundle is not None:
            self.refresh_preview()

    def on_outline_item_chosen(self, message: Outline.ItemChosen) -> None:
        message.stop()
        self.action_edit()

    def on_draft_changed(self, message: DraftChanged) -> None:
        message.stop()
        self.refresh_view(message.select)

    def on_library_reloaded(self, message: LibraryReloaded) -> None:
        if self._use_library(message.library):
            self.refresh_view()

    def _use_library(self, library: Library) -> bool:
        """Assemble with ``library`` from now on; False when it was in use already."""
        if self.session.library is library:
            return False
        self.session.library = library
        self.session.version += 1  # assemble again with the new library
        return True

    def changed(self, select: Ref | None) -> None:
        """The draft changed: show it, with the cursor on ``select``."""
        self.post_message(DraftChanged(select))

    # --- helpers ------------------------------------------------------------------

    def _work_at_insertion_point(
        self, start: Callable[[Ref, int | None], Coroutine[Any, Any, None]]
    ) -> None:
        """Run ``start(list ref, index)`` as a worker where a new item goes, if anywhere."""
        point = self._insertion_point()
        if point is not None:
            self.run_worker(start(point[0], point[1]))

    def _insertion_point(self) -> tuple[Ref, int | None, str | None] | None:
        """Where a new item goes: (list ref, index, recipient channel) for the cursor;
        None, saying so, where the cursor is on nothing an item can follow."""
        current = self.current
        if current is None or current.ref is None:
            self.notify("Move the cursor to a block or an item first.", severity="warning")
            return None
        ref = current.ref
        if current.kind == "opening":
            return ("opening",), None, None
        if ref[0] == "opening":
            return ("opening",), int(ref[1]) + 1, None
        block = self.session.get(ref[:2])
        channel = block.get("channel")
        if current.kind == "block":
            return (*ref, "items"), None, channel
        return ref[:-1], int(ref[-1]) + 1, channel

    async def _ask(
        self,
        form: Dialog[ResultT],
        action: str,
        where: dict[str, Any],
        pending: dict[str, Any] | None = None,
    ) -> ResultT | None:
        """Open a form whose typing is kept (for a crash) under this draft, ``action``
        and ``where``, and wait for its answer (None: cancelled); ``pending`` is typing
        to put back into it. Only from a worker."""
        form.recovery_key = draft_key(self.session.path, action, **where)
        form.recovery_title = str(getattr(form, "title_text", action)).split("\n")[0]
        form.pending_state = pending
        return await self.app.push_screen_wait(form)

    async def ask_form(
        self,
        form: Dialog[ResultT],
        action: str,
        where: dict[str, Any],
        pending: dict[str, Any] | None = None,
    ) -> ResultT | None:
        """``_ask`` for the forms of other modules (tui/negotiation.py, tui/rounds.py):
        their typing is kept for a crash too, and reopened by ``reopen_form``."""
        return await self._ask(form, action, where, pending)

    async def _clause_values(
        self,
        clause_id: str,
        block_ref: Ref | None,
        given: dict[str, Any],
        key: tuple[str, dict[str, Any]],
        pending: dict[str, Any] | None = None,
        variant: str | None = None,
    ) -> ParamAnswer | None:
        """A clause's parameters and its form (``variant``, None: the body), asked when
        it has parameters or variants (None when the form was cancelled); ``key`` is
        (action, where) of the form's recovery record."""
        clause = self.session.library.clauses[clause_id]
        if not clause.params and not clause.variants:
            return ParamAnswer({}, None)
        block_values = dict(self.session.get(block_ref).get("values") or {}) if block_ref else {}
        form = ParamForm(
            f"{clause.title}\n[{clause_id}]",
            fields(clause.params, given, self._draft_or_none(), block_values),
            forms_by_recency(clause) if clause.variants else None,
            variant,
            self._clause_preview(clause_id, block_values),
        )
        action, where = key
        return await self._ask(form, action, where, pending)

    def _clause_preview(self, clause_id: str, scope: dict[str, Any]) -> FormPreview:
        """How a values form shows its clause: as this draft would print it, a value
        not given yet as "[name]"."""
        draft = self._draft_or_none()
        library = self.session.library

        def preview(values: dict[str, Any], variant: str | None) -> str:
            if draft is None:
                return "(no preview while the draft has problems)"
            try:
                return preview_with_placeholders(
                    library, clause_id, draft, values, variant, scope=scope
                )
            except WgdraftError as exc:
                return f"(cannot preview: {exc.problems[0].message})"

        return preview

    def _new_item(self, clause_id: str, answer: ParamAnswer) -> dict[str, Any]:
        item: dict[str, Any] = {"clause": clause_id}
        if answer.variant:
            item["variant"] = answer.variant
        if answer.values:
            item["values"] = answer.values
        return item

    def _draft_or_none(self) -> Any:
        try:
            return self.session.draft()
        except WgdraftError:
            return None

    # --- adding -------------------------------------------------------------------

    def action_add_clause(self) -> None:
        point = self._insertion_point()
        if point is None:
            return
        self._add_clause(*point)

    @work
    async def _add_clause(self, list_ref: Ref, index: int | None, channel: str | None) -> None:
        """Choose the clause in the browser, then its values."""
        block = self.session.get(list_ref[:2]) if list_ref[0] == "blocks" else {}
        values = dict(block.get("values") or {})  # the block's values reach its items
        browser = ClauseBrowser(self.wg_app.index, self._draft_or_none(), channel, values)
        clause_id = await self.app.push_screen_wait(browser)
        if clause_id is not None:
            await self._add_clause_values(list_ref, index, clause_id)

    async def _add_clause_values(
        self,
        list_ref: Ref,
        index: int | None,
        clause_id: str,
        pending: dict[str, Any] | None = None,
    ) -> None:
        block_ref = list_ref[:2] if list_ref[0] == "blocks" else None
        where = {"list": list(list_ref), "index": index, "clause": clause_id}
        answer = await self._clause_values(clause_id, block_ref, {}, ("add-clause", where), pending)
        if answer is not None:
            self.changed(self.session.insert(list_ref, index, self._new_item(clause_id, answer)))

    def action_add_text(self) -> None:
        self._work_at_insertion_point(self._add_text)

    async def _add_text(
        self, list_ref: Ref, index: int | None, pending: dict[str, Any] | None = None
    ) -> None:
        form = TextDialog("Free text for this item (no final ; or .)", paragraphs=True)
        where = {"list": list(list_ref), "index": index}
        text = await self._ask(form, "add-text", where, pending)
        if not text:
            return
        parts = text.split("\n\n")
        if len(parts) == 1:
            self.changed(self.session.insert(list_ref, index, {"text": text}))
            return
        self.changed(self.session.insert_many(list_ref, index, [{"text": p} for p in parts]))
        self.notify(f"{len(parts)} paragraphs added as {len(parts)} items (ctrl+z undoes).")

    def action_add_block(self) -> None:
        current = self.current
        after = (
            int(current.ref[1]) + 1
            if current and current.ref and current.ref[0] == "blocks"
            else None
        )
        self._add_block(after)

    @work
    async def _add_block(self, after: int | None) -> None:
        """Choose the channel, then the block's first clause, then its values."""
        channels = self.session.library.templates.channels
        choices = [(cid, f"{c.title}  ({c.kind})") for cid, c in channels.items()]
        channel_id = await self.app.push_screen_wait(PickDialog("Add which block?", choices))
        if channel_id is None:
            return
        browser = ClauseBrowser(self.wg_app.index, self._draft_or_none(), channel_id)
        clause_id = await self.app.push_screen_wait(browser)
        if clause_id is not None:
            await self._add_block_values(after, channel_id, clause_id)

    async def _add_block_values(
        self,
        after: int | None,
        channel_id: str,
        clause_id: str,
        pending: dict[str, Any] | None = None,
    ) -> None:
        where = {"after": after, "channel": channel_id, "clause": clause_id}
        answer = await self._clause_values(clause_id, None, {}, ("add-block", where), pending)
        if answer is None:
            return
        # two undo steps, as the drafter took them: the first undo takes the clause back
        # and leaves the block to choose another for; the second removes the block
        ref = self.session.insert(("blocks",), after, {"channel": channel_id, "items": []})
        self.changed(self.session.insert((*ref, "items"), 0, self._new_item(clause_id, answer)))

    # --- editing ------------------------------------------------------------------

    def action_edit(self) -> None:
        current = self.current
        if current is None or current.ref is None:
            return
        if current.kind == "block":
            self.action_block_values()
        elif current.kind == "item":
            self.run_worker(self._edit_item(current.ref))

    async def _edit_item(self, ref: Ref, pending: dict[str, Any] | None = None) -> None:
        item = self.session.get(ref)
        if "sentences" in item:
            await self._edit_sentences(ref, pending)
            return
        if "text" in item:
            form = TextDialog("Edit the free text", str(item["text"]), paragraphs=True)
            text = await self._ask(form, "edit-text", {"ref": list(ref)}, pending)
            if not text:
                return
            paragraphs = text.split("\n\n")
            self.session.set_paragraphs(ref, paragraphs)
            if len(paragraphs) > 1:
                self.notify(
                    f"{len(paragraphs)} paragraphs: the item holds the first, "
                    f"{len(paragraphs) - 1} item(s) added after it."
                )
            self.changed(ref)
            return
        clause_id = item.get("clause", "")
        if clause_id not in self.session.library.clauses:
            self.notify(f"Unknown clause {clause_id!r}", severity="error")
            return
        clause = self.session.library.clauses[clause_id]
        if not clause.params and not clause.variants:
            self.notify("This clause has no parameters to edit.")
            return
        block_ref = ref[:2] if ref[0] == "blocks" else None
        key = ("edit-values", {"ref": list(ref), "clause": clause_id})
        given = dict(item.get("values") or {})
        answer = await self._clause_values(
            clause_id, block_ref, given, key, pending, item.get("variant")
        )
        if answer is not None:
            self.session.set_clause_values(ref, answer.values, answer.variant)
            self.changed(ref)

    def action_block_values(self) -> None:
        current = self.current
        if current is None or current.ref is None or current.ref[0] != "blocks":
            self.notify("Move the cursor to a block.", severity="warning")
            return
        self.run_worker(self._block_values(current.ref[:2]))

    async def _block_values(self, block_ref: Ref, pending: dict[str, Any] | None = None) -> None:
        block = self.session.get(block_ref)
        channel = self.session.library.templates.channels.get(block.get("channel", ""))
        if channel is None or not channel.params:
            self.notify("This block's introduction has no values to edit.")
            return
        form = ParamForm(
            f"{channel.title}: introductory values",
            fields(channel.params, dict(block.get("values") or {}), self._draft_or_none()),
        )
        answer = await self._ask(form, "block-values", {"ref": list(block_ref)}, pending)
        if answer is not None:
            self.session.set_values(block_ref, answer.values)
            self.changed(block_ref)

    def action_remove(self) -> None:
        current = self.current
        if current is None or current.ref is None or current.kind not in ("item", "block"):
            return
        ref = current.ref
        container = self.session.get(ref[:-1])
        if ref[0] == "blocks" and current.kind == "item" and len(ref) == 4 and len(container) == 1:
            self.notify(
                "A block needs at least one item: remove the block instead.", severity="warning"
            )
            return
        self.session.remove(ref)
        index = int(ref[-1])
        remaining = len(container)
        select = (*ref[:-1], min(index, remaining - 1)) if remaining else ref[:-2] or None
        self.notify(f"Removed {current.label or 'item'} (ctrl+z undoes)")
        self.changed(select)

    def action_move(self, delta: int) -> None:
        current = self.current
        if current is None or current.ref is None or current.kind not in ("item", "block"):
            return
        new_ref = self.session.move(current.ref, delta)
        if new_ref != current.ref:
            self.changed(new_ref)

    def action_move_to_block(self) -> None:
        current = self.current
        if (
            current is None
            or current.kind != "item"
            or current.ref is None
            or current.ref[0] not in ("blocks", "opening")
        ):
            self.notify(
                "Move the cursor to an opening paragraph or an item of a block.",
                severity="warning",
            )
            return
        if not self.session.blocks():
            self.notify("The draft has no block yet: add one with b.", severity="warning")
            return
        self._move_to_block(current.ref)

    @work
    async def _move_to_block(self, ref: Ref) -> None:
        channels = self.session.library.templates.channels
        choices = []
        for b, block in enumerate(self.session.blocks()):
            if ref[0] == "blocks" and b == ref[1]:
                continue
            channel = channels.get(block.get("channel", ""))
            title = channel.title if channel else str(block.get("channel"))
            label = self.outline.label_of(("blocks", b)) or "?"
            choices.append((str(b), f"{label}  {title}"))
        block_id = await self.app.push_screen_wait(
            PickDialog("Move the item to which block?", choices)
        )
        if block_id is None:
            return
        source = self.session.get(ref[:-1])
        if ref[0] == "blocks" and len(ref) == 4 and len(source) == 1:
            self.notify(
                "That would leave the block empty: remove the block instead.",
                severity="warning",
            )
            return
        self.changed(self.session.move_to_block(ref, int(block_id)))

    def action_undo(self) -> None:
        if self.session.undo():
            self.changed(self._still_there())
        else:
            self.notify("Nothing to undo.")

    def action_redo(self) -> None:
        if self.session.redo():
            self.changed(self._still_there())
        else:
            self.notify("Nothing to redo.")

    def _still_there(self) -> Ref | None:
        """After undo or redo: the cursor's item if it is still there, else its block
        (an item undone from a block leaves the cursor on that block, where ``a`` adds
        another)."""
        current = self.current
        ref = current.ref if current is not None else None
        while ref:
            try:
                self.session.get(ref)
                return ref
            except (LookupError, TypeError):
                ref = ref[:-2] if isinstance(ref[-1], int) and len(ref) > 2 else None
        return None

    def action_save(self) -> None:
        try:
            path = self.session.save()
        except (OSError, WgdraftError) as exc:
            self.notify(f"Could not save: {exc}", severity="error", timeout=10)
            return
        self.recovered_version = self.session.version
        self.notify(f"Saved {path}")
        self._status()

    def action_situation(self) -> None:
        self.run_worker(self._situation())

    async def _situation(self, pending: dict[str, Any] | None = None) -> None:
        """Edit the draft's situation in the same form a new draft starts with."""
        from tui.dialogs import SituationForm, situation_values

        try:
            situation = self.session.draft().situation
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Fix the draft first", severity="error")
            return
        initial = situation_values(situation, path=str(self.session.path))
        form = SituationForm("The situation of this draft", initial, editing=True)
        answer = await self._ask(form, "situation", {}, pending)
        if answer is not None:
            self.session.update_situation(answer.situation)
            self.changed(None)

    def action_details(self) -> None:
        self.run_worker(self._details())

    async def _details(self, pending: dict[str, Any] | None = None) -> None:
        """Every detail of the draft (tui/details.py); saved in one undo step."""
        from tui.details import details_form

        current = self.current
        form = details_form(self.session, self.outline.label_of, current and current.ref)
        answer = await self._ask(form, "details", {}, pending)
        if answer is not None and self.session.set_details(answer.changes, answer.confirmed):
            self.changed(None)

    def action_counts(self) -> None:
        """Words and paragraphs per section and in total (tui/counts.py)."""
        from tui.counts import CountsScreen, draft_counts

        try:
            rows = draft_counts(self.session)
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Fix the draft first", severity="error")
            return
        self.app.push_screen(
            CountsScreen(f"Words and paragraphs of {self.session.path.name}", rows)
        )

    # --- what a follow-up leaves to review (tui/review.py) ------------------------------

    def action_next_review(self) -> None:
        self.run_worker(show_next(self))

    def action_mark_reviewed(self) -> None:
        mark_reviewed(self)

    # --- paragraphs composed of sentences ----------------------------------------------

    def _block_scope(self, ref: Ref) -> dict[str, Any]:
        """The values of the block ``ref`` lies in (the opening has none)."""
        if ref[0] != "blocks":
            return {}
        return dict(self.session.get(ref[:2]).get("values") or {})

    def _sentences_dialog(self, title: str, sentences: list[Sentence], ref: Ref) -> SentencesDialog:
        return SentencesDialog(
            title, sentences, self.wg_app.index, self._draft_or_none(), self._block_scope(ref)
        )

    async def _edit_sentences(self, ref: Ref, pending: dict[str, Any] | None = None) -> None:
        """The sentences of a composed paragraph, changed in their dialog; the whole
        change is one undo step."""
        data = draftfile.plain(self.session.get(ref)["sentences"])
        sentences = [Sentence.model_validate(s) for s in data]
        label = self.outline.label_of(ref) or ""
        dialog = self._sentences_dialog(f"Paragraph {label}: its sentences", sentences, ref)
        answer = await self._ask(dialog, "edit-sentences", {"ref": list(ref)}, pending)
        if answer is None:
            return
        written = [sentence_data(s) for s in answer]
        if written != data:
            self.session.set_field(ref, "sentences", written)
            self.changed(ref)

    def action_add_sentences(self) -> None:
        self._work_at_insertion_point(self._add_sentences)

    async def _add_sentences(
        self, list_ref: Ref, index: int | None, pending: dict[str, Any] | None = None
    ) -> None:
        """A new paragraph composed of sentence clauses (and free text)."""
        dialog = self._sentences_dialog("A new paragraph: its sentences", [], list_ref)
        where = {"list": list(list_ref), "index": index}
        answer = await self._ask(dialog, "add-sentences", where, pending)
        if answer:
            item = {"sentences": [sentence_data(s) for s in answer]}
            self.changed(self.session.insert(list_ref, index, item))

    def action_split_sentences(self) -> None:
        """Replace a free-text item by its sentences, each read back as a sentence clause
        with its values where one says it word for word."""
        current = self.current
        item = (
            self.session.get(current.ref)
            if current and current.kind == "item" and current.ref
            else None
        )
        if current is None or current.ref is None or item is None or "text" not in item:
            self.notify("Move the cursor to a free-text item (✎).", severity="warning")
            return
        try:
            draft = self.session.draft()
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Fix the draft first", severity="error")
            return
        composed = composition(str(item["text"]), self._matcher_for(draft))
        sentences = composed.sentences
        if len(sentences) == 1 and sentences[0].clause is None:
            self.notify("One sentence, and no sentence clause says it: left as free text.")
            return
        new = {k: v for k, v in draftfile.plain(item).items() if k not in ("text", "nearest")}
        new["sentences"] = [sentence_data(s) for s in sentences]
        self.session.replace(current.ref, new)
        self.changed(current.ref)
        self.notify(
            f"{len(sentences)} sentence(s), {composed.matched} from the library; enter "
            "edits them, ctrl+z undoes."
        )

    def action_to_library(self) -> None:
        """Turn a free-text item into a library clause: parameters are proposed for the
        draft's values it contains; the item then uses the new clause."""
        current = self.current
        item = (
            self.session.get(current.ref)
            if current and current.kind == "item" and current.ref
            else None
        )
        if current is None or current.ref is None or item is None or "text" not in item:
            self.notify("Move the cursor to a free-text item (✎).", severity="warning")
            return
        self._to_library(current.ref, str(item["text"]))

    @work
    async def _to_library(self, ref: Ref, text: str) -> None:
        """Family, then id, then the clause editor; then the item uses the clause."""
        from tui.clause_editor import ClauseEditor
        from wgdraft import workspace

        try:
            draft = self.session.draft()
        except WgdraftError as exc:
            self.notify(str(exc.problems[0]), title="Fix the draft first", severity="error")
            return
        library = self.session.library
        choices = [(fid, f.title) for fid, f in library.templates.families.items()]
        family = await self.app.push_screen_wait(PickDialog("Family of the new clause", choices))
        if family is None:
            return
        clause_id = await self.app.push_screen_wait(
            LineDialog(f"Id of the new clause ({family}.something)")
        )
        if not clause_id:
            return
        try:
            workspace.check_new_id(clause_id.strip(), library)
        except WgdraftError as exc:
            self.notify(exc.problems[0].message, title="Not accepted", severity="error")
            return
        words = " ".join(text.split()[:8])
        clause = workspace.from_text(text, draft, clause_id.strip(), family, words)
        path = workspace.clause_path(library, clause)
        saved = await self.app.push_screen_wait(ClauseEditor(library, clause, path, is_new=True))
        if saved is None:
            return
        reloaded = self.wg_app.service.reload()
        if reloaded is not None:
            self._use_library(reloaded)
        self.session.replace(ref, {"clause": saved.id})
        self.changed(ref)
        self.notify(f"{saved.id} is in the library; the item now uses it.")

    def action_toggle_preview(self) -> None:
        self.show_correspondence = not self.show_correspondence
        self.refresh_preview()

    def action_toggle_deviations(self) -> None:
        """Show or hide how the selected item departs from agreed language."""
        pane = self.query_one(DeviationPane)
        pane.display = not pane.display
        self._show_deviation(self.current)

    def action_close_deviations(self) -> None:
        self.query_one(DeviationPane).display = False

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen([(a.key, a.description) for a in EDITOR_ACTIONS]))

    # --- negotiation (tui/negotiation.py, tui/rounds.py) ------------------------------

    def action_item_state(self) -> None:
        from tui.negotiation import edit_state

        self.run_worker(edit_state(self))

    def action_alternatives(self) -> None:
        from tui.negotiation import edit_brackets

        self.run_worker(edit_brackets(self))

    def action_comments(self) -> None:
        from tui.negotiation import edit_comments

        self.run_worker(edit_comments(self))

    def action_open_only(self) -> None:
        self.outline.open_only = not self.outline.open_only
        self.refresh_view()
        shown = "open items only (not agreed)" if self.outline.open_only else "every item"
        self.notify(f"The outline shows {shown}.")

    def action_rounds(self) -> None:
        from tui.rounds import rounds

        self.run_worker(rounds(self))

    # --- forms left open by a crash -------------------------------------------------

    @work
    async def offer_pending_forms(self) -> None:
        """Offer back, one after another, the forms on this draft that were open with
        typing when the app stopped without closing them."""
        records = pending_forms(self.session.path)
        if not records:
            return
        record = records[0]
        when = record.saved_at.strftime("%d %B %Y %H:%M")
        answer = await self.app.push_screen_wait(
            ConfirmDialog(
                f"A form was open when the app stopped: “{record.title}”, with what you "
                f"typed until {when}. Reopen it with your typing?",
                [("reopen", "Reopen it"), ("discard", "Discard the typing")],
            )
        )
        if answer == "reopen":
            await self.reopen_form(record)
        elif answer == "discard":
            discard_form(record.key)
            self.call_after_refresh(self.offer_pending_forms)

    async def reopen_form(self, record: FormRecord) -> None:
        """Open the form ``record`` was kept for, filled with its typing."""
        key, state = record.key, record.state
        action = key.get("action")
        ref: Ref = tuple(key.get("ref") or ())
        try:
            if action == "add-text":
                await self._add_text(tuple(key["list"]), key["index"], state)
            elif action == "add-clause":
                await self._add_clause_values(
                    tuple(key["list"]), key["index"], key["clause"], state
                )
            elif action == "add-block":
                await self._add_block_values(key["after"], key["channel"], key["clause"], state)
            elif action in ("edit-text", "edit-values"):
                item = self.session.get(ref)
                if ("text" in item) != (action == "edit-text") or (
                    action == "edit-values" and item.get("clause") != key["clause"]
                ):
                    raise LookupError(ref)
                await self._edit_item(ref, state)
            elif action == "edit-sentences":
                if "sentences" not in self.session.get(ref):
                    raise LookupError(ref)
                await self._edit_sentences(ref, state)
            elif action == "add-sentences":
                await self._add_sentences(tuple(key["list"]), key["index"], state)
            elif action == "block-values":
                await self._block_values(ref, state)
            elif action == "situation":
                await self._situation(state)
            elif action == "details":
                await self._details(state)
            elif action == "brackets":
                from tui.negotiation import edit_brackets

                self.session.get(ref)  # LookupError if the item is gone
                await edit_brackets(self, (ref, key.get("index"), state))
            elif action == "comments":
                from tui.negotiation import edit_comments

                self.session.get(ref)
                await edit_comments(self, (ref, state))
            elif action == "round-name":
                from tui.rounds import save_as_round
                from wgdraft.rounds import list_rounds

                await save_as_round(self, list_rounds(self.session.path), state)
            else:
                raise LookupError(action)
        except (LookupError, TypeError, ValueError):
            self.notify(
                f"The draft no longer has what that form edited; your typing is kept in "
                f"{record.file}.",
                title="Cannot reopen the form",
                severity="warning",
                timeout=15,
            )

    # --- export -------------------------------------------------------------------

    def action_export(self) -> None:
        """Ask which text (negotiation, clean, redline), then export it."""
        from tui.exports import export

        self.run_worker(export(self))

    def start_export(self, bundle: Bundle, out_dir: Path, stage: str) -> None:
        self.query_one(ExportBar).start()
        self.export_bundle(bundle, out_dir, stage)

    @work(thread=True, exclusive=True, group="export")
    def export_bundle(self, bundle: Bundle, out_dir: Path, stage: str) -> None:
        """Write ``bundle`` (the ``stage`` text) into ``out_dir``, with progress."""
        from wgdraft.output import write_bundle

        bar = self.query_one(ExportBar)

        def progress(done: int, total: int, name: str) -> None:
            self.app.call_from_thread(bar.progress, done, total, name)

        try:
            written = write_bundle(
                bundle,
                self.session.library,
                out_dir,
                EXPORT.name,
                source=str(self.session.path),
                stage=stage,
                progress=progress,
            )
        except (WgdraftError, OSError) as exc:
            self.app.call_from_thread(self._export_done, None, str(exc))
            return
        self.app.call_from_thread(self._export_done, out_dir, f"{len(written) - 1} files", stage)

    def _export_done(self, out_dir: Path | None, detail: str, stage: str = "") -> None:
        self.query_one(ExportBar).finish()
        if out_dir is None:
            self.notify(detail, title="Export failed", severity="error", timeout=10)
        else:
            self.notify(
                f"{detail} in {out_dir}",
                title=f"Exported the {stage} text ({EXPORT.label} bundle)",
                timeout=8,
            )
        self.wg_app.last_export = out_dir

    # --- autosave and quitting ------------------------------------------------------

    def autosave(self) -> None:
        """Write unsaved changes to the recovery file (not to the draft itself)."""
        if self.session.dirty and self.session.version != self.recovered_version:
            try:
                self.session.write_recovery()
                self.recovered_version = self.session.version
            except OSError as exc:
                self.notify(f"Autosave failed: {exc}", severity="error")

    @work
    async def confirm_quit(self) -> None:
        """Quit, after asking to save unsaved changes (escape: keep editing)."""
        if not self.session.dirty:
            self.app.exit()
            return
        answer = await self.app.push_screen_wait(
            ConfirmDialog(
                f"Save the changes to {self.session.path.name}?",
                [("save", "Save"), ("discard", "Discard"), ("cancel", "Cancel")],
            )
        )
        if answer == "save":
            self.action_save()
            if not self.session.dirty:
                self.app.exit()
        elif answer == "discard":
            from wgdraft.session import discard_recovery

            discard_recovery(self.session.path)
            self.app.exit()
