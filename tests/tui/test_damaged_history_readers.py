"""Issue 11 item 5, the rest of the app: the story bank, the plan, a session's note and the
interview's story peek meet a history damaged after it opened with the history's own message
(which file, what to do), never a crash; nothing typed is lost when a save fails."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import TextArea

from mockint.core.session import SessionConfig
from mockint.core.stories import Story
from mockint.storage.interviews import add_interview
from mockint.tui.app import make_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.note import NoteScreen
from mockint.tui.screens.plan import PlanScreen
from mockint.tui.screens.session import SessionScreen
from mockint.tui.screens.stories import StoriesScreen
from tests.helpers import make_record, seed_reviews
from tests.tui.test_plan_screens import acme

SIZE = (120, 40)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def shown(widget) -> str:
    return str(widget.render())


def said_clearly(app, history) -> bool:
    return any(str(history.path) in n.message and ".recover" in n.message
               for n in app._notifications)


async def test_stories_peek_plan_and_practice_of_a_damaged_history_say_so_and_run_on(
        tui_store, clock, history, tui_deck):
    seed_reviews(history, tui_deck, [1, 2], NOW - timedelta(days=3))
    history.save_story(Story(id="a1", title="Outage", competencies=["ownership"],
                             created_at=NOW, updated_at=NOW))
    add_interview(acme())
    history._db.execute("UPDATE stories SET figures = 'not json'")
    history._db.execute("UPDATE answers SET key_points_checked = CAST(x'c328ff61' AS TEXT)")
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.press("b")  # the story bank says what is wrong in its detail pane
        assert isinstance(app.screen, StoriesScreen)
        detail = shown(app.screen.query_one("#story-text"))
        assert str(history.path) in detail and ".recover" in detail
        await pilot.press("escape", "i")  # the plan's text is the history's message
        assert isinstance(app.screen, PlanScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        plan = shown(app.screen.query_one("#plan-text"))
        assert str(history.path) in plan and ".recover" in plan
        await pilot.press("escape", "c")  # cramming cannot start: said, and home stays
        await pilot.pause()
        assert said_clearly(app, history)
        assert not isinstance(app.screen, InterviewScreen)
        app._notifications.clear()
        app.flow.start(SessionConfig(deck_ids=["tui"], mode="practice",
                                     questions=[("tui", "disagreement")]))
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        await pilot.press("o", "k", "f5")  # the story peek reads the bank
        await pilot.pause()
        assert said_clearly(app, history)
        await pilot.press("a", "y")
        assert app.is_running and isinstance(app.screen, InterviewScreen)
        assert app.screen.query_one("#answer", TextArea).text == "okay"


async def test_a_note_that_cannot_be_saved_opens_again_with_what_was_written(
        tui_store, clock, history, tui_deck):
    record = make_record(tui_deck, ["an answer"], [3])
    history.save_session(record)
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        app.nav.session(history.load_session(record.id))
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        history._db.execute("PRAGMA query_only = ON")  # as a read-only or full disk would
        await pilot.press("e")
        assert isinstance(app.screen, NoteScreen)
        app.screen.query_one(TextArea).text = "Ask Sam about the caching story"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen), "the note must not be thrown away"
        assert app.screen.query_one(TextArea).text == "Ask Sam about the caching story"
        assert any("Could not save the note" in n.message for n in app._notifications)
        history._db.execute("PRAGMA query_only = OFF")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
    assert history.load_session(record.id).note == "Ask Sam about the caching story"
