"""Checks of a parsed file: warnings when the result looks unlike what the file meant.

A reader can succeed and still be wrong (a whole file read as one question,
a list of questions read as one answer). These checks compare the result with
the file and say so, once per kind, with the first few places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mockint.core.deck import Question
from mockint.core.words import plural
from mockint.storage.formats.base import ImportProblem, ImportResult

LONG_PROMPT = 300
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


def _text_lines(text: str) -> Iterable[str]:
    """The lines of `text` outside fenced code blocks."""
    fence = ""
    for line in text.splitlines():
        match = _FENCE.match(line)
        if fence:
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match[1]
            continue
        yield line


_CLOSING_TAGS = re.compile(r"(?:\s*</?[A-Za-z][\w-]*\s*/?>)+\s*$")


def _asks(line: str) -> bool:
    """Ends with "?", also before closing markup (`**`, `</summary>`, `<br>`)."""
    return _CLOSING_TAGS.sub("", line).rstrip().rstrip("*_`)\"'").endswith("?")


def question_lines(text: str) -> int:
    """How many lines (outside code) end with a question mark."""
    return sum(1 for line in _text_lines(text) if _asks(line))


def _places(lines: list[int]) -> str:
    shown = ", ".join(str(n) for n in lines[:5] if n)
    more = ", …" if len(lines) > 5 else ""
    return f" (line{'s' if len(lines) > 1 else ''} {shown}{more})" if shown else ""


def check(result: ImportResult, lines: list[int], text: str) -> list[ImportProblem]:
    """Warnings about `result`, one per kind, each with a count and the first lines."""
    questions = result.questions
    warnings: list[ImportProblem] = []

    def warn(found: list[int], message: str) -> None:
        if found:
            warnings.append(ImportProblem(found[0], message + _places(found)))

    long, many_marks, answer_asks = [], [], []
    for question, line in zip(questions, lines, strict=False):
        prose = "\n".join(_text_lines(question.prompt))
        if len(prose) > LONG_PROMPT:
            long.append(line)
        elif prose.count("?") >= 3:
            many_marks.append(line)
        if question_lines(question.sample_answer) >= 4:
            answer_asks.append(line)
    warn(long, f"{plural(len(long), 'prompt')} over {LONG_PROMPT} characters: is an answer read as "
               "part of the question?")
    warn(many_marks, f"{plural(len(many_marks), 'prompt')} with several question marks: are several "
                     "questions read as one?")
    warn(answer_asks, f"{plural(len(answer_asks), 'answer')} {'holds' if len(answer_asks) == 1 else 'hold'} "
                      "several lines ending in \"?\": are "
                      "questions read as answer text?")
    empty = [line for q, line in zip(questions, lines, strict=False) if not q.sample_answer.strip()]
    if len(questions) >= 4 and len(empty) * 2 > len(questions):
        warn(empty, f"{len(empty)} of {len(questions)} questions have no answer (fine for a "
                    "list of questions to practise; if the file has answers, their layout was "
                    "not recognised)")
    if text:
        expected = question_lines(text)
        found = len(questions) + result.duplicates
        if expected >= 5 and (found * 2 < expected or found > expected * 3 + 5):
            warnings.append(ImportProblem(0, f"{plural(len(questions), 'question')} read, but the file "
                                             f"has {expected} lines ending in \"?\": check the "
                                             "preview (--dry-run)"))
    return warnings


def summarise(problems: list[ImportProblem], file: str, limit: int = 5) -> list[str]:
    """Problems as `FILE:LINE: reason` lines, identical reasons once with a count."""
    groups: dict[str, list[int]] = {}
    for problem in problems:
        groups.setdefault(problem.reason, []).append(problem.line)
    out = []
    for reason, lines in groups.items():
        if len(lines) == 1:
            out.append(ImportProblem(lines[0], reason).located(file))
            continue
        shown = ", ".join(str(n) for n in lines[:limit] if n)
        more = ", …" if len(lines) > limit else ""
        where = f" (lines {shown}{more})" if shown else ""
        out.append(ImportProblem(lines[0], f"{reason} [{len(lines)} times{where}]").located(file))
    return out


def table(questions: list[Question], count: int = 10, width: int = 60) -> list[str]:
    """The first questions as rows: prompt, category, answer length."""
    rows = [f"{'#':>3}  {'prompt':<{width}}  {'category':<13}  answer"]
    for number, question in enumerate(questions[:count], 1):
        prompt = " ".join(question.prompt.split())
        if len(prompt) > width:
            prompt = prompt[: width - 1] + "…"
        rows.append(f"{number:>3}  {prompt:<{width}}  {question.category:<13}  "
                    f"{plural(len(question.sample_answer), 'char')}")
    if len(questions) > count:
        rows.append(f"     … and {len(questions) - count} more")
    return rows
