"""Progress figures: activity, ratings, weak spots, what is coming due.

Pure aggregation over what a `StatsSource` (the history store) supplies. Every
figure reads a bounded window (the last weeks), which the store serves through
an index, so they stay quick on a history of 10,000 sessions (bench/).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from mockint.core.charts import bar_chart
from mockint.core.deck import Deck
from mockint.core.words import plural

DAYS = 28
WEEKS = 8
WINDOW_DAYS = 90  # over-limit counts and weak spots: the last three months

QuestionKey = tuple[str, str]


@dataclass(frozen=True, slots=True)  # slots: tens of thousands are made per stats screen
class StatsAnswer:
    """One submitted answer, as much of it as the stats count."""

    started_at: datetime  # when its session started
    rating: int | None
    overtime: float
    category: str
    topics: tuple[str, ...]
    skipped: bool = False  # passed on: counted apart from answers (core/counts.py)
    key_points: tuple[int, int] | None = None  # (ticked, of); None: no key points
    star: int | None = None  # STAR parts ticked, 0-4; None: not a STAR answer


class StatsSource(Protocol):
    """What the stats read from the history."""

    def session_starts_since(self, since: datetime, include_empty: bool = False
                             ) -> list[datetime]: ...
    def answers_since(self, since: datetime) -> list[StatsAnswer]: ...
    def due_before(self, horizon: datetime) -> list[datetime]: ...
    def card_states(self) -> dict[QuestionKey, int]: ...


@dataclass
class DeckProgress:
    deck_id: str
    title: str
    new: int
    learning: int
    review: int


@dataclass(frozen=True)
class WeekFigure:
    """One week of a weekly figure: its share (0-1; None with nothing to count) and
    how many answers it counts."""

    start: date
    share: float | None
    answers: int

    def text(self) -> str:
        if self.share is None:
            return "—"
        return f"{self.share:.0%}  ({plural(self.answers, 'answer')})"


@dataclass
class Stats:
    days: list[date]
    sessions_per_day: list[int]
    answers_per_day: list[int]
    weekly_rating: list[tuple[date, float | None]]
    answers_total: int
    over_limit: int
    weakest_topics: list[tuple[str, float, int]] = field(default_factory=list)
    weakest_categories: list[tuple[str, float, int]] = field(default_factory=list)
    due_next_days: list[tuple[date, int]] = field(default_factory=list)
    decks: list[DeckProgress] = field(default_factory=list)
    skipped_per_day: list[int] = field(default_factory=list)
    empty_sessions: int = 0  # sessions left before any answer, in the DAYS window
    include_empty: bool = False  # whether those count in sessions_per_day
    # Per week, oldest first (WEEKS of them): key points ticked of those asked, STAR
    # parts ticked of four (STAR answers only), and answers over the time limit.
    weekly_coverage: list[WeekFigure] = field(default_factory=list)
    weekly_star: list[WeekFigure] = field(default_factory=list)
    weekly_overtime: list[WeekFigure] = field(default_factory=list)

    @property
    def over_limit_share(self) -> float:
        return self.over_limit / self.answers_total if self.answers_total else 0.0


def _local_day(when: datetime) -> date:
    return when.astimezone().date()


def _local_days(answers: list[StatsAnswer]) -> list[tuple[date, StatsAnswer]]:
    """Each answer with its session's local day, worked out once per session."""
    days: dict[datetime, date] = {}
    return [(days.get(a.started_at) or days.setdefault(a.started_at, _local_day(a.started_at)), a)
            for a in answers]


