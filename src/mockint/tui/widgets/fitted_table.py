"""A table whose one wide column (a title, a question) takes only the room the others
leave, so the narrow columns (counts, rating, points, status) stay in view down to 80
columns instead of being pushed off the right edge.

A DataTable column grows to its longest cell and never shrinks. `FittedTable`
keeps the full rows and, whenever its width changes, redraws them with the
flexible column cut with an ellipsis to fit; if even that leaves the flexible
column under `min_flex` cells, the columns in `drop` (least useful first) are
left out until it fits. Rows, keys, the cursor and RowSelected work as in a
DataTable.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual import events
from textual.widgets import DataTable


class FittedTable(DataTable[Text]):
    """`flex` is the index of the column that gives way (it keeps at least `min_flex`
    cells); `drop` lists the columns that go, in order, when the table is too narrow
    even so."""

    # The rows are cut to the width, so no horizontal scrollbar: with `auto`, Textual
    # showed one that took a line under a table that fitted exactly.
    DEFAULT_CSS = """
    FittedTable {
        overflow-x: hidden;
    }
    """

    def __init__(self, *, flex: int, min_flex: int = 12, drop: Sequence[int] = (),
                 id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, cursor_type="row", zebra_stripes=True)
        self.flex = flex
        self.min_flex = min_flex
        self.drop = tuple(drop)
        self._labels: tuple[str, ...] = ()
        self._rows: list[tuple[Text, ...]] = []
        self._keys: list[str | None] = []
        self._fitted_to: tuple[int, tuple[int, ...]] | None = None

    def set_columns(self, *labels: str) -> None:
        self._labels = labels
        self._fit(force=True)

    def set_rows(self, rows: Iterable[Sequence[Text]], keys: Iterable[str | None] | None = None,
                 ) -> None:
        """Replace every row (the cursor stays on the same row number where it can)."""
        self._rows = [tuple(row) for row in rows]
        self._keys = list(keys) if keys is not None else [None] * len(self._rows)
        self._fit(force=True)

    def append_rows(self, rows: Iterable[Sequence[Text]]) -> None:
        """Add rows at the end (the next page of a long list), keeping the cursor."""
        new = [tuple(row) for row in rows]
        self._rows += new
        self._keys += [None] * len(new)
        if self._layout() != self._fitted_to:
            self._fit(force=True)
            return
        for cells in new:
            self.add_row(*self._cut(cells))

    @property
    def shown_columns(self) -> tuple[str, ...]:
        """The labels of the columns in view at the current width."""
        return tuple(self._labels[i] for i in self._layout()[1])

    def _natural(self, index: int) -> int:
        cells = [row[index].cell_len for row in self._rows if index < len(row)]
        return max([len(self._labels[index]), *cells]) + 2 * self.cell_padding

    def _layout(self) -> tuple[int, tuple[int, ...]]:
        """(width of the flexible column, the columns shown) at the table's width."""
        width = self.size.width or self.app.size.width
        height = self.size.height or self.app.size.height
        if len(self._rows) + 1 > height:  # a vertical scrollbar takes its share
            width -= self.styles.scrollbar_size_vertical
        shown = list(range(len(self._labels)))
        dropping = list(self.drop)
        while True:
            others = sum(self._natural(i) for i in shown if i != self.flex)
            room = width - others - 2 * self.cell_padding
            if room >= self.min_flex or not dropping:
                break
            shown.remove(dropping.pop(0))
        return max(self.min_flex, room), tuple(shown)

    def _fit(self, force: bool = False) -> None:
        if not self._labels:
            return
        layout = self._layout()
        if layout == self._fitted_to and not force:
            return
        width, shown = layout
        row = self.cursor_row
        # Columns made anew: a DataTable column never narrows once it has grown.
        self.clear(columns=True)
        # Text, not str: a str label is parsed as Rich markup, which loads Rich's emoji
        # table (~0.5 MiB at home, issue 15) for labels that are plain words anyway.
        self.add_columns(*(Text(self._labels[i]) for i in shown))
        self._fitted_to = layout
        for cells, key in zip(self._rows, self._keys, strict=True):
            self.add_row(*self._cut(cells), key=key)
        if self._rows:
            self.move_cursor(row=min(row, len(self._rows) - 1), animate=False)

    def _cut(self, cells: tuple[Text, ...]) -> list[Text]:
        """The cells of the columns shown, the flexible one cut to its width."""
        assert self._fitted_to is not None
        width, shown = self._fitted_to
        fitted = []
        for index in shown:
            cell = cells[index]
            if index == self.flex and cell.cell_len > width:
                cell = cell.copy()
                cell.truncate(width, overflow="ellipsis")
            fitted.append(cell)
        return fitted

    def on_resize(self, event: events.Resize) -> None:
        self._fit()
