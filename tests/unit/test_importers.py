"""Importing questions: CSV/TSV, Anki text, Markdown, JSON, and merging into user decks.

Fixtures live in tests/data/import/; each holds good rows beside broken ones so
a test can check both that the rest is imported and that each broken line is
named with its line number.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockint import paths
from mockint.storage.decks import read_deck
from mockint.storage.formats.base import ImportFailed, Options, normalise_prompt
from mockint.storage.formats.importing import import_file
from mockint.storage.formats.reading import detect_format, parse_file
from tests.helpers import run_mockint

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
REPO_ROOT = Path(__file__).resolve().parents[2]


def problems_by_line(result) -> dict[int, str]:
    return {p.line: p.reason for p in result.problems}


def prompts(result) -> list[str]:
    return [q.prompt for q in result.questions]


# --- detection ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("questions.csv", "csv"), ("semicolon.csv", "csv"), ("questions.tsv", "csv"),
     ("anki.txt", "anki"), ("anki_plain.txt", "anki"), ("headings.md", "md"),
     ("questions.json", "json")],
)
def test_detect_format_from_extension_and_content(name, fmt):
    assert detect_format(DATA / name) == fmt


def test_detect_format_refuses_an_unknown_extension(tmp_path):
    path = tmp_path / "deck.xlsx"
    path.write_text("x")
    with pytest.raises(ImportFailed, match="--format"):
        detect_format(path)


def test_format_can_be_overridden(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("- What is a fixture?\n  Setup shared by tests.\n", encoding="utf-8")
    assert prompts(parse_file(path, fmt="md")) == ["What is a fixture?"]


# --- CSV / TSV -----------------------------------------------------------------------------


def test_csv_imports_good_rows_and_names_every_broken_line():
    result = parse_file(DATA / "questions.csv")
    assert result.format == "csv"
    assert prompts(result) == ["What is the N+1 query problem?",
                               "Tell me about a conflict with a colleague.",
                               "Explain database indexes.", "What is a race condition?"]
    assert result.questions[1].category == "behavioral"  # the British spelling is understood
    problems = problems_by_line(result)
    assert sorted(problems) == [1, 5, 7, 8]
    assert '"Colour"' in problems[1] and "ignored" in problems[1]
    assert "empty prompt" in problems[5]
    assert "2 cells, but the header has 9" in problems[7]
    assert '"ninety"' in problems[8] and "time_limit" in problems[8]


def test_csv_reads_every_column():
    first, _conflict, indexes, race = parse_file(DATA / "questions.csv").questions
    assert first.id == "what-is-the-n-1-query"
    assert first.sample_answer == ("One query for the list, then one per row.\n"
                                   "Fix it with select_related or prefetch_related.")
    assert first.topics == ["orm", "performance"]
    assert [(k.point, k.cues) for k in first.key_points] == [
        ("select_related joins", ["select_related", "join"]),
        ("prefetch_related runs a second query", ["prefetch_related"]),
    ]
    assert first.follow_ups == ["How do you spot it?", "What about GraphQL?"]
    assert first.time_limit == 150
    assert (indexes.category, indexes.level) == ("system-design", "senior")
    assert indexes.topics == ["indexes", "postgres"]  # comma-separated when there is no ";"
    # a JSON array keeps ";" and "|" inside an item
    assert indexes.follow_ups == ["Which index types does PostgreSQL have; and when?",
                                  "Composite | order?"]
    assert race.topics == ["concurrency"]


def test_csv_sniffs_semicolons_and_keeps_quoted_separators():
    result = parse_file(DATA / "semicolon.csv")
    assert result.problems == []
    assert result.questions[1].sample_answer == (
        "I shipped a migration that locked a table; we rolled back")
    assert result.questions[1].category == "behavioral"


def test_tsv_with_front_back_and_tags_columns():
    result = parse_file(DATA / "questions.tsv")
    assert prompts(result) == ["What does GIL stand for?", "What is a generator?"]
    assert result.questions[0].topics == ["python", "cpython"]
    assert result.questions[0].sample_answer == "Global interpreter lock"


def test_csv_without_a_prompt_column_cannot_be_read():
    with pytest.raises(ImportFailed) as caught:
        parse_file(DATA / "no_prompt.csv", fmt="csv")
    assert caught.value.problems[0].line == 1
    assert "no prompt column" in caught.value.problems[0].reason


def test_csv_defaults_and_ids(tmp_path):
    path = tmp_path / "ids.csv"
    path.write_text(
        "prompt,category,level,id\n"
        "First?,,,same\n"
        "Second?,,,same\n"
        "Third?,ask them,JUNIOR,Not An Id\n",
        encoding="utf-8",
    )
    result = parse_file(path, options=Options(category="behavioral", level="senior"))
    first, second, third = result.questions
    assert (first.id, first.category, first.level) == ("same", "behavioral", "senior")
    assert second.id == "second"
    assert (third.id, third.category, third.level) == ("third", "ask-them", "junior")
    problems = problems_by_line(result)
    assert "used by an earlier question" in problems[3] and '"second"' in problems[3]
    assert '"Not An Id"' in problems[4]


def test_csv_key_points_and_lists_as_json(tmp_path):
    path = tmp_path / "json-cells.csv"
    path.write_text(
        'prompt,key_points,framework\n'
        '"Q?","[{""point"": ""a; b | c"", ""cues"": [""x, y""]}, ""plain point""]",'
        '"[""Measure; then act"", ""Fix""]"\n',
        encoding="utf-8",
    )
    (question,) = parse_file(path).questions
    assert [(k.point, k.cues) for k in question.key_points] == [("a; b | c", ["x, y"]),
                                                                 ("plain point", [])]
    assert question.framework == ["Measure; then act", "Fix"]


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("prompt\nWhat is a caf\u00e9?\n".encode("latin-1"))
    with pytest.raises(ImportFailed) as caught:
        parse_file(path)
    assert caught.value.problems[0].line == 2
    assert "UTF-8" in caught.value.problems[0].reason


def test_missing_file_cannot_be_read(tmp_path):
    with pytest.raises(ImportFailed, match="not found"):
        parse_file(tmp_path / "nope.csv")


# --- Anki -------------------------------------------------------------------------------------


def test_anki_headers_html_tags_and_deck():
    result = parse_file(DATA / "anki.txt")
    assert result.format == "anki" and result.title == "Python basics"
    decorator, context, yield_ = result.questions
    assert decorator.prompt == "What is a decorator?"
    assert decorator.sample_answer == ("A function that wraps another function.\n"
                                       "Use @functools.wraps & keep the name.")
    assert decorator.topics == ["python", "interview", "decorators"]
    assert context.prompt == "What is a context manager?"  # &nbsp; is a space
    assert context.sample_answer.endswith(",\nused with the with statement.")
    assert yield_.topics == ["python", "interview"]
    (problem,) = result.problems
    assert problem.line == 10 and "expected front and back" in problem.reason


def test_anki_without_headers_is_tab_separated():
    result = parse_file(DATA / "anki_plain.txt")
    assert result.problems == []
    assert [(q.prompt, q.sample_answer) for q in result.questions] == [
        ("What is Django?", "A Python web framework"),
        ("What is DRF?", "Django REST framework, for APIs"),
    ]


def test_anki_pipe_separator_keeps_text_literal_without_html():
    result = parse_file(DATA / "anki_pipe.txt")
    assert result.questions[0].prompt == "What is <script>?"
    assert result.questions[0].sample_answer == "Literal <b>markup</b> &amp; text"


@pytest.mark.parametrize(("header", "sep"), [("semicolon", ";"), ("comma", ","), ("Space", " "),
                                             ("~", "~")])
def test_anki_separator_names_and_characters(tmp_path, header, sep):
    path = tmp_path / "notes.txt"
    path.write_text(f"#separator:{header}\n#unknown:ignored\nfront{sep}back\n", encoding="utf-8")
    result = parse_file(path)
    assert [(q.prompt, q.sample_answer) for q in result.questions] == [("front", "back")]
    assert result.problems == []


def test_anki_guid_and_notetype_columns_are_skipped(tmp_path):
    path = tmp_path / "full.txt"
    path.write_text("#separator:tab\n#guid column:1\n#notetype column:2\n#tags column:5\n"
                    "abc123\tBasic\tWhat is ASGI?\tAsync WSGI\tasync web\n", encoding="utf-8")
    (question,) = parse_file(path).questions
    assert (question.prompt, question.sample_answer) == ("What is ASGI?", "Async WSGI")
    assert question.topics == ["async", "web"]


def test_a_csv_without_a_header_is_rows_of_question_and_answer(tmp_path):
    """It was read as Markdown: one question made of the whole file."""
    path = tmp_path / "plain.csv"
    path.write_text('What is a list?,A mutable sequence\n"What is a tuple, then?",Immutable\n',
                    encoding="utf-8")
    result = parse_file(path)
    assert [(q.prompt, q.sample_answer) for q in result.questions] == [
        ("What is a list?", "A mutable sequence"), ("What is a tuple, then?", "Immutable")]
    assert result.problems == []


def test_an_anki_text_export_with_cloze_notes_asks_with_the_gaps(tmp_path):
    """Cloze notes (common in Anki decks) were imported with `{{c1::…}}` in the prompt and
    no answer; as in an .apkg, the gap is asked and the whole text is the answer."""
    path = tmp_path / "cloze.txt"
    path.write_text("#separator:tab\n#html:true\n#notetype column:1\n"
                    "Cloze\t{{c1::select_related}} follows <b>foreign keys</b> in one query.\t\n"
                    "Cloze\t{{c1::prefetch_related::which method}} runs a second query.\tFor M2M.\n",
                    encoding="utf-8")
    first, second = parse_file(path).questions
    assert (first.prompt, first.sample_answer) == (
        "[…] follows foreign keys in one query.", "select_related follows foreign keys in one query.")
    assert (second.prompt, second.sample_answer) == (
        "[which method] runs a second query.", "prefetch_related runs a second query.\n\nFor M2M.")


# --- Markdown -----------------------------------------------------------------------------------


def test_markdown_headings_title_sections_and_code():
    result = parse_file(DATA / "headings.md")
    assert result.title == "Django interview prep"
    assert result.description == "Questions I expect in a Django backend interview."
    assert prompts(result) == [
        "What is the N+1 problem?",
        "Explain select_related vs prefetch_related",  # deepest level: a question without "?"
        "How does CSRF protection work?",
        "Is this a question at level two?",  # ends with "?": a question at any level
    ]
    n_plus_one, select, csrf, level_two = result.questions
    assert n_plus_one.topics == ["orm"] and csrf.topics == ["security"]
    assert level_two.topics == []
    assert "- Use `prefetch_related` for many-to-many." in n_plus_one.sample_answer
    assert "# this comment is not a heading" in select.sample_answer  # fenced code is text
    assert "---" not in csrf.sample_answer
    problems = problems_by_line(result)
    assert '"Reading list" is read as a section' in problems[31]
    # the empty "###" under it is inside the level-2 question's answer: not a question
    assert sorted(problems) == [31]
    assert level_two.sample_answer.startswith("Yes, because it ends with a question mark.")


def test_markdown_numbered_and_bulleted_questions():
    result = parse_file(DATA / "lists.md")
    assert result.title == "Python warm-up"
    assert [(q.prompt, q.sample_answer) for q in result.questions] == [
        ("What is a list comprehension?", "A compact way to build a list from an iterable."),
        ("What is the difference between a tuple and a list?",
         "Tuples are immutable; lists can change."),
        ("What does `*args` do?", "Collects extra positional arguments into a tuple.\n"
                                  "  - nested bullets stay in the answer"),
        ("Explain duck typing", ""),
        ("What is PEP 8?", ""),
    ]
    assert [p.line for p in result.problems] == [14]  # the empty "-" item


def test_markdown_lists_under_section_headings_get_topics():
    result = parse_file(DATA / "sections.md")
    assert [(q.prompt, q.topics) for q in result.questions] == [
        ("What is Python?", ["basics"]), ("What is pip?", ["basics"]), ("What is WSGI?", ["web"]),
    ]
    assert result.title is None and result.problems == []


def test_markdown_cards():
    result = parse_file(DATA / "cards.md")
    assert result.title == "Behavioral cards" and result.description == "Stories to practise."
    assert [(q.prompt, q.sample_answer) for q in result.questions] == [
        ("Tell me about a time you failed.",
         "I shipped a migration that locked a table.\nWe rolled back within ten minutes."),
        ("Why do you want this job?", "The API is the product here."),
        ("What motivates you?", "Shipping things people use."),
    ]


def test_markdown_headings_without_a_title(tmp_path):
    path = tmp_path / "flat.md"
    path.write_text("# Explain decorators\nWrappers.\n# Explain generators\nLazy.\n",
                    encoding="utf-8")
    result = parse_file(path)
    assert result.title is None  # two level-1 headings: neither is a title
    assert prompts(result) == ["Explain decorators", "Explain generators"]


def test_markdown_without_questions_reports_it(tmp_path):
    path = tmp_path / "prose.md"
    path.write_text("Just a paragraph.\n", encoding="utf-8")
    result = parse_file(path)
    assert result.questions == []
    assert "no questions found" in result.problems[0].reason


# --- JSON ---------------------------------------------------------------------------------------


def test_json_list_with_broken_items():
    result = parse_file(DATA / "questions.json")
    migration, middleware, teamwork, string, caching = result.questions
    assert migration.id == "what-is-a-django-migration"
    assert migration.topics == ["orm", "migrations"]
    assert migration.sample_answer == "A versioned schema change."
    assert (middleware.id, middleware.level) == ("custom-id", "senior")
    assert [(k.point, k.cues) for k in middleware.key_points] == [("wraps the request", []),
                                                                   ("ordered", ["order"])]
    assert caching.prompt == "What is caching?"
    problems = problems_by_line(result)
    # an unknown category is imported with the default, and said so
    assert teamwork.category == "technical"
    assert problems[5].startswith('item 2: unknown category "potluck": imported as "technical"')
    assert string.prompt == "just a string"  # a list of strings is a list of questions
    assert problems[7].startswith("item 4: empty prompt")
    assert problems[8].startswith('item 5: unknown or repeated field "colour"')


def test_json_deck_keeps_its_own_defaults():
    result = parse_file(DATA / "deck.json", options=Options(level="senior"))
    assert result.title == "A deck as JSON" and result.description == "Exported earlier."
    orm, story = result.questions
    assert orm.level == "mid"  # the deck format's default, not the import default
    assert story.star is not None and story.star.result == "Shipped"
    (problem,) = result.problems
    assert problem.line == 10
    assert problem.reason.startswith('item 2 (id "bad-one"): time_limit')


def test_invalid_json_cannot_be_read():
    with pytest.raises(ImportFailed) as caught:
        parse_file(DATA / "broken.json")
    assert caught.value.problems[0].line == 3
    assert "not valid JSON" in caught.value.problems[0].reason


# --- import_file: new decks, merging, refusal ------------------------------------------------


def test_import_creates_a_user_deck(mockint_home):
    report = import_file(DATA / "questions.csv")
    assert report.created and report.added == 4 and report.skipped_duplicates == 0
    assert report.deck_id == "questions"
    assert report.deck_path == paths.user_decks_dir() / "questions.toml"
    deck = read_deck(report.deck_path)
    assert deck.title == "Questions"
    assert [q.prompt for q in deck.questions][0] == "What is the N+1 query problem?"
    assert len(report.problems) == 4


def test_reimport_does_not_duplicate(mockint_home):
    first = import_file(DATA / "lists.md")
    before = first.deck_path.read_bytes()
    again = import_file(DATA / "lists.md")
    assert (again.created, again.added, again.skipped_duplicates) == (False, 0, 5)
    assert again.deck_path == first.deck_path
    assert first.deck_path.read_bytes() == before
    assert not first.deck_path.with_name("lists.toml.bak").exists()  # nothing changed


def test_merge_skips_normalised_prompts_and_keeps_a_backup(mockint_home, tmp_path):
    first = import_file(DATA / "lists.md", deck_id="python-warm-up")
    assert read_deck(first.deck_path).title == "Python warm-up"  # the Markdown title
    extra = tmp_path / "more.md"
    extra.write_text("- what is a LIST   comprehension\n- What is PEP 8?\n"
                     "- What is a virtualenv?\n  An isolated environment.\n", encoding="utf-8")
    report = import_file(extra, deck_id="python-warm-up")
    assert (report.created, report.added, report.skipped_duplicates) == (False, 1, 2)
    deck = read_deck(report.deck_path)
    assert len(deck.questions) == 6 and deck.questions[-1].prompt == "What is a virtualenv?"
    assert report.deck_path.with_name("python-warm-up.toml.bak").exists()


def test_merge_gives_clashing_ids_new_ones(mockint_home, tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    a.write_text('[{"id": "q", "prompt": "First?"}]', encoding="utf-8")
    b.write_text('[{"id": "q", "prompt": "Second?"}]', encoding="utf-8")
    import_file(a, deck_id="mine")
    report = import_file(b, deck_id="mine")
    assert [q.id for q in read_deck(report.deck_path).questions] == ["q", "second"]


def test_duplicates_inside_one_file_are_skipped(mockint_home, tmp_path):
    path = tmp_path / "twice.md"
    path.write_text("- What is Celery?\n- what is celery\n", encoding="utf-8")
    report = import_file(path)
    assert (report.added, report.skipped_duplicates) == (1, 0)
    (problem,) = report.problems
    assert (problem.line, problem.reason) == (
        2, "same question as the one on line 1 earlier in this file; skipped")


def test_bundled_decks_are_never_written(mockint_home):
    with pytest.raises(ImportFailed, match="bundled deck"):
        import_file(DATA / "cards.md", deck_id="behavioral")
    assert not (paths.user_decks_dir() / "behavioral.toml").exists()


def test_a_broken_user_deck_is_not_overwritten(mockint_home):
    target = paths.user_decks_dir() / "broken.toml"
    target.parent.mkdir(parents=True)
    target.write_text("this is not toml = = =", encoding="utf-8")
    with pytest.raises(ImportFailed, match="not a usable deck"):
        import_file(DATA / "lists.md", deck_id="broken")
    assert target.read_text(encoding="utf-8") == "this is not toml = = ="


def test_a_file_with_nothing_to_import_fails(mockint_home):
    with pytest.raises(ImportFailed, match="no questions found"):
        import_file(DATA / "header_only.csv")
    assert not paths.user_decks_dir().exists() or not any(paths.user_decks_dir().iterdir())


def test_normalise_prompt():
    assert normalise_prompt("  What IS   the GIL?!  ") == normalise_prompt("what is the gil")


# --- the CLI, as the user runs it ---------------------------------------------------------------


def test_cli_import_prints_counts_problems_and_the_deck(mockint_home):
    file = str(DATA / "questions.csv")
    proc = run_mockint("import", file, "--deck-id", "from-csv")
    assert proc.returncode == 0, proc.stderr
    assert "added 4 questions, updated 0, skipped 0" in proc.stdout
    assert str(mockint_home / "decks" / "from-csv.toml") in proc.stdout
    assert f"{file}:7: 2 cells" in proc.stderr
    again = run_mockint("import", file, "--deck-id", "from-csv")
    assert again.returncode == 0, again.stderr
    assert "added 0 questions, updated 0, skipped 4" in again.stdout


def test_cli_import_of_an_unreadable_file_exits_1(mockint_home):
    file = str(DATA / "broken.json")
    proc = run_mockint("import", file)
    assert proc.returncode == 1
    assert f"{file}:3: not valid JSON" in proc.stderr
    assert not (mockint_home / "decks").exists()


def test_cli_import_refuses_a_bundled_deck(mockint_home):
    proc = run_mockint("import", str(DATA / "cards.md"), "--format", "md", "--deck-id", "behavioral")
    assert proc.returncode == 1 and "bundled deck" in proc.stderr


def test_json_in_the_shapes_people_keep_reads_ids_topics_keywords_and_hr_categories(tmp_path):
    """Field names from real lists: "ID" (any case, a number), "topic", "keywords",
    "difficulty", and categories or topics such as "HR", "Weakness", "Company Interest"
    that say the question is behavioral."""
    path = tmp_path / "hr.json"
    path.write_text(json.dumps({"questions": [
        {"ID": 7, "category": "Company Interest", "question": "Why do you want \nto work here?"},
        {"ID": 8, "topic": "HR", "difficulty": "Hard", "question": "What is your main weakness?",
         "keywords": ["honest", "improving"]},
        {"Id": 9, "Topic": "Python", "Question": "What is a decorator?", "Solution": "A wrapper."},
    ]}), encoding="utf-8")
    result = parse_file(path)
    assert result.problems == []
    assert [(q.id, q.category, q.level, q.topics) for q in result.questions] == [
        ("7", "behavioral", "mid", []), ("8", "behavioral", "senior", ["HR"]),
        ("9", "technical", "mid", ["Python"])]
    assert result.questions[0].prompt == "Why do you want to work here?"
    assert [k.point for k in result.questions[1].key_points] == ["honest", "improving"]
    assert result.questions[2].sample_answer == "A wrapper."
