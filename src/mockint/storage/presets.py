"""Remembered setups and saved presets on disk: `setups.toml` in the config folder.

The file is small and rewritten whole, atomically, each time a session starts
from the setup screen or a preset is saved or deleted. A file that cannot be
read is reported (naming the file and the place) and ignored, so the setup
opens on the defaults; it is kept beside as `setups.toml.invalid-<time>`
before a good one replaces it, so nothing the person wrote by hand is lost.

Home shows the saved presets' names at start-up: `saved_preset_names` reads
just those, without pydantic or the session models (issue 15's start path).
"""

from __future__ import annotations

import shutil
import tomllib
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from mockint import paths
from mockint.storage.files import FileProblem, atomic_write_text, read_toml_model

if TYPE_CHECKING:
    from mockint.core.setups import Setups

# What a remembered setup never keeps (see core.setups.kept).
_NOT_KEPT = {"seed", "questions", "warning_fraction"}


class SetupsProblem(FileProblem):
    """The setups file cannot be read; `str()` names the file and the place."""


def load_setups(path: Path | None = None) -> Setups:
    """The remembered setups and saved presets (none yet: empty); SetupsProblem if bad."""
    from mockint.core.setups import Setups

    return read_toml_model(path or paths.setups_path(), Setups, SetupsProblem) or Setups()


def load_setups_or_empty(path: Path | None = None) -> tuple[Setups, SetupsProblem | None]:
    from mockint.core.setups import Setups

    try:
        return load_setups(path), None
    except SetupsProblem as problem:
        return Setups(), problem


def saved_preset_names(path: Path | None = None) -> list[str]:
    """The names of the saved presets, unchecked (home's list at start-up); none if the
    file is missing or unreadable (it is reported when a preset is used)."""
    try:
        data = tomllib.loads((path or paths.setups_path()).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return []
    entries = data.get("presets")
    if not isinstance(entries, list):
        return []
    return [e["name"] for e in entries if isinstance(e, dict) and isinstance(e.get("name"), str)]


def save_setups(setups: Setups, path: Path | None = None) -> Path | None:
    """Write the setups atomically; a file there that cannot be read is first kept as
    `setups.toml.invalid-<time>`, whose path is returned (None: nothing needed keeping)."""
    import tomli_w

    path = path or paths.setups_path()
    kept = None
    if path.exists():
        try:
            load_setups(path)
        except SetupsProblem:
            kept = _keep_aside(path)
    not_kept = {"__all__": _NOT_KEPT}
    data = setups.model_dump(mode="json", exclude_none=True, exclude={
        "last": not_kept, "presets": {"__all__": {"config": _NOT_KEPT}}})
    atomic_write_text(path, tomli_w.dumps(data))
    return kept


def _keep_aside(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    kept, n = path.with_name(f"{path.name}.invalid-{stamp}"), 2
    while kept.exists():
        kept, n = path.with_name(f"{path.name}.invalid-{stamp}-{n}"), n + 1
    shutil.copy2(path, kept)
    return kept
