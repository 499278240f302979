"""Two attempts at a question compared: the word diff and the table of changes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from mockint.core.deck import Deck
from mockint.core.diff import (
    answer_side,
    change_table,
    change_text,
    diff_counts,
    diff_text,
    sample_side,
    word_diff,
)
from mockint.core.session import AnswerRecord, SessionConfig, select_questions

WHEN = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


def test_word_diff_marks_removed_and_added_words_in_order():
    pieces = word_diff("use a JOIN for every row", "use select_related for every row now")
    assert [(p.kind, p.text) for p in pieces] == [
        ("same", "use"), ("removed", "a JOIN"), ("added", "select_related"),
        ("same", "for every row"), ("added", "now")]
    assert diff_text(pieces) == "use [-a JOIN-] {+select_related+} for every row {+now+}"
    assert diff_counts(pieces) == (2, 2)


def test_rewrapping_a_paragraph_is_not_a_change():
    pieces = word_diff("one two\nthree   four", "one two three\nfour")
    assert [p.kind for p in pieces] == ["same"]


def test_diff_from_or_to_nothing():
    assert diff_text(word_diff("", "all new words")) == "{+all new words+}"
    assert diff_text(word_diff("all gone", "")) == "[-all gone-]"
    assert word_diff("", "") == []


def test_long_answers_with_common_words_still_diff_word_by_word():
    # difflib's autojunk would call "the" junk in a text this long and mark whole runs.
    old = " ".join(["the query"] * 150)
    new = old + " and the cache"
    assert diff_counts(word_diff(old, new)) == (3, 0)


def test_markup_in_answers_is_kept_literally():
    assert diff_text(word_diff("[bold]x[/]", "[bold]y[/]")) == "[-[bold]x[/]-] {+[bold]y[/]+}"


@pytest.fixture
def asked(deck_data):
    deck = Deck.model_validate(deck_data)
    return select_questions([deck], SessionConfig(deck_ids=[deck.id]))


def answer(asked, i, text, *, points=(), star=None, used=60.0, rating=None) -> AnswerRecord:
    return AnswerRecord(index=0, asked=asked[i], text=text, used=used, rating=rating,
                        key_points_checked=list(points), star_checked=star or {},
                        submitted_at=WHEN)


def test_change_table_names_key_points_gained_and_lost(asked):
    old = answer(asked, 0, "basically a join", points=(True, False), used=100, rating=2)
    new = answer(asked, 0, "select_related joins; prefetch_related is a second query",
                 points=(False, True), used=60, rating=4)
    rows = {r.what: r for r in change_table(asked[0].question, answer_side(old), answer_side(new))}
    assert (rows["Key points"].before, rows["Key points"].after) == ("1/2", "1/2")
    assert rows["Key points"].change == ("gained: prefetch_related runs a second query; "
                                         "lost: select_related follows foreign keys with a JOIN")
    assert (rows["Words"].before, rows["Words"].after, rows["Words"].change) == ("3", "7", "+4")
    assert rows["Time used"].before == "1:40 of 1:30"
    assert rows["Time used"].change == "40 s faster"
    assert (rows["Fillers"].before, rows["Fillers"].after, rows["Fillers"].change) == (
        "1", "0", "-1")
    assert (rows["Rating"].before, rows["Rating"].after, rows["Rating"].change) == (
        "Hard", "Easy", "+2")
    assert "STAR" not in rows  # a technical question is not judged against STAR


def test_change_table_star_parts_for_a_behavioral_question(asked):
    old = answer(asked, 1, "we disagreed", star={"situation": True, "task": False,
                                                 "action": False, "result": False})
    new = answer(asked, 1, "we disagreed, I wrote both options, we shipped",
                 star={"situation": True, "task": False, "action": True, "result": True})
    rows = {r.what: r for r in change_table(asked[1].question, answer_side(old), answer_side(new))}
    assert (rows["STAR"].before, rows["STAR"].after) == ("1/4", "3/4")
    assert rows["STAR"].change == "gained: Action, Result"
    assert rows["Rating"].change == "—"  # neither was rated


def test_compared_with_the_sample_answer(asked):
    mine = answer(asked, 0, "one query per row", points=(True, False), rating=3)
    question = asked[0].question
    rows = {r.what: r for r in change_table(question, answer_side(mine), sample_side(question))}
    assert rows["Key points"].after == "2/2"
    assert rows["Key points"].change == "gained: prefetch_related runs a second query"
    assert rows["Time used"].after == "—" and "Rating" not in rows
    text = change_text(list(rows.values()))
    assert text.splitlines()[0].split() == ["before", "after", "change"]
    lines = text.splitlines()
    assert lines[1].split()[:4] == ["Key", "points", "1/2", "2/2"]
    assert len({line.index("change") if i == 0 else line.index("gained") for i, line
                in enumerate(lines[:2])}) == 1  # the change column lines up
