"""Draft files as the user wrote them: loaded and saved with ruamel.yaml's round-trip
mode so that comments, key order and quoting survive an edit made in the TUI.

The library and the drafts are read with PyYAML (:mod:`wgdraft.yamlio`), which follows
YAML 1.1: ``no``, ``yes``, ``on`` and ``off`` are booleans there. ruamel.yaml follows
YAML 1.2 unless told otherwise, so it is told: it reads these words as PyYAML does, and
quotes a string such as ``'no'`` when it writes one, so that what it writes reads back
the same. (It writes no ``%YAML`` directive.)"""

from __future__ import annotations

import functools
import io
from pathlib import Path
from typing import Any

from .atomic import write_text
from .errors import Problem, WgdraftError

# PyYAML's booleans (ruamel's YAML 1.1 also takes y and n, which PyYAML reads as text)
_BOOL = r"^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$"


@functools.cache
def _resolver() -> type:
    import re

    from ruamel.yaml.resolver import VersionedResolver

    class Yaml11Resolver(VersionedResolver):
        """Implicit types as PyYAML reads them (YAML 1.1), for reading and writing."""

        def __init__(self, version: Any = None, loader: Any = None, loadumper: Any = None):
            super().__init__(version=(1, 1), loader=loader, loadumper=loadumper)

        @property
        def versioned_resolver(self) -> Any:
            table = super().versioned_resolver
            if not getattr(self, "_pyyaml_bools", False):
                bool_tag = "tag:yaml.org,2002:bool"
                for first, resolvers in table.items():
                    table[first] = [(t, r) for t, r in resolvers if t != bool_tag]
                for first in "yYnNtTfFoO":
                    table.setdefault(first, []).insert(0, (bool_tag, re.compile(_BOOL)))
                self._pyyaml_bools = True
            return table

    return Yaml11Resolver


def _octal(representer: Any, data: Any) -> Any:
    """An octal number as YAML 1.1 writes it (010), not 1.2's 0o10."""
    digits = f"{data:0{data._width}o}" if data._width is not None else format(data, "o")
    prefix = "" if digits.startswith("0") else "0"
    return representer.insert_underscore(prefix, digits, data._underscore)


def _yaml() -> Any:
    from ruamel.yaml import YAML  # lazy: only editing needs round-trip YAML
    from ruamel.yaml.scalarint import OctalInt

    yaml = YAML(typ="rt")
    yaml.Resolver = _resolver()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the user's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.add_representer(
        type(None), lambda r, _: r.represent_scalar("tag:yaml.org,2002:null", "null")
    )
    yaml.representer.add_representer(OctalInt, _octal)
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


def read_text(path: Path) -> str:
    """A file's text, read as every user file is (wgdraft.yamlio): a regular UTF-8 file
    of limited size, never blocking on a pipe; otherwise one clear problem."""
    from .yamlio import read_text as safe_read_text

    return safe_read_text(path)


def load(path: Path) -> Any:
    return loads(read_text(path), path)


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
