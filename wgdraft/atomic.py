"""Atomic file writes: a temporary file in the same folder, then a rename.

Permissions are those any editor gives: a new file gets the user's umask (0644 under
the usual 022, 0664 under 002, so colleagues on a shared drive can open it); a file
that is replaced keeps its previous mode.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

#: Mode asked for when creating a file; the kernel takes the umask off it.
NEW_FILE_MODE = 0o666


def create_file(path: Path, data: bytes, mode: int | None = None) -> None:
    """Create ``path`` (it must not exist) holding ``data``, flushed to disk. ``mode``
    is applied exactly; without it the file gets the user's umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, NEW_FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as handle:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise


def existing_mode(path: Path) -> int | None:
    """The permission bits of an existing regular file, else None."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return stat.S_IMODE(info.st_mode) if stat.S_ISREG(info.st_mode) else None


def write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = existing_mode(path)
    for attempt in range(100):
        tmp = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            create_file(tmp, data, mode)
            break
        except FileExistsError:  # another writer's temporary file: pick another name
            if attempt == 99:
                raise
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))
