"""One plural helper and one name per session state (core/words.py), and the CLI and
exports use them: no "1 questions", no "abandoned" next to "left early"."""

from __future__ import annotations

import pytest

from mockint.core.words import noun, plural, session_status


@pytest.mark.parametrize(("count", "singular", "expected"), [
    (0, "question", "0 questions"),
    (1, "question", "1 question"),
    (2, "question", "2 questions"),
    (1, "story", "1 story"),
    (3, "story", "3 stories"),
    (2, "day", "2 days"),
    (2, "match", "2 matches"),
    (1, "empty session", "1 empty session"),
    (4, "empty session", "4 empty sessions"),
])
def test_plural_counts_in_words(count, singular, expected):
    assert plural(count, singular) == expected


def test_an_irregular_plural_is_given():
    assert plural(2, "person", "people") == "2 people"
    assert noun(1, "person", "people") == "person"


def test_a_session_left_mid_interview_reads_left_early_and_empty_wins_once_ended():
    assert session_status("abandoned") == "left early"
    assert session_status("finished") == "finished"
    assert session_status("in_progress") == "in progress"
    assert session_status("abandoned", empty=True) == "empty"
    # A running session is never called empty, whatever it holds so far.
    assert session_status("in_progress", empty=True) == "in progress"


def test_the_markdown_export_says_left_early_like_the_screens(tmp_path):
    from mockint.core.deck import Deck
    from mockint.storage.export import render
    from tests.helpers import make_record

    deck = Deck.model_validate({
        "schema": 1, "id": "d", "title": "D", "description": "", "time_limit": 60,
        "questions": [{"id": f"q{i}", "category": "technical", "prompt": f"Question {i}?",
                       "sample_answer": "x", "key_points": [{"point": "p", "cues": ["p"]}]}
                      for i in range(2)]})
    record = make_record(deck, ["an answer"], [3], status_finish=False)
    record.status = "abandoned"
    report = render(record, "md")
    assert "status: left early" in report and "abandoned" not in report
