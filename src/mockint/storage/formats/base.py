"""What every format shares: results, problems, and the one question builder.

A reader turns a file into raw question dicts and hands each to `Builder.add`
with its line; the builder applies defaults and mappings, validates, makes ids
unique and collects one `ImportProblem` per thing it could not use. Readers
never raise anything but `ImportFailed` (the file as a whole cannot be read).
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from mockint.core.deck import (
    CATEGORIES,
    COMPETENCIES,
    ID_PATTERN,
    LEVELS,
    Question,
    problems_from_validation,
    slugify,
)
from mockint.core.keypoints import parse_key_point
from mockint.storage.formats.sections import category_of_section

_ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class ImportProblem:
    """One line (or JSON item) that could not be imported, and why; line 0: no line."""

    line: int
    reason: str

    def located(self, file: str) -> str:
        """`FILE:LINE: reason` (or `FILE: reason` without a line), as compilers print."""
        return f"{file}:{self.line}: {self.reason}" if self.line else f"{file}: {self.reason}"


@dataclass
class ImportResult:
    """What a file held: the questions that could be read, the problems and the warnings.

    `deck` holds deck fields the file gave (title, description, time_limit,
    interviewer, id); `warnings` are the checks of `checks.py` (the result
    may not be what the file meant).
    """

    questions: list[Question]
    problems: list[ImportProblem]
    format: str
    title: str | None = None
    description: str = ""
    deck: dict[str, Any] = field(default_factory=dict)
    warnings: list[ImportProblem] = field(default_factory=list)
    duplicates: int = 0


class ImportFailed(Exception):
    """The file could not be imported at all; `problems` say where and why."""

    def __init__(self, problems: list[ImportProblem] | str) -> None:
        if isinstance(problems, str):
            problems = [ImportProblem(0, problems)]
        super().__init__("; ".join(p.reason for p in problems))
        self.problems = problems


@dataclass
class Options:
    """How to fill in and map what a file says (from `mockint import` options)."""

    category: str = "technical"
    level: str | None = "mid"
    map_category: Mapping[str, str] = field(default_factory=dict)
    map_level: Mapping[str, str] = field(default_factory=dict)


# Spellings people use for the categories and levels; `--map-category` adds more.
_CATEGORY_SYNONYMS = {
    "behavioural": "behavioral", "behaviour": "behavioral", "behavior": "behavioral",
    "hr": "behavioral", "soft-skills": "behavioral", "system": "system-design",
    "systemdesign": "system-design", "design": "system-design", "architecture": "system-design",
    "tech": "technical", "coding": "technical", "introduction": "intro",
    "scenario": "situational", "questions-to-ask": "ask-them", "ask": "ask-them",
    "reverse": "ask-them",
}
_LEVEL_SYNONYMS = {
    "entry": "junior", "beginner": "junior", "easy": "junior", "intermediate": "mid",
    "middle": "mid", "medium": "mid", "advanced": "senior", "expert": "senior", "hard": "senior",
}


# A line break inside a sentence ("Why do you want \nto work here?"): the source wrapped
# it for its own display. A break after ":" or ".", or before "-", "1." or a capital, is kept.
_SOFT_WRAP = re.compile(r"(?<=[^\s.:;!?])[ \t]*\n[ \t]*(?=[a-z(])")


def unwrap_prompt(prompt: str) -> str:
    """A prompt from someone else's file without the line breaks it was wrapped with
    (not for mockint's own decks, whose prompts come back exactly as written)."""
    return prompt if "```" in prompt else _SOFT_WRAP.sub(" ", prompt)


def _key(value: str) -> str:
    return re.sub(r"[\s_]+", "-", value.strip().lower())


class Builder:
    """Validates raw question data, gives each question a unique id, collects problems."""

    def __init__(self, options: Options | None = None) -> None:
        self.options = options or Options()
        self.questions: list[Question] = []
        self.problems: list[ImportProblem] = []
        self.taken: set[str] = set()
        self.seen: dict[str, int] = {}  # normalised prompt -> line of its first question
        self.duplicates = 0
        self.lines: list[int] = []  # the line of each question, for the checks
        self.deck: dict[str, Any] = {}

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(ImportProblem(line, reason))

    def add(self, data: dict[str, Any], line: int, where: str = "") -> Question | None:
        prompt = data.get("prompt")
        if not isinstance(prompt, str) or not prompt.strip():
            self.problem(line, f"{where}empty prompt: write the question; skipped")
            return None
        key = normalise_prompt(prompt)
        if key in self.seen:
            self.duplicates += 1
            first = self.seen[key]
            at = f" on line {first}" if first else ""
            self.problem(line, f"{where}same question as the one{at} earlier in this file; skipped")
            return None
        topics = data.get("topics")
        if not data.get("category") and isinstance(topics, list):
            # no category, but a topic that names one ("HR", "Behavioral")
            found = next((c for t in topics if isinstance(t, str)
                          for c in [category_of_section(t.replace("-", " "))] if c), None)
            if found:
                data["category"] = found
        self._choose("category", self.options.category, CATEGORIES, _CATEGORY_SYNONYMS,
                     self.options.map_category, data, line, where)
        self._choose("level", self.options.level, LEVELS, _LEVEL_SYNONYMS,
                     self.options.map_level, data, line, where)
        note = self._fix_id(data)
        self._competencies(data, line, where)
        try:
            question = Question.model_validate(data)
        except ValidationError as error:
            self.problem(line, f"{where}{_reasons(error, data)}; skipped")
            return None
        if note:
            self.problem(line, where + note)
        self.seen[key] = line
        self.taken.add(question.id)
        self.questions.append(question)
        self.lines.append(line)
        return question

    def _choose(self, name: str, default: str | None, allowed: tuple[str, ...],
                synonyms: Mapping[str, str], mapping: Mapping[str, str], data: dict[str, Any],
                line: int, where: str) -> None:
        """Map the value; an empty one takes the default; an unknown one too, with a problem."""
        value = data.get(name)
        if isinstance(value, str):
            raw = value
            value = _key(value)
            value = mapping.get(value, mapping.get(raw.strip(), value))
            if value not in allowed:
                value = synonyms.get(value, value)
            if value not in allowed and name == "category":
                # the words a section title would be read by ("Behavioral questions", "HR")
                value = category_of_section(raw) or value
            if value not in allowed and value and default is not None:
                self.problem(line, f'{where}unknown {name} "{raw.strip()}": imported as "{default}" '
                                   f"(map it with --map-{name} \"{raw.strip()}\"={name.upper()})")
                value = default
        if value in (None, "") and default is not None:
            value = default
        if value in (None, ""):
            data.pop(name, None)
        else:
            data[name] = value

    def _competencies(self, data: dict[str, Any], line: int, where: str) -> None:
        """Unknown competencies are left out, with a problem, rather than the question.

        A question that names none is kept that way, so a deck survives a round
        trip: mockint infers them from the wording where they are used
        (`mockint.core.stories.question_competencies`)."""
        given = data.get("competencies")
        if isinstance(given, list):
            unknown = [c for c in given if c not in COMPETENCIES]
            if unknown:
                listed = ", ".join(_show(c) for c in unknown)
                self.problem(line, f"{where}unknown competenc{'y' if len(unknown) == 1 else 'ies'} "
                                   f"{listed} left out; known: {', '.join(COMPETENCIES)}")
                data["competencies"] = [c for c in given if c in COMPETENCIES]

    def _fix_id(self, data: dict[str, Any]) -> str:
        given = data.get("id")
        new = slugify(data["prompt"], self.taken)
        if given is None or given == "":
            data["id"] = new
            return ""
        if isinstance(given, int) and not isinstance(given, bool) and given >= 0:
            given = data["id"] = str(given)  # the source's own numbering: a good id
        if isinstance(given, str) and _ID_RE.match(given) and given not in self.taken:
            return ""
        data["id"] = new
        if not isinstance(given, str):
            return f"id {_show(given)} is not text; imported as \"{new}\""
        why = ("is used by an earlier question" if given in self.taken
               else "is not lowercase words joined by hyphens")
        return f'id "{given}" {why}; imported as "{new}"'


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= 40 else text[:37] + "..."


def _reasons(error: ValidationError, data: dict[str, Any]) -> str:
    """Pydantic's errors as `place: message (got "value")`, joined by "; "."""
    reasons = []
    for problem, raw in zip(problems_from_validation("", error, data), error.errors(), strict=True):
        reason = f"{problem.place}: {problem.message}" if problem.place else problem.message
        if raw.get("type") != "missing" and isinstance(raw.get("input"), (str, int)):
            shown = json.dumps(raw["input"], ensure_ascii=False)
            reason += f" (got {shown if len(shown) <= 60 else shown[:57] + '...'})"
        reasons.append(reason)
    return "; ".join(reasons)


def normalise_prompt(text: str) -> str:
    """A prompt as compared for duplicates: lowercase, one space, no end punctuation."""
    return " ".join(text.lower().split()).rstrip(string.punctuation + " …")


def topic_slug(text: str) -> str:
    """A tag or section name as a topic: `Python_Basics` -> `python-basics` ("" for none)."""
    words = re.findall(r"[a-z0-9+#]+", text.lower())
    return "-".join(words[:6]).replace("+", "p").replace("#", "sharp")


# --- list cells (shared by CSV import, CSV export and JSON strings) -----------------------


def json_array(cell: str) -> list[Any] | None:
    text = cell.strip()
    if not text.startswith("["):
        return None
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, list) else None


