"""Run-time guards for the layering in ARCHITECTURE.md.

`mockint --version`, `decks`, `validate`, `locate`, `import`, `export-deck` and
`new-deck` must work without loading Textual (fast, and usable without a
terminal), and `core` must not reach into `storage` or the TUI. A static read
of the imports cannot tell a module-level import from one deferred into a
function, so the first group of tests runs the real thing in a fresh
interpreter and looks at `sys.modules`.
"""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_DIR = REPO_ROOT / "src" / "mockint"

FORBIDDEN_HEADLESS = ("textual", "mockint.tui")

HEADLESS_IMPORTS = [
    "import mockint",
    "import mockint.paths",
    "import mockint.core.deck",
    "import mockint.core.session",
    "import mockint.core.timing",
    "import mockint.storage.decks",
    "import mockint.storage.files",
    "import mockint.storage.formats.importing",
    "import mockint.storage.formats.export",
    "import mockint.cli",
]

CORE_MODULES = sorted(
    f"mockint.core.{p.stem}" for p in (PACKAGE_DIR / "core").glob("*.py") if p.stem != "__init__"
)


def run_python(code: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=cwd,
        env=dict(os.environ),  # MOCKINT_HOME from the autouse fixture
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return proc


def loaded(proc: subprocess.CompletedProcess[str]) -> list[str]:
    """The names the snippet printed on its last line (comma-separated)."""
    last = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else ""
    return [name for name in last.split(",") if name]


def report(prefixes: tuple[str, ...]) -> str:
    """Snippet that prints every loaded module matching one of `prefixes`."""
    return (
        "import sys\n"
        f"prefixes = {prefixes!r}\n"
        "print(','.join(sorted(m for m in sys.modules "
        "if any(m == p or m.startswith(p + '.') for p in prefixes))))\n"
    )


@pytest.mark.parametrize("statement", HEADLESS_IMPORTS)
def test_headless_imports_do_not_load_the_tui(statement):
    proc = run_python(f"{statement}\n{report(FORBIDDEN_HEADLESS)}")
    assert loaded(proc) == [], f"{statement!r} imported {loaded(proc)}"


@pytest.mark.parametrize(
    "argv",
    [["--version"], ["--help"], ["decks"], ["validate", "decks"], ["locate"],
     ["import", "tests/data/import/lists.md"], ["export-deck", "behavioral", "--format", "md"],
     ["new-deck", "Hygiene check"]],
    ids=lambda argv: " ".join(argv),
)
def test_headless_commands_do_not_load_the_tui(argv):
    proc = run_python(
        "import contextlib, io\n"
        "from mockint.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):\n"
        "    try:\n"
        f"        code = main({argv!r})\n"
        "    except SystemExit as stop:\n"
        "        code = stop.code\n"
        "assert code == 0, (code, out.getvalue())\n"
        "assert out.getvalue(), 'the command printed nothing'\n"
        f"{report(FORBIDDEN_HEADLESS)}"
    )
    assert loaded(proc) == [], f"`mockint {' '.join(argv)}` imported {loaded(proc)}"


def test_the_guard_itself_sees_textual_once_it_is_imported():
    """Without this, a broken `report` snippet would make every test above pass."""
    proc = run_python(f"import mockint.cli, textual.app\n{report(FORBIDDEN_HEADLESS)}")
    assert "textual" in loaded(proc) and "textual.app" in loaded(proc)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_does_not_load_storage_or_the_tui(module):
    proc = run_python(f"import {module}\n{report(('mockint.storage', 'mockint.tui', 'textual'))}")
    assert loaded(proc) == [], f"{module} imported {loaded(proc)}"


def _imported_names(path: Path, root: Path = PACKAGE_DIR) -> list[tuple[int, str]]:
    """Every module an `import` / `from ... import` in `path` names, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = "mockint." + ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    names: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import: resolve against the package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.append((node.lineno, module))
            names += [(node.lineno, f"{module}.{alias.name}") for alias in node.names]
    return names


def _violations(layer: str, forbidden: tuple[str, ...], root: Path = PACKAGE_DIR) -> list[str]:
    found = []
    for path in sorted((root / layer).rglob("*.py")):
        for lineno, name in _imported_names(path, root):
            if any(name == f or name.startswith(f + ".") for f in forbidden):
                found.append(f"{path.relative_to(root.parent)}:{lineno} imports {name}")
    return found


# The command-line modules (cli.py and any cli_*.py beside it).
CLI_MODULES = tuple(f"mockint.{p.stem}" for p in sorted(PACKAGE_DIR.glob("cli*.py")))


def test_core_source_never_imports_storage_tui_or_textual():
    """Also catches imports deferred into functions, which the run-time test cannot reach."""
    assert _violations("core", ("mockint.storage", "mockint.tui", "textual")) == []


def test_storage_source_never_imports_the_tui_or_textual():
    assert _violations("storage", ("mockint.tui", "textual")) == []


def test_no_layer_imports_the_command_line():
    """The CLI sits on top: core, storage and the TUI never import it (not even lazily)."""
    assert CLI_MODULES and "mockint.cli" in CLI_MODULES
    for layer in ("core", "storage", "tui"):
        assert _violations(layer, CLI_MODULES) == [], layer


def test_the_contract_check_finds_a_deferred_import(tmp_path):
    """Without this, a broken `_violations` would make the contract tests pass."""
    tui = tmp_path / "mockint" / "tui"
    tui.mkdir(parents=True)
    (tui / "screen.py").write_text("def later():\n    from mockint.cli import main\n")
    (tui / "fine.py").write_text("from mockint.core import deck\n")
    found = _violations("tui", CLI_MODULES, tmp_path / "mockint")
    assert found == ["mockint/tui/screen.py:2 imports mockint.cli",
                     "mockint/tui/screen.py:2 imports mockint.cli.main"]


def test_version_loads_neither_the_parser_nor_pydantic():
    """`mockint --version` answers before anything heavy is imported (bench: version).

    `typing` and `pathlib` count too (pathlib brings `fnmatch`, `urllib.parse` and
    `ipaddress`): only what the interpreter had not loaded by itself is reported.
    """
    heavy = ("textual", "pydantic", "argparse", "mockint.core", "mockint.storage", "typing",
             "pathlib")
    proc = run_python(
        "import sys\n"
        "already = set(sys.modules)\n"
        "import contextlib, io\n"
        "from mockint.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        "    try:\n"
        "        main(['--version'])\n"
        "    except SystemExit as stop:\n"
        "        assert stop.code == 0\n"
        "assert out.getvalue().startswith('mockint '), out.getvalue()\n"
        f"prefixes = {heavy!r}\n"
        "print(','.join(sorted(m for m in set(sys.modules) - already\n"
        "                      if any(m == p or m.startswith(p + '.') for p in prefixes))))\n"
    )
    assert loaded(proc) == []
