"""Where an unset yes/no or choice shows in a preview: the words its values word
differently give way to "[name]"."""

from __future__ import annotations

from wgdraft.placeholders import differences, marked


def mark(base: str, *others: tuple[str, str]) -> str:
    return marked(base, [span for name, other in others for span in differences(base, other, name)])


def test_a_word_chosen_among_others() -> None:
    base = "They expressed grave concern at it."
    assert mark(base, ("degree", "They expressed deep concern at it.")) == (
        "They expressed [degree] concern at it."
    )


def test_words_added_or_left_out() -> None:
    yes = "the Court, to which Mali is a State party; and"
    assert mark(yes, ("party", "the Court; and")) == "the Court [party]; and"
    # the first rendering may be the shorter one: the marker stands where words go
    assert mark("the Court; and", ("party", yes)) == "the Court [party]; and"


def test_several_parameters_and_places() -> None:
    base = "Grave concern at A and grave concern at B"
    other = "Deep concern at A and deep concern at B"
    assert mark(base, ("degree", other)) == "[degree] concern at A and [degree] concern at B"
    # stretches of two parameters that touch are one marker naming both
    assert mark("a b c", ("x", "a c"), ("y", "a d c")) == "a [x] [y] c"


def test_no_difference_leaves_the_text() -> None:
    assert mark("as it is", ("unused", "as it is")) == "as it is"
