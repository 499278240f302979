"""Text bar charts: the bar's length follows the value and the figure is always written."""

from __future__ import annotations

from mockint.core.charts import bar, bar_chart


def test_bars_are_as_long_as_their_share_in_eighths_of_a_cell():
    assert bar(4, 4, 8) == "████████"
    assert bar(2, 4, 8) == "████    "
    assert bar(1, 4, 3) == "▊  "  # 0.75 cells: six eighths
    assert bar(0, 4, 4) == bar(3, 0, 4) == "    "
    assert bar(9, 4, 4) == "████"  # over the top is cut at the top


def test_a_chart_lines_up_labels_bars_and_figures():
    lines = bar_chart([("Mon 30 Nov", 3, "3"), ("Tue 01 Dec", 0, "0"), ("Wed", None, "—")],
                      width=6)
    assert lines == ["  Mon 30 Nov  ██████  3", "  Tue 01 Dec          0",
                     "  Wed                 —"]
    assert bar_chart([("a", 2.0, "2.0")], top=4, width=4) == ["  a  ██    2.0"]


def test_the_stats_draw_their_figures_as_bars_with_the_numbers_beside_them():
    from datetime import date

    from mockint.core.stats import Stats, stats_text

    stats = Stats(days=[date(2026, 11, 1)] * 28, sessions_per_day=[0] * 28,
                  answers_per_day=[0] * 28, skipped_per_day=[0] * 28,
                  weekly_rating=[(date(2026, 11, 2), 2.0), (date(2026, 11, 9), None),
                                 (date(2026, 11, 16), 4.0)],
                  answers_total=3, over_limit=1, weakest_topics=[("orm", 1.0, 4)],
                  due_next_days=[(date(2026, 11, 20), 4), (date(2026, 11, 21), 0),
                                 (date(2026, 11, 22), 2)])
    lines = stats_text(stats).splitlines()
    week = lines.index("Average rating by week (1 Again … 4 Easy):")
    assert lines[week + 1] == "  02 Nov  " + "█" * 12 + " " * 12 + "  2.0"  # half of 4
    assert lines[week + 2] == "  09 Nov  " + " " * 24 + "  —"
    assert lines[week + 3] == "  16 Nov  " + "█" * 24 + "  4.0"
    assert "  orm  " + "█" * 6 + " " * 18 + "  1.0  (4 answers)" in lines
    due = lines.index("Due in the next 7 days:")
    assert lines[due + 1:due + 4] == ["  Fri 20 Nov  " + "█" * 24 + "  4",
                                      "  Sat 21 Nov  " + " " * 24 + "  0",
                                      "  Sun 22 Nov  " + "█" * 12 + " " * 12 + "  2"]
