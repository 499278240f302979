"""Fixtures shared by every test suite (unit, tui, e2e).

Keep this file to fixtures that more than one test module needs; a fixture used
by one module belongs in that module.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import settings

# CI runs each property test on the same examples every time (derandomize), so a
# landing is never refused by an example no one has seen; runs on a developer's
# machine explore new ones, and a failure found there is kept in .hypothesis/ and
# pinned with @example (see test_interview_machine.py).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

REPO_ROOT = Path(__file__).resolve().parent.parent
"""The source checkout: pyproject.toml, decks/, themes/, src/."""


@pytest.fixture(autouse=True)
def mockint_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point every user location (decks, data, config) at a fresh temp folder.

    Autouse, so no test reads or writes the real user's folders. Subprocesses
    started from a test inherit it through the environment.
    """
    home = tmp_path / "mockint-home"
    home.mkdir()
    monkeypatch.setenv("MOCKINT_HOME", str(home))
    return home


@pytest.fixture
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture
def deck_data() -> dict[str, Any]:
    """A small valid schema-1 deck as plain data; each test gets its own copy."""
    return {
        "schema": 1,
        "id": "sample-backend",
        "title": "Sample backend deck",
        "description": "Three questions used by the tests.",
        "time_limit": 90,
        "interviewer": {"name": "Priya", "role": "Senior backend engineer"},
        "questions": [
            {
                "id": "orm-n-plus-one",
                "category": "technical",
                "level": "mid",
                "topics": ["orm", "performance"],
                "prompt": "What is the N+1 query problem and how do you fix it in Django?",
                "why_asked": "Most slow Django pages are N+1 queries.",
                "sample_answer": "One query for the list, then one per row.\nUse select_related.\n",
                "key_points": [
                    {
                        "point": "select_related follows foreign keys with a JOIN",
                        "cues": ["select_related", "join"],
                    },
                    {"point": "prefetch_related runs a second query", "cues": ["prefetch_related"]},
                ],
                "follow_ups": ["How would you spot it in production?"],
            },
            {
                "id": "conflict-with-colleague",
                "category": "behavioral",
                "level": "junior",
                "prompt": "Tell me about a time you disagreed with a colleague.",
                "key_points": [
                    {"point": "Names a concrete disagreement", "cues": ["disagreed", "pull request"]},
                ],
                "star": {
                    "situation": "Code review of a migration",
                    "task": "Agree on a safe rollout",
                    "action": "Wrote down both options with their risks",
                    "result": "Shipped with zero downtime",
                },
                "tip": "Pick a story where you changed your mind too.",
            },
            {
                "id": "design-url-shortener",
                "category": "system-design",
                "level": "senior",
                "prompt": "Design a URL shortener.",
                "framework": ["Requirements", "API", "Storage", "Scale"],
                "key_points": [{"point": "Estimates reads versus writes", "cues": ["read-heavy"]}],
                "time_limit": 300,
            },
        ],
    }


def write_toml(path: Path, data: Mapping[str, Any]) -> Path:
    """Write `data` as TOML to `path` (parents created) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(tomli_w.dumps(data, multiline_strings=True), encoding="utf-8")
    return path


@pytest.fixture
def write_deck() -> Callable[[Path, Mapping[str, Any]], Path]:
    """`write_deck(path, data)`: write a deck dict as a TOML file, return the path."""
    return write_toml


@pytest.fixture
def local_zone() -> Iterator[Callable[[str], None]]:
    """`local_zone("PST8")`: the machine's local zone for one test, put back after.

    Setting TZ is not enough: `time.tzset()` must run again once it is restored,
    or every later test keeps the zone this one chose.
    """
    import os
    import time

    old = os.environ.get("TZ")

    def use(name: str) -> None:
        os.environ["TZ"] = name
        time.tzset()

    yield use
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()
