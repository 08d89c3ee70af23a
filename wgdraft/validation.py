"""Turning pydantic validation errors into problems that name file, line and field."""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from .errors import Problem
from .itempath import ItemPath
from .yamlio import locate

M = TypeVar("M", bound=BaseModel)


def _message(error: dict[str, Any]) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        return "unknown field (check its spelling)"
    if kind == "missing":
        return "required field is missing"
    if kind == "too_short" and error["loc"][-1:] == ("items",) and not error["input"]:
        # a block the drafter has just emptied (undo of its first clause)
        return "this block has no items yet: add a clause to it, or remove the block"
    message = str(error["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message


def problems_from(
    exc: ValidationError, file: Path | None, text: str | None = None
) -> list[Problem]:
    """One problem per pydantic error, each with the line of the offending field."""
    problems = []
    for error in exc.errors():
        loc = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
        field = str(ItemPath.of(loc))
        problems.append(Problem(file, _message(error), field, locate(file, loc, text)))
    return problems


def validate(model: type[M], data: Any, file: Path | None, text: str | None = None) -> M:
    """Validate ``data`` as ``model``; raise WgdraftError listing every problem."""
    from .errors import WgdraftError

    if not isinstance(data, dict):
        raise WgdraftError(Problem(file, "expected a mapping of fields at the top level", line=1))
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise WgdraftError(problems_from(exc, file, text)) from None
