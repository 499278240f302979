"""More sources and safer reading: Anki packages, folders, web addresses, binary files,
devices, huge and hostile files; and where imported questions go (deck ids, --update)."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import zstandard

from mockint import paths
from mockint.storage.decks import read_deck
from mockint.storage.formats.base import ImportFailed
from mockint.storage.formats.importing import apply_plan, import_file, plan_import
from mockint.storage.formats.reading import parse_file

SHAPES = Path(__file__).resolve().parents[1] / "data" / "import" / "shapes"
REPO_ROOT = Path(__file__).resolve().parents[2]

# The tables of an Anki collection (schema 11, as Anki 2.1 writes collection.anki2/anki21),
# written from the documented layout: a note's fields are joined by \x1f, its tags are
# space-separated with spaces around, and the decks live as JSON in col.decks.
ANKI_SCHEMA = """
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,
  scm integer not null, ver integer not null, dty integer not null, usn integer not null,
  ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
  mod integer not null, usn integer not null, tags text not null, flds text not null,
  sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
  ord integer not null, mod integer not null, usn integer not null, type integer not null,
  queue integer not null, due integer not null, ivl integer not null, factor integer not null,
  reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,
  ease integer not null, ivl integer not null, lastIvl integer not null, factor integer not null,
  time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
"""

NOTES = [
    ("What is a <b>decorator</b>?", "A function that wraps another.<br>Keep <code>wraps</code>.",
     " python::decorators interview "),
    ("What does {{c1::yield}} do in a function?", "", " python "),
    ("What is&nbsp;a closure?", "A function with its enclosing scope. [sound:closure.mp3]", ""),
]


def collection(notes=NOTES, deck="Python::Interview") -> bytes:
    db = sqlite3.connect(":memory:")
    db.executescript(ANKI_SCHEMA)
    decks = {"1": {"id": 1, "name": "Default"}, "1700000000001": {"id": 1700000000001, "name": deck}}
    db.execute("INSERT INTO col VALUES (1, 0, 0, 0, 11, 0, 0, 0, '{}', '{}', ?, '{}', '{}')",
               (json.dumps(decks),))
    for n, (front, back, tags) in enumerate(notes, 1):
        db.execute("INSERT INTO notes VALUES (?, ?, 1, 0, 0, ?, ?, ?, 0, 0, '')",
                   (n, f"guid{n}", tags, f"{front}\x1f{back}", front))
        db.execute("INSERT INTO cards VALUES (?, ?, 1700000000001, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, "
                   "0, 0, 0, 0, '')", (100 + n, n))
    db.commit()
    return db.serialize()


def package(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("media", "{}")
    return path


EXPECTED = [
    ("What is a decorator?", "A function that wraps another.\nKeep wraps.",
     ["python", "decorators", "interview"]),
    ("What does [… ] do in a function?".replace("… ", "…"), "What does yield do in a function?",
     ["python"]),
    ("What is a closure?", "A function with its enclosing scope.", []),
]


def triples(result):
    return [(q.prompt, q.sample_answer, q.topics) for q in result.questions]


def test_apkg_with_a_legacy_collection(tmp_path):
    path = package(tmp_path / "Python.apkg", {"collection.anki2": collection()})
    result = parse_file(path)
    assert result.format == "apkg" and result.title == "Interview"
    assert triples(result) == EXPECTED


def test_apkg_prefers_the_zstd_collection_of_new_anki(tmp_path):
    legacy = collection([("Please update to the latest Anki version.", "", "")], "Default")
    newer = zstandard.ZstdCompressor().compress(collection())
    path = package(tmp_path / "Python.colpkg", {"collection.anki2": legacy,
                                                "collection.anki21b": newer})
    assert triples(parse_file(path)) == EXPECTED


def test_a_bare_collection_file_is_read_too(tmp_path):
    path = tmp_path / "collection.anki2"
    path.write_bytes(collection())
    assert len(parse_file(path).questions) == 3


def test_an_sqlite_file_that_is_not_anki_is_named(tmp_path):
    path = tmp_path / "data.anki2"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(ImportFailed, match="SQLite database that is not an Anki collection"):
        parse_file(path)


@pytest.mark.parametrize(("name", "data", "says"), [
    ("deck.md", b"PK\x03\x04" + b"\x00" * 40, "zip archive"),
    ("deck.csv", b"%PDF-1.7\n\x00\x01", "a PDF"),
    ("deck.txt", b"\x00\x01\x02binary", "binary file"),
])
def test_binary_files_are_named_for_what_they_are(tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ImportFailed) as caught:
        parse_file(path)
    assert says in str(caught.value) and "UTF-8" not in str(caught.value)


def test_utf16_with_a_bom_is_read(tmp_path):
    path = tmp_path / "q.csv"
    path.write_bytes("prompt,answer\nWhat is é?,An e\n".encode("utf-16"))
    assert [q.prompt for q in parse_file(path).questions] == ["What is é?"]


def test_a_web_address_is_not_fetched():
    with pytest.raises(ImportFailed, match="download it first"):
        parse_file(Path("https://example.com/questions.md"))


def test_devices_and_pipes_are_refused(tmp_path):
    with pytest.raises(ImportFailed, match="not a regular file"):
        parse_file(Path("/dev/zero"))
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(ImportFailed, match="not a regular file"):
        parse_file(fifo)


def test_files_over_50_mb_are_refused(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: no real disk used
    with pytest.raises(ImportFailed, match="up to 50 MB"):
        parse_file(path)


def test_a_list_as_id_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "q.json"
    path.write_text('[{"prompt": "What is a list?", "id": ["x"]}]', encoding="utf-8")
    result = parse_file(path)
    assert [q.id for q in result.questions] == ["what-is-a-list"]
    assert 'id ["x"] is not text' in result.problems[0].reason


def test_deeply_nested_json_is_a_clear_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ImportFailed, match="nested too deeply"):
        parse_file(path)


def test_json_deck_keeps_every_deck_field(tmp_path, mockint_home):
    deck = {"schema": 1, "id": "mine", "title": "Mine", "description": "d", "time_limit": 90,
            "interviewer": {"name": "Sam", "role": "Lead"},
            "questions": [{"id": "q", "category": "technical", "prompt": "What?"}]}
    path = tmp_path / "export.json"
    path.write_text(json.dumps(deck), encoding="utf-8")
    report = import_file(path)
    saved = read_deck(report.deck_path)
    assert (saved.id, saved.title, saved.description, saved.time_limit) == ("mine", "Mine", "d", 90)
    assert saved.interviewer is not None and saved.interviewer.name == "Sam"


# --- folders ------------------------------------------------------------------------------------


def test_a_folder_is_one_deck_of_every_question_file(mockint_home):
    (plan,) = plan_import(SHAPES / "folder")
    assert plan.deck_id == "folder"
    assert sorted(q.prompt for q in plan.added) == [
        "What is DNS?", "What is a join?", "What is a load balancer?"]


def test_a_folder_can_be_one_deck_per_file(mockint_home):
    plans = plan_import(SHAPES / "folder", per_file=True)
    assert [(p.deck_id, len(p.added)) for p in plans] == [("extra", 1), ("networking", 1),
                                                           ("sql", 1)]


# --- where the questions go -------------------------------------------------------------------


def test_a_default_id_taken_by_a_bundled_deck_gets_a_suffix(mockint_home, tmp_path):
    path = tmp_path / "behavioral.md"
    path.write_text("## Tell me about a hard week?\n\nI planned.\n", encoding="utf-8")
    report = import_file(path)
    assert report.deck_id == "behavioral-2" and report.created
    assert 'go to the new deck "behavioral-2"' in report.note
    assert "bundled" in report.note


def test_two_files_with_the_same_name_do_not_merge_silently(mockint_home, tmp_path):
    (tmp_path / "questions.csv").write_text("prompt\nWhat is A?\n", encoding="utf-8")
    (tmp_path / "questions.json").write_text('["What is B?"]', encoding="utf-8")
    first = import_file(tmp_path / "questions.csv")
    second = import_file(tmp_path / "questions.json")
    assert (first.deck_id, second.deck_id) == ("questions", "questions-2")
    assert "--deck-id questions" in second.note
    merged = import_file(tmp_path / "questions.json", deck_id="questions")
    assert merged.added == 1 and not merged.created


def test_importing_the_same_file_again_adds_nothing_and_update_takes_new_answers(
        mockint_home, tmp_path):
    path = tmp_path / "notes.csv"
    path.write_text("prompt,answer\nWhat is A?,old\nWhat is B?,same\n", encoding="utf-8")
    import_file(path)
    again = import_file(path)
    assert (again.deck_id, again.added, again.written) == ("notes", 0, False)
    assert "already in your deck" in again.note
    path.write_text("prompt,answer\nWhat is A?,new\nWhat is B?,same\n", encoding="utf-8")
    assert import_file(path).written is False  # without --update nothing changes
    updated = import_file(path, update=True)
    assert (updated.updated, updated.added) == (1, 0)
    deck = read_deck(paths.user_decks_dir() / "notes.toml")
    assert [q.sample_answer for q in deck.questions] == ["new", "same"]


def test_a_plan_writes_nothing_until_applied(mockint_home):
    (plan,) = plan_import(SHAPES / "qa_pairs.md")
    assert not plan.target.exists()
    apply_plan(plan)
    assert plan.target.exists()


# --- the command line -----------------------------------------------------------------------------


def run_mockint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mockint", *args], capture_output=True,
                          text=True, env=dict(os.environ), timeout=60, cwd=REPO_ROOT)


def test_cli_dry_run_shows_questions_and_warnings_and_writes_nothing(mockint_home):
    proc = run_mockint("import", str(SHAPES / "list_after_intro.md"), "--dry-run")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert "6 questions read from" in out
    assert "How does event delegation work?" in out and "ask-them" in out
    assert "6 of 6 questions have no answer" in out
    assert "nothing written (--dry-run)" in out
    assert not (mockint_home / "decks").exists()


def test_cli_summarises_repeated_problems_and_maps_categories(mockint_home, tmp_path):
    path = tmp_path / "many.csv"
    path.write_text("prompt,category\n" + "".join(f"What is {n}?,technicalfe\n" for n in range(40)),
                    encoding="utf-8")
    proc = run_mockint("import", str(path), "--dry-run")
    lines = [line for line in proc.stderr.splitlines() if "technicalfe" in line]
    assert len(lines) == 1 and "[40 times (lines 2, 3, 4, 5, 6, …)]" in lines[0]
    mapped = run_mockint("import", str(path), "--dry-run", "--map-category", "technicalfe=technical")
    assert mapped.returncode == 0 and "technicalfe" not in mapped.stderr
    bad = run_mockint("import", str(path), "--map-category", "x=nonsense")
    assert bad.returncode == 2 and "unknown category 'nonsense'" in bad.stderr


def test_cli_help_documents_every_format_with_an_example():
    proc = run_mockint("import", "--help")
    for name in ("csv", "anki", "apkg", "md", "json"):
        assert f"\n  {name} (" in proc.stdout
    assert "## What is a decorator?" in proc.stdout and "importers.py" not in proc.stdout


def test_cli_export_csv_of_a_key_point_starting_with_a_pipe(mockint_home, tmp_path):
    deck = paths.user_decks_dir() / "pipes.toml"
    deck.parent.mkdir(parents=True, exist_ok=True)
    deck.write_text('schema = 1\nid = "pipes"\ntitle = "Pipes"\n[[questions]]\nid = "q"\n'
                    'category = "technical"\nprompt = "What?"\n'
                    'key_points = [{ point = "|starts with a pipe", cues = ["a, b"] }]\n',
                    encoding="utf-8")
    out = tmp_path / "pipes.csv"
    proc = run_mockint("export-deck", "pipes", "--format", "csv", "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    (question,) = parse_file(out).questions
    assert [(k.point, k.cues) for k in question.key_points] == [("|starts with a pipe", ["a, b"])]


def test_apkg_through_the_cli(mockint_home, tmp_path):
    path = package(tmp_path / "Python.apkg", {"collection.anki2": collection()})
    proc = run_mockint("import", str(path))
    assert proc.returncode == 0, proc.stderr
    deck = read_deck(paths.user_decks_dir() / "python.toml")
    assert deck.title == "Interview" and len(deck.questions) == 3


def test_zip_members_are_read_from_memory(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "x")
    path = tmp_path / "other.apkg"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ImportFailed, match="zip archive"):
        parse_file(path)


def test_a_txt_of_plain_numbered_questions_is_read_as_markdown(tmp_path):
    path = tmp_path / "questions.txt"
    path.write_text("Python questions\n\n1. What is a list?\n2. What is a dict?\n", encoding="utf-8")
    result = parse_file(path)
    assert result.format == "md"
    assert [q.prompt for q in result.questions] == ["What is a list?", "What is a dict?"]


def test_a_folder_of_one_card_per_file(mockint_home):
    (plan,) = plan_import(SHAPES / "cards_folder")
    assert [(q.prompt, q.sample_answer) for q in plan.added] == [
        ("Why use a mutex?\n\n```python\nwith lock:\n    counter += 1\n```",
         "Only one thread holds it at a time, so the update is not lost."),
        ("What is a race condition?",
         "Two threads touch shared state and the result depends on timing."),
    ]
    assert any("notes.md" in p.reason and "no questions found" in p.reason
               for p in plan.result.problems)


def test_a_folder_with_a_symlink_loop_is_read_once(mockint_home, tmp_path):
    (tmp_path / "q.md").write_text("## What is a loop?\n\nA cycle.\n", encoding="utf-8")
    (tmp_path / "loop").symlink_to(tmp_path)
    (plan,) = plan_import(tmp_path)
    assert [q.prompt for q in plan.added] == ["What is a loop?"]
