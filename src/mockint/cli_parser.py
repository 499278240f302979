"""The `mockint` command line's parser.

`build_parser(command)` builds the top-level parser with only `command`'s
sub-parser when the command line names one: that is all `parse_args` can reach,
and building all sixteen (with their help texts) was ~15 ms of every `mockint run`
(bench: startup-interview). Without a command (`mockint -h`, a typo, an option
first) every sub-parser is built, so help and "invalid choice" list them all.
"""

from __future__ import annotations

import argparse
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path

from mockint import __version__

FULL_SECTIONS = ("intro", "technical", "behavioral", "design")
"""`mockint run --full`'s section flags: mockint.core.full_interview.SECTIONS, by name
(written out so parsing the command line imports no models)."""

Commands = argparse._SubParsersAction  # what `add_subparsers` returns


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with `command` (one of COMMANDS) only that command's sub-parser."""
    parser = argparse.ArgumentParser(
        prog="mockint",
        description="A full-screen terminal mock interviewer. Run with no command to open it.",
    )
    parser.add_argument("--version", action="version", version=f"mockint {__version__}")
    parser.add_argument(
        "--deck-path",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="also load the deck file or folder PATH (repeatable)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, add in COMMANDS.items():
        if command is None or command == name:
            add(commands)
    return parser


def command_named(arguments: Sequence[str]) -> str | None:
    """The command `arguments` start with, if they start with one. Everything after a
    command goes to its sub-parser, so that sub-parser is the only one parsing needs."""
    return arguments[0] if arguments and arguments[0] in COMMANDS else None


def parse(arguments: Sequence[str]) -> argparse.Namespace:
    """`arguments` parsed as the full parser would (argparse exits on an error or help)."""
    return build_parser(command_named(arguments)).parse_args(arguments)


# --- the commands, in the order `mockint -h` lists them -----------------------------


def _add_decks(commands: Commands) -> None:
    commands.add_parser("decks", help="list decks with question counts by category and level")


def _add_validate(commands: Commands) -> None:
    validate = commands.add_parser("validate", help="check deck files; exit 1 if any has errors")
    validate.add_argument("paths", nargs="+", type=Path, metavar="PATH")


def _add_locate(commands: Commands) -> None:
    commands.add_parser("locate", help="print where decks, data and config live")


def _add_history(commands: Commands) -> None:
    history = commands.add_parser("history", help="list past sessions, newest first")
    history.add_argument("--limit", type=positive, default=20, metavar="N")
    history.add_argument("--search", metavar="WORDS", help="list answers containing WORDS")


def _add_export(commands: Commands) -> None:
    export = commands.add_parser("export", help="export a session as Markdown or JSON")
    export.add_argument("session", metavar="SESSION", help="session id (or its first letters)")
    export.add_argument("--format", choices=["md", "json"], default="md")
    export.add_argument("--diff", action="store_true",
                        help="with each answer, what changed since the previous attempt at "
                             "that question (Markdown only)")
    _add_output(export)


def _add_practice(commands: Commands) -> None:
    practice = commands.add_parser("practice", help="a practice session chosen by FSRS")
    which = practice.add_mutually_exclusive_group()
    for kind, text in (("due", "questions due for review, most overdue first"),
                       ("weak", "lowest recent ratings, missed points, overtime"),
                       ("new", "questions never answered"),
                       ("mixed", "due and weak, with a cap on new ones (the default)"),
                       ("cram", "anything now, due or not (moves a card only if it was due)")):
        which.add_argument(f"--{kind}", dest="kind", action="store_const", const=kind, help=text)
    practice.add_argument("--limit", type=positive, metavar="N", help="at most N questions")
    practice.add_argument("--deck", action="append", default=[], metavar="ID",
                          help="only these decks (repeatable; default all)")
    practice.add_argument("--mode", choices=["practice", "mock"])


def _add_stats(commands: Commands) -> None:
    stats = commands.add_parser("stats", help="progress: activity, ratings, weak spots, due reviews")
    stats.add_argument("--include-empty", action="store_true",
                       help="count sessions left before any answer too")


def _add_config(commands: Commands) -> None:
    config = commands.add_parser("config", help="where the settings file is, and what is in force")
    config.add_argument("what", choices=["path", "show"])


def _add_edit(commands: Commands) -> None:
    edit = commands.add_parser("edit", help="open the deck editor on one of your decks")
    edit.add_argument("deck", metavar="DECK", help="a deck id (see `mockint decks`) or a file")


def _add_run(commands: Commands) -> None:
    run = commands.add_parser("run", help="start an interview straight away")
    run.add_argument("--deck", action="append", default=[], metavar="ID",
                     help="deck id (repeatable; needed unless --full); see `mockint decks`")
    run.add_argument("--count", type=positive, metavar="N", help="number of questions")
    run.add_argument("--category", action="append", default=[], metavar="NAME")
    run.add_argument("--level", action="append", default=[], metavar="NAME")
    run.add_argument("--topic", action="append", default=[], metavar="NAME")
    run.add_argument("--mode", choices=["practice", "mock"], default="practice")
    run.add_argument("--seed", type=int, help="shuffle with this seed (repeatable sets)")
    run.add_argument("--shuffle", action="store_true", help="shuffle (a seed is chosen)")
    run.add_argument("--seconds", type=positive, metavar="N", help="seconds per question")
    full = run.add_argument_group(
        "full interview", "intro, technical, behavioral and design sections, then your own "
        "questions for the interviewer (default: every deck; counts and minutes from settings)")
    full.add_argument("--full", action="store_true", help="run a full interview")
    for section in FULL_SECTIONS:
        full.add_argument(f"--{section}", type=count, metavar="N", help=f"{section} questions"
                          + (" (system-design or situational)" if section == "design" else ""))
    full.add_argument("--minutes", type=positive, metavar="N", help="the whole time budget")


def _add_import(commands: Commands) -> None:
    from mockint.storage.formats import registry

    imp = commands.add_parser(
        "import", help="import questions from Markdown, CSV, JSON or Anki files into your decks",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description=textwrap.fill(
            "Import questions into a new deck in your decks folder, or add them to your deck "
            "--deck-id. Questions already in that deck are skipped, so importing a file again "
            "adds only what is new. --dry-run shows what would be imported.", 80),
        epilog=registry.help_text())
    imp.add_argument("file", type=Path, metavar="FILE", help="a file, or a folder of files")
    imp.add_argument("--format", choices=registry.NAMES,
                     help="the file's format (default: from its extension and content)")
    imp.add_argument("--deck-id", type=deck_id, metavar="ID",
                     help="deck to create or add to (default: a new deck named after the file)")
    imp.add_argument("--title", help="title of a new deck (default: from the file)")
    imp.add_argument("--category", default="technical",
                     help="category of questions whose category is empty or unknown "
                          "(default: technical)")
    imp.add_argument("--level", default="mid",
                     help="level of questions whose level is empty or unknown (default: mid)")
    imp.add_argument("--map-category", action="append", default=[], metavar="FROM=TO",
                     help="read category FROM as TO (repeatable)")
    imp.add_argument("--map-level", action="append", default=[], metavar="FROM=TO",
                     help="read level FROM as TO (repeatable)")
    imp.add_argument("--dry-run", action="store_true",
                     help="show the questions, problems and warnings; write nothing")
    imp.add_argument("--update", action="store_true",
                     help="replace the answer of a question already in the deck when the "
                          "file's answer differs")
    imp.add_argument("--per-file", action="store_true",
                     help="for a folder: one deck per file (default: one deck)")


def _add_export_deck(commands: Commands) -> None:
    from mockint.storage.formats import registry

    export = commands.add_parser("export-deck", help="export a deck as CSV, Markdown or JSON")
    export.add_argument("deck", metavar="DECK", help="deck id; see `mockint decks`")
    export.add_argument("--format", choices=registry.WRITABLE, required=True)
    _add_output(export)


def _add_new_deck(commands: Commands) -> None:
    new = commands.add_parser("new-deck", help="create a deck with one example question")
    new.add_argument("name", metavar="NAME", help="the deck's title; its id is made from it")


def _add_stories(commands: Commands) -> None:
    """`stories` lists the STAR story bank; `stories export` writes it out."""
    stories = commands.add_parser(
        "stories", help="list your STAR stories and the competencies without one",
        description="Your STAR stories (add and edit them in the app: b on home, or the "
        "command palette). `mockint stories export` writes them as Markdown or JSON.")
    which = stories.add_subparsers(dest="stories_command", metavar="export")
    export = which.add_parser("export", help="export every story as Markdown or JSON")
    export.add_argument("--format", choices=["md", "json"], default="md")
    _add_output(export)


def _add_plan(commands: Commands) -> None:
    """`plan`, `plan add` and `plan remove`: interview dates and the daily plan toward them."""
    plan = commands.add_parser(
        "plan", help="upcoming interviews and today's plan toward the next one",
        description="With no command: each upcoming interview with its countdown, and the "
        "plan toward the next one (today in full, then the days after).")
    what = plan.add_subparsers(dest="plan_command", metavar="COMMAND")
    add = what.add_parser("add", help="add an interview: mockint plan add 2026-12-15 --label "
                          "Acme --deck django-technical --deck behavioral")
    add.add_argument("date", metavar="DATE", help="the day, as YYYY-MM-DD")
    add.add_argument("--label", help='a name such as "Acme — backend" (default: the date)')
    add.add_argument("--time", metavar="HH:MM", help="when it starts (local time)")
    add.add_argument("--deck", action="append", default=[], metavar="ID",
                     help="a deck it covers (repeatable; default: every deck)")
    add.add_argument("--category", action="append", default=[], metavar="NAME",
                     help="only questions of this category (repeatable)")
    add.add_argument("--level", action="append", default=[], metavar="NAME",
                     help="only questions of this level (repeatable)")
    remove = what.add_parser("remove", help="remove an interview by its number or label")
    remove.add_argument("which", metavar="LABEL|N", help="as `mockint plan` lists them")


def _add_output(parser: argparse.ArgumentParser) -> None:
    """`-o FILE` and `--mkdir`, as every exporting command takes them."""
    parser.add_argument("-o", "--output", type=Path, metavar="FILE",
                        help="write to FILE instead of standard output")
    parser.add_argument("--mkdir", action="store_true", help="create FILE's folder if missing")


COMMANDS: dict[str, Callable[[Commands], None]] = {
    "decks": _add_decks,
    "validate": _add_validate,
    "locate": _add_locate,
    "history": _add_history,
    "export": _add_export,
    "practice": _add_practice,
    "stats": _add_stats,
    "config": _add_config,
    "edit": _add_edit,
    "run": _add_run,
    "import": _add_import,
    "export-deck": _add_export_deck,
    "new-deck": _add_new_deck,
    "stories": _add_stories,
    "plan": _add_plan,
}
"""Each command's sub-parser, by name, in the order `mockint -h` lists them."""


# --- argument types ----------------------------------------------------------------


def deck_id(text: str) -> str:
    import re

    from mockint.core.deck import ID_PATTERN

    if not re.fullmatch(ID_PATTERN, text):
        raise argparse.ArgumentTypeError(f"{text!r}: use lowercase words joined by hyphens")
    return text


def count(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"expected a whole number (0 or more), got {text!r}")
    return int(text)


def positive(text: str) -> int:
    if not text.isdigit() or int(text) <= 0:
        raise argparse.ArgumentTypeError(f"expected a whole number above 0, got {text!r}")
    return int(text)
