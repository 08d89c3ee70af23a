"""A paragraph composed sentence by sentence (a draft item's ``sentences:``): the dialog
that lists its sentences, each a sentence clause with values or free text, and adds,
edits, deletes and moves them; it returns the new list, which the editor puts into the
draft as one undoable change."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.browser import ClauseBrowser
from tui.dialogs import DONE, Dialog, FormPreview, ParamForm, TextDialog
from wgdraft.assemble import preview_with_placeholders
from wgdraft.errors import WgdraftError
from wgdraft.formrecovery import find_form
from wgdraft.forms import fields
from wgdraft.library import Library
from wgdraft.models import Draft, Sentence
from wgdraft.precedents import forms_by_recency
from wgdraft.search import ClauseIndex
from wgdraft.sentences import sentence_data
from wgdraft.templating import normalize_space

#: how a sentence of free text is named in the list
FREE_TEXT = "free text"


class SentencesDialog(Dialog[list[Sentence]]):
    """The sentences of one paragraph, in order, each with its clause's title (or "free
    text") and its text as it will print. Returns the sentences when done (ctrl+s),
    None on escape (which asks first when something changed). Its own undo (u) steps
    back through the changes made in it; in the editor the whole change is one step."""

    BINDINGS: ClassVar = [
        Binding("a", "add_clause", "Add sentence clause"),
        Binding("t", "add_text", "Add free text"),
        Binding("e", "edit", "Edit"),
        Binding("delete,x", "remove", "Delete"),
        Binding("ctrl+up,shift+up", "move(-1)", "Move up"),
        Binding("ctrl+down,shift+down", "move(1)", "Move down"),
        Binding("ctrl+z,u", "undo", "Undo"),
        DONE,
    ]

    def __init__(
        self,
        title: str,
        sentences: list[Sentence],
        index: ClauseIndex,
        draft: Draft | None,
        scope: dict[str, Any] | None = None,
    ) -> None:
        """``scope``: the values of the block the paragraph is in (its sentences see
        them, as its clauses would)."""
        super().__init__()
        self.title_text = title
        self.sentences = list(sentences)
        self.index = index
        self.draft = draft
        self.scope = scope or {}
        self._history: list[list[Sentence]] = []

    @property
    def library(self) -> Library:
        return self.index.library

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog full", id="sentences-dialog"):
            yield Static(self.title_text, classes="question")
            yield Static("", id="sentences-count", classes="hint")
            yield OptionList(id="sentences")
            yield Static("", id="sentences-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Done (ctrl+s)", id="done", variant="primary")
                yield Button("Cancel", id="cancel")
        yield Footer()

    def on_mount(self) -> None:  # Dialog.on_mount runs too (Textual calls each class's)
        self.show_sentences(0)
        if not self.sentences and self.pending_state is None and not self._kept():
            # a new paragraph: straight to its first sentence clause (escape: back here)
            self.call_after_refresh(self.action_add_clause)

    def _kept(self) -> bool:
        """Whether typing kept from a crash will be offered back as the dialog opens."""
        return self.recovery_key is not None and find_form(self.recovery_key) is not None

    def focus_first(self) -> None:
        self.query_one("#sentences", OptionList).focus()

    # --- what the dialog holds --------------------------------------------------------

    def form_state(self) -> dict[str, Any]:
        return {"sentences": [sentence_data(s) for s in self.sentences]}

    def restore_state(self, state: dict[str, Any]) -> None:
        try:
            restored = [Sentence.model_validate(data) for data in state.get("sentences", [])]
        except ValueError:
            self.notify("The kept sentences could not be read back.", severity="warning")
            return
        self._set(restored, 0)

    def rendered(self, sentence: Sentence) -> str:
        """A sentence as it will print: free text as written, a clause with its values
        (a value not given yet as "[name]")."""
        if sentence.text is not None:
            return normalize_space(sentence.text)
        if self.draft is None:
            return "(no preview while the draft has problems)"
        try:
            return preview_with_placeholders(
                self.library,
                sentence.clause or "",
                self.draft,
                sentence.values,
                sentence.variant,
                scope=self.scope,
            )
        except (WgdraftError, KeyError) as exc:
            message = exc.problems[0].message if isinstance(exc, WgdraftError) else str(exc)
            return f"(cannot preview: {message})"

    def heading(self, sentence: Sentence) -> str:
        """What a sentence is: its clause's title (with the variant), or "free text"."""
        if sentence.clause is None:
            return FREE_TEXT
        clause = self.library.clauses.get(sentence.clause)
        title = clause.title if clause else f"unknown clause {sentence.clause}"
        return f"{title} [{sentence.variant}]" if sentence.variant else title

    def show_sentences(self, highlight: int | None) -> None:
        """Rebuild the list, the highlight on sentence ``highlight``."""
        options = self.query_one("#sentences", OptionList)
        options.set_options(
            Option(
                Text.assemble(
                    (f"{n}. {self.heading(s)}", "bold"),
                    "\n",
                    (self.rendered(s), "dim" if s.clause is None else ""),
                )
            )
            for n, s in enumerate(self.sentences, start=1)
        )
        count = len(self.sentences)
        library_count = sum(s.clause is not None for s in self.sentences)
        self.query_one("#sentences-count", Static).update(
            f"{count} sentence(s), {library_count} from the library; printed joined by one "
            "space. a: add a sentence clause, t: free text, enter: edit (keys below)"
        )
        if count and highlight is not None:
            options.highlighted = max(0, min(highlight, count - 1))

    @property
    def selected(self) -> int | None:
        """The index of the highlighted sentence."""
        highlighted = self.query_one("#sentences", OptionList).highlighted
        return highlighted if highlighted is not None and self.sentences else None

    def _set(self, sentences: list[Sentence], highlight: int | None) -> None:
        """Change the sentences (the previous list goes onto the dialog's undo)."""
        self._history.append(self.sentences)
        self.sentences = sentences
        self.query_one("#sentences-error", Static).update("")
        self.show_sentences(highlight)
        self._typed()  # kept for recovery like any typing

    # --- actions ----------------------------------------------------------------------

    def _insertion(self) -> int:
        selected = self.selected
        return len(self.sentences) if selected is None else selected + 1

    def action_add_clause(self) -> None:
        self._add_clause(self._insertion())

    @work
    async def _add_clause(self, at: int) -> None:
        browser = ClauseBrowser(self.index, self.draft, values=self.scope, form="sentence")
        clause_id = await self.app.push_screen_wait(browser)
        if clause_id is None:
            return
        sentence = await self._ask_values(Sentence(clause=clause_id))
        if sentence is not None:
            self._set([*self.sentences[:at], sentence, *self.sentences[at:]], at)

    def action_add_text(self) -> None:
        self._add_text(self._insertion())

    @work
    async def _add_text(self, at: int) -> None:
        text = await self.app.push_screen_wait(
            TextDialog("Free text for this sentence (with its full stop)")
        )
        if text:
            self._set([*self.sentences[:at], Sentence(text=text), *self.sentences[at:]], at)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit()

    def action_edit(self) -> None:
        at = self.selected
        if at is None:
            self.notify("No sentence yet: a adds a sentence clause, t free text.")
            return
        self._edit(at)

    @work
    async def _edit(self, at: int) -> None:
        sentence = self.sentences[at]
        if sentence.text is not None:
            text = await self.app.push_screen_wait(
                TextDialog("Edit the free text of this sentence", sentence.text)
            )
            if text and text != sentence.text:
                self._replace(at, Sentence(text=text, note=sentence.note))
            return
        clause = self.library.clauses.get(sentence.clause or "")
        if clause is None:
            self.notify(
                f"The library has no clause {sentence.clause!r}: delete the sentence (x) and "
                "add another (a).",
                severity="warning",
            )
            return
        if not clause.params and not clause.variants:
            self.notify("This sentence has no values to edit.")
            return
        edited = await self._ask_values(sentence)
        if edited is not None and edited != sentence:
            self._replace(at, edited)

    def _replace(self, at: int, sentence: Sentence) -> None:
        self._set([*self.sentences[:at], sentence, *self.sentences[at + 1 :]], at)

    async def _ask_values(self, sentence: Sentence) -> Sentence | None:
        """A sentence clause's values and form, asked in the values form (the sentence
        as it was when it has none to ask; None when cancelled)."""
        clause = self.library.clauses[sentence.clause or ""]
        if not clause.params and not clause.variants:
            return sentence
        form = ParamForm(
            f"{clause.title}\n[{clause.id}]",
            fields(clause.params, dict(sentence.values), self.draft, self.scope),
            forms_by_recency(clause) if clause.variants else None,
            sentence.variant,
            self._preview(clause.id),
        )
        answer = await self.app.push_screen_wait(form)
        if answer is None:
            return None
        return Sentence(
            clause=clause.id, variant=answer.variant, values=answer.values, note=sentence.note
        )

    def _preview(self, clause_id: str) -> FormPreview:
        """How the values form shows the sentence: as the paragraph will print it."""

        def preview(values: dict[str, Any], variant: str | None) -> str:
            return self.rendered(Sentence(clause=clause_id, values=values, variant=variant))

        return preview

    def action_remove(self) -> None:
        at = self.selected
        if at is None:
            return
        self._set([*self.sentences[:at], *self.sentences[at + 1 :]], at)
        self.notify("Sentence deleted (u undoes).")

    def action_move(self, delta: int) -> None:
        at = self.selected
        if at is None or not 0 <= at + delta < len(self.sentences):
            return
        moved = list(self.sentences)
        moved.insert(at + delta, moved.pop(at))
        self._set(moved, at + delta)

    def action_undo(self) -> None:
        if not self._history:
            self.notify("Nothing to undo in this paragraph.")
            return
        self.sentences = self._history.pop()
        self.show_sentences(self.selected)
        self._typed()

    def action_done(self) -> None:
        if not self.sentences:
            self.query_one("#sentences-error", Static).update(
                "✗ A paragraph needs at least one sentence (a: a sentence clause, t: free "
                "text); to drop the paragraph, cancel and remove the item."
            )
            return
        self.dismiss(list(self.sentences))


__all__ = ["SentencesDialog"]
