"""Session exports: a Markdown report for a mentor, and JSON that carries everything.

JSON is the `SessionRecord` itself, so `read_json(session_to_json(r)) == r`.

Everything the user or a deck wrote is content, never structure: in Markdown a
one-line text (a prompt, a key point, a deck title) has every character that
could start markup backslash-escaped, and a text of many lines (an answer, a
note, a sample answer) sits in a code fence longer than any run of backticks in
it, so `# X` in a note stays a line of the note and an unclosed fence in a
sample answer cannot swallow the rest. Control, bidi and zero-width characters
are shown as symbols (`mockint.core.display.visible`); in JSON they are written
as `\\uXXXX` escapes, which read back to the same text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mockint.core.deck import STAR_PARTS
from mockint.core.display import visible
from mockint.core.full_interview import SECTION_TITLES, budget_line, sections_line
from mockint.core.session import RATINGS, AnswerRecord, SessionRecord
from mockint.core.timing import format_duration
from mockint.core.words import session_status
from mockint.storage.files import atomic_write_text

FORMATS = ("md", "json")


def session_to_json(record: SessionRecord) -> str:
    """The record, plus its answered/skipped/unanswered counts for a script to read
    (`read_json` ignores them: they are worked out from the answers)."""
    data = record.model_dump(mode="json")
    data["counts"] = record.counts.as_dict()
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return _INVISIBLE_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# What `visible` shows as a symbol and JSON leaves raw (C0 is escaped by json itself):
# outside strings JSON is ASCII, so escaping these anywhere keeps the data the same.
_INVISIBLE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
                                "\u2060-\u2064\u2066-\u2069\ufeff]")
_MARKUP = re.compile(r"([\\`*_\[\]<>&#|~])")


def inline(text: str) -> str:
    """One line of user text, as Markdown that shows exactly that text."""
    return _MARKUP.sub(r"\\\1", " ".join(visible(text).split()))


def fenced(text: str, info: str = "") -> str:
    """User text of any length as a code block no line of it can close or escape."""
    shown = visible(text).rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{shown}\n{fence}"


def read_json(text: str) -> SessionRecord:
    return SessionRecord.model_validate_json(text)


def _quote(text: str) -> str:
    """Answer text, kept literal (a fence), or a note that nothing was typed."""
    return fenced(text.strip("\n"), "text") if text.strip() else "*(no answer typed)*"


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
            fenced(change_text(rows), "text"), "", _quote(words), ""]


def _answer_section(answer: AnswerRecord, previous: PreviousAttempt | None = None) -> list[str]:
    question = answer.asked.question
    rating = RATINGS.get(answer.rating or 0, "not rated")
    time = f"{format_duration(answer.used)} of {format_duration(answer.time_limit)}"
    if answer.overtime:
        time += f" (+{format_duration(answer.overtime)} over)"
    section = SECTION_TITLES.get(answer.asked.section, "")
    section = f"{section} · " if section else ""  # a full interview's section
    lines = [
        f"## {answer.index + 1}. {inline(question.prompt)}",
        "",
        f"*{section}{question.category} · {question.level} · {inline(answer.asked.deck_title)}* — "
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
                note = f" *(mentioned, but negated: “{inline(found.negated[0])}”)*"
            lines.append(f"- [{'x' if covered else ' '}] {inline(point.point)}{note}")
        lines.append("")
    if answer.star_checked:
        marks = ", ".join(f"{p.title()} {'✓' if answer.star_checked.get(p) else '✗'}"
                          for p in STAR_PARTS)
        lines += [f"**STAR:** {marks}", ""]
    for follow_up in answer.follow_ups:
        lines += [f"**Follow-up:** {inline(follow_up.prompt)}", "", _quote(follow_up.text), ""]
    if previous is not None:
        lines += _changes_section(answer, previous)
    if question.sample_answer.strip():
        lines += ["<details><summary>Sample answer</summary>", "",
                  fenced(question.sample_answer.strip("\n")), "", "</details>", ""]
    return lines


def session_to_markdown(record: SessionRecord,
                        previous: Mapping[int, PreviousAttempt] | None = None) -> str:
    """The report; `previous` (answer index → the attempt before it) adds what changed."""
    decks = inline(", ".join(dict.fromkeys(a.deck_title for a in record.plan)))
    average = record.average_rating
    missed = sum(a.key_points_checked.count(False) for a in record.answers)
    covered = sum(a.key_points_covered for a in record.answers)
    lines = [
        f"# Mock interview — {record.started_at:%Y-%m-%d %H:%M} UTC",
        "",
        f"- Decks: {decks}",
        f"- Mode: {record.config.mode} · status: {session_status(record.status, record.counts.empty)}",
        f"- Questions: {record.counts.label()}",
        f"- Total time: {format_duration(record.total_used)}",
        f"- Average rating: {average:.1f} / 4" if average else "- Average rating: —",
        f"- Key points covered: {covered} of {covered + missed}",
    ]
    if record.config.full is not None:  # a full interview: its sections and budget
        lines += [f"- {budget_line(record)}", "- Sections:"]
        lines += [f"  - {line}" for line in sections_line(record).splitlines()]
    if record.note:
        lines += ["", "**Note:**", "", fenced(record.note, "text")]
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
    """Write an export where only its owner can read it (answers are personal)."""
    atomic_write_text(path, render(record, fmt), private=True)
    return path
