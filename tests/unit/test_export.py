"""Session exports: JSON that carries everything, and a Markdown report a mentor can read."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mockint.core.deck import Deck
from mockint.core.session import Interview, SessionConfig, SessionRecord, select_questions
from mockint.core.timing import FakeClock
from mockint.storage.export import read_json, render, session_to_json, session_to_markdown, write_export

STARTED = datetime(2024, 5, 6, 14, 30, tzinfo=UTC)

FIRST_ANSWER = (
    "Use select_related for foreign keys 🎉 — [bold]x[/]\n"
    "\n"
    "- [x] not a real checkbox\n"
    "# not a heading\n"
    "queryset[0:10] and [red]markup[/red]"
)


@pytest.fixture
def record(deck_data) -> SessionRecord:
    """A finished session: a follow-up, peeks, key point and STAR checks, overtime, a skip."""
    deck = Deck.model_validate(deck_data)
    clock = FakeClock()
    wall = lambda: STARTED + timedelta(seconds=clock.now - 1000.0)  # noqa: E731
    config = SessionConfig(deck_ids=[deck.id], mode="practice")
    interview = Interview.start(select_questions([deck], config), config, clock=clock,
                                wall_clock=wall)
    # 1. technical: 55 s of 90, one key point of two, a follow-up.
    interview.begin()
    interview.peek("why_asked")
    clock.advance(55)
    interview.submit(FIRST_ANSWER)
    interview.reveal()
    interview.check_key_point(0, True)
    interview.rate(3)
    interview.ask_follow_up()
    clock.advance(21)
    interview.submit("Watch the query count in the debug toolbar\nand in APM traces")
    interview.next()
    # 2. behavioral: 100 s of 90 (10 s over), STAR partly covered.
    interview.begin()
    interview.peek("tip")
    clock.advance(100)
    interview.submit("Ünïcödé story: we disagreed 😅")
    interview.reveal()
    interview.check_star("situation", True)
    interview.check_star("action", True)
    interview.rate(2)
    interview.next()
    # 3. system design: skipped after 5 s, nothing typed.
    interview.begin()
    clock.advance(5)
    interview.skip()
    interview.reveal()
    interview.next()
    record = interview.record
    record.note = "Mentor: look at [bold]answer 2[/]"
    return record


def sections(markdown: str) -> list[str]:
    """The report split at each question heading (index 0 is the summary at the top)."""
    return markdown.split("\n## ")


# --- JSON ------------------------------------------------------------------------------


def test_json_round_trip_keeps_everything(record):
    text = session_to_json(record)
    back = read_json(text)
    assert back == record
    assert back.model_dump() == record.model_dump()
    first, second, third = back.answers
    assert first.text == FIRST_ANSWER and first.peeks == ["why_asked"]
    assert [(f.prompt, f.used) for f in first.follow_ups] == [
        ("How would you spot it in production?", 21)]
    assert first.key_points_checked == [True, False]
    assert second.star_checked == {"situation": True, "task": False, "action": True,
                                   "result": False}
    assert second.text == "Ünïcödé story: we disagreed 😅" and second.overtime == 10
    assert third.skipped and third.rating is None
    assert back.note == "Mentor: look at [bold]answer 2[/]"
    data = json.loads(text)  # plain JSON a script can read
    assert data["id"] == record.id and len(data["answers"]) == 3
    assert data["counts"] == {"questions": 3, "answered": 2, "skipped": 1, "unanswered": 0}
    assert render(record, "json") == text


def test_json_round_trip_of_a_session_without_answers(deck_data):
    deck = Deck.model_validate(deck_data)
    config = SessionConfig(deck_ids=[deck.id], mode="mock", order="shuffled", seed=7)
    empty = SessionRecord(config=config, plan=select_questions([deck], config))
    assert read_json(session_to_json(empty)) == empty


# --- Markdown ---------------------------------------------------------------------------


def test_markdown_lists_every_question_with_the_answer_quoted(record, deck_data):
    markdown = session_to_markdown(record)
    summary, first, second, third = sections(markdown)
    for n, (section, question) in enumerate(zip((first, second, third),
                                                deck_data["questions"], strict=True), start=1):
        assert section.startswith(f"{n}. {question['prompt']}\n")
    # Each answer sits whole in a code fence, so its own markup stays text.
    assert f"```text\n{FIRST_ANSWER}\n```" in first
    assert "```text\nÜnïcödé story: we disagreed 😅\n```" in second
    assert "*(no answer typed)*" in third.splitlines()


def test_markdown_multi_line_answers_are_quoted_on_every_line(record):
    record.answers[1].text = "line one\nline two\n\n  indented three\nlast"
    second = sections(session_to_markdown(record))[2]
    lines = second.splitlines()
    start = lines.index("line one")
    assert lines[start - 1:start + 6] == ["```text", "line one", "line two", "",
                                          "  indented three", "last", "```"]


def test_markdown_shows_time_used_of_the_limit_and_overtime(record):
    _, first, second, third = sections(session_to_markdown(record))
    assert "time 0:55 of 1:30" in first and "over" not in first.splitlines()[2]
    assert "time 1:40 of 1:30 (+0:10 over)" in second
    assert "time 0:05 of 5:00" in third


def test_markdown_shows_ratings_by_name(record):
    _, first, second, third = sections(session_to_markdown(record))
    assert "rating **Good**" in first
    assert "rating **Hard**" in second
    assert "rating **not rated**" in third and "skipped" in third.splitlines()[2]
    assert "skipped" not in first.splitlines()[2]
    record.answers[0].rating, record.answers[1].rating = 1, 4
    _, first, second, _ = sections(session_to_markdown(record))
    assert "rating **Again**" in first and "rating **Easy**" in second


def test_markdown_checks_covered_key_points_and_leaves_missed_ones_open(record):
    markdown = session_to_markdown(record)
    _, first, second, third = sections(markdown)
    assert "- [x] select\\_related follows foreign keys with a JOIN" in first.splitlines()
    assert "- [ ] prefetch\\_related runs a second query" in first.splitlines()
    assert "- [ ] Names a concrete disagreement" in second.splitlines()
    assert "- [ ] Estimates reads versus writes" in third.splitlines()
    assert "- Key points covered: 1 of 4" in markdown.splitlines()


def test_markdown_star_marks_only_for_the_behavioral_answer(record):
    _, first, second, third = sections(session_to_markdown(record))
    assert "**STAR:** Situation ✓, Task ✗, Action ✓, Result ✗" in second.splitlines()
    assert "STAR" not in first and "STAR" not in third


def test_markdown_includes_follow_ups_with_their_answers(record):
    _, first, second, _ = sections(session_to_markdown(record))
    lines = first.splitlines()
    at = lines.index("**Follow-up:** How would you spot it in production?")
    assert lines[at + 2:at + 6] == ["```text", "Watch the query count in the debug toolbar",
                                    "and in APM traces", "```"]
    assert "Follow-up" not in second


def test_markdown_summary_and_sample_answers(record, deck_data):
    markdown = session_to_markdown(record)
    summary = sections(markdown)[0].splitlines()
    assert summary[0] == "# Mock interview — 2024-05-06 14:30 UTC"
    assert "- Decks: Sample backend deck" in summary
    assert "- Mode: practice · status: finished" in summary
    # The skipped third question is not counted as answered.
    assert "- Questions: 2 answered · 1 skipped · 0 unanswered of 3" in summary
    assert "- Total time: 3:01" in summary  # 55 + 21 + 100 + 5 seconds
    assert "- Average rating: 2.5 / 4" in summary
    note = summary.index("**Note:**")
    assert summary[note + 2:note + 5] == ["```text", "Mentor: look at [bold]answer 2[/]", "```"]
    first = sections(markdown)[1]
    assert "One query for the list, then one per row.\nUse select_related." in first
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert render(record, "md") == markdown


def test_markdown_of_an_unrated_session(record):
    for answer in record.answers:
        answer.rating = None
    assert "- Average rating: —" in session_to_markdown(record).splitlines()


# --- writing files -------------------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") or "tmp" in p.name)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_write_export_writes_the_rendered_file(record, tmp_path, fmt):
    path = tmp_path / "exports" / f"session.{fmt}"  # the folder is created
    assert write_export(record, fmt, path) == path
    assert path.read_text(encoding="utf-8") == render(record, fmt)
    if fmt == "json":
        assert read_json(path.read_text(encoding="utf-8")) == record
    # Exporting again replaces the file whole.
    record.note = "second export"
    write_export(record, fmt, path)
    assert path.read_text(encoding="utf-8") == render(record, fmt)
    assert leftovers(path.parent) == []


def test_write_export_that_fails_leaves_the_old_file_whole(record, tmp_path, monkeypatch):
    path = tmp_path / "session.md"
    path.write_text("the previous export\n", encoding="utf-8")

    def disk_full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError, match="No space left"):
        write_export(record, "md", path)
    monkeypatch.undo()
    assert path.read_text(encoding="utf-8") == "the previous export\n"
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize("fmt", ["pdf", "MD", "", "markdown"])
def test_an_unknown_format_is_a_clear_error(record, tmp_path, fmt):
    with pytest.raises(ValueError, match=r"unknown export format .*choose md or json") as caught:
        render(record, fmt)
    assert repr(fmt) in str(caught.value)
    path = tmp_path / "out.pdf"
    with pytest.raises(ValueError):
        write_export(record, fmt, path)
    assert not path.exists() and leftovers(tmp_path) == []
