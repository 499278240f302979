"""What the start-up path loads (issue 15), and the settings records that keep it light.

The home screen is drawn, the history opened and home's workers finished in a
fresh interpreter, which then reports what it imported: the home screen must
not need pydantic, the session models, the interview or reveal screens. Those
are behaviour checks (which code runs), not timings.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from mockint.storage.settings import Settings, SettingsProblem, load_settings, problem_words
from mockint.storage.themes import ThemeFile

NOT_AT_START = ("pydantic", "fsrs", "mockint.core.session", "mockint.core.deck",
                "mockint.core.analysis", "mockint.tui.interview_flow",
                "mockint.tui.screens.interview", "mockint.tui.screens.reveal")

HOME_UP = textwrap.dedent("""
    import asyncio, sys
    from mockint.tui.app import make_app

    async def main():
        app = make_app(history_in_background=True)  # as `mockint` does
        async with app.run_test(size=(120, 40)) as pilot:
            for _ in range(400):
                await pilot.pause()
                if app.history is not None:
                    break
            assert app.history is not None, "the history never opened"
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.screen.query_one("#decks").row_count == 5, "home lists the bundled decks"
            assert "No interview date yet" in str(app.screen.query_one("#plan").render())
            problems = [n.message for n in app._notifications]
        prefixes = {prefixes!r}
        print(repr(problems))
        print("loaded:" + ",".join(sorted(m for m in sys.modules
                              if any(m == p or m.startswith(p + ".") for p in prefixes))))

    asyncio.run(main())
""")


def home_in_a_fresh_process(prefixes: tuple[str, ...]) -> tuple[str, list[str]]:
    """Start home like the CLI does; the notifications shown and the modules loaded.

    The deck index is made first, as by an earlier start: the very first start
    validates every deck once (after its first frame), which needs the deck models.
    """
    subprocess.run([sys.executable, "-c", "from mockint.storage.decks import DeckStore; "
                    "DeckStore.discover(index=True).check_pending()"],
                   env=dict(os.environ), check=True, timeout=120)
    proc = subprocess.run([sys.executable, "-c", HOME_UP.format(prefixes=prefixes)],
                          env=dict(os.environ), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    notices, modules = proc.stdout.strip().splitlines()[-2:]
    return notices, [m for m in modules.removeprefix("loaded:").split(",") if m]


def test_home_opens_without_pydantic_or_the_interview_code(mockint_home: Path):
    # A settings file with values of each kind: read without pydantic when valid.
    (mockint_home / "config").mkdir(exist_ok=True)
    settings_file = mockint_home / "config" / "settings.toml"
    settings_file.write_text('theme = "mockint-light"\nwarning_fraction = 0.3\nbell = true\n'
                             'deck_folders = []\ndaily_minutes = 45\n', encoding="utf-8")
    from mockint import paths

    assert paths.settings_path() == settings_file, "the test writes where mockint reads"
    notices, loaded = home_in_a_fresh_process(NOT_AT_START)
    assert loaded == [], f"the home screen loaded {loaded}"
    assert "Settings not read" not in notices


def test_an_invalid_settings_file_on_the_home_path_is_still_reported(mockint_home: Path):
    from mockint import paths

    path = paths.settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("words_per_minute = 5\n", encoding="utf-8")
    with pytest.raises(SettingsProblem) as caught:
        load_settings(path)
    notices, loaded = home_in_a_fresh_process(("pydantic",))
    assert str(caught.value) in notices and "words_per_minute" in str(caught.value)
    assert "pydantic" in loaded  # pydantic checked it


@pytest.mark.parametrize("text", ['bell = "yes"', "default_seconds = 0", 'default_mode = "exam"',
                                  "deck_folders = [1]", "colour = 1", "warning_fraction = true"])
def test_a_broken_settings_value_is_worded_from_pydantics_own_error(tmp_path: Path, text: str):
    """The quick path hands anything doubtful to pydantic: the message is the one the
    pydantic model of the same declaration gives, in the settings' words."""
    import tomllib

    path = tmp_path / "settings.toml"
    path.write_text(text + "\n", encoding="utf-8")
    with pytest.raises(ValidationError) as pydantic_says:
        Settings.pydantic_model().model_validate(tomllib.loads(text))
    expected = problem_words(pydantic_says.value.errors()[0], on_screen=False)[1]
    with pytest.raises(SettingsProblem) as caught:
        load_settings(path)
    assert str(caught.value) == f"{path}: {expected}"


