"""Reading the YAML files users write, safely, and finding the line of a field.

Reading refuses what is not a small regular UTF-8 text file (a FIFO, a device, a
5 MB body) before parsing. Parsing uses PyYAML's C loader without YAML's tags: dates
stay strings for pydantic to check, a scalar a constructor cannot build is a located
error, and alias bombs, cycles and characters a document cannot hold are refused.
Line numbers are only needed on the error path; :func:`locate` composes a file's node
tree once and reuses it, so reporting many problems stays linear.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import yaml

from .errors import Problem, WgdraftError

MAX_BYTES = 2 * 1024 * 1024  # a long draft is ~50 KB; the largest clause ~5 KB
MAX_NODES = 200_000  # values after expanding aliases (a 1,000-item draft is ~10,000)

PathPart = str | int

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Base: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Base = yaml.SafeLoader

# the tags YAML gives plain scalars, lists and mappings; anything else was written
# explicitly (!!binary, !!timestamp, !!set ...) and wgdraft files need none
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map")
}


class _Loader(_Base):  # type: ignore[misc,valid-type]
    """The safe loader without dates or explicit tags; constructor failures are marked."""

    yaml_implicit_resolvers: ClassVar = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node.tag not in _PLAIN_TAGS:
            raise _NodeError(node, f"YAML tag {_short(node.tag)} is not used in wgdraft files")
        try:
            return super().construct_object(node, deep)
        except (_NodeError, yaml.YAMLError):
            raise
        except Exception as exc:  # any constructor failure is the file's
            value = node.value if isinstance(node, yaml.ScalarNode) else "this"
            shown = repr(value) if len(value) <= 40 else repr(value[:40]) + "..."
            kind = _KINDS.get(node.tag, _short(node.tag))
            message = f"cannot read {shown} as {kind}; fix it, or quote it to keep it as text"
            raise _NodeError(node, message) from exc


_KINDS = {
    "tag:yaml.org,2002:int": "a whole number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "yes or no",
}


class _NodeError(Exception):
    def __init__(self, node: yaml.Node, message: str) -> None:
        super().__init__(message)
        self.node = node
        self.message = message


def _short(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml") else tag


# --- reading ----------------------------------------------------------------------


def read_bytes(path: Path, head: int | None = None) -> bytes:
    """The bytes of a regular file of at most MAX_BYTES (or only its first ``head``
    bytes, whatever its size); a FIFO or device is refused without blocking (opened
    non-blocking, checked with fstat before reading)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise WgdraftError(Problem(path, "file not found")) from None
        raise WgdraftError(Problem(path, f"cannot read: {exc.strerror or exc}")) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise WgdraftError(Problem(path, "this is a folder, not a file"))
        if not stat.S_ISREG(info.st_mode):
            raise WgdraftError(
                Problem(path, "this is not a regular file (a pipe or device); give a YAML file")
            )
        if head is None and info.st_size > MAX_BYTES:
            raise WgdraftError(Problem(path, _too_large(info.st_size)))
        want = head if head is not None else MAX_BYTES + 1
        chunks = []
        size = 0
        while size < want:  # the file may grow while it is read
            chunk = os.read(fd, want - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if head is None and size > MAX_BYTES:
            raise WgdraftError(Problem(path, _too_large(size)))
        return b"".join(chunks)
    except OSError as exc:
        raise WgdraftError(Problem(path, f"cannot read: {exc.strerror or exc}")) from None
    finally:
        os.close(fd)


def _too_large(size: int) -> str:
    return (
        f"the file is too large ({size / 1_000_000:.1f} MB; wgdraft files are at most "
        f"{MAX_BYTES // (1024 * 1024)} MB): is it really a clause or draft?"
    )


def decode(data: bytes, file: Path | None) -> str:
    """UTF-8 text (a byte order mark is dropped); other bytes are a located error."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise WgdraftError(
                Problem(file, "the file is UTF-16 text; save it as UTF-8 in your editor")
            ) from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise WgdraftError(
            Problem(
                file,
                "the file is not UTF-8 text (a byte here cannot be read); "
                "save it as UTF-8 in your editor",
                line=line,
            )
        ) from None


def read_text(path: Path) -> str:
    """A small regular UTF-8 text file's text; a Word document, a PDF or another binary
    file is named as such."""
    from .filekinds import binary_kind

    data = read_bytes(path)
    kind = binary_kind(data[:65536])
    if kind is not None:
        raise WgdraftError(Problem(path, f"this is {kind}, not a YAML text file"))
    return decode(data, path)


# --- parsing ----------------------------------------------------------------------


def load_text(text: str, file: Path | None) -> Any:
    """Parse YAML text into plain data, every problem a :class:`WgdraftError` with the line:
    syntax, tags, values a constructor refuses, alias bombs and unprintable characters."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = None if node is None else loader.construct_document(node)
    except _NodeError as exc:
        path = _node_path(node, exc.node) if node is not None else ()
        raise WgdraftError(
            Problem(file, exc.message, _field(path), exc.node.start_mark.line + 1)
        ) from None
    except yaml.reader.ReaderError as exc:
        line = text.encode("utf-8", "surrogatepass")[: exc.position].count(b"\n") + 1
        char = (
            exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or "?")
        )
        message = f"contains the character U+{char:04X}, which YAML files cannot hold; remove it"
        raise WgdraftError(Problem(file, message, line=line)) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = exc.problem or str(exc)
        raise WgdraftError(Problem(file, f"malformed YAML: {reason}", line=line)) from None
    except yaml.YAMLError as exc:
        raise WgdraftError(Problem(file, f"malformed YAML: {exc}")) from None
    except RecursionError:
        raise WgdraftError(Problem(file, "malformed YAML: nested too deeply")) from None
    finally:
        loader.dispose()
    _check_data(data, file, text)
    return data


