"""ScreenHeader: the line at the top of every full screen.

It looks like Textual's `Header` (the palette icon at the left, the app and
screen titles centred, the clock's space at the right) but is one widget
drawing one line, where Textual's is four widgets (itself, icon, title and
clock space): each screen is built and styled with three widgets fewer, about
12 ms of every screen's opening (bench: startup-home). And with no title child
to look up there is no title race: Textual's header looked its title widget up
from watchers, and a screen dismissed right after it was pushed could end the app
with `NoMatches`.
"""

from __future__ import annotations

from textual import events
from textual.content import Content
from textual.widget import Widget

ICON = "⭘"
ICON_WIDTH = 8  # as Textual's HeaderIcon: the icon and its padding
CLOCK_WIDTH = 10  # as Textual's HeaderClockSpace: kept empty, so titles centre the same


class ScreenHeader(Widget):
    """The header every full screen shows: the app title and the screen's."""

    COMPONENT_CLASSES = {"screen-header--icon-hover"}
    DEFAULT_CSS = """
    ScreenHeader {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
    }
    ScreenHeader > .screen-header--icon-hover {
        background: $foreground 10%;
    }
    """
    _icon_hover = False

    def on_mount(self) -> None:
        for node in (self.app, self.screen):
            self.watch(node, "title", self._retitle, init=False)
            self.watch(node, "sub_title", self._retitle, init=False)

    def _retitle(self) -> None:
        self.refresh()

    def title_text(self) -> Content:
        """The titles as shown (Textual's own format: "mockint — History", the second dim):
        the screen's own, else the name its help page has, so every screen says where
        you are."""
        screen, app = self.screen, self.app
        title = screen.title if screen.title is not None else app.title
        sub_title = screen.sub_title
        if sub_title is None:
            sub_title = getattr(screen, "HELP_TITLE", None) or app.sub_title
        return app.format_title(title, sub_title)

    def render(self) -> Content:
        width = self.size.width
        room = max(0, width - ICON_WIDTH - CLOCK_WIDTH)
        title = self.title_text()
        if title.cell_length > room:
            title = title.truncate(room, ellipsis=True)
        left = (room - title.cell_length) // 2
        right = max(0, width - ICON_WIDTH - left - title.cell_length)
        icon = Content(f" {ICON}".ljust(ICON_WIDTH)[:width])
        if self._icon_hover:  # as Textual's header: the icon lights up under the pointer
            icon = icon.stylize(self.get_visual_style("screen-header--icon-hover",
                                                      partial=True))
        return Content.assemble(icon, " " * left, title, " " * right)

    def _hover_icon(self, over: bool) -> None:
        if over != self._icon_hover:
            self._icon_hover = over
            self.tooltip = "Open the command palette" if over else None
            self.refresh()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._hover_icon(event.x < ICON_WIDTH)

    def on_leave(self, _: events.Leave) -> None:
        self._hover_icon(False)

    async def on_click(self, event: events.Click) -> None:
        if event.x < ICON_WIDTH:  # the icon, as in Textual's header: the command palette
            event.stop()
            await self.run_action("app.command_palette")
