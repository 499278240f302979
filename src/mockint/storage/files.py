"""Atomic writes: nothing the user saved is ever half-written."""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from pydantic import BaseModel

M = TypeVar("M", bound="BaseModel")


def atomic_write_bytes(path: Path, data: bytes, *, backup: bool = False,
                       private: bool = False) -> None:
    """Write `data` to `path` via a temp file in the same folder, fsync, then replace.

    With `backup`, the previous file (if any) is kept as `path.bak`, written the
    same way (a temp copy, then a rename), and the previous `.bak` is put back if
    the save fails after that: a full disk never leaves a half-written backup or
    loses the one before. If anything fails, the old file is untouched. A new
    file is created 0600 with `private` (exports, the user's own data).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _written_temp(path, data, lambda tmp: _copy_mode(path, tmp, private))
    bak = path.with_name(path.name + ".bak")
    previous_bak: Path | None = None
    try:
        if backup and path.exists():
            previous_bak = _set_aside(bak)
            bak_tmp = _temp_beside(bak)
            try:
                shutil.copy2(path, bak_tmp)
                _fsync_file(bak_tmp)
                os.replace(bak_tmp, bak)
            except BaseException:
                bak_tmp.unlink(missing_ok=True)
                raise
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        if previous_bak is not None:  # undo: the backup before this save comes back
            os.replace(previous_bak, bak)
            previous_bak.unlink(missing_ok=True)  # rename between two links of one file keeps both
        raise
    if previous_bak is not None:
        previous_bak.unlink(missing_ok=True)
    _fsync_dir(path.parent)


def atomic_write_text(path: Path, text: str, *, backup: bool = False,
                      private: bool = False) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), backup=backup, private=private)


def _temp_beside(path: Path) -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    return Path(name)


def _written_temp(path: Path, data: bytes, set_mode) -> Path:
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        set_mode(tmp)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def _set_aside(bak: Path) -> Path | None:
    """A second name for the current `.bak` (a hard link, else a copy), to undo with."""
    if not bak.exists():
        return None
    keep = _temp_beside(bak)
    keep.unlink()
    try:
        os.link(bak, keep)
    except OSError:
        shutil.copy2(bak, keep)
    return keep


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class OutputRefused(Exception):
    """`-o PATH` names something mockint must not replace; the message says why and what to do."""


def output_target(path: Path, *, mkdir: bool = False) -> Path:
    """Where writing `-o path` may go: a regular file or a new name, never a device, FIFO,
    folder or the symlink itself (a link is followed to its target)."""
    path = Path(path)
    target = path
    if path.is_symlink():
        try:
            target = path.resolve(strict=False)
        except (RuntimeError, OSError):
            raise OutputRefused(f"{path} is a symbolic link that loops; "
                                "name a regular file instead") from None
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise OutputRefused(f"cannot use {path}: {error.strerror}") from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        kind = ("a folder" if stat.S_ISDIR(info.st_mode) else
                "a FIFO (named pipe)" if stat.S_ISFIFO(info.st_mode) else
                "a device" if stat.S_ISCHR(info.st_mode) or stat.S_ISBLK(info.st_mode) else
                "not a regular file")
        raise OutputRefused(f"{path} is {kind}; mockint writes only to a regular file or a "
                            "new file name (leave out -o to print to standard output)")
    folder = target.parent
    if not folder.is_dir():
        if folder.exists():
            raise OutputRefused(f"{folder} is not a folder; choose another place")
        if not mkdir:
            raise OutputRefused(f"the folder {folder} does not exist; create it first, or add "
                                "--mkdir to create it")
        folder.mkdir(parents=True, exist_ok=True)
    return target


def _copy_mode(original: Path, tmp: Path, private: bool = False) -> None:
    """Keep the file's permissions (mkstemp makes 0600; a new file gets the umask's, or
    stays 0600 when `private`)."""
    try:
        mode = original.stat().st_mode & 0o7777
    except FileNotFoundError:
        if private:
            return
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


def cache_name(path: Path) -> str:
    """The name of a cached JSON copy of `path`: a checksum of the path (the copy names
    its file too, so a clash is only a miss)."""
    import zlib

    return f"{zlib.crc32(str(path).encode('utf-8', 'surrogatepass')):08x}.json"


def write_json_quietly(path: Path, data: object) -> bool:
    """Write `data` as JSON to `path` atomically; False if it could not be. For caches:
    one that cannot be written (or data JSON cannot hold, a TOML date) is only a miss."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, TypeError, ValueError):  # TypeError, ValueError: not JSON (a TOML date)
        return False
    return True


_TOML_PLACE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def toml_error_place(error: Exception) -> tuple[str, str]:
    """("line 3, column 5", "Invalid value") from a tomllib error (3.11 has no attributes)."""
    message = str(error)
    match = _TOML_PLACE.search(message)
    place = f"line {match[1]}, column {match[2]}" if match else ""
    return place, _TOML_PLACE.sub("", message)


class FileProblem(Exception):
    """A file of the user's that cannot be read; `str()` names the file and the place."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


def read_toml_model(path: Path, model: type[M], problem: type[FileProblem] = FileProblem,
                    *, advice: str = "") -> M | None:
    """The `model` kept in the TOML file at `path`, validated; None if there is no file.

    Raises `problem` naming the place: the line and column of a TOML error, or the
    field path (`presets[0].config.count`) of a wrong value, then `advice`.
    """
    from pydantic import ValidationError  # not on the start-up path of every caller

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as error:
        raise problem(path, f"cannot read it ({error})") from None
    import tomllib  # not on the start-up path (storage/toml_copies.py)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        place, message = toml_error_place(error)
        raise problem(path, f"{place + ': ' if place else ''}{message}") from None
    except RecursionError:
        raise problem(path, f"arrays or tables nested too deeply to read{advice}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        field = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
        message = "unknown key" if first["type"] == "extra_forbidden" else first["msg"]
        raise problem(path, f"{field.lstrip('.') or '(file)'}: {message}{advice}") from None
