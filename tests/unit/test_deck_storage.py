"""Deck files on disk: clear read errors, lossless saves, safe writes, discovery."""

from __future__ import annotations

import os
import stat
import tomllib
from pathlib import Path

import pytest

from mockint import paths
from mockint.core.deck import parse_deck
from mockint.storage import files
from mockint.storage.decks import (
    DeckLoadError,
    DeckStore,
    display_name,
    has_comments,
    read_deck,
    save_deck,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED_DECK_FILES = sorted((REPO_ROOT / "decks").glob("*.toml"))


def load_problems(path: Path) -> list:
    with pytest.raises(DeckLoadError) as caught:
        read_deck(path)
    return caught.value.problems


def leftovers(folder: Path) -> list[str]:
    """Temp files an interrupted write could leave behind."""
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp") or p.name.startswith("."))


# --- read errors ------------------------------------------------------------------


def test_toml_syntax_error_names_the_file_line_and_column(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('schema = 1\nid = "x"\ntitle = \n', encoding="utf-8")

    (problem,) = load_problems(path)

    assert problem.file == display_name(path)
    assert problem.place == "line 3, column 9"
    assert problem.message.startswith("TOML syntax error: ")
    assert "(at line" not in problem.message  # the place is not repeated in the message
    assert str(problem) == f"{display_name(path)}: line 3, column 9: {problem.message}"


def test_toml_syntax_error_in_a_later_line(tmp_path, deck_data, write_deck):
    path = write_deck(tmp_path / "deck.toml", deck_data)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.append("[[questions]")  # unclosed array-of-tables header on the last line
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    (problem,) = load_problems(path)

    assert problem.place.startswith(f"line {len(lines)}, column ")


def test_error_for_a_file_below_the_working_folder_uses_a_relative_name(
    tmp_path, monkeypatch, deck_data, write_deck
):
    monkeypatch.chdir(tmp_path)
    del deck_data["title"]
    write_deck(tmp_path / "mine" / "deck.toml", deck_data)

    with pytest.raises(DeckLoadError) as caught:
        read_deck(Path("mine/deck.toml"))

    assert str(caught.value) == f"{Path('mine/deck.toml')}: title: field required"


def test_non_utf8_file_says_so_and_where(tmp_path):
    path = tmp_path / "latin1.toml"
    content = 'schema = 1\ntitle = "Caf\xe9"\n'.encode("latin-1")
    path.write_bytes(content)

    (problem,) = load_problems(path)

    assert problem.file == display_name(path)
    bad_byte = content.index(0xE9)
    assert problem.place == f"byte {bad_byte}"
    assert "UTF-8" in problem.message


def test_missing_file(tmp_path):
    path = tmp_path / "nope.toml"
    (problem,) = load_problems(path)
    assert problem.file == display_name(path)
    assert problem.message == "file not found"


def test_a_folder_instead_of_a_file_is_a_problem_not_a_crash(tmp_path):
    folder = tmp_path / "a-folder.toml"
    folder.mkdir()
    (problem,) = load_problems(folder)
    assert "cannot read" in problem.message


def test_validation_errors_carry_the_file_name(tmp_path, deck_data, write_deck):
    deck_data["questions"][1]["category"] = "soft-skills"
    deck_data["questions"][0]["key_points"][1]["cue"] = ["typo"]
    path = write_deck(tmp_path / "deck.toml", deck_data)

    problems = load_problems(path)

    assert {p.file for p in problems} == {display_name(path)}
    assert sorted(p.place for p in problems) == [
        'questions[0] (id "orm-n-plus-one").key_points[1].cue',
        'questions[1] (id "conflict-with-colleague").category',
    ]


# --- round trips ---------------------------------------------------------------------


def test_load_save_load_is_lossless(tmp_path, deck_data, write_deck):
    deck_data["questions"][0]["sample_answer"] = (
        "\nLeading newline, [bold]markup[/], queryset[0:10], a tab\t, 'quotes' \"\"\" and\n"
        "a trailing backslash \\\nemoji 🎤, CJK 面接, escape \x1b[31m\n"
    )
    source = write_deck(tmp_path / "deck.toml", deck_data)
    first = read_deck(source)

    target = tmp_path / "saved.toml"
    save_deck(first, target)
    second = read_deck(target)

    assert second == first
    assert second.questions[0].sample_answer == deck_data["questions"][0]["sample_answer"]


def test_saving_twice_writes_the_same_bytes(tmp_path, deck_data):
    deck, _ = parse_deck(deck_data)
    assert deck is not None
    path = tmp_path / "deck.toml"
    save_deck(deck, path)
    once = path.read_bytes()
    save_deck(read_deck(path), path)
    assert path.read_bytes() == once


def test_saved_file_is_readable_toml_in_the_documented_format(tmp_path, deck_data):
    deck, _ = parse_deck(deck_data)
    assert deck is not None
    path = tmp_path / "deck.toml"
    save_deck(deck, path)

    data = tomllib.loads(path.read_text(encoding="utf-8"))

    assert data["schema"] == 1 and "schema_version" not in data
    assert data["questions"][1]["star"]["situation"] == "Code review of a migration"
    assert "star" not in data["questions"][0]  # unset optionals are left out


@pytest.mark.skipif(not BUNDLED_DECK_FILES, reason="no bundled decks in decks/")
@pytest.mark.parametrize("path", BUNDLED_DECK_FILES, ids=[p.name for p in BUNDLED_DECK_FILES])
def test_bundled_deck_survives_load_save_load(tmp_path, path):
    original = read_deck(path)
    copy = tmp_path / path.name
    save_deck(original, copy)
    assert read_deck(copy) == original


# --- saving safely ---------------------------------------------------------------------


def test_save_keeps_the_previous_version_as_bak(tmp_path, deck_data, write_deck):
    path = write_deck(tmp_path / "deck.toml", deck_data)
    previous = path.read_bytes()
    deck = read_deck(path)

    save_deck(deck.model_copy(update={"title": "Renamed"}), path)

    assert (tmp_path / "deck.toml.bak").read_bytes() == previous
    assert read_deck(path).title == "Renamed"

    after_first_save = path.read_bytes()
    save_deck(deck.model_copy(update={"title": "Renamed again"}), path)
    assert (tmp_path / "deck.toml.bak").read_bytes() == after_first_save


def test_save_to_a_new_file_creates_no_bak_and_makes_the_folder(tmp_path, deck_data):
    deck, _ = parse_deck(deck_data)
    assert deck is not None
    path = tmp_path / "new" / "folder" / "deck.toml"

    save_deck(deck, path)

    assert read_deck(path) == deck
    assert sorted(p.name for p in path.parent.iterdir()) == ["deck.toml"]


def _boom(*args, **kwargs):
    raise OSError(28, "No space left on device")


@pytest.mark.parametrize("failing", ["replace", "fsync"])
def test_failed_write_leaves_the_old_file_intact_and_no_temp_files(
    tmp_path, monkeypatch, deck_data, write_deck, failing
):
    folder = tmp_path / "decks"
    path = write_deck(folder / "deck.toml", deck_data)
    before = path.read_bytes()
    deck = read_deck(path)
    monkeypatch.setattr(files.os, failing, _boom)

    with pytest.raises(OSError):
        save_deck(deck.model_copy(update={"title": "Never written"}), path)

    monkeypatch.undo()
    assert path.read_bytes() == before
    assert read_deck(path).title == deck.title
    assert leftovers(folder) == []
    assert set(p.name for p in folder.iterdir()) <= {"deck.toml", "deck.toml.bak"}


def test_failed_write_of_a_new_file_leaves_nothing(tmp_path, monkeypatch, deck_data):
    deck, _ = parse_deck(deck_data)
    assert deck is not None
    monkeypatch.setattr(files.os, "replace", _boom)

    folder = tmp_path / "decks"
    folder.mkdir()
    with pytest.raises(OSError):
        save_deck(deck, folder / "deck.toml")

    assert list(folder.iterdir()) == []


def test_interrupted_write_does_not_leave_temp_files(tmp_path, monkeypatch):
    """Ctrl-C in the middle of a save (a BaseException) still cleans up."""
    path = tmp_path / "notes.toml"
    path.write_text("old = true\n", encoding="utf-8")

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(files.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        files.atomic_write_text(path, "new = true\n")

    assert path.read_text(encoding="utf-8") == "old = true\n"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_save_keeps_the_file_permissions(tmp_path, deck_data, write_deck):
    path = write_deck(tmp_path / "deck.toml", deck_data)
    path.chmod(0o644)

    save_deck(read_deck(path), path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o644


# --- discovery ------------------------------------------------------------------------------


def _deck(deck_data, deck_id: str, title: str | None = None) -> dict:
    data = dict(deck_data, id=deck_id, title=title or deck_id)
    return data


def test_discover_reads_user_folder_bundled_and_extra_paths(tmp_path, mockint_home, deck_data, write_deck):
    user_file = write_deck(mockint_home / "decks" / "mine.toml", _deck(deck_data, "mine"))
    extra_file = write_deck(tmp_path / "elsewhere" / "single.toml", _deck(deck_data, "single"))
    extra_folder = tmp_path / "folder"
    write_deck(extra_folder / "one.toml", _deck(deck_data, "folder-one"))
    write_deck(extra_folder / "two.toml", _deck(deck_data, "folder-two"))
    (extra_folder / "notes.txt").write_text("not a deck", encoding="utf-8")

    store = DeckStore.discover([extra_file, extra_folder])

    sources = {e.deck.id: e.source for e in store.entries if e.deck is not None}
    assert sources["single"] == "path"
    assert sources["folder-one"] == "path" and sources["folder-two"] == "path"
    assert sources["mine"] == "user"
    assert store.entry("mine").path == user_file
    bundled_ids = {tomllib.loads(p.read_text(encoding="utf-8"))["id"] for p in BUNDLED_DECK_FILES}
    assert {i for i, s in sources.items() if s == "bundled"} == bundled_ids
    assert all(not e.editable for e in store.entries if e.source == "bundled")
    assert all(e.editable for e in store.entries if e.source != "bundled")
    assert store.broken == []


def test_discover_uses_mockint_home_for_the_user_folder(mockint_home):
    assert paths.user_decks_dir() == mockint_home / "decks"


def test_discover_can_leave_out_bundled_and_user(mockint_home, deck_data, write_deck):
    write_deck(mockint_home / "decks" / "mine.toml", _deck(deck_data, "mine"))
    assert [d.id for d in DeckStore.discover(bundled=False).decks] == ["mine"]
    assert DeckStore.discover(bundled=False, user=False).entries == []


def test_discover_without_a_user_folder_is_fine(mockint_home):
    assert not (mockint_home / "decks").exists()
    store = DeckStore.discover(bundled=False)
    assert store.entries == []


def test_a_broken_deck_does_not_stop_the_others(mockint_home, deck_data, write_deck):
    decks_dir = mockint_home / "decks"
    write_deck(decks_dir / "a-good.toml", _deck(deck_data, "good-one"))
    (decks_dir / "b-syntax.toml").write_text("schema = 1\nid = \n", encoding="utf-8")
    bad = _deck(deck_data, "bad-fields")
    del bad["title"]
    write_deck(decks_dir / "c-fields.toml", bad)
    (decks_dir / "d-binary.toml").write_bytes(b"\xff\xfe\x00junk")
    write_deck(decks_dir / "e-good.toml", _deck(deck_data, "good-two"))

    store = DeckStore.discover(bundled=False)

    assert [d.id for d in store.decks] == ["good-one", "good-two"]
    assert [e.path.name for e in store.broken] == ["b-syntax.toml", "c-fields.toml", "d-binary.toml"]
    assert all(e.problems and e.deck is None and not e.ok for e in store.broken)
    assert store.broken[0].title == "b-syntax"  # a broken deck still has a name to show
    assert store.broken[0].problems[0].place.startswith("line 2")
    assert store.broken[1].problems[0].place == "title"


def test_missing_extra_path_is_reported_not_fatal(tmp_path, deck_data, write_deck, mockint_home):
    write_deck(mockint_home / "decks" / "mine.toml", _deck(deck_data, "mine"))

    store = DeckStore.discover([tmp_path / "typo.toml"], bundled=False)

    assert [d.id for d in store.decks] == ["mine"]
    (broken,) = store.broken
    assert broken.problems[0].message == "file not found"


def test_same_id_in_two_user_decks_flags_the_second_naming_the_first(
    mockint_home, deck_data, write_deck
):
    first = write_deck(mockint_home / "decks" / "a.toml", _deck(deck_data, "twin", "First"))
    second = write_deck(mockint_home / "decks" / "b.toml", _deck(deck_data, "twin", "Second"))

    store = DeckStore.discover(bundled=False)

    assert store.get("twin").title == "First"
    (flagged,) = store.broken
    assert flagged.path == second
    (problem,) = flagged.problems
    assert problem.place == "id"
    assert display_name(first) in problem.message
    assert 'deck id "twin"' in problem.message
    assert [d.title for d in store.decks] == ["First"]


@pytest.mark.skipif(not BUNDLED_DECK_FILES, reason="no bundled decks in decks/")
def test_user_deck_with_a_bundled_id_wins_and_the_bundled_one_is_flagged(
    mockint_home, deck_data, write_deck
):
    bundled_file = BUNDLED_DECK_FILES[0]
    bundled_id = tomllib.loads(bundled_file.read_text(encoding="utf-8"))["id"]
    user_file = write_deck(
        mockint_home / "decks" / "my-copy.toml", _deck(deck_data, bundled_id, "My own copy")
    )

    store = DeckStore.discover()

    assert store.get(bundled_id).title == "My own copy"
    assert store.entry(bundled_id).path == user_file
    flagged = [e for e in store.broken if e.source == "bundled"]
    assert [e.path.name for e in flagged] == [bundled_file.name]
    assert display_name(user_file) in flagged[0].problems[0].message


def test_extra_path_takes_precedence_over_the_user_folder(tmp_path, mockint_home, deck_data, write_deck):
    write_deck(mockint_home / "decks" / "mine.toml", _deck(deck_data, "mine", "User copy"))
    extra = write_deck(tmp_path / "cli.toml", _deck(deck_data, "mine", "Command-line copy"))

    store = DeckStore.discover([extra], bundled=False)

    assert store.get("mine").title == "Command-line copy"
    assert [e.source for e in store.broken] == ["user"]


def test_the_same_file_reached_twice_is_not_a_clash(mockint_home, deck_data, write_deck):
    user_file = write_deck(mockint_home / "decks" / "mine.toml", _deck(deck_data, "mine"))

    store = DeckStore.discover([mockint_home / "decks"], bundled=False)

    assert store.broken == []
    assert store.get("mine") == read_deck(user_file)


def test_get_unknown_deck_is_a_key_error():
    with pytest.raises(KeyError):
        DeckStore.discover(bundled=False).get("no-such-deck")


# --- comments -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "# my deck\nschema = 1\n",
        "schema = 1\n    # indented comment\n",
        "time_limit = 120  # seconds\n",
        'title = "Deck"  # shown on the home screen\n',
        "topics = [\"orm\"] # tags\n",
        "[interviewer]  # persona\nname = \"Sam\"\n",
        "enabled = true # on\n",
    ],
)
def test_has_comments_finds_comments(tmp_path, text):
    path = tmp_path / "deck.toml"
    path.write_text(text, encoding="utf-8")
    assert has_comments(path)


@pytest.mark.parametrize(
    "text",
    [
        'schema = 1\ntitle = "C# and F# interviews"\n',
        'prompt = "What does #[derive] do?"\n',
        "",
    ],
)
def test_has_comments_ignores_files_without_comments(tmp_path, text):
    path = tmp_path / "deck.toml"
    path.write_text(text, encoding="utf-8")
    assert not has_comments(path)


def test_has_comments_on_a_saved_deck_is_false(tmp_path, deck_data):
    deck, _ = parse_deck(deck_data)
    assert deck is not None
    path = tmp_path / "deck.toml"
    save_deck(deck, path)
    assert not has_comments(path)


def test_has_comments_on_a_missing_file_is_false(tmp_path):
    assert not has_comments(tmp_path / "missing.toml")


def test_has_comments_finds_a_comment_after_an_inline_table(tmp_path):
    path = tmp_path / "deck.toml"
    path.write_text(
        'star = { situation = "a", task = "b", action = "c", result = "d" }   # behavioral\n',
        encoding="utf-8",
    )
    assert has_comments(path)


def test_has_comments_ignores_a_hash_inside_a_one_line_string(tmp_path):
    path = tmp_path / "deck.toml"
    path.write_text('prompt = "Walk me through issue #42"\n', encoding="utf-8")
    assert not has_comments(path)

