"""Counts of one read as one: every screen that shows a count, with a history of one
session, one answer, one attempt and one search hit, says "1 answer", never "1 answers"."""

from __future__ import annotations

import re

from mockint.tui.screens.summary import SummaryScreen
from tests.helpers import make_record, screen_text

# "1 questions", "1 answers contain": a count of one followed by a plural noun or verb.
SINGULAR_ENDING_IN_S = {"pass", "focus", "status", "analysis", "class", "progress", "this", "is",
                        "was", "has", "does", "yes", "plus", "less"}
ONE_AND_A_PLURAL = re.compile(r"(?<![\d.,/:])\b1 ([a-z][a-z-]*s)\b(?! of)")


def plural_slips(text: str) -> list[str]:
    return [m.group(0) for m in ONE_AND_A_PLURAL.finditer(text)
            if m.group(1) not in SINGULAR_ENDING_IN_S]


def test_the_check_catches_the_slips_it_is_for():
    assert plural_slips("1 questions · 1 answers contain “x”") == ["1 questions", "1 answers"]
    assert plural_slips("1 question · 1 of 3 questions · 11 answers · 21 words") == []


async def test_every_count_of_one_is_singular(app, history, tui_deck):
    record = make_record(tui_deck, ["slicing is lazy"], [3])
    history.save_session(record)
    history.set_note(record.id, "one note")
    seen: dict[str, str] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        seen["home"] = screen_text(app)
        await pilot.press("h")
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen["history"] = screen_text(app)
        await pilot.press("slash", *"lazy", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen["search"] = screen_text(app)
        assert "1 answer contains “lazy”" in seen["search"]
        await pilot.press("enter")  # the answer
        await pilot.pause()
        await pilot.press("t")  # its timeline: one attempt
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen["timeline"] = screen_text(app)
        assert "1 attempt" in seen["timeline"]
        app.push_screen(SummaryScreen(history.load_session(record.id)))
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen["summary"] = screen_text(app)
        while type(app.screen).__name__ != "HomeScreen":
            app.pop_screen()
        await pilot.pause()
        await pilot.press("t")  # stats: one session, one answer
        await app.workers.wait_for_complete()
        await pilot.pause()
        seen["stats"] = screen_text(app)
        assert "1 session, 1 answer" in seen["stats"]
    slips = {name: plural_slips(text) for name, text in seen.items() if plural_slips(text)}
    assert not slips
