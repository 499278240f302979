"""JSON: a list of questions, a mockint deck, or a flashcard dump; and the JSON writer.

Shapes read:

- a list of question objects (or of strings: questions without answers);
- a mockint deck as `write` writes it (``schema``, ``title``, ``time_limit``,
  ``interviewer``, ``questions``): every deck field is kept;
- ``{"deck" or "title": ..., "cards" or "questions": [...]}``;
- ``{"Section": [...], "Other section": [...]}``: each key is a section, giving
  the questions under it a topic (and a category when its name says so).

Question objects use the deck format's keys; ``question``/``front`` are read as
the prompt, ``answer``/``back`` as the sample answer, ``tags`` as topics and
``notes`` as the tip. List fields may be strings, split as in CSV. Any other
key is reported on its own line and ignored.
"""

from __future__ import annotations

import bisect
import json
import re
from typing import Any

from mockint.core.deck import Deck, Question
from mockint.storage.formats.base import (
    LIST_CELLS,
    Builder,
    ImportFailed,
    ImportProblem,
    topic_slug,
    unwrap_prompt,
)
from mockint.storage.formats.sections import category_of_section

ALIASES = {"question": "prompt", "front": "prompt", "q": "prompt", "answer": "sample_answer",
           "back": "sample_answer", "a": "sample_answer", "tags": "topics", "notes": "tip",
           "note": "tip", "tag": "topics", "difficulty": "level", "topic": "topics",
           "keywords": "key_points", "key_words": "key_points", "keypoints": "key_points",
           "hint": "tip", "hints": "tip", "solution": "sample_answer",
           "explanation": "sample_answer", "followups": "follow_ups", "follow_up": "follow_ups"}
_QUESTION_KEYS = set(Question.model_fields)
_DECK_KEYS = {"schema", "id", "title", "deck", "name", "description", "time_limit", "interviewer",
              "questions", "cards"}


