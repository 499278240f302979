"""Pilot tests of the story bank in the interview: the peek, which story you told,
saving an answer as a story, the summary's warning and home's gaps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import OptionList

from mockint.core.session import SessionConfig, SessionRecord
from mockint.core.stories import Story, StoryUse
from mockint.tui.app import make_app
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.screens.story_form import StoryFormScreen
from mockint.tui.screens.story_picker import StoryPickerScreen
from mockint.tui.screens.summary import SummaryScreen
from mockint.tui.widgets.checklists import StarChecklist
from tests.helpers import submit_and_reveal

SIZE = (120, 40)
NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
ANSWER = ("Last year at Acme a colleague wanted to cache every endpoint. I was responsible "
          "for the API's speed. I measured first and proposed caching two endpoints. "
          "As a result p95 fell by 40%.")


def shown(widget) -> str:
    return str(widget.render())


def story(story_id: str, title: str, *competencies: str, **fields) -> Story:
    return Story(id=story_id, title=title, competencies=list(competencies), created_at=NOW,
                 updated_at=NOW, **fields)


@pytest.fixture
def bank(history):
    for s in (story("caching", "Pushback on caching", "conflict", "communication",
                    situation="A colleague at Acme wanted to cache every endpoint",
                    result="p95 fell by 40%", figures=["40%"]),
              story("outage", "Billing outage", "ownership", result="Errors fell 90%"),
              story("quarrel", "The [bold]quarrel[/]", "conflict", result="We agreed")):
        history.save_story(s)
    return history


@pytest.fixture
def story_app(tui_store, clock, bank):
    return make_app(decks=tui_store, clock=clock, history=bank, now=lambda: NOW)


async def behavioral(pilot, mode: str = "practice") -> None:
    pilot.app.flow.start(SessionConfig(deck_ids=["tui"], mode=mode,
                                            categories=["behavioral"]))
    await pilot.pause()


async def reveal(pilot, text: str = ANSWER) -> RevealScreen:
    await behavioral(pilot)
    return await submit_and_reveal(pilot, text)


async def test_the_peek_lists_the_stories_that_fit_one_line_each(story_app):
    async with story_app.run_test(size=SIZE) as pilot:
        await behavioral(pilot)
        await pilot.press("f5")
        text = shown(pilot.app.screen.query_one("#peek"))
        lines = text.splitlines()
        assert lines[0] == "Your stories for conflict:"
        assert lines[1] == "• Pushback on caching — p95 fell by 40%"
        assert lines[2] == "• The [bold]quarrel[/] — We agreed"  # content, not markup
        assert "Billing outage" not in text


async def test_no_story_peek_in_mock_mode_or_on_a_technical_question(story_app):
    async with story_app.run_test(size=SIZE) as pilot:
        await behavioral(pilot, mode="mock")
        assert not pilot.app.screen.check_action("peek_stories", ())
        await pilot.press("f5")
        assert not any(peek.display for peek in pilot.app.screen.query("#peek"))
    other = make_app(decks=story_app.decks, clock=story_app.clock, history=story_app.history)
    async with other.run_test(size=SIZE) as pilot:
        pilot.app.flow.start(SessionConfig(deck_ids=["tui"], categories=["technical"]))
        await pilot.pause()
        assert not pilot.app.screen.check_action("peek_stories", ())


async def test_which_story_did_you_tell_is_kept_and_checked_per_star_part(story_app, bank):
    async with story_app.run_test(size=SIZE) as pilot:
        screen = await reveal(pilot, ANSWER.replace("by 40%", "a lot"))
        told = screen.query_one("#story-told")
        assert "w: which of your stories did you tell?" in shown(told)
        await pilot.press("w")
        await pilot.pause()
        picker = pilot.app.screen
        assert isinstance(picker, StoryPickerScreen)
        options = picker.query_one(OptionList)
        labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert labels == ["★ Pushback on caching", "★ The [bold]quarrel[/]",
                          "  Billing outage", "  A new one (not in your story bank yet)"]
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
        use = bank.story_use_for(pilot.app.interview.record.id, 0)
        assert use.story_id == "caching" and use.competencies == ["conflict"]
        line = shown(told)
        assert "Your story “Pushback on caching”: Situation ✓" in line
        assert "Result ✗ (not heard: “40%”)" in line
        assert screen.query_one(StarChecklist).border_subtitle == "your story: S✓ T– A– R✗"

        await pilot.press("w")
        await pilot.pause()
        await pilot.press("end", "enter")  # "a new one"
        await pilot.pause()
        assert bank.story_use_for(pilot.app.interview.record.id, 0).story_id is None
        assert "You told a new story" in shown(told)


async def test_save_this_answer_as_a_story(story_app, bank):
    async with story_app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        await pilot.press("s")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, StoryFormScreen)
        values = form.values()
        assert "colleague wanted to cache" in values["situation"]
        assert "responsible" in values["task"]
        assert "measured first" in values["action"]
        assert "p95 fell by 40%" in values["result"]
        assert values["figures"] == "40%"
        assert values["competencies"] == ["conflict"]
        assert values["title"].startswith("Story for: Tell me about a time you disagreed")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, RevealScreen)
        new = [s for s in bank.list_stories() if s.title.startswith("Story for:")]
        assert len(new) == 1 and new[0].figures == ["40%"]
        # Saved from this answer: it is the story this answer told, and it carried it all.
        assert bank.story_use_for(pilot.app.interview.record.id, 0).story_id == new[0].id
        assert "Result ✓" in shown(pilot.app.screen.query_one("#story-told"))


async def test_the_summary_warns_when_one_story_is_told_for_too_much(story_app, bank):
    for day, competencies in ((1, ["ownership"]), (2, ["leadership", "ambiguity"])):
        session = SessionRecord(id=f"earlier{day}", config=SessionConfig(deck_ids=["tui"]),
                                started_at=NOW - timedelta(days=day))
        bank.save_session(session)
        bank.record_story_use(StoryUse(session_id=session.id, answer_index=0,
                                       story_id="caching", competencies=competencies,
                                       used_at=NOW - timedelta(days=day)))
    async with story_app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        await pilot.press("w", "enter", "3", "n")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)
        warning = pilot.app.screen.query_one("#story-warnings")
        assert warning.display
        assert ("“Pushback on caching” was told in the last week for 4 different competencies "
                "(ownership, conflict, leadership, ambiguity)") in shown(warning)


async def test_the_summary_says_nothing_when_stories_are_told_sparingly(story_app):
    async with story_app.run_test(size=SIZE) as pilot:
        await reveal(pilot)
        await pilot.press("w", "enter", "3", "n")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(pilot.app.screen, SummaryScreen)
        assert not pilot.app.screen.query_one("#story-warnings").display


async def test_home_names_competencies_the_next_interview_may_ask_with_no_story(
        tui_store, clock, history):
    from mockint.core.planning import UpcomingInterview
    from mockint.storage.interviews import add_interview

    today = NOW.astimezone().date()
    add_interview(UpcomingInterview(label="Acme", date=today + timedelta(days=5), decks=["tui"],
                                    added=today))
    app = make_app(decks=tui_store, clock=clock, history=history, now=lambda: NOW)
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        gaps = app.screen.query_one("#story-gaps")
        assert gaps.display
        assert "No story yet for conflict, which your Acme interview may ask about" in shown(gaps)
        history.save_story(story("quarrel", "The quarrel", "conflict"))
        app.screen.query_one("#story-gaps").check(app.screen.next_interview)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert not gaps.display
