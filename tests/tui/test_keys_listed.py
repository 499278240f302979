"""Help and palette complete: every binding of every screen is in its F1 help and can be
run from the command palette (both generated from the bindings, `tui/keys.py`)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import tomli_w
from textual.screen import Screen

import mockint.tui.screens as screens_package
from mockint.tui.screens.help import HelpScreen, describe_keys
from tests.helpers import make_record


def every_screen_class() -> list[type[Screen]]:
    found = []
    for module in pkgutil.iter_modules(screens_package.__path__):
        loaded = importlib.import_module(f"{screens_package.__name__}.{module.name}")
        found += [cls for cls in vars(loaded).values()
                  if inspect.isclass(cls) and issubclass(cls, Screen)
                  and cls.__module__ == loaded.__name__]
    return found


def factories(deck, record, interview, deck_path):
    """How to make each screen that needs something to show (the rest take no arguments)."""
    from mockint.tui.screens.compare import Attempt

    attempt = Attempt(record.answers[0], record.id, record.started_at)
    return {
        "AnswerScreen": lambda cls: cls(record.answers[0]),
        "AskTextScreen": lambda cls: cls("Name?"),
        "AskThemScreen": lambda cls: cls(interview, [deck]),
        "ChoiceScreen": lambda cls: cls("Which?", [("a", "A")]),
        "CompareScreen": lambda cls: cls(attempt, attempt),
        "ConfirmScreen": lambda cls: cls("Sure?"),
        "DeckEditorScreen": lambda cls: cls(deck_path),
        "DeckMetaScreen": lambda cls: cls(deck),
        "HelpScreen": lambda cls: cls(Screen()),
        "InterviewScreen": lambda cls: cls(interview),
        "RevealScreen": lambda cls: cls(interview),
        "NoteScreen": lambda cls: cls(""),
        "QuestionFormScreen": lambda cls: cls(None, "new-question"),
        "SessionScreen": lambda cls: cls(record),
        "SummaryScreen": lambda cls: cls(record),
        "SetupScreen": lambda cls: cls([deck]),
        "StoryPickerScreen": lambda cls: cls([], [], None),
        "TimelineScreen": lambda cls: cls(deck.id, deck.questions[0].id, "prompt"),
    }


async def test_every_binding_of_every_screen_is_in_its_help_and_in_the_palette(
        app, tui_deck, tmp_path):
    from mockint.core.session import Interview, SessionConfig, select_questions
    from mockint.core.timing import FakeClock

    deck_path = tmp_path / "tui.toml"
    deck_path.write_text(tomli_w.dumps(tui_deck.model_dump(mode="json", exclude_none=True)))
    record = make_record(tui_deck, ["an answer"], [3])
    config = SessionConfig(deck_ids=[tui_deck.id])
    interview = Interview.start(select_questions([tui_deck], config), config, clock=FakeClock())
    made = factories(tui_deck, record, interview, deck_path)
    missing: list[str] = []
    async with app.run_test(size=(120, 40)):
        classes = every_screen_class()
        assert len(classes) >= 25  # the walk found the screens
        for cls in classes:
            make = made.get(cls.__name__, lambda cls: cls())
            try:
                screen = make(cls)
            except TypeError as error:
                raise AssertionError(f"{cls.__name__}: add a factory to this test ({error})") from error
            help_rows = describe_keys(screen)
            help_keys = {key for keys, _ in help_rows for key in keys.split(" / ")}
            help_words = {description for _, description in help_rows}
            palette = {command.title: command for command in app.get_system_commands(screen)}
            for binding in (b for bs in screen._bindings.key_to_bindings.values() for b in bs):
                where = f"{cls.__name__} {binding.key} ({binding.action})"
                if not binding.description:
                    missing.append(f"{where}: no description")
                    continue
                if app.get_key_display(binding) not in help_keys:
                    missing.append(f"{where}: not in F1 help")
                if not any(d.startswith(binding.description) for d in help_words):
                    missing.append(f"{where}: description not in F1 help")
                if binding.description not in palette:
                    missing.append(f"{where}: not in the palette")
    assert not missing, "\n".join(missing)


async def test_f1_on_home_lists_p_r_and_enter_and_the_palette_runs_a_screen_key(app, history,
                                                                              tui_deck):
    from mockint.tui.screens.note import NoteScreen
    from mockint.tui.screens.session import SessionScreen

    history.save_session(make_record(tui_deck, ["an answer"], [3]))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        keys = str(app.screen.query_one("#help-keys").render())
        rows = {line.split()[0]: line for line in keys.splitlines()}
        # Nothing is due and nothing to resume: still listed, marked as not available now.
        assert "Practise due (not available now)" in rows["p"]
        assert "Resume (not available now)" in rows["r"]
        assert "Open" in rows["⏎"] and "Start interview" in rows["s"]
        await pilot.press("escape")
        # Enter from the palette does what Enter on the list does: open the session.
        app.screen.query_one("#recent").focus()
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        assert commands["Open"].help.startswith("⏎ · ")
        app.call_later(commands["Open"].callback)
        await pilot.pause()
        assert isinstance(app.screen, SessionScreen)
        # A screen's own key, run by name from the palette: `e` Note.
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        app.call_later(commands["Note"].callback)
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
