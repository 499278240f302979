"""Session exports: a Markdown report for a mentor, and JSON that carries everything.

JSON is the `SessionRecord` itself, so `read_json(session_to_json(r)) == r`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mockint.core.deck import STAR_PARTS
from mockint.core.session import RATINGS, AnswerRecord, SessionRecord
from mockint.core.timing import format_duration
from mockint.storage.files import atomic_write_text

FORMATS = ("md", "json")


def session_to_json(record: SessionRecord) -> str:
    """The record, plus its answered/skipped/unanswered counts for a script to read
    (`read_json` ignores them: they are worked out from the answers)."""
    data = record.model_dump(mode="json")
    data["counts"] = record.counts.as_dict()
    return json.dumps(data, indent=2, ensure_ascii=False)


def read_json(text: str) -> SessionRecord:
    return SessionRecord.model_validate_json(text)


def _quote(text: str) -> str:
    """Answer text as a Markdown block quote, kept literal line by line."""
    lines = text.strip().splitlines() or ["(no answer typed)"]
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)


@dataclass(frozen=True)
class PreviousAttempt:
    """The attempt at the same question before this one, for "what changed"."""

    answer: AnswerRecord
    started_at: datetime


def _changes_section(answer: AnswerRecord, previous: PreviousAttempt) -> list[str]:
    from mockint.core.diff import answer_side, change_table, change_text, diff_text, word_diff

    rows = change_table(answer.asked.question, answer_side(previous.answer), answer_side(answer))
    words = diff_text(word_diff(previous.answer.text, answer.text))
    return [f"**Since the previous attempt** ({previous.started_at:%Y-%m-%d %H:%M} UTC; "
            "words removed [-like this-], added {+like this+})", "",
            "````text", change_text(rows), "````", "", _quote(words), ""]


def _answer_section(answer: AnswerRecord, previous: PreviousAttempt | None = None) -> list[str]:
    question = answer.asked.question
    rating = RATINGS.get(answer.rating or 0, "not rated")
    time = f"{format_duration(answer.used)} of {format_duration(answer.time_limit)}"
    if answer.overtime:
        time += f" (+{format_duration(answer.overtime)} over)"
    lines = [
        f"## {answer.index + 1}. {question.prompt}",
        "",
        f"*{question.category} · {question.level} · {answer.asked.deck_title}* — "
        f"time {time} — rating **{rating}**" + (" — skipped" if answer.skipped else ""),
        "",
        "**My answer**",
        "",
        _quote(answer.text),
        "",
    ]
    analysis = answer.analysis
    points = question.key_points or (analysis.derived_points if analysis else [])
    if points:
        title = "Key points" if question.key_points else "Key points (from the sample answer)"
        lines += [f"**{title}**", ""]
        evidence = analysis.key_points if analysis else []
        for i, point in enumerate(points):
            covered = i < len(answer.key_points_checked) and answer.key_points_checked[i]
            found = evidence[i] if i < len(evidence) else None
            note = ""
            if found is not None and covered and found.in_follow_up:
                note = " *(in follow-up)*"
            elif found is not None and not covered and found.negated:
                note = f" *(mentioned, but negated: “{found.negated[0]}”)*"
            lines.append(f"- [{'x' if covered else ' '}] {point.point}{note}")
        lines.append("")
    if answer.star_checked:
        marks = ", ".join(f"{p.title()} {'✓' if answer.star_checked.get(p) else '✗'}"
                          for p in STAR_PARTS)
        lines += [f"**STAR:** {marks}", ""]
    for follow_up in answer.follow_ups:
        lines += [f"**Follow-up:** {follow_up.prompt}", "", _quote(follow_up.text), ""]
    if previous is not None:
        lines += _changes_section(answer, previous)
    if question.sample_answer:
        lines += ["<details><summary>Sample answer</summary>", "",
                  question.sample_answer.strip(), "", "</details>", ""]
    return lines


def session_to_markdown(record: SessionRecord,
                        previous: Mapping[int, PreviousAttempt] | None = None) -> str:
    """The report; `previous` (answer index → the attempt before it) adds what changed."""
    decks = ", ".join(dict.fromkeys(a.deck_title for a in record.plan))
    average = record.average_rating
    missed = sum(a.key_points_checked.count(False) for a in record.answers)
    covered = sum(a.key_points_covered for a in record.answers)
    lines = [
        f"# Mock interview — {record.started_at:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Decks: {decks}",
        f"- Mode: {record.config.mode} · status: {record.status.replace('_', ' ')}",
        f"- Questions: {record.counts.label()}",
        f"- Total time: {format_duration(record.total_used)}",
        f"- Average rating: {average:.1f} / 4" if average else "- Average rating: —",
        f"- Key points covered: {covered} of {covered + missed}",
    ]
    if record.note:
        lines += ["", f"**Note:** {record.note}"]
    lines.append("")
    for answer in record.answers:
        lines += _answer_section(answer, (previous or {}).get(answer.index))
    return "\n".join(lines).rstrip() + "\n"


def render(record: SessionRecord, fmt: str,
           previous: Mapping[int, PreviousAttempt] | None = None) -> str:
    if fmt == "md":
        return session_to_markdown(record, previous)
    if fmt == "json":
        return session_to_json(record)
    raise ValueError(f"unknown export format {fmt!r}; choose md or json")


def write_export(record: SessionRecord, fmt: str, path: Path) -> Path:
    atomic_write_text(path, render(record, fmt))
    return path
