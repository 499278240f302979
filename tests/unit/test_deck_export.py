"""Deck exports: CSV and JSON round-trip through the importer; Markdown reads well.

Also the `export-deck` and `new-deck` commands, run as the user runs them.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from mockint.core.deck import Deck
from mockint.storage.decks import read_deck
from mockint.storage.formats.export import export_deck, write_deck_export
from mockint.storage.formats.reading import parse_file
from tests.helpers import run_mockint

REPO_ROOT = Path(__file__).resolve().parents[2]
BUNDLED = sorted((REPO_ROOT / "decks").glob("*.toml"))

NASTY = 'Commas, "quotes"; semicolons | pipes [brackets]\nand a second line\r\nand CRLF'


def round_trip(deck: Deck, fmt: str, folder: Path) -> list:
    path = folder / f"{deck.id}.{fmt}"
    path.write_text(export_deck(deck, fmt), encoding="utf-8", newline="")
    result = parse_file(path)
    assert result.problems == []
    return result.questions


@pytest.fixture
def nasty_deck(deck_data) -> Deck:
    question = deck_data["questions"][0]
    question.update(
        prompt="What does `qs[0:10]` do, and why; really | truly?",
        sample_answer=NASTY,
        why_asked=NASTY,
        tip="  leading and trailing spaces  ",
        topics=["a,b", "c;d", " spaced "],
        follow_ups=["One; two", "Three | four", ""],
        framework=["[not json", '["looks", "like json"]'],
        key_points=[
            {"point": "a point; with | separators", "cues": ["x, y", "z"]},
            {"point": "plain", "cues": []},
        ],
        star={"situation": NASTY, "task": "", "action": "Acted, fast", "result": "ok"},
        time_limit=45,
    )
    deck_data["questions"][1]["topics"] = ["[1]"]
    return Deck.model_validate(deck_data)


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
@pytest.mark.parametrize("deck_file", BUNDLED, ids=lambda p: p.stem)
def test_bundled_decks_round_trip(deck_file, fmt, tmp_path):
    deck = read_deck(deck_file)
    assert round_trip(deck, fmt, tmp_path) == deck.questions


@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_awkward_text_round_trips(nasty_deck, fmt, tmp_path):
    assert round_trip(nasty_deck, fmt, tmp_path) == nasty_deck.questions


def test_csv_writes_lists_plainly_when_that_is_safe(deck_data):
    text = export_deck(Deck.model_validate(deck_data), "csv")
    header = text.splitlines()[0]
    assert header.startswith("prompt,sample_answer,category,level,topics,")
    assert "orm; performance" in text
    assert "select_related follows foreign keys with a JOIN | select_related, join; " in text
    assert "Requirements; API; Storage; Scale" in text


def test_csv_writes_json_when_text_holds_a_separator(nasty_deck):
    text = export_deck(nasty_deck, "csv")
    assert '""One; two""' in text  # a JSON array, quoted as a CSV cell
    assert '""point"": ""a point; with | separators""' in text


def test_json_is_the_deck(deck_data):
    deck = Deck.model_validate(deck_data)
    data = json.loads(export_deck(deck, "json"))
    assert Deck.model_validate(data) == deck


def test_markdown_is_readable(deck_data):
    deck = Deck.model_validate(deck_data)
    text = export_deck(deck, "md")
    assert text.startswith('---\nmockint: 1\nid: "sample-backend"\ntitle: "Sample backend deck"\n')
    assert "\n# Sample backend deck\n" in text
    assert "## What is the N+1 query problem and how do you fix it in Django?" in text
    assert "One query for the list, then one per row.\nUse select_related." in text
    assert "- select_related follows foreign keys with a JOIN (cues: select_related, join)" in text
    assert "**Why they ask**\n\n```text\nMost slow Django pages are N+1 queries.\n```" in text
    assert "- Situation: Code review of a migration" in text
    assert "1. Requirements\n2. API\n3. Storage\n4. Scale" in text
    assert "**Follow-ups**\n\n- How would you spot it in production?" in text
    assert "**Tip**\n\n```text\nPick a story where you changed your mind too.\n```" in text


def test_markdown_export_reads_back_as_questions(deck_data, tmp_path):
    deck = Deck.model_validate(deck_data)
    path = tmp_path / "deck.md"
    path.write_text(export_deck(deck, "md"), encoding="utf-8")
    result = parse_file(path)
    assert result.title == deck.title
    assert [q.prompt for q in result.questions] == [q.prompt for q in deck.questions]


def test_unknown_format_is_refused(deck_data):
    with pytest.raises(ValueError, match="unknown deck export format"):
        export_deck(Deck.model_validate(deck_data), "xlsx")


def test_write_deck_export(deck_data, tmp_path):
    target = tmp_path / "out" / "deck.csv"
    write_deck_export(Deck.model_validate(deck_data), "csv", target)
    assert len(parse_file(target).questions) == 3


# --- the CLI -------------------------------------------------------------------------------------


def test_cli_export_deck_to_stdout_and_file(tmp_path):
    proc = run_mockint("export-deck", "behavioral", "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert Deck.model_validate(json.loads(proc.stdout)) == read_deck(REPO_ROOT / "decks" /
                                                                     "behavioral.toml")
    target = tmp_path / "behavioral.csv"
    proc = run_mockint("export-deck", "behavioral", "--format", "csv", "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    assert f"wrote {target}" in proc.stdout
    assert len(parse_file(target).questions) == 15


def test_cli_export_deck_unknown_id():
    proc = run_mockint("export-deck", "no-such-deck", "--format", "md")
    assert proc.returncode == 2
    assert "no deck 'no-such-deck'" in proc.stderr and "behavioral" in proc.stderr


def test_cli_new_deck_creates_a_valid_skeleton_once(mockint_home):
    proc = run_mockint("new-deck", "Acme Backend Loop")
    assert proc.returncode == 0, proc.stderr
    path = Path(proc.stdout.strip())
    assert path == mockint_home / "decks" / "acme-backend-loop.toml"
    deck = read_deck(path)
    assert (deck.id, deck.title, len(deck.questions)) == ("acme-backend-loop", "Acme Backend Loop", 1)
    again = run_mockint("new-deck", "acme backend loop")
    assert again.returncode == 1 and "already exists" in again.stderr
    assert read_deck(path) == deck


def test_cli_new_deck_refuses_a_bundled_id(mockint_home):
    proc = run_mockint("new-deck", "Behavioral")
    assert proc.returncode == 1 and "already exists" in proc.stderr
    assert not (mockint_home / "decks").exists()


FORMULAS = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1)", "\tindented",
            "'=already marked", "''@twice", "'plain apostrophe", "- a Markdown bullet"]


@pytest.mark.parametrize("text", FORMULAS)
def test_csv_cells_a_spreadsheet_would_run_are_marked_as_text_and_read_back(deck_data, text,
                                                                             tmp_path):
    question = deck_data["questions"][0]
    question.update(prompt=text.strip() + " ?", sample_answer=text, tip=text,
                    star={"situation": text, "task": "", "action": "a", "result": "r"},
                    follow_ups=[text], key_points=[{"point": text.strip(), "cues": []}])
    deck = Deck.model_validate(deck_data)
    exported = export_deck(deck, "csv")
    for row in csv.reader(io.StringIO(exported, newline="")):
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", f"a spreadsheet would run {cell!r}"
    assert round_trip(deck, "csv", tmp_path) == deck.questions
