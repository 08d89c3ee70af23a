"""The sandboxed Jinja2 environment, its filters, and the values templates see.

Templates come from files a team shares, so they run in Jinja2's
``SandboxedEnvironment``: no access to Python internals, files or the network.
Undefined names are errors (``StrictUndefined``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from jinja2 import (
    FileSystemBytecodeCache,
    FunctionLoader,
    StrictUndefined,
    TemplateSyntaxError,
    meta,
    nodes,
)
from jinja2.sandbox import SandboxedEnvironment

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_SMALL_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

#: Names every template may use without declaring them: the draft's situation.
SITUATION_NAMES = frozenset(
    {
        "country",
        "government",
        "meeting",
        "report",
        "representative",
        "parties",
        "resolutions",
        "previous_conclusions",
        "document",
    }
)


class UNDate(str):
    """A date that prints in UN style ("31 March 2023") and offers its parts."""

    __slots__ = ("iso", "month", "month_year", "year")

    def __new__(cls, value: dt.date) -> UNDate:
        self = super().__new__(cls, f"{value.day} {_MONTHS[value.month - 1]} {value.year}")
        self.iso = value.isoformat()
        self.year = value.year
        self.month = _MONTHS[value.month - 1]
        self.month_year = f"{self.month} {value.year}"
        return self


class CountryName(str):
    """A country as written in running text ("the Sudan"), with its parts."""

    __slots__ = ("The", "adjective", "article", "name")

    def __new__(cls, name: str, article: str = "", adjective: str | None = None) -> CountryName:
        full = f"{article} {name}" if article else name
        self = super().__new__(cls, full)
        self.name = name
        self.article = article
        self.adjective = adjective or name
        self.The = full[:1].upper() + full[1:]
        return self


def un_date(value: Any) -> Any:
    """Filter: a date as "31 March 2023"."""
    if isinstance(value, dt.date):
        return UNDate(value)
    return value


def join_and(values: Iterable[Any], last: str = " and ", sep: str = ", ") -> str:
    """Filter: "a, b and c" (no serial comma, as in UN editorial style)."""
    items = [str(v) for v in values]
    if len(items) <= 1:
        return "".join(items)
    return sep.join(items[:-1]) + last + items[-1]


def words(value: int) -> str:
    """Filter: numbers under ten in words, others in figures with thousands separated
    by commas ("519,300"), as UN editorial style has them."""
    if isinstance(value, int) and 0 <= value < 10:
        return _SMALL_NUMBERS[value]
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def capfirst(value: str) -> str:
    """Filter: capitalize the first letter only."""
    text = str(value)
    return text[:1].upper() + text[1:]


# Templates are looked up by the digest of their source, so that Jinja's bytecode cache
# can keep their compiled form between runs (compiling is most of the first render).
_SOURCES: dict[str, str] = {}


def _digest(source: str) -> str:
    return hashlib.sha1(source.encode("utf-8")).hexdigest()


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    from .paths import cache_dir

    folder = cache_dir() / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@cache
def environment() -> SandboxedEnvironment:
    """The one sandboxed environment used for every template (compiled templates cached)."""
    env = SandboxedEnvironment(
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
        loader=FunctionLoader(_SOURCES.get),
        bytecode_cache=_bytecode_cache(),
        cache_size=-1,
    )
    env.filters.update(un_date=un_date, join_and=join_and, words=words, capfirst=capfirst)
    return env


def _private_names(tree: nodes.Template) -> Iterator[tuple[str, int]]:
    for node in tree.find_all((nodes.Getattr, nodes.Getitem)):
        if isinstance(node, nodes.Getattr):
            name = node.attr
        elif isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            name = node.arg.value
        else:
            continue
        if name.startswith("_"):
            yield name, node.lineno


class TemplateProblem(Exception):
    """A template that cannot be used; ``line`` counts from the template's first line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


class _NamesCache:
    """The names each template source uses, kept on disk between runs: parsing thousands
    of clause bodies at every start is the largest cost of loading a big library."""

    def __init__(self) -> None:
        self.entries: dict[str, list[str]] | None = None
        self.changed = False

    @property
    def file(self):  # type: ignore[no-untyped-def]
        from .paths import cache_dir

        return cache_dir() / "template-names.json"

    def get(self, digest: str) -> list[str] | None:
        if self.entries is None:
            try:
                self.entries = json.loads(self.file.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                self.entries = {}
        return self.entries.get(digest)  # type: ignore[union-attr]

    def put(self, digest: str, names: set[str]) -> None:
        assert self.entries is not None
        self.entries[digest] = sorted(names)
        self.changed = True

    def save(self) -> None:
        if not self.changed or self.entries is None:
            return
        from .atomic import write_text

        try:
            write_text(self.file, json.dumps(self.entries))
            self.changed = False
        except OSError:
            pass  # a cache: never fail the user's work for it


NAMES_CACHE = _NamesCache()


def inspect(source: str) -> set[str]:
    """Parse a template; return the names it uses. Raise TemplateProblem for syntax errors
    and for reaching into private attributes, which the sandbox would refuse anyway.
    Only templates that parsed cleanly are cached."""
    digest = _digest(source)
    cached = NAMES_CACHE.get(digest)
    if cached is not None:
        return set(cached)
    names = _inspect(source)
    NAMES_CACHE.put(digest, names)
    return names


def _inspect(source: str) -> set[str]:
    env = environment()
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as exc:
        raise TemplateProblem(f"template syntax error: {exc.message}", exc.lineno) from None
    for name, line in _private_names(tree):
        raise TemplateProblem(f"access to {name!r} is not allowed in a template", line)
    return set(meta.find_undeclared_variables(tree))


def render(source: str, context: dict[str, Any]) -> str:
    """Render one template string in the sandbox (compiled templates are cached by Jinja)."""
    return _compiled(source).render(context)


@cache
def _compiled(source: str):  # type: ignore[no-untyped-def]
    digest = _digest(source)
    _SOURCES[digest] = source
    return environment().get_template(digest)


def normalize_space(text: str) -> str:
    """Fold the white space of a rendered template into single spaces."""
    return " ".join(text.split())
