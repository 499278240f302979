"""Text shared by several screens: deck descriptions, answer lines, table rows, labels.

Screens import these from here, never from each other, so no screen depends
on another screen's module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from mockint.core.counts import AnswerCounts, answer_state
from mockint.core.timing import format_duration, seconds_over
from mockint.core.words import plural
from mockint.core.words import session_status as status_words
from mockint.storage.decks import DeckEntry, display_name
from mockint.tui.literal import one_line, visible
from mockint.tui.widgets.fitted_table import FittedTable

if TYPE_CHECKING:  # home uses this module before any session model (pydantic) is loaded
    from mockint.core.analysis import AnswerAnalysis
    from mockint.core.session import AnswerRecord, SessionRecord

KIND_LABELS = {
    "custom": "Custom: the decks above, as filtered",
    "due": "Due: reviews FSRS scheduled, most overdue first",
    "weak": "Weak: lowest recent ratings, missed points, overtime",
    "new": "New: questions never answered",
    "mixed": "Mixed: due and weak, plus a few new",
    "cram": "Anything now: due, weak, then all the rest",
    "full": "Full interview: intro to your questions",
}
"""The kinds of session the setup screen offers, as the user reads them."""


def deck_summary(entry: DeckEntry) -> str:
    """A plain-text description of a deck, or its problems if it is broken.

    Read from the entry's summary (the deck index), so showing it validates nothing."""
    deck = entry.summary
    if deck is None or not entry.ok:
        lines = [f"{display_name(entry.path)} cannot be used:"]
        lines += [f"  • {p.place + ': ' if p.place else ''}{p.message}" for p in entry.problems]
        lines.append("Fix the file (mockint validate PATH shows the same list).")
        return "\n".join(lines)
    categories = deck.category_counts()
    counts = ", ".join(f"{n} {c}" for c, n in sorted(categories.items()))
    persona = deck.interviewer or "the interviewer named in Settings"
    return (
        f"{deck.title}\n{deck.description}\n\n{plural(len(deck.questions), 'question')}: {counts}\n"
        f"{deck.time_limit}s per question · asked by {persona}\n{display_name(entry.path)}"
    )


def insights_text(analysis: AnswerAnalysis) -> str:
    d = analysis.delivery
    low, high = d.target
    spoken = format_duration(d.speaking_seconds)
    parts = [f"{plural(d.words, 'word')} (aim {low}–{high})", f"~{spoken} spoken at {d.wpm} wpm"]
    if analysis.star:
        parts.append(f"I ×{d.i_count} · we ×{d.we_count}")
    fillers = sum(d.fillers.values())
    parts.append(plural(fillers, "filler") if fillers else "no fillers")
    if d.repeated:
        parts.append("repeats " + ", ".join(f"{w} ×{n}" for w, n in d.repeated[:2]))
    parts.append("has an example" if d.has_example else "no concrete example")
    lines = [" · ".join(parts)]
    words = []
    if d.top_words:
        words.append("most used: " + ", ".join(f"{w} ×{n}" for w, n in d.top_words[:4]))
    if d.job_terms:
        words.append("job terms: " + ", ".join(d.job_terms[:6]))
    if words:
        lines.append(" · ".join(words))
    if d.talking_points or analysis.star:
        said = ", ".join(d.talking_points) or "none"
        missing = [t for t in TALKING_POINTS if t not in d.talking_points]
        if d.talking_points or missing:
            lines.append(f"talking points: {said}"
                         + (f" (not heard: {', '.join(missing)})" if missing else ""))
    lines += [f"→ {tip}" for tip in analysis.suggestions]
    return "\n".join(lines)


TALKING_POINTS = ("experience", "a skill", "a lesson learned", "a goal")


def time_line(used: float, limit: int, paused: float) -> str:
    over = seconds_over(used, limit)
    text = (f"Time {format_duration(used)} of {format_duration(limit)}" if limit > 0
            else f"Time {format_duration(used)} (no time limit)")
    if over:
        text += f" (+{format_duration(over)} over)"
    if paused:
        text += f" · paused {format_duration(paused)}"
    return text



