"""The full interview's plan, transitions and budget (core only), and the state
machine's "any questions for me?" step."""

from __future__ import annotations

import pytest

from mockint.core.deck import Deck, Interviewer
from mockint.core.full_interview import (
    OWN_DECK_ID,
    budget_line,
    build_full_plan,
    closing_line,
    questions_to_ask,
    section_times,
    sections_brief,
    sections_line,
)
from mockint.core.session import (
    ASK_THEM_SECTION,
    FullInterviewSpec,
    Interview,
    InterviewError,
    Phase,
    SessionConfig,
)
from mockint.core.timing import FakeClock


def _q(qid: str, category: str, **extra) -> dict:
    return {"id": qid, "category": category, "prompt": f"{qid}?", **extra}


ENG = Deck.model_validate({
    "schema": 1, "id": "eng", "title": "Engineering", "time_limit": 100,
    "interviewer": {"name": "Ines Duarte", "role": "Engineering manager"},
    "questions": [
        _q("about-you", "intro"),
        *[_q(f"tech-{i}", "technical") for i in range(5)],
        *[_q(f"story-{i}", "behavioral") for i in range(3)],
        _q("design-1", "system-design", time_limit=300),
        _q("scenario-1", "situational"),
    ],
})
ASK = Deck.model_validate({
    "schema": 1, "id": "ask", "title": "Ask them", "time_limit": 60,
    "questions": [
        _q("team", "ask-them", sample_answer="Phrase it well.\n\nWhat to listen for:\n- honesty"),
        _q("growth", "ask-them"),
    ],
})
TECH_ONLY = Deck.model_validate({
    "schema": 1, "id": "tech", "title": "Tech only",
    "questions": [_q(f"t{i}", "technical") for i in range(2)],
})


def sections_of(plan) -> list[str]:
    return [q.section for q in plan.questions]


def test_default_plan_runs_intro_technical_behavioral_design_in_order():
    plan = build_full_plan([ENG, ASK], FullInterviewSpec(), seed=7)
    assert sections_of(plan) == ["intro", "technical", "technical", "technical",
                                 "behavioral", "behavioral", "design"]
    assert plan.notes == []
    # One interviewer throughout, from the deck's [interviewer].
    assert {q.interviewer.name for q in plan.questions} == {"Ines Duarte"}
    # No ask-them question in the plan: those are the person's choice at the end.
    assert all(q.question.category != "ask-them" for q in plan.questions)
    design = plan.questions[-1]
    assert design.question.category in ("system-design", "situational")


def test_interviewer_introduces_themselves_then_each_section_opens_with_a_transition():
    plan = build_full_plan([ENG], FullInterviewSpec(budget_minutes=40), seed=3)
    first = plan.questions[0].lead_in
    assert "Ines Duarte, engineering manager" in first
    assert "40 minutes" in first and "three technical questions" in first
    leads = [q.lead_in for q in plan.questions]
    # A line where a section starts, none within a section.
    assert [bool(lead) for lead in leads] == [True, True, False, False, True, False, True]
    assert len(set(leads[1:]) - {""}) == 3


def test_same_seed_same_interview_and_other_seeds_vary_the_words():
    spec = FullInterviewSpec()
    one = build_full_plan([ENG], spec, seed=11)
    again = build_full_plan([ENG], spec, seed=11)
    assert [(q.question.id, q.lead_in) for q in one.questions] == \
        [(q.question.id, q.lead_in) for q in again.questions]
    words = {tuple(q.lead_in for q in build_full_plan([ENG], spec, seed=s).questions)
             for s in range(12)}
    assert len(words) > 1


def test_counts_are_configurable_and_a_zero_section_is_left_out_quietly():
    spec = FullInterviewSpec(intro=0, technical=1, behavioral=1, design=0)
    plan = build_full_plan([ENG], spec, seed=1)
    assert sections_of(plan) == ["technical", "behavioral"]
    assert plan.notes == []
    assert "a bit about you" not in plan.questions[0].lead_in


