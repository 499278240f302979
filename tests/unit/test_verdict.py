"""The summary's verdict: each question against the previous attempt at it."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockint.core.deck import Deck
from mockint.core.session import AnswerRecord, SessionConfig, select_questions
from mockint.core.verdict import question_verdict, session_verdict

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


@pytest.fixture
def asked(deck_data):
    deck = Deck.model_validate(deck_data)
    return select_questions([deck], SessionConfig(deck_ids=[deck.id]))


def answer(asked, i, *, points=(False, False), used=60.0, rating=3, skipped=False,
           submitted=True, star=None) -> AnswerRecord:
    return AnswerRecord(index=i, asked=asked[i], text="words", used=used, rating=rating,
                        key_points_checked=list(points), star_checked=star or {},
                        skipped=skipped, submitted_at=WHEN if submitted or skipped else None)


def test_better_coverage_faster_after_overtime_and_a_higher_rating(asked):
    before = answer(asked, 0, points=(False, False), used=130, rating=2)  # 40 s over 90
    now = answer(asked, 0, points=(True, True), used=90, rating=3)
    verdict = question_verdict(now, before)
    assert verdict.change == "coverage 0/2 → 2/2 · 40 s faster · Hard → Good"
    assert verdict.trend == 1 and not verdict.weak


def test_worse_is_weak_even_with_a_good_rating(asked):
    before = answer(asked, 0, points=(True, True), rating=4)
    now = answer(asked, 0, points=(True, False), rating=3)
    verdict = question_verdict(now, before)
    assert verdict.change == "coverage 2/2 → 1/2 · Easy → Good"
    assert verdict.trend == -1 and verdict.weak and verdict.why_weak == "worse than last time"


def test_small_time_differences_and_no_change_read_as_the_same(asked):
    before = answer(asked, 0, points=(True, False), used=60)
    verdict = question_verdict(answer(asked, 0, points=(True, False), used=63), before)
    assert verdict.change == "about the same as last time" and verdict.trend == 0


def test_slower_is_only_worse_when_it_runs_over(asked):
    before = answer(asked, 0, points=(True, True), used=40)
    assert question_verdict(answer(asked, 0, points=(True, True), used=80), before).trend == 0
    over = question_verdict(answer(asked, 0, points=(True, True), used=120), before)
    assert over.change == "80 s slower" and over.trend == -1


def test_star_parts_count_for_a_behavioral_question(asked):
    star = dict.fromkeys(("situation", "task", "action", "result"), False)
    before = answer(asked, 1, points=(True,), star={**star, "situation": True})
    now = answer(asked, 1, points=(True,), star={**star, "situation": True, "action": True,
                                                 "result": True})
    verdict = question_verdict(now, before)
    assert verdict.change == "STAR 1/4 → 3/4" and verdict.trend == 1


def test_first_attempts_skips_and_unanswered_questions(asked):
    first = question_verdict(answer(asked, 0, points=(False, False), rating=1), None)
    assert first.change == "first attempt" and first.first_time
    assert first.weak and first.why_weak == "Again, 0/2 key points"
    skipped = question_verdict(answer(asked, 1, skipped=True, rating=None), None)
    assert (skipped.change, skipped.weak, skipped.why_weak) == ("skipped", True, "skipped")
    left = question_verdict(answer(asked, 2, submitted=False, rating=None), None)
    assert (left.change, left.why_weak) == ("unanswered", "unanswered")


def test_session_verdict_says_what_improved_and_what_to_practise(asked):
    answers = [answer(asked, 0, points=(True, True), rating=4),
               answer(asked, 1, points=(True,), rating=2),
               answer(asked, 2, skipped=True, rating=None)]
    previous = {0: answer(asked, 0, points=(True, False), rating=3),
                1: answer(asked, 1, points=(True,), rating=3)}
    verdict = session_verdict(answers, previous)
    assert verdict.improved == ("Better than last time on 1 of 2 questions asked before (#1); "
                                "worse on #2.")
    assert verdict.practise_next == "Practise next: #2 (Hard); #3 (skipped)"
    assert verdict.weak_keys == [("sample-backend", "conflict-with-colleague"),
                                 ("sample-backend", "design-url-shortener")]


def test_session_verdict_of_new_questions_and_of_a_clean_session(asked):
    fine = [answer(asked, 0, points=(True, True), rating=4)]
    verdict = session_verdict(fine, {})
    assert verdict.improved == "All new questions: nothing to compare with yet."
    assert verdict.practise_next == "Nothing weak this time: practise what is due."
    assert verdict.weak_keys == []
