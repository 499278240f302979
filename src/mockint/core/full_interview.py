"""A full interview: the shape of a real loop, built from the loaded decks.

The interviewer introduces themselves, asks an intro question, then technical,
behavioral and one design (system-design or situational) question, says a
short line between sections, and ends with "Do you have any questions for
me?": the person picks questions from the ask-them decks or types their own,
and those are timed and kept like answers.

Everything here is pure: `build_full_plan` turns decks and a
`FullInterviewSpec` into the questions of the interview (each with its section
and what the interviewer says before it); the wording is chosen by the seed, so
the same seed gives the same interview. A section the decks cannot fill is
left out and named in `FullPlan.notes`, never an error.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from mockint.core.deck import DEFAULT_INTERVIEWER, Deck, Interviewer, Question
from mockint.core.session import (
    ASK_THEM_SECTION,
    AskedQuestion,
    FullInterviewSpec,
    SessionRecord,
)
from mockint.core.timing import format_duration


class Section(NamedTuple):
    name: str  # also the FullInterviewSpec field holding its count
    title: str
    categories: tuple[str, ...]  # deck categories that fill it


SECTIONS: tuple[Section, ...] = (
    Section("intro", "Introduction", ("intro",)),
    Section("technical", "Technical", ("technical",)),
    Section("behavioral", "Behavioral", ("behavioral",)),
    Section("design", "Design", ("system-design", "situational")),
)
ASK_SECTION = Section(ASK_THEM_SECTION, "Your questions", ("ask-them",))
SECTION_TITLES = {s.name: s.title for s in (*SECTIONS, ASK_SECTION)}

OWN_DECK_ID = "own-questions"
OWN_DECK_TITLE = "Your own questions"
OWN_TIME_LIMIT = 90
OWN_QUESTION_NOTES = """\
Your own question: ask it as you would in the room.

What to listen for:
- A concrete answer with an example, not a general promise.
- Whether the interviewer answers easily, or hesitates and changes the subject.
- How the team really works: who decides, how work arrives, what happens when
  something goes wrong.