def test_decks_missing_a_category_say_so_and_skip_that_section():
    plan = build_full_plan([TECH_ONLY], FullInterviewSpec(), seed=1)
    assert sections_of(plan) == ["technical", "technical"]
    text = " ".join(plan.notes)
    assert "No intro questions" in text and "introduction section is left out" in text
    assert "No behavioral questions" in text
    assert "No system-design or situational questions" in text
    assert "Only 2 technical questions in these decks (3 asked for)" in text
    # No [interviewer] anywhere: the settings' one, else the default.
    settings_person = Interviewer(name="Sam", role="CTO")
    plan = build_full_plan([TECH_ONLY], FullInterviewSpec(), 1, default_interviewer=settings_person)
    assert plan.questions[0].interviewer == settings_person
    assert plan.questions[0].lead_in.startswith(("Hi, I'm Sam, CTO", "Hello, and thanks for "
                                                 "coming in. I'm Sam, CTO", "Hi there, I'm Sam, CTO"))


def test_no_decks_at_all_gives_an_empty_plan_with_notes_not_a_crash():
    plan = build_full_plan([], FullInterviewSpec(), seed=None)
    assert plan.questions == [] and len(plan.notes) == 4


def test_time_limits_come_from_the_deck_unless_seconds_are_given():
    plan = build_full_plan([ENG], FullInterviewSpec(intro=0, technical=0, behavioral=0), seed=2)
    limits = {q.question.id: q.time_limit for q in plan.questions}
    assert limits in ({"design-1": 300}, {"scenario-1": 100})
    plan = build_full_plan([ENG], FullInterviewSpec(), seed=2, time_limit=45)
    assert {q.time_limit for q in plan.questions} == {45}


def test_levels_filter_the_pools():
    deck = Deck.model_validate({"schema": 1, "id": "lv", "title": "Levels", "questions": [
        _q("j", "technical", level="junior"), _q("s", "technical", level="senior")]})
    plan = build_full_plan([deck], FullInterviewSpec(intro=0, technical=2, behavioral=0,
                                                     design=0), 1, levels=["senior"])
    assert [q.question.id for q in plan.questions] == ["s"]


def test_questions_to_ask_keep_picked_then_own_ones_and_own_get_listening_notes():
    person = Interviewer(name="Ines Duarte")
    asked = questions_to_ask([ENG, ASK], [("ask", "growth"), ("ask", "gone"), ("ask", "team")],
                             ["  How is on-call shared?  ", "   "], person)
    assert [(a.deck_id, a.question.id) for a in asked] == [
        ("ask", "growth"), ("ask", "team"), (OWN_DECK_ID, "own-1")]
    own = asked[-1]
    assert own.question.prompt == "How is on-call shared?"
    assert "What to listen for" in own.question.sample_answer
    assert {a.section for a in asked} == {ASK_THEM_SECTION}
    assert [a.time_limit for a in asked] == [60, 60, 90]


def drive(interview: Interview, clock: FakeClock, seconds: float) -> None:
    interview.begin()
    clock.advance(seconds)
    interview.submit(f"answer {interview.index}")
    interview.reveal()
    interview.rate(3)
    interview.next()


def test_interview_asks_for_questions_at_the_end_and_keeps_them_like_answers():
    clock = FakeClock()
    spec = FullInterviewSpec(intro=1, technical=1, behavioral=0, design=0, budget_minutes=5)
    config = SessionConfig(deck_ids=["eng"], kind="full", full=spec, seed=4)
    plan = build_full_plan([ENG], spec, 4)
    interview = Interview.start(plan.questions, config, clock=clock)
    drive(interview, clock, 60)
    drive(interview, clock, 90)
    assert interview.phase is Phase.CLOSING and interview.can_ask_them
    assert "questions for me" in closing_line(interview.record)
    with pytest.raises(InterviewError):
        interview.begin()  # nothing else fits this step
    interview.ask_them(questions_to_ask([ASK], [("ask", "team")], ["Own?"], plan.interviewer))
    assert interview.phase is Phase.ASKING and interview.total == 4
    assert interview.current.question.id == "team"
    drive(interview, clock, 100)
    drive(interview, clock, 200)
    assert interview.phase is Phase.FINISHED and interview.record.status == "finished"
    record = interview.record
    assert [a.asked.section for a in record.answers] == ["intro", "technical", "questions",
                                                          "questions"]
    assert [round(s.used) for s in section_times(record)] == [60, 90, 300]
    assert budget_line(record) == "Time 7:30 of 5:00 · 2:30 over budget"
    assert sections_brief(record) == ("Sections: Introduction 1:00 · Technical 1:30 · "
                                      "Your questions ×2 5:00")
    lines = sections_line(record).splitlines()
    assert lines[0] == "Introduction · 1 question · 1:00 (limits 1:40)"
    assert lines[2] == "Your questions · 2 questions · 5:00 (limits 2:30)"
    # Kept like answers: the export has them, with their sections and the budget.
    from mockint.storage.export import read_json, session_to_json, session_to_markdown

    report = session_to_markdown(record)
    assert "- Time 7:30 of 5:00 · 2:30 over budget" in report
    assert "  - Your questions · 2 questions · 5:00 (limits 2:30)" in report
    assert "## 4. Own?" in report and "*Your questions · ask-them · mid · " in report
    assert read_json(session_to_json(record)) == record


