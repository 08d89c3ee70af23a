"""Writing a rendered bundle to disk: conclusions, letters, statements and a manifest.

The guarantee: the output folder holds the previous bundle or the new one, never a mix
of the two, and never a temporary file. Every file is rendered in memory first (a failed
render touches nothing). The new bundle is then written into a hidden staging folder
beside the target (``.NAME.wgdraft-swap-PID-XXXXXXXX``), with hard links (or copies) of
the user's own files in the output folder (those the previous manifest does not list),
and swapped in:

- on Linux, with one ``renameat2(RENAME_EXCHANGE)``: at every moment the path is the old
  folder or the new one;
- elsewhere, or on a file system that cannot exchange, with two renames (the target to
  ``.NAME.wgdraft-old-PID-XXXXXXXX``, then the staging folder to the target): in between
  the folder is briefly absent, never mixed. If the process dies right there, the next
  run puts the old folder back.

The old folder is then removed, after moving into the new one any file the user saved
in it during the swap. Leftovers of a killed run (staging and old folders of a process
no longer running; on Windows, where that cannot be checked, all of them) are removed
at the start of the next run, and old per-file temporaries are not carried over.

Because the folder is replaced whole, a render refuses to replace the current folder,
a folder holding the draft, a mount point or a disk's root.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import secrets
import shutil
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from . import atomic, renderers
from .errors import Problem, WgdraftError
from .library import Library
from .renderers import Renderer
from .tree import Bundle, Document, Letter, Statement

MANIFEST = "manifest.json"
OUTPUT_ROOT = "wgdraft-out"


@dataclass(frozen=True, slots=True)
class OutputFile:
    """One file of a bundle, with what the manifest says about it."""

    path: str
    kind: str  # conclusions | letter | statement
    recipient: str | None
    paragraph: int | None
    channel: str | None
    payload: bytes


_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{d}{n}" for d in ("com", "lpt") for n in range(10)}


def safe_name(stem: str) -> str:
    """One path component made from a draft's name: no separators, no leading dots
    (``..`` would climb out of the output folder), nothing Windows refuses."""
    name = _UNSAFE.sub("-", stem).strip(" .")
    if not name:
        return "draft"
    if name.split(".")[0].lower() in _RESERVED:
        return f"draft-{name}"
    return name


def default_output_dir(draft_path: Path, stage: str = "clean", root: Path | None = None) -> Path:
    """Where a stage's text goes: ``root`` (by default ./wgdraft-out/<draft name>/,
    always inside ./wgdraft-out/) for the clean text; the negotiation text goes beside
    it, to <root>-negotiation/, so that neither replaces the other (a render replaces
    its folder whole). ``wgdraft render`` and the editor's export both ask here."""
    folder = root if root is not None else Path(OUTPUT_ROOT) / safe_name(draft_path.stem)
    return folder if stage == "clean" else folder.with_name(f"{folder.name}-{stage}")


