"""A guard for tests of templates that hang without the render budget: the test fails
instead of hanging the suite. Not a time limit on what is measured: it only bounds a
runaway, generously."""

from __future__ import annotations

import faulthandler
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

#: Seconds before a hanging test is failed; a refused template takes well under a second.
GUARD_SECONDS = 60


class Hung(BaseException):
    """Raised in a test that did not finish; a BaseException so that no ``except
    Exception`` in the code under test can turn it into an ordinary problem."""


@contextmanager
def hang_guard(seconds: int = GUARD_SECONDS) -> Iterator[None]:
    """Fail the block if it runs ``seconds``; kill the process if Python code cannot be
    interrupted (a single huge C-level computation such as 10**10**10) for twice that."""

    def on_alarm(signum: int, frame: object) -> None:
        raise Hung(f"still running after {seconds} s: the template budget did not stop it")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(seconds)
    faulthandler.dump_traceback_later(seconds * 2, exit=True, file=sys.__stderr__)
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
