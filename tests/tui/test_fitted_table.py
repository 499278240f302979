"""FittedTable on its own: the keys, the mouse, and what each line shows."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st
from rich.text import Text
from textual.app import App, ComposeResult

from mockint.tui.widgets.fitted_table import FittedTable, cut_to


class TableApp(App[None]):
    CSS = "FittedTable { height: 1fr; }"

    def __init__(self, rows: int) -> None:
        super().__init__()
        self.rows = rows
        self.events: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield FittedTable(flex=1, min_flex=8)

    def on_mount(self) -> None:
        table = self.query_one(FittedTable)
        table.set_columns("#", "Question", "Done")
        table.set_rows((Text(str(n), justify="right"), Text(f"question {n}"), Text("yes"))
                       for n in range(self.rows))
        table.focus()

    def on_fitted_table_row_highlighted(self, event: FittedTable.RowHighlighted) -> None:
        self.events.append(("highlighted", event.cursor_row))

    def on_fitted_table_row_selected(self, event: FittedTable.RowSelected) -> None:
        self.events.append(("selected", event.cursor_row))


def lines(table: FittedTable) -> list[str]:
    """What the table shows, line by line."""
    return [table.render_line(y).text.rstrip() for y in range(table.size.height)]


async def test_keys_move_the_cursor_and_keep_it_in_view():
    app = TableApp(rows=100)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(FittedTable)
        await pilot.press("down", "down")
        assert table.cursor_row == 2
        await pilot.press("end")
        await pilot.pause()
        assert table.cursor_row == 99
        shown = lines(table)
        assert shown[0].split() == ["#", "Question", "Done"]  # the header stays
        assert shown[-1].split() == ["99", "question", "99", "yes"]
        await pilot.press("pageup")
        assert table.cursor_row == 99 - (table.size.height - 1)
        await pilot.press("home")
        await pilot.pause()
        assert table.cursor_row == 0 and lines(table)[1].split()[:2] == ["0", "question"]
        await pilot.press("up")  # already on the first row
        assert table.cursor_row == 0
        await pilot.press("enter")
        assert app.events[:2] == [("highlighted", 1), ("highlighted", 2)]
        assert app.events[-1] == ("selected", 0)


async def test_a_click_highlights_a_row_and_a_second_click_selects_it():
    app = TableApp(rows=5)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(FittedTable)
        await pilot.click(FittedTable, offset=(3, 0))  # the header: nothing happens
        assert table.cursor_row == 0 and not app.events
        await pilot.click(FittedTable, offset=(3, 3))  # the third row
        assert table.cursor_row == 2 and app.events == [("highlighted", 2)]
        await pilot.click(FittedTable, offset=(3, 3))
        assert app.events[-1] == ("selected", 2)
        await pilot.click(FittedTable, offset=(3, 9))  # below the last row
        assert table.cursor_row == 2 and len(app.events) == 2


async def test_the_pointer_row_is_shaded():
    app = TableApp(rows=5)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(FittedTable)

        def background(y: int):
            return table.render_line(y)._segments[0].style.bgcolor

        plain = background(4)  # row 3: not the cursor's, not striped
        await pilot.hover(FittedTable, offset=(3, 4))
        assert background(4) != plain
        await pilot.hover(FittedTable, offset=(3, 2))
        assert background(4) == plain


async def test_numbers_line_up_on_the_right_and_a_row_stays_on_one_line():
    app = TableApp(rows=0)
    async with app.run_test(size=(60, 12)) as pilot:
        table = app.query_one(FittedTable)
        table.set_rows([(Text("7", justify="right"), Text("two\nlines\tand a tab"), Text("no")),
                        (Text("12", justify="right"), Text("x"), Text("yes"))])
        await pilot.pause()
        header, first, second = lines(table)[:3]
        assert first.index("7") == second.index("12") + 1  # right-aligned
        assert "two lines and a tab" in first
        assert table.get_row_at(0)[1].plain == "two lines and a tab"
        assert len(header) <= 60


async def test_new_rows_keep_the_cursor_where_they_can():
    app = TableApp(rows=10)
    async with app.run_test(size=(40, 20)) as pilot:
        table = app.query_one(FittedTable)
        table.move_cursor(row=6)
        table.set_rows([(Text("a"), Text("b"), Text("c"))] * 8)
        assert table.cursor_row == 6
        table.set_rows([(Text("a"), Text("b"), Text("c"))] * 3)
        assert table.cursor_row == 2
        table.set_rows([])
        assert table.cursor_row == 0 and table.row_count == 0
        await pilot.press("enter", "down")
        assert ("selected", 0) not in app.events


async def test_a_cut_keeps_a_marked_part_in_view():
    app = TableApp(rows=0)
    async with app.run_test(size=(40, 12)) as pilot:
        table = app.query_one(FittedTable)
        found = Text("a long answer that mentions many things before the word ")
        found.append("«toolbar»", style="bold reverse")
        plain = Text("a long answer that mentions many things and never marks one")
        table.set_rows([(Text("1"), found, Text("yes")), (Text("2"), plain, Text("no"))])
        await pilot.pause()
        first, second = (str(cell) for cell in (table.get_row_at(0)[1], table.get_row_at(1)[1]))
        assert first.startswith("…") and "«toolbar»" in first  # the start gave way
        assert second.startswith("a long answer") and second.endswith("…")  # the end did
        assert "«toolbar»" in lines(table)[1]


words = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=80)


@settings(max_examples=200, deadline=None)
@example(before="000000", mark="00", after="", width=10)  # fits exactly: nothing is cut
@given(before=words, mark=st.text(min_size=1, max_size=12).filter(str.isprintable),
       after=words, width=st.integers(min_value=1, max_value=120))
def test_a_cut_fits_its_width_and_shows_the_mark_when_there_is_room(before, mark, after,
                                                                    width):
    cell = Text(before, end="")
    cell.append(f"«{mark}»", style="bold reverse")
    cell.append(after)
    cut = cut_to(cell, width)
    assert cut.cell_len <= width
    if cell.cell_len <= width:
        assert cut.plain == cell.plain
    elif Text(f"«{mark}»").cell_len + 2 <= width and mark.isascii():
        assert f"«{mark}»" in cut.plain
