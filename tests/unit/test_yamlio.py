"""Reading user YAML safely: what is not a small regular UTF-8 file, YAML tags and
scalars a constructor fails on, alias bombs, cycles and unprintable characters each
give one located problem; locating many problems stays linear."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MALI
from wgdraft import yamlio
from wgdraft.drafts import load_draft
from wgdraft.errors import WgdraftError
from wgdraft.library import Library


def problem(call, *args) -> str:  # type: ignore[no-untyped-def]
    with pytest.raises(WgdraftError) as caught:
        call(*args)
    [only] = caught.value.problems
    return str(only)


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "draft.yaml"
    os.mkfifo(fifo)
    assert problem(yamlio.load_file, fifo) == (
        f"{fifo}: this is not a regular file (a pipe or device); give a YAML file"
    )


def test_a_link_to_dev_zero_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "draft.yaml"
    link.symlink_to("/dev/zero")
    assert "not a regular file" in problem(yamlio.load_file, link)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert problem(yamlio.load_file, tmp_path) == f"{tmp_path}: this is a folder, not a file"


def test_a_huge_body_is_refused_before_parsing(tmp_path: Path) -> None:
    file = tmp_path / "big.yaml"
    file.write_text("id: big\nbody: |\n" + ("  words words words\n" * 260_000), encoding="utf-8")
    assert file.stat().st_size > 5_000_000
    message = problem(yamlio.load_file, file)
    assert message.startswith(f"{file}: the file is too large (5.2 MB; wgdraft files are at most")


def test_non_utf8_names_the_line(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_bytes("a: 1\nb: 2\nname: Côte d'Ivoire\n".encode("latin-1"))
    assert problem(yamlio.load_file, file) == (
        f"{file}:3: the file is not UTF-8 text (a byte here cannot be read); "
        "save it as UTF-8 in your editor"
    )


def test_utf16_is_named(tmp_path: Path) -> None:
    file = tmp_path / "x.yaml"
    file.write_text("a: 1\n", encoding="utf-16")
    assert "is UTF-16 text; save it as UTF-8" in problem(yamlio.load_file, file)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2023-02-29", "situation.meeting.date: Input should be a valid date"),
        ("!!timestamp x", "situation.meeting.date: YAML tag !!timestamp is not used"),
        ("!!float 'x'", "situation.meeting.date: cannot read 'x' as a number"),
        ("!!int 'x'", "situation.meeting.date: cannot read 'x' as a whole number"),
        ("!!bool maybe", "situation.meeting.date: cannot read 'maybe' as yes or no"),
        ("!!binary aGVsbG8=", "situation.meeting.date: YAML tag !!binary is not used"),
        ("!!set {a: null}", "situation.meeting.date: YAML tag !!set is not used"),
        ("!!python/name:os.system ''", "situation.meeting.date: YAML tag !!python/name"),
        ("!local x", "situation.meeting.date: YAML tag !local is not used"),
        pytest.param("9" * 5000, "situation.meeting.date: cannot read '9999", id="huge-int"),
    ],
)
def test_scalars_the_loader_cannot_build_are_located(
    tmp_path: Path, value: str, message: str
) -> None:
    draft = tmp_path / "d.yaml"
    text = MALI.read_text(encoding="utf-8").replace(
        "meeting: {date: 2023-03-31", f"meeting: {{date: {value}", 1
    )
    draft.write_text(text, encoding="utf-8")
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "meeting: {date:" in t)
    got = problem(load_draft, draft)
    assert got.startswith(f"{draft}:{line}: {message}"), got


def test_dates_are_still_dates_after_validation() -> None:
    draft = load_draft(MALI)
    assert draft.situation.meeting.date.isoformat() == "2023-03-31"


def test_a_billion_laughs_is_refused_at_once() -> None:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in "bcdefghi":
        previous = chr(ord(level) - 1)
        lines.append(f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]")
    message = problem(yamlio.load_text, "\n".join(lines) + "\n", Path("bomb.yaml"))
    assert message.startswith("bomb.yaml:")
    assert "the file expands to more than 200,000 values (YAML aliases?)" in message


@pytest.mark.parametrize("text", ["a: &a [*a]\n", "a: &a {b: *a}\n"])
def test_a_value_containing_itself_is_refused(text: str) -> None:
    message = problem(yamlio.load_text, text, Path("c.yaml"))
    assert message.startswith("c.yaml:1: a")
    assert "a YAML alias refers to the value that contains it" in message


def test_deep_nesting_is_malformed_not_a_crash() -> None:
    message = problem(yamlio.load_text, "a: " + "[" * 100_000, Path("n.yaml"))
    assert message.startswith("n.yaml:1: malformed YAML:")


@pytest.mark.parametrize(
    ("escaped", "code"),
    [("\\x01", "0001"), ("\\b", "0008"), ("\\uFFFE", "FFFE"), ("\\uFFFF", "FFFF")],
)
def test_characters_a_document_cannot_hold_are_refused(escaped: str, code: str) -> None:
    text = f'title: ok\nbody: "before {escaped} after"\n'
    assert problem(yamlio.load_text, text, Path("c.yaml")) == (
        f"c.yaml:2: body: contains the character U+{code}, which cannot be printed in a "
        "document; remove it (tabs and line breaks are fine)"
    )


def test_tabs_and_line_breaks_are_fine() -> None:
    assert yamlio.load_text('a: "x\\ty\\nz"\n', None) == {"a": "x\ty\nz"}


def test_many_problems_in_one_draft_are_located_in_linear_time(
    library: Library, tmp_path: Path
) -> None:
    """10,000 unknown clause ids: each problem used to re-read and re-parse the file to
    find its line (minutes); now all are reported, each with its own line."""
    text = MALI.read_text(encoding="utf-8")
    opening = "".join(f"  - clause: no.such-{i}\n" for i in range(5000))
    block = "".join(f"      - clause: no.such-{i}\n" for i in range(5000, 10_000))
    text = text.replace("\nopening:\n", "\nopening:\n" + opening, 1)
    text = text.replace("    items:\n", "    items:\n" + block, 1)
    draft = tmp_path / "many.yaml"
    draft.write_text(text, encoding="utf-8")
    from wgdraft.drafts import build_document

    with pytest.raises(WgdraftError) as caught:
        build_document(draft, library)
    unknown = [p for p in caught.value.problems if "unknown clause id 'no.such-" in p.message]
    assert len(unknown) == 10_000
    lines = text.splitlines()
    for p in unknown[::997]:
        assert p.line is not None and "clause: no.such-" in lines[p.line - 1]
    assert len({p.line for p in unknown}) == 10_000
