"""TOML files read through parsed copies kept as JSON in the cache folder.

Every start reads the bundled theme files and the settings. tomllib is pure
Python: importing it and parsing those files was ~13 M instructions (~6 ms) of
each start, before the first frame. `load_toml` keeps a file's parsed data as
JSON beside the deck index, with the file's size and modification time, and
reads that copy (json is in C, and already loaded for the deck index) while
both are unchanged. A copy that does not match exactly is ignored and the cache
is safe to delete, as for the deck index.

A file modified in the last few seconds gets no copy: a second change within
the same tick of the file system's clock, of the same size, would keep the
stamp and the stale copy would be read (git's "racily clean" files). Data
JSON cannot hold (a TOML date) gets no copy either; such files are parsed each
time, as before.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from mockint import paths
from mockint.storage.files import cache_name, toml_error_place, write_json_quietly

COPIES_FOLDER = "toml-copies"
SETTLED_NS = 3_000_000_000  # a file unchanged this long is copied (see above)


class TomlSyntaxError(ValueError):
    """The file is not valid TOML: `place` ("line 3, column 5", or "") and `message`."""

    def __init__(self, place: str, message: str) -> None:
        super().__init__(f"{place}: {message}" if place else message)
        self.place, self.message = place, message


def load_toml(path: Path, cache: Path | None = None) -> dict[str, Any]:
    """The TOML file at `path`, parsed. Raises OSError or UnicodeDecodeError when it
    cannot be read (FileNotFoundError when it is not there) and TomlSyntaxError."""
    stat = path.stat()
    stamp = [stat.st_size, stat.st_mtime_ns]
    copy = (cache or paths.cache_dir()) / COPIES_FOLDER / cache_name(path)
    data = _read_copy(copy, path, stamp)
    if data is not None:
        return data
    text = path.read_text(encoding="utf-8")
    import tomllib  # only when no copy serves (tomllib is the cost this module saves)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise TomlSyntaxError(*toml_error_place(error)) from None
    except RecursionError:
        raise TomlSyntaxError("", "arrays or tables nested too deeply to read") from None
    if time.time_ns() - stat.st_mtime_ns >= SETTLED_NS:
        write_json_quietly(copy, {"file": str(path), "stamp": stamp, "data": data})
    return data


def _read_copy(copy: Path, path: Path, stamp: list[int]) -> dict[str, Any] | None:
    try:
        raw = json.loads(copy.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError):
        return None
    if not (isinstance(raw, dict) and raw.get("file") == str(path)
            and raw.get("stamp") == stamp and isinstance(raw.get("data"), dict)):
        return None
    return raw["data"]
