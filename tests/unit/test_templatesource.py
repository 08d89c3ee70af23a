"""Template fields are marked in the models, found by walking them, and located in
their file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from wgdraft.errors import WgdraftError
from wgdraft.library import load_library, load_templates, template_problems
from wgdraft.models import (
    STATEMENT_LEAD_FORMS,
    Channel,
    Clause,
    Correspondence,
    Framing,
    Negotiation,
    TemplateText,
)
from wgdraft.templatesource import TemplateSource, template_fields, text_positions

#: Strings of the template files printed as written, or not printed at all, on purpose.
PLAIN = {
    "Framing.unassigned_symbol",  # a placeholder symbol, never a template
    "Framing.sections[].id",
    "Correspondence.unnamed",  # stand-ins shown where the draft gives nothing
    "Correspondence.undated",
    "Correspondence.statement_lead_params{}.description",
    "Correspondence.statement_lead_params{}.choices[]",
    "Channel.id",
    "Channel.title",  # shown in the TUI and as a statement's recipient label
    "Channel.section",
    "Channel.params{}.description",
    "Channel.params{}.choices[]",
    "Clause.id",
    "Clause.title",
    "Clause.family",
    "Clause.recipients[]",
    "Clause.tags[]",
    "Clause.params{}.description",
    "Clause.params{}.choices[]",
    "Clause.precedents[].document",
    "Clause.precedents[].symbol",
    "Clause.precedents[].paragraph",
    "Clause.precedents[].note",
    "Clause.derived_from",
    "Negotiation.empty_option",  # what the bracket template is given, as written
    "Negotiation.states{}",  # what the marked template is given, as written
}


def test_every_string_of_the_template_files_is_a_template_or_plain_on_purpose() -> None:
    """A string field added to a template file's model must be marked TemplateText (or
    a kin), which the load-time check and assembly then cover, or be listed above."""
    undecided = [
        where
        for model in (Framing, Correspondence, Channel, Clause, Negotiation)
        for where, marked in text_positions(model)
        if not marked and where not in PLAIN
    ]
    assert undecided == []
    marked = {w for m in (Framing, Correspondence) for w, t in text_positions(m) if t}
    assert {"Framing.masthead{}", "Framing.sections[].heading"} <= marked
    assert "Correspondence.senders{}.letterhead[]" in marked
    assert PLAIN.isdisjoint(marked)


class _Inner(BaseModel):
    line: TemplateText
    label: str


class _Outer(BaseModel):
    lines: list[TemplateText]
    named: dict[str, TemplateText]
    inner: list[_Inner]
    maybe: TemplateText | None = None
    plain: str = "x"


def test_the_walk_finds_templates_in_lists_dicts_nested_and_optional_fields() -> None:
    model = _Outer(
        lines=["a", "b"],
        named={"k": "c"},
        inner=[_Inner(line="d", label="not a template")],
        maybe="e",
    )
    found = [(loc, text) for loc, text, _marker in template_fields(model)]
    assert found == [
        (("lines", 0), "a"),
        (("lines", 1), "b"),
        (("named", "k"), "c"),
        (("inner", 0, "line"), "d"),
        (("maybe",), "e"),
    ]


def test_a_template_problem_names_file_line_and_field(tmp_path: Path) -> None:
    file = tmp_path / "document.yaml"
    file.write_text("title: T\nmasthead:\n  seal: >-\n    a\n    {{ b\n", encoding="utf-8")
    source = TemplateSource(file, ("masthead", "seal"))
    assert str(source) == f"{file}:4 masthead.seal"
    assert str(source.problem("wrong", within=2)) == f"{file}:5: masthead.seal: wrong"


def test_the_load_time_check_walks_the_model(tmp_path: Path) -> None:
    channel = Channel(
        id="c",
        title="{{ not checked",
        section="s",
        kind="letter",
        intro="To {{ country }}:",
        letter={"sender": "chair", "recipient": "the {{ nobody }}", "salutation": "{% if %}"},
    )
    said = [f"{p.field}: {p.message}" for p in template_problems(channel, tmp_path / "c.yaml")]
    assert said == [
        "letter.recipient: 'nobody' is used but not declared under 'params'",
        "letter.salutation: template syntax error: Expected an expression, got 'end of"
        " statement block' (check the {{ }} and {% %} around it)",
    ]


def test_the_leads_forms_are_declared_once_for_every_statement_channel(tmp_path: Path) -> None:
    """The lead (correspondence.yaml statement_lead) prints with the statement block's
    values: correspondence.yaml declares its forms as params (refused without them), and
    every statement channel has them, after its own."""
    library = load_library()
    for channel in library.templates.channels.values():
        if channel.kind == "statement":
            assert set(channel.params) >= STATEMENT_LEAD_FORMS, channel.id
    parties = library.templates.channels["parties-statement"]
    assert next(iter(parties.params)) == "parties"  # its own first
    assert "lead_to" not in library.templates.channels["council"].params
    templates = tmp_path / "templates"
    shutil.copytree(library.templates.root, templates)
    correspondence = templates / "correspondence.yaml"
    text = correspondence.read_text(encoding="utf-8")
    correspondence.write_text(text[: text.index("statement_lead_params:")], encoding="utf-8")
    with pytest.raises(WgdraftError) as caught:
        load_templates(templates)
    said = [p.message for p in caught.value.problems]
    assert any("lead_addressed, lead_annex, lead_annual_report" in m for m in said), said
