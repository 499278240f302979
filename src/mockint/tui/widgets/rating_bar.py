"""RatingBar: Again, Hard, Good, Easy, by key (1–4) or by mouse.

Each button runs its screen's `rate(n)` action, so the screen's `check_action`
decides whether a rating is possible, for a click as for a key. The chosen
rating says so in words ("● 3 Good"), not by reverse video alone.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.widgets import Button
from textual.widgets.button import ButtonVariant

from mockint.core.session import RATINGS

CHOSEN_MARK = "● "


class RatingBar(Horizontal):
    DEFAULT_CSS = """
    RatingBar { height: auto; width: auto; }
    RatingBar Button { width: auto; min-width: 0; margin: 0 1 0 0; }
    RatingBar Button.-chosen { text-style: bold reverse; }
    """

    rating: reactive[int | None] = reactive(None)

    def compose(self) -> ComposeResult:
        variants: dict[int, ButtonVariant] = {1: "error", 2: "warning", 3: "primary",
                                              4: "success"}
        for value, label in RATINGS.items():
            yield Button(f"{value} {label}", id=f"rate-{value}", variant=variants[value],
                         compact=True, action=f"screen.rate({value})")

    def watch_rating(self, rating: int | None) -> None:
        for value, label in RATINGS.items():
            button = self.query_one(f"#rate-{value}", Button)
            chosen = value == rating
            button.set_class(chosen, "-chosen")
            button.label = f"{CHOSEN_MARK if chosen else ''}{value} {label}"
            button.refresh(layout=True)  # its width changed; Button does not re-measure
