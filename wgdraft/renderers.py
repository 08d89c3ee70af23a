"""Output formats: the ``Renderer`` protocol and the registry of formats.

A format is one module that defines ``RENDERER``, an object with the ``Renderer``
protocol, and is named in ``FORMAT_MODULES``. The registry imports those modules the
first time a format is asked for; a format module must stay cheap to import and import
its heavy libraries (python-docx) only inside its render methods, so that rendering
one format never loads another's. ``render --format`` offers every registered name.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from .library import Library
    from .tree import Document, Letter, Statement

#: The modules of the built-in formats, in the order ``render --format`` lists them.
FORMAT_MODULES = ("wgdraft.render_docx", "wgdraft.render_text")

#: The format of ``render`` without ``--format`` and of the TUI's export.
DEFAULT = "docx"


class Renderer(Protocol):
    """One output format: a name, a file extension, and the conclusions, a letter and a
    statement rendered to the bytes of one file each."""

    @property
    def name(self) -> str:
        """The value of ``render --format``."""

    @property
    def extension(self) -> str:
        """The extension of every file it writes, without the dot."""

    @property
    def label(self) -> str:
        """How the format is named to the drafter ("DOCX", "plain text")."""

    @property
    def prints(self) -> bool:
        """True if the conclusions can be shown in a terminal: ``render --format NAME``
        without ``-o`` prints them instead of writing a bundle."""

    def conclusions(self, document: Document, library: Library) -> bytes: ...

    def letter(self, letter: Letter, library: Library) -> bytes: ...

    def statement(self, statement: Statement, library: Library) -> bytes: ...


_registry: dict[str, Renderer] = {}
_builtins_loaded = False


def _formats() -> dict[str, Renderer]:
    global _builtins_loaded
    if not _builtins_loaded:
        _builtins_loaded = True
        for module in FORMAT_MODULES:
            renderer: Renderer = importlib.import_module(module).RENDERER
            _registry.setdefault(renderer.name, renderer)
    return _registry


def register(renderer: Renderer) -> Renderer:
    """Add a format (a plug-in's, or a test's); a name taken already is refused."""
    formats = _formats()
    if renderer.name in formats:
        raise ValueError(f"an output format named {renderer.name!r} is registered already")
    formats[renderer.name] = renderer
    return renderer


def unregister(name: str) -> None:
    """Remove a format added with ``register``."""
    _formats().pop(name, None)


def names() -> tuple[str, ...]:
    """Every format's name, the built-in ones first."""
    return tuple(_formats())


def get(name: str) -> Renderer:
    """The format of this name; a KeyError names the formats there are."""
    formats = _formats()
    if name not in formats:
        raise KeyError(f"no output format {name!r}; there are {', '.join(formats)}")
    return formats[name]
