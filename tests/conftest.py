"""Shared fixtures: the repository paths, the loaded library, an isolated workspace
copy for bad-input tests, and an in-process CLI runner."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from wgdraft.cli import main
from wgdraft.library import Library, load_library

# compiled-template caches go to a private folder, never the developer's own
os.environ["WGDRAFT_CACHE_DIR"] = tempfile.mkdtemp(prefix="wgdraft-test-cache-")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
MALI = EXAMPLES / "mali-2023.yaml"


@dataclass
class Result:
    code: int
    out: str
    err: str


Cli = Callable[..., Result]


@pytest.fixture(autouse=True)
def _isolate_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see a developer's own library settings."""
    for name in ("WGDRAFT_LIBRARY", "WGDRAFT_TEMPLATES"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(ROOT / "clauses", ROOT / "templates")


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]) -> Cli:
    def run(*args: str | Path) -> Result:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A private copy of the bundled library, templates and examples."""
    ws = tmp_path / "ws"
    shutil.copytree(ROOT / "clauses", ws / "clauses")
    shutil.copytree(ROOT / "templates", ws / "templates")
    shutil.copytree(EXAMPLES, ws / "examples")
    return ws


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-reference",
        action="store_true",
        help="rewrite tests/reference/ from the current output (then read the git diff)",
    )


@pytest.fixture(autouse=True)
def _private_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test keeps its recent drafts and recovery files to itself: a session that
    saves must not add a temporary draft to the user's own recent list."""
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))


@pytest.fixture
def repeatable_tui(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Snapshots that repeat: private state, no animations, paths relative to the checkout."""
    monkeypatch.setenv("WGDRAFT_STATE_DIR", str(tmp_path / "state"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="session", autouse=True)
def _every_docx_written_opens_clean(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[None]:
    """After the tests, every DOCX a wgdraft bundle wrote under the tests' temporary
    folders (the files its manifest lists) is audited as Word would open it. Files
    with the same parts (renders of the same draft differ only in docProps) are
    audited once."""
    yield
    from tests.ooxml import audit, docx_parts_digest

    seen: set[str] = set()
    problems: list[str] = []
    for manifest in sorted(tmp_path_factory.getbasetemp().rglob("manifest.json")):
        if any(part.startswith(".") for part in manifest.parts):
            continue  # a bundle being staged or left by a killed render
        try:
            entries = json.loads(manifest.read_text(encoding="utf-8"))["files"]
        except (OSError, ValueError, KeyError, TypeError):
            continue
        for entry in entries:
            path = manifest.parent / str(entry.get("file", ""))
            if path.suffix != ".docx" or not path.is_file():
                continue
            digest = docx_parts_digest(path)
            if digest not in seen:
                seen.add(digest)
                problems += audit(path)
    assert not problems, "\n".join(problems)
