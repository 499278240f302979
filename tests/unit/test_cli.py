"""The `mockint` command line, as a user runs it (subprocess) and in-process (fast)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

import mockint
from mockint.cli import main
from mockint.storage.decks import display_name
from tests.helpers import run_mockint

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DECK_FILES = sorted((REPO_ROOT / "decks").glob("*.toml"))


def bundled_summary() -> dict[str, int]:
    """deck id -> number of questions, read straight from the TOML files."""
    result = {}
    for path in BUNDLED_DECK_FILES:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        result[data["id"]] = len(data.get("questions", []))
    return result


@pytest.fixture
def bad_deck(tmp_path, deck_data, write_deck) -> Path:
    del deck_data["title"]
    deck_data["questions"][0]["category"] = "tech"
    deck_data["questions"][1]["key_points"][0]["pont"] = "typo"
    return write_deck(tmp_path / "work" / "bad.toml", deck_data)


@pytest.fixture
def good_deck(tmp_path, deck_data, write_deck) -> Path:
    return write_deck(tmp_path / "work" / "good.toml", deck_data)


BAD_PLACES = [
    "title: field required",
    'questions[0] (id "orm-n-plus-one").category: must be',
    'questions[1] (id "conflict-with-colleague").key_points[0].pont: unknown field',
]


# --- subprocess ---------------------------------------------------------------------------


def test_version():
    proc = run_mockint("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"mockint {mockint.__version__}"


def test_help_lists_the_commands():
    proc = run_mockint("--help")
    assert proc.returncode == 0
    for command in ("decks", "validate", "locate"):
        assert command in proc.stdout


@pytest.mark.skipif(not BUNDLED_DECK_FILES, reason="no bundled decks in decks/")
def test_decks_lists_bundled_decks_with_question_counts():
    proc = run_mockint("decks")

    assert proc.returncode == 0, proc.stderr
    header_lines = [line for line in proc.stdout.splitlines() if not line.startswith(" ")]
    for deck_id, count in bundled_summary().items():
        matching = [line for line in header_lines if line.split()[0] == deck_id]
        assert len(matching) == 1, f"{deck_id} not listed once in:\n{proc.stdout}"
        assert f" {count} questions" in matching[0]
        assert matching[0].endswith("[bundled]")
    assert "!" not in proc.stdout, "a bundled deck is reported as broken"


def test_decks_shows_a_user_deck_and_a_broken_one(mockint_home, deck_data, write_deck):
    write_deck(mockint_home / "decks" / "mine.toml", deck_data)
    (mockint_home / "decks" / "broken.toml").write_text("schema = \n", encoding="utf-8")

    proc = run_mockint("decks")

    assert proc.returncode == 0
    (mine,) = [line for line in proc.stdout.splitlines() if line.startswith("sample-backend")]
    assert "3 questions" in mine and "Sample backend deck" in mine and mine.endswith("[user]")
    (broken,) = [line for line in proc.stdout.splitlines() if line.startswith("!")]
    assert "broken.toml" in broken and "mockint validate" in broken


def test_validate_good_deck_exits_0(good_deck):
    proc = run_mockint("validate", str(good_deck))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"ok  {good_deck}: 3 questions"
    assert proc.stderr == ""


def test_validate_bad_deck_exits_1_and_prints_every_problem_to_stderr(bad_deck):
    proc = run_mockint("validate", str(bad_deck))

    assert proc.returncode == 1
    assert proc.stdout == ""
    problem_lines = [line for line in proc.stderr.splitlines() if line.startswith(str(bad_deck))]
    assert len(problem_lines) == len(BAD_PLACES)
    for expected in BAD_PLACES:
        assert any(line.startswith(f"{bad_deck}: {expected}") for line in problem_lines), expected
    assert "1 deck file with errors" in proc.stderr


def test_validate_reports_the_good_and_the_bad_and_fails(good_deck, bad_deck, tmp_path):
    missing = tmp_path / "work" / "missing.toml"

    proc = run_mockint("validate", str(good_deck), str(bad_deck), str(missing))

    assert proc.returncode == 1
    assert f"ok  {good_deck}" in proc.stdout
    assert f"{missing}: file not found" in proc.stderr
    assert "2 deck files with errors" in proc.stderr


def test_validate_names_files_relative_to_the_working_folder(tmp_path, bad_deck):
    proc = run_mockint("validate", "bad.toml", cwd=bad_deck.parent)
    assert proc.returncode == 1
    assert proc.stderr.startswith("bad.toml: ")


def test_validate_toml_syntax_error_gives_line_and_column(tmp_path):
    path = tmp_path / "work" / "syntax.toml"
    path.parent.mkdir()
    path.write_text('schema = 1\nid = "x"\ntitle = "unterminated\n', encoding="utf-8")

    proc = run_mockint("validate", str(path))

    assert proc.returncode == 1
    assert proc.stderr.startswith(f"{path}: line 3, column ")
    assert "TOML syntax error" in proc.stderr


@pytest.mark.skipif(not BUNDLED_DECK_FILES, reason="no bundled decks in decks/")
def test_bundled_decks_are_valid():
    """The bundled decks check: `mockint validate decks/` from the checkout."""
    proc = run_mockint("validate", "decks/")

    assert proc.returncode == 0, proc.stderr
    ok_lines = proc.stdout.splitlines()
    assert len(ok_lines) == len(BUNDLED_DECK_FILES)
    for path in BUNDLED_DECK_FILES:
        count = len(tomllib.loads(path.read_text(encoding="utf-8")).get("questions", []))
        assert f"ok  decks/{path.name}: {count} questions" in ok_lines


def test_locate_prints_user_paths_under_mockint_home(mockint_home):
    proc = run_mockint("locate")

    assert proc.returncode == 0, proc.stderr
    rows = {}
    for line in proc.stdout.splitlines():
        label, _, value = line.partition(":")
        rows[label.strip()] = Path(value.strip())
    assert rows["your decks"] == mockint_home / "decks"
    assert rows["your themes"] == mockint_home / "themes"
    assert rows["history"].is_relative_to(mockint_home)
    assert rows["settings"].is_relative_to(mockint_home)
    assert rows["bundled decks"] == REPO_ROOT / "decks"
    assert rows["bundled themes"] == REPO_ROOT / "themes"


def test_unknown_command_is_a_usage_error():
    proc = run_mockint("frobnicate")
    assert proc.returncode == 2
    assert "invalid choice" in proc.stderr


# --- in-process (fast) ----------------------------------------------------------------------


def test_main_version(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--version"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.strip() == f"mockint {mockint.__version__}"


def test_main_validate_bad_deck(capsys, bad_deck):
    assert main(["validate", str(bad_deck)]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    for expected in BAD_PLACES:
        assert f"{display_name(bad_deck)}: {expected}" in captured.err


def test_main_validate_folder_of_user_decks(capsys, tmp_path, deck_data, write_deck):
    folder = tmp_path / "work"
    write_deck(folder / "a.toml", dict(deck_data, id="deck-a"))
    write_deck(folder / "b.toml", dict(deck_data, id="deck-b"))

    assert main(["validate", str(folder)]) == 0

    assert capsys.readouterr().out.splitlines() == [
        f"ok  {folder / 'a.toml'}: 3 questions",
        f"ok  {folder / 'b.toml'}: 3 questions",
    ]


def test_main_decks_with_deck_path(capsys, good_deck):
    assert main(["--deck-path", str(good_deck), "decks"]) == 0

    out = capsys.readouterr().out
    (line,) = [line for line in out.splitlines() if line.startswith("sample-backend")]
    assert line.endswith("[path]")
    # the category and level breakdown follows the deck line
    assert "behavioral 1, system-design 1, technical 1" in out
    assert "junior 1, mid 1, senior 1" in out


def test_main_locate(capsys, mockint_home):
    assert main(["locate"]) == 0
    out = capsys.readouterr().out
    assert f"your decks:      {mockint_home / 'decks'}" in out.splitlines()


def test_edit_refuses_a_bundled_deck_and_an_unknown_id_with_what_to_do(capsys):
    from mockint.cli import main

    assert main(["edit", "behavioral"]) == 2
    assert "read-only" in capsys.readouterr().err
    assert main(["edit", "no-such-deck"]) == 2
    assert "mockint new-deck" in capsys.readouterr().err


def test_plain_mockint_is_read_without_building_the_parser_as_the_parser_would():
    from mockint.cli import no_arguments
    from mockint.cli_parser import build_parser

    assert vars(no_arguments()) == vars(build_parser().parse_args([]))
