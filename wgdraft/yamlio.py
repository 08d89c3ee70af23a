"""Reading YAML files fast, and finding the line of a field when something is wrong.

Loading uses PyYAML's C loader where available. Line numbers are only needed on the
error path, so :func:`locate` re-reads the file into a node tree lazily.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from .errors import Problem, WgdraftError

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

PathPart = str | int


def load_text(text: str, file: Path | None) -> Any:
    """Parse YAML text, turning syntax errors into a :class:`WgdraftError` with the line."""
    try:
        return yaml.load(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or str(exc)
        raise WgdraftError(Problem(file, f"malformed YAML: {reason}", line=line)) from None
    except yaml.YAMLError as exc:
        raise WgdraftError(Problem(file, f"malformed YAML: {exc}")) from None


def load_file(path: Path) -> Any:
    """Read and parse one YAML file."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise WgdraftError(Problem(path, f"cannot read: {exc.strerror or exc}")) from None
    except UnicodeDecodeError:
        raise WgdraftError(Problem(path, "not UTF-8 text")) from None
    return load_text(text, path)


def _node_at(node: yaml.Node, path: Sequence[PathPart]) -> tuple[yaml.Node, bool]:
    """Walk ``path`` down a composed node tree; return the deepest node reached and
    whether the whole path was found."""
    for part in path:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    node = value
                    break
            else:
                return node, False
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return node, False
        else:
            return node, False
    return node, True


def locate(file: Path | None, path: Sequence[PathPart], text: str | None = None) -> int | None:
    """The 1-based line of the field at ``path`` in a YAML file, or of its nearest parent."""
    if file is None and text is None:
        return None
    try:
        source = text if text is not None else file.read_text(encoding="utf-8")  # type: ignore[union-attr]
        root = yaml.compose(source, Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if root is None:
        return None
    node, _found = _node_at(root, path)
    return node.start_mark.line + 1


def block_start_line(file: Path | None, path: Sequence[PathPart]) -> int | None:
    """The line on which the text of a (possibly block-style) scalar starts."""
    if file is None:
        return None
    try:
        root = yaml.compose(file.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    if root is None:
        return None
    node, found = _node_at(root, path)
    line = node.start_mark.line + 1
    if found and isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line