# Values a TOML file can hold, biased toward the edges of the declared rules.
toml_values = st.one_of(
    st.booleans(), st.none(),
    st.integers(min_value=-5, max_value=4000), st.sampled_from([0, 1, 60, 300, 301, 3600, 3601]),
    st.floats(min_value=-1, max_value=2, allow_nan=False), st.sampled_from([0.0, 0.7, 0.9, 0.99, 1.0]),
    st.text(max_size=6), st.sampled_from(["mock", "practice", "nord", "a-b", "A", "a\n", "#fff"]),
    st.lists(st.one_of(st.text(max_size=3), st.integers()), max_size=2),
    st.dictionaries(st.sampled_from(["covered", "missed"]), st.one_of(st.text(max_size=3),
                                                                      st.integers()), max_size=2),
)


@pytest.mark.parametrize("record", [Settings, ThemeFile])
@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_the_quick_check_agrees_with_pydantic(record, data):
    """Whatever a file holds, the record is what pydantic makes of it, or pydantic's error."""
    keys = st.sampled_from([*record._fields, "unknown"]) if data.draw(st.integers(0, 9)) == 0 \
        else st.sampled_from(list(record._fields))
    required = {"name": "a-1", "primary": "#336699"} if record is ThemeFile else {}
    data = {**required, **data.draw(st.dictionaries(keys, toml_values, max_size=3))}
    model = record.pydantic_model()
    try:
        expected = model.model_validate(data).model_dump()
    except ValidationError as error:
        with pytest.raises(ValidationError) as caught:
            record.model_validate(data)
        assert caught.value.errors() == error.errors()
        return
    got = record.model_validate(data).model_dump()
    assert got == expected
    assert [type(v) for v in got.values()] == [type(v) for v in expected.values()]


def test_records_copy_compare_and_dump_like_pydantic_models():
    chosen = Settings(theme="nord", deck_folders=["~/decks"])
    assert chosen == Settings.model_validate({"theme": "nord", "deck_folders": ["~/decks"]})
    assert chosen != Settings() and Settings() == Settings.model_construct()
    moved = chosen.model_copy(update={"theme": "plain"})
    assert (moved.theme, chosen.theme) == ("plain", "nord")
    dumped = chosen.model_dump(exclude_none=True)
    assert "default_seconds" not in dumped and dumped["deck_folders"] == ["~/decks"]
    dumped["deck_folders"].append("x")  # a dump is a copy
    assert chosen.deck_folders == ["~/decks"]
    assert Settings().deck_folders is not Settings().deck_folders
    with pytest.raises(ValidationError):
        Settings(words_per_minute=10)


RUN_UP = textwrap.dedent("""
    import asyncio, sys
    from textual.app import App
    from textual.screen import Screen
    from mockint.cli import main

    seen = {{}}
    draw = Screen._compositor_refresh

    def drawn(screen):
        draw(screen)
        if type(screen).__name__ == "InterviewScreen" and "first" not in seen:
            seen["first"] = sorted(m for m in sys.modules if any(
                m == p or m.startswith(p + ".") for p in {prefixes!r}))
            seen["awaiting"] = screen.awaiting

    Screen._compositor_refresh = drawn

    def run(app, **_):
        async def go():
            async with app.run_test(size=(120, 40)) as pilot:
                for _ in range(20):
                    await pilot.pause()
                    if app.interview is not None:
                        break
                seen["then"] = app.interview.current.question.id
        asyncio.run(go())

    App.run = run
    main(["run", "--deck", "django-technical", "--count", "2"])
    print(seen["awaiting"], seen["then"], "loaded:" + ",".join(seen["first"]))
""")


def test_mockint_run_draws_its_first_question_before_loading_the_models(mockint_home: Path):
    """Once the deck index knows the deck is good (any earlier start), `mockint run`
    draws question 1 without pydantic; the interview is built right after. Nor does it
    need the history's sqlite3 or the import formats (the parser for `run` alone)."""
    prefixes = (*NOT_AT_START, "sqlite3", "mockint.storage.formats")

    def run_up() -> list[str]:
        proc = subprocess.run([sys.executable, "-c", RUN_UP.format(prefixes=prefixes)],
                              env=dict(os.environ), capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0, proc.stderr[-3000:]
        return proc.stdout.strip().splitlines()[-1].split()

    first = run_up()  # a new home: the deck is validated first (the models are loaded)
    assert first[0] == "False" and "pydantic" in first[2]
    awaiting, question, loaded = run_up()
    assert awaiting == "True" and question == first[1], "the same question, asked at once"
    assert loaded.removeprefix("loaded:").split(",") == ["mockint.tui.screens.interview"]
