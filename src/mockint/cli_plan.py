"""`mockint plan`: interview dates and the daily plan toward the next one, in the shell.

Kept apart from cli.py (which only dispatches here) so the plan's output and
its checks of what the person typed stay in one place. No Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Sequence

from mockint.core.deck import CATEGORIES, LEVELS, Deck
from mockint.core.display import visible
from mockint.core.planning import UpcomingInterview, countdown, coverage
from mockint.core.practice import local_day
from mockint.core.session import utcnow

SHOW_DAYS = 14  # days after today listed under the next interview


def _fail(command: str, message: str, code: int = 2) -> int:
    print(f"mockint plan {command}: {message}".rstrip(), file=sys.stderr)
    return code


def _decks(args: argparse.Namespace) -> list[Deck]:
    from pathlib import Path

    from mockint.storage.decks import DeckStore
    from mockint.storage.settings import load_settings_or_defaults

    settings, _ = load_settings_or_defaults()
    folders = [Path(p).expanduser() for p in settings.deck_folders]
    return DeckStore.discover([*args.deck_path, *folders]).decks


def parse_day(text: str, now: dt.datetime) -> dt.date:
    """A date typed as YYYY-MM-DD, today or later (ValueError says what is wrong)."""
    try:
        day = dt.date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. "
                         f"{local_day(now) + dt.timedelta(days=14):%Y-%m-%d}") from None
    if day < local_day(now):
        raise ValueError(f"{day:%Y-%m-%d} is in the past (today is {local_day(now):%Y-%m-%d}); "
                         "give the day of an interview still to come")
    return day


def parse_time(text: str) -> dt.time:
    try:
        return dt.time.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a time; write it as HH:MM, e.g. 14:00") from None


def add_interview_command(args: argparse.Namespace) -> int:
    from mockint.storage.interviews import InterviewsProblem, add_interview
    from mockint.storage.plan import scope_of

    now = utcnow()
    try:
        day = parse_day(args.date, now)
        at = parse_time(args.time) if args.time else None
    except ValueError as error:
        return _fail("add", str(error))
    for value, allowed, what in [(c, CATEGORIES, "category") for c in args.category] + [
            (v, LEVELS, "level") for v in args.level]:
        if value not in allowed:
            return _fail("add", f"unknown {what} {value!r}; choose from {', '.join(allowed)}")
    decks = _decks(args)
    known = {deck.id for deck in decks}
    unknown = [d for d in args.deck if d not in known]
    if unknown:
        return _fail("add", f"no deck {', '.join(map(repr, unknown))}; decks: "
                     f"{', '.join(sorted(known)) or 'none'} (see `mockint decks`)")
    interview = UpcomingInterview(
        label=args.label or f"Interview on {day:%d %b}", date=day, time=at,
        decks=list(dict.fromkeys(args.deck)) or sorted(known),
        categories=args.category, levels=args.level, added=local_day(now))
    if not interview.is_upcoming(now):
        return _fail("add", f"{interview.when_text()} has already passed")
    if not scope_of(interview, decks):
        return _fail("add", "no questions in those decks match those categories and levels; "
                     "widen the scope")
    try:
        add_interview(interview)
    except InterviewsProblem as error:
        return _fail("add", f"{error}; nothing was added", 1)
    except OSError as error:
        return _fail("add", f"cannot write the interviews file: {error.strerror}", 1)
    print(f"added: {visible(countdown(interview, now))} ({interview.when_text()})")
    print("`mockint plan` shows the plan toward it.")
    return 0


def remove_interview_command(args: argparse.Namespace) -> int:
    from mockint.storage.interviews import InterviewsProblem, remove_interview

    try:
        removed = remove_interview(args.which)
    except KeyError as error:
        return _fail("remove", f"{error.args[0]}; `mockint plan` lists them")
    except InterviewsProblem as error:
        return _fail("remove", str(error), 1)
    print(f"removed: {visible(removed.label)} ({removed.when_text()})")
    return 0


def _scope_text(interview: UpcomingInterview) -> str:
    parts = [", ".join(interview.decks)]
    parts.append(", ".join(interview.categories) if interview.categories else "all categories")
    parts.append(", ".join(interview.levels) if interview.levels else "all levels")
    return visible(" · ".join(parts))


def show_plan(args: argparse.Namespace) -> int:
    from mockint.storage.interviews import load_calendar_or_empty
    from mockint.storage.settings import load_settings_or_defaults

    now = utcnow()
    calendar, problem = load_calendar_or_empty()
    if problem is not None:
        print(f"mockint plan: {problem}", file=sys.stderr)
        return 1
    listed = sorted(calendar.interviews, key=lambda i: i.starts())
    upcoming = calendar.upcoming(now)
    if not upcoming:
        print("No interviews ahead. Add one:\n  mockint plan add "
              f"{local_day(now) + dt.timedelta(days=14):%Y-%m-%d} --label Acme --deck ID")
    for number, interview in enumerate(listed, 1):
        if interview.is_upcoming(now):
            print(f"{number}. {visible(countdown(interview, now))} ({interview.when_text()})"
                  f"  [{_scope_text(interview)}]")
        else:
            print(f"{number}. {visible(interview.label)} (past: {interview.when_text()}; "
                  f"`mockint plan remove {number}` clears it)")
    if not upcoming:
        return 0
    settings, _ = load_settings_or_defaults()
    history = _history()
    print()
    print("\n".join(plan_lines(history, _decks(args), upcoming[0], now, settings.daily_minutes)))
    if history is not None:
        history.close()
    return 0


def _history():
    from mockint import paths
    from mockint.storage.history import HistoryStore, HistoryUnavailable

    try:
        return HistoryStore.open(paths.history_db_path())
    except HistoryUnavailable as problem:
        print(f"mockint plan: history unavailable ({problem}); planning as if nothing was "
              "done yet", file=sys.stderr)
        return None


def plan_lines(history, decks: Sequence[Deck], interview: UpcomingInterview, now: dt.datetime,
               budget: int) -> list[str]:
    """The plan toward `interview` as text: scope, today in full, then the days after."""
    from mockint.storage.plan import today_plan

    today = today_plan(history, decks, interview, now, budget)
    at_target, answered, total = coverage(today.current)
    prompts = {(d.id, q.id): q.prompt for d in decks for q in d.questions}
    lines = [f"Plan for {visible(interview.label)}: {total} questions in scope, "
             f"{answered} answered, {at_target} at their target · budget {budget} min a day"]
    if today.plan.over_budget:
        lines.append(f"  The scope needs about {today.plan.busiest:.0f} min on the busiest day: "
                     "raise the daily budget (settings: daily_minutes) or narrow the scope.")
    short = today.plan.unreachable()
    if short:
        lines.append(f"  {len(short)} question(s) cannot reach 2 answers (3 when weak) in the "
                     "days left.")
    day = today.today
    if day is None:
        lines.append("  The interview is today: good luck. No more planned practice.")
        return lines
    done = today.done_count
    lines.append(f"Today ({day.day:%a %d %b}): {day.describe()}"
                 + (f" · {done} done" if done else ""))
    for item in today.remaining:
        text = " ".join(prompts.get(item.key, "/".join(item.key)).split())
        lines.append(f"  [{item.reason:<6}] {visible(text[:70])}")
    if day.items and not today.remaining:
        lines.append("  All done for today.")
    later = today.plan.days[1:SHOW_DAYS + 1]
    if later:
        lines.append("Next days:")
        lines += [f"  {d.day:%a %d %b}  {d.describe()}" for d in later]
    return lines
