"""A question's story: figures over the attempts at it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockint.core.deck import Deck
from mockint.core.session import AnswerRecord, SessionConfig, select_questions
from mockint.core.trends import SHOWN, question_trends

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def asked(deck_data):
    deck = Deck.model_validate(deck_data)
    return select_questions([deck], SessionConfig(deck_ids=[deck.id]))


def attempt(asked, i, text, points, rating, used, *, skipped=False, star=None) -> AnswerRecord:
    return AnswerRecord(index=0, asked=asked[i], text=text, used=used, rating=rating,
                        key_points_checked=list(points), star_checked=star or {},
                        skipped=skipped, submitted_at=WHEN)


def test_trends_over_the_answered_attempts(asked):
    story = question_trends([
        attempt(asked, 0, "one two", (False, False), 1, 100),
        attempt(asked, 0, "", (False, False), None, 3, skipped=True),
        attempt(asked, 0, "one two three four", (True, False), 3, 80),
        attempt(asked, 0, "one two three four five six", (True, True), 4, 65),
    ])
    assert (story.attempts, story.passed) == (3, 1)
    trends = {t.name: t for t in story.trends}
    assert list(trends) == ["Key points", "Rating", "Time used", "Words"]  # no STAR: technical
    assert trends["Key points"].text == "0/2 → 1/2 → 2/2"
    assert trends["Key points"].values == [0.0, 0.5, 1.0]
    assert trends["Rating"].text == "Again → Good → Easy"
    assert trends["Time used"].text == "1:40 → 1:20 → 1:05"
    assert trends["Time used"].direction == "down"
    assert trends["Words"].values == [2.0, 4.0, 6.0] and trends["Words"].direction == "up"


def test_star_completeness_for_a_behavioral_question(asked):
    star = dict.fromkeys(("situation", "task", "action", "result"), False)
    story = question_trends([
        attempt(asked, 1, "we", (True,), 2, 60, star={**star, "situation": True}),
        attempt(asked, 1, "we did", (True,), 3, 60, star={**star, "situation": True,
                                                           "action": True, "result": True}),
    ])
    trends = {t.name: t for t in story.trends}
    assert trends["STAR"].text == "1/4 → 3/4" and trends["STAR"].values == [0.25, 0.75]
    assert trends["Key points"].direction == "flat"


def test_long_histories_show_the_last_attempts_as_numbers(asked):
    story = question_trends([attempt(asked, 0, "w " * n, (True, False), 3, 60)
                             for n in range(1, 13)])
    words = next(t for t in story.trends if t.name == "Words")
    assert len(words.values) == 12
    assert words.text == "… → " + " → ".join(str(n) for n in range(13 - SHOWN, 13))


def test_no_answered_attempts_no_trends(asked):
    story = question_trends([attempt(asked, 0, "", (), None, 2, skipped=True)])
    assert (story.attempts, story.passed, story.trends) == (0, 1, [])
