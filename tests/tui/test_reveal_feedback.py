"""Pilot tests through the reveal screen: every failure of issue 13's first list.

Each test asks one question from the bundled decks (or an imported-style question
with no key points), types the answer from the issue, and reads the checklists
the reveal shows.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import SelectionList, TextArea

from mockint.core.deck import Deck
from mockint.core.session import SessionConfig
from mockint.storage.decks import DeckEntry, DeckStore, read_deck
from mockint.tui.app import make_app
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from tests.helpers import submit_and_reveal

SIZE = (140, 50)
DECKS = Path(__file__).resolve().parents[2] / "decks"


def bundled(deck: str, question: str):
    return next(q for q in read_deck(DECKS / f"{deck}.toml").questions if q.id == question)


def one_question_app(question, clock):
    deck = Deck.model_validate({"schema": 1, "id": "feedback", "title": "Feedback",
                                "questions": [question.model_dump(exclude_defaults=True)]})
    store = DeckStore([DeckEntry(Path("feedback.toml"), "path", deck)])
    return make_app(decks=store, clock=clock)


async def answer_and_reveal(pilot, text: str) -> RevealScreen:
    pilot.app.flow.start(SessionConfig(deck_ids=["feedback"], mode="practice"))
    await pilot.pause()
    return await submit_and_reveal(pilot, text)


def labels(screen, list_id: str) -> list[str]:
    checklist = screen.query_one(list_id, SelectionList)
    return [str(checklist.get_option_at_index(i).prompt) for i in range(checklist.option_count)]


def ticked(screen, list_id: str) -> set:
    return set(screen.query_one(list_id, SelectionList).selected)


N_PLUS_ONE = ("django-technical", "select-related-vs-prefetch-related")


async def test_a_denial_on_n_plus_one_ticks_nothing_and_says_negated(clock):
    app = one_question_app(bundled(*N_PLUS_ONE), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await answer_and_reveal(pilot, (
            "Honestly I don't know. I have never used select_related or prefetch_related, "
            "and I have not heard of the debug toolbar."))
        assert ticked(screen, "#key-points") == set()
        shown = labels(screen, "#key-points")
        assert "mentioned, but negated" in shown[1] and "never used select" in shown[1]
        assert "not heard of the debug toolbar" in shown[4]
        assert "no concrete example" in str(screen.query_one("#insights").render())


async def test_loose_words_do_not_tick_identifier_points(clock):
    app = one_question_app(bundled(*N_PLUS_ONE), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await answer_and_reveal(pilot, (
            "I would select the related rows in a loop and check the toolbar in the "
            "browser for debug output"))
        assert ticked(screen, "#key-points") == set()


async def test_the_star_action_line_quotes_the_action_not_the_task(clock):
    app = one_question_app(bundled("behavioral", "challenging-bug"), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await answer_and_reveal(pilot, (
            "Last year our invoices were off by a few cents on some days. "
            "I owned the billing app, so I was asked to find out why. "
            "I reproduced it locally with a copy of one bad day. "
            "In the end the totals matched again."))
        action = labels(screen, "#star")[2]
        assert "I reproduced it locally" in action
        assert "I owned the billing app" not in action
        assert {"situation", "task", "action", "result"} <= ticked(screen, "#star")


async def test_a_behavioral_root_cause_in_other_words_is_credited(clock):
    app = one_question_app(bundled("behavioral", "challenging-bug"), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await answer_and_reveal(pilot, (
            "Our revenue report showed too much for some months. The report was mine, so "
            "the report was mine. I compared the report with the ledger invoice by invoice. "
            "An annotate() with Sum over a join was counting rows twice. I rewrote it with "
            "a Subquery and added a regression test with a two-line invoice."))
        root_cause = 2
        assert root_cause in ticked(screen, "#key-points")
        assert "“was counting”" in labels(screen, "#key-points")[root_cause]


async def test_a_follow_up_ticks_a_missed_point_marked_in_follow_up(clock):
    app = one_question_app(bundled(*N_PLUS_ONE), clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await answer_and_reveal(pilot, (
            "select_related does a SQL join for foreign keys; prefetch_related runs a "
            "second query for many-to-many and joins them in Python."))
        measure = 4
        assert measure not in ticked(screen, "#key-points")
        await pilot.press("3", "f")
        assert isinstance(app.screen, InterviewScreen)
        app.screen.query_one("#answer", TextArea).text = (
            "I would look at the query count in the Django Debug Toolbar and pin it with "
            "assertNumQueries in a test.")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RevealScreen)
        assert measure in ticked(screen, "#key-points")
        assert "(in follow-up)" in labels(screen, "#key-points")[measure]
        assert app.interview.answer.key_points_checked[measure]


async def test_an_imported_question_gets_key_points_from_its_sample_answer(clock):
    imported = bundled("python-fundamentals", "generators-and-iterators").model_copy(
        update={"key_points": [], "id": "imported"})
    app = one_question_app(imported, clock)
    async with app.run_test(size=SIZE) as pilot:
        screen = await answer_and_reveal(pilot, (
            "A generator function uses yield: it pauses there and keeps its local state "
            "until next() is called again, so you can stream a large file without loading "
            "it into memory."))
        checklist = screen.query_one("#key-points", SelectionList)
        assert checklist.border_title.endswith("Key points from the sample answer (suggested)")
        assert 3 <= checklist.option_count <= 5
        assert ticked(screen, "#key-points")
        assert len(app.interview.answer.key_points_checked) == checklist.option_count


async def test_the_question_form_accepts_key_points_suggested_from_the_sample_answer(clock):
    from mockint.tui.screens.question_form import QuestionFormScreen

    imported = bundled("python-fundamentals", "context-managers").model_copy(
        update={"key_points": [], "id": "imported"})
    app = one_question_app(imported, clock)
    saved = []
    async with app.run_test(size=SIZE) as pilot:
        app.push_screen(QuestionFormScreen(imported, imported.id), saved.append)
        await pilot.pause()
        await pilot.press("ctrl+g")
        area = app.screen.query_one("#key_points", TextArea)
        suggested = area.text.splitlines()
        assert 3 <= len(suggested) <= 5 and all(" | " in line for line in suggested)
        area.text = area.text.replace(suggested[0], "My own point | my cue")  # editable
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    (question,) = saved
    assert len(question.key_points) == len(suggested)
    assert question.key_points[0].point == "My own point"
    assert question.key_points[0].cues == ["my cue"]
