"""The `mockint` command line.

Only `mockint` (no command) and the commands that open the app import Textual,
and they do it lazily: `--version`, `decks`, `validate`, `locate`, `history`,
`export`, `import`, `export-deck` and `new-deck` stay fast and work without a
terminal.
"""

from __future__ import annotations

import os
import sys

from mockint import __version__

# `typing` and `pathlib` (which pulls in `fnmatch`, `urllib.parse`, `ipaddress`) are
# imported where they are used, so `mockint --version` loads neither (bench: version).
# Type checkers treat a module-level `TYPE_CHECKING = False` as `typing.TYPE_CHECKING`.
TYPE_CHECKING = False
APP_COMMANDS = (None, "run", "edit", "practice")
"""The commands that open the full-screen app (the rest print and exit)."""

if TYPE_CHECKING:  # argparse is imported when a command is parsed: `--version` skips it
    import argparse
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

    from mockint.core.session import SessionConfig
    from mockint.storage.decks import DeckStore
    from mockint.storage.formats.base import Options


def visible(text: str) -> str:
    """The display sanitiser (`mockint.core.display.visible`), loaded on first use so
    `mockint --version` imports nothing of core."""
    from mockint.core.display import visible as sanitise

    return sanitise(text)


def no_arguments() -> argparse.Namespace:
    """What the parser makes of plain `mockint`, the most common start, without building
    it (~6 ms of bench startup-home); a test holds the two equal."""
    from types import SimpleNamespace
    from typing import cast

    return cast("argparse.Namespace", SimpleNamespace(command=None, deck_path=[]))


def main(argv: Sequence[str] | None = None) -> int:
    # mockint uses no pydantic plugins; skipping the entry-point scan saves ~15 ms
    # of every start (bench/). An explicit setting by the user still wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        print(f"mockint {__version__}")  # the one answer that needs no parser (bench: version)
        raise SystemExit(0)  # as argparse's version action does
    if arguments:
        from mockint.cli_parser import parse

        args = parse(arguments)
    else:
        args = no_arguments()
    if args.command in APP_COMMANDS:
        from mockint import collector

        collector.hold()  # until the app's first screen is drawn (collector.py)
    handlers = {
        None: _cmd_app,
        "decks": _cmd_decks,
        "validate": _cmd_validate,
        "locate": _cmd_locate,
        "run": _cmd_run,
        "edit": _cmd_edit,
        "history": _cmd_history,
        "practice": _cmd_practice,
        "stats": _cmd_stats,
        "config": _cmd_config,
        "export": _cmd_export,
        "import": _cmd_import,
        "export-deck": _cmd_export_deck,
        "new-deck": _cmd_new_deck,
        "stories": _cmd_stories,
        "plan": _cmd_plan,
    }
    try:
        code = handlers[args.command](args)
        sys.stdout.flush()  # here, where a closed pipe can be caught, not at exit
        return code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as error:
        problem = _history_problem(error)
        if problem is None:
            raise
        _say(f"mockint: history unavailable: {problem}", err=True)
        return 1


def _say(text: str = "", *, err: bool = False) -> None:
    """Print a line of the CLI's own output: deck, answer and path text shown through
    `visible`, so no escape sequence in them reaches the terminal."""
    from mockint.core.display import visible

    print(visible(text), file=sys.stderr if err else sys.stdout)


def _reader_went_away() -> int:
    """`mockint decks | head -1`: the reader closed the pipe; stop quietly, as `cat` does."""
    try:  # what is still buffered for stdout must not fail again at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
    return 141  # 128 + SIGPIPE, what the shell reports for a program stopped by the pipe


def _history_problem(error: Exception) -> str | None:
    """The user message of a damaged or unusable history met while reading, else None.

    Looked up lazily: commands that never open the history do not import it.
    """
    history = sys.modules.get("mockint.storage.history")
    if history is not None and isinstance(error, history.HistoryUnavailable):
        return str(error.user_message)
    return None


def _cmd_app(args: argparse.Namespace) -> int:
    from mockint.tui.app import make_app, run_app

    return run_app(make_app(deck_paths=args.deck_path, history_in_background=True))


