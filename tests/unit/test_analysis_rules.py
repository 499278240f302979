"""The rules of issue 13, one class at a time, with the issue's quoted failures as cases.

The labelled set's figures (both halves) come from bench/analysis_quality.py; these
tests pin the behaviour a person would notice on the reveal.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mockint.core.analysis import (
    Vocabulary,
    analyse,
    delivery,
    derive_key_points,
    key_point_coverage,
    star_parts,
    stem,
)
from mockint.core.deck import KeyPoint, Question
from mockint.storage.decks import read_deck

DECKS = Path(__file__).resolve().parents[2] / "decks"


def bundled(deck: str, question: str) -> Question:
    return next(q for q in read_deck(DECKS / f"{deck}.toml").questions if q.id == question)


N_PLUS_ONE = bundled("django-technical", "select-related-vs-prefetch-related")


def covered(points, text, follow_ups=()) -> list[bool]:
    return [e.covered for e in key_point_coverage(points, text, follow_ups)]


# --- 1. negation and not-knowing ---------------------------------------------------


def test_the_issues_denial_ticks_nothing_and_carries_the_negated_words():
    text = ("Honestly I don't know. I have never used select_related or prefetch_related, "
            "and I have not heard of the debug toolbar.")
    evidence = key_point_coverage(N_PLUS_ONE.key_points, text)
    assert not any(e.covered for e in evidence)
    assert "never used select related" in evidence[1].negated[0]
    assert "not heard of the debug toolbar" in evidence[4].negated[0]
    assert not analyse(N_PLUS_ONE, text).delivery.has_example


@pytest.mark.parametrize("text", [
    "I'm not sure what prefetch_related is.",
    "I wouldn't use prefetch_related here, I'd loop over the orders.",
    "Instead of prefetch_related I would write a raw SQL query.",
    "We never needed prefetch_related, so I can't say.",
])
def test_a_cue_inside_a_denial_or_contrast_does_not_cover(text):
    prefetch = key_point_coverage(N_PLUS_ONE.key_points, text)[2]
    assert not prefetch.covered and prefetch.negated


def test_an_explanation_with_without_still_counts():
    text = "Without select_related the view fires one query per row for the author."
    assert covered(N_PLUS_ONE.key_points, text)[:2] == [True, True]


def test_a_point_that_advises_against_something_is_met_by_never_doing_it():
    point = KeyPoint(point="Catch specific exceptions; avoid bare except and silent pass",
                     cues=["bare except"])
    assert covered([point], "I never use a bare except in a service.") == [True]


def test_a_cue_that_is_itself_a_denial_is_not_cancelled_by_it():
    point = KeyPoint(point="Names a gap honestly", cues=["haven't used"])
    assert covered([point], "I haven't used Celery in production yet.") == [True]


def test_the_thing_after_instead_of_is_denied_but_what_came_before_counts():
    point = KeyPoint(point="Factories over fixtures", cues=["factory_boy", "json fixtures"])
    assert covered([point], "I use factory_boy instead of JSON fixtures.") == [True]


def test_a_bare_identifier_is_not_an_example_but_a_story_or_snippet_is():
    q = N_PLUS_ONE
    assert not analyse(q, "select_related and prefetch_related.").delivery.has_example
    assert analyse(q, "At my last job a list view ran 300 queries.").delivery.has_example
    assert analyse(q, "Book.objects.select_related('author')").delivery.has_example


# --- 2. identifiers are tokens ---------------------------------------------------


def test_the_issues_loose_words_tick_nothing():
    text = ("I would select the related rows in a loop and check the toolbar in the browser "
            "for debug output")
    assert covered(N_PLUS_ONE.key_points, text) == [False] * 5


@pytest.mark.parametrize("phrase", [
    "I use select_related here", "I use select related here", "I use select-related here",
    "Book.objects.select_related('author')",
])
def test_an_identifier_is_met_by_itself_or_its_words_together(phrase):
    point = KeyPoint(point="select_related joins", cues=["select_related"])
    assert covered([point], phrase) == [True]


@pytest.mark.parametrize("phrase", ["select the related", "related, then select", "select",
                                    "related"])
def test_an_identifier_is_not_met_by_its_words_scattered_or_alone(phrase):
    point = KeyPoint(point="joins via select_related", cues=["select_related"])
    assert covered([point], phrase) == [False]


def test_a_distinctive_compound_is_met_by_its_words_in_other_forms():
    point = KeyPoint(point="a second query", cues=["prefetch_related"])
    assert covered([point], "prefetching related objects") == [True]
    assert covered([point], "We PREFETCHED them") == [True]


def test_call_and_dotted_cues_need_code():
    counts = KeyPoint(point="in the database", cues=["count()"])
    assert covered([counts], "I count the rows by hand") == [False]
    assert covered([counts], "qs.count() asks the database") == [True]
    assert covered([counts], "annotate(n=Count('comments'))") == [True]
    f = KeyPoint(point="atomic decrement", cues=["F()"])
    assert covered([f], "update(stock=F('stock') - 1)") == [True]
    assert covered([f], "grade F") == [False]
    manager = KeyPoint(point="the manager", cues=["Order.objects"])
    assert covered([manager], "Order.objects.filter(paid=True)") == [True]
    assert covered([manager], "the objects in an order") == [False]


# --- 3. a real stemmer -------------------------------------------------------------


def test_the_stemmer_keeps_apart_what_the_hand_rules_conflated():
    assert stem("her") != stem("here")
    assert len({stem("sit"), stem("site")}) == 2 and stem("sitting") == stem("sit")
    point = KeyPoint(point="talks about the site", cues=["site"])
    assert covered([point], "I was sitting with her here") == [False]


def test_contractions_are_read_as_words():
    point = KeyPoint(point="we were", cues=["were"])
    assert covered([point], "we're fine") == [False]


# --- 4. STAR from the right sentences ------------------------------------------------


def test_the_action_line_quotes_the_action_not_the_task():
    parts, _ = star_parts(
        "Last year our invoices were off by a few cents. I owned the billing app, so I was "
        "asked to find out why. I reproduced it locally with a copy of one bad day.")
    assert parts["action"].sentences[0].startswith("I reproduced it locally")
    assert parts["task"].sentences[0].startswith("I owned the billing app")


def test_a_hypothetical_gives_actions_but_no_situation_or_result():
    parts, quantified = star_parts(
        "I would first check the dashboards. I'd roll back the last deploy, which should "
        "cut errors by 90%. Then I'd write a postmortem.")
    assert parts["action"].present
    assert not parts["situation"].present and not parts["result"].present and not quantified


def test_we_only_actions_count_and_are_flagged():
    parts, _ = star_parts(
        "Last year our payments page went down. We rolled back the deploy, we told customers "
        "on the status page and we added the missing index.")
    assert parts["action"].present
    assert parts["action"].note.startswith("you said we ×")


def test_a_quantified_result_needs_a_figure_in_a_result_sentence():
    situation_figure = ("In 2023 our API served 5,000 requests a second and timed out. "
                        "I profiled it and added an index. In the end it was fine.")
    _parts, quantified = star_parts(situation_figure)
    assert not quantified
    _parts, quantified = star_parts("Last year the page was slow. I added an index. "
                                    "As a result p95 dropped from 900 ms to 200 ms.")
    assert quantified


def test_version_numbers_are_not_figures():
    _parts, quantified = star_parts(
        "Last year we were on an old release. I upgraded us. In the end we were on "
        "Django 4.2.1, version 5 of the client.")
    assert not quantified


# --- 6. follow-ups ---------------------------------------------------------------


def test_a_point_first_covered_in_a_follow_up_is_ticked_and_marked():
    main = "select_related joins foreign keys; prefetch_related runs a second query."
    follow = "I'd check the query count in the Debug Toolbar."
    evidence = key_point_coverage(N_PLUS_ONE.key_points, main, [follow])
    assert evidence[4].covered and evidence[4].in_follow_up
    assert evidence[1].covered and not evidence[1].in_follow_up
    assert analyse(N_PLUS_ONE, main, follow_ups=[follow]).follow_ups_read == 1


# --- 7. key points derived from the sample answer ------------------------------------


def test_derived_key_points_are_few_deterministic_and_carry_cues():
    q = bundled("python-fundamentals", "generators-and-iterators")
    vocabulary = Vocabulary(read_deck(DECKS / "python-fundamentals.toml").questions)
    first = derive_key_points(q.sample_answer, vocabulary)
    assert 3 <= len(first) <= 5
    assert first == derive_key_points(q.sample_answer, vocabulary)
    assert all(p.cues and p.point for p in first)


def test_a_question_without_key_points_is_analysed_against_derived_ones():
    q = bundled("python-fundamentals", "generators-and-iterators").model_copy(
        update={"key_points": []})
    analysis = analyse(q, "yield pauses the function and keeps its local state; a generator "
                          "streams a large file without loading it all into memory.")
    assert 3 <= len(analysis.derived_points) <= 5
    assert len(analysis.key_points) == len(analysis.derived_points)
    assert any(e.covered for e in analysis.key_points)
    assert analyse(N_PLUS_ONE, "x").derived_points == []


def test_the_markdown_export_labels_derived_points_and_negated_mentions():
    from mockint.core.session import AnswerRecord, AskedQuestion
    from mockint.storage.export import _answer_section

    q = bundled("python-fundamentals", "generators-and-iterators").model_copy(
        update={"key_points": []})
    text = "I have never used yield."
    analysis = analyse(q, text)
    asked = AskedQuestion(deck_id="d", deck_title="D", interviewer={"name": "I", "role": "R"},
                          question=q, time_limit=60)
    answer = AnswerRecord(index=0, asked=asked, text=text, analysis=analysis,
                          key_points_checked=analysis.key_points_suggested,
                          submitted_at=datetime(2026, 12, 1, tzinfo=UTC))
    markdown = "\n".join(_answer_section(answer))
    assert "**Key points (from the sample answer)**" in markdown
    assert markdown.count("- [") == len(analysis.derived_points)


# --- 8. words used, job terms, talking points ------------------------------------


def test_insights_name_the_words_used_most_job_terms_and_talking_points():
    vocabulary = Vocabulary(read_deck(DECKS / "django-technical.toml").questions)
    text = ("I have five years of Python. Caching is my strength: I cached the report, "
            "cached the list view with cache_page and learned to invalidate on write. "
            "I'm looking for a team that cares about caching.")
    d = delivery(text, "intro", vocabulary=vocabulary)
    assert d.top_words[0][0].startswith("cach")
    assert "cache_page" in d.job_terms
    assert d.talking_points == ["experience", "a skill", "a lesson learned", "a goal"]
    assert delivery(text, "technical").talking_points == []


# --- performance: patterns compile on first use, not at import -----------------------


def test_importing_the_analysis_compiles_nothing_and_loads_no_stemmer():
    code = ("import sys; import mockint.core.analysis as a; "
            "assert a._rx.cache_info().currsize == 0; "
            "assert 'snowballstemmer' not in sys.modules; print('lazy')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "lazy"
