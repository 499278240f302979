"""Atomic writes: nothing the user saved is ever half-written."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False) -> None:
    """Write `data` to `path` via a temp file in the same folder, fsync, then replace.

    With `backup`, the previous file (if any) is kept as `path.bak` first. If
    anything fails before the replace, the old file is untouched.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        _copy_mode(path, tmp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup and path.exists():
            shutil.copy2(path, path.with_name(path.name + ".bak"))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str, *, backup: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup)


def _copy_mode(original: Path, tmp: Path) -> None:
    """Keep the file's permissions (mkstemp makes 0600; a new file gets the umask's)."""
    try:
        mode = original.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(tmp, mode)


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable on POSIX; not possible on Windows.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def toml_error_place(error: Exception) -> tuple[str, str]:
    """("line 3, column 5", "Invalid value") from a tomllib error (3.11 has no attributes)."""
    message = str(error)
    match = _TOML_PLACE.search(message)
    place = f"line {match[1]}, column {match[2]}" if match else ""
    return place, _TOML_PLACE.sub("", message)
