"""User-facing errors: every problem names a file, a line where known, and a field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a user's file."""

    file: Path | None
    message: str
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = str(self.file) if self.file is not None else "<input>"
        if self.line is not None:
            where += f":{self.line}"
        field = f" {self.field}:" if self.field else ""
        message = " ".join(line.strip() for line in self.message.splitlines())  # one line
        return f"{where}:{field} {message}"


class WgdraftError(Exception):
    """One or more problems in user input; the CLI prints them without a traceback."""

    def __init__(self, problems: list[Problem] | Problem) -> None:
        self.problems = [problems] if isinstance(problems, Problem) else list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def os_problem(exc: OSError, path: Path | None = None, doing: str = "cannot write") -> Problem:
    """One line for an operating-system error: the file, what failed and why."""
    file = Path(exc.filename) if exc.filename else path
    return Problem(file, f"{doing}: {exc.strerror or exc}")