- Anything worth a follow-up now, or a question for the next person you meet.
"""

# What the interviewer says. Our own words, a few variants each; the seed picks.
GREETINGS = (
    "Hi, I'm {name}{role}. Thanks for making the time today.",
    "Hello, and thanks for coming in. I'm {name}{role}.",
    "Hi there, I'm {name}{role}. Good to meet you.",
)
AGENDAS = (
    "We have about {minutes} minutes: {plan}, and some time at the end for your questions.",
    "Here's the plan for the next {minutes} minutes or so: {plan}. Then it's your turn to ask me.",
)
OPENINGS = {
    "intro": (
        "Let's start with you.",
        "To begin, I'd like to hear a bit about you.",
        "Before we get into the details, let's start with your background.",
    ),
    "technical": (
        "Thanks. Let's get a bit more technical.",
        "Great, thank you. I'd like to move on to some technical questions now.",
        "Okay, let's switch to the technical side.",
    ),
    "behavioral": (
        "Let's change gears. I'd like to hear how you work with people.",
        "Thanks for that. Next, a couple of questions about situations you've been in.",
        "Good. Now some questions about how you've handled things at work.",
    ),
    "design": (
        "For the last part, let's work through a problem together. Think out loud; "
        "there's no single right answer.",
        "Let's finish with a design question. Talk me through your thinking as you go.",
        "One more before your questions: a scenario to reason through. Take your time.",
    ),
}
CLOSINGS = (
    "That's everything from my side. Do you have any questions for me?",
    "Thanks, that was helpful. We have a few minutes left: do you have any questions for me?",
    "I think that covers what I wanted to ask. Do you have any questions for me?",
)
AGENDA_PARTS = {
    "intro": ("a bit about you", "a bit about you"),
    "technical": ("one technical question", "{n} technical questions"),
    "behavioral": ("one about how you've worked", "{n} about how you've worked"),
    "design": ("one design problem", "{n} design problems"),
}
NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass
class FullPlan:
    """The questions of a full interview, and what could not be filled."""

    questions: list[AskedQuestion]
    interviewer: Interviewer
    notes: list[str] = field(default_factory=list)


def section_pool(decks: Iterable[Deck], section: Section,
                 levels: Sequence[str] = ()) -> list[tuple[Deck, Question]]:
    """The questions of the decks that fit `section` (and the levels, if any), in deck order."""
    return [(deck, q) for deck in decks for q in deck.questions
            if q.category in section.categories and (not levels or q.level in levels)]


def build_full_plan(decks: Sequence[Deck], spec: FullInterviewSpec, seed: int | None, *,
                    default_interviewer: Interviewer | None = None,
                    time_limit: int | None = None,
                    levels: Sequence[str] = ()) -> FullPlan:
    """Intro, technical, behavioral and design questions from `decks`, with the
    interviewer's introduction and transitions; the same seed gives the same plan."""
    rng = random.Random(seed)
    chosen: list[tuple[Section, Deck, Question]] = []
    notes: list[str] = []
    for section in SECTIONS:
        wanted = getattr(spec, section.name)
        if wanted <= 0:
            continue
        pool = section_pool(decks, section, levels)
        rng.shuffle(pool)
        if not pool:
            notes.append(f"No {_what(section)} questions in these decks: "
                         f"the {section.title.lower()} section is left out.")
        elif len(pool) < wanted:
            notes.append(f"Only {len(pool)} {_what(section)} question"
                         f"{'' if len(pool) == 1 else 's'} in these decks "
                         f"({wanted} asked for).")
        chosen += [(section, deck, q) for deck, q in pool[:wanted]]
    interviewer = _persona(decks, [deck for _, deck, _ in chosen], default_interviewer)
    counts = {s.name: 0 for s in SECTIONS}
    for section, _, _ in chosen:
        counts[section.name] += 1
    questions: list[AskedQuestion] = []
    previous = ""
    for section, deck, question in chosen:
        lead_in = ""
        if not questions:
            lead_in = introduction(interviewer, counts, spec.budget_minutes, rng) + " "
        if section.name != previous:
            lead_in += rng.choice(OPENINGS[section.name])
        previous = section.name
        questions.append(AskedQuestion(
            deck_id=deck.id, deck_title=deck.title, interviewer=interviewer, question=question,
            time_limit=time_limit or deck.time_limit_for(question), section=section.name,
            lead_in=lead_in.strip()))
    return FullPlan(questions, interviewer, notes)


def introduction(interviewer: Interviewer, counts: dict[str, int], minutes: int,
                 rng: random.Random) -> str:
    """The interviewer's greeting and the agenda of the sections that are there."""
    role = interviewer.role.strip()
    if role and not role[:2].isupper():  # "Engineering manager" → "engineering manager"; "CTO" stays
        role = role[0].lower() + role[1:]
    greeting = rng.choice(GREETINGS).format(name=interviewer.name, role=f", {role}" if role else "")
    parts = []
    for name, n in counts.items():
        if n:
            one, many = AGENDA_PARTS[name]
            parts.append(one if n == 1 else many.format(n=NUMBERS[n] if n < len(NUMBERS) else n))
    if not parts:
        return greeting
    plan = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{greeting} {rng.choice(AGENDAS).format(minutes=minutes, plan=plan)}"


def progress_label(record: SessionRecord, index: int) -> str:
    """Where a full interview stands, and what is left of the budget as this question
    starts: "Technical 2 of 3 · question 3 of 7 · 38 of 45 min left"."""
    plan = record.plan
    section = plan[index].section
    in_section = [i for i, q in enumerate(plan) if q.section == section]
    where = (f"{SECTION_TITLES.get(section, section)} {in_section.index(index) + 1} of "
             f"{len(in_section)} · question {index + 1} of {len(plan)}")
    spec = record.config.full
    if spec is None:
        return where
    left = spec.budget_minutes * 60 - record.total_used
    if left < 0:
        return f"{where} · {format_duration(-left)} over the {spec.budget_minutes} min"
    return f"{where} · {int(left // 60)} of {spec.budget_minutes} min left"


def closing_line(record: SessionRecord) -> str:
    """What the interviewer asks at the end (the same for the same seed)."""
    return random.Random(f"{record.config.seed}:closing").choice(CLOSINGS)


