"""Pilot tests of the story bank: the stories screen, the form, coverage, practising a story."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import DataTable, Input, SelectionList, TextArea

from mockint.core.stories import Story
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.stories import StoriesScreen
from mockint.tui.screens.story_form import StoryFormScreen

SIZE = (120, 40)
WHEN = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def bank_story(title: str, *competencies: str, **fields) -> Story:
    return Story(title=title, competencies=list(competencies), created_at=WHEN, updated_at=WHEN,
                 **fields)


@pytest.fixture
def stories(history):
    saved = [
        bank_story("Billing outage", "ownership", "technical-depth", "communication",
                   id="a1", situation="Webhooks failed at Acme", result="Errors fell 40%",
                   company="Acme", role="Backend engineer"),
        bank_story("Pushback on caching", "conflict", "communication", id="b2",
                   result="We cached two endpoints; p95 fell 40%"),
        bank_story("Everything story [bold]", "ownership", "conflict", "leadership",
                   "mentoring", "ambiguity", "customer-focus", id="c3"),
    ]
    for story in saved:
        history.save_story(story)
    return saved


async def open_stories(pilot) -> StoriesScreen:
    await pilot.press("b")
    await pilot.pause()
    assert isinstance(pilot.app.screen, StoriesScreen)
    return pilot.app.screen


async def test_home_key_opens_the_bank_with_stories_and_their_coverage(app, stories):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        table = screen.query_one("#stories-table", DataTable)
        assert table.row_count == 3
        assert "Webhooks failed at Acme" in str(screen.query_one("#story-text").render())
        grid = screen.query_one("#coverage", DataTable)
        assert grid.row_count == 10
        rows = {str(grid.get_row_at(i)[0]): [str(c) for c in grid.get_row_at(i)[1:]]
                for i in range(grid.row_count)}
        assert rows["ownership"] == ["✓", "✓", "·", "2"]  # listed by title: A, E, P
        assert rows["deadline-and-priorities"] == ["·", "·", "·", "none"]
        notes = str(screen.query_one("#coverage-notes").render())
        assert "No story yet for failure-and-learning, deadline-and-priorities" in notes
        assert "#2 “Everything story [bold]” is claimed for 6 of 10" in notes
        headers = [str(c.label) for c in grid.columns.values()]
        assert headers[1:] == ["1", "2 ⚠", "3", "stories"]


async def test_adding_a_story_through_the_form_saves_it(app, history):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        await pilot.press("a")
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, StoryFormScreen)
        assert form.query_one("#save").disabled  # no title yet
        form.query_one("#title", Input).value = "Mentoring Sam"
        form.query_one("#action", TextArea).text = "I paired with Sam twice a week."
        form.query_one("#result", TextArea).text = "Sam shipped a feature alone in 6 weeks."
        form.query_one("#figures", Input).value = "6 weeks, "
        form.query_one("#tags", Input).value = "People, pairing"
        form.query_one("#competencies", SelectionList).select("mentoring")
        await pilot.pause()
        assert not form.query_one("#save").disabled
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert pilot.app.screen is screen
        (saved,) = history.list_stories()
        assert saved.title == "Mentoring Sam"
        assert saved.figures == ["6 weeks"] and saved.tags == ["people", "pairing"]
        assert saved.competencies == ["mentoring"]
        assert saved.action == "I paired with Sam twice a week."
        assert screen.query_one("#stories-table", DataTable).row_count == 1


async def test_editing_keeps_the_id_and_escape_with_changes_asks_first(app, stories, history):
    async with app.run_test(size=SIZE) as pilot:
        await open_stories(pilot)
        await pilot.press("enter")  # the first row: "Billing outage"
        await pilot.pause()
        form = pilot.app.screen
        assert isinstance(form, StoryFormScreen)
        assert form.query_one("#title", Input).value == "Billing outage"
        form.query_one("#title", Input).value = "Billing outage, 2025"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("escape")  # keep editing
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert history.get_story("a1").title == "Billing outage, 2025"
        assert len(history.list_stories()) == 3


async def test_delete_and_undo(app, stories, history):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        await pilot.press("down", "d")
        await pilot.pause()
        assert [s.id for s in history.list_stories()] == ["a1", "b2"]
        assert screen.query_one("#stories-table", DataTable).row_count == 2
        await pilot.press("u")
        await pilot.pause()
        assert history.get_story("c3") == stories[2]
        assert screen.query_one("#stories-table", DataTable).row_count == 3
        assert not screen.check_action("undo", ())


async def test_search_narrows_the_list_over_every_field(app, stories):
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_stories(pilot)
        await pilot.press("slash")
        await pilot.press(*"p95")
        await pilot.pause()
        table = screen.query_one("#stories-table", DataTable)
        assert table.row_count == 1
        assert screen.current.id == "b2"
        await pilot.press("escape")  # clears the search first
        await pilot.pause()
        assert table.row_count == 3 and isinstance(pilot.app.screen, StoriesScreen)


async def test_practising_a_story_asks_one_question_probing_its_competencies(app, stories):
    async with app.run_test(size=SIZE) as pilot:
        await open_stories(pilot)
        await pilot.press("down", "down", "p")  # "Pushback on caching": conflict, communication
        await pilot.pause()
        assert isinstance(pilot.app.screen, InterviewScreen)
        interview = pilot.app.interview
        assert interview.total == 1 and interview.mode == "practice"
        # The test deck's only question probing conflict is the disagreement one.
        assert interview.current.question.id == "disagreement"


def test_coverage_grid_snapshot(snap_compare, app, stories):
    """Three stories: two competencies without a story, one story claimed for six."""
    async def run_before(pilot) -> None:
        await open_stories(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


# --- the question form: competencies to correct ------------------------------------------

MY_DECK = '''schema = 1
id = "acme"
title = "Acme loop"

[[questions]]
id = "pushback"
category = "behavioral"
prompt = "Tell me about pushback you got from a senior engineer."
'''


async def test_the_question_form_shows_inferred_competencies_to_correct_and_saves_them(
        mockint_home, clock):
    from pathlib import Path

    from mockint.storage.decks import read_deck
    from mockint.tui.app import make_app
    from mockint.tui.screens.question_form import QuestionFormScreen

    path = Path(mockint_home, "decks", "acme.toml")
    path.parent.mkdir(parents=True)
    path.write_text(MY_DECK, encoding="utf-8")
    app = make_app(clock=clock, edit_deck=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, QuestionFormScreen)
        box = form.query_one("#competencies", Input)
        assert box.value == "conflict"  # read from the wording: the deck names none
        box.value = "conflict, bravery"
        await pilot.pause()
        assert "“bravery” is not one of: ownership" in str(
            form.query_one("#error-competencies").render())
        assert form.query_one("#save").disabled
        box.value = "Conflict, Technical depth"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")  # the editor saves the deck
        await pilot.pause()
    assert read_deck(path).questions[0].competencies == ["conflict", "technical-depth"]


async def test_the_command_palette_opens_the_story_bank_and_f1_explains_it(app):
    from mockint.tui.screens.help import HelpScreen

    async with app.run_test(size=SIZE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        commands["Story bank"].callback()
        await pilot.pause()
        assert isinstance(app.screen, StoriesScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        assert "coverage grid" in text and "p practises the story" in text
