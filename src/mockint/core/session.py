"""The interview as a state machine, and the records it produces.

An `Interview` walks a list of `AskedQuestion`s through the phases

    asking → answering ⇄ paused → submitted → revealed → rated → (next) … → finished

with the time of each answer kept by an `AnswerClock` against an injected
clock. The TUI only sends intents (`submit`, `pause`, `rate`, …) and renders
`interview.phase` and the current `AnswerRecord`. Records are pydantic models
so the history store can save them as they are, and each holds a snapshot of
the question as it was asked: editing a deck later never rewrites history.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Literal

from pydantic import Field

from mockint.core.analysis import AnswerAnalysis
from mockint.core.counts import AnswerCounts, answer_counts
from mockint.core.deck import DEFAULT_INTERVIEWER, STAR_PARTS, Deck, Interviewer, Question
from mockint.core.model import Model
from mockint.core.phases import InterviewError as InterviewError  # re-exported: their old home
from mockint.core.phases import Phase as Phase
from mockint.core.selection import choose
from mockint.core.selection import new_seed as new_seed
from mockint.core.timing import WARNING_FRACTION, AnswerClock, Clock, seconds_over
from mockint.core.timing import utcnow as utcnow  # re-exported: its old home

Mode = Literal["practice", "mock"]
Order = Literal["deck", "shuffled"]
RATINGS = {1: "Again", 2: "Hard", 3: "Good", 4: "Easy"}
PEEKS = ("why_asked", "tip")
ASK_THEM_SECTION = "questions"
"""The section of a full interview's last step: the questions the person asks."""


class FullInterviewSpec(Model):
    """A full interview's shape: questions per section and the whole time budget.

    The sections and their order are `mockint.core.full_interview.SECTIONS`;
    the questions the person asks at the end are chosen then, not here."""

    intro: int = Field(default=1, ge=0, le=5)
    technical: int = Field(default=3, ge=0, le=20)
    behavioral: int = Field(default=2, ge=0, le=20)
    design: int = Field(default=1, ge=0, le=10)
    budget_minutes: int = Field(default=45, ge=5, le=300)


class SessionConfig(Model):
    """What the user chose on the setup screen (or on the command line)."""

    deck_ids: list[str]
    mode: Mode = "practice"
    kind: str = "custom"
    categories: list[str] = Field(default_factory=list)
    levels: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    count: int | None = Field(default=None, gt=0)
    order: Order = "deck"
    seed: int | None = None
    time_limit: int | None = Field(default=None, gt=0)
    warning_fraction: float = WARNING_FRACTION
    think_seconds: int = Field(default=0, ge=0, le=600)  # before each answer's clock starts
    require_rating: bool = False  # `next` waits for a rating (the setting, for mock interviews)
    # Exactly these questions, in this order (the summary's "practise the weak ones");
    # the filters above are ignored when it is set.
    questions: list[tuple[str, str]] = Field(default_factory=list)
    # Set for a full interview (kind "full"): sections, transitions, questions to ask.
    full: FullInterviewSpec | None = None


class AskedQuestion(Model):
    """A question as it was put to the user: a snapshot, with its deck and limit."""

    deck_id: str
    deck_title: str
    interviewer: Interviewer
    question: Question
    time_limit: int
    # A full interview: the section this question belongs to ("intro", "technical",
    # …, "questions" for the ones the person asks) and what the interviewer says
    # before it (the introduction, or a transition into a new section).
    section: str = ""
    lead_in: str = ""


class FollowUpAnswer(Model):
    prompt: str
    text: str = ""
    time_limit: int
    used: float = 0.0
    paused: float = 0.0

    @property
    def overtime(self) -> float:
        return seconds_over(self.used, self.time_limit)


class AnswerRecord(Model):
    """One answer: what was asked, what was typed, how long it took, how it went."""

    index: int
    asked: AskedQuestion
    text: str = ""
    used: float = 0.0
    paused: float = 0.0
    skipped: bool = False
    peeks: list[str] = Field(default_factory=list)
    key_points_checked: list[bool] = Field(default_factory=list)
    star_checked: dict[str, bool] = Field(default_factory=dict)
    rating: int | None = Field(default=None, ge=1, le=4)
    rated_at: datetime | None = None
    follow_ups: list[FollowUpAnswer] = Field(default_factory=list)
    started_at: datetime | None = None
    submitted_at: datetime | None = None
    analysis: AnswerAnalysis | None = None

    @property
    def time_limit(self) -> int:
        return self.asked.time_limit

    @property
    def overtime(self) -> float:
        return seconds_over(self.used, self.time_limit)

    @property
    def key_points_covered(self) -> int:
        return sum(self.key_points_checked)

    @property
    def star_covered(self) -> int:
        return sum(self.star_checked.get(part, False) for part in STAR_PARTS)


