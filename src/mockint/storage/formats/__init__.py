"""Question files in and out: one module per format, one registry, one builder.

- `registry`: the formats (names, extensions, reader and writer modules, help).
- `base`: results, problems, options and the shared question `Builder`.
- `reading`: reading a file safely, choosing its format, `parse_file`.
- `checks`: warnings when a result looks unlike what the file meant.
- `importing`: which deck the questions go to, and writing it.
- `csv_table`, `anki_text`, `anki_package`, `markdown`, `json_deck`: the formats.
- `sections`: what a section title says (a category, or nothing: "Questions").
- `export`: a deck written in one of the formats.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Loaded on first use, so that `mockint --help` (which lists the formats from
# `registry`) does not load pydantic or the readers.
_HOMES = {
    "ImportFailed": "base", "ImportProblem": "base", "ImportResult": "base", "Options": "base",
    "ImportPlan": "importing", "ImportReport": "importing", "apply_plan": "importing",
    "import_file": "importing", "plan_import": "importing",
    "detect_format": "reading", "parse_file": "reading",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(name)
    return getattr(import_module(f"mockint.storage.formats.{_HOMES[name]}"), name)


__all__ = sorted(_HOMES)
