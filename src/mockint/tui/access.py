"""The one typed way from a screen or widget to the running `MockintApp`."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from textual.dom import DOMNode

if TYPE_CHECKING:
    from mockint.tui.app import MockintApp


def mockint_app(node: DOMNode) -> MockintApp:
    """`node.app`, typed: screens read the history, decks and settings through this."""
    return cast("MockintApp", node.app)
