"""Deck details: title, description, default time, interviewer persona."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, TextArea

from mockint.core.deck import Deck
from mockint.tui.widgets.plain import Plain

FIELDS = (("title", "Title"), ("description", "Description"),
          ("time_limit", "Default seconds per question"),
          ("interviewer_name", "Interviewer name (empty = default)"),
          ("interviewer_role", "Interviewer role"))


def deck_with(deck: Deck, values: dict[str, str]) -> tuple[Deck | None, str]:
    """The deck with new details, or the first problem with them."""
    data: dict[str, Any] = deck.to_toml_data()
    data["title"] = values["title"]
    data["description"] = values["description"].strip()
    data["time_limit"] = int(values["time_limit"]) if values["time_limit"].isdigit() else \
        values["time_limit"]
    if values["interviewer_name"].strip():
        data["interviewer"] = {"name": values["interviewer_name"].strip(),
                               "role": values["interviewer_role"].strip()}
    else:
        data.pop("interviewer", None)
    try:
        return Deck.model_validate(data), ""
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        return None, f"{where}: {first['msg']}"


class DeckMetaScreen(ModalScreen[Deck | None]):
    DEFAULT_CSS = """
    DeckMetaScreen { align: center middle; }
    DeckMetaScreen > Vertical {
        width: 80; height: auto; border: thick $primary; background: $surface; padding: 1 2;
    }
    DeckMetaScreen TextArea { height: 5; }
    DeckMetaScreen #meta-error { color: $text-error; height: auto; }
    DeckMetaScreen Horizontal { height: auto; align-horizontal: right; margin-top: 1; }
    DeckMetaScreen Button { margin-left: 2; }
    """
    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True),
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, deck: Deck) -> None:
        super().__init__()
        self.deck = deck

    def compose(self) -> ComposeResult:
        deck = self.deck
        persona = deck.interviewer
        values = {"title": deck.title, "description": deck.description,
                  "time_limit": str(deck.time_limit),
                  "interviewer_name": persona.name if persona else "",
                  "interviewer_role": persona.role if persona else ""}
        with Vertical():
            yield Label(f"Deck details · id {deck.id}")
            for name, label in FIELDS:
                yield Label(label)
                if name == "description":
                    yield TextArea(values[name], id=name, soft_wrap=True)
                else:
                    yield Input(values[name], id=name, compact=True)
            yield Plain("", id="meta-error")
            with Horizontal():
                yield Button("Cancel", id="cancel", action="screen.cancel")
                yield Button("Save ^S", id="save", action="screen.save", variant="primary")

    def values(self) -> dict[str, str]:
        out = {}
        for name, _ in FIELDS:
            widget = self.query_one(f"#{name}")
            out[name] = (widget.text if isinstance(widget, TextArea)
                         else self.query_one(f"#{name}", Input).value)
        return out

    @on(Input.Changed)
    @on(TextArea.Changed)
    def _changed(self) -> None:
        deck, problem = deck_with(self.deck, self.values())
        self.query_one("#meta-error", Plain).update(problem)
        self.query_one("#save", Button).disabled = deck is None

    def action_save(self) -> None:
        deck, problem = deck_with(self.deck, self.values())
        if deck is not None:
            self.dismiss(deck)

    def action_cancel(self) -> None:
        self.dismiss(None)
