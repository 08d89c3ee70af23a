"""Atomic file writes: a temporary file in the same folder, then a rename.

``exchange`` swaps two folders in one step where the system can (Linux
``renameat2(RENAME_EXCHANGE)``), for bundles that are replaced whole.

Permissions are those any editor gives: a new file gets the user's umask (0644 under
the usual 022, 0664 under 002, so colleagues on a shared drive can open it); a file
that is replaced keeps its previous mode.
"""

from __future__ import annotations

import ctypes
import errno
import os
import secrets
import stat
import sys
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


_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange(a: Path, b: Path) -> bool:
    """Swap two existing paths atomically: readers see one or the other at each path,
    never neither. Returns False, changing nothing, where the system or file system
    cannot (then the caller renames twice)."""
    if sys.platform != "linux":
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without renameat2
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    renameat2.argtypes += [ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # not on this file system
        return False
    raise OSError(code, os.strerror(code), str(a), None, str(b))
