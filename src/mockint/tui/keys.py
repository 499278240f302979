"""Every key a screen answers to, read from its bindings: the one source of F1 help
and of the command palette's commands for that screen.

Both are generated here from `Screen.BINDINGS` (and the app's), so a binding
added to a screen shows in its help and can be run from the palette without
anyone remembering to list it; `tests/tui/test_keys_listed.py` walks every screen
class and fails if one does not. Keys that are not available right now (Resume
with nothing to resume) are listed all the same, marked, so help reads the
same whatever the state; the palette says why instead of running them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

NOT_NOW = "not available now"


@dataclass(frozen=True)
class KeyEntry:
    """One thing the screen (or the app) does, with every key that does it."""

    keys: str  # as the footer shows them, e.g. "esc / b"
    description: str
    tooltip: str
    action: str
    namespace: DOMNode
    available: bool

    def run(self, screen: Screen) -> Callable[[], object]:
        """What the palette calls: the binding's own action, or a note that it is off."""
        if not self.available:
            return partial(screen.notify, f"{self.description}: {NOT_NOW} on this screen.")
        return partial(screen.app.run_action, self.action, self.namespace)


def _available(screen: Screen, namespace: DOMNode, binding: Binding) -> bool:
    # Textual parses "app.settings" / "export('md')" before asking check_action;
    # False hides a binding from the footer, None shows it dimmed: both are "not now".
    try:
        return bool(screen.app._check_action_state(binding.action, namespace))
    except Exception:  # a check that needs a widget not mounted yet: say available
        return True


def screen_keys(screen: Screen) -> list[KeyEntry]:
    """The screen's bindings, then the app's, one entry per action (keys joined)."""
    entries: dict[tuple[int, str], tuple[list[str], Binding, DOMNode]] = {}
    for namespace, bindings in ((screen, screen._bindings), (screen.app, screen.app._bindings)):
        for binding_list in bindings.key_to_bindings.values():
            for binding in binding_list:
                if not binding.description:
                    continue
                # "app.quit" on a screen and "quit" on the app are one thing to do.
                target, action = namespace, binding.action
                if action.startswith("app."):
                    target, action = screen.app, action[4:]
                key = (id(target), action)
                display = screen.app.get_key_display(binding)
                if key in entries:
                    if display not in entries[key][0]:
                        entries[key][0].append(display)
                else:
                    entries[key] = ([display], binding, namespace)
    return [KeyEntry(" / ".join(keys), binding.description, binding.tooltip or "",
                     binding.action, namespace, _available(screen, namespace, binding))
            for keys, binding, namespace in entries.values()]


def palette_commands(screen: Screen) -> list[tuple[str, str, Callable[[], object]]]:
    """(title, help, callback) for each key of the screen: the palette runs the same
    action the key does, so anything done by a key can be found by name."""
    commands = []
    for entry in screen_keys(screen):
        if entry.action == "command_palette":
            continue  # the palette is open already
        about = entry.tooltip or entry.description
        help_text = f"{entry.keys} · {about}" + ("" if entry.available else f" ({NOT_NOW})")
        commands.append((entry.description, help_text, entry.run(screen)))
    return commands
