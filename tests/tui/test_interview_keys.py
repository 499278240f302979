"""Any sequence of keys and clicks on the interview, reveal, questions-to-ask and summary
screens is safe.

Hypothesis drives the app through Pilot with random sequences of every binding
and button of those screens, some sent as bursts (two keys before the app has
handled the first, as a fast typist or a held key does). Before the interview
flow owned the interview, Ctrl+N Ctrl+N or Ctrl+S Ctrl+S ended the app with an
InterviewError. Now no sequence may crash it, and the screen shown always
matches the interview's phase.
"""

from __future__ import annotations

import asyncio
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from textual import events

from mockint.core.session import FullInterviewSpec, SessionConfig
from mockint.core.session import Phase as Step
from mockint.core.timing import FakeClock
from mockint.storage.history import HistoryStore
from mockint.tui.app import make_app
from mockint.tui.screens.ask_them import AskThemScreen
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.screens.summary import SummaryScreen

SIZE = (100, 32)
KEYS = ["ctrl+s", "ctrl+n", "ctrl+t", "f3", "f4", "f5", "f6", "a", "space", "tab",  # interview
        "1", "2", "3", "4", "f", "n",                                       # reveal
        "r", "escape", "h", "f1", "y"]                                    # summary, dialogs
BUTTONS = ["#submit", "#skip", "#pause", "#rate-1", "#rate-3", "#rate-4", "#next",
           "#follow-up", "#ask", "#no-questions"]
STEPS = st.one_of(
    st.tuples(st.just("key"), st.sampled_from(KEYS)),
    st.tuples(st.just("burst"), st.lists(st.sampled_from(KEYS), min_size=2, max_size=3)),
    st.tuples(st.just("click"), st.sampled_from(BUTTONS)),
    st.tuples(st.just("leave"), st.sampled_from(["y", "n"])),
    st.tuples(st.just("time"), st.sampled_from([1.0, 30.0, 200.0])),
)


async def burst(pilot, keys: list[str]) -> None:
    """Send keys without waiting for the app between them."""
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else None)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)
    await pilot.pause()


def phase_fits_screen(app) -> bool:
    screen = next((s for s in reversed(app.screen_stack)
                   if isinstance(s, InterviewScreen | RevealScreen | SummaryScreen
                                 | AskThemScreen)), None)
    phase = app.interview.phase
    if isinstance(screen, InterviewScreen):
        return phase in (Step.ASKING, Step.ANSWERING, Step.PAUSED)
    if isinstance(screen, RevealScreen):
        return phase in (Step.REVEALED, Step.RATED)
    if isinstance(screen, AskThemScreen):
        return phase is Step.CLOSING
    if isinstance(screen, SummaryScreen):
        return phase is Step.FINISHED
    return True  # home, help, a session: the interview is over or not on screen


# Two questions either way; a full interview then asks for the person's questions.
SHORT_FULL = FullInterviewSpec(intro=1, technical=1, behavioral=0, design=0)


async def drive(deck_store, mode: str, steps: list, full: bool = False):
    """Run the steps; returns the interview's record as the history saved it."""
    with tempfile.TemporaryDirectory() as folder:
        history = HistoryStore.open(Path(folder) / "history.sqlite3")
        app = make_app(decks=deck_store, clock=FakeClock(), history=history)
        try:
            async with app.run_test(size=SIZE) as pilot:
                app.flow.start(SessionConfig(deck_ids=["tui", "opening"], mode=mode, kind="full",
                                             full=SHORT_FULL, seed=1) if full else
                               SessionConfig(deck_ids=["tui"], mode=mode, count=2))
                await pilot.pause()
                for kind, what in steps:
                    if kind == "key":
                        await pilot.press(what)
                    elif kind == "burst":
                        await burst(pilot, what)
                    elif kind == "click":
                        found = app.screen.query(what)
                        if found and found.first().display:
                            await pilot.click(what)
                    elif kind == "leave" and isinstance(app.screen, InterviewScreen):
                        await burst(pilot, ["ctrl+q", what])
                    elif kind == "time":
                        app.clock.advance(what)
                        app.tick()
                        await pilot.pause()
                    if isinstance(app.screen, ConfirmScreen) and kind != "leave":
                        await pilot.press("escape")
                    assert phase_fits_screen(app), (kind, what, app.interview.phase, app.screen)
                app.flush_saves()
            # Whatever was typed and chosen is what the history holds.
            saved = history.load_session(app.interview.record.id)
            assert [a.text for a in saved.answers] == [a.text for a in app.interview.record.answers]
            assert [a.rating for a in saved.answers] == [
                a.rating for a in app.interview.record.answers]
            return saved
        finally:
            history.close()


# No shrinking: each example runs an app (about a second), and shrinking a failure
# took minutes. The failing steps are in the assertion message and the report.
@settings(max_examples=15, deadline=None, phases=[Phase.explicit, Phase.reuse, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(mode=st.sampled_from(["practice", "mock"]), full=st.booleans(),
       steps=st.lists(STEPS, max_size=18))
def test_no_sequence_of_keys_and_clicks_crashes_the_interview(full_store, mode, full, steps):
    # run_test re-raises any exception the app hit (an InterviewError, say).
    asyncio.run(drive(full_store, mode, steps, full))


def test_a_full_interview_reaches_the_questions_to_ask_and_finishes(full_store):
    """The explicit path to the end of a full interview, so the search surely covers it."""
    to_end = [("key", "ctrl+s"), ("key", "3"), ("key", "n")] * 2
    asked = [("key", "space"), ("burst", ["ctrl+s", "ctrl+s"]), ("key", "ctrl+s"), ("key", "4"),
             ("key", "n")]
    saved = asyncio.run(drive(full_store, "mock", [*to_end, *asked], full=True))
    assert saved.status == "finished"
    assert [a.asked.section for a in saved.answers] == ["intro", "technical", "questions"]
    assert [a.rating for a in saved.answers] == [3, 3, 4]


async def test_two_quick_skips_or_submits_move_on_once(app):
    """The reported crash: Ctrl+N Ctrl+N (and Ctrl+S Ctrl+S) sent together."""
    async with app.run_test(size=(120, 40)) as pilot:
        app.flow.start(SessionConfig(deck_ids=["tui"]))
        await pilot.pause()
        await burst(pilot, ["ctrl+n", "ctrl+n"])
        assert isinstance(app.screen, RevealScreen)
        assert app.interview.index == 0 and app.interview.answer.skipped
        await burst(pilot, ["n", "n"])
        assert isinstance(app.screen, InterviewScreen) and app.interview.index == 1
        await pilot.pause()
        await burst(pilot, ["ctrl+s", "ctrl+s"])
        assert isinstance(app.screen, RevealScreen) and app.interview.index == 1
        assert app.interview.phase is Step.REVEALED
