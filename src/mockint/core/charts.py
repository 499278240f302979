"""Small text charts: horizontal bars drawn with block characters, numbers beside them.

Text, not graphics, on purpose: the same chart prints from `mockint stats`,
shows on the stats screen, reads in NO_COLOR and in a pasted bug report, and
every bar carries its figure, so the numbers are never only a picture. No
plotting library is imported (start-up time is watched; bench/).
"""

from __future__ import annotations

from collections.abc import Sequence

EIGHTHS = " ▏▎▍▌▋▊▉"
BAR_WIDTH = 24


def bar(value: float, top: float, width: int = BAR_WIDTH) -> str:
    """A bar `value / top` of `width` cells long, in eighths of a cell, padded to `width`."""
    if top <= 0 or value <= 0:
        return " " * width
    eighths = round(min(value, top) / top * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def bar_chart(rows: Sequence[tuple[str, float | None, str]], top: float | None = None,
              width: int = BAR_WIDTH, indent: str = "  ") -> list[str]:
    """One line per (label, value, figure): label, bar, figure. A None value draws no
    bar and shows its figure (say "—"). `top` defaults to the largest value."""
    values = [v for _, v, _ in rows if v is not None]
    top = top if top is not None else max(values, default=0)
    label_width = max((len(label) for label, _, _ in rows), default=0)
    return [f"{indent}{label:<{label_width}}  {bar(value or 0, top, width)}  {figure}".rstrip()
            for label, value, figure in rows]