def _cmd_edit(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mockint.storage.decks import DeckStore, display_name, load_entry

    candidate = Path(args.deck)
    if candidate.suffix == ".toml" and candidate.exists():
        entry = load_entry(candidate, "path")
        store = DeckStore.discover(_deck_paths(args))
    else:
        store = DeckStore.discover(_deck_paths(args))
        matches = [e for e in store.entries if e.deck is not None and e.deck.id == args.deck]
        if not matches:
            _say(f"mockint edit: no deck with id {args.deck!r}; see `mockint decks`, or "
                 "`mockint new-deck NAME` to start one", err=True)
            return 2
        entry = matches[0]
    if not entry.editable:
        _say(f"mockint edit: {args.deck} is a bundled deck and read-only; open mockint, press "
             "d, choose it and press c to make your own copy", err=True)
        return 2
    if entry.deck is None:
        for problem in entry.problems:
            _say(str(problem), err=True)
        _say(f"mockint edit: fix {display_name(entry.path)} first (problems above)", err=True)
        return 1
    from mockint.tui.app import make_app, run_app

    return run_app(make_app(decks=store, edit_deck=entry.path, history_in_background=True))


def _cmd_run(args: argparse.Namespace) -> int:
    from mockint.cli_parser import FULL_SECTIONS
    from mockint.core.first_look import first_look
    from mockint.core.phases import InterviewError
    from mockint.core.selection import new_seed
    from mockint.core.vocabulary import CATEGORIES, LEVELS, check_choice
    from mockint.storage.decks import DeckStore

    if args.full:
        return _run_full(args)
    given = [f"--{name}" for name in (*FULL_SECTIONS, "minutes") if getattr(args, name) is not None]
    if given:
        verb = "goes" if len(given) == 1 else "go"
        _say(f"mockint run: {', '.join(given)} {verb} with --full (a full interview)", err=True)
        return 2
    if not args.deck:
        _say("mockint run: choose decks with --deck ID (see `mockint decks`), or run a full "
             "interview with --full", err=True)
        return 2

    try:
        categories = [check_choice(c, CATEGORIES, "category") for c in args.category]
        levels = [check_choice(v, LEVELS, "level") for v in args.level]
    except ValueError as error:
        _say(f"mockint run: {error}", err=True)
        return 2
    shuffled = args.shuffle or args.seed is not None
    fields = {"deck_ids": args.deck, "mode": args.mode, "categories": categories,
              "levels": levels, "topics": [t.lower() for t in args.topic], "count": args.count,
              "seed": new_seed() if shuffled and args.seed is None else args.seed,
              "order": "shuffled" if shuffled else "deck", "time_limit": args.seconds}
    store = DeckStore.discover(_deck_paths(args), index=True)
    known_good = store.known_good_data(args.deck)
    start: dict[str, Any]
    try:
        if known_good is not None:  # no deck models before the first question (first_look.py)
            start = {"first_look": first_look(known_good, fields)}
        else:  # validates only the decks it runs
            start = {"start_with": _checked_config(store, fields)}
    except InterviewError as error:
        _say(f"mockint run: {error}", err=True)
        return 2
    from mockint.tui.app import make_app, run_app

    return run_app(make_app(decks=store, history_in_background=True, **start))


def _checked_config(store: DeckStore, fields: dict[str, Any]) -> SessionConfig:
    """The session `fields` describe, validated against the decks; InterviewError if it
    would ask nothing."""
    from mockint.core.first_look import NOTHING_MATCHES
    from mockint.core.phases import InterviewError
    from mockint.core.session import SessionConfig, decks_by_id, select_questions

    config = SessionConfig(**fields)
    if not select_questions(decks_by_id(store.decks_with(config.deck_ids), config.deck_ids),
                            config):
        raise InterviewError(NOTHING_MATCHES)
    return config


def _run_full(args: argparse.Namespace) -> int:
    """`mockint run --full`: a full interview over the decks given (default: all)."""
    from pydantic import ValidationError

    from mockint.cli_parser import FULL_SECTIONS
    from mockint.core.deck import LEVELS, check_choice
    from mockint.core.full_interview import build_full_plan
    from mockint.core.session import FullInterviewSpec, InterviewError, SessionConfig, decks_by_id
    from mockint.storage.decks import DeckStore
    from mockint.storage.settings import load_settings_or_defaults

    settings, _ = load_settings_or_defaults()
    if args.category or args.topic or args.count:
        _say("mockint run: --full chooses the questions by section; --category, --topic and "
             "--count do not apply (set the section counts with --technical N and the like)",
             err=True)
        return 2
    try:
        levels = [check_choice(v, LEVELS, "level") for v in args.level]
        chosen = {name: getattr(args, name) for name in FULL_SECTIONS}
        spec = FullInterviewSpec(
            intro=settings.full_intro if chosen["intro"] is None else chosen["intro"],
            technical=settings.full_technical if chosen["technical"] is None
            else chosen["technical"],
            behavioral=settings.full_behavioral if chosen["behavioral"] is None
            else chosen["behavioral"],
            design=settings.full_design if chosen["design"] is None else chosen["design"],
            budget_minutes=args.minutes or settings.full_minutes)
    except ValueError as error:
        if isinstance(error, ValidationError):
            first = error.errors()[0]
            flag = "--minutes" if first["loc"][0] == "budget_minutes" else f"--{first['loc'][0]}"
            problem = f"{flag}: {first['msg'].lower()}"
        else:
            problem = str(error)
        _say(f"mockint run --full: {problem}", err=True)
        return 2
    if not any(getattr(spec, name) for name in FULL_SECTIONS):
        _say("mockint run --full: every section has 0 questions; give one at least 1 "
             "(for example --technical 2)", err=True)
        return 2
    store = DeckStore.discover(_deck_paths(args), index=True)
    deck_ids = args.deck or [deck.id for deck in store.decks]
    config = SessionConfig(deck_ids=deck_ids, kind="full", full=spec, mode=args.mode,
                           levels=levels, order="shuffled", seed=args.seed,
                           time_limit=args.seconds or settings.default_seconds)
    try:
        decks = decks_by_id(store.decks_with(deck_ids), deck_ids)
    except InterviewError as error:
        _say(f"mockint run: {error}", err=True)
        return 2
    plan = build_full_plan(decks, spec, 0, levels=levels)
    if not plan.questions:
        _say(f"mockint run --full: nothing to ask. {' '.join(plan.notes)} Choose more decks "
             "with --deck, or other section counts.", err=True)
        return 2
    from mockint.tui.app import make_app, run_app

    return run_app(make_app(decks=store, start_with=config, history_in_background=True))


def _cmd_practice(args: argparse.Namespace) -> int:
    from mockint.core.session import InterviewError, SessionConfig, decks_by_id
    from mockint.storage.decks import DeckStore
    from mockint.storage.practice import choose
    from mockint.storage.settings import load_settings_or_defaults

    settings, _ = load_settings_or_defaults()
    store = DeckStore.discover(_deck_paths(args))
    history = _open_history()
    if history is None:
        return 1
    kind = args.kind or "mixed"
    deck_ids = args.deck or [deck.id for deck in store.decks]
    try:
        decks = decks_by_id(store.decks, deck_ids)
    except InterviewError as error:
        _say(f"mockint practice: {error}", err=True)
        return 2
    config = SessionConfig(deck_ids=deck_ids, kind=kind, mode=args.mode or settings.default_mode,
                           count=args.limit or settings.practice_size)
    from mockint.core.session import utcnow

    if not choose(kind, history, decks, config, utcnow(), config.count or 1, settings.new_share):
        print(f"mockint practice: no {kind} questions right now; try --new or --weak.",
              file=sys.stderr)
        return 0
    history.close()
    from mockint.tui.app import make_app, run_app

    return run_app(make_app(decks=store, start_with=config, history_in_background=True))


def _cmd_config(args: argparse.Namespace) -> int:
    import tomli_w

    from mockint import paths
    from mockint.storage.settings import load_settings_or_defaults

    path = paths.settings_path()
    if args.what == "path":
        _say(str(path))
        return 0
    settings, problem = load_settings_or_defaults(path)
    if problem is not None:
        _say(f"mockint: {problem}; showing the defaults in force", err=True)
    source = "defaults" if not path.exists() or problem else str(path)
    _say(f"# settings in force (from {source})")
    _say(tomli_w.dumps(settings.model_dump(exclude_none=True)).rstrip("\n"))
    return 1 if problem else 0


def _cmd_stats(args: argparse.Namespace) -> int:
    from mockint.core.session import utcnow
    from mockint.core.stats import compute_stats, stats_text
    from mockint.storage.decks import DeckStore

    history = _open_history()
    if history is None:
        return 1
    store = DeckStore.discover(_deck_paths(args))
    _say(stats_text(compute_stats(history, store.decks, utcnow(),
                                  include_empty=args.include_empty)))
    _print_plan_stats(history, store.decks)
    return 0


def _print_plan_stats(history, decks) -> None:
    """The plan, true retention and the 14-day workload (issue 18), after the stats."""
    from mockint.core.session import utcnow
    from mockint.storage.plan import plan_stats_text
    from mockint.storage.settings import load_settings_or_defaults

    settings, _ = load_settings_or_defaults()
    _say()
    _say(plan_stats_text(history, decks, utcnow(), settings.daily_minutes,
                         settings.desired_retention))


def _deck_paths(args: argparse.Namespace) -> list[Path]:
    """--deck-path, then the deck folders of the settings (as the app reads them)."""
    from pathlib import Path

    from mockint.storage.settings import load_settings_or_defaults

    settings, _ = load_settings_or_defaults()
    return [*args.deck_path, *(Path(p).expanduser() for p in settings.deck_folders)]


def _open_history():
    from mockint import paths
    from mockint.storage.history import HistoryStore, HistoryUnavailable

    try:
        return HistoryStore.open(paths.history_db_path())
    except HistoryUnavailable as problem:
        _say(f"mockint: history unavailable: {problem.user_message}", err=True)
        return None


def _cmd_history(args: argparse.Namespace) -> int:
    from mockint.core.timing import format_duration
    from mockint.core.words import session_status

    store = _open_history()
    if store is None:
        return 1
    if args.search:

        for note in store.search_notes(args.search, limit=args.limit):
            _say(f"{note.session_id}  {note.started_at:%Y-%m-%d %H:%M}  note  "
                 f"{' '.join(note.deck_titles.split())[:50]}\n    {note.marked_match()}")
        for hit in store.search_answers(args.search, limit=args.limit):
            # The words around the match, matched words «like this».
            snippet = hit.marked_match()
            _say(f"{hit.session_id}  {hit.started_at:%Y-%m-%d %H:%M}  Q{hit.index + 1}  "
                 f"{' '.join(hit.prompt.split())[:50]}\n    {snippet}")
        return 0
    sessions = store.list_sessions(limit=args.limit)
    if not sessions:
        _say("No sessions yet. Run `mockint` and press s to start one.")
    for s in sessions:
        average = f"{s.avg_rating:.1f}" if s.avg_rating else "-"
        status = session_status(s.status, s.counts.empty)
        _say(f"{s.id}  {s.started_at:%Y-%m-%d %H:%M}  {s.mode:<8} {status:<11} "
             f"{s.counts.label()}  avg {average:<3} "
             f"{format_duration(s.total_used):>6}  {s.deck_titles}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from mockint.storage.export import render

    store = _open_history()
    if store is None:
        return 1
    try:
        record = store.load_session(store.resolve_id(args.session))
    except KeyError:
        _say(f"mockint export: no single session matches {args.session!r}; "
             "see `mockint history`", err=True)
        return 2
    previous = None
    if args.diff:
        if args.format != "md":
            _say("mockint export: --diff goes with the Markdown report (--format md)", err=True)
            return 2
        from mockint.storage.progress import previous_attempts

        previous = previous_attempts(store, record)
    return _write_out("export", render(record, args.format, previous), args.output,
                      mkdir=args.mkdir, private=True)


def _write_out(command: str, text: str, output: Path | None, *, mkdir: bool = False,
               private: bool = False) -> int:
    """Print an export, or write it atomically to `output`: a regular file or a new name
    (a symlink is followed to its file; devices, FIFOs and folders are refused), in a
    folder that exists unless `mkdir`; created 0600 when `private`."""
    from mockint.core.display import visible
    from mockint.storage.files import OutputRefused, atomic_write_text, output_target

    if output is None:
        # On a terminal, show control characters; into a pipe or file, keep the data exact.
        sys.stdout.write(visible(text) if sys.stdout.isatty() else text)
        return 0
    try:
        target = output_target(output, mkdir=mkdir)
        atomic_write_text(target, text, private=private)
    except OutputRefused as refused:
        _say(f"mockint {command}: {refused}", err=True)
        return 1
    except OSError as error:
        _say(f"mockint {command}: cannot write {output}: {error.strerror}", err=True)
        return 1
    _say(f"wrote {output}" if target == output else f"wrote {output} (its target {target})")
    return 0


def _cmd_decks(args: argparse.Namespace) -> int:
    from collections import Counter

    from mockint.core.words import noun, plural
    from mockint.storage.decks import DeckStore, display_name

    store = DeckStore.discover(_deck_paths(args))
    for entry in store.entries:
        if entry.deck is None or not entry.ok:
            _say(f"! {display_name(entry.path)}  ({plural(len(entry.problems), 'problem')}; "
                 "run mockint validate)")
            continue
        deck = entry.deck
        categories = Counter(q.category for q in deck.questions)
        levels = Counter(q.level for q in deck.questions)
        count = len(deck.questions)
        _say(f"{deck.id:<22} {count:>3} {noun(count, 'question'):<9}  {deck.title}  [{entry.source}]")
        _say("    " + ", ".join(f"{k} {v}" for k, v in sorted(categories.items())))
        _say("    " + ", ".join(f"{k} {v}" for k, v in sorted(levels.items())))
    if not store.entries:
        _say("no decks found; see `mockint locate` for where decks are read from")
    return 0


def _cmd_validate(args: argparse.Namespace) -> int:
    from mockint.core.words import plural
    from mockint.storage.decks import DeckLoadError, deck_files, display_name, read_deck

    failed = 0
    for path in args.paths:
        files = deck_files(path) if path.is_dir() else [path]
        if path.is_dir() and not files:
            failed += 1
            _say(f"{display_name(path)}: a folder with no deck files (*.toml) in it; name deck "
                 "files or a folder that holds them", err=True)
        for file in files:
            try:
                deck = read_deck(file)
            except DeckLoadError as error:
                failed += 1
                for problem in error.problems:
                    _say(str(problem), err=True)
                continue
            _say(f"ok  {display_name(file)}: {plural(len(deck.questions), 'question')}")
    if failed:
        _say(f"{plural(failed, 'deck file')} with errors; fix the places named above.", err=True)
    return 1 if failed else 0


def _cmd_locate(args: argparse.Namespace) -> int:
    from mockint import paths

    rows = [
        ("bundled decks", paths.bundled_decks_dir()),
        ("your decks", paths.user_decks_dir()),
        ("bundled themes", paths.bundled_themes_dir()),
        ("your themes", paths.user_themes_dir()),
        ("history", paths.history_db_path()),
        ("settings", paths.settings_path()),
    ]
    for label, path in rows:
        _say(f"{label + ':':<16} {path}")
    return 0


def _import_options(args: argparse.Namespace) -> Options:
    """The import options from the command line (raises ValueError with the message)."""
    from mockint.core.deck import CATEGORIES, LEVELS
    from mockint.core.deck import check_choice as value
    from mockint.storage.formats.base import Options

    def mapping(pairs: list[str], allowed: tuple[str, ...], what: str) -> dict[str, str]:
        found = {}
        for pair in pairs:
            source, sep, target = pair.partition("=")
            if not sep or not source.strip():
                raise ValueError(f"--map-{what} {pair!r}: write FROM=TO")
            found["-".join(source.strip().lower().replace("_", " ").split())] = value(
                target, allowed, what)
        return found

    return Options(value(args.category, CATEGORIES, "category"), value(args.level, LEVELS, "level"),
                   mapping(args.map_category, CATEGORIES, "category"),
                   mapping(args.map_level, LEVELS, "level"))


def _cmd_import(args: argparse.Namespace) -> int:
    from mockint.core.display import visible
    from mockint.core.words import plural
    from mockint.storage.decks import display_name
    from mockint.storage.formats.base import ImportFailed
    from mockint.storage.formats.checks import summarise, table
    from mockint.storage.formats.importing import apply_plan, plan_import

    try:
        options = _import_options(args)
    except ValueError as error:
        print(f"mockint import: {error}", file=sys.stderr)
        return 2
    name = visible(str(args.file))
    try:
        plans = plan_import(args.file, args.format, args.deck_id, options,
                            update=args.update, per_file=args.per_file)
    except ImportFailed as error:
        for line in summarise(error.problems, name):
            print(visible(line), file=sys.stderr)
        print(f"mockint import: nothing imported from {name}", file=sys.stderr)
        return 1
    for plan in plans:
        result = plan.result
        for line in summarise(result.problems, name):
            print(visible(line), file=sys.stderr)
        if args.dry_run:
            print(f"{plural(len(result.questions), 'question')} read from {visible(str(plan.source))} "
                  f"(as {result.format})")
            for row in table(result.questions):
                print(visible(row))
        if result.warnings:
            print("warnings (the result may not be what the file meant):")
            for line in summarise(result.warnings, name):
                print("  " + visible(line))
        if plan.note:
            print(f"note: {visible(plan.note)}")
        where = visible(display_name(plan.target))
        counts = (f"{plural(len(plan.added), 'new question')}, {len(plan.updated)} updated, "
                  f"{plan.skipped} already in the deck, {plural(len(result.problems), 'problem')}")
        if args.dry_run:
            verb = "would create" if plan.created else "would add to"
            print(f'{verb} deck "{plan.deck_id}" ({where}): {counts}; nothing written (--dry-run)')
            continue
        try:
            report = apply_plan(plan, args.title)
        except ImportFailed as error:
            print(f"mockint import: {visible(str(error))}", file=sys.stderr)
            return 1
        print(f"added {plural(report.added, 'question')}, updated {report.updated}, skipped "
              f"{report.skipped_duplicates} already in the deck, "
              f"{plural(len(report.problems), 'problem')} (read as {report.format})")
        if report.created:
            print(f'created deck "{report.deck_id}": {where}')
        elif report.written:
            print(f'added to deck "{report.deck_id}": {where} (previous version kept as '
                  f"{plan.target.name}.bak)")
            if report.dropped_comments:
                print("note: the deck's comments were not kept; they are still in the .bak file")
        else:
            print(f'deck "{report.deck_id}" unchanged: {where}')
    return 0


def _cmd_export_deck(args: argparse.Namespace) -> int:
    from mockint.storage.decks import DeckStore
    from mockint.storage.formats.export import export_deck

    store = DeckStore.discover(_deck_paths(args))
    try:
        deck = store.get(args.deck)
    except KeyError:
        ids = ", ".join(sorted(d.id for d in store.decks)) or "none"
        _say(f"mockint export-deck: no deck {args.deck!r} (decks: {ids})", err=True)
        return 2
    return _write_out("export-deck", export_deck(deck, args.format), args.output,
                      mkdir=args.mkdir)


def _cmd_new_deck(args: argparse.Namespace) -> int:
    from mockint.core.deck import deck_id_for
    from mockint.storage.decks import DeckStore, create_deck, display_name

    deck_id = deck_id_for(args.name)
    clash = [e for e in DeckStore.discover(_deck_paths(args)).entries
             if e.deck is not None and e.deck.id == deck_id]
    if clash:
        _say(f'mockint new-deck: a deck with id "{deck_id}" already exists: '
             f"{display_name(clash[0].path)}; choose another name", err=True)
        return 1
    try:
        path = create_deck(args.name)
    except FileExistsError as error:
        _say(f"mockint new-deck: {error.filename or error.args[0]} already exists; choose "
             "another name", err=True)
        return 1
    except OSError as error:
        where = f" {error.filename}:" if error.filename else ""
        _say(f"mockint new-deck: cannot write the deck:{where} {error.strerror}", err=True)
        return 1
    _say(str(path))
    return 0


def _cmd_stories(args: argparse.Namespace) -> int:
    from mockint.core.display import visible
    from mockint.core.stories import coverage

    history = _open_history()
    if history is None:
        return 1
    stories = history.list_stories()
    if getattr(args, "stories_command", None) == "export":
        from mockint.storage.story_export import render

        text = render(stories, args.format)
        if args.output is None and sys.stdout.isatty():
            text = visible(text)  # a terminal shows the text; a pipe or file gets it exact
        return _write_out("stories export", text, args.output, mkdir=args.mkdir,
                          private=True)
    if not stories:
        print("No stories yet. Open mockint and press b on home to write your first one.")
        return 0
    for story in stories:
        competencies = ", ".join(story.competencies) or "no competencies"
        print(visible(f"{story.id}  {' '.join(story.title.split())}  [{competencies}]"))
        if story.summary:
            print(visible(f"    {story.summary[:100]}"))
    grid = coverage(stories)
    if grid.uncovered:
        print(f"\nNo story yet for: {', '.join(grid.uncovered)}")
    titles = {s.id: s.title for s in stories}
    for story_id in grid.everything:
        print(visible(f"“{titles[story_id]}” is claimed for half the competencies or more: "
                      "an interviewer who hears it twice stops believing it."))
    return 0


def _cmd_plan(args: argparse.Namespace) -> int:
    from mockint.cli_plan import add_interview_command, remove_interview_command, show_plan

    if args.plan_command == "add":
        return add_interview_command(args)
    if args.plan_command == "remove":
        return remove_interview_command(args)
    return show_plan(args)
