"""counts.py: words, paragraphs and subparagraphs per section, on a hand-countable tree
and on the Mali example."""

from __future__ import annotations

from tests.conftest import MALI
from wgdraft.counts import SectionCount, count, words
from wgdraft.drafts import build_document
from wgdraft.library import Library
from wgdraft.tree import Annex, Document, Heading, Paragraph, Subparagraph, walk


def test_words_are_runs_of_letters_and_digits() -> None:
    assert words("") == 0
    assert words("Strongly condemning all violations;") == 4
    # a symbol, a number with a separator, a hyphenated and an elided word: one each
    assert words("S/2022/856 519,300 non-discriminatory children’s") == 4
    # a dash and brackets alone are not words
    assert words("[Calls upon / —] – (a)") == 3


def test_a_tiny_document_counted_by_hand() -> None:
    document = Document(
        title="Title words are not counted",
        subtitle="Nor these",
        body=(
            Paragraph(1, "One two three."),
            Heading("Public statement", "public-statement"),
            Paragraph(
                2,
                "Four five:",
                (
                    Subparagraph(
                        "2 (a)",
                        "(a)",
                        2,
                        "six seven;",
                        (Subparagraph("2 (a) (i)", "(i)", 3, "eight."),),
                    ),
                    Subparagraph("2 (b)", "(b)", 2, "nine ten."),
                ),
            ),
            Paragraph(3, "Eleven."),
        ),
        annex=Annex("Annex", "Mission of X", "Comments", ("one comment", "two"), None),
    )
    assert count(document) == [
        SectionCount("Opening", 1, 0, 3),
        # the heading's two words, 2 + 2 + 1 + 2 words of paragraph 2, 1 of paragraph 3
        SectionCount("Public statement", 2, 3, 10),
        # heading 1, mission 3, title 1, comments 2 + 1
        SectionCount("Annex", 2, 0, 8),
        SectionCount("Total", 5, 3, 21),
    ]


def test_a_document_starting_with_a_heading_has_no_opening_row() -> None:
    document = Document("t", "s", (Heading("Direct action", "d"), Paragraph(1, "Go.")))
    assert [row.title for row in count(document)] == ["Direct action", "Total"]


def test_the_mali_example(library: Library) -> None:
    document = build_document(MALI, library)
    rows = count(document)
    assert [(r.title, r.paragraphs, r.subparagraphs) for r in rows] == [
        ("Opening", 3, 0),
        ("Public statement by the Chair of the Working Group", 2, 17),  # 4 (a)-(o), 5 (a)-(b)
        ("Recommendations to the Security Council", 5, 21),
        ("Direct action by the Working Group", 1, 8),
        ("Annex", 8, 0),
        ("Total", 19, 46),
    ]
    texts = [node.text for node in document.body if isinstance(node, Heading)]
    for paragraph in document.paragraphs:
        texts += [paragraph.text, *(sub.text for sub in walk(paragraph.items))]
    annex = document.annex
    assert annex is not None
    texts += [annex.heading, annex.mission, annex.title, *annex.items, annex.closing or ""]
    assert rows[-1].words == sum(words(text) for text in texts) == 5251