def bundle_stage(folder: Path) -> str | None:
    """The stage of the bundle in ``folder`` by its manifest ("clean" when it names
    none), or None when there is no bundle there."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    stage = manifest.get("stage", "clean") if isinstance(manifest, dict) else None
    return stage if isinstance(stage, str) else None


Progress = Callable[[int, int, str], None]  # (done, total, file being rendered)

Source = Document | Letter | Statement


def _planned(bundle: Bundle, extension: str) -> list[tuple[OutputFile, Source]]:
    """Every file of the bundle, its payload still to render, with what it renders."""
    files: list[tuple[OutputFile, Source]] = [
        (
            OutputFile(f"conclusions.{extension}", "conclusions", None, None, None, b""),
            bundle.conclusions,
        )
    ]
    for kind, items in (("letter", bundle.letters), ("statement", bundle.statements)):
        for item in items:
            path = f"{kind}s/{item.paragraph:02d}-{item.channel}.{extension}"
            files.append(
                (OutputFile(path, kind, item.recipient, item.paragraph, item.channel, b""), item)
            )
    return files


def _render(renderer: Renderer, source: Source, library: Library) -> bytes:
    if isinstance(source, Letter):
        return renderer.letter(source, library)
    if isinstance(source, Statement):
        return renderer.statement(source, library)
    return renderer.conclusions(source, library)


def render_files(
    bundle: Bundle,
    library: Library,
    fmt: str = renderers.DEFAULT,
    progress: Progress | None = None,
) -> list[OutputFile]:
    """Render every document of the bundle in memory, in the format named ``fmt``
    (one of ``renderers.names()``)."""
    renderer = renderers.get(fmt)
    planned = _planned(bundle, renderer.extension)
    files = []
    for done, (file, source) in enumerate(planned):
        if progress:
            progress(done, len(planned), file.path)
        files.append(replace(file, payload=_render(renderer, source, library)))
    if progress:
        progress(len(planned), len(planned), "")
    return files


def _manifest_bytes(
    files: list[OutputFile], bundle: Bundle, source: str, stage: str = "clean"
) -> bytes:
    entries = [
        {
            "file": f.path,
            "kind": f.kind,
            "recipient": f.recipient,
            "paragraph": f.paragraph,
            "channel": f.channel,
        }
        for f in files
    ]
    manifest: dict[str, object] = {"draft": source, "symbol": bundle.conclusions.symbol_shown}
    if stage != "clean":  # a clean bundle's manifest is as it always was
        manifest["stage"] = stage
    manifest["files"] = entries
    return (json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_bundle(
    bundle: Bundle,
    library: Library,
    out_dir: Path,
    fmt: str = renderers.DEFAULT,
    source: str = "",
    progress: Progress | None = None,
    stage: str = "clean",
    extra: list[OutputFile] | None = None,
) -> list[Path]:
    """Render, then replace the bundle in ``out_dir`` whole (see the module docstring);
    return the written paths; the manifest names the ``stage`` unless clean. ``extra``
    files (rendered already, such as redlines) join the bundle and its manifest. Path
    and disk problems raise WgdraftError naming the path."""
    files = render_files(bundle, library, fmt, progress) + list(extra or ())
    payloads = {f.path: f.payload for f in files}
    payloads[MANIFEST] = _manifest_bytes(files, bundle, source, stage)
    try:
        target = _target(out_dir, Path(source) if source else None)
        target.parent.mkdir(parents=True, exist_ok=True)
        _clean_leftovers(target)
        old = _swap(_stage(target, payloads), target)
    except OSError as exc:
        raise WgdraftError(_disk_problem(exc, out_dir)) from None
    if old is not None:
        _retire(old, target, set(payloads))
    return [out_dir / name for name in payloads]


# --- where the bundle goes --------------------------------------------------------------


def _target(out_dir: Path, draft: Path | None) -> Path:
    """The real output folder, after refusing the folders a swap must not replace."""
    target = Path(os.path.realpath(out_dir))
    if target.exists() and not target.is_dir():
        raise WgdraftError(
            Problem(out_dir, "is a file, not a folder; give -o a folder (created if missing)")
        )
    cwd = Path(os.path.realpath(Path.cwd()))
    refused = None
    if target.parent == target:
        refused = "is the root of a disk"
    elif target == cwd or target in cwd.parents:
        refused = "is the current folder or holds it"
    elif draft is not None and target in Path(os.path.realpath(draft)).parents:
        refused = f"holds the draft {draft}"
    elif target.is_dir() and os.path.ismount(target):
        refused = "is a mount point"
    if refused:
        raise WgdraftError(
            Problem(
                out_dir,
                f"{refused}; a render replaces its output folder whole, "
                "so give -o a folder of its own (created if missing)",
            )
        )
    return target


def _disk_problem(exc: OSError, out_dir: Path) -> Problem:
    """One line for a file-system error: what is wrong and what to do."""
    code = exc.errno
    if code in (errno.ENOTDIR, errno.EEXIST):
        blocker = next((p for p in (out_dir, *out_dir.parents) if p.is_file()), None)
        if blocker is not None:
            return Problem(
                out_dir, f"cannot be created: {blocker} is a file; choose another folder with -o"
            )
    if code in (errno.EACCES, errno.EPERM, errno.EROFS):
        return Problem(
            out_dir,
            f"cannot write here ({exc.strerror}{_where(exc)}); "
            "choose a folder you can write to with -o",
        )
    if code in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return Problem(
            out_dir, "the disk is full; free some space and render again (the bundle is unchanged)"
        )
    return Problem(
        out_dir,
        f"cannot write the bundle here ({exc.strerror or exc}{_where(exc)}); "
        "choose a folder you can write to with -o",
    )


def _where(exc: OSError) -> str:
    """The path an error names, unless it is the hidden staging folder."""
    name = str(exc.filename or "")
    return f": {name}" if name and ".wgdraft-" not in name else ""


# --- staging, swapping, cleaning ------------------------------------------------------

_TEMP_FILE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")  # an interrupted atomic write's


def _sibling(target: Path, kind: str) -> Path:
    return target.with_name(f".{target.name}.wgdraft-{kind}-{os.getpid()}-{secrets.token_hex(4)}")


def _leftovers(target: Path) -> list[tuple[Path, str]]:
    pattern = re.compile(rf"^\.{re.escape(target.name)}\.wgdraft-(swap|old)-(\d+)-[0-9a-f]{{8}}$")
    found = []
    for entry in target.parent.iterdir():
        match = pattern.match(entry.name)
        if match and not _running(int(match.group(2))):
            found.append((entry, match.group(1)))
    return found


def _running(pid: int) -> bool:
    if sys.platform == "win32":  # cannot check without side effects: treat as gone
        return False
    if pid == os.getpid():  # this process removes its own on failure: a past process's
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process
        return True
    return True


def _clean_leftovers(target: Path) -> None:
    """Undo or remove what a killed run left beside the target: an old folder goes back
    if the target is missing (killed between the two renames); the rest is removed."""
    leftovers = _leftovers(target)
    old = [path for path, kind in leftovers if kind == "old"]
    if old and not target.exists():
        newest = max(old, key=lambda p: p.stat().st_mtime)
        os.rename(newest, target)
        leftovers = [(p, k) for p, k in leftovers if p != newest]
    for path, _kind in leftovers:
        shutil.rmtree(path)


def _previous_files(folder: Path) -> set[str]:
    """The files the previous bundle wrote, according to its manifest."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
        return {str(entry["file"]) for entry in manifest["files"]} | {MANIFEST}
    except (OSError, ValueError, KeyError, TypeError):
        return {MANIFEST}


