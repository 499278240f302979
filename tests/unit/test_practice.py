"""FSRS scheduling with a fixed clock, each practice kind's choice, and the stats figures."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mockint.core.deck import Deck
from mockint.core.practice import QuestionRecord, due_keys, mixed_keys, new_keys, weak_keys
from mockint.core.scheduling import new_card, review, scheduler
from mockint.core.session import Interview, SessionConfig, select_questions
from mockint.core.stats import compute_stats, stats_text
from mockint.core.timing import FakeClock
from mockint.storage.history import HistoryStore
from mockint.storage.practice import choose

T0 = datetime(2026, 11, 1, 18, 0, tzinfo=UTC)


def test_a_run_of_ratings_gives_exact_due_dates_without_fuzzing():
    fsrs = scheduler(0.9, fuzz=False)
    card, when, steps = new_card(("d", "q")), T0, []
    for rating in (3, 3, 3, 1, 3, 4):
        card = review(card, rating, when, fsrs)
        steps.append(card.due - when)
        when = card.due
    assert steps == [timedelta(minutes=10), timedelta(days=2), timedelta(days=11),
                     timedelta(minutes=10), timedelta(days=2), timedelta(days=8)]


def test_higher_retention_means_sooner_reviews():
    def interval(retention: float) -> timedelta:
        fsrs = scheduler(retention, fuzz=False)
        card = review(review(new_card(("d", "q")), 3, T0, fsrs), 3, T0 + timedelta(minutes=10),
                      fsrs)
        card = review(card, 3, card.due, fsrs)
        return card.due - card.last_review

    assert interval(0.95) < interval(0.9) < interval(0.8)


def test_review_times_must_be_timezone_aware():
    with pytest.raises(ValueError):
        review(new_card(("d", "q")), 3, datetime(2026, 1, 1), scheduler())


def test_due_most_overdue_first_and_only_allowed():
    due = [(("d", "a"), T0 - timedelta(days=1)), (("d", "b"), T0 - timedelta(days=5)),
           (("d", "c"), T0 + timedelta(days=1)), (("e", "x"), T0 - timedelta(days=9))]
    assert due_keys(due, T0) == [("e", "x"), ("d", "b"), ("d", "a")]
    assert due_keys(due, T0, {("d", "a"), ("d", "b")}) == [("d", "b"), ("d", "a")]


def test_weak_ranks_low_ratings_then_missed_points_then_overtime():
    records = [
        QuestionRecord(("d", "fine"), (4, 4), 1.0, 0.0),
        QuestionRecord(("d", "bad"), (1, 1), 0.5, 0.0),
        QuestionRecord(("d", "meh-over"), (2, 3), 0.5, 1.0),
        QuestionRecord(("d", "meh"), (2, 3), 0.5, 0.0),
    ]
    assert weak_keys(records) == [("d", "bad"), ("d", "meh-over"), ("d", "meh")]


def test_new_and_mixed_cap_new_questions():
    keys = [("d", str(i)) for i in range(10)]
    assert new_keys(keys, {("d", "0"), ("d", "5")}) == [k for k in keys if k[1] not in "05"]
    due, weak, new = [("d", "a"), ("d", "b")], [("d", "b"), ("d", "c")], keys
    mixed = mixed_keys(due, weak, new, limit=10, new_share=0.3)
    assert mixed[:3] == [("d", "a"), ("d", "b"), ("d", "c")]
    assert sum(1 for k in mixed if k in new) == 7  # three due/weak: new ones fill to ten
    many = [("d", f"due{i}") for i in range(12)]
    capped = mixed_keys(many, [], new, limit=10, new_share=0.3)
    assert len(capped) == 10 and sum(1 for k in capped if k in new) == 3  # the cap holds
    # With nothing due or weak (a first session) new ones fill the session as asked...
    assert mixed_keys([], [], new, limit=5, new_share=0.3) == new[:5]
    # ...and with a few due or weak ones, new ones top it up to the size asked.
    assert mixed_keys(due, [], new, limit=5, new_share=0.3) == [*due, *new[:3]]


# --- through the history store -------------------------------------------------------


def deck() -> Deck:
    return Deck.model_validate({
        "schema": 1, "id": "d", "title": "D", "questions": [
            {"id": f"q{i}", "category": "technical" if i % 2 else "behavioral",
             "prompt": f"Question {i}?", "topics": ["orm"] if i < 3 else ["caching"],
             "key_points": [{"point": "a"}, {"point": "b"}]}
            for i in range(6)]})


def play(store: HistoryStore, d: Deck, ratings: dict[str, int], when: datetime,
         over: set[str] = frozenset()) -> None:
    """One finished session answering the given questions with the given ratings."""
    clock = FakeClock()
    config = SessionConfig(deck_ids=["d"])
    questions = [a for a in select_questions([d], config) if a.question.id in ratings]
    interview = Interview.start(questions, config, clock=clock, wall_clock=lambda: when)
    for asked in questions:
        interview.begin()
        clock.advance(500 if asked.question.id in over else 30)
        interview.submit("an answer")
        interview.reveal()
        interview.check_key_point(0, ratings[asked.question.id] >= 3)
        interview.rate(ratings[asked.question.id])
        interview.next()
    store.save_session(interview.record)
    fsrs = scheduler(0.9, fuzz=False)
    for answer in interview.record.answers:
        store.record_review(interview.record.id, answer, fsrs)


@pytest.fixture
def store(tmp_path):
    history = HistoryStore.open(tmp_path / "h.sqlite3")
    yield history
    history.close()


def test_a_review_is_recorded_once_per_answer_and_kept_across_sessions(store):
    d = deck()
    play(store, d, {"q0": 3, "q1": 1}, T0)
    due = dict(store.due_cards())
    assert due[("d", "q0")] == T0 + timedelta(minutes=10)
    assert due[("d", "q1")] == T0 + timedelta(minutes=1)
    (summary,) = store.list_sessions()
    record = store.load_session(summary.id)
    assert not store.record_review(record.id, record.answers[0], scheduler(fuzz=False))
    assert store.query("SELECT COUNT(*) AS n FROM reviews")[0]["n"] == 2
    play(store, d, {"q0": 3}, T0 + timedelta(minutes=10))
    assert dict(store.due_cards())[("d", "q0")] == T0 + timedelta(minutes=10, days=2)


def test_each_practice_kind_chooses_from_the_history(store):
    d = deck()
    play(store, d, {"q0": 4, "q1": 1, "q2": 2}, T0, over={"q2"})
    config = SessionConfig(deck_ids=["d"])
    later = T0 + timedelta(hours=1)

    def ids(kind: str, limit: int = 10) -> list[str]:
        return [a.question.id for a in choose(kind, store, [d], config, later, limit)]

    assert ids("due") == ["q1", "q2"]  # q1 (Again) due after 1 min, q2 (Hard) after 6
    assert ids("weak") == ["q1", "q2"]
    assert ids("new") == ["q3", "q4", "q5"]
    assert ids("mixed", limit=4) == ["q1", "q2", "q3", "q4"]  # two due/weak, new ones fill
    assert ids("mixed", limit=2) == ["q1", "q3"]  # 30% of 2 → one new, before a weak one
    filtered = config.model_copy(update={"categories": ["technical"]})
    assert [a.question.id for a in choose("new", store, [d], filtered, later, 10)] == ["q3", "q5"]


def test_editing_a_question_keeps_its_schedule_and_deleting_keeps_history(store):
    d = deck()
    play(store, d, {"q1": 1}, T0)
    edited = d.model_copy(deep=True)
    edited.questions[1].prompt = "A reworded question?"
    later = T0 + timedelta(hours=1)
    (asked,) = choose("due", store, [edited], SessionConfig(deck_ids=["d"]), later, 5)
    assert asked.question.prompt == "A reworded question?"
    gone = d.model_copy(update={"questions": d.questions[2:]})
    assert choose("due", store, [gone], SessionConfig(deck_ids=["d"]), later, 5) == []
    assert store.count_sessions() == 1


def test_stats_figures_match_a_known_history(store, local_zone):
    local_zone("UTC")
    d = deck()
    play(store, d, {"q0": 4, "q1": 1}, T0, over={"q1"})
    play(store, d, {"q0": 3, "q1": 2, "q3": 2}, T0 + timedelta(days=2))
    stats = compute_stats(store, [d], T0 + timedelta(days=3))
    assert stats.sessions_per_day[-4:] == [1, 0, 1, 0]
    assert stats.answers_per_day[-4:] == [2, 0, 3, 0]
    assert (stats.answers_total, stats.over_limit) == (5, 1)
    assert stats.weakest_topics[0] == ("orm", pytest.approx(2.5), 4)
    assert [c[0] for c in stats.weakest_categories] == ["technical", "behavioral"]
    progress = stats.decks[0]
    assert (progress.new, progress.learning + progress.review) == (3, 3)
    assert sum(n for _, n in stats.due_next_days) == 2  # q1 and q3 (Hard); q0 (Easy, Good) later
    text = stats_text(stats)
    assert "Answers over the time limit (last 90 days): 1 of 5 (20%)" in text
