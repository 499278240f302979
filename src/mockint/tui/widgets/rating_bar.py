"""RatingBar: Again, Hard, Good, Easy, by key (1–4) or by mouse."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button

from mockint.core.session import RATINGS


class RatingBar(Horizontal):
    DEFAULT_CSS = """
    RatingBar { height: auto; width: auto; }
    RatingBar Button { width: auto; min-width: 0; margin: 0 1 0 0; }
    RatingBar Button.-chosen { text-style: bold reverse; }
    """

    class RatingChosen(Message):
        def __init__(self, rating: int) -> None:
            super().__init__()
            self.rating = rating

    rating: reactive[int | None] = reactive(None)

    def compose(self) -> ComposeResult:
        variants = {1: "error", 2: "warning", 3: "primary", 4: "success"}
        for value, label in RATINGS.items():
            yield Button(f"{value} {label}", id=f"rate-{value}", variant=variants[value],
                         compact=True)

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        event.stop()
        assert event.button.id is not None
        self.post_message(self.RatingChosen(int(event.button.id.removeprefix("rate-"))))

    def watch_rating(self, rating: int | None) -> None:
        for value in RATINGS:
            self.query_one(f"#rate-{value}", Button).set_class(value == rating, "-chosen")
