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


# --- per-user state (XDG) ------------------------------------------------------------

STATE_ENV = "WGDRAFT_STATE_DIR"


def state_dir() -> Path:
    """Where recent drafts and recovery files live: $WGDRAFT_STATE_DIR, else
    $XDG_STATE_HOME/wgdraft, else ~/.local/state/wgdraft."""
    explicit = os.environ.get(STATE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base).expanduser() / "wgdraft"


def recovery_dir() -> Path:
    return state_dir() / "recovery"


def recent_file() -> Path:
    return state_dir() / "recent.json"


CACHE_ENV = "WGDRAFT_CACHE_DIR"


def cache_dir() -> Path:
    """Where cached data (the names templates use) is kept: $WGDRAFT_CACHE_DIR, else
    $XDG_CACHE_HOME/wgdraft, else ~/.cache/wgdraft. Safe to delete at any time."""
    explicit = os.environ.get(CACHE_ENV)
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser() / "wgdraft"
