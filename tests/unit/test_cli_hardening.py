"""The command line under abuse (issue 11 items 3, 5, 7, 13, 15, 16 and the smaller ones).

A closed pipe, a deck that recurses or loops, escape sequences in deck titles and
answers, `-o` pointed at devices, FIFOs, symlinks and missing folders.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mockint import paths
from mockint.cli import main
from mockint.core.deck import Deck
from mockint.core.session import AnswerRecord, SessionConfig, SessionRecord, select_questions
from mockint.storage.history import HistoryStore

REPO_ROOT = Path(__file__).resolve().parents[2]
HOSTILE_TITLE = "Innocent\x1b]2;PWNED\x07\x1b[2J"
RAW_CONTROLS = ("\x1b", "\x07", "\r", "\x9b", "\u202e")


def run(*args: str, stdout=subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mockint", *args], cwd=REPO_ROOT,
                          stdout=stdout, stderr=subprocess.PIPE, text=True, timeout=60,
                          env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def assert_no_raw_controls(text: str) -> None:
    for raw in RAW_CONTROLS:
        assert raw not in text, repr(raw)


@pytest.fixture
def hostile_session(deck_data) -> SessionRecord:
    deck_data["title"] = HOSTILE_TITLE
    deck_data["questions"][0]["prompt"] = "Prompt \x9b31m red \u202eevil"
    deck = Deck.model_validate(deck_data)
    config = SessionConfig(deck_ids=[deck.id])
    plan = select_questions([deck], config)
    started = datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
    record = SessionRecord(
        id="hostile1", config=config, plan=plan, started_at=started, ended_at=started,
        status="finished", note="# note\x1b[2J",
        answers=[AnswerRecord(index=0, asked=plan[0], text="findme answer\x1b]2;X\x07\rover",
                              used=3.0, rating=3, submitted_at=started)])
    store = HistoryStore.open(paths.history_db_path())
    store.save_session(record)
    store.close()
    return record


# --- item 7: a reader that goes away ------------------------------------------------------------


@pytest.mark.parametrize("command", [["decks"], ["locate"], ["history"], ["config", "show"],
                                     ["validate", "decks"], ["--help"]])
def test_a_closed_pipe_ends_the_command_quietly(command):
    """`mockint decks | head -1`: the reader is gone before mockint writes."""
    read, write = os.pipe()
    os.close(read)
    try:
        proc = run(*command, stdout=write)
    finally:
        os.close(write)
    assert "Traceback" not in proc.stderr and "BrokenPipe" not in proc.stderr, proc.stderr
    assert proc.stderr == ""


def test_decks_piped_into_head_prints_one_line_and_no_traceback():
    proc = subprocess.run(f"{sys.executable} -m mockint decks | head -1", shell=True,
                          cwd=REPO_ROOT, capture_output=True, text=True, timeout=60)
    assert len(proc.stdout.splitlines()) == 1 and proc.stderr == ""


# --- item 13: nothing the CLI prints carries a control sequence --------------------------------


def test_decks_shows_a_hostile_title_as_symbols(mockint_home, deck_data, write_deck, capsys):
    deck_data["title"] = HOSTILE_TITLE
    write_deck(mockint_home / "decks" / "hostile.toml", deck_data)
    assert main(["decks"]) == 0
    out = capsys.readouterr().out
    assert_no_raw_controls(out)
    assert "Innocent␛]2;PWNED␇␛[2J" in out


@pytest.mark.parametrize("command", [["history"], ["history", "--search", "findme"],
                                     ["export", "hostile1"]])
def test_history_search_and_export_show_control_characters_as_symbols(hostile_session, command,
                                                                      capsys):
    assert main(command) == 0
    out = capsys.readouterr().out
    assert_no_raw_controls(out)
    assert "␛" in out


def test_the_stored_text_is_unchanged(hostile_session, capsys):
    main(["export", "hostile1", "--format", "json"])
    assert_no_raw_controls(capsys.readouterr().out)  # escaped as \u001b in the JSON
    store = HistoryStore.open(paths.history_db_path())
    try:
        assert store.load_session("hostile1").answers[0].text == "findme answer\x1b]2;X\x07\rover"
    finally:
        store.close()


# --- item 15 and 16: -o -----------------------------------------------------------------------


def test_export_to_dev_null_or_a_fifo_is_refused_and_leaves_them_as_they_are(
        hostile_session, tmp_path, capsys):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    targets = [fifo]
    # A character device like /dev/null, made in tmp_path: a regression must never
    # be able to replace the machine's own /dev/null (it did once, mid-session).
    device = tmp_path / "null"
    try:
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        targets.append(device)
    except PermissionError:
        pass  # not root: the FIFO covers the same "not a regular file" path
    for target in targets:
        before = os.stat(target)
        assert main(["export", "hostile1", "-o", str(target)]) == 1
        err = capsys.readouterr().err
        assert str(target) in err and "regular file" in err
        after = os.stat(target)
        assert (after.st_ino, stat.S_IFMT(after.st_mode)) == (before.st_ino,
                                                              stat.S_IFMT(before.st_mode))


def test_export_through_a_symlink_writes_its_target_and_keeps_the_link(hostile_session,
                                                                       tmp_path):
    target = tmp_path / "real.md"
    target.write_text("old")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert main(["export", "hostile1", "-o", str(link)]) == 0
    assert link.is_symlink() and link.resolve() == target
    assert target.read_text(encoding="utf-8").startswith("# Mock interview")


def test_export_to_a_symlink_loop_is_refused(hostile_session, tmp_path, capsys):
    (tmp_path / "a.md").symlink_to(tmp_path / "b.md")
    (tmp_path / "b.md").symlink_to(tmp_path / "a.md")
    assert main(["export", "hostile1", "-o", str(tmp_path / "a.md")]) == 1
    assert "loop" in capsys.readouterr().err
    assert (tmp_path / "a.md").is_symlink() and (tmp_path / "b.md").is_symlink()


def test_export_into_a_missing_folder_is_refused_unless_mkdir(hostile_session, tmp_path, capsys):
    out = tmp_path / "no" / "such" / "dir" / "x.md"
    assert main(["export", "hostile1", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "does not exist" in err and "--mkdir" in err
    assert not (tmp_path / "no").exists()
    assert main(["export", "hostile1", "-o", str(out), "--mkdir"]) == 0
    assert out.is_file()


def test_a_new_export_is_private(hostile_session, tmp_path):
    os.umask(old := os.umask(0o022))
    try:
        out = tmp_path / "x.md"
        assert main(["export", "hostile1", "-o", str(out)]) == 0
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    finally:
        os.umask(old)


# --- item 3: decks that recurse or loop; validate ------------------------------------------------


def test_a_deeply_nested_deck_and_a_symlink_loop_are_reported_and_the_rest_works(
        mockint_home, deck_data, write_deck, capsys):
    decks = mockint_home / "decks"
    write_deck(decks / "good.toml", deck_data)
    (decks / "nested.toml").write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    (decks / "loop-a.toml").symlink_to(decks / "loop-b.toml")
    (decks / "loop-b.toml").symlink_to(decks / "loop-a.toml")
    assert main(["decks"]) == 0
    out = capsys.readouterr().out
    assert "sample-backend" in out
    assert "nested.toml" in out and "loop-a.toml" in out
    assert main(["validate", str(decks)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    assert "nested too deeply" in captured.err
    assert "loop-a.toml" in captured.err and "symbolic links" in captured.err
    assert "ok  " in captured.out


def test_validate_of_a_deeply_nested_deck_prints_no_traceback(tmp_path):
    deck = tmp_path / "nested.toml"
    deck.write_text("x = " + "[" * 500 + "]" * 500 + "\n")
    proc = run("validate", str(deck))
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "nested too deeply" in proc.stderr


@pytest.mark.parametrize("make", ["empty", "named-toml"])
def test_validate_on_a_folder_without_decks_says_so_and_fails(tmp_path, make, capsys):
    folder = tmp_path / ("x.toml" if make == "named-toml" else "empty")
    folder.mkdir()
    assert main(["validate", str(folder)]) == 1
    err = capsys.readouterr().err
    assert str(folder) in err and "no deck files" in err


# --- smaller ones ---------------------------------------------------------------------------


def test_deck_folders_from_the_settings_are_read_by_the_cli(mockint_home, tmp_path, deck_data,
                                                           write_deck, capsys):
    extra = tmp_path / "more-decks"
    deck_data["id"] = "from-settings"
    write_deck(extra / "mine.toml", deck_data)
    paths.settings_path().parent.mkdir(parents=True, exist_ok=True)
    paths.settings_path().write_text(f'deck_folders = ["{extra}"]\n')
    assert main(["decks"]) == 0
    assert "from-settings" in capsys.readouterr().out
    assert main(["export-deck", "from-settings", "--format", "json"]) == 0
    assert '"from-settings"' in capsys.readouterr().out


def test_new_deck_with_no_letters_gets_a_sensible_id(mockint_home, capsys):
    assert main(["new-deck", "!!!"]) == 0
    path = Path(capsys.readouterr().out.strip())
    assert path.name == "my-deck.toml"


def test_new_deck_when_the_decks_folder_is_a_file_says_so(mockint_home, capsys):
    (mockint_home / "decks").write_text("not a folder")
    assert main(["new-deck", "Backend"]) == 1
    err = capsys.readouterr().err
    assert "is a file, not a folder" in err and str(mockint_home / "decks") in err
    assert "17" not in err


def test_run_checks_category_and_level_with_the_one_check(capsys):
    assert main(["run", "--deck", "x", "--category", "tech"]) == 2
    assert "unknown category 'tech'; choose from intro, technical" in capsys.readouterr().err
