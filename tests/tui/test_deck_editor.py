"""Pilot tests of the deck editor: decks list, question form, save safety, undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Select, TextArea

from mockint.storage.decks import read_deck
from mockint.tui.app import make_app
from mockint.tui.screens.choice import ChoiceScreen
from mockint.tui.screens.confirm import ConfirmScreen
from mockint.tui.screens.deck_editor import DeckEditorScreen
from mockint.tui.screens.deck_meta import DeckMetaScreen
from mockint.tui.screens.decks import DecksScreen
from mockint.tui.screens.import_dialog import ImportScreen, complete_path
from mockint.tui.screens.question_form import QuestionFormScreen

SIZE = (120, 40)

MY_DECK = '''# My own questions for Acme
schema = 1
id = "acme"
title = "Acme loop"
time_limit = 90

[[questions]]
id = "why-acme"
category = "intro"
prompt = "Why do you want to work at Acme?"
sample_answer = "Because of the payments team."

[[questions]]
id = "orm-n-plus-one"
category = "technical"
prompt = "What is the N+1 problem?"
key_points = [{ point = "One query per row", cues = ["per row"] }]
'''


def shown(widget) -> str:
    return str(widget.render())


@pytest.fixture
def deck_file(mockint_home) -> Path:
    path = Path(mockint_home, "decks", "acme.toml")
    path.parent.mkdir(parents=True)
    path.write_text(MY_DECK.replace("# My own questions for Acme\n", ""), encoding="utf-8")
    return path


@pytest.fixture
def editor_app(deck_file, clock):
    return make_app(clock=clock, edit_deck=deck_file)


async def fill(pilot, **fields: str) -> None:
    screen = pilot.app.screen
    for name, value in fields.items():
        widget = screen.query_one(f"#{name}")
        if isinstance(widget, TextArea):
            widget.text = value
        elif isinstance(widget, Select):
            widget.value = value
        else:
            widget.value = value
    await pilot.pause()


async def test_add_a_question_with_live_validation_then_save_and_reopen(editor_app, deck_file):
    async with editor_app.run_test(size=SIZE) as pilot:
        assert isinstance(editor_app.screen, DeckEditorScreen)
        await pilot.press("a")
        form = editor_app.screen
        assert isinstance(form, QuestionFormScreen)
        assert form.query_one("#save").disabled  # an empty prompt is not a question
        assert form.query_one("#error-prompt", ).render()
        await fill(pilot, prompt="How do [bold]signals[/] work?", category="technical",
                   key_points="Receivers run synchronously | synchronous\n | orphan cue",
                   time_limit="ninety")
        assert "line 2" in shown(form.query_one("#error-key_points"))
        assert form.query_one("#field-time_limit").has_class("-invalid")
        assert form.query_one("#save").disabled
        await pilot.press("ctrl+s")
        assert isinstance(editor_app.screen, QuestionFormScreen)  # refused; nothing lost
        assert form.query_one("#key_points", TextArea).text.endswith("| orphan cue")
        await fill(pilot, key_points="Receivers run synchronously | synchronous, same thread",
                   time_limit="150")
        assert not form.query_one("#save").disabled
        await pilot.press("ctrl+s")
        editor = editor_app.screen
        assert isinstance(editor, DeckEditorScreen) and editor.dirty
        assert editor.query_one(DataTable).row_count == 3
        await pilot.press("ctrl+s")
        assert not editor.dirty
    saved = read_deck(deck_file)
    new = saved.questions[-1]
    assert new.id == "how-do-bold-signals-work"
    assert new.prompt == "How do [bold]signals[/] work?"
    assert new.key_points[0].cues == ["synchronous", "same thread"] and new.time_limit == 150
    assert Path(str(deck_file) + ".bak").read_text() == MY_DECK.replace(
        "# My own questions for Acme\n", "")


async def test_editing_keeps_the_id_when_the_prompt_changes(editor_app, deck_file):
    async with editor_app.run_test(size=SIZE) as pilot:
        await pilot.press("down", "enter")
        await fill(pilot, prompt="Explain the N+1 query problem and its fix.")
        await pilot.press("ctrl+s", "ctrl+s")
    question = read_deck(deck_file).questions[1]
    assert question.id == "orm-n-plus-one"
    assert question.prompt.startswith("Explain the N+1")


async def test_delete_undo_duplicate_and_reorder(editor_app, deck_file):
    async with editor_app.run_test(size=SIZE) as pilot:
        editor = editor_app.screen
        await pilot.press("d")
        assert [q.id for q in editor.questions] == ["orm-n-plus-one"]
        await pilot.press("u")
        assert [q.id for q in editor.questions] == ["why-acme", "orm-n-plus-one"]
        await pilot.press("c")
        duplicate = editor.questions[1]
        assert duplicate.prompt == editor.questions[0].prompt
        assert duplicate.id not in {"why-acme", "orm-n-plus-one"}
        await pilot.press("d", "down")
        await pilot.press("left_square_bracket")
        assert [q.id for q in editor.questions] == ["orm-n-plus-one", "why-acme"]
        await pilot.press("ctrl+s")
    assert [q.id for q in read_deck(deck_file).questions] == ["orm-n-plus-one", "why-acme"]


async def test_search_and_filters_narrow_the_table(editor_app):
    async with editor_app.run_test(size=SIZE) as pilot:
        editor = editor_app.screen
        editor.query_one("#search", Input).value = "n+1"
        await pilot.pause()
        assert editor.query_one(DataTable).row_count == 1
        editor.query_one("#search", Input).value = ""
        editor.query_one("#category", Select).value = "intro"
        await pilot.pause()
        assert editor.shown == [0]
        editor.query_one(DataTable).focus()
        await pilot.press("right_square_bracket")  # reordering is refused while filtered
        assert [q.id for q in editor.questions] == ["why-acme", "orm-n-plus-one"]


async def test_leaving_with_unsaved_changes_asks_save_discard_or_stay(editor_app, deck_file):
    before = deck_file.read_text()
    async with editor_app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "escape")
        assert isinstance(editor_app.screen, ChoiceScreen)
        await pilot.press("c")  # stay
        assert isinstance(editor_app.screen, DeckEditorScreen)
        await pilot.press("escape", "d")  # discard
        assert not isinstance(editor_app.screen, DeckEditorScreen)
    assert deck_file.read_text() == before


async def test_leave_and_save_from_the_guard(editor_app, deck_file):
    async with editor_app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "escape", "s")
        await pilot.pause()
        assert not isinstance(editor_app.screen, DeckEditorScreen)
    assert len(read_deck(deck_file).questions) == 1


async def test_a_file_changed_on_disk_is_not_silently_overwritten(editor_app, deck_file):
    async with editor_app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        deck_file.write_text(deck_file.read_text().replace("Acme loop", "Edited elsewhere"))
        await pilot.press("ctrl+s")
        assert isinstance(editor_app.screen, ChoiceScreen)
        assert "changed on disk" in editor_app.screen.question
        await pilot.press("r")  # reload theirs
        editor = editor_app.screen
        assert editor.deck.title == "Edited elsewhere" and len(editor.questions) == 2
        await pilot.press("d", "ctrl+s")
        assert not editor.dirty  # no conflict now: saved
    assert read_deck(deck_file).title == "Edited elsewhere"


async def test_comments_are_warned_about_before_the_first_save(mockint_home, clock):
    path = Path(mockint_home, "decks", "acme.toml")
    path.parent.mkdir(parents=True)
    path.write_text(MY_DECK)
    app = make_app(clock=clock, edit_deck=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "ctrl+s")
        assert isinstance(app.screen, ConfirmScreen)
        assert "has comments" in app.screen.question
        await pilot.press("y")
        assert "#" not in path.read_text()
        assert Path(str(path) + ".bak").read_text().startswith("# My own questions")
        await pilot.press("u", "ctrl+s")  # asked once per editing session
        assert not isinstance(app.screen, ConfirmScreen)
        assert not app.screen.dirty


async def test_deck_details_are_edited_and_checked(editor_app, deck_file):
    async with editor_app.run_test(size=SIZE) as pilot:
        await pilot.press("m")
        assert isinstance(editor_app.screen, DeckMetaScreen)
        await fill(pilot, time_limit="0")
        assert editor_app.screen.query_one("#save").disabled
        await fill(pilot, title="Acme final loop", time_limit="100", interviewer_name="Dana",
                   interviewer_role="CTO")
        await pilot.press("ctrl+s", "ctrl+s")
    deck = read_deck(deck_file)
    assert (deck.title, deck.time_limit, deck.interviewer.name) == ("Acme final loop", 100, "Dana")


async def test_decks_screen_copies_a_bundled_deck_and_creates_a_new_one(clock, mockint_home):
    app = make_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DecksScreen)
        table = screen.query_one(DataTable)
        assert table.row_count >= 5
        await pilot.press("enter")  # bundled: read-only
        assert isinstance(app.screen, DecksScreen)
        await pilot.press("c")
        copies = list(Path(mockint_home, "decks").glob("*.toml"))
        assert len(copies) == 1
        copy = read_deck(copies[0])
        assert copy.id.endswith("-mine") and "(my copy)" in copy.title
        await pilot.press("n", *"Acme onsite", "enter")
        assert isinstance(app.screen, DeckEditorScreen)
        assert app.screen.path == Path(mockint_home, "decks", "acme-onsite.toml")
        await pilot.press("escape", "escape")
    assert read_deck(Path(mockint_home, "decks", "acme-onsite.toml")).title == "Acme onsite"


async def test_import_from_the_decks_screen_then_again_adds_nothing(clock, mockint_home, tmp_path):
    source = tmp_path / "acme.csv"
    source.write_text("prompt,sample_answer,category\n"
                      "What is a queryset?,A lazy query,technical\n"
                      "Why Acme?,The team,intro\n"
                      "Broken row,,nonsense\n", encoding="utf-8")
    app = make_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "i")
        await pilot.press(*str(source), "enter")  # preview first
        await app.workers.wait_for_complete()
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ImportScreen)
        assert "3 questions read (as csv): 3 new questions → new deck “acme”" in str(
            dialog.query_one("#status").render())
        assert dialog.query_one("#preview", DataTable).row_count == 3
        assert not (mockint_home / "decks" / "acme.toml").exists()  # a preview writes nothing
        await pilot.press("enter")  # the same path again: import
        await app.workers.wait_for_complete()
        await pilot.pause()
        imported = [n.message for n in app._notifications if n.title == "Imported"]
        assert "3 questions added" in imported[-1] and "line 4: unknown category" in imported[-1]
        assert any(e.deck and e.deck.id == "acme" for e in app.decks.entries)
        await pilot.press("i", *str(source), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(app.screen.query_one("#status").render())
        assert "0 new questions (3 already there) → deck “acme”" in status
        assert app.screen.query_one("#import-button").disabled


async def test_import_dialog_says_why_nothing_can_be_imported(clock, mockint_home, tmp_path):
    app = make_app(clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "i", *str(tmp_path / "missing.md"), "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "file not found" in str(app.screen.query_one("#notes").render())
        assert app.screen.query_one("#import-button").disabled
        await pilot.press("escape")
        assert not isinstance(app.screen, ImportScreen)


def test_path_completion(tmp_path):
    (tmp_path / "questions.md").write_text("x")
    (tmp_path / "notes").mkdir()
    assert complete_path(str(tmp_path / "que")) == str(tmp_path / "questions.md")
    assert complete_path(str(tmp_path / "no")) == str(tmp_path / "notes") + "/"
    assert complete_path(str(tmp_path / "zzz")) is None


async def test_export_a_deck_from_the_decks_screen(app, mockint_home):
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "x", "j")
        await app.workers.wait_for_complete()
    exported = Path(mockint_home, "data", "exports", "tui.json")
    assert '"slicing"' in exported.read_text()
