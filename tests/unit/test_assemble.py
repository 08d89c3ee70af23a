"""Assembly: labels, punctuation, values and the errors that name item, clause, parameter."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from wgdraft.assemble import assemble
from wgdraft.errors import WgdraftError
from wgdraft.library import Family, Library, Templates
from wgdraft.models import Channel, Clause, Draft, Framing, Section

FRAMING = Framing(
    title="WG",
    subtitle="Conclusions on {{ country }}",
    annex_heading="Annex",
    annex_title="Comments of {{ country.name }} of {{ meeting.date }}",
    annex_closing="{{ place }}, {{ date }}",
    unassigned_symbol="S/AC.51/[YYYY]/[N]",
    sections=[Section(id="one", heading="Section one"), Section(id="two", heading="Section two")],
)


def clause(cid: str, body: str, **extra: Any) -> Clause:
    return Clause.model_validate(
        {
            "id": cid,
            "title": cid,
            "family": "f",
            "body": body,
            "precedents": [{"document": "test"}],
            **extra,
        }
    )


@pytest.fixture
def lib() -> Library:
    clauses = [
        clause("c.plain", "Welcoming the efforts of the {{ government }} of {{ country }}"),
        clause("c.dot", "Noting the report."),
        clause(
            "c.param",
            "Noting that {{ count | words }} children were released on {{ day }}",
            params={
                "count": {"type": "number", "description": "how many", "example": 3},
                "day": {"type": "date", "description": "when", "example": "2020-01-02"},
            },
        ),
        clause(
            "c.lead",
            "Encouraging donors in the following:",
            items=["Providing programmes for {{ country }}", "Supporting reforms"],
        ),
        clause(
            "c.variant",
            "Calling upon all parties",
            variants={"demanding": "Demanding that all parties"},
        ),
    ]
    channels = {
        "a": Channel(
            id="a",
            title="A",
            section="one",
            kind="council",
            intro="Message to parties in {{ country }}:",
        ),
        "b": Channel(id="b", title="B", section="one", kind="council", intro="Message B:"),
        "c": Channel(id="c", title="C", section="two", kind="council", intro="Letter C:"),
    }
    templates = Templates(Path("."), FRAMING, channels, {"f": Family(title="F")})
    return Library(
        Path("."),
        {c.id: c for c in clauses},
        {c.id: Path(f"{c.id}.yaml") for c in clauses},
        templates,
    )


def draft(**parts: Any) -> Draft:
    data: dict[str, Any] = {
        "situation": {
            "country": {"name": "Sudan", "article": "the"},
            "meeting": {"date": "2024-01-31"},
            "report": {"ordinal": "first", "symbol": "S/2024/1"},
        }
    }
    data.update(parts)
    return Draft.model_validate(data)


def test_numbers_run_on_across_headings_and_letters_restart(lib: Library) -> None:
    doc = assemble(
        draft(
            opening=[{"text": "Opening one."}, {"text": "Opening two."}],
            blocks=[
                {"channel": "a", "items": [{"clause": "c.plain"}, {"clause": "c.dot"}]},
                {"channel": "b", "items": [{"clause": "c.plain"}]},
                {"channel": "c", "items": [{"clause": "c.dot"}, {"clause": "c.plain"}]},
            ],
        ),
        lib,
    )
    assert doc.labels() == ["1", "2", "3", "3 (a)", "3 (b)", "4", "4 (a)", "5", "5 (a)", "5 (b)"]
    headings = [n.text for n in doc.body if not hasattr(n, "number")]
    assert headings == ["Section one", "Section two"]  # one heading per run of a section


def test_punctuation_is_applied_by_position(lib: Library) -> None:
    items = [{"clause": "c.dot"}, {"clause": "c.plain"}, {"text": "Free text;"}]
    doc = assemble(draft(blocks=[{"channel": "a", "items": items}]), lib)
    texts = [s.text for s in doc.paragraphs[0].items]
    assert texts == [
        "Noting the report;",
        "Welcoming the efforts of the Government of the Sudan;",
        "Free text.",
    ]
    reordered = assemble(draft(blocks=[{"channel": "a", "items": items[::-1]}]), lib)
    assert [s.text for s in reordered.paragraphs[0].items] == [
        "Free text;",
        "Welcoming the efforts of the Government of the Sudan;",
        "Noting the report.",
    ]


def test_nested_items_take_the_parents_punctuation(lib: Library) -> None:
    doc = assemble(
        draft(
            blocks=[
                {
                    "channel": "a",
                    "items": [
                        {"clause": "c.lead", "items": [{"text": "Third item"}]},
                        {"clause": "c.dot"},
                    ],
                }
            ]
        ),
        lib,
    )
    lead = doc.find("1 (a)")
    assert lead.text == "Encouraging donors in the following:"
    assert [(c.label, c.text) for c in lead.children] == [
        ("1 (a) (i)", "Providing programmes for the Sudan;"),
        ("1 (a) (ii)", "Supporting reforms;"),
        ("1 (a) (iii)", "Third item;"),
    ]
    last = assemble(draft(blocks=[{"channel": "a", "items": [{"clause": "c.lead"}]}]), lib)
    assert last.find("1 (a) (ii)").text == "Supporting reforms."


def test_values_come_from_item_then_draft_then_error(lib: Library) -> None:
    item = {"clause": "c.param", "values": {"count": 4, "day": "2023-08-01"}}
    doc = assemble(draft(blocks=[{"channel": "a", "items": [item]}]), lib)
    assert doc.find("1 (a)").text == "Noting that four children were released on 1 August 2023."
    doc = assemble(
        draft(
            values={"count": 12, "day": "2023-08-01"},
            blocks=[{"channel": "a", "items": [{"clause": "c.param"}]}],
        ),
        lib,
    )
    assert doc.find("1 (a)").text.startswith("Noting that 12 children")


def test_missing_value_names_item_clause_and_parameter(lib: Library) -> None:
    with pytest.raises(WgdraftError) as info:
        assemble(
            draft(
                blocks=[
                    {
                        "channel": "a",
                        "items": [
                            {"clause": "c.dot"},
                            {"clause": "c.param", "values": {"count": 2}},
                        ],
                    }
                ]
            ),
            lib,
        )
    [problem] = info.value.problems
    assert problem.field == "blocks[0].items[1]"
    assert "'c.param'" in problem.message and "'day'" in problem.message


def test_every_problem_is_reported_not_only_the_first(lib: Library) -> None:
    with pytest.raises(WgdraftError) as info:
        assemble(
            draft(
                blocks=[
                    {
                        "channel": "a",
                        "items": [
                            {"clause": "nope"},
                            {
                                "clause": "c.param",
                                "values": {"count": "many", "day": "2023-08-01", "extra": 1},
                            },
                            {"clause": "c.variant", "variant": "pleading"},
                        ],
                    },
                    {"channel": "zzz", "items": [{"text": "x"}]},
                ]
            ),
            lib,
        )
    fields = [p.field for p in info.value.problems]
    assert fields == [
        "blocks[0].items[0].clause",
        "blocks[0].items[1].values.extra",
        "blocks[0].items[1].values.count",
        "blocks[0].items[2].variant",
        "blocks[1].channel",
    ]


def test_variants_replace_the_body(lib: Library) -> None:
    doc = assemble(
        draft(
            blocks=[{"channel": "a", "items": [{"clause": "c.variant", "variant": "demanding"}]}]
        ),
        lib,
    )
    assert doc.find("1 (a)").text == "Demanding that all parties."


def test_annex_and_title_use_the_situation(lib: Library) -> None:
    doc = assemble(
        draft(
            annex={
                "mission": "Permanent Mission",
                "comments": ["One;", "Two."],
                "place": "New York",
                "date": "2024-05-26",
            }
        ),
        lib,
    )
    assert doc.subtitle == "Conclusions on the Sudan"
    assert doc.annex is not None
    assert doc.annex.title == "Comments of Sudan of 31 January 2024"
    assert doc.annex.closing == "New York, 26 May 2024"
    assert doc.annex.items == ("One;", "Two.")
