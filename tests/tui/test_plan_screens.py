"""Pilot tests of interview dates: adding one, home's countdown and plan, cramming, stats."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, datetime, timedelta

from textual.widgets import Button, Input, SelectionList, TextArea

from mockint.core.planning import UpcomingInterview
from mockint.storage.interviews import add_interview, load_calendar
from mockint.storage.settings import Settings
from mockint.tui.app import make_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.plan import PlanScreen
from mockint.tui.screens.plan_form import InterviewFormScreen
from mockint.tui.screens.stats import StatsScreen
from mockint.tui.screens.summary import SummaryScreen
from tests.helpers import make_record, seed_reviews

SIZE = (120, 40)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
TODAY = NOW.astimezone().date()


def shown(widget) -> str:
    return str(widget.render())


def acme(days: int = 6, added_days_ago: int = 0) -> UpcomingInterview:
    return UpcomingInterview(label="Acme [b]backend[/b]", date=TODAY + timedelta(days=days),
                             decks=["tui"], added=TODAY - timedelta(days=added_days_ago))


async def test_adding_an_interview_from_the_form(tui_store, clock, history):
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("i")
        assert isinstance(app.screen, PlanScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No interview ahead" in shown(app.screen.query_one("#plan-text"))
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, InterviewFormScreen)

        form.query_one("#date", Input).value = "2020-01-01"
        await pilot.pause()
        assert "is in the past" in shown(form.query_one("#form-status"))
        assert form.query_one("#add", Button).disabled

        form.query_one("#date", Input).value = f"{TODAY + timedelta(days=6):%Y-%m-%d}"
        form.query_one("#time", Input).value = "14:00"
        form.query_one("#label", Input).value = "Acme [b]backend[/b]"
        await pilot.pause()
        assert "choose at least one deck" in shown(form.query_one("#form-status"))
        form.query_one("#decks", SelectionList).select("tui")
        form.query_one("#categories", SelectionList).select("technical")
        await pilot.pause()
        assert not form.query_one("#add", Button).disabled
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()

        assert isinstance(app.screen, PlanScreen)
        (saved,) = load_calendar().interviews
        assert (saved.label, saved.time, saved.decks, saved.categories) == (
            "Acme [b]backend[/b]", dt.time(14), ["tui"], ["technical"])
        text = shown(app.screen.query_one("#plan-text"))
        assert "Plan for Acme [b]backend[/b]: 1 question in scope" in text
        assert "Today (" in text


async def test_home_shows_the_countdown_and_today_plan_and_g_starts_it(tui_store, clock,
                                                                        history):
    add_interview(acme())
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app.screen.query_one("#plan"))
        assert "Acme [b]backend[/b] in 6 days" in text  # a label is content, not markup
        assert "Today: " in text and "new" in text and "g to start" in text
        await pilot.press("g")
        assert isinstance(app.screen, InterviewScreen)
        assert app.interview.config.kind == "plan"
        assert {q.deck_id for q in app.interview.questions} == {"tui"}


async def test_today_plan_counts_what_was_done(tui_store, clock, history, tui_deck):
    add_interview(acme(days=3))
    record = make_record(tui_deck, ["an answer"] * 3, [3, 3, 3], started=NOW.isoformat())
    for answer in record.answers:
        answer.submitted_at = NOW - timedelta(minutes=5)
    history.save_session(record)
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app.screen.query_one("#plan"))
        assert "Today's plan is done" in text
        assert not app.screen.check_action("practise_plan", ())


async def test_cram_works_when_nothing_is_due_and_keeps_the_schedule(tui_store, clock, history,
                                                                     tui_deck):
    seed_reviews(history, tui_deck, [4, 4, 4], NOW - timedelta(hours=1))  # due in days
    before = dict(history.due_cards())
    add_interview(acme())
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW,
                   settings=Settings(practice_size=1), fuzz=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert shown(app.screen.query_one("#due")).startswith("Nothing due today · next due")
        await pilot.press("c")
        assert isinstance(app.screen, InterviewScreen)
        assert app.interview.config.kind == "cram"
        app.screen.query_one("#answer", TextArea).text = "I forgot"
        await pilot.press("ctrl+s", "1", "n")
        assert isinstance(app.screen, SummaryScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        note = shown(app.screen.query_one("#schedule-note"))
        assert note.startswith("Schedule unchanged: this question was not due, so FSRS kept its date")
    assert dict(history.due_cards()) == before  # Again while cramming did not move it
    assert history.count_sessions() == 2  # the cram session is kept in the history


async def test_stats_show_the_plan_chart_coverage_retention_and_workload(tui_store, clock,
                                                                         history, tui_deck):
    seed_reviews(history, tui_deck, [3, 3], NOW - timedelta(days=4))
    seed_reviews(history, tui_deck, [3, 1], NOW - timedelta(days=1))  # due: 1 of 2 recalled
    add_interview(acme(days=4, added_days_ago=2))
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app.screen.query_one("#plan-stats"))
        assert "Plan for Acme [b]backend[/b] in 4 days: planned vs done" in text
        yesterday = f"{TODAY - timedelta(days=1):%a %d %b}"
        (row,) = [line for line in text.splitlines() if line.strip().startswith(yesterday)]
        assert "█" in row and "2/" in row  # two answered yesterday
        assert "Coverage: 0 of 3 questions at their target" in text
        assert "True retention, last 30 days: 50% (1 of 2 due reviews" in text
        assert "desired 90%" in text
        assert "Reviews due in the next 14 days" in text


async def test_settings_hold_the_daily_budget_cramming_and_explain_retention(tui_store, clock):
    from textual.widgets import Label, Switch

    from mockint.storage.settings import load_settings

    app = make_app(decks=tui_store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        screen = app.screen
        labels = " ".join(str(label.render()) for label in screen.query(Label))
        assert "higher forgets less but asks for more reviews" in labels
        screen.query_one("#daily_minutes", Input).value = "2"
        await pilot.pause()
        assert shown(screen.query_one("#daily_minutes-problem")) == (
            "Daily practice budget: between 5 and 600 minutes")
        screen.query_one("#daily_minutes", Input).value = "45"
        screen.query_one("#cram_moves_cards", Switch).value = True
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
    assert (app.settings.daily_minutes, app.settings.cram_moves_cards) == (45, True)
    saved = load_settings()
    assert (saved.daily_minutes, saved.cram_moves_cards) == (45, True)


async def test_anything_now_from_setup_works_when_nothing_is_due(tui_store, clock, history,
                                                                 tui_deck):
    seed_reviews(history, tui_deck, [4, 4, 4], NOW - timedelta(hours=1))  # due in days
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("p")
        assert not isinstance(app.screen, InterviewScreen)  # nothing is due
        await pilot.press("s")
        await pilot.click("#kind-cram")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert app.interview.config.kind == "cram"
        assert len(app.interview.questions) == 3


async def test_the_palette_opens_the_interviews_screen(tui_store, clock, history):
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        (command,) = [c for c in app.get_system_commands(app.screen)
                      if c.title == "Interviews and daily plan"]
        command.callback()
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