def load_file(path: Path) -> Any:
    """Read and parse one YAML file."""
    return load_text(read_text(path), path)


def check_values(data: Any, file: Path | None) -> None:
    """What :func:`load_text` refuses in loaded data, for data edited since (the problem
    names the field; its line in the file may have moved, so none is given)."""
    _check_data(data, file, None)


def _check_data(data: Any, file: Path | None, text: str | None) -> None:
    """Refuse cycles, more than MAX_NODES values once aliases are expanded, and strings
    with characters a document cannot hold. Shared values are counted once per use
    but walked once (memoized by id), so a billion laughs is refused at once."""
    sizes: dict[int, int] = {}
    # iterative post-order walk: (value, path, children done?)
    stack: list[tuple[Any, tuple[PathPart, ...], bool]] = [(data, (), False)]
    open_ids: set[int] = set()
    while stack:
        value, path, done = stack.pop()
        if not isinstance(value, dict | list):
            if isinstance(value, str):
                _check_string(value, file, text, path)
            continue
        key = id(value)
        if done:
            open_ids.discard(key)
            children = value.values() if isinstance(value, dict) else value
            total = 1 + sum(sizes.get(id(c), 1) for c in children)
            if isinstance(value, dict):
                total += len(value)
            if total > MAX_NODES:
                _refuse(file, text, path, _TOO_MANY)
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in open_ids:
            _refuse(file, text, path, "a YAML alias refers to the value that contains it")
        open_ids.add(key)
        stack.append((value, path, True))
        if isinstance(value, dict):
            for k, v in value.items():
                if isinstance(k, str):
                    _check_string(k, file, text, path)
                elif isinstance(k, list | dict):
                    _refuse(file, text, path, "a key must be plain text")
                stack.append((v, (*path, str(k)), False))
        else:
            stack.extend((v, (*path, i), False) for i, v in enumerate(value))


def _refuse(file: Path | None, text: str | None, path: tuple[PathPart, ...], message: str) -> None:
    line = locate(file, path, text) if text is not None else None
    raise WgdraftError(Problem(file, message, _field(path), line))


