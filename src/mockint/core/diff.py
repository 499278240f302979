"""What changed between two attempts at a question: the words, and the figures.

`word_diff` compares two texts word by word (difflib on whitespace-separated
words, so a re-wrapped paragraph is not a change) and `diff_text` writes the
result with git's word-diff markers, `[-removed-]` and `{+added+}`, so it reads
in a plain file and without colour. `change_table` lines up what a person
wants to know after a second try: key points and STAR parts gained and lost,
words, time used against the limit, fillers and the rating.

Either side may be the question's sample answer (`sample_side`), so the same
view compares an attempt with the model answer.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from mockint.core.analysis import count_words, delivery
from mockint.core.deck import STAR_PARTS, Question
from mockint.core.session import RATINGS, AnswerRecord
from mockint.core.timing import format_duration

PieceKind = Literal["same", "added", "removed"]
MARKERS: dict[PieceKind, tuple[str, str]] = {
    "same": ("", ""), "removed": ("[-", "-]"), "added": ("{+", "+}")}


@dataclass(frozen=True)
class DiffPiece:
    """A run of words that both texts share, or that only one of them has."""

    kind: PieceKind
    text: str

    @property
    def marked(self) -> str:
        start, end = MARKERS[self.kind]
        return f"{start}{self.text}{end}"


def word_diff(old: str, new: str) -> list[DiffPiece]:
    """The words of `new` against `old`: same, removed (only in old) and added runs, in order."""
    a, b = old.split(), new.split()
    # autojunk off: its "popular word" heuristic treats common words in answers of
    # 200+ words as junk and then reports whole sentences as changed.
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    pieces: list[DiffPiece] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pieces.append(DiffPiece("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(DiffPiece("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(DiffPiece("added", " ".join(b[j1:j2])))
    return pieces


def diff_text(pieces: Sequence[DiffPiece]) -> str:
    """The diff as one line of text with `[-removed-]` and `{+added+}` markers."""
    return " ".join(piece.marked for piece in pieces)


def diff_counts(pieces: Sequence[DiffPiece]) -> tuple[int, int]:
    """Words added and words removed."""
    added = sum(len(p.text.split()) for p in pieces if p.kind == "added")
    removed = sum(len(p.text.split()) for p in pieces if p.kind == "removed")
    return added, removed


@dataclass(frozen=True)
class Side:
    """One side of a comparison: an attempt, or the sample answer (no time, no rating)."""

    text: str
    key_points: tuple[bool, ...]
    star: dict[str, bool] | None  # None: the question is not judged against STAR
    used: float | None = None
    limit: int | None = None
    rating: int | None = None
    is_sample: bool = False

    @property
    def words(self) -> int:
        return count_words(self.text)


def answer_side(answer: AnswerRecord) -> Side:
    question = answer.asked.question
    points = list(answer.key_points_checked)[: len(question.key_points)]
    points += [False] * (len(question.key_points) - len(points))
    star = ({p: bool(answer.star_checked.get(p)) for p in STAR_PARTS}
            if answer.star_checked or question.uses_star else None)
    return Side(text=answer.text, key_points=tuple(points), star=star, used=answer.used,
                limit=answer.time_limit, rating=answer.rating)


def sample_side(question: Question) -> Side:
    """The sample answer, taken to cover every key point (and STAR part) it was written for."""
    return Side(text=question.sample_answer, key_points=(True,) * len(question.key_points),
                star=dict.fromkeys(STAR_PARTS, True) if question.uses_star else None,
                is_sample=True)


def fillers(text: str) -> int:
    return sum(delivery(text, "technical").fillers.values())


@dataclass(frozen=True)
class ChangeRow:
    what: str
    before: str
    after: str
    change: str


def _signed(n: float, unit: str = "") -> str:
    return f"{n:+g}{unit}" if n else "same"


def _time(side: Side) -> str:
    if side.used is None:
        return "—"
    return f"{format_duration(side.used)} of {format_duration(side.limit or 0)}"


def change_table(question: Question, old: Side, new: Side) -> list[ChangeRow]:
    """What changed from `old` to `new`, one row per figure, each change in words."""
    points = question.key_points
    rows = []
    if points:
        gained = [p.point for p, a, b in zip(points, old.key_points, new.key_points, strict=True)
                  if b and not a]
        lost = [p.point for p, a, b in zip(points, old.key_points, new.key_points, strict=True)
                if a and not b]
        change = "; ".join(filter(None, [
            "gained: " + ", ".join(gained) if gained else "",
            "lost: " + ", ".join(lost) if lost else ""])) or "same"
        rows.append(ChangeRow("Key points", f"{sum(old.key_points)}/{len(points)}",
                              f"{sum(new.key_points)}/{len(points)}", change))
    if old.star is not None or new.star is not None:
        before, after = old.star or {}, new.star or {}
        gained = [p.title() for p in STAR_PARTS if after.get(p) and not before.get(p)]
        lost = [p.title() for p in STAR_PARTS if before.get(p) and not after.get(p)]
        change = "; ".join(filter(None, [
            "gained: " + ", ".join(gained) if gained else "",
            "lost: " + ", ".join(lost) if lost else ""])) or "same"
        rows.append(ChangeRow("STAR", f"{sum(before.values())}/4", f"{sum(after.values())}/4",
                              change))
    rows.append(ChangeRow("Words", str(old.words), str(new.words), _signed(new.words - old.words)))
    if old.used is not None or new.used is not None:
        if old.used is not None and new.used is not None:
            delta = int(new.used) - int(old.used)
            change = ("same" if not delta else
                      f"{abs(delta)} s {'faster' if delta < 0 else 'slower'}")
        else:
            change = "—"
        rows.append(ChangeRow("Time used", _time(old), _time(new), change))
    old_fillers, new_fillers = fillers(old.text), fillers(new.text)
    rows.append(ChangeRow("Fillers", str(old_fillers), str(new_fillers),
                          _signed(new_fillers - old_fillers)))
    if not (old.is_sample or new.is_sample):
        rows.append(ChangeRow("Rating", RATINGS.get(old.rating or 0, "—"),
                              RATINGS.get(new.rating or 0, "—"),
                              _signed((new.rating or 0) - (old.rating or 0))
                              if old.rating and new.rating else "—"))
    return rows


def change_text(rows: Sequence[ChangeRow]) -> str:
    """The change table as aligned plain text (the export and the CLI)."""
    header = ChangeRow("", "before", "after", "change")
    table = [header, *rows]
    widths = [max(len(getattr(r, f)) for r in table) for f in ("what", "before", "after")]
    return "\n".join(
        f"{r.what:<{widths[0]}}  {r.before:>{widths[1]}}  {r.after:>{widths[2]}}  {r.change}"
        .rstrip() for r in table)
