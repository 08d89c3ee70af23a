"""A small draft made from the Mali example with negotiation data: a bracket proposed by
France, a comment, items agreed and under discussion (for the negotiation tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import MALI


def mali_data() -> dict[str, Any]:
    """The Mali example's data: its opening and its first block (4), nothing else."""
    data: dict[str, Any] = yaml.safe_load(MALI.read_text(encoding="utf-8"))
    data["blocks"] = data["blocks"][:1]
    data.pop("annex", None)
    return data


def negotiated(chosen: str | None = None) -> dict[str, Any]:
    """Mali with paragraph 1 agreed, 4 (b) under discussion with "Calling upon" in
    brackets (France proposes "Urging"; ``chosen`` if given) and a comment by Ghana."""
    data = mali_data()
    data["opening"][0]["status"] = "agreed"
    item = data["blocks"][0]["items"][1]
    item["status"] = "under-discussion"
    item["brackets"] = [
        {
            "span": "Calling upon",
            "options": [{"text": "Calling upon"}, {"text": "Urging", "proposed_by": "France"}],
            **({"chosen": chosen} if chosen is not None else {}),
        }
    ]
    item["comments"] = [
        {"author": "Ghana", "date": dt.date(2025, 5, 2), "text": "Prefer the stronger verb."}
    ]
    return data


def write(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
