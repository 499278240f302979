"""A table whose one wide column (a title, a question) takes only the room the others
leave, so the narrow columns (counts, rating, points, status) stay in view down to 80
columns instead of being pushed off the right edge.

`FittedTable` keeps the full rows and, whenever its width changes, lays them out
again with the flexible column cut with an ellipsis to fit; if even that leaves the
flexible column under `min_flex` cells, the columns in `drop` (least useful first)
are left out until it fits.

It draws each row as one line of text (Textual's line API), not as a DataTable:
a DataTable renders every cell through Rich on its own, and a page of the history
(40 rows, 10 columns) cost ~45 ms of the screen's first frame that way, the most of
what a big history cost over an empty one (issue 15). It looks and behaves like a
row-cursor DataTable with zebra stripes: ↑ ↓ PgUp PgDn Home End move the cursor,
Enter or a click on the highlighted row selects it, a click elsewhere highlights,
the pointer's row is shaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1  # blank cells each side of a cell's text, as in a DataTable
MARK_CONTEXT = 12  # characters kept before a marked part that a cut would hide
_ONE_LINE = str.maketrans("\n\r\t", "   ")


def cut_to(cell: Text, width: int) -> Text:
    """`cell` cut to `width` cells with an ellipsis. A marked (reverse) part, such as a
    search match, stays in view: when it lies past the cut, the start gives way to …"""
    if cell.cell_len <= width:
        return cell.copy()
    marked = next((span for span in cell.spans if _reverse(span.style)), None)
    if marked is not None and cell[:marked.end].cell_len > width - 1:
        # As little as need be: the mark and what follows it, or a few words before it.
        context = min(MARK_CONTEXT, max(0, (width - 1 - (marked.end - marked.start)) // 2))
        start = max(0, min(marked.start - context, len(cell) - (width - 1)))
        cell = Text("…", end="") + cell[start:]
    cell = cell.copy()
    cell.truncate(width, overflow="ellipsis")
    return cell


def _reverse(style: str | Style) -> bool:
    return bool((Style.parse(style) if isinstance(style, str) else style).reverse)


class FittedTable(ScrollView, can_focus=True):
    """`flex` is the index of the column that gives way (it keeps at least `min_flex`
    cells); `drop` lists the columns that go, in order, when the table is too narrow
    even so."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select_cursor", "Select", show=False),
        Binding("up", "cursor_up", "Cursor up", show=False),
        Binding("down", "cursor_down", "Cursor down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("home,ctrl+home", "first_row", "First row", show=False),
        Binding("end,ctrl+end", "last_row", "Last row", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "fitted-table--header", "fitted-table--even-row", "fitted-table--cursor",
        "fitted-table--hover",
    }
    # The rows are cut to the width, so no horizontal scrollbar. The colours are a
    # DataTable's, so the tables look as they did.
    DEFAULT_CSS = """
    FittedTable {
        background: $surface;
        color: $foreground;
        height: auto;
        max-height: 100%;
        overflow-x: hidden;
        overflow-y: auto;
        &:focus {
            background-tint: $foreground 5%;
            & > .fitted-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .fitted-table--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .fitted-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .fitted-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .fitted-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .fitted-table--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .fitted-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
        & > .fitted-table--hover {
            background: $block-hover-background;
        }
    }
    """

    class _RowMessage(Message):
        def __init__(self, table: FittedTable, cursor_row: int) -> None:
            super().__init__()
            self.table = table
            self.cursor_row = cursor_row

        @property
        def control(self) -> FittedTable:
            return self.table

    class RowHighlighted(_RowMessage):
        """The cursor moved to another row."""

    class RowSelected(_RowMessage):
        """Enter, or a click, on the highlighted row."""

    def __init__(self, *, flex: int, min_flex: int = 12, drop: Sequence[int] = (),
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.flex = flex
        self.min_flex = min_flex
        self.drop = tuple(drop)
        self.cursor_row = 0
        self._hover: int | None = None
        self._labels: tuple[str, ...] = ()
        self._rows: list[tuple[Text, ...]] = []
        self._natural: list[int] = []  # each column's widest cell, label included
        self._fitted_to: tuple[int, tuple[int, ...]] | None = None
        self._lines: dict[int, list[Segment]] = {}  # row (-1: header) → its text, laid out

    # --- content -------------------------------------------------------------

    def set_columns(self, *labels: str) -> None:
        self._labels = labels
        self._measure(reset=True)
        self._fit(force=True)

    def set_rows(self, rows: Iterable[Sequence[Text]]) -> None:
        """Replace every row (the cursor stays on the same row number where it can)."""
        self._rows = [tuple(row) for row in rows]
        self._measure(reset=True)
        self._fit(force=True)
        if not self._rows:
            self.cursor_row = 0
        elif self.cursor_row >= len(self._rows):
            self.move_cursor(row=len(self._rows) - 1)

    def append_rows(self, rows: Iterable[Sequence[Text]]) -> None:
        """Add rows at the end (the next page of a long list), keeping the cursor."""
        new = [tuple(row) for row in rows]
        self._rows += new
        self._measure(new)
        self._fit(force=True)

    @property
    def row_count(self) -> int:
        return len(self._rows)

    def get_row_at(self, row: int) -> list[Text]:
        """The cells of a row as shown: the columns in view, the flexible one cut."""
        return self._cut(self._rows[row])

    @property
    def shown_columns(self) -> tuple[str, ...]:
        """The labels of the columns in view at the current width."""
        return tuple(self._labels[i] for i in self._layout()[1])

    # --- the cursor ----------------------------------------------------------

    def move_cursor(self, *, row: int, animate: bool = False) -> None:
        """Highlight `row` (kept within the rows) and scroll it into view."""
        row = max(0, min(row, len(self._rows) - 1))
        if row != self.cursor_row:
            self._refresh_row(self.cursor_row)
            self.cursor_row = row
            self._refresh_row(row)
            if self._rows:
                self.post_message(self.RowHighlighted(self, row))
        self._cursor_into_view()

    def action_select_cursor(self) -> None:
        if self._rows:
            self.post_message(self.RowSelected(self, self.cursor_row))

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - self._rows_in_view())

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + self._rows_in_view())

    def action_first_row(self) -> None:
        self.move_cursor(row=0)

    def action_last_row(self) -> None:
        self.move_cursor(row=len(self._rows) - 1)

    def _rows_in_view(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)  # the header stays

    def _cursor_into_view(self) -> None:
        if not self.scrollable_content_region.height:  # not laid out yet
            self.call_after_refresh(self._cursor_into_view)
            return
        top, shown = round(self.scroll_y), self._rows_in_view()
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, force=True)
        elif self.cursor_row >= top + shown:
            self.scroll_to(y=self.cursor_row - shown + 1, animate=False, force=True)

    # --- the mouse -----------------------------------------------------------

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:  # outside, or on the header
            return None
        row = round(self.scroll_y) + offset.y - 1
        return row if row < len(self._rows) else None

    def on_click(self, event: events.Click) -> None:
        row = self._row_at(event)
        if row is None:
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select_cursor()
        else:
            self.move_cursor(row=row)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._row_at(event))

    def on_leave(self, event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, row: int | None) -> None:
        if row != self._hover:
            old, self._hover = self._hover, row
            self._refresh_row(old)
            self._refresh_row(row)

    # --- layout --------------------------------------------------------------

    def _measure(self, rows: Sequence[tuple[Text, ...]] = (), reset: bool = False) -> None:
        """Widen each column's natural width to its widest cell in `rows`."""
        if reset:
            self._natural = [len(label) for label in self._labels]
            rows = self._rows
        for row in rows:
            for index, cell in enumerate(row[:len(self._natural)]):
                self._natural[index] = max(self._natural[index], cell.cell_len)

    def _width_of(self, index: int) -> int:
        return self._natural[index] + 2 * PADDING

    def _layout(self) -> tuple[int, tuple[int, ...]]:
        """(width of the flexible column, the columns shown) at the table's width."""
        width = self.size.width or self.app.size.width
        height = self.size.height or self.app.size.height
        if len(self._rows) + 1 > height:  # a vertical scrollbar takes its share
            width -= self.styles.scrollbar_size_vertical
        shown = list(range(len(self._labels)))
        dropping = list(self.drop)
        while True:
            others = sum(self._width_of(i) for i in shown if i != self.flex)
            room = width - others - 2 * PADDING
            if room >= self.min_flex or not dropping:
                break
            shown.remove(dropping.pop(0))
        return max(self.min_flex, room), tuple(shown)

    def _fit(self, force: bool = False) -> None:
        layout = self._layout()
        if layout == self._fitted_to and not force:
            return
        self._fitted_to = layout
        self._lines.clear()
        flex_width, shown = layout
        table_width = sum(min(self._natural[i], flex_width) if i == self.flex
                          else self._natural[i] for i in shown) + 2 * PADDING * len(shown)
        self.virtual_size = Size(table_width, len(self._rows) + 1)
        self.refresh(layout=True)

    def _cut(self, cells: tuple[Text, ...]) -> list[Text]:
        """The cells of the columns shown, the flexible one cut to its width."""
        width, shown = self._fitted_to or self._layout()
        fitted = []
        for index in shown:
            cell = cells[index]
            if any(char in cell.plain for char in "\n\r\t"):  # a row is one line
                cell = cell.copy()
                cell.plain = cell.plain.translate(_ONE_LINE)
            if index == self.flex and cell.cell_len > width:
                cell = cut_to(cell, width)
            fitted.append(cell)
        return fitted

    def on_resize(self, event: events.Resize) -> None:
        self._fit()

    # --- drawing -------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def _refresh_row(self, row: int | None) -> None:
        if row is not None:
            self.refresh_line(row + 1)

    def _text_of(self, row: int) -> list[Segment]:
        """A row's cells (row -1: the labels) as one line, padded to their columns."""
        if row not in self._lines:
            assert self._fitted_to is not None
            flex_width, shown = self._fitted_to
            cells = ([Text(self._labels[i]) for i in shown] if row < 0
                     else self._cut(self._rows[row]))
            line = Text(end="")
            for index, cell in zip(shown, cells, strict=True):
                width = (min(self._natural[index], flex_width) if index == self.flex
                         else self._natural[index])
                gap = " " * (width - cell.cell_len)
                line.append(" " * PADDING)
                line.append_text(Text(gap) + cell if cell.justify == "right" else cell + gap)
                line.append(" " * PADDING)
            self._lines[row] = list(line.render(self.app.console))
        return self._lines[row]

    def render_line(self, y: int) -> Strip:
        base = self.rich_style
        width = self.size.width
        row = -1 if y == 0 else round(self.scroll_y) + y - 1
        if row >= len(self._rows) or self._fitted_to is None:
            return Strip.blank(width, base)
        if row < 0:
            over = self.get_component_rich_style("fitted-table--header")
        elif row == self.cursor_row:
            over = self.get_component_rich_style("fitted-table--cursor")
        elif row == self._hover:
            over = self.get_component_rich_style("fitted-table--hover")
        else:
            over = Style()
        if row >= 0 and row % 2 == 0:
            base += self.get_component_rich_style("fitted-table--even-row")
        # The cursor's colours win over a cell's own (a red ⚠ row highlights like any).
        on_top = Style(color=over.color, bgcolor=over.bgcolor) if row >= 0 else None
        segments = Segment.apply_style(self._text_of(row), base + over, on_top)
        return Strip(segments).adjust_cell_length(width, base + over)
