"""The wheel a user installs carries the bundled decks and themes, and finds them.

Builds the wheel once per run (a few seconds with hatchling available locally),
unpacks it, and runs mockint from the unpacked files only -- not from src/ -- so
a missing force-include or a path that only works in a checkout shows up here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DECKS = sorted(p.name for p in (REPO_ROOT / "decks").glob("*.toml"))
BUNDLED_THEMES = sorted(p.name for p in (REPO_ROOT / "themes").glob("*.toml"))

# pip's words for "could not get the build backend", i.e. no index and no cache.
_OFFLINE_SIGNS = (
    "No matching distribution found",
    "Could not find a version that satisfies",
    "NewConnectionError",
    "Network is unreachable",
    "Temporary failure in name resolution",
    "Failed to establish a new connection",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(REPO_ROOT)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    if proc.returncode != 0:
        output = proc.stdout + proc.stderr
        if any(sign in output for sign in _OFFLINE_SIGNS):
            pytest.skip(
                "cannot build the wheel: pip could not fetch the build backend (hatchling)\n"
                + output[-800:]
            )
        pytest.fail(f"building the wheel failed:\n{output}")
    (built,) = out.glob("mockint-*.whl")
    return built


@pytest.fixture(scope="module")
def unpacked(wheel, tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("unpacked")
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(target)
    return target


@pytest.fixture(scope="module")
def wheel_names(wheel) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_wheel_carries_every_bundled_deck_and_theme(wheel_names):
    assert BUNDLED_DECKS, "no bundled decks in decks/ to ship"
    for name in BUNDLED_DECKS:
        assert f"mockint/_bundled/decks/{name}" in wheel_names
    for name in BUNDLED_THEMES:
        assert f"mockint/_bundled/themes/{name}" in wheel_names


def test_wheel_carries_the_package_and_the_entry_point(wheel, wheel_names):
    for module in ("__init__.py", "__main__.py", "cli.py", "paths.py", "core/deck.py", "storage/decks.py"):
        assert f"mockint/{module}" in wheel_names
    assert not any(n.startswith(("tests/", "src/", "decks/")) for n in wheel_names)
    with zipfile.ZipFile(wheel) as archive:
        (entry_points,) = [n for n in wheel_names if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "mockint = mockint.cli:main" in text


def _run_from(unpacked: Path, args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(unpacked), "PYTHONSAFEPATH": "1"}
    return subprocess.run(
        [sys.executable, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60
    )


def test_installed_package_finds_its_bundled_decks(unpacked, tmp_path):
    code = (
        "import json, mockint, mockint.paths as p\n"
        "from mockint.storage.decks import DeckStore\n"
        "store = DeckStore.discover(user=False)\n"
        "print(json.dumps({'package': mockint.__file__,\n"
        "    'decks_dir': str(p.bundled_decks_dir()),\n"
        "    'themes_dir': str(p.bundled_themes_dir()),\n"
        "    'files': sorted(x.name for x in p.bundled_decks_dir().glob('*.toml')),\n"
        "    'broken': [str(pr) for e in store.broken for pr in e.problems],\n"
        "    'loaded': len(store.decks)}))\n"
    )
    proc = _run_from(unpacked, ["-c", code], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    info = json.loads(proc.stdout)

    assert Path(info["package"]).is_relative_to(unpacked), "imported mockint from the checkout"
    assert Path(info["decks_dir"]) == unpacked / "mockint" / "_bundled" / "decks"
    assert Path(info["themes_dir"]) == unpacked / "mockint" / "_bundled" / "themes"
    assert info["files"] == BUNDLED_DECKS
    assert info["broken"] == []
    assert info["loaded"] == len(BUNDLED_DECKS)


def test_installed_command_validates_its_bundled_decks(unpacked, tmp_path):
    decks_dir = unpacked / "mockint" / "_bundled" / "decks"
    proc = _run_from(unpacked, ["-m", "mockint", "validate", str(decks_dir)], cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == len(BUNDLED_DECKS)
