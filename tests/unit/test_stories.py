"""The story bank's logic: the model, competency inference, coverage, matching, warnings."""

from __future__ import annotations

import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mockint.core.deck import COMPETENCIES, Deck, Question, parse_deck
from mockint.core.stories import (
    COMPETENCY_MEANINGS,
    Story,
    StoryUse,
    coverage,
    draft_from_answer,
    figures_in,
    infer_competencies,
    matching_stories,
    overuse_warnings,
    question_competencies,
    search_stories,
    split_into_parts,
    story_match,
    uncovered_in,
)

REPO_ROOT = Path(__file__).resolve().parents[2]
WORDINGS = tomllib.loads((REPO_ROOT / "tests/data/competency_wordings.toml").read_text("utf-8"))
NOW = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def story(title: str, *competencies: str, **parts: str) -> Story:
    return Story(title=title, competencies=list(competencies), **parts)


# --- the model -------------------------------------------------------------------------


def test_the_vocabulary_is_the_documented_one_with_a_meaning_for_each():
    assert COMPETENCIES == ("ownership", "conflict", "failure-and-learning", "leadership",
                            "mentoring", "deadline-and-priorities", "ambiguity",
                            "technical-depth", "customer-focus", "communication")
    assert set(COMPETENCY_MEANINGS) == set(COMPETENCIES)
    readme = (REPO_ROOT / "README.md").read_text("utf-8")
    assert all(f"`{c}`" in readme for c in COMPETENCIES)


def test_a_story_keeps_competencies_in_vocabulary_order_and_cleans_tags_and_figures():
    s = Story(title="  The outage  ", competencies=["conflict", "ownership", "conflict"],
              tags=[" Django ", "django", ""], figures=["40%", " 40% ", "2 weeks"])
    assert s.title == "The outage"
    assert s.competencies == ["ownership", "conflict"]
    assert s.tags == ["django"]
    assert s.figures == ["40%", "2 weeks"]


@pytest.mark.parametrize("bad", [{"title": "  "}, {"title": "x", "competencies": ["bravery"]}])
def test_a_story_needs_a_title_and_known_competencies(bad):
    with pytest.raises(ValidationError):
        Story(**bad)


def test_search_finds_every_word_in_any_field():
    stories = [story("Billing outage", "ownership", result="cut errors by 40%", company="Acme"),
               story("Mentoring Sam", "mentoring", tags=["people"])]
    assert [s.title for s in search_stories(stories, "acme 40%")] == ["Billing outage"]
    assert [s.title for s in search_stories(stories, "PEOPLE")] == ["Mentoring Sam"]
    assert search_stories(stories, "acme people") == []
    assert len(search_stories(stories, "  ")) == 2


# --- competencies of questions ------------------------------------------------------------


def _scores(examples: list[dict]) -> tuple[float, float]:
    tp = fp = fn = 0
    for example in examples:
        got, want = set(infer_competencies(example["text"])), set(example["competencies"])
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    return tp / (tp + fp), tp / (tp + fn)


def test_inference_precision_and_recall_on_the_labelled_wordings():
    """Tuning list and the held-out list (written after the rules were final).

    Measured: tuning 0.90 / 1.00, held out 0.83 / 0.36. Keyword rules find what
    a wording says in so many words and miss paraphrase; that is why the deck
    editor shows them for correction, and why bundled questions name their own.
    """
    precision, recall = _scores(WORDINGS["wording"])
    assert precision >= 0.85 and recall >= 0.95
    held_precision, held_recall = _scores(WORDINGS["holdout"])
    assert held_precision >= 0.75 and held_recall >= 0.3


@pytest.mark.parametrize(("wording", "expected"), [
    ("Tell me about a time you disagreed with a colleague.", ["conflict"]),
    ("A conflict with a teammate: what happened?", ["conflict"]),
    ("Tell me about pushback from a senior.", ["conflict"]),
    ("Why do you want to work here?", []),
])
def test_many_wordings_of_one_question_meet_on_one_competency(wording, expected):
    assert infer_competencies(wording) == expected


