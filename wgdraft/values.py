"""Where a parameter's value comes from: the item's own values, else the enclosing
block's, else the draft's ``values``, else the situation (a parameter named like a
situation field, such as ``parties``), else the parameter's default. Assembly and the
parameter forms both ask :func:`pick`."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from .models import Draft, Param


class Origin(StrEnum):
    """Where a value was found."""

    GIVEN = "given"  # on the item (or, for a block's introduction, on the block)
    SCOPE = "scope"  # the block's values, else the draft's
    SITUATION = "situation"
    DEFAULT = "default"


class Found(NamedTuple):
    value: Any
    origin: Origin


def situation_values(draft: Draft) -> dict[str, Any]:
    """The situation's fields that may pre-fill parameters of the same name."""
    return {k: v for k, v in draft.situation.model_dump().items() if v is not None}


def scope(draft_values: Mapping[str, Any], block_values: Mapping[str, Any]) -> dict[str, Any]:
    """The values an item inherits: its block's over the draft's."""
    return {**draft_values, **block_values}


def pick(
    name: str,
    param: Param,
    given: Mapping[str, Any],
    inherited: Mapping[str, Any],
    situation: Mapping[str, Any],
) -> Found | None:
    """The raw value of parameter ``name`` and where it comes from; None when nothing
    supplies one."""
    if name in given:
        return Found(given[name], Origin.GIVEN)
    if name in inherited:
        return Found(inherited[name], Origin.SCOPE)
    if name in situation:
        return Found(situation[name], Origin.SITUATION)
    if param.default is not None:
        return Found(param.default, Origin.DEFAULT)
    return None


__all__ = ["Found", "Origin", "pick", "scope", "situation_values"]
