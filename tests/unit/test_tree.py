from wgdraft.tree import letter, roman


def test_roman() -> None:
    assert [roman(n) for n in (1, 4, 6, 9, 14, 40)] == ["i", "iv", "vi", "ix", "xiv", "xl"]


def test_letter_follows_word_after_z() -> None:
    assert [letter(n) for n in (1, 2, 15, 26, 27, 28)] == ["a", "b", "o", "z", "aa", "bb"]
