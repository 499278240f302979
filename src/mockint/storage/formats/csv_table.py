"""CSV / TSV: a header row naming the columns, one question per row; and the CSV writer.

The first row names the columns (any case; spaces or hyphens count as ``_``);
the delimiter (comma, tab or semicolon) is sniffed from it. Columns, all
optional except the prompt: prompt (question, front), sample_answer (answer,
back), category, level, topics (tags; ``;`` or ``,`` separated), why_asked, tip,
key_points (``point | cue, cue; point two``), follow_ups and framework (``;``
separated), star_situation/task/action/result, time_limit (seconds),
competencies (``;`` or ``,`` separated, from the deck format's vocabulary), id.

List cells may hold a JSON array instead, which is how `write` keeps a list
whose text contains a separator, so any deck survives a round trip. In a
tab-separated file a literal ``\\n`` in a text cell is a line break (spreadsheets
and Anki write them that way).

A cell that a spreadsheet would run as a formula (one starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading ``'``, the
spreadsheets' own "this is text" mark, and `read` removes that one mark, so the
export is safe to open in Excel or LibreOffice and still reads back exactly.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from pydantic import ValidationError

from mockint.core.deck import STAR_PARTS, Deck, KeyPoint, Question
from mockint.core.keypoints import format_key_point
from mockint.core.words import noun
from mockint.storage.formats.base import (
    LIST_CELLS,
    Builder,
    ImportFailed,
    ImportProblem,
    parse_key_points_cell,
    parse_list_cell,
    parse_topics_cell,
)

COLUMN_NAMES: tuple[str, ...] = (
    "prompt", "sample_answer", "category", "level", "topics", "why_asked", "tip", "key_points",
    "follow_ups", "framework", "star_situation", "star_task", "star_action", "star_result",
    "time_limit", "competencies", "id")
"""The columns `write` writes, in order."""

COLUMNS = {name: name for name in COLUMN_NAMES} | {
    "question": "prompt", "front": "prompt", "answer": "sample_answer", "back": "sample_answer",
    "tags": "topics", "follow_up": "follow_ups", "key_point": "key_points", "notes": "tip",
    "topic": "topics", "keywords": "key_points", "hint": "tip", "solution": "sample_answer",
    "explanation": "sample_answer", "difficulty": "level", "q": "prompt", "a": "sample_answer",
    "term": "prompt", "definition": "sample_answer",
}
_TEXT_CELLS = {"prompt", "sample_answer", "why_asked", "tip", "star_situation", "star_task",
               "star_action", "star_result"}


_FORMULA = re.compile(r"'*[=+\-@\t\r]")
"""Text a spreadsheet would evaluate, after any number of text marks."""


def guard_formula(cell: str) -> str:
    """The cell with a leading `'` when a spreadsheet would otherwise run it."""
    return "'" + cell if _FORMULA.match(cell) else cell


def unguard_formula(cell: str) -> str:
    """Undoes `guard_formula`: one `'` before formula-looking text is a text mark."""
    return cell[1:] if cell.startswith("'") and _FORMULA.match(cell, 1) else cell


def column_key(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().strip('"').lower())


def first_line(text: str) -> tuple[int, str]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            return number, line
    return 0, ""


def sniff_delimiter(line: str, candidates: str = "\t,;") -> str:
    counts = [(line.count(c), -i, c) for i, c in enumerate(candidates)]
    best = max(counts)
    return best[2] if best[0] else candidates[0]


def has_header(text: str) -> bool:
    """True when the first line names a prompt column (else: an Anki text export)."""
    _, line = first_line(text)
    if line.startswith("#"):
        return False
    names = {column_key(cell) for cell in line.split(sniff_delimiter(line))}
    return any(COLUMNS.get(name) == "prompt" for name in names)


def records(text: str, delimiter: str, builder: Builder) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    end = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            builder.problem(reader.line_num, f"cannot read the rest of the file: {error}")
            return
        start, end = end + 1, reader.line_num
        if any(cell.strip() for cell in row):
            yield start, end, row


def _header(line: int, cells: list[str], builder: Builder) -> dict[int, str]:
    """Column index -> field name; reports unknown and repeated columns on the header line."""
    columns: dict[int, str] = {}
    unknown, repeated = [], []
    for index, cell in enumerate(cells):
        name = COLUMNS.get(column_key(cell))
        if name is None:
            unknown.append(cell.strip())
        elif name in columns.values():
            repeated.append(cell.strip())
        else:
            columns[index] = name
    if unknown:
        listed = ", ".join(f'"{u}"' for u in unknown)
        builder.problem(line, f"unknown {noun(len(unknown), 'column')} {listed} ignored; known columns: "
                              f"{', '.join(COLUMN_NAMES)}")
    if repeated:
        one = len(repeated) == 1
        builder.problem(line, f"{noun(len(repeated), 'column').capitalize()} {', '.join(repeated)} "
                              f"{'repeats' if one else 'repeat'} an earlier column; "
                              "the first one is used")
    if "prompt" not in columns.values():
        raise ImportFailed([ImportProblem(line, "no prompt column: the first row must name the "
                                                "columns, e.g. prompt,sample_answer,category "
                                                "(question or front also work)")])
    return columns


def _row_data(cells: dict[str, str], newlines: bool) -> dict[str, Any]:
    """One row's cells as question data (raises ValueError with the reason)."""
    cells = {name: _text(name, cell, newlines) for name, cell in cells.items()}
    data: dict[str, Any] = {}
    for name, cell in cells.items():
        if name in LIST_CELLS:
            data[name] = LIST_CELLS[name](cell)
        elif name in ("prompt", "category", "level", "id"):
            data[name] = cell.strip()
        elif name == "time_limit":
            if cell.strip():
                data[name] = _seconds(cell)
        elif not name.startswith("star_"):
            data[name] = cell
    star = {part: cells.get(f"star_{part}", "") for part in STAR_PARTS}
    if any(star.values()):
        data["star"] = star
    return data