def test_a_question_names_its_competencies_or_they_are_inferred_for_behavioral_ones():
    named = Question(id="a", category="behavioral", prompt="Tell me about a time you led a team.",
                     competencies=["mentoring"])
    assert question_competencies(named) == ["mentoring"]
    inferred = Question(id="b", category="behavioral", prompt="Tell me about a time you led a team.")
    assert question_competencies(inferred) == ["leadership"]
    technical = Question(id="c", category="technical", prompt="How do database indexes work?")
    assert question_competencies(technical) == []


def test_the_deck_field_is_validated_against_the_vocabulary_with_its_place(deck_data):
    deck_data["questions"][1]["competencies"] = ["conflict", "bravery"]
    deck, problems = parse_deck(deck_data, "my.toml")
    assert deck is None
    assert len(problems) == 1
    assert problems[0].place == 'questions[1] (id "conflict-with-colleague").competencies[1]'
    assert "ownership" in problems[0].message


def test_the_deck_field_round_trips_and_is_left_out_when_empty(deck_data):
    deck_data["questions"][1]["competencies"] = ["conflict", "communication"]
    deck = Deck.model_validate(deck_data)
    data = deck.to_toml_data()
    assert data["questions"][1]["competencies"] == ["conflict", "communication"]
    assert "competencies" not in data["questions"][0]


def test_every_behavioral_and_situational_bundled_question_names_its_competencies():
    for path in (REPO_ROOT / "decks").glob("*.toml"):
        deck = Deck.model_validate(tomllib.loads(path.read_text("utf-8")))
        for question in deck.questions:
            if question.category in ("behavioral", "situational"):
                assert question.competencies, f"{path.name}: {question.id}"


def test_matching_stories_rank_by_shared_competencies():
    a = story("A", "conflict")
    b = story("B", "conflict", "communication")
    c = story("C", "mentoring")
    assert matching_stories([a, b, c], ["conflict", "communication"]) == [b, a]
    assert matching_stories([a, b, c], []) == []


# --- coverage -----------------------------------------------------------------------------


def test_coverage_grid_figures():
    big = story("Everything", *COMPETENCIES[:5])
    small = story("Small", "conflict", "ambiguity")
    grid = coverage([big, small])
    assert grid.stories_for("conflict") == 2
    assert grid.stories_for("ownership") == 1
    assert grid.covers(small.id, "ambiguity") and not grid.covers(big.id, "ambiguity")
    assert grid.uncovered == ["deadline-and-priorities", "technical-depth", "customer-focus",
                             "communication"]
    assert grid.everything == [big.id]
    assert coverage([]).uncovered == list(COMPETENCIES)
    assert uncovered_in([big, small], ["communication", "conflict"]) == ["communication"]


# --- did the answer tell the story? -----------------------------------------------------


def test_figures_are_normalised():
    assert figures_in("cut p95 from 1,200 ms to 300ms, 40 % fewer errors, halved") == [
        "1200ms", "300ms", "40%", "halved"]


def test_story_match_says_which_part_lost_the_figure():
    s = story("Billing outage", "ownership",
              situation="Billing webhooks failed at Acme during the Black Friday sale",
              task="I was on call", action="", result="Errors fell 40% within two hours",
              figures=["2 hours"])
    told = ("At Acme during the Black Friday sale our billing webhooks failed. I was on call. "
            "In the end errors fell a lot within two hours.")
    match = story_match(s, told)
    assert match["situation"].carried
    assert not match["action"].has_notes
    assert not match["result"].carried
    assert "40%" in match["result"].missing
    with_figure = story_match(s, told.replace("a lot", "by 40%") + " Two hours: 2 hours.")
    assert with_figure["result"].carried


# --- a story from an answer ---------------------------------------------------------------


ANSWER = ("Last year at my previous company our checkout was timing out. "
          "I was responsible for the payments service. "
          "I profiled the slow queries and added two indexes. "
          "As a result checkout time dropped by 60%.")


def test_an_answer_is_split_into_star_parts_without_losing_a_sentence():
    parts = split_into_parts(ANSWER)
    assert "checkout was timing out" in parts["situation"]
    assert "responsible" in parts["task"]
    assert "profiled" in parts["action"]
    assert "60%" in parts["result"]
    assert sum(len(p.split()) for p in parts.values()) == len(ANSWER.split())