class SessionRecord(Model):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:12])
    config: SessionConfig
    plan: list[AskedQuestion] = Field(default_factory=list)
    started_at: datetime = Field(default_factory=utcnow)
    ended_at: datetime | None = None
    status: Literal["in_progress", "finished", "abandoned"] = "in_progress"
    answers: list[AnswerRecord] = Field(default_factory=list)
    note: str = ""

    @property
    def total_used(self) -> float:
        return sum(a.used + sum(f.used for f in a.follow_ups) for a in self.answers)

    @property
    def counts(self) -> AnswerCounts:
        """Answered, skipped and unanswered questions (see core/counts.py)."""
        return answer_counts(len(self.plan), self.answers)

    @property
    def average_rating(self) -> float | None:
        ratings = [a.rating for a in self.answers if a.rating is not None]
        return sum(ratings) / len(ratings) if ratings else None


def select_questions(decks: Sequence[Deck], config: SessionConfig,
                     default_interviewer: Interviewer | None = None) -> list[AskedQuestion]:
    """The questions of a session: filtered, ordered (a shuffle always has a seed), capped."""
    if config.questions:
        return questions_for(decks, config.questions, config.time_limit)
    candidates = [(deck, question) for deck in decks for question in deck.questions]
    chosen = choose(candidates, lambda dq: (dq[1].category, dq[1].level, dq[1].topics),
                    categories=config.categories, levels=config.levels, topics=config.topics,
                    order=config.order, seed=config.seed, count=config.count)
    return [AskedQuestion(deck_id=deck.id, deck_title=deck.title,
                          interviewer=deck.interviewer or default_interviewer or DEFAULT_INTERVIEWER,
                          question=question,
                          time_limit=config.time_limit or deck.time_limit_for(question))
            for deck, question in chosen]


def questions_for(decks: Sequence[Deck], keys: Sequence[tuple[str, str]],
                  time_limit: int | None = None) -> list[AskedQuestion]:
    """The questions named by (deck id, question id), in that order; gone ones are left out."""
    by_key = {}
    for deck in decks:
        interviewer = deck.interviewer or DEFAULT_INTERVIEWER
        for question in deck.questions:
            by_key[(deck.id, question.id)] = (deck, interviewer, question)
    asked = []
    for key in keys:
        if key in by_key:
            deck, interviewer, question = by_key[key]
            asked.append(AskedQuestion(deck_id=deck.id, deck_title=deck.title,
                                       interviewer=interviewer, question=question,
                                       time_limit=time_limit or deck.time_limit_for(question)))
    return asked


def prepare_config(config: SessionConfig) -> SessionConfig:
    """Give a shuffle without a seed a seed of its own, so the set can be repeated."""
    if config.order == "shuffled" and config.seed is None:
        return config.model_copy(update={"seed": new_seed()})
    return config


