"""Pilot tests of practice from home, the setup's session kinds, and the stats screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import Sparkline, TextArea

from mockint.tui.app import make_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.stats import StatsScreen
from tests.helpers import seed_reviews

SIZE = (120, 40)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def shown(widget) -> str:
    return str(widget.render())


def seed(history, tui_deck, ratings: list[int], days_ago: int) -> None:
    seed_reviews(history, tui_deck, ratings, NOW - timedelta(days=days_ago))


async def test_home_shows_what_is_due_and_p_practises_it(tui_store, clock, history, tui_deck):
    seed(history, tui_deck, [1, 2], days_ago=3)  # both came due days ago
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW, fuzz=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "2 questions due today" in shown(app.screen.query_one("#due"))
        await pilot.press("p")
        assert isinstance(app.screen, InterviewScreen)
        interview = app.interview
        assert interview.config.kind == "due"
        assert [q.question.id for q in interview.questions] == ["slicing", "disagreement"]
        app.screen.query_one("#answer", TextArea).text = "LIMIT and lazy"
        await pilot.press("ctrl+s", "4", "n")
        app.flush_saves()
    due = dict(history.due_cards())
    assert due[("tui", "slicing")] > NOW + timedelta(days=1)  # Easy pushed it out
    assert due[("tui", "disagreement")] < NOW  # still due


async def test_nothing_due_hides_the_key_and_says_so(app, history):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert shown(app.screen.query_one("#due")) == "Nothing due today"
        await pilot.press("p")
        assert not isinstance(app.screen, InterviewScreen)


async def test_setup_can_start_a_new_questions_session(tui_store, clock, history, tui_deck):
    seed(history, tui_deck, [3], days_ago=1)
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.click("#kind-new")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert [q.question.id for q in app.interview.questions] == ["disagreement",
                                                                    "high-traffic"]


async def test_stats_screen_shows_the_figures(tui_store, clock, history, tui_deck):
    seed(history, tui_deck, [1, 3], days_ago=2)
    seed(history, tui_deck, [2, 4], days_ago=0)
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.query_one("#sessions-chart", Sparkline).data[-3:] == [1, 0, 1]
        text = shown(app.screen.query_one("#stats-text"))
        assert "Last 28 days: 2 sessions, 4 answers" in text
        assert "TUI test deck" in text


async def test_stats_of_a_history_damaged_since_it_opened_say_so_and_the_app_runs_on(
        tui_store, clock, history, tui_deck):
    """Issue 11 item 5: a damaged row met by the stats is the history's message, not a crash."""
    seed(history, tui_deck, [1, 3], days_ago=2)
    history._db.execute("UPDATE answers SET topics = CAST(x'c328ff61' AS TEXT)")
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("t")
        assert isinstance(app.screen, StatsScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app.screen.query_one("#stats-text"))
        assert str(history.path) in text and ".recover" in text
        await pilot.press("escape")
        assert app.is_running and not isinstance(app.screen, StatsScreen)


async def test_practice_from_the_shell_waits_for_the_history(tui_store, clock, history, tui_deck):
    """`mockint practice` opens the history in the background; the questions are chosen
    once it is open (they were chosen before, found no history, and left a blank screen)."""
    from mockint.core.session import SessionConfig

    seed(history, tui_deck, [1, 2], days_ago=3)
    history.close()
    config = SessionConfig(deck_ids=["tui"], kind="due", count=5)
    app = make_app(decks=tui_store, clock=clock, start_with=config, history_in_background=True,
                   now=lambda: NOW, fuzz=False)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert [q.question.id for q in app.interview.questions] == ["slicing", "disagreement"]
        assert not any("unavailable" in n.message for n in app._notifications)


async def test_practice_from_the_shell_without_a_history_says_so_and_goes_home(
        tui_store, clock, mockint_home):
    from mockint.core.session import SessionConfig
    from mockint.tui.screens.home import HomeScreen

    (mockint_home / "data").mkdir()
    (mockint_home / "data" / "history.sqlite3").write_text("not a database " * 100)
    config = SessionConfig(deck_ids=["tui"], kind="due", count=5)
    app = make_app(decks=tui_store, clock=clock, start_with=config, history_in_background=True)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)  # not a blank screen
        assert any("need the history" in n.message for n in app._notifications)


async def test_home_of_a_history_damaged_since_it_opened_says_so_and_the_app_runs_on(
        tui_store, clock, history, tui_deck):
    """Issue 11 item 5: home's recent list meeting a damaged row shows the history's
    message (which file, what to do) instead of ending the app."""
    seed(history, tui_deck, [3], days_ago=2)
    history._db.execute("UPDATE sessions SET deck_titles = CAST(x'c328ff61' AS TEXT)")
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = shown(app.screen.query_one("#recent-hint"))
        assert str(history.path) in text and ".recover" in text
        await pilot.press("d")  # the rest of the app still answers
        await pilot.press("escape")
        assert app.is_running


async def test_history_screen_of_a_damaged_history_says_so_and_the_app_runs_on(
        tui_store, clock, history, tui_deck):
    """Issue 11 item 5: the history screen's first page meeting a damaged row is the
    history's message in a notification, and the app runs on."""
    seed(history, tui_deck, [3], days_ago=2)
    history._db.execute("UPDATE sessions SET deck_titles = CAST(x'c328ff61' AS TEXT)")
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any(str(history.path) in m and ".recover" in m for m in messages)
        await pilot.press("escape")
        assert app.is_running