def _stage(target: Path, payloads: dict[str, bytes]) -> Path:
    """A hidden sibling folder holding the new bundle and the user's own files."""
    for attempt in range(100):
        staging = _sibling(target, "swap")
        try:
            os.mkdir(staging, 0o777)  # the umask applies, as for any new folder
            break
        except FileExistsError:
            if attempt == 99:
                raise
    try:
        if target.is_dir():
            os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
            _carry_user_files(target, staging, _previous_files(target), set(payloads))
        for name, data in payloads.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic.create_file(path, data, atomic.existing_mode(target / name))
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _user_entries(folder: Path, bundle_files: set[str], prefix: str = "") -> list[str]:
    """Relative names of what the user keeps in ``folder``: files, links and empty
    folders not written by the previous bundle, nor left by an interrupted write."""
    found = []
    with os.scandir(folder) as entries:
        for entry in sorted(entries, key=lambda e: e.name):
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                inner = _user_entries(Path(entry.path), bundle_files, name + "/")
                bundle_folder = any(f.startswith(name + "/") for f in bundle_files)
                found += inner or ([] if bundle_folder else [name + "/"])
            elif name not in bundle_files and not _TEMP_FILE.match(entry.name):
                found.append(name)
    return found


def _carry_user_files(target: Path, staging: Path, previous: set[str], new_files: set[str]) -> None:
    """Hard-link (or copy) the user's own files into the staging folder, so they stay
    visible throughout the swap; the new bundle's files win over same-named ones."""
    for name in _user_entries(target, previous):
        source, copy = target / name, staging / name
        if name.endswith("/"):
            _make_folder_like(source, copy)
            continue
        if name in new_files:
            continue
        _make_folder_like(source.parent, copy.parent)
        try:
            os.link(source, copy, follow_symlinks=False)
        except OSError:  # no hard links here (FAT, some network shares): a copy
            shutil.copy2(source, copy, follow_symlinks=False)


def _make_folder_like(source: Path, copy: Path) -> None:
    """Make ``copy`` (and its missing parents) with the modes of ``source``'s."""
    if copy.is_dir():
        return
    _make_folder_like(source.parent, copy.parent)
    os.mkdir(copy)
    os.chmod(copy, stat.S_IMODE(source.stat().st_mode))


def _swap(staging: Path, target: Path) -> Path | None:
    """Put the staging folder in the target's place; return where the old one went."""
    try:
        if not target.exists():
            os.rename(staging, target)
            return None
        if atomic.exchange(staging, target):
            return staging  # the staging path now holds the old bundle
        old = _sibling(target, "old")
        os.rename(target, old)
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(old, target)
            raise
        return old
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        _fsync_folder(target.parent)


def _retire(old: Path, target: Path, new_files: set[str]) -> None:
    """Remove the old folder, after moving into the new one what the user saved in it
    during the swap. The new bundle is in place: a failure here only leaves the old
    folder for the next run to remove."""
    with contextlib.suppress(OSError):
        for name in _user_entries(old, _previous_files(old)):
            source, dest = old / name.rstrip("/"), target / name.rstrip("/")
            if name in new_files:
                continue  # the new bundle's file of that name wins
            if dest.exists() or dest.is_symlink():
                if not _same(source, dest):  # changed after it was copied: the user's wins
                    os.replace(source, dest)
                continue
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.rename(source, dest)
        shutil.rmtree(old)


def _same(a: Path, b: Path) -> bool:
    try:
        one, two = os.lstat(a), os.lstat(b)
    except OSError:
        return False
    same_file = (one.st_dev, one.st_ino) == (two.st_dev, two.st_ino)
    return (
        same_file
        or stat.S_ISDIR(one.st_mode)
        or ((one.st_size, one.st_mtime_ns) == (two.st_size, two.st_mtime_ns))
    )


def _fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless to skip where folders cannot be opened."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