class Interview:
    """One interview in progress. Drive it with intents; read `phase` and `answer`."""

    def __init__(
        self,
        record: SessionRecord,
        *,
        clock: Clock = time.monotonic,
        wall_clock: Callable[[], datetime] = utcnow,
    ) -> None:
        if not record.plan:
            raise InterviewError("no questions match these choices; widen the filters")
        self.record = record
        self.questions = record.plan
        self.clock = clock
        self.wall_clock = wall_clock
        self.index = max(0, len(record.answers) - 1)
        self.phase = Phase.ASKING
        self.follow_up: FollowUpAnswer | None = None
        self.held = False  # something covers the interview: no clock runs (see `hold`)
        self.think_clock: AnswerClock | None = None  # think time before the answer clock
        self._checks_touched = False
        self.answer_clock = self._new_clock(self.current.time_limit)
        self._open_answer()
        # Resuming: the clock goes on from the time already spent on this answer,
        # and an answer already submitted goes back to its reveal.
        self.answer_clock.restore(self.answer.used, self.answer.paused)
        if self.answer.submitted_at is not None:
            self.reveal_after_resume()

    @classmethod
    def start(
        cls,
        questions: Sequence[AskedQuestion],
        config: SessionConfig,
        *,
        clock: Clock = time.monotonic,
        wall_clock: Callable[[], datetime] = utcnow,
    ) -> Interview:
        record = SessionRecord(config=config, plan=list(questions), started_at=wall_clock())
        return cls(record, clock=clock, wall_clock=wall_clock)

    def reveal_after_resume(self) -> None:
        self.phase = Phase.SUBMITTED
        self.reveal()
        if self.answer.rating is not None:
            self.phase = Phase.RATED

    def checkpoint(self) -> AnswerRecord:
        """The current answer with its times brought up to now (for autosave)."""
        if self.follow_up is None and self.phase in (Phase.ANSWERING, Phase.PAUSED):
            self._record_times()
        return self.answer

    # --- reading -----------------------------------------------------------

    @property
    def config(self) -> SessionConfig:
        return self.record.config

    @property
    def mode(self) -> Mode:
        return self.config.mode

    @property
    def current(self) -> AskedQuestion:
        return self.questions[self.index]

    @property
    def answer(self) -> AnswerRecord:
        return self.record.answers[self.index]

    @property
    def total(self) -> int:
        return len(self.questions)

    @property
    def is_last(self) -> bool:
        return self.index == self.total - 1

    @property
    def can_peek(self) -> bool:
        return self.mode == "practice" and self.phase in (Phase.ANSWERING, Phase.PAUSED)

    @property
    def can_submit(self) -> bool:
        """`submit` fits the phase (the clock is running or paused)."""
        return self.phase in (Phase.ANSWERING, Phase.PAUSED)

    @property
    def can_skip(self) -> bool:
        """`skip` fits: a question (not a follow-up) is being answered."""
        return self.can_submit and self.follow_up is None

    @property
    def can_rate(self) -> bool:
        """`rate`, the checklists and `ask_follow_up` fit: the answer is revealed."""
        return self.phase in (Phase.REVEALED, Phase.RATED)

    @property
    def can_ask_follow_up(self) -> bool:
        return self.can_rate and bool(self.remaining_follow_ups())

    @property
    def needs_closing(self) -> bool:
        """A full interview whose "any questions for me?" step is still ahead."""
        return (self.config.full is not None
                and not any(q.section == ASK_THEM_SECTION for q in self.questions))

    @property
    def finishes_next(self) -> bool:
        """`next` ends the interview (a full one goes on to the person's questions)."""
        return self.is_last and not self.needs_closing

    @property
    def can_ask_them(self) -> bool:
        """`ask_them` fits: the interviewer has asked "Do you have any questions for me?"."""
        return self.phase is Phase.CLOSING

    @property
    def can_move_on(self) -> bool:
        """`next` fits: the answer is revealed, and rated if the session asks for a
        rating (a skipped one may always move on unrated)."""
        return self.phase is Phase.RATED or (
            self.phase is Phase.REVEALED
            and (self.answer.skipped or not self.config.require_rating))

    # --- intents -----------------------------------------------------------

    def begin(self) -> None:
        """The question has been shown (and any think time is over): start the clock."""
        self._expect(Phase.ASKING)
        self.phase = Phase.ANSWERING
        self.think_clock = None
        self.answer.started_at = self.answer.started_at or self.wall_clock()
        self._start_clock()

    @property
    def thinking(self) -> bool:
        """Think time runs: the question is shown and the answer clock has not started."""
        return self.phase is Phase.ASKING and self.think_clock is not None

    @property
    def think_over(self) -> bool:
        """Think time has run out: time to `begin`."""
        return self.thinking and self.think_clock is not None and self.think_clock.remaining <= 0

    def think(self) -> bool:
        """The question is on screen: start the think time the config asks for, before
        the answer clock (none on an answer already under way, e.g. one resumed).
        Returns whether think time runs; if not, call `begin`. Think time is not
        recorded: `used` counts from `begin` on."""
        self._expect(Phase.ASKING)
        if self.think_clock is not None:
            return True
        if self.config.think_seconds <= 0 or self.answer.used > 0 or self.answer.text:
            return False
        self.think_clock = AnswerClock(self.config.think_seconds, self.clock)
        self.think_clock.start()
        if self.held:
            self.think_clock.pause()
        return True

    def hold(self) -> None:
        """Something covers the interview (the leave dialog, help): no clock runs until
        `release`. Not a pause the person chose, so a mock interview is held too and
        the phase stays; the time held counts as paused."""
        if self.held:
            return
        self.held = True
        self.answer_clock.pause()
        if self.think_clock is not None:
            self.think_clock.pause()

    def release(self) -> None:
        """The interview is in view again: the clock that ran before the hold runs on."""
        if not self.held:
            return
        self.held = False
        if self.phase is Phase.ANSWERING:
            self.answer_clock.resume()
        if self.think_clock is not None:
            self.think_clock.resume()

    @property
    def can_pause(self) -> bool:
        """Mock interviews keep a strict clock, as a real one would."""
        return self.mode == "practice"

    @property
    def can_toggle_pause(self) -> bool:
        return self.can_pause and self.can_submit

    def pause(self) -> None:
        self._expect(Phase.ANSWERING)
        if not self.can_pause:
            raise InterviewError("a mock interview's clock cannot be paused")
        self.answer_clock.pause()
        self.phase = Phase.PAUSED

    def resume(self) -> None:
        self._expect(Phase.PAUSED)
        if not self.held:  # held: the clock restarts on `release`
            self.answer_clock.resume()
        self.phase = Phase.ANSWERING

    def toggle_pause(self) -> None:
        self.resume() if self.phase is Phase.PAUSED else self.pause()

    def peek(self, what: str) -> str:
        """Practice mode only: show 'why they ask this' or the tip; each peek is recorded."""
        if what not in PEEKS:
            raise InterviewError(f"nothing to peek at called {what!r}")
        if not self.can_peek:
            raise InterviewError("peeking is only possible while answering in practice mode")
        self.answer.peeks.append(what)
        return str(getattr(self.current.question, what))

    def update_text(self, text: str) -> None:
        """The draft as typed so far (kept so a save or a quit never loses it)."""
        if self.follow_up is not None:
            self.follow_up.text = text
        else:
            self.answer.text = text

    def submit(self, text: str | None = None) -> None:
        self._expect(Phase.ANSWERING, Phase.PAUSED)
        if text is not None:
            self.update_text(text)
        self.answer_clock.stop()
        if self.follow_up is not None:
            self._close_follow_up()
            return
        self._record_times()
        self.answer.submitted_at = self.wall_clock()
        self.phase = Phase.SUBMITTED

    def skip(self) -> None:
        """Pass on the question: it is kept as skipped and the reveal still follows."""
        self._expect(Phase.ANSWERING, Phase.PAUSED)
        if self.follow_up is not None:
            raise InterviewError("a follow-up cannot be skipped; submit it, even empty")
        self.answer.skipped = True
        self.submit()

    def reveal(self) -> None:
        self._expect(Phase.SUBMITTED)
        question = self.current.question
        if not self.answer.key_points_checked:
            self.answer.key_points_checked = [False] * len(question.key_points)
        if question.uses_star and not self.answer.star_checked:
            self.answer.star_checked = dict.fromkeys(STAR_PARTS, False)
        self._checks_touched = self.answer.analysis is not None
        self.phase = Phase.REVEALED

    def apply_analysis(self, analysis: AnswerAnalysis) -> bool:
        """Keep the analysis and pre-tick the checklists from it, unless the user
        has already ticked something. Returns whether the ticks were applied."""
        self._expect(Phase.REVEALED, Phase.RATED)
        self.answer.analysis = analysis
        missing = len(analysis.key_points) - len(self.answer.key_points_checked)
        if missing > 0:  # key points derived from the sample answer
            self.answer.key_points_checked += [False] * missing
        if self._checks_touched:
            # A point first covered in a follow-up is ticked even after the
            # person's own ticks: the follow-up came after them.
            checked = self.answer.key_points_checked
            fresh = [i for i, e in enumerate(analysis.key_points)
                     if e.covered and e.in_follow_up and i < len(checked) and not checked[i]]
            for i in fresh:
                checked[i] = True
            return bool(fresh)
        self.answer.key_points_checked = list(analysis.key_points_suggested)
        if self.answer.star_checked:
            self.answer.star_checked = dict(analysis.star_suggested)
        return True

    def check_key_point(self, index: int, covered: bool) -> None:
        self._expect(Phase.REVEALED, Phase.RATED)
        if not 0 <= index < len(self.answer.key_points_checked):
            raise InterviewError(f"this question has no key point {index + 1}")
        self._checks_touched = True
        self.answer.key_points_checked[index] = covered

    def check_star(self, part: str, covered: bool) -> None:
        self._expect(Phase.REVEALED, Phase.RATED)
        if part not in STAR_PARTS:
            raise InterviewError(f"{part!r} is not a STAR part")
        if part not in self.answer.star_checked:
            raise InterviewError("this question is not judged against STAR")
        self._checks_touched = True
        self.answer.star_checked[part] = covered

    def rate(self, rating: int) -> None:
        self._expect(Phase.REVEALED, Phase.RATED)
        if rating not in RATINGS:
            raise InterviewError("a rating is 1 (Again), 2 (Hard), 3 (Good) or 4 (Easy)")
        self.answer.rating = rating
        self.answer.rated_at = self.wall_clock()
        self.phase = Phase.RATED

    def ask_follow_up(self, which: int = -1) -> FollowUpAnswer:
        """From the reveal: the interviewer asks a follow-up, timed like a question."""
        self._expect(Phase.REVEALED, Phase.RATED)
        remaining = self.remaining_follow_ups()
        if not remaining:
            raise InterviewError("this question has no follow-ups left")
        prompt = remaining[which if which >= 0 else 0]
        limit = max(30, self.current.time_limit // 2)
        self.follow_up = FollowUpAnswer(prompt=prompt, time_limit=limit)
        self._phase_before_follow_up = self.phase
        self.answer_clock = self._new_clock(limit)
        self._start_clock()
        self.phase = Phase.ANSWERING
        return self.follow_up

    def remaining_follow_ups(self) -> list[str]:
        asked = {f.prompt for f in self.answer.follow_ups}
        return [p for p in self.current.question.follow_ups if p not in asked]

    def next(self) -> None:
        """Move on (after rating, if the session requires one; see `can_move_on`)."""
        if not self.can_move_on:
            self._expect(Phase.RATED)
        if self.is_last:
            if self.needs_closing:
                self.phase = Phase.CLOSING
            else:
                self.finish()
            return
        self._ask_next()

    def ask_them(self, questions: Sequence[AskedQuestion]) -> None:
        """A full interview's end: the questions the person chose to ask, timed and
        kept like answers; none ends the interview."""
        self._expect(Phase.CLOSING)
        if not questions:
            self.finish()
            return
        for asked in questions:
            self.questions.append(asked.model_copy(update={"section": ASK_THEM_SECTION}))
        self._ask_next()

    def _ask_next(self) -> None:
        self.index += 1
        self.answer_clock = self._new_clock(self.current.time_limit)
        self.think_clock = None
        self._open_answer()
        self.phase = Phase.ASKING

    def finish(self, status: Literal["finished", "abandoned"] = "finished") -> None:
        if self.phase in (Phase.ANSWERING, Phase.PAUSED):
            self.answer_clock.stop()
            if self.follow_up is None:
                self._record_times()
        self.record.status = status
        self.record.ended_at = self.wall_clock()
        self.phase = Phase.FINISHED

    def abandon(self) -> None:
        """Quit mid-interview: what was typed is kept, the session marked abandoned."""
        self.finish("abandoned")

    # --- inner workings ----------------------------------------------------

    def _new_clock(self, limit: int) -> AnswerClock:
        return AnswerClock(limit, self.clock, self.config.warning_fraction)

    def _start_clock(self) -> None:
        self.answer_clock.start()
        if self.held:
            self.answer_clock.pause()

    def _open_answer(self) -> None:
        if len(self.record.answers) <= self.index:
            self.record.answers.append(AnswerRecord(index=self.index, asked=self.current))

    def _record_times(self) -> None:
        self.answer.used = round(self.answer_clock.used, 3)
        self.answer.paused = round(self.answer_clock.paused, 3)

    def _close_follow_up(self) -> None:
        assert self.follow_up is not None
        self.follow_up.used = round(self.answer_clock.used, 3)
        self.follow_up.paused = round(self.answer_clock.paused, 3)
        self.answer.follow_ups.append(self.follow_up)
        self.follow_up = None
        self.phase = self._phase_before_follow_up

    def _expect(self, *phases: Phase) -> None:
        if self.phase not in phases:
            allowed = " or ".join(p.value for p in phases)
            raise InterviewError(f"cannot do that while {self.phase.value} (needs {allowed})")


def decks_by_id(decks: Iterable[Deck], ids: Iterable[str]) -> list[Deck]:
    known = {deck.id: deck for deck in decks}
    missing = [i for i in ids if i not in known]
    if missing:
        raise InterviewError(f"no deck with id {', '.join(missing)}; see `mockint decks`")
    return [known[i] for i in ids]
