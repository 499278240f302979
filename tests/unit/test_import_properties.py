"""Property tests: no input makes an importer raise anything but ImportFailed, and
decks with hostile text survive export -> import in every writable format."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from mockint.core.deck import CATEGORIES, LEVELS, Deck
from mockint.core.keypoints import format_key_point, parse_key_point
from mockint.storage.formats.base import ImportFailed, normalise_prompt
from mockint.storage.formats.export import export_deck
from mockint.storage.formats.reading import parse_file

# Characters that mean something to Markdown, CSV, JSON, Anki or HTML, plus plain ones.
MARKUP = st.sampled_from(list("`#-*_>|\\[](){}<>!=+;,:\"'~\t\n ?.1aQA&") +
                         ["```", "---", "***", "## ", "<!--", "-->", "Q:", "A:", "&amp;",
                          "[x](y)", "\x1f", "é", "\r\n", "    ",
                          # folded answers and Anki clozes (the readers unfold them)
                          "<details>", "</details>", "<summary>", "</summary>", "<br>", "<b>",
                          "<code>", "{{c1::", "}}", "::"])
HOSTILE = st.lists(MARKUP, max_size=30).map("".join)
# No shrinking: a failure shows the example as found (shrinking hostile text took minutes).
BUDGET = settings(max_examples=40, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
                  suppress_health_check=[HealthCheck.function_scoped_fixture])


def read(name: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, name)
        path.write_bytes(data)
        try:
            parse_file(path)
        except ImportFailed:
            pass


@BUDGET
@given(text=HOSTILE, name=st.sampled_from(["q.md", "q.csv", "q.tsv", "q.txt", "q.json"]))
def test_no_text_makes_a_reader_raise_anything_but_import_failed(text, name):
    read(name, text.encode("utf-8"))


@BUDGET
@given(data=st.binary(max_size=200), name=st.sampled_from(["q.apkg", "q.md", "q.json"]))
def test_no_bytes_make_a_reader_raise_anything_but_import_failed(data, name):
    read(name, data)


@BUDGET
@given(data=st.binary(max_size=200))
def test_broken_zip_packages_fail_clearly(data):
    read("q.apkg", b"PK\x03\x04" + data)


JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5),
                           lambda inner: st.lists(inner, max_size=3)
                           | st.dictionaries(st.sampled_from(
                               ["prompt", "id", "answer", "topics", "key_points", "cards",
                                "questions", "title", "schema", "category", "level", "x"]),
                               inner, max_size=4), max_leaves=12)


@BUDGET
@given(value=JSON_VALUES)
def test_any_json_shape_is_read_or_refused_clearly(value):
    import json

    read("q.json", json.dumps(value).encode("utf-8"))


def _deck(questions: list[dict]) -> Deck:
    taken: set[str] = set()
    for number, question in enumerate(questions):
        question["id"] = f"q-{number}"
        taken.add(question["id"])
    return Deck.model_validate({"schema": 1, "id": "hostile", "title": "Hostile `deck` ---",
                                "description": "```\n# not a heading\n---",
                                "questions": questions})


PLAIN = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1,
                max_size=12).filter(lambda s: s.strip() == s and s)
QUESTIONS = st.lists(st.fixed_dictionaries({
    "prompt": st.one_of(HOSTILE, PLAIN).map(lambda s: ("Q" + s).strip()),
    "category": st.sampled_from(CATEGORIES),
    "level": st.sampled_from(LEVELS),
    "sample_answer": HOSTILE,
    "tip": HOSTILE,
    "topics": st.lists(PLAIN, max_size=2),
    "key_points": st.lists(st.fixed_dictionaries({"point": st.one_of(PLAIN, HOSTILE.map(lambda s: "p" + s)),
                                                  "cues": st.lists(PLAIN, max_size=2)}), max_size=2),
    "follow_ups": st.lists(st.one_of(PLAIN, HOSTILE), max_size=2),
    "framework": st.lists(HOSTILE, max_size=2),
    "why_asked": HOSTILE,
}), min_size=1, max_size=4).filter(
    lambda qs: len({normalise_prompt(q["prompt"]) for q in qs}) == len(qs))  # else: duplicates


@BUDGET
@given(questions=QUESTIONS, fmt=st.sampled_from(["md", "csv", "json"]))
def test_hostile_decks_round_trip(questions, fmt):
    deck = _deck(questions)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"deck.{fmt}")
        path.write_text(export_deck(deck, fmt), encoding="utf-8", newline="")
        result = parse_file(path)
    assert result.problems == []
    assert result.questions == deck.questions


@settings(max_examples=60, deadline=None)
@given(point=PLAIN.map(lambda s: s.replace("\n", " ").strip() or "p"),
       cues=st.lists(PLAIN.map(lambda s: s.replace("\n", " ").strip() or "c"), max_size=3))
def test_any_key_point_text_reads_back(point, cues):
    assert parse_key_point(format_key_point(point, cues)) == {"point": point, "cues": cues}
