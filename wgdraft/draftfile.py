"""Draft files as the user wrote them: loaded and saved with ruamel.yaml's round-trip
mode so that comments, key order and quoting survive an edit made in the TUI."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from .atomic import write_text
from .errors import Problem, WgdraftError


def _yaml() -> Any:
    from ruamel.yaml import YAML  # lazy: only editing needs round-trip YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the user's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    return yaml


def loads(text: str, file: Path | None = None) -> Any:
    """Parse draft text into round-trip data (mappings and lists that keep comments)."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = _yaml().load(text)
    except MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise WgdraftError(Problem(file, f"malformed YAML: {exc.problem}", line=line)) from None
    except YAMLError as exc:
        raise WgdraftError(Problem(file, f"malformed YAML: {exc}")) from None
    if data is None:
        from ruamel.yaml.comments import CommentedMap

        data = CommentedMap()
    return data


def load(path: Path) -> Any:
    try:
        return loads(path.read_text(encoding="utf-8"), path)
    except OSError as exc:
        raise WgdraftError(Problem(path, f"cannot read: {exc.strerror or exc}")) from None


def dumps(data: Any) -> str:
    buffer = io.StringIO()
    _yaml().dump(data, buffer)
    return buffer.getvalue()


def save(path: Path, data: Any) -> None:
    """Write the draft atomically (temporary file, then rename)."""
    write_text(path, dumps(data))


def plain(data: Any) -> Any:
    """Round-trip data as plain dicts and lists (for validation)."""
    if isinstance(data, dict):
        return {str(k): plain(v) for k, v in data.items()}
    if isinstance(data, list):
        return [plain(v) for v in data]
    if isinstance(data, str):
        return str(data)
    if isinstance(data, bool) or data is None:
        return data
    if isinstance(data, int):
        return int(data)
    if isinstance(data, float):
        return float(data)
    return data