PROMPT_WIDTH = 60  # a DataTable column grows to its longest cell: keep Time and Rating in view


def summary_rows(record: SessionRecord) -> list[tuple[Text, ...]]:
    from mockint.core.session import RATINGS

    rows: list[tuple[Text, ...]] = []
    for answer in record.answers:
        question = answer.asked.question
        over = f"+{format_duration(answer.overtime)}" if answer.overtime else ""
        state = answer_state(answer)
        rating = RATINGS.get(answer.rating or 0, "—" if state == "answered" else state)
        points = f"{answer.key_points_covered}/{len(question.key_points)}"
        star = f"{answer.star_covered}/4" if answer.star_checked else ""
        rows.append((
            Text(str(answer.index + 1), justify="right"),
            Text(visible(one_line(question.prompt, PROMPT_WIDTH))),
            Text(f"{format_duration(answer.used)}/{format_duration(answer.time_limit)}"),
            Text(over, style="bold red" if over else ""),
            Text(rating),
            Text(points),
            Text(star),
        ))
    return rows


def answers_table(id: str) -> FittedTable:
    """The table of a session's answers: the question gives way, so Time, Rating, Points
    and STAR stay in view down to 80 columns."""
    return FittedTable(flex=1, min_flex=16, id=id)


def fill_answers_table(table: FittedTable, record: SessionRecord) -> FittedTable:
    """A session's answers, one row each (the summary and the session screen)."""
    table.set_columns("#", "Question", "Time", "Over", "Rating", "Points", "STAR")
    table.set_rows(summary_rows(record))
    return table


def answer_blocks(answer: AnswerRecord) -> list[tuple[str, str]]:
    """The user's answer and follow-up answers, as SideBySide blocks."""
    blocks = [("text", answer.text or "(no answer typed)")]
    for follow_up in answer.follow_ups:
        blocks += [("aside", f"Follow-up: {follow_up.prompt}"),
                   ("text", follow_up.text or "(no answer typed)")]
    return blocks


def checks_text(answer: AnswerRecord) -> str:
    """Key points and STAR parts as they were ticked, ✓ covered and ✗ missed."""
    from mockint.core.vocabulary import STAR_PARTS

    question = answer.asked.question
    lines = []
    for i, point in enumerate(question.key_points):
        covered = i < len(answer.key_points_checked) and answer.key_points_checked[i]
        lines.append(f"{'✓' if covered else '✗'} {point.point}")
    if answer.star_checked:
        lines.append("STAR: " + "  ".join(
            f"{'✓' if answer.star_checked.get(p) else '✗'} {p.title()}" for p in STAR_PARTS))
    return "\n".join(lines) or "(no key points in this question)"


def answer_meta(answer: AnswerRecord) -> str:
    from mockint.core.session import RATINGS

    rating = RATINGS.get(answer.rating or 0, "not rated")
    parts = [time_line(answer.used, answer.time_limit, answer.paused), f"rated {rating}"]
    if answer.skipped:
        parts.append("skipped")
    if answer.peeks:
        parts.append(f"peeked {len(answer.peeks)}×")
    return " · ".join(parts)



def session_status(status: str, counts: AnswerCounts) -> str:
    """`finished`, `left early`, or `empty` for a session left before any answer."""
    return status_words(status, counts.empty)


def session_heading(record: SessionRecord) -> str:
    from mockint.core.full_interview import budget_line

    decks = ", ".join(dict.fromkeys(a.deck_title for a in record.plan))
    average = record.average_rating
    return (f"{record.started_at:%a %d %b %Y %H:%M} UTC · {decks} · {record.config.mode} · "
            f"{session_status(record.status, record.counts)} · {record.counts.label()} · "
            f"{format_duration(record.total_used)}"
            + (f" · average {average:.1f}" if average else "")
            + (f"\nFull interview · {budget_line(record)}" if record.config.full else ""))