def ask_them_choices(decks: Iterable[Deck]) -> list[tuple[Deck, Question]]:
    """Every question to ask the interviewer, from every loaded deck."""
    return section_pool(decks, ASK_SECTION)


def questions_to_ask(decks: Iterable[Deck], picks: Sequence[tuple[str, str]],
                     own: Sequence[str], interviewer: Interviewer,
                     time_limit: int | None = None) -> list[AskedQuestion]:
    """The questions the person chose to ask: picked ones (deck id, question id) in
    order, then their own typed ones (blank lines dropped), each timed like an answer."""
    by_key = {(deck.id, q.id): (deck, q) for deck, q in ask_them_choices(decks)}
    asked = []
    for key in picks:
        if key in by_key:
            deck, question = by_key[key]
            asked.append(AskedQuestion(
                deck_id=deck.id, deck_title=deck.title, interviewer=interviewer,
                question=question, time_limit=time_limit or deck.time_limit_for(question),
                section=ASK_THEM_SECTION))
    texts = [t.strip() for t in own if t.strip()]
    for number, text in enumerate(texts, start=1):
        question = Question(id=f"own-{number}", category="ask-them", prompt=text,
                            sample_answer=OWN_QUESTION_NOTES,
                            why_asked="A question of your own for the interviewer.")
        asked.append(AskedQuestion(
            deck_id=OWN_DECK_ID, deck_title=OWN_DECK_TITLE, interviewer=interviewer,
            question=question, time_limit=time_limit or OWN_TIME_LIMIT,
            section=ASK_THEM_SECTION))
    return asked


@dataclass(frozen=True)
class SectionTime:
    name: str
    title: str
    questions: int
    used: float
    limit: int


def section_times(record: SessionRecord) -> list[SectionTime]:
    """Per section, in interview order: questions asked, time used (with follow-ups)
    and the sum of their limits."""
    rows: dict[str, list[float]] = {}
    for asked in record.plan:
        if asked.section:
            rows.setdefault(asked.section, [0, 0.0, 0])[0] += 1
            rows[asked.section][2] += asked.time_limit
    for answer in record.answers:
        section = answer.asked.section
        if section in rows:
            rows[section][1] += answer.used + sum(f.used for f in answer.follow_ups)
    return [SectionTime(name, SECTION_TITLES.get(name, name), int(n), used, int(limit))
            for name, (n, used, limit) in rows.items()]


def budget_line(record: SessionRecord) -> str:
    """The time used against the budget, in words: "Time 31:20 of 45:00 · 13:40 to spare"."""
    spec = record.config.full
    used = record.total_used
    if spec is None:
        return f"Time {format_duration(used)}"
    budget = spec.budget_minutes * 60
    head = f"Time {format_duration(used)} of {format_duration(budget)}"
    if used <= budget:
        return f"{head} · {format_duration(budget - used)} to spare"
    return f"{head} · {format_duration(used - budget)} over budget"


def sections_line(record: SessionRecord) -> str:
    """One line per section: "Technical · 3 questions · 7:40 (limits 6:00)"."""
    lines = []
    for row in section_times(record):
        plural = "" if row.questions == 1 else "s"
        lines.append(f"{row.title} · {row.questions} question{plural} · "
                     f"{format_duration(row.used)} (limits {format_duration(row.limit)})")
    return "\n".join(lines)


def sections_brief(record: SessionRecord) -> str:
    """The sections on one line that wraps (the summary, where rows are scarce):
    "Sections: Introduction 1:20 · Technical ×3 7:40 · … · Your questions ×2 2:10"."""
    parts = [f"{row.title}{f' ×{row.questions}' if row.questions > 1 else ''} "
             f"{format_duration(row.used)}" for row in section_times(record)]
    return "Sections: " + " · ".join(parts)


def _what(section: Section) -> str:
    return " or ".join(section.categories)


def _persona(decks: Sequence[Deck], used: Sequence[Deck],
             default: Interviewer | None) -> Interviewer:
    """One interviewer for the whole loop: the first asking deck's, else the settings'."""
    for deck in (*used, *decks):
        if deck.interviewer is not None:
            return deck.interviewer
    return default or DEFAULT_INTERVIEWER
