"""The one list of file formats: names, extensions, sniffing, reader, writer, help.

`mockint import --help`, `mockint export-deck --format`, the TUI's import dialog
and `reading.parse_file` all read `FORMATS`. Readers and writers are named by
module so that listing the formats (for `--help`) loads none of them; adding a
format is one module here plus one entry below.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockint.core.deck import Deck
    from mockint.storage.formats.base import Builder


@dataclass(frozen=True)
class Format:
    """One file format: how to recognise it, read it and (maybe) write it."""

    name: str
    label: str
    extensions: tuple[str, ...]
    module: str  # in mockint.storage.formats: defines `read` (and `write` if `writes`)
    example: str
    summary: str
    aliases: tuple[str, ...] = ()
    binary: bool = False  # the reader takes bytes, not text
    writes: bool = False

    def reader(self) -> Callable[[Any, Builder], None]:
        return _module(self.module).read

    def writer(self) -> Callable[[Deck], str]:
        if not self.writes:
            raise ValueError(f"mockint does not write {self.label}")
        return _module(self.module).write


def _module(name: str) -> Any:
    return importlib.import_module(f"mockint.storage.formats.{name}")


FORMATS: tuple[Format, ...] = (
    Format(
        "csv", "CSV / TSV", (".csv", ".tsv"), "csv_table", writes=True, aliases=("tsv",),
        summary="a header row naming the columns (prompt or question or front; answer, "
                "category, level, topics, key_points, ...), comma, tab or semicolon separated; "
                r"a literal \n in a cell is a line break",
        example="prompt,answer,category,topics\n"
                '"What is a generator?","A function that yields values lazily.",technical,python',
    ),
    Format(
        "anki", "Anki text export", (".txt",), "anki_text",
        summary="File > Export > Notes in Plain Text: front<TAB>back per line, with Anki's "
                "#separator:, #html:, #tags: and #deck: header lines",
        example="#separator:tab\n#html:true\nWhat is a closure?\tA function that keeps its "
                "enclosing scope.",
    ),
    Format(
        "apkg", "Anki package", (".apkg", ".colpkg", ".anki2", ".anki21"), "anki_package",
        binary=True,
        summary="a deck shared from Anki (File > Export > Anki Deck Package); front and back "
                "fields, tags as topics (python::decorators gives python and decorators)",
        example="mockint import ~/Downloads/Python.apkg",
    ),
    Format(
        "md", "Markdown", (".md", ".markdown"), "markdown", writes=True, aliases=("markdown",),
        summary="a heading per question (the answer runs to the next heading of the same "
                "level), lists of questions, **Q:** / A: pairs or cards between --- lines; "
                "front matter gives the title",
        example="# Python\n\n## What is a decorator?\n\nA function that wraps another one.\n\n"
                "## Why use a virtualenv?\n\nTo keep each project's packages apart.",
    ),
    Format(
        "json", "JSON", (".json",), "json_deck", writes=True,
        summary='a list of questions, a mockint deck, or {"title": ..., "cards": [...]}; '
                "question or front, answer or back, tags, notes",
        example='{"title": "Python", "cards": [{"front": "What is a list?", '
                '"back": "A mutable sequence.", "tags": ["python"]}]}',
    ),
)

_BY_NAME = {name: f for f in FORMATS for name in (f.name, *f.aliases)}
_BY_EXTENSION = {ext: f for f in FORMATS for ext in f.extensions}
NAMES: tuple[str, ...] = tuple(f.name for f in FORMATS)
WRITABLE: tuple[str, ...] = tuple(f.name for f in FORMATS if f.writes)
EXTENSIONS: tuple[str, ...] = tuple(_BY_EXTENSION)


def by_name(name: str) -> Format | None:
    return _BY_NAME.get(name.lower().lstrip("."))


def by_extension(suffix: str) -> Format | None:
    return _BY_EXTENSION.get(suffix.lower())


def help_text() -> str:
    """Every format with a one-line summary and a short example (for `import --help`)."""
    import textwrap

    parts = ["formats (--format NAME; by default from the extension and the content):"]
    for f in FORMATS:
        parts.append("")
        parts += textwrap.wrap(f"{f.name} ({f.label}; {' '.join(f.extensions)}): {f.summary}",
                               78, initial_indent="  ", subsequent_indent="    ")
        parts += ["      " + line for line in f.example.splitlines()]
    parts.append("")
    parts += textwrap.wrap("a folder: every .md, .csv, .tsv, .json and .apkg file in it (one "
                           "deck, or one per file with --per-file)", 78, initial_indent="  ",
                           subsequent_indent="    ")
    return "\n".join(parts)
