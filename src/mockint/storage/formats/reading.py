"""Reading one file safely and choosing its format (`parse_file`).

Only regular files up to `MAX_BYTES` are read (a device such as /dev/zero or
a pipe would never end); a web address is not fetched. Binary files are named
for what they are (an Anki package is read, a zip, PDF or database is not
called "not UTF-8").
"""

from __future__ import annotations

import copy
import os
import re
import stat
from pathlib import Path

from mockint.storage.formats import registry
from mockint.storage.formats.base import Builder, ImportFailed, ImportProblem, ImportResult, Options

MAX_BYTES = 50 * 1024 * 1024
# One slash is enough: pathlib turns "https://host/x" into "https:/host/x".
URL = re.compile(r"^(?:https?|s?ftp|file):/", re.IGNORECASE)
ZIP_MAGIC = b"PK\x03\x04"
SQLITE_MAGIC = b"SQLite format 3\x00"


def refuse_url(name: str) -> None:
    if URL.match(name):
        raise ImportFailed(f"{name} is a web address; mockint does not download files: "
                           "download it first (e.g. curl -LO URL), then import the file")


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or ImportFailed saying why it cannot be read."""
    refuse_url(str(path))
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImportFailed("file not found") from None
    except OSError as error:
        raise ImportFailed(f"cannot read: {error.strerror}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ImportFailed("this is a folder: import the folder itself with `mockint import "
                           "FOLDER`, or give one file")
    if not stat.S_ISREG(info.st_mode):
        raise ImportFailed("not a regular file (a device, pipe or socket): mockint imports "
                           "files only; save the questions to a file first")
    if info.st_size > MAX_BYTES:
        raise ImportFailed(f"the file is {info.st_size // (1024 * 1024)} MB; mockint imports "
                           f"files up to {MAX_BYTES // (1024 * 1024)} MB: split it")
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise ImportFailed(f"cannot read: {error.strerror}") from None
    if len(data) > MAX_BYTES:
        raise ImportFailed(f"the file is over {MAX_BYTES // (1024 * 1024)} MB: split it")
    return data


def binary_kind(data: bytes) -> str | None:
    """What a binary file is, worded for the user, or None for text (or an Anki package)."""
    if data.startswith(ZIP_MAGIC):
        head = data[:4096]
        if b"[Content_Types].xml" in data[:2048] or b"word/" in head or b"xl/" in head:
            return ("an Office document (Word or Excel), not a question file: save it as CSV "
                    "(Excel) or Markdown/plain text (Word) first")
        return None if is_anki_zip(data) else (
            "a zip archive, not a question file: unzip it and import the files inside "
            "(or the folder)")
    if data.startswith(SQLITE_MAGIC):
        return None
    if data.startswith(b"%PDF"):
        return "a PDF, which mockint cannot read: copy its text into a Markdown or text file"
    if data.startswith(b"\x1f\x8b"):
        return "a gzip archive: unpack it first (gunzip) and import what is inside"
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return None
    if b"\x00" in data[:8192]:
        return "a binary file, not text: mockint imports CSV, Markdown, JSON and Anki files"
    return None


def is_anki_zip(data: bytes) -> bool:
    return any(name in data for name in (b"collection.anki2", b"collection.anki21"))


def decode(data: bytes) -> str:
    """Text from UTF-8 (with or without a BOM) or UTF-16 with a BOM."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailed([ImportProblem(line, f"not UTF-8 text (byte {error.start}): "
                                                "save the file as UTF-8")]) from None


def format_by_name(name: str) -> registry.Format:
    found = registry.by_name(name)
    if found is None:
        raise ImportFailed(f'unknown format "{name}"; use one of {", ".join(registry.NAMES)}')
    return found


def detect_format(path: Path, data: bytes | None = None) -> str:
    """The format's name, from the extension and the content."""
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    if data.startswith(ZIP_MAGIC) or data.startswith(SQLITE_MAGIC):
        return "apkg"
    found = registry.by_extension(path.suffix)
    if found is not None and found.name not in ("csv", "anki"):
        return found.name
    if found is None and path.suffix.lower() not in ("", ".text"):
        raise ImportFailed(f'cannot tell the format from the extension "{path.suffix}"; '
                           f"give --format ({', '.join(registry.NAMES)})")
    text = decode(data)
    if found is None:
        return _sniff_text(text)
    from mockint.storage.formats.csv_table import has_header

    if has_header(text):
        return "csv"
    # No header naming a prompt column: rows of front and back, as Anki exports them
    # (a .csv of "question,answer" rows without a header is the same thing).
    return "anki" if path.suffix.lower() in (".tsv", ".csv") or _looks_like_anki(text) else "md"


def _looks_like_anki(text: str) -> bool:
    """Anki's header lines, or a tab on most lines (a .txt of plain notes is read as Markdown)."""
    if re.match(r"#(separator|html|tags|deck|notetype|columns|guid column)\b", text, re.IGNORECASE):
        return True
    lines = [line for line in text.splitlines()[:200] if line.strip()]
    return bool(lines) and sum("\t" in line for line in lines) * 2 >= len(lines)


def _sniff_text(text: str) -> str:
    from mockint.storage.formats.csv_table import has_header

    start = text.lstrip()[:1]
    if start in ("{", "["):
        return "json"
    if has_header(text):
        return "csv"
    if _looks_like_anki(text):
        return "anki"
    return "md"


def parse_bytes(data: bytes, kind: str, options: Options | None = None) -> ImportResult:
    """Read `data` as format `kind` (a registry name)."""
    from mockint.storage.formats.checks import check

    fmt = format_by_name(kind)
    builder = Builder(copy.deepcopy(options) if options else Options())
    text = ""
    if fmt.binary:
        fmt.reader()(data, builder)
    else:
        text = decode(data)
        fmt.reader()(text, builder)
    if not builder.questions and not builder.problems:
        builder.problem(0, f"no questions found (read as {fmt.name}; see `mockint import --help`)")
    deck = dict(builder.deck)
    result = ImportResult(builder.questions, builder.problems, fmt.name, deck.get("title"),
                          deck.get("description", ""), deck, duplicates=builder.duplicates)
    result.warnings = check(result, builder.lines, text)
    return result


def parse_file(path: Path, fmt: str | None = None, options: Options | None = None) -> ImportResult:
    """Read `path` into validated questions, problems per line, and warnings.

    Raises ImportFailed when the file cannot be read at all.
    """
    path = Path(path)
    data = read_bytes(path)
    kind = format_by_name(fmt).name if fmt else None
    if kind is None or not format_by_name(kind).binary:
        why = binary_kind(data)
        if why:
            raise ImportFailed(f"this is {why}")
    return parse_bytes(data, kind or detect_format(path, data), options)