_TOO_MANY = (
    f"the file expands to more than {MAX_NODES:,} values (YAML aliases?); "
    "wgdraft files are far smaller"
)


def _bad_char(ch: str) -> bool:
    """Characters XML 1.0 (and so a DOCX) cannot hold; tab and line breaks are fine."""
    code = ord(ch)
    return (
        (code < 0x20 and ch not in "\t\n\r") or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)
    )


def _check_string(
    value: str, file: Path | None, text: str | None, path: tuple[PathPart, ...]
) -> None:
    if not value.isprintable() and any(_bad_char(ch) for ch in value):
        ch = next(ch for ch in value if _bad_char(ch))
        message = (
            f"contains the character U+{ord(ch):04X}, which cannot be printed in a "
            "document; remove it (tabs and line breaks are fine)"
        )
        _refuse(file, text, path, message)


def _field(path: Sequence[PathPart]) -> str:
    from .itempath import ItemPath

    return str(ItemPath.of(path))


def _node_path(root: yaml.Node, target: yaml.Node) -> tuple[PathPart, ...]:
    """The path from ``root`` to ``target`` in a node tree (error path only)."""
    stack: list[tuple[yaml.Node, tuple[PathPart, ...]]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, yaml.ScalarNode) else "?"
                if key is target:
                    return path
                stack.append((value, (*path, name)))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((child, (*path, i)) for i, child in enumerate(node.value))
    return ()


# --- locating fields --------------------------------------------------------------

_COMPOSED: dict[Any, yaml.Node | None] = {}
_COMPOSED_MAX = 8


def _composed(file: Path | None, text: str | None) -> yaml.Node | None:
    """The node tree of a file or text, composed once and kept (keyed by the file's
    identity and modification, or by the text itself)."""
    if text is not None:
        key: Any = ("text", text)
    else:
        assert file is not None
        try:
            info = file.stat()
        except OSError:
            return None
        key = ("file", str(file), info.st_ino, info.st_mtime_ns, info.st_size)
    if key in _COMPOSED:
        return _COMPOSED[key]
    try:
        source = text if text is not None else read_text(file)  # type: ignore[arg-type]
        root = yaml.compose(source, Loader=_Base)
    except (WgdraftError, yaml.YAMLError, RecursionError):
        root = None
    if len(_COMPOSED) >= _COMPOSED_MAX:
        _COMPOSED.pop(next(iter(_COMPOSED)))
    _COMPOSED[key] = root
    return root


def _node_at(node: yaml.Node, path: Sequence[PathPart]) -> tuple[yaml.Node, bool, yaml.Node | None]:
    """Walk ``path`` down a composed node tree; return the deepest node reached, whether
    the whole path was found, and the key node of the last step if it was a key."""
    key_node: yaml.Node | None = None
    for part in path:
        key_node = None
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    node, key_node = value, key
                    break
            else:
                return node, False, None
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
            else:
                return node, False, None
        else:
            return node, False, None
    return node, True, key_node


def locate(file: Path | None, path: Sequence[PathPart], text: str | None = None) -> int | None:
    """The 1-based line of the field at ``path`` in a YAML file, or of its nearest parent:
    the line of its key (``blocks:``), where its value starts on the next line."""
    if file is None and text is None:
        return None
    root = _composed(file, text)
    if root is None:
        return None
    node, _found, key = _node_at(root, path)
    block = isinstance(node, yaml.MappingNode | yaml.SequenceNode) and not node.flow_style
    if key is not None and block:
        return key.start_mark.line + 1
    return node.start_mark.line + 1


def block_start_line(file: Path | None, path: Sequence[PathPart]) -> int | None:
    """The line on which the text of a (possibly block-style) scalar starts."""
    if file is None:
        return None
    root = _composed(file, None)
    if root is None:
        return None
    node, found, _key = _node_at(root, path)
    line = node.start_mark.line + 1
    if found and isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        line += 1
    return line
