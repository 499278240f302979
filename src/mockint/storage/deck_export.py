"""Deck exports: CSV and JSON that import back unchanged, and readable Markdown.

- ``csv``: a header row with `importers.CSV_COLUMNS`, one question per row, every
  field. A list column is written plainly (``a; b``, key points as
  ``point | cue, cue; point two``) when reading that text back gives the same
  list, and as a JSON array otherwise (when an item holds ``;``, ``|`` or ``,``,
  starts or ends with spaces, or the text looks like a JSON array), so any text
  survives: ``parse_file(export) == deck.questions``.
- ``json``: the deck itself (`Deck.to_toml_data`) as JSON.
- ``md``: for reading and sharing: ``# Title``, the description, then each
  question as ``## prompt`` with its answer, key points, STAR, framework, tip
  and follow-ups. Not meant to round-trip.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mockint.core.deck import STAR_PARTS, Deck, KeyPoint, Question
from mockint.storage.files import atomic_write_text
from mockint.storage.importers import (
    CSV_COLUMNS,
    parse_key_points_cell,
    parse_list_cell,
    parse_topics_cell,
)

EXPORT_FORMATS: tuple[str, ...] = ("csv", "md", "json")


def export_deck(deck: Deck, fmt: str) -> str:
    """The deck as text in `fmt` (csv, md or json)."""
    writers: dict[str, Callable[[Deck], str]] = {"csv": deck_to_csv, "md": deck_to_markdown,
                                                 "json": deck_to_json}
    if fmt not in writers:
        raise ValueError(f'unknown deck export format "{fmt}"; use {", ".join(EXPORT_FORMATS)}')
    return writers[fmt](deck)


def write_deck_export(deck: Deck, fmt: str, path: Path) -> None:
    """Export `deck` to `path` atomically."""
    atomic_write_text(Path(path), export_deck(deck, fmt))


# --- JSON -----------------------------------------------------------------------------


def deck_to_json(deck: Deck) -> str:
    return json.dumps(deck.to_toml_data(), indent=2, ensure_ascii=False) + "\n"


# --- CSV ------------------------------------------------------------------------------


def _list_cell(items: list[str], plain: str, parse: Callable[[str], list[Any]]) -> str:
    """`plain` when it reads back as `items`, else a JSON array."""
    if not items:
        return ""
    return plain if parse(plain) == items else json.dumps(items, ensure_ascii=False)


def _key_points_cell(points: list[KeyPoint]) -> str:
    if not points:
        return ""
    plain = "; ".join(p.point + (" | " + ", ".join(p.cues) if p.cues else "") for p in points)
    if [KeyPoint.model_validate(d) for d in parse_key_points_cell(plain)] == points:
        return plain
    return json.dumps([p.model_dump() for p in points], ensure_ascii=False)


def _csv_row(question: Question) -> dict[str, str]:
    star = question.star
    row = {
        "prompt": question.prompt,
        "sample_answer": question.sample_answer,
        "category": question.category,
        "level": question.level,
        "topics": _list_cell(question.topics, "; ".join(question.topics), parse_topics_cell),
        "why_asked": question.why_asked,
        "tip": question.tip,
        "key_points": _key_points_cell(question.key_points),
        "follow_ups": _list_cell(question.follow_ups, "; ".join(question.follow_ups),
                                 parse_list_cell),
        "framework": _list_cell(question.framework, "; ".join(question.framework),
                                parse_list_cell),
        "time_limit": str(question.time_limit or ""),
        "id": question.id,
    }
    for part in STAR_PARTS:
        row[f"star_{part}"] = getattr(star, part) if star else ""
    return row


def deck_to_csv(deck: Deck) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=list(CSV_COLUMNS), lineterminator="\n")
    writer.writeheader()
    for question in deck.questions:
        writer.writerow(_csv_row(question))
    return buffer.getvalue()


# --- Markdown ---------------------------------------------------------------------------


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _meta(question: Question) -> str:
    parts = [question.category, question.level]
    if question.topics:
        parts.append("topics: " + ", ".join(question.topics))
    if question.time_limit:
        parts.append(f"{question.time_limit} s")
    return "*" + " · ".join(parts) + "*"


def _key_point_lines(question: Question) -> list[str]:
    lines = ["**Key points**", ""]
    for point in question.key_points:
        cues = f" (cues: {', '.join(point.cues)})" if point.cues else ""
        lines.append(f"- {_one_line(point.point)}{cues}")
    return lines + [""]


def _star_lines(question: Question) -> list[str]:
    star = question.star
    assert star is not None
    lines = ["**STAR**", ""]
    for part in STAR_PARTS:
        if getattr(star, part):
            lines.append(f"- **{part.capitalize()}:** {_one_line(getattr(star, part))}")
    return lines + [""]


def _question_section(question: Question) -> list[str]:
    lines = [f"## {_one_line(question.prompt)}", "", _meta(question), ""]
    if question.why_asked:
        lines += [f"**Why they ask:** {question.why_asked.strip()}", ""]
    if question.sample_answer.strip():
        lines += [question.sample_answer.strip(), ""]
    if question.key_points:
        lines += _key_point_lines(question)
    if question.star and any(getattr(question.star, p) for p in STAR_PARTS):
        lines += _star_lines(question)
    if question.framework:
        lines += ["**Framework**", ""]
        lines += [f"{n}. {_one_line(step)}" for n, step in enumerate(question.framework, 1)] + [""]
    if question.tip:
        lines += [f"**Tip:** {question.tip.strip()}", ""]
    if question.follow_ups:
        lines += ["**Follow-ups**", ""] + [f"- {_one_line(f)}" for f in question.follow_ups] + [""]
    return lines


def deck_to_markdown(deck: Deck) -> str:
    lines = [f"# {_one_line(deck.title)}", ""]
    if deck.description.strip():
        lines += [deck.description.strip(), ""]
    if deck.interviewer:
        role = f", {deck.interviewer.role}" if deck.interviewer.role else ""
        lines += [f"Interviewer: {deck.interviewer.name}{role}", ""]
    lines += [f"{len(deck.questions)} questions · {deck.time_limit} s per question", ""]
    for question in deck.questions:
        lines += _question_section(question)
    return "\n".join(lines).rstrip() + "\n"
