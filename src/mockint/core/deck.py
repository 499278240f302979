"""The deck format: pydantic models for a deck of interview questions.

A deck is plain data (read from TOML by `mockint.storage.decks`). Unknown keys
are rejected so a typo in a deck file is an error the user sees, not a field
that silently disappears. Error formatting lives here too, because turning a
pydantic location such as ``('questions', 12, 'key_points', 0, 'point')`` into
``questions[12] (id "orm-n-plus-one").key_points[0].point`` needs the raw data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, get_args

from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator

from mockint.core.deck_problem import DeckProblem
from mockint.core.model import Model
from mockint.core.vocabulary import CATEGORIES as CATEGORIES  # re-exported: their old home
from mockint.core.vocabulary import DEFAULT_INTERVIEWER_NAME, DEFAULT_INTERVIEWER_ROLE
from mockint.core.vocabulary import LEVELS as LEVELS
from mockint.core.vocabulary import STAR_PARTS as STAR_PARTS
from mockint.core.vocabulary import Category as Category
from mockint.core.vocabulary import Level as Level
from mockint.core.vocabulary import check_choice as check_choice

SCHEMA_VERSION = 1
DEFAULT_TIME_LIMIT = 120

# What a behavioral or situational question probes (and what a story shows): a
# fixed vocabulary, so questions and the person's stories meet on the same
# words. Meanings: mockint.core.stories.COMPETENCY_MEANINGS and the README.
Competency = Literal["ownership", "conflict", "failure-and-learning", "leadership", "mentoring",
                     "deadline-and-priorities", "ambiguity", "technical-depth", "customer-focus",
                     "communication"]
COMPETENCIES: tuple[str, ...] = get_args(Competency)

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
"""Deck and question ids: lowercase words joined by hyphens (the CLI checks --deck-id with it)."""
_ID_RE = re.compile(ID_PATTERN)

# Limits on free text, far above any real question, so a pasted log or a 10 MB
# prompt is refused at validation with the limit named, not drawn for seconds.
PROMPT_MAX = 20_000
SAMPLE_ANSWER_MAX = 100_000
TEXT_MAX = 20_000  # why_asked, tip, description, a key point
TITLE_MAX = 500


class _Strict(Model):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class KeyPoint(_Strict):
    """One thing a good answer mentions; `cues` are words that show it was said."""

    point: str = Field(min_length=1, max_length=TEXT_MAX)
    cues: list[str] = Field(default_factory=list)


class StarGuide(_Strict):
    """How a strong behavioral answer fills each STAR part."""

    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""


class Interviewer(_Strict):
    """The persona shown in the interviewer panel."""

    name: str = Field(min_length=1)
    role: str = ""


DEFAULT_INTERVIEWER = Interviewer(name=DEFAULT_INTERVIEWER_NAME, role=DEFAULT_INTERVIEWER_ROLE)


class Question(_Strict):
    id: str = Field(pattern=ID_PATTERN)
    category: Category
    level: Level = "mid"
    topics: list[str] = Field(default_factory=list)
    prompt: str = Field(min_length=1, max_length=PROMPT_MAX)
    why_asked: str = Field(default="", max_length=TEXT_MAX)
    sample_answer: str = Field(default="", max_length=SAMPLE_ANSWER_MAX)
    key_points: list[KeyPoint] = Field(default_factory=list)
    star: StarGuide | None = None
    framework: list[str] = Field(default_factory=list)
    tip: str = Field(default="", max_length=TEXT_MAX)
    follow_ups: list[str] = Field(default_factory=list)
    time_limit: int | None = Field(default=None, gt=0, le=3600, strict=True)
    competencies: list[Competency] = Field(default_factory=list)

    @field_validator("competencies")
    @classmethod
    def _competencies_once(cls, value: list[str]) -> list[str]:
        return list(dict.fromkeys(value))

    @field_validator("prompt")
    @classmethod
    def _prompt_not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("the prompt is empty: write the question the interviewer asks")
        return value

    @property
    def uses_star(self) -> bool:
        """Behavioral and situational answers are judged against STAR."""
        return self.category in ("behavioral", "situational") or self.star is not None


class Deck(_Strict):
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True)

    schema_version: int = Field(alias="schema")
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1, max_length=TITLE_MAX)
    description: str = Field(default="", max_length=TEXT_MAX)
    time_limit: int = Field(default=DEFAULT_TIME_LIMIT, gt=0, le=3600, strict=True)
    interviewer: Interviewer | None = None
    questions: list[Question] = Field(default_factory=list)

    @field_validator("schema_version")
    @classmethod
    def _known_schema(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"schema {value} is not supported by this mockint (it reads schema "
                f"{SCHEMA_VERSION}); upgrade mockint or set schema = {SCHEMA_VERSION}"
            )
        return value

    @model_validator(mode="after")
    def _unique_question_ids(self) -> Deck:
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ValueError(f'question id "{question.id}" is used more than once')
            seen.add(question.id)
        return self

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def time_limit_for(self, question: Question) -> int:
        return question.time_limit or self.time_limit

    def to_toml_data(self) -> dict[str, Any]:
        """The deck as TOML-ready data: aliases used, fields left at their defaults out."""
        data = self.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True)
        data["schema"] = self.schema_version  # required, even though it has no default
        data.setdefault("questions", [])
        return {"schema": data.pop("schema"), **data}


def format_location(loc: Iterable[Any], data: Any) -> str:
    """Turn a pydantic error location into `questions[3] (id "x").key_points[0].point`."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int):
            parts.append(f"[{item}]")
            node = node[item] if isinstance(node, list) and item < len(node) else None
            if isinstance(node, Mapping) and isinstance(node.get("id"), str):
                parts.append(f' (id "{node["id"]}")')
        else:
            name = "schema" if item == "schema_version" else str(item)
            parts.append(f".{name}" if parts else name)
            node = node.get(name) if isinstance(node, Mapping) else None
    return "".join(parts)


