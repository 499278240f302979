"""The stats' weekly key-point coverage, STAR completeness and share over the time limit,
counted from the ticks the person kept, through the history store's covering index."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mockint.core.deck import Deck
from mockint.core.session import Interview, SessionConfig, select_questions
from mockint.core.stats import WEEKS, compute_stats, stats_text
from mockint.core.timing import FakeClock
from mockint.storage.history import HistoryStore
from mockint.storage.history.store import STATS_ANSWER_SQL

NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)  # a Monday


def deck() -> Deck:
    return Deck.model_validate({"schema": 1, "id": "d", "title": "D", "questions": [
        {"id": "tech", "category": "technical", "prompt": "How?",
         "key_points": [{"point": p} for p in "abcd"]},
        {"id": "story", "category": "behavioral", "prompt": "Tell me about a time?",
         "key_points": [{"point": "a"}, {"point": "b"}]},
    ]})


def session(store: HistoryStore, d: Deck, when: datetime, ticks: dict[str, list[bool]],
            star: list[str] = (), over: set[str] = frozenset(), skip: set[str] = frozenset()):
    """One session answering each question in `ticks` with those key points ticked."""
    clock = FakeClock()
    config = SessionConfig(deck_ids=["d"])
    questions = [a for a in select_questions([d], config) if a.question.id in ticks]
    interview = Interview.start(questions, config, clock=clock, wall_clock=lambda: when)
    for asked in questions:
        interview.begin()
        clock.advance(500 if asked.question.id in over else 30)
        if asked.question.id in skip:
            interview.skip()
            interview.reveal()
        else:
            interview.submit("an answer")
            interview.reveal()
            for i, ticked in enumerate(ticks[asked.question.id]):
                interview.check_key_point(i, ticked)
            if asked.question.uses_star:
                for part in ("situation", "task", "action", "result"):
                    interview.check_star(part, part in star)
            interview.rate(3)
        interview.next()
    store.save_session(interview.record)


@pytest.fixture
def store(tmp_path):
    history = HistoryStore.open(tmp_path / "h.sqlite3")
    yield history
    history.close()


def test_weekly_coverage_star_and_overtime_from_a_known_history(store, local_zone):
    local_zone("UTC")
    d = deck()
    this_week, last_week = NOW - timedelta(days=1), NOW - timedelta(days=8)
    # Last week: tech 1 of 4, story 2 of 2 with S, T, A of STAR; tech over time.
    session(store, d, last_week, {"tech": [True, False, False, False], "story": [True, True]},
            star=["situation", "task", "action"], over={"tech"})
    # This week: tech 4 of 4; the story skipped (counts nowhere).
    session(store, d, this_week, {"tech": [True] * 4, "story": []}, skip={"story"})
    stats = compute_stats(store, [d], NOW)
    assert len(stats.weekly_coverage) == len(stats.weekly_star) == WEEKS
    last, now = stats.weekly_coverage[-2], stats.weekly_coverage[-1]
    assert (last.share, last.answers) == (pytest.approx(3 / 6), 2)  # points, not answers
    assert (now.share, now.answers) == (1.0, 1)
    assert (stats.weekly_star[-2].share, stats.weekly_star[-2].answers) == (0.75, 1)
    assert stats.weekly_star[-1].share is None  # no STAR answer this week
    assert [w.share for w in stats.weekly_overtime[-2:]] == [0.5, 0.0]
    assert all(w.share is None for w in stats.weekly_coverage[:-2])
    # Every chart carries its numbers as text, so it reads without colour.
    text = stats_text(stats)
    assert "Key points covered by week" in text and "50%  (2 answers)" in text
    assert "100%  (1 answer)" in text and "75%  (1 answer)" in text
    star_block = text.split("STAR completeness by week")[1].split("\n\n")[0]
    assert star_block.count("—") == WEEKS - 1


def test_the_weekly_figures_read_the_covering_index_only(store):
    plan = store.query("EXPLAIN QUERY PLAN " + STATS_ANSWER_SQL, ("2026-01-01",))
    steps = " / ".join(row["detail"] for row in plan)
    assert "USING COVERING INDEX answers_stats" in steps, steps
