"""Splitting a paragraph into sentences (wgdraft.sentences.split)."""

from __future__ import annotations

import pytest

from wgdraft.sentences import split


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("One. Two.", ["One.", "Two."]),
        ("One.  \n Two!  Three?", ["One.", "Two!", "Three?"]),
        ("The report (S/2024/93). They noted it.", ["The report (S/2024/93).", "They noted it."]),
        ("The Representative a.i. The Council.", ["The Representative a.i. The Council."]),
        ("Resolution No. 5 was adopted. Next.", ["Resolution No. 5 was adopted.", "Next."]),
        ("The U.N. Mission said. It did.", ["The U.N. Mission said.", "It did."]),
        ("A rise of 1.5 per cent. Then more.", ["A rise of 1.5 per cent.", "Then more."]),
        ("Mr. J. Smith spoke. He left.", ["Mr. J. Smith spoke.", "He left."]),
        ("It ended. (They agreed.)", ["It ended.", "(They agreed.)"]),
        (
            "It ended, e.g. in Mali. lower case goes on.",
            ["It ended, e.g. in Mali. lower case goes on."],
        ),
        ("Cut off [... not retrieved ...]", ["Cut off [... not retrieved ...]"]),
        ("", []),
    ],
)
def test_split(text: str, sentences: list[str]) -> None:
    assert split(text) == sentences