def compute_stats(history: StatsSource, decks: Sequence[Deck], now: datetime, *,
                  include_empty: bool = False) -> Stats:
    """The figures; sessions left before any answer count only with `include_empty`."""
    today = now.astimezone().date()
    days = [today - timedelta(days=DAYS - 1 - i) for i in range(DAYS)]
    window = max(DAYS, WEEKS * 7, WINDOW_DAYS)
    since = now - timedelta(days=window)
    stats = Stats(days=days, sessions_per_day=[0] * DAYS, answers_per_day=[0] * DAYS,
                  weekly_rating=[], answers_total=0, over_limit=0, include_empty=include_empty)
    sessions = history.session_starts_since(since, include_empty=include_empty)
    if not include_empty:
        shown = set(days)
        every = history.session_starts_since(since, include_empty=True)
        stats.empty_sessions = (sum(1 for s in every if _local_day(s) in shown)
                                - sum(1 for s in sessions if _local_day(s) in shown))
    submitted = _local_days(history.answers_since(since))
    answers = [(day, a) for day, a in submitted if not a.skipped]
    index = {day: i for i, day in enumerate(days)}
    stats.skipped_per_day = [0] * DAYS
    for day in (day for day, a in submitted if a.skipped):
        if (i := index.get(day)) is not None:
            stats.skipped_per_day[i] += 1
    _activity(stats, sessions, answers)
    _weak_spots(stats, [a for _, a in answers])
    stats.answers_total = len(answers)
    stats.over_limit = sum(1 for _, a in answers if a.overtime > 0)
    _coming_due(history, stats, today)
    stats.decks = deck_progress(history.card_states(), decks)
    return stats


