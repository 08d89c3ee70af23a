"""Where wgdraft finds its clause library and templates.

Order: an explicit ``--library`` / ``--templates`` folder, then the environment
variables ``WGDRAFT_LIBRARY`` / ``WGDRAFT_TEMPLATES``, then the bundled copies (inside
the installed package, or at the top of a source checkout).
"""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
LIBRARY_ENV = "WGDRAFT_LIBRARY"
TEMPLATES_ENV = "WGDRAFT_TEMPLATES"


def _bundled(name: str) -> Path:
    installed = _PACKAGE / "bundled" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name  # a source checkout or an editable install


def bundled_clauses() -> Path:
    return _bundled("clauses")


def bundled_templates() -> Path:
    return _bundled("templates")


def clauses_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The clause folder. A workspace folder holding ``clauses/`` is accepted too."""
    chosen = explicit or os.environ.get(LIBRARY_ENV)
    if not chosen:
        return bundled_clauses()
    path = Path(chosen).expanduser()
    return path / "clauses" if (path / "clauses").is_dir() else path


def templates_dir(
    explicit: str | os.PathLike[str] | None = None,
    library: str | os.PathLike[str] | None = None,
) -> Path:
    """The templates folder: explicit, env, a workspace's own ``templates/``, or bundled."""
    chosen = explicit or os.environ.get(TEMPLATES_ENV)
    if chosen:
        return Path(chosen).expanduser()
    workspace = library or os.environ.get(LIBRARY_ENV)
    if workspace and (Path(workspace).expanduser() / "templates").is_dir():
        return Path(workspace).expanduser() / "templates"
    return bundled_templates()
