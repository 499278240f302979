"""Each screen's stylesheet applies on that screen only.

Every screen's .tcss is loaded into the one app stylesheet when the screen is
first shown; unscoped, its rules then reached every other screen (after the
setup screen had been shown, the question form's `.field` took setup's
`padding: 0 1`). Each file's rules now sit under its screen's type.

The setup screen's fields have a round border (heavy when focused); the
question form's fields must keep Textual's own.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from mockint.tui.screens.question_form import QuestionFormScreen
from mockint.tui.screens.setup import SetupScreen

SCREENS = Path(__file__).resolve().parents[2] / "src" / "mockint" / "tui" / "screens"


async def test_a_rule_of_one_screen_does_not_apply_on_another(app, tui_deck):
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, SetupScreen)
        # The setup screen's own rule still applies on the setup screen…
        assert app.screen.query_one("#seconds", Input).styles.border_top[0] == "round"
        await pilot.press("escape")
        app.push_screen(QuestionFormScreen(tui_deck.questions[0], "slicing"))
        await pilot.pause()
        # …but not on the question form, which has fields of its own.
        fields = app.screen.query(Input)
        assert fields and all(f.styles.border_top[0] != "round" for f in fields)


def test_every_screen_stylesheet_is_scoped_to_its_screen():
    for path in sorted(SCREENS.glob("*.tcss")):
        lines = [line for line in path.read_text().splitlines()
                 if line.strip() and not line.lstrip().startswith("/*")]
        assert lines[0].endswith("Screen {") and lines[-1] == "}", path.name
        # Only the screen's block starts at the left margin: every rule is inside it.
        assert sum(1 for line in lines if not line.startswith(" ")) == 2, path.name