def _text(name: str, cell: str, newlines: bool) -> str:
    cell = unguard_formula(cell)
    return cell.replace("\\n", "\n") if newlines and name in _TEXT_CELLS else cell


def _seconds(cell: str) -> int:
    text = cell.strip()
    if not text.isdigit() or len(text) > 6:
        raise ValueError(f'time_limit: "{text[:20]}" is not a whole number of seconds')
    return int(text)


def read(text: str, builder: Builder) -> None:
    _, first = first_line(text)
    delimiter = sniff_delimiter(first)
    rows = records(text, delimiter, builder)
    header = next(rows, None)
    if header is None:
        raise ImportFailed("the file is empty")
    columns = _header(header[0], header[2], builder)
    width = len(header[2])
    for start, end, row in rows:
        if len(row) != width:
            span = f" (lines {start}-{end}: is a quote left open?)" if end > start + 2 else ""
            builder.problem(start, f"{len(row)} cells, but the header has {width}{span}; quote "
                                   "text that contains the delimiter; skipped")
            continue
        try:
            data = _row_data({name: row[index] for index, name in columns.items()},
                             delimiter == "\t")
        except ValueError as error:
            builder.problem(start, f"{error}; skipped")
            continue
        builder.add(data, start)


# --- writing ---------------------------------------------------------------------------


def _list_cell(items: list[str], parse: Callable[[str], list[Any]]) -> str:
    """`a; b` when it reads back as `items`, else a JSON array."""
    if not items:
        return ""
    plain = "; ".join(items)
    return plain if parse(plain) == items else json.dumps(items, ensure_ascii=False)


def _key_points_cell(points: list[KeyPoint]) -> str:
    if not points:
        return ""
    plain = "; ".join(format_key_point(p.point, p.cues) for p in points)
    try:
        if [KeyPoint.model_validate(d) for d in parse_key_points_cell(plain)] == points:
            return plain
    except ValidationError:
        pass
    return json.dumps([p.model_dump() for p in points], ensure_ascii=False)


def _row(question: Question) -> dict[str, str]:
    star = question.star
    row = {
        "prompt": question.prompt,
        "sample_answer": question.sample_answer,
        "category": question.category,
        "level": question.level,
        "topics": _list_cell(question.topics, parse_topics_cell),
        "why_asked": question.why_asked,
        "tip": question.tip,
        "key_points": _key_points_cell(question.key_points),
        "follow_ups": _list_cell(question.follow_ups, parse_list_cell),
        "framework": _list_cell(question.framework, parse_list_cell),
        "time_limit": str(question.time_limit or ""),
        "competencies": ", ".join(question.competencies),
        "id": question.id,
    }
    for part in STAR_PARTS:
        row[f"star_{part}"] = getattr(star, part) if star else ""
    return {name: guard_formula(cell) for name, cell in row.items()}


def write(deck: Deck) -> str:
    """Every question with every field; `read` gives the same questions back."""
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(COLUMN_NAMES), lineterminator="\n")
    writer.writeheader()
    for question in deck.questions:
        writer.writerow(_row(question))
    return buffer.getvalue()
