"""Symbols and resolution references become undocs.org links (DOMAIN.md conventions)."""

from __future__ import annotations

import pytest

from wgdraft.links import UNDOCS, find_links, split


def linked(text: str) -> list[tuple[str, str]]:
    return [
        (text[link.start : link.end], link.target.removeprefix(UNDOCS)) for link in find_links(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the fourth report (S/2022/856), which", [("S/2022/856", "S/2022/856")]),
        ("conclusions (S/AC.51/2020/11);", [("S/AC.51/2020/11", "S/AC.51/2020/11")]),
        ("resolution 2690 (2023).", [("2690 (2023)", "S/RES/2690(2023)")]),
        ("General Assembly resolution 46/182, as well", [("46/182", "A/RES/46/182")]),
        (
            "report (A/77/895-S/2023/363) of",
            [("A/77/895", "A/77/895"), ("S/2023/363", "S/2023/363")],
        ),
        (
            "resolutions 1612 (2005), 1882 (2009) and 2601 (2021), the",
            [
                ("1612 (2005)", "S/RES/1612(2005)"),
                ("1882 (2009)", "S/RES/1882(2009)"),
                ("2601 (2021)", "S/RES/2601(2021)"),
            ],
        ),
        (
            "resolutions 1267 (1999), 1989 (2011), and 2253 (2015) concerning",
            [
                ("1267 (1999)", "S/RES/1267(1999)"),
                ("1989 (2011)", "S/RES/1989(2011)"),
                ("2253 (2015)", "S/RES/2253(2015)"),
            ],
        ),
        (
            "paragraph 7 (b) of resolution 1882 (2009), by which",
            [("1882 (2009)", "S/RES/1882(2009)")],
        ),
        (
            "relevant Security Council resolutions, including resolutions 2427 (2018)",
            [("2427 (2018)", "S/RES/2427(2018)")],
        ),
    ],
)
def test_references_are_found(text: str, expected: list[tuple[str, str]]) -> None:
    assert linked(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "release of 25 children (2023)",
        "in 2018 and 2019",
        "the period 1 April 2020 to 31 March 2022",
        "paragraph 7 (b)",
        "S/ AC",
        "the G5 Sahel (2017)",
    ],
)
def test_plain_text_has_no_links(text: str) -> None:
    assert find_links(text) == ()


def test_split_keeps_every_character() -> None:
    text = "See S/2022/856 and resolution 2690 (2023)."
    runs = split(text, find_links(text))
    assert "".join(piece for piece, _ in runs) == text
    assert [piece for piece, target in runs if target] == ["S/2022/856", "2690 (2023)"]
