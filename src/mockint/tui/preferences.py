"""Settings and themes while the app runs: apply, save off the UI thread, report problems."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockint.storage.settings import Settings, SettingsProblem

if TYPE_CHECKING:
    from mockint.tui.app import MockintApp


class Preferences:
    """The app's settings: applied at once, written to settings.toml in a worker."""

    def __init__(self, app: MockintApp, settings: Settings, problem: SettingsProblem | None,
                 theme_problems: list[str]) -> None:
        self.app = app
        self.settings = settings
        self.problem = problem
        self.theme_problems = theme_problems

    def update(self, settings: Settings) -> None:
        """Apply new settings now and keep them in settings.toml (atomically, off the UI)."""
        app = self.app
        self.settings = settings
        if settings.theme != app.theme and settings.theme in app.available_themes:
            app.theme = settings.theme
        app.run_worker(lambda: self._write(settings), thread=True, exclusive=True,
                       group="settings")

    def theme_chosen(self, name: str) -> None:
        """A theme picked from the palette or the settings screen is remembered."""
        if self.app.is_running and name != self.settings.theme:
            self.update(self.settings.model_copy(update={"theme": name}))

    def _write(self, settings: Settings) -> None:
        from mockint.storage.settings import save_settings

        try:
            kept = save_settings(settings)
        except OSError as error:
            self.app.call_from_thread(self.app.notify, f"Settings not saved: {error}",
                                      severity="error")
            return
        if kept is not None:
            self.app.call_from_thread(self.app.notify, "Your settings file had errors; it is kept "
                                      f"as {kept} and a valid one was written.",
                                      severity="warning", timeout=15)

    def report_problems(self) -> None:
        """Say once which theme files and settings could not be read (at start-up)."""
        if self.theme_problems:
            self.app.notify("\n".join(self.theme_problems) + "\nFix or remove those files; the "
                            "other themes work.", title="Themes skipped", severity="warning",
                            timeout=20)
            self.theme_problems = []
        if self.problem is not None:
            self.app.notify(f"{self.problem}. mockint runs on the default settings and leaves "
                            "the file as it is until you change a setting.",
                            title="Settings not read", severity="warning", timeout=20)
            self.problem = None
