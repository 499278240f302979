"""Pilot test of a full interview: introduction, sections with transitions, the
person's questions at the end, and the summary's sections against the budget."""

from __future__ import annotations

from textual.widgets import SelectionList, TextArea

from mockint.core.full_interview import CLOSINGS, OPENINGS
from mockint.core.session import Phase
from mockint.tui.screens.ask_them import AskThemScreen
from mockint.tui.screens.interview import InterviewScreen
from mockint.tui.screens.reveal import RevealScreen
from mockint.tui.screens.summary import SummaryScreen
from tests.helpers import advance

SIZE = (120, 40)

def shown(widget) -> str:
    return str(widget.render())


async def answer_and_rate(pilot, text: str, seconds: float) -> None:
    app = pilot.app
    for _ in range(10):  # the question is drawn, then its clock starts
        await pilot.pause()
        if app.interview.phase is not Phase.ASKING:
            break
    app.screen.query_one("#answer", TextArea).text = text
    await advance(pilot, seconds)
    await pilot.press("ctrl+s")
    assert isinstance(app.screen, RevealScreen)
    await pilot.press("3", "n")
    await pilot.pause()


async def test_full_interview_from_introduction_to_your_questions_and_summary(full_app, history):
    app = full_app
    async with app.run_test(size=SIZE) as pilot:
        assert app.flow.start_full_interview(["tui", "opening"], mode="mock")
        await pilot.pause()
        # One deck has no second or third technical question: said, not a crash.
        assert isinstance(app.screen, InterviewScreen)
        panel = app.screen.query_one("#panel")
        lead_in = shown(panel.query_one("#lead-in"))
        assert "I'm Priya Raman, senior backend engineer" in lead_in
        assert "45 minutes" in lead_in and "one technical question" in lead_in
        assert "Walk me through your background." in shown(panel.query_one("#prompt"))
        assert [w.id for w in panel.children if w.display] == ["lead-in", "prompt", "timer"]
        assert panel.border_subtitle.startswith("Introduction 1 of 1 · question 1 of 4")
        await answer_and_rate(pilot, "I build Django backends.", 60)

        panel = app.screen.query_one("#panel")
        assert shown(panel.query_one("#lead-in")) in OPENINGS["technical"]
        assert panel.border_subtitle.startswith("Technical 1 of 1")
        await answer_and_rate(pilot, "LIMIT and lazy.", 100)
        assert shown(app.screen.query_one("#panel #lead-in")) in OPENINGS["behavioral"]
        await answer_and_rate(pilot, "We disagreed about caching.", 100)
        # The reveal of the last main question goes on, not "Finish".
        await answer_and_rate(pilot, "Stateless app servers behind a cache.", 200)

        assert isinstance(app.screen, AskThemScreen)
        assert shown(app.screen.query_one("#closing")) in CLOSINGS
        choices = app.screen.query_one("#choices", SelectionList)
        assert choices.option_count == 2 and choices.has_focus
        await pilot.press("space")  # tick "how the team shares on-call"
        app.screen.query_one("#own", TextArea).text = "What would my first month look like?\n"
        await pilot.pause()
        assert shown(app.screen.query_one("#ask-count")) == "2 questions to ask"
        await pilot.press("ctrl+s")
        await pilot.pause()

        assert isinstance(app.screen, InterviewScreen)
        assert "Your questions 1 of 2" in app.screen.query_one("#panel").border_subtitle
        await answer_and_rate_checking_notes(pilot, "How is on-call shared?", "a fair rota")
        assert "What would my first month look like?" in shown(
            app.screen.query_one("#panel #prompt"))
        await answer_and_rate_checking_notes(pilot, "Listen for a plan.", "What to listen for")

        assert isinstance(app.screen, SummaryScreen)
        sections = shown(app.screen.query_one("#summary-sections"))
        assert sections.startswith("Sections: Introduction 1:00 · Technical 1:40 · ")
        assert "Design 3:20 · Your questions ×2 1:00" in sections
        assert "Time 8:40 of 45:00 · 36:20 to spare" in sections
        record = app.interview.record
        app.flush_saves()
    saved = history.load_session(record.id)
    assert saved.status == "finished" and saved.config.kind == "full"
    assert [a.asked.section for a in saved.answers] == [
        "intro", "technical", "behavioral", "design", "questions", "questions"]
    assert saved.answers[-1].asked.question.prompt == "What would my first month look like?"
    assert saved.answers[-1].text == "Listen for a plan."


async def answer_and_rate_checking_notes(pilot, text: str, notes: str) -> None:
    app = pilot.app
    for _ in range(10):
        await pilot.pause()
        if app.interview.phase is not Phase.ASKING:
            break
    app.screen.query_one("#answer", TextArea).text = text
    await advance(pilot, 30)
    await pilot.press("ctrl+s")
    assert isinstance(app.screen, RevealScreen)
    assert notes in shown(app.screen.query_one("#sample Plain"))
    assert app.screen.query_one("#sample").border_title == "Sample answer, and what to listen for"
    await pilot.press("3", "n")
    await pilot.pause()


async def test_no_questions_finishes_and_setup_offers_the_full_interview(full_app):
    app = full_app
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        await pilot.click("#kind-full")
        await pilot.pause()
        matches = shown(app.screen.query_one("#matches"))
        # Only the first deck is ticked: it has no intro question, and setup says so.
        assert matches.startswith("Full interview: 3 questions in about 45 min")
        assert "No intro questions in these decks" in matches
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.interview.config.kind == "full" and app.interview.total == 3
        for _ in range(3):
            await answer_and_rate(pilot, "an answer", 10)
        assert isinstance(app.screen, AskThemScreen)
        await pilot.press("ctrl+s")  # nothing chosen: a warning, still here
        assert isinstance(app.screen, AskThemScreen)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, SummaryScreen)
        assert app.interview.record.status == "finished"
        assert "Your questions" not in shown(app.screen.query_one("#summary-sections"))
        await pilot.press("r")  # the session in review says what the budget was
        assert "Full interview · Time 0:30 of 45:00" in shown(
            app.screen.query_one("#session-heading"))