def test_a_draft_story_takes_the_questions_competencies_and_the_result_figures():
    question = Question(id="q", category="behavioral", prompt="Tell me about a hard bug.",
                        competencies=["technical-depth"])
    draft = draft_from_answer(ANSWER, question)
    assert draft.title == "Story for: Tell me about a hard bug."
    assert draft.competencies == ["technical-depth"]
    assert draft.figures == ["60%"]


@settings(max_examples=40, deadline=None)
@given(st.text(max_size=300))
def test_splitting_any_text_keeps_every_word(text):
    parts = split_into_parts(text)
    assert sorted(" ".join(parts.values()).split()) == sorted(text.split())


# --- warnings -----------------------------------------------------------------------------


def use(story_id, competencies, *, session="s1", index=0, when=NOW):
    return StoryUse(session_id=session, answer_index=index, story_id=story_id,
                    competencies=competencies, used_at=when)


def test_one_story_for_more_than_two_competencies_in_a_session_is_warned_about():
    s = story("The outage", "ownership")
    uses = [use(s.id, ["ownership"], index=0), use(s.id, ["conflict"], index=1),
            use(s.id, ["conflict"], index=2)]
    assert overuse_warnings(uses, [s], session_id="s1") == []
    uses.append(use(s.id, ["leadership", "communication"], index=3))
    (warning,) = overuse_warnings(uses, [s], session_id="s1")
    assert "“The outage”" in warning and "in this session" in warning and "4 different" in warning


def test_the_week_counts_across_sessions_and_older_uses_do_not():
    s = story("The outage", "ownership")
    uses = [use(s.id, ["ownership"], session="a", when=NOW - timedelta(days=2)),
            use(s.id, ["conflict"], session="b", when=NOW - timedelta(days=1)),
            use(s.id, ["mentoring"], session="c", when=NOW - timedelta(days=9)),
            use(None, ["ambiguity"], session="b", index=1, when=NOW)]
    assert overuse_warnings(uses, [s], now=NOW) == []
    uses.append(use(s.id, ["ambiguity"], session="d", when=NOW))
    (warning,) = overuse_warnings(uses, [s], session_id="d", now=NOW)
    assert "in the last week" in warning


# --- imports ------------------------------------------------------------------------------


def test_a_csv_competencies_column_is_read_and_an_unknown_one_left_out_with_a_reason(tmp_path):
    from mockint.storage.formats.reading import parse_file

    path = tmp_path / "mine.csv"
    path.write_text("prompt,category,competencies\n"
                    '"Tell me about a conflict.",behavioral,"Conflict; failure and learning; '
                    'bravery"\n"A vague ask: what now?",situational,\n', encoding="utf-8")
    result = parse_file(path)
    named, unnamed = result.questions
    assert named.competencies == ["conflict", "failure-and-learning"]
    (problem,) = result.problems
    assert problem.line == 2 and '"bravery" left out' in problem.reason
    # Left empty in the deck (a round trip keeps it so), inferred where it is used.
    assert unnamed.competencies == []
    assert question_competencies(unnamed) == ["ambiguity", "communication"]


# --- words for the screens ------------------------------------------------------------------


def test_peek_text_lists_fitting_stories_or_says_there_is_none():
    from mockint.core.stories import peek_text

    question = Question(id="q", category="behavioral", prompt="A time you disagreed?")
    fitting = story("Pushback", "conflict", result="We cached two endpoints", role="Dev")
    assert peek_text([fitting, story("Outage", "ownership")], question).splitlines() == [
        "Your stories for conflict:", "• Pushback — Dev — We cached two endpoints"]
    assert "none shows conflict yet" in peek_text([story("Outage", "ownership")], question)


def test_scope_gaps_and_practice_question(deck_data):
    import random

    from mockint.core.stories import practice_question, scope_gaps

    deck = Deck.model_validate(deck_data)
    assert scope_gaps([], deck.questions) == ["conflict"]  # the one behavioral question
    assert scope_gaps([story("Q", "conflict")], deck.questions) == []
    found = practice_question(story("Q", "conflict"), [deck], random.Random(1))
    assert found is not None and found[1].id == "conflict-with-colleague"
    assert practice_question(story("M", "mentoring"), [deck]) is None
