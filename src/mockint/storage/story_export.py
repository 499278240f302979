"""Story bank exports: Markdown to read or print, JSON that carries everything.

In the Markdown every piece of the person's text is escaped, so a title like
`# Not a heading`, a line `---`, `[a link](x)` or `<script>` shows as typed and
can never change the document's structure. The JSON is the stories themselves:
`read_json(stories_to_json(s)) == s`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from mockint.core.deck import COMPETENCIES, STAR_PARTS
from mockint.core.stories import Story, coverage

FORMATS = ("md", "json")
EXPORT_SCHEMA = 1

# Characters with a meaning somewhere in Markdown (CommonMark lets a backslash
# escape any ASCII punctuation, so escaping them is always safe).
_INLINE = re.compile(r"([\\`*_{}\[\]<>#|~!&])")
# Only at the start of a line: list markers, setext underlines, ordered lists.
_LINE_START = re.compile(r"^([-+=])|^(\d+)([.)])")


def escape_markdown(text: str) -> str:
    """The person's text as literal Markdown: inline marks escaped, each line kept.

    Leading spaces would make an indented code block and are dropped; line
    breaks stay line breaks (a trailing backslash is a hard break).
    """
    lines = []
    for line in text.replace("\r\n", "\n").replace("\t", " ").split("\n"):
        line = _INLINE.sub(r"\\\1", line.strip())
        line = _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1)
                               else f"{m.group(2)}\\{m.group(3)}", line)
        lines.append(line)
    while lines and not lines[-1]:
        lines.pop()
    # A blank line inside a field would end the paragraph: keep it as a break.
    return "\\\n".join(lines)


def _one_line(text: str) -> str:
    return escape_markdown(" ".join(text.split()))


def stories_to_markdown(stories: Sequence[Story]) -> str:
    grid = coverage(stories)
    lines = ["# My STAR stories", ""]
    if not stories:
        lines += ["No stories yet.", ""]
    for story in stories:
        lines += [f"## {_one_line(story.title)}", ""]
        where = " · ".join(_one_line(x) for x in (story.role, story.company) if x.strip())
        if where:
            lines += [f"*{where}*", ""]
        for part in STAR_PARTS:
            text = story.part(part)
            if text.strip():
                lines += [f"**{part.title()}.** {escape_markdown(text)}", ""]
        if story.figures:
            lines += ["**Figures:** " + ", ".join(_one_line(f) for f in story.figures), ""]
        if story.competencies:
            lines += ["**Competencies:** " + ", ".join(story.competencies), ""]
        if story.tags:
            lines += ["**Tags:** " + ", ".join(_one_line(t) for t in story.tags), ""]
    lines += ["## Coverage", "", "| competency | stories |", "| --- | --- |"]
    titles = {s.id: s.title for s in stories}
    for competency in COMPETENCIES:
        ids = grid.by_competency[competency]
        names = ", ".join(_one_line(titles[i]) for i in ids) if ids else "**none yet**"
        lines.append(f"| {competency} | {names} |")
    lines.append("")
    return "\n".join(lines)


def stories_to_json(stories: Sequence[Story]) -> str:
    data = {"schema": EXPORT_SCHEMA,
            "stories": [s.model_dump(mode="json") for s in stories]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def read_json(text: str) -> list[Story]:
    data = json.loads(text)
    return [Story.model_validate(s) for s in data["stories"]]


def render(stories: Sequence[Story], fmt: str) -> str:
    if fmt == "json":
        return stories_to_json(stories)
    if fmt == "md":
        return stories_to_markdown(stories)
    raise ValueError(f"unknown story export format {fmt!r}; use one of {', '.join(FORMATS)}")
