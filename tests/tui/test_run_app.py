"""What the shell is told when the app ends: success only when it ended normally."""

from __future__ import annotations

from textual.app import App

from mockint.tui.app import run_app


class Crashes(App[None]):
    def on_mount(self) -> None:
        raise IndexError("string index out of range")


class Quits(App[None]):
    def on_mount(self) -> None:
        self.exit()


def test_an_app_that_crashes_exits_non_zero_and_one_that_quits_exits_zero():
    assert run_app(Crashes(), headless=True) != 0
    assert run_app(Quits(), headless=True) == 0