def _activity(stats: Stats, sessions: list[datetime],
              answers: list[tuple[date, StatsAnswer]]) -> None:
    index = {day: i for i, day in enumerate(stats.days)}
    for started in sessions:
        i = index.get(_local_day(started))
        if i is not None:
            stats.sessions_per_day[i] += 1
    first_week = stats.days[-1] - timedelta(days=WEEKS * 7 - 1)
    weekly: dict[int, list[int]] = defaultdict(list)
    for day, answer in answers:
        i = index.get(day)
        if i is not None:
            stats.answers_per_day[i] += 1
        if answer.rating is not None and day >= first_week:
            weekly[(day - first_week).days // 7].append(answer.rating)
    stats.weekly_rating = [
        (first_week + timedelta(weeks=w), sum(weekly[w]) / len(weekly[w]) if weekly[w] else None)
        for w in range(WEEKS)]
    _weekly_shares(stats, answers, first_week)


def _weekly_shares(stats: Stats, answers: list[tuple[date, StatsAnswer]],
                   first_week: date) -> None:
    """Key-point coverage, STAR completeness and the share over time, week by week.

    Coverage is points ticked over points asked (a week of 2/2 and 1/4 is 3/6, 50%);
    STAR completeness is parts ticked over four, over the STAR answers only."""
    # per week: [ticked, asked, answers] for key points, the same for STAR, [over, answers]
    points = [[0, 0, 0] for _ in range(WEEKS)]
    star = [[0, 0, 0] for _ in range(WEEKS)]
    over = [[0, 0] for _ in range(WEEKS)]
    for day, answer in answers:
        week = (day - first_week).days // 7
        if not 0 <= week < WEEKS:
            continue
        over[week][0] += answer.overtime > 0
        over[week][1] += 1
        if answer.key_points is not None:
            ticked, asked = answer.key_points
            points[week][0] += ticked
            points[week][1] += asked
            points[week][2] += 1
        if answer.star is not None:
            star[week][0] += answer.star
            star[week][1] += 4
            star[week][2] += 1
    starts = [first_week + timedelta(weeks=w) for w in range(WEEKS)]
    stats.weekly_coverage = [WeekFigure(day, t / n if n else None, a)
                             for day, (t, n, a) in zip(starts, points, strict=True)]
    stats.weekly_star = [WeekFigure(day, t / n if n else None, a)
                         for day, (t, n, a) in zip(starts, star, strict=True)]
    stats.weekly_overtime = [WeekFigure(day, o / n if n else None, n)
                             for day, (o, n) in zip(starts, over, strict=True)]


def _weak_spots(stats: Stats, answers: list[StatsAnswer]) -> None:
    topics: dict[str, list[int]] = defaultdict(list)
    categories: dict[str, list[int]] = defaultdict(list)
    for answer in answers:
        if answer.rating is None:
            continue
        categories[answer.category].append(answer.rating)
        for topic in answer.topics:
            topics[topic].append(answer.rating)

    def weakest(groups: dict[str, list[int]], least: int) -> list[tuple[str, float, int]]:
        rows = [(name, sum(r) / len(r), len(r)) for name, r in groups.items() if len(r) >= least]
        return sorted(rows, key=lambda row: (row[1], -row[2], row[0]))

    stats.weakest_topics = weakest(topics, 2)[:5]
    stats.weakest_categories = weakest(categories, 1)


def _coming_due(history: StatsSource, stats: Stats, today: date) -> None:
    horizon = datetime.combine(today + timedelta(days=7), datetime.min.time()).astimezone()
    counts = Counter(max(_local_day(due), today)  # overdue counts today
                     for due in history.due_before(horizon))
    stats.due_next_days = [(today + timedelta(days=i), counts[today + timedelta(days=i)])
                           for i in range(7)]


def deck_progress(states: dict[QuestionKey, int], decks: Sequence[Deck]) -> list[DeckProgress]:
    """Per deck: questions never reviewed (new), still being learned, and in review."""
    progress = []
    for deck in decks:
        counts = Counter(states.get((deck.id, q.id), 0) for q in deck.questions)
        progress.append(DeckProgress(deck.id, deck.title, new=counts[0],
                                     learning=counts[1] + counts[3], review=counts[2]))
    return progress


def stats_text(stats: Stats) -> str:
    """The figures as plain text (for `mockint stats` and the screen's lower half)."""
    lines = [
        f"Last {DAYS} days: {plural(sum(stats.sessions_per_day), 'session')}, "
        f"{plural(sum(stats.answers_per_day), 'answer')}, {sum(stats.skipped_per_day)} skipped"
        + (f" ({plural(stats.empty_sessions, 'empty session')}"
           " left before any answer not counted)" if stats.empty_sessions else "")
        + (" (empty sessions included)" if stats.include_empty else ""),
        f"Answers over the time limit (last {WINDOW_DAYS} days): {stats.over_limit} of "
        f"{stats.answers_total} ({stats.over_limit_share:.0%})",
        "",
        "Average rating by week (1 Again … 4 Easy):",
    ]
    # Each figure as a bar with its number beside it (core/charts.py): readable as
    # text, in NO_COLOR, and the same in the shell and on the screen.
    lines += bar_chart([(f"{start:%d %b}", avg, "—" if avg is None else f"{avg:.1f}")
                        for start, avg in stats.weekly_rating], top=4)
    for title, weeks in (("Key points covered by week (ticked of those asked):",
                          stats.weekly_coverage),
                         ("STAR completeness by week (parts ticked of four, STAR answers):",
                          stats.weekly_star),
                         ("Share of answers over the time limit by week:",
                          stats.weekly_overtime)):
        lines += ["", title]
        lines += bar_chart([(f"{week.start:%d %b}", week.share, week.text()) for week in weeks],
                           top=1)
    lines += ["", f"Weakest topics, average rating (last {WINDOW_DAYS} days):"]
    lines += bar_chart([(name[:20], avg, f"{avg:.1f}  ({plural(n, 'answer')})")
                        for name, avg, n in stats.weakest_topics], top=4)
    lines += ["  (rate a few more answers)"] if not stats.weakest_topics else []
    lines += ["", f"By category, average rating (last {WINDOW_DAYS} days):"]
    lines += bar_chart([(name[:20], avg, f"{avg:.1f}  ({plural(n, 'answer')})")
                        for name, avg, n in stats.weakest_categories], top=4)
    lines += ["", "Due in the next 7 days:"]
    lines += bar_chart([(f"{day:%a %d %b}", n, str(n)) for day, n in stats.due_next_days])
    lines += ["", f"{'Deck':<40} {'new':>5} {'learning':>9} {'review':>7}"]
    lines += [f"{d.title[:40]:<40} {d.new:>5} {d.learning:>9} {d.review:>7}" for d in stats.decks]
    return "\n".join(lines)