class _Locator:
    """Lines of JSON members and items, found by scanning once with the stdlib decoder."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.newlines = [m.start() for m in re.finditer("\n", text)]
        self.decoder = json.JSONDecoder()

    def line(self, position: int) -> int:
        return bisect.bisect_left(self.newlines, position) + 1

    def _ws(self, i: int) -> int:
        while i < len(self.text) and self.text[i] in " \t\r\n":
            i += 1
        return i

    def items(self, i: int) -> list[int]:
        """Start positions of the items of the array at `i`."""
        i = self._ws(i)
        if self.text[i] != "[":
            return []
        starts, i = [], self._ws(i + 1)
        while self.text[i] != "]":
            starts.append(i)
            _, i = self.decoder.raw_decode(self.text, i)
            i = self._ws(i)
            if self.text[i] == ",":
                i = self._ws(i + 1)
        return starts

    def members(self, i: int) -> dict[str, tuple[int, int]]:
        """Key -> (position of the key, position of its value) for the object at `i`."""
        i = self._ws(i)
        if self.text[i] != "{":
            return {}
        found: dict[str, tuple[int, int]] = {}
        i = self._ws(i + 1)
        while self.text[i] != "}":
            key, after = self.decoder.raw_decode(self.text, i)
            value = self._ws(self._ws(after) + 1)
            found.setdefault(key, (i, value))
            _, i = self.decoder.raw_decode(self.text, value)
            i = self._ws(i)
            if self.text[i] == ",":
                i = self._ws(i + 1)
        return found


def _safe(call: Any, *args: Any) -> Any:
    try:
        return call(*args)
    except (ValueError, IndexError, RecursionError):
        return None


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed([ImportProblem(error.lineno, f"not valid JSON: {error.msg} "
                                                        f"(column {error.colno})")]) from None
    except RecursionError:
        raise ImportFailed("the JSON is nested too deeply to be a list of questions") from None


def read(text: str, builder: Builder) -> None:
    data = _load(text)
    where = _Locator(text)
    start = where._ws(0)
    if isinstance(data, list):
        _items(data, where, start, builder, [], None)
        return
    if not isinstance(data, dict):
        raise ImportFailed('expected a list of questions, a mockint deck, or an object like '
                           '{"title": "...", "cards": [...]}')
    members = _safe(where.members, start) or {}
    if isinstance(data.get("deck"), dict):  # {"deck": {"name": ..., "cards": [...]}}
        deck_start = members.get("deck", (0, start))[1]
        data, members, start = data["deck"], _safe(where.members, deck_start) or {}, deck_start
    key = "questions" if isinstance(data.get("questions"), list) else "cards"
    if isinstance(data.get(key), list):
        _deck_fields(data, members, where, builder)
        if "schema" in data:
            builder.options.level = None  # a mockint deck's own default ("mid") applies
        _items(data[key], where, members.get(key, (0, -1))[1], builder, [], None,
               ours="schema" in data)
        return
    if "schema" in data or "questions" in data or "cards" in data:
        raise ImportFailed(f'"{key}" must be a list of question objects')
    sections = {k: v for k, v in data.items() if isinstance(v, list)}
    if not sections:
        raise ImportFailed('expected a list of questions, a mockint deck, or an object like '
                           '{"title": "...", "cards": [...]}')
    for name, value in data.items():
        at = members.get(name, (0, -1))
        if name not in sections:
            if name in ("title", "deck", "name") and isinstance(value, str):
                builder.deck.setdefault("title", value)
            elif name == "description" and isinstance(value, str):
                builder.deck["description"] = value
            else:
                builder.problem(where.line(at[0]) if at[0] else 0,
                                f'"{name}" is not a list of questions; ignored')
            continue
        inferred = category_of_section(name)
        topic = "" if inferred else topic_slug(name)
        _items(value, where, at[1], builder, [topic] if topic else [], inferred)


def _deck_fields(data: dict[str, Any], members: dict[str, tuple[int, int]], where: _Locator,
                 builder: Builder) -> None:
    def line(key: str) -> int:
        return where.line(members[key][0]) if key in members else 0

    if data.get("schema", 1) != 1:
        raise ImportFailed(f"deck schema {data['schema']!r} is not supported (mockint reads 1)")
    title = next((data[k] for k in ("title", "deck", "name") if isinstance(data.get(k), str)), None)
    if title and title.strip():
        builder.deck["title"] = title.strip()
    for name, kind in (("description", str), ("id", str)):
        if isinstance(data.get(name), kind):
            builder.deck[name] = data[name]
    limit = data.get("time_limit")
    if limit is not None:
        if isinstance(limit, int) and not isinstance(limit, bool) and 0 < limit <= 3600:
            builder.deck["time_limit"] = limit
        else:
            builder.problem(line("time_limit"), "time_limit must be whole seconds from 1 to 3600; "
                                                "the default is used")
    person = data.get("interviewer")
    if person is not None:
        if (isinstance(person, dict) and isinstance(person.get("name"), str) and person["name"]
                and set(person) <= {"name", "role"} and isinstance(person.get("role", ""), str)):
            builder.deck["interviewer"] = dict(person)
        else:
            builder.problem(line("interviewer"), 'interviewer must be {"name": "...", '
                                                 '"role": "..."}; ignored')
    for key in data:
        if key not in _DECK_KEYS:
            builder.problem(line(key), f'unknown deck field "{key}" ignored')


def _items(items: list[Any], where: _Locator, start: int, builder: Builder, topics: list[str],
           category: str | None, ours: bool = False) -> None:
    starts = (_safe(where.items, start) or []) if start >= 0 else []
    for index, item in enumerate(items):
        position = starts[index] if index < len(starts) else -1
        line = where.line(position) if position >= 0 else 0
        label = f"item {index}: "
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            label = f'item {index} (id "{item["id"][:40]}"): '
        if isinstance(item, str):
            item = {"prompt": item}
        if not isinstance(item, dict):
            builder.problem(line, f"{label}expected an object with at least a prompt; skipped")
            continue
        keys = (_safe(where.members, position) or {}) if position >= 0 else {}
        data = _question(item, label, keys, where, builder)
        if not ours and isinstance(data.get("prompt"), str):
            data["prompt"] = unwrap_prompt(data["prompt"])
        if topics and "topics" not in data:
            data["topics"] = list(topics)
        if category and not data.get("category"):
            data["category"] = category
        builder.add(data, line, label)


def _question(item: dict[str, Any], label: str, keys: dict[str, tuple[int, int]], where: _Locator,
              builder: Builder) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in item.items():
        lower = key.lower() if isinstance(key, str) else key
        name = ALIASES.get(lower, lower if lower in _QUESTION_KEYS else key)  # "ID", "Prompt"
        line = where.line(keys[key][0]) if key in keys else 0
        if name not in _QUESTION_KEYS or name in data:
            builder.problem(line, f'{label}unknown or repeated field "{key}" ignored')
        elif name in LIST_CELLS and isinstance(value, str):
            data[name] = LIST_CELLS[name](value)
        elif name == "key_points" and isinstance(value, list):
            data[name] = [{"point": v} if isinstance(v, str) else v for v in value]
        else:
            data[name] = value
    return data


def write(deck: Deck) -> str:
    """The deck itself, every field, as JSON."""
    return json.dumps(deck.to_toml_data(), indent=2, ensure_ascii=False) + "\n"
