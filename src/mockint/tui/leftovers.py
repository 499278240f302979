"""Closed widgets that Textual keeps alive, let go of when the screen changes.

Two places in Textual 8 hold widgets after their screen has closed:

- `widget.watch(app, "name", callback)` stores `(widget, callback)` on the app and
  drops it only the next time that reactive changes (textual#6666). A TextArea
  watches `app.theme`, our screen header `app.title`: every question's answer box
  (~4,000 objects with its cached lines) and every screen's header stayed.
- `StylesCache.get_inner_outer` is an `lru_cache` on a method, so its 1,024 entries
  pin the styles caches of closed widgets, with every line they drew (textual#6665).

Harmless for a while, but the leftovers grew with every question (~8,000 objects a
reveal) and each full pass of the garbage collector walks them: in a ten-question
session the passes that land on a reveal grew from ~20 to ~50 ms. The app calls
`release_closed_widgets` on every tick: a widget is marked closing a moment after its
screen has gone, not when it goes.
"""

from __future__ import annotations

from typing import Any


def release_closed_widgets(app: Any, *, screen_changed: bool) -> None:
    """Forget closed widgets' watchers on the app (a few pairs: microseconds) and, when
    the screen has changed, empty the styles' colour cache."""
    for pairs in getattr(app, "__watchers", {}).values():
        # Textual's own rule when the value changes: a closing node's watchers go.
        if any(getattr(node, "_closing", False) for node, _ in pairs):
            pairs[:] = [(node, callback) for node, callback in pairs
                        if not getattr(node, "_closing", False)]
    if not screen_changed:
        return
    from textual._styles_cache import StylesCache

    cache_clear = getattr(StylesCache.get_inner_outer, "cache_clear", None)
    if cache_clear is not None:  # a pure colour sum: refilled at the next frame
        cache_clear()
