"""The cyclic garbage collector held back while the app starts.

Starting the app creates ~60,000 long-lived objects (Textual, pydantic's schemas,
the decks, the widgets) and almost no cyclic garbage (~4,000 objects). With the
collector on, Python scans the growing heap again and again while it starts: one
full pass during the first frame alone costs ~30 ms, and the start pays ~60 ms in
all (bench: startup-home, startup-interview). So the commands that open the app
switch it off before their imports (`hold`), and the app, once its first screen is
drawn, moves everything alive then into the permanent generation and switches it
back on (`release`): later passes only look at what the session itself creates.
The one full pass `release` makes first (~30 ms, after the first frame) frees the
start-up garbage, so the held collector costs no memory for good (startup-rss).
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Switch the cyclic collector off until `release` (reference counting still frees)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Collect start-up's garbage, freeze what is left and switch the collector back on,
    if `hold` switched it off; otherwise (tests, snapshots) do nothing."""
    global _held
    if _held:
        _held = False
        gc.collect()
        gc.freeze()
        gc.enable()
