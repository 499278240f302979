"""The command line parses the same whether the parser is built whole or for one command."""

from __future__ import annotations

import contextlib
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from mockint.cli_parser import COMMANDS, build_parser, command_named, parse

TOKENS = [*COMMANDS, "add", "remove", "export", "show", "path", "-h", "--help", "--version",
          "--deck", "django-technical", "--count", "0", "3", "--full", "--technical", "x",
          "--deck-path", "decks/", "--format", "md", "csv", "-o", "out.md", "--limit", "--new",
          "--due", "--mode", "mock", "--category", "behavioral", "2026-12-15", "bogus", "--"]


def _outcome(make_parser, arguments: list[str]) -> tuple[object, str, str]:
    """What parsing `arguments` gives: the namespace or the exit code, and what was printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            result: object = vars(make_parser().parse_args(arguments))
        except SystemExit as exit_:
            result = ("exit", exit_.code)
    return result, out.getvalue(), err.getvalue()


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(TOKENS), max_size=6))
def test_the_parser_for_one_command_parses_as_the_whole_parser(arguments):
    whole = _outcome(build_parser, arguments)
    lean = _outcome(lambda: build_parser(command_named(arguments)), arguments)
    assert lean == whole


def test_a_command_first_builds_only_that_command():
    lean = build_parser(command_named(["run", "--count", "3"]))
    commands = next(a for a in lean._actions if a.dest == "command")
    assert list(commands.choices) == ["run"]
    assert parse(["run", "--count", "3"]).count == 3


def test_help_and_mistakes_list_every_command(capsys):
    assert command_named(["-h"]) is None and command_named(["bogus"]) is None
    assert command_named(["--deck-path", "x", "run"]) is None  # an option first: build all
    try:
        parse(["bogus"])
    except SystemExit as exit_:
        assert exit_.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'bogus'" in err and "export-deck" in err and "plan" in err
