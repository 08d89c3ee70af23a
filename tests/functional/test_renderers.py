"""Output formats come from one registry (wgdraft.renderers): a new format is one
object registered there, and the CLI, the output folder and its manifest take it with
no change elsewhere; a format's heavy libraries load only when it renders."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import MALI, ROOT, Cli
from wgdraft import output, renderers
from wgdraft.drafts import build_bundle
from wgdraft.library import Library
from wgdraft.links import split
from wgdraft.tree import Document, Letter, Part, Statement, walk


def _markdown_line(text: str, part: Part) -> str:
    return "".join(
        piece if target is None else f"[{piece}]({target})"
        for piece, target in split(text, part.links)
    )


def _markdown_parts(parts: tuple[Part, ...]) -> bytes:
    lines = []
    for part in parts:
        lines.append(f"<!-- {part.role} -->")
        lines += [_markdown_line(line, part) for line in part.lines]
        lines += [
            f"{'  ' * (item.level - 2)}- {item.marker} {item.text}" for item in walk(part.items)
        ]
    return ("\n".join(lines) + "\n").encode("utf-8")


class Markdown:
    """A format only this test knows: Markdown, letters and statements from their parts."""

    name = "markdown"
    extension = "md"
    label = "Markdown"
    prints = True

    def conclusions(self, document: Document, library: Library) -> bytes:
        headings = {"title": "# ", "subtitle": "## ", "heading": "### "}
        lines = []
        for part in document.parts():
            for line in part.lines:
                if part.role == "paragraph":
                    lines.append(f"{part.label}. {_markdown_line(line, part)}")
                else:
                    lines.append(headings.get(part.role, "") + line)
        return ("\n".join(lines) + "\n").encode("utf-8")

    def letter(self, letter: Letter, library: Library) -> bytes:
        return _markdown_parts(letter.parts())

    def statement(self, statement: Statement, library: Library) -> bytes:
        return _markdown_parts(statement.parts())


@pytest.fixture
def markdown() -> Iterator[renderers.Renderer]:
    renderer = renderers.register(Markdown())
    yield renderer
    renderers.unregister(renderer.name)


def test_the_built_in_formats_are_registered() -> None:
    assert renderers.names() == ("docx", "text")
    assert renderers.get(renderers.DEFAULT).extension == "docx"
    assert renderers.get("text").extension == "txt"
    with pytest.raises(KeyError, match="no output format 'html'; there are docx, text"):
        renderers.get("html")


def test_a_taken_name_is_refused(markdown: renderers.Renderer) -> None:
    with pytest.raises(ValueError, match="'markdown' is registered already"):
        renderers.register(Markdown())


def test_the_cli_offers_only_registered_formats(cli: Cli, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as refused:
        cli("render", MALI, "--format", "markdown", "-o", tmp_path / "out")
    assert refused.value.code == 2
    assert not (tmp_path / "out").exists()


def test_a_registered_format_renders_a_whole_bundle_through_the_cli(
    cli: Cli, tmp_path: Path, markdown: renderers.Renderer
) -> None:
    result = cli("render", MALI, "--format", "markdown", "-o", tmp_path / "md")
    assert result.code == 0, result.err
    assert cli("render", MALI, "--format", "text", "-o", tmp_path / "txt").code == 0
    manifest = json.loads((tmp_path / "md" / "manifest.json").read_text(encoding="utf-8"))
    text_manifest = json.loads((tmp_path / "txt" / "manifest.json").read_text(encoding="utf-8"))
    for entry in text_manifest["files"]:
        entry["file"] = entry["file"].removesuffix(".txt") + ".md"
    assert manifest == text_manifest
    assert [e["kind"] for e in manifest["files"]].count("letter") == 5

    letter = (tmp_path / "md" / "letters" / "07-secretary-general-letter.md").read_text("utf-8")
    roles = [line[5:-4] for line in letter.splitlines() if line.startswith("<!-- ")]
    assert roles == [
        "letterhead",
        "date",
        "address",
        "salutation",
        "opening",
        "items",
        "closing",
        "signature",
    ]
    assert "(S/2022/856)" not in letter  # the opening's symbol is a link
    assert "([S/2022/856](https://undocs.org/en/S/2022/856))" in letter
    assert "- (a) Requesting the Secretary-General" in letter

    statement = (tmp_path / "md" / "statements" / "05-leaders-statement.md").read_text("utf-8")
    assert statement.index("<!-- date -->") < statement.index("<!-- title -->")


def test_a_registered_format_that_prints_goes_to_stdout(
    cli: Cli, markdown: renderers.Renderer
) -> None:
    result = cli("render", MALI, "--format", "markdown")
    assert result.code == 0, result.err
    assert result.out.startswith(
        "# Working Group on Children and Armed Conflict\n"
        "## Conclusions on children and armed conflict in Mali\n"
        "1. During a formal meeting held on 31 March 2023"
    )


def test_render_files_takes_a_registered_format(
    library: Library, markdown: renderers.Renderer
) -> None:
    bundle = build_bundle(MALI, library)
    seen: list[str] = []
    files = output.render_files(bundle, library, "markdown", lambda d, t, name: seen.append(name))
    assert [f.path for f in files] == seen[:-1]
    assert all(f.path.endswith(".md") for f in files)
    assert files[0].kind == "conclusions" and files[0].payload.startswith(b"# ")


_MODULES_AFTER = """
import json, sys
from wgdraft.cli import main
code = main(sys.argv[1:])
heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("docx", "lxml"))
print(json.dumps({"code": code, "heavy": heavy}), file=sys.stderr)
"""


def _heavy_modules(*args: str | Path) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", _MODULES_AFTER, *map(str, args)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    report = json.loads(result.stderr.splitlines()[-1])
    assert report["code"] == 0, result.stderr
    return list(report["heavy"])


def test_the_text_format_does_not_load_python_docx(tmp_path: Path) -> None:
    assert _heavy_modules("render", MALI, "--format", "text") == []
    assert _heavy_modules("render", MALI, "--format", "text", "-o", tmp_path / "txt") == []
    assert "docx" in _heavy_modules("render", MALI, "-o", tmp_path / "docx")