def test_choosing_no_questions_to_ask_finishes_and_a_normal_interview_never_closes():
    clock = FakeClock()
    spec = FullInterviewSpec(intro=1, technical=0, behavioral=0, design=0)
    plan = build_full_plan([ENG], spec, 4)
    interview = Interview.start(plan.questions, SessionConfig(deck_ids=["eng"], full=spec),
                                clock=clock)
    drive(interview, clock, 30)
    interview.ask_them([])
    assert interview.phase is Phase.FINISHED
    assert budget_line(interview.record) == "Time 0:30 of 45:00 · 44:30 to spare"
    plain = Interview.start(plan.questions, SessionConfig(deck_ids=["eng"]), clock=clock)
    drive(plain, clock, 30)
    assert plain.phase is Phase.FINISHED
    with pytest.raises(InterviewError):
        plain.ask_them([])


def test_bundled_decks_fill_every_section():
    from mockint.storage.decks import DeckStore

    store = DeckStore.discover([])
    plan = build_full_plan(store.decks, FullInterviewSpec(), seed=5)
    assert sections_of(plan) == ["intro", "technical", "technical", "technical",
                                 "behavioral", "behavioral", "design"]
    assert plan.notes == []
    person = plan.questions[0].interviewer
    asks = questions_to_ask(store.decks, [("questions-to-ask", "typical-day")], [], person)
    assert "What to listen for" in asks[0].question.sample_answer


def test_cli_section_flags_are_the_plan_sections():
    from mockint.cli_parser import FULL_SECTIONS
    from mockint.core.full_interview import SECTIONS

    assert FULL_SECTIONS == tuple(s.name for s in SECTIONS)


@pytest.mark.parametrize(("argv", "says"), [
    (["run"], "choose decks with --deck ID"),
    (["run", "--deck", "behavioral", "--technical", "2"], "--technical goes with --full"),
    (["run", "--full", "--technical", "21"], "--technical: input should be less than or equal"),
    (["run", "--full", "--category", "technical"], "--category, --topic and --count do not apply"),
    (["run", "--full", "--intro", "0", "--technical", "0", "--behavioral", "0", "--design", "0"],
     "every section has 0 questions"),
    (["run", "--full", "--deck", "behavioral", "--intro", "0", "--behavioral", "0",
      "--design", "0"], "No technical questions in these decks"),
])
def test_cli_full_interview_refuses_what_cannot_run_and_says_why(argv, says, capsys):
    from mockint.cli import main

    assert main(argv) == 2
    assert says in capsys.readouterr().err


def test_progress_says_the_section_and_what_is_left_of_the_budget():
    from mockint.core.full_interview import progress_label

    clock = FakeClock()
    spec = FullInterviewSpec(intro=1, technical=2, behavioral=0, design=0, budget_minutes=5)
    plan = build_full_plan([ENG], spec, 4)
    interview = Interview.start(plan.questions, SessionConfig(deck_ids=["eng"], full=spec),
                                clock=clock)
    assert progress_label(interview.record, 0) == \
        "Introduction 1 of 1 · question 1 of 3 · 5 of 5 min left"
    drive(interview, clock, 150)
    assert progress_label(interview.record, 1) == \
        "Technical 1 of 2 · question 2 of 3 · 2 of 5 min left"
    drive(interview, clock, 200)
    assert progress_label(interview.record, 2) == \
        "Technical 2 of 2 · question 3 of 3 · 0:50 over the 5 min"
