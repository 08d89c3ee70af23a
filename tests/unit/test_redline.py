"""The redline's diff: words and paragraphs (wgdraft.redline)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from wgdraft.redline import (
    Para,
    ParaChange,
    Piece,
    Span,
    compare_paragraphs,
    default_author,
    document_text,
    word_diff,
)

SUB, PARA = "WG Subparagraph", "WG Paragraph"


def para(text: str, style: str = SUB, prefix: str = "") -> Para:
    return Para(style, (Piece(text),) if text else (), prefix)


def accepted(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans if span.kind != "delete")


def rejected(spans: tuple[Span, ...]) -> str:
    return "".join(span.text for span in spans if span.kind != "insert")


def marked(spans: tuple[Span, ...]) -> str:
    return document_text([ParaChange("changed", None, para("x"), spans)]).rstrip("\n")


def test_a_changed_word() -> None:
    spans = word_diff((Piece("expressed deep concern"),), (Piece("expressed grave concern"),))
    assert marked(spans) == "expressed [-deep-]{+grave+} concern"


def test_a_rewritten_phrase_is_one_deletion_and_one_insertion() -> None:
    spans = word_diff((Piece("Calls a b c now"),), (Piece("Calls x y z now"),))
    assert marked(spans) == "Calls [-a b c-]{+x y z+} now"


def test_spaces_are_kept_exactly() -> None:
    old, new = (Piece("a  b c"),), (Piece("a b  c d"),)
    spans = word_diff(old, new)
    assert accepted(spans) == "a b  c d" and rejected(spans) == "a  b c"


def test_character_styles_stay_with_their_words() -> None:
    old = (Piece("United Nations"), Piece("\t"), Piece("S/AC.51/2023/1", "WG Symbol"))
    new = (Piece("United Nations"), Piece("\t"), Piece("S/AC.51/2025/3", "WG Symbol"))
    spans = word_diff(old, new)
    assert [s for s in spans if s.kind != "equal"] == [
        Span("delete", "S/AC.51/2023/1", "WG Symbol"),
        Span("insert", "S/AC.51/2025/3", "WG Symbol"),
    ]


TEXT = st.text(alphabet=st.sampled_from("ab c\t.;"), max_size=30)


@given(TEXT, TEXT)
def test_accepting_gives_the_new_text_and_rejecting_the_old(old: str, new: str) -> None:
    spans = word_diff((Piece(old),), (Piece(new),))
    assert accepted(spans) == new and rejected(spans) == old


PARAS = st.lists(
    st.builds(para, st.sampled_from(["a b c", "a b d", "x y", "x y z", "q", ""]),
              st.sampled_from([SUB, PARA])),
    max_size=8,
)  # fmt: skip


@given(PARAS, PARAS)
def test_paragraphs_accept_to_the_new_and_reject_to_the_old(
    old: list[Para], new: list[Para]
) -> None:
    changes = compare_paragraphs(old, new)
    kept = [c for c in changes if c.kind != "delete"]
    gone = [c for c in changes if c.kind != "insert"]
    assert [(c.para.style, accepted(c.spans)) for c in kept] == [(p.style, p.text) for p in new]
    assert [(c.old.style, rejected(c.spans)) for c in gone if c.old] == [
        (p.style, p.text) for p in old
    ]


def test_alike_paragraphs_are_paired_and_the_rest_inserted_or_deleted() -> None:
    old = [para("Urges the parties to end recruitment;"), para("Notes the report;")]
    new = [para("Urges all parties to end recruitment;"), para("Welcomes a new plan")]
    kinds = [(c.kind, c.para.text) for c in compare_paragraphs(old, new)]
    assert kinds == [
        ("changed", "Urges all parties to end recruitment;"),
        ("delete", "Notes the report;"),
        ("insert", "Welcomes a new plan"),
    ]


def test_paragraphs_of_another_style_are_never_paired() -> None:
    kinds = [c.kind for c in compare_paragraphs([para("Same words", PARA)], [para("Same words")])]
    assert kinds == ["delete", "insert"]


def test_labels_are_shown_but_never_marked() -> None:
    old = [para("First;", prefix="    (a) "), para("Second.", prefix="    (b) ")]
    new = [para("Second;", prefix="    (a) "), para("Third.", prefix="    (b) ")]
    text = document_text(compare_paragraphs(old, new))
    assert text == (
        "        [-First;-]\n"  # a deleted paragraph's label is left blank
        "    (a) [-Second.-]{+Second;+}\n"
        "    (b) {+Third.+}\n"
    )


def test_default_author_is_never_empty() -> None:
    assert default_author().strip()


def test_context_keeps_the_changes_and_their_neighbours() -> None:
    old = [
        para(f"Item {n};", prefix=f"    ({c}) ") for n, c in zip(range(6), "abcdef", strict=True)
    ]
    new = [*old[:3], para("Item 3 changed;", prefix="    (d) "), *old[4:]]
    text = document_text(compare_paragraphs(old, new), context=1)
    assert text == "...\n    (c) Item 2;\n    (d) Item [-3;-]{+3 changed;+}\n    (e) Item 4;\n...\n"
    assert document_text(compare_paragraphs(old, new)).count("\n") == 6
