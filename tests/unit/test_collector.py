"""The cyclic collector is held while the app starts and given back after its first frame.

Garbage-collector state is global to a process, so each check runs in a fresh one.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def _run(code: str, home: Path) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, timeout=120, env={"MOCKINT_HOME": str(home), "PATH": ""})
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_hold_switches_the_collector_off_and_release_freezes_and_switches_it_back(tmp_path: Path):
    said = _run("""
        import gc
        from mockint import collector
        collector.release()  # never held (tests, snapshots): nothing changes
        print(gc.isenabled(), gc.get_freeze_count() == 0)
        collector.hold()
        print(gc.isenabled())
        collector.release()
        print(gc.isenabled(), gc.get_freeze_count() > 0)
    """, tmp_path)
    assert said.split("\n") == ["True True", "False", "True True"]


def test_the_app_gives_the_collector_back_once_its_first_screen_is_drawn(tmp_path: Path):
    said = _run("""
        import asyncio, gc
        from mockint import collector
        from mockint.tui.app import make_app

        collector.hold()  # as the CLI does for the commands that open the app

        async def main():
            app = make_app(history_in_background=True)
            async with app.run_test(size=(100, 30)) as pilot:
                await pilot.pause()
                print(app.screen.query("#decks") is not None, gc.isenabled(),
                      gc.get_freeze_count() > 1000)

        asyncio.run(main())
    """, tmp_path)
    assert said == "True True True"


def test_only_the_commands_that_open_the_app_hold_the_collector(tmp_path: Path):
    said = _run("""
        import gc
        from textual.app import App
        from mockint.cli import main

        App.run = lambda self, **kw: print("app sees the collector on:", gc.isenabled())
        main(["locate"])
        print("after locate:", gc.isenabled())
        main(["run", "--deck", "python-fundamentals", "--count", "1"])
    """, tmp_path)
    assert said.endswith("after locate: True\napp sees the collector on: False")