def parse_list_cell(cell: str, separators: str = ";") -> list[str]:
    """A list column: a JSON array of strings, or text split on `separators`."""
    value = json_array(cell)
    if value is not None and all(isinstance(item, str) for item in value):
        return value
    parts = re.split(f"[{re.escape(separators)}]", cell)
    return [part.strip() for part in parts if part.strip()]


def parse_topics_cell(cell: str) -> list[str]:
    """Topics: separated by `;`, or by `,` when the cell has no `;`."""
    return parse_list_cell(cell, ";" if ";" in cell else ",")


def parse_key_points_cell(cell: str) -> list[Any]:
    """`point | cue, cue; point two`, or a JSON array of points (objects or strings)."""
    value = json_array(cell)
    if value is not None and all(isinstance(item, (str, dict)) for item in value):
        return [{"point": item} if isinstance(item, str) else item for item in value]
    return [parse_key_point(part) for part in cell.split(";") if part.strip()]


def parse_competencies_cell(cell: str) -> list[str]:
    """Competencies: `conflict, communication`; "Failure and learning" reads as failure-and-learning."""
    return [re.sub(r"[\s_]+", "-", c.strip().lower()) for c in parse_topics_cell(cell)]


LIST_CELLS: dict[str, Callable[[str], list[Any]]] = {
    "topics": parse_topics_cell,
    "competencies": parse_competencies_cell,
    "key_points": parse_key_points_cell,
    "follow_ups": parse_list_cell,
    "framework": parse_list_cell,
}
