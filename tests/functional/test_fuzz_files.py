"""Fuzzing the structure of clause and draft files through the CLI, in process.

Each case takes a bundled clause or draft in a private workspace, mutates it (lines
deleted, duplicated, swapped or truncated; bytes, control characters, YAML tags,
anchors, huge numbers and wrong types inserted) and runs ``wgdraft check`` and
``wgdraft render --format text``. Every case must end with exit code 0 or 1, no
exception out of ``main``, within a per-case alarm, and every problem line must name
the file that was broken (for ``render`` of a draft after a clause was broken, the
draft's own lines may report what the changed clause now needs).

The normal run makes WGDRAFT_FUZZ_EXAMPLES cases per file kind (default 150); for a
long hunt, e.g.::

    WGDRAFT_FUZZ_EXAMPLES=5000 python -m pytest -q -n 0 tests/functional/test_fuzz_files.py
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import EXAMPLES, ROOT
from wgdraft.cli import main

CASES = int(os.environ.get("WGDRAFT_FUZZ_EXAMPLES", "150"))
CASE_SECONDS = 60  # a hang, not a slow case: a normal case takes ~0.1 s

FUZZ = settings(
    max_examples=CASES,
    deadline=None,
    derandomize=os.environ.get("WGDRAFT_FUZZ_EXAMPLES") is None,  # the suite is repeatable
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)

# pieces that YAML, the loader or a renderer may choke on
NASTY = [
    b"!!binary aGVsbG8=",
    b"!!timestamp x",
    b"!!float 'x'",
    b"!!python/object:os.system x",
    b"!local",
    b"&a ",
    b"*a",
    b"*nope",
    b"<<: *a",
    b"%YAML 1.1\n",
    b"---\n",
    b"...\n",
    b"? ",
    b"- ",
    b": ",
    b"{",
    b"}",
    b"[",
    b"]",
    b'"',
    b"'",
    b"|",
    b">-",
    b"#",
    b"\t",
    b"\x00",
    b"\x01",
    b"\x08",
    b"\x1b[31m",
    b"\r",
    "\ufeff".encode(),
    "\ufffe".encode(),
    b'"\\x01"',
    b'"\\uFFFF"',
    b'"\\ud800"',
    b"\xff\xfe",
    b"\xc3",
    b"9" * 5000,
    b"1e999",
    b"-.inf",
    b".nan",
    b"0x1F",
    b"2023-02-29",
    b"2023-13-45T25:61:00",
    b"null",
    b"~",
    b"yes",
    b"[]",
    b"{}",
    b"[1, [2, [3]]]",
    b"{a: {b: {c: d}}}",
    b"{{ ",
    b"{% for x in y %}",
    b"{{ ''.__class__ }}",
]

inserted = st.one_of(
    st.sampled_from(NASTY),
    st.binary(min_size=1, max_size=12),
    st.text(min_size=1, max_size=12).map(lambda s: s.encode("utf-8", "surrogatepass")),
)


@st.composite
def mutated(draw: st.DrawFn, original: bytes) -> bytes:
    """``original`` with one to four structural mutations."""
    lines = original.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            lines = [b""]
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(
            st.sampled_from(
                ["delete", "duplicate", "swap", "insert", "replace-value", "truncate", "indent"]
            )
        )
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "insert":
            at = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:at] + draw(inserted) + lines[i][at:]
        elif op == "replace-value":
            head, sep, _value = lines[i].partition(b": ")
            if sep:
                lines[i] = head + sep + draw(inserted) + b"\n"
        elif op == "truncate":
            at = draw(st.integers(0, len(lines[i])))
            lines = [*lines[:i], lines[i][:at]]
        elif op == "indent":
            lines[i] = b" " * draw(st.integers(1, 5)) + lines[i]
    return b"".join(lines)


class Hang(Exception):
    """A case ran past CASE_SECONDS."""


@contextlib.contextmanager
def alarm(seconds: int) -> Iterator[None]:
    def ring(_signum, _frame) -> None:  # type: ignore[no-untyped-def]
        raise Hang(f"no answer within {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: str | Path) -> tuple[int, str]:
    """``wgdraft ARGS`` in process: the exit code and what went to stderr. Any exception
    out of main (a traceback for the user), or a hang, fails the case."""
    out, err = io.StringIO(), io.StringIO()
    with alarm(CASE_SECONDS), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in args])
    assert code in (0, 1), err.getvalue()
    assert "Traceback" not in err.getvalue()
    return code, err.getvalue()


def problem_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if not line.endswith("problem(s) found")]


@pytest.fixture(scope="module")
def fuzz_workspace() -> Iterator[Path]:
    """One private workspace for the module; each case restores the file it broke."""
    ws = Path(tempfile.mkdtemp(prefix="wgdraft-fuzz-"))
    shutil.copytree(ROOT / "clauses", ws / "clauses")
    shutil.copytree(ROOT / "templates", ws / "templates")
    shutil.copytree(EXAMPLES, ws / "examples")
    yield ws
    shutil.rmtree(ws, ignore_errors=True)


@contextlib.contextmanager
def broken(file: Path, data: bytes) -> Iterator[Path]:
    original = file.read_bytes()
    file.write_bytes(data)
    try:
        yield file
    finally:
        file.write_bytes(original)


CLAUSES = sorted(p.relative_to(ROOT) for p in (ROOT / "clauses").rglob("*.yaml"))
DRAFTS = sorted(p.relative_to(ROOT) for p in EXAMPLES.glob("*.yaml"))


@FUZZ
@given(data=st.data(), name=st.sampled_from(CLAUSES))
def test_fuzzed_clause_files(fuzz_workspace: Path, data: st.DataObject, name: Path) -> None:
    ws = fuzz_workspace
    clause = ws / name
    draft = ws / "examples" / "mali-2023.yaml"
    with broken(clause, data.draw(mutated((ROOT / name).read_bytes()), label="clause")):
        _code, err = run("--library", ws, "check")
        for line in problem_lines(err):
            assert str(clause) in line, line
        _code, err = run("--library", ws, "render", "--format", "text", draft)
        for line in problem_lines(err):
            assert str(clause) in line or line.startswith(f"{draft}:"), line


@FUZZ
@given(data=st.data(), name=st.sampled_from(DRAFTS))
def test_fuzzed_draft_files(fuzz_workspace: Path, data: st.DataObject, name: Path) -> None:
    ws = fuzz_workspace
    draft = ws / name
    with broken(draft, data.draw(mutated((ROOT / name).read_bytes()), label="draft")):
        for command in (("check",), ("render", "--format", "text")):
            _code, err = run("--library", ws, *command, draft)
            for line in problem_lines(err):
                assert line.startswith(f"{draft}:"), line
