"""`mockint plan`: interview dates and the daily plan toward the next one, in the shell.

Kept apart from cli.py (which only dispatches here) so the plan's output and
its checks of what the person typed stay in one place. No Textual.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from mockint.core.deck import CATEGORIES, LEVELS, Deck
from mockint.core.display import visible
from mockint.core.planning import UpcomingInterview, countdown, parse_day, parse_time
from mockint.core.practice import local_day
from mockint.core.session import utcnow


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
    from mockint.storage.plan import plan_text

    print(plan_text(history, _decks(args), upcoming[0], now, settings.daily_minutes))
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