def _message(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "field required"
    if kind == "extra_forbidden":
        return "unknown field (a typo? see the deck format in the README)"
    if kind == "literal_error":
        return str(error["msg"]).replace("Input should be", "must be")
    if kind == "string_pattern_mismatch":
        return "must be lowercase words joined by hyphens, like orm-n-plus-one"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        size = len(error["input"]) if isinstance(error.get("input"), str) else None
        found = f"{size:,} characters" if size is not None else "too long"
        return f"too long ({found}); the limit is {limit:,} characters: shorten or split it"
    if kind in ("int_type", "bool_type") and isinstance(error.get("input"), bool | str):
        wanted = "a whole number" if kind == "int_type" else "true or false"
        return f"must be {wanted}, not {error['input']!r}"
    message = str(error.get("msg", "invalid value"))
    return message.removeprefix("Value error, ")


def problems_from_validation(file: str, error: ValidationError, data: Any) -> list[DeckProblem]:
    return [
        DeckProblem(file, format_location(e["loc"], data), _message(e)) for e in error.errors()
    ]


def parse_deck(data: Mapping[str, Any], file: str = "<deck>") -> tuple[Deck | None, list[DeckProblem]]:
    """Validate deck data, returning the deck or every problem found in it."""
    try:
        return Deck.model_validate(data), []
    except ValidationError as error:
        problems = problems_from_validation(file, error, data)
    # Pydantic skips the deck-level check when fields fail, and reports it without
    # a place when they pass: report duplicates from the raw data either way.
    problems = [p for p in problems if "more than once" not in p.message]
    return None, problems + _duplicate_id_problems(file, data)


def _duplicate_id_problems(file: str, data: Mapping[str, Any]) -> list[DeckProblem]:
    questions = data.get("questions") if isinstance(data, Mapping) else None
    if not isinstance(questions, list):
        return []
    first: dict[str, int] = {}
    problems = []
    for index, question in enumerate(questions):
        qid = question.get("id") if isinstance(question, Mapping) else None
        if not isinstance(qid, str):
            continue
        if qid in first:
            place = f'questions[{index}] (id "{qid}").id'
            message = f'id "{qid}" is also used by questions[{first[qid]}]; ids must be unique'
            problems.append(DeckProblem(file, place, message))
        else:
            first[qid] = index
    return problems


def slugify(text: str, taken: Iterable[str] = (), max_words: int = 6,
            fallback: str = "question") -> str:
    """A stable id from free text, unique among `taken` (used for new questions).

    Text without a letter or digit to use ("!!!") gives `fallback`.
    """
    words = re.findall(r"[a-z0-9]+", text.lower())[:max_words] or [fallback]
    base = "-".join(words)
    # A set is used as given: copying it on every call made importing n rows O(n²).
    taken_set = taken if isinstance(taken, (set, frozenset)) else set(taken)
    candidate, n = base, 2
    while candidate in taken_set:
        candidate, n = f"{base}-{n}", n + 1
    assert _ID_RE.match(candidate)
    return candidate


def deck_id_for(title: str, taken: Iterable[str] = ()) -> str:
    """The id of a new deck titled `title` ("my-deck" when the title has no letter or digit)."""
    return slugify(title, taken, max_words=8, fallback="my-deck")
