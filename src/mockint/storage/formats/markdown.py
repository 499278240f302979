"""Markdown (temporary port of the line-based reader)."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass

from mockint.core.deck import STAR_PARTS, Deck, Question, slugify
from mockint.storage.formats.base import Builder

# --- Markdown -----------------------------------------------------------------------------------

_HEADING = re.compile(r"^(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$")
_ITEM = re.compile(r"^ ?(?:\d+[.)]|[-*+])(?:[ \t]+(.*))?$")
_RULE = re.compile(r"^-{3,}\s*$")
_FENCE = re.compile(r"^\s*(```|~~~)")
_PROMPT_PREFIX = re.compile(r"^(?:q(?:uestion)?\s*\d*\s*[.:)]\s*|\d+[.)]\s+)", re.IGNORECASE)
_ANSWER_PREFIX = re.compile(r"^a(?:nswer)?\s*:\s*", re.IGNORECASE)


@dataclass
class _Heading:
    index: int
    level: int
    text: str


def _code_mask(lines: list[str]) -> list[bool]:
    """True for lines inside (or opening/closing) a fenced code block."""
    mask, fence = [], ""
    for line in lines:
        match = _FENCE.match(line)
        if fence:
            mask.append(True)
            if match and match[1] == fence:
                fence = ""
        else:
            mask.append(bool(match))
            fence = match[1] if match else ""
    return mask


def _clean_prompt(text: str) -> str:
    text = _PROMPT_PREFIX.sub("", text.strip(), count=1).strip()
    for mark in ("**", "__"):
        if len(text) > 4 and text.startswith(mark) and text.endswith(mark):
            text = text[2:-2].strip()
    return text


def _clean_answer(lines: list[str]) -> str:
    text = textwrap.dedent("\n".join(line.rstrip() for line in lines)).strip("\n")
    return _ANSWER_PREFIX.sub("", text.strip(), count=1)


class _Markdown:
    """The Markdown rules from the module docstring, over one file's lines."""

    def __init__(self, text: str, builder: Builder) -> None:
        self.lines = text.splitlines()
        self.code = _code_mask(self.lines)
        self.builder = builder
        self.headings = [h for h in map(self._heading, range(len(self.lines))) if h]
        self.title = self._title()
        self.description = ""

    def _heading(self, index: int) -> _Heading | None:
        match = None if self.code[index] else _HEADING.match(self.lines[index])
        return _Heading(index, len(match[1]), (match[2] or "").strip()) if match else None

    def _title(self) -> _Heading | None:
        first = self.headings[0] if self.headings else None
        ones = [h for h in self.headings if h.level == 1]
        if first and first.level == 1 and len(ones) == 1 and not first.text.endswith("?"):
            return first
        return None

    def parse(self) -> None:
        others = [h for h in self.headings if h is not self.title]
        is_rule = [not c and bool(_RULE.match(line))
                   for line, c in zip(self.lines, self.code, strict=True)]
        if self._is_card_file(is_rule):
            self._cards(is_rule)
        else:
            self._outline(others, is_rule)

    def _is_item(self, index: int) -> re.Match[str] | None:
        return None if self.code[index] else _ITEM.match(self.lines[index])

    def _add(self, prompt: str, answer: list[str], index: int, topics: list[str]) -> None:
        data = {"prompt": _clean_prompt(prompt), "sample_answer": _clean_answer(answer),
                "topics": topics}
        self.builder.add(data, index + 1)

    # cards

    def _is_card_file(self, is_rule: list[bool]) -> bool:
        """Rule 2: `---` lines, and some card (besides the title's) does not open with a heading."""
        if not any(is_rule):
            return False
        opening, after_rule = [], True
        for index, line in enumerate(self.lines):
            if is_rule[index]:
                after_rule = True
            elif after_rule and line.strip():
                opening.append(index)
                after_rule = False
        title = self.title.index if self.title else -1
        return any(i != title and not self._heading(i) for i in opening)

    def _cards(self, is_rule: list[bool]) -> None:
        card: list[int] = []
        for index in range(len(self.lines) + 1):
            if index == len(self.lines) or is_rule[index]:
                self._card(card)
                card = []
            else:
                card.append(index)

    def _card(self, indexes: list[int]) -> None:
        filled = [i for i in indexes if self.lines[i].strip()]
        if not filled:
            return
        first, last = filled[0], filled[-1]
        if self.title is not None and first == self.title.index:
            self.description = _clean_answer(self.lines[first + 1:last + 1])
            return
        heading, item = self._heading(first), self._is_item(first)
        if heading or item or _PROMPT_PREFIX.match(self.lines[first].strip()):
            end = first + 1
        else:
            end = next((i for i in range(first, last + 1) if not self.lines[i].strip()), last + 1)
        if heading:
            prompt = heading.text
        elif item:
            prompt = item[1] or ""
        else:
            prompt = " ".join(self.lines[i].strip() for i in range(first, end))
        self._add(prompt, self.lines[end:last + 1], first, [])

    # headings and lists

    def _body(self, position: int) -> list[int]:
        """The line indexes under the heading `self.headings[position]`."""
        start = self.headings[position].index + 1
        following = self.headings[position + 1:]
        return list(range(start, following[0].index if following else len(self.lines)))

    def _outline(self, others: list[_Heading], is_rule: list[bool]) -> None:
        deepest = max((h.level for h in others), default=0)
        asks = {h.index for pos, h in enumerate(self.headings)
                if h in others and self._asks(h, self._body(pos), deepest)}
        first = self.headings[0].index if self.headings else len(self.lines)
        if not asks:
            self._list_questions(range(first), is_rule, [], None)
        sections: list[tuple[int, str]] = []
        for pos, heading in enumerate(self.headings):
            body = [i for i in self._body(pos) if not is_rule[i]]
            if heading is self.title and asks:
                self.description = _clean_answer([self.lines[i] for i in body])
                continue
            sections = [s for s in sections if s[0] < heading.level]
            topics = [t for _, t in sections if t]
            if heading.index in asks:
                self._add(heading.text, [self.lines[i] for i in body], heading.index, topics)
            elif heading is self.title:
                self._list_questions(body, is_rule, [], None)
            else:
                sections.append((heading.level, _topic(heading.text)))
                nested = pos + 1 < len(self.headings) and self.headings[pos + 1].level > heading.level
                self._list_questions(body, is_rule, [t for _, t in sections if t],
                                     None if nested else heading)

    def _asks(self, heading: _Heading, body: list[int], deepest: int) -> bool:
        """Rule 3: a heading is a question when it ends with "?", or is at the deepest
        level and the text under it does not start with a list."""
        if heading.text.endswith("?"):
            return True
        filled = [i for i in body if self.lines[i].strip()]
        return heading.level == deepest and not (filled and self._is_item(filled[0]))

    def _list_questions(self, indexes: Iterable[int], is_rule: list[bool], topics: list[str],
                        section: _Heading | None) -> None:
        prompt: tuple[int, str] | None = None
        answer: list[str] = []
        text = False
        for index in indexes:
            item = self._is_item(index)
            if is_rule[index]:
                continue
            if item:
                if prompt:
                    self._add(prompt[1], answer, prompt[0], topics)
                prompt, answer = (index, item[1] or ""), []
            elif prompt:
                answer.append(self.lines[index])
            else:
                text = text or bool(self.lines[index].strip())
        if prompt:
            self._add(prompt[1], answer, prompt[0], topics)
        elif section and text:
            self.builder.problem(section.index + 1, f'"{section.text}" is read as a section '
                                 "heading, so the text under it is not imported; end it with "
                                 '"?" to make it a question')


def _topic(text: str) -> str:
    return slugify(text, max_words=4) if re.search(r"[a-z0-9]", text.lower()) else ""


def read(text: str, builder: Builder) -> None:
    document = _Markdown(text, builder)
    document.parse()
    if document.title:
        builder.deck["title"] = document.title.text
    if document.description:
        builder.deck["description"] = document.description





def _one_line(text: str) -> str:
    return " ".join(text.split())


def _meta(question: Question) -> str:
    parts: list[str] = [question.category, question.level]
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


def write(deck: Deck) -> str:
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
