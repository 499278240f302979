"""Presets and the remembered setup while the app runs (`app.setups`).

The setup screen starts from the last setup of its kind and saves presets;
home's number keys and the command palette start a preset in one step. All
of them read `SetupMemory.presets()`, generated from `core.presets`, so the
lists cannot drift apart. The file (storage/presets.py) is read and validated
the first time a setup or preset needs it, not at start-up (home shows the
names without pydantic), and written in a worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from mockint.core.presets import BUILTIN_PRESETS, FULL_INTERVIEW_KIND, Preset, presets

if TYPE_CHECKING:
    from mockint.core.session import SessionConfig
    from mockint.core.setups import Setups
    from mockint.tui.app import MockintApp

class SetupMemory:
    """The remembered setups and saved presets: read once, kept in memory, written whole."""

    def __init__(self, app: MockintApp) -> None:
        self.app = app
        self._setups: Setups | None = None
        self._writing = threading.Lock()

    @property
    def setups(self) -> Setups:
        """What is remembered (read from the file on first use; a bad file is said once
        and ignored, so the setup opens on the defaults)."""
        if self._setups is None:
            from mockint.storage.presets import load_setups_or_empty

            self._setups, problem = load_setups_or_empty()
            if problem is not None:
                self.app.notify(f"{problem}. The setup starts from the defaults; the file is "
                                "kept as it is until you next start an interview.",
                                title="Last setup not read", severity="warning", timeout=15)
        return self._setups

    def presets(self) -> list[Preset]:
        """Built-in presets, then the person's own: home numbers them in this order."""
        return presets(self.setups)

    def names(self) -> list[str]:
        """The presets' names in that order, cheaply: home's list at start-up reads the
        saved names from the file without validating it until one is used."""
        if self._setups is not None:
            return [p.name for p in self.presets()]
        from mockint.storage.presets import saved_preset_names

        return [p.name for p in BUILTIN_PRESETS] + saved_preset_names()

    # --- changes (each one written to the file) -----------------------------

    def remember(self, config: SessionConfig) -> None:
        """The setup screen started `config`: the next setup of its kind starts from it."""
        self._changed(self.setups.remember(config))

    def save_preset(self, name: str, config: SessionConfig) -> None:
        self._changed(self.setups.with_preset(name, config))
        self.app.notify(f"Saved as “{name.strip()}”: it is on home and in the palette.",
                        title="Preset saved")

    def delete_preset(self, name: str) -> None:
        self._changed(self.setups.without_preset(name))
        self.app.notify(f"Preset “{name}” deleted.")

    def _changed(self, setups: Setups) -> None:
        self._setups = setups
        self.app.run_worker(self._write, thread=True, group="setups")

    def _write(self) -> None:
        from mockint.storage.presets import save_setups

        # Each write takes the newest setups under the lock, so two quick changes
        # can never leave the older one on disk.
        with self._writing:
            setups = self._setups
            if setups is None:
                return
            try:
                kept = save_setups(setups)
            except OSError as error:
                self.app.call_from_thread(self.app.notify, f"The setup was not remembered: {error}",
                                          severity="error")
                return
        if kept is not None:
            self.app.call_from_thread(
                self.app.notify, f"Your setups file could not be read; it is kept as {kept} and "
                "a new one was written.", severity="warning", timeout=15)

    # --- starting -----------------------------------------------------------

    def start(self, preset: Preset) -> None:
        """Start the session `preset` stands for."""
        app = self.app
        if preset.kind == FULL_INTERVIEW_KIND and not preset.saved:
            app.flow.start_full_interview()  # shaped by the settings (sections, budget)
            return
        from mockint.core.presets import preset_config

        every = [e.deck_id for e in app.decks.entries if e.ok and e.deck_id]
        config = preset_config(preset, every, self.setups, app.settings.default_mode)
        if not config.deck_ids:
            app.notify(f"None of the decks of “{preset.name}” is here any more; set up an "
                       "interview and save it again.", title="Cannot start", severity="error")
            return
        app.flow.start(config)

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        """"Start interview" and one command per preset, for the command palette."""
        commands: list[tuple[str, str, Callable[[], object]]] = [
            ("Start interview", "Choose decks, how many questions, seconds and mode",
             self.app.nav.setup)]
        for preset in self.presets():
            commands.append((preset.title, "Your preset: starts at once" if preset.saved
                             else "Preset: starts at once", self._starter(preset)))
        for preset in self.presets():
            if preset.saved:
                commands.append((f"Delete preset: {preset.name}", "Remove your saved preset",
                                 self._deleter(preset.name)))
        return commands

    def _starter(self, preset: Preset) -> Callable[[], None]:
        return lambda: self.start(preset)

    def _deleter(self, name: str) -> Callable[[], None]:
        return lambda: self.ask_delete(name)

    def ask_delete(self, name: str) -> None:
        from mockint.tui.screens.confirm import ConfirmScreen

        def decided(yes: bool | None) -> None:
            if yes:
                self.delete_preset(name)

        self.app.push_screen(ConfirmScreen(f"Delete your preset “{name}”?", yes="Delete",
                                           no="Keep it"), decided)
