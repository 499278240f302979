"""Editing a question as text fields: the form's plain-text formats and live checks.

The question form edits lists as lines (key points as `point | cue, cue`,
framework steps and follow-ups one per line) and validates the whole question
on every change, mapping each problem back to the field it belongs to, so the
form can mark the field and say why without losing what was typed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from mockint.core.deck import COMPETENCIES, STAR_PARTS, KeyPoint, Question
from mockint.core.keypoints import format_key_point, parse_key_point
from mockint.core.stories import question_competencies


def key_points_text(points: list[KeyPoint]) -> str:
    return "\n".join(format_key_point(p.point, p.cues) for p in points)


def parse_key_points(text: str) -> list[dict[str, Any]]:
    return [parse_key_point(line) for line in text.splitlines() if line.strip()]


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def question_from_form(values: Mapping[str, str], question_id: str) -> dict[str, Any]:
    """The question's data from the form's raw text values."""
    data: dict[str, Any] = {
        "id": question_id,
        "prompt": values.get("prompt", ""),
        "category": values.get("category", ""),
        "level": values.get("level", ""),
        "topics": [t.strip().lower() for t in values.get("topics", "").split(",") if t.strip()],
        "why_asked": values.get("why_asked", "").strip(),
        "sample_answer": values.get("sample_answer", "").strip(),
        "key_points": parse_key_points(values.get("key_points", "")),
        "framework": lines(values.get("framework", "")),
        "tip": values.get("tip", "").strip(),
        "follow_ups": lines(values.get("follow_ups", "")),
    }
    competencies = parse_competencies(values.get("competencies", ""))
    if competencies:
        data["competencies"] = competencies
    star = {part: values.get(f"star_{part}", "").strip() for part in STAR_PARTS}
    if any(star.values()):
        data["star"] = star
    limit = values.get("time_limit", "").strip()
    if limit:
        data["time_limit"] = int(limit) if limit.isdigit() else limit
    return data


def parse_competencies(text: str) -> list[str]:
    """`Conflict, failure and learning` → ["conflict", "failure-and-learning"]."""
    return [re.sub(r"[\s_]+", "-", c.strip().lower()) for c in text.split(",") if c.strip()]


def form_values(question: Question) -> dict[str, str]:
    """The form's text values for an existing question."""
    values = {
        "prompt": question.prompt,
        "category": question.category,
        "level": question.level,
        "topics": ", ".join(question.topics),
        "why_asked": question.why_asked,
        "sample_answer": question.sample_answer,
        "key_points": key_points_text(question.key_points),
        "framework": "\n".join(question.framework),
        "tip": question.tip,
        "follow_ups": "\n".join(question.follow_ups),
        "time_limit": str(question.time_limit or ""),
        # The deck's own, or else what the wording suggests: shown so it can be corrected,
        # and saved with the question once the form is saved.
        "competencies": ", ".join(question_competencies(question)),
    }
    for part in STAR_PARTS:
        values[f"star_{part}"] = getattr(question.star, part) if question.star else ""
    return values


def check_question(data: dict[str, Any]) -> tuple[Question | None, dict[str, str]]:
    """Validate; on failure, one message per form field (the first problem of each)."""
    try:
        return Question.model_validate(data), {}
    except ValidationError as error:
        problems: dict[str, str] = {}
        for item in error.errors():
            loc = item["loc"]
            field = str(loc[0]) if loc else "prompt"
            if field == "star" and len(loc) > 1:
                field = f"star_{loc[1]}"
            message = str(item["msg"]).removeprefix("Value error, ")
            if field == "competencies":
                message = f"“{item['input']}” is not one of: {', '.join(COMPETENCIES)}"
            if field == "key_points" and len(loc) > 1 and isinstance(loc[1], int):
                message = f"line {loc[1] + 1}: {message.lower()}"
            problems.setdefault(field, message)
        return None, problems
