"""Anki's text export (File > Export > Notes in Plain Text).

No header row. One note per line (quoted fields may span lines): field 1 is
the front (prompt), field 2 the back (sample answer), further fields are
ignored. Header lines at the top: ``#separator:`` (tab, comma, semicolon, pipe,
space, colon or one character; default tab, else sniffed), ``#html:true``
(tags stripped, ``<br>`` and block ends become line breaks, entities decoded),
``#tags:a b`` (topics of every note), ``#tags column:N``, ``#guid column:N``,
``#notetype column:N``, ``#deck column:N`` (columns to skip) and ``#deck:NAME``
(the deck title). Tags become topics (`anki_topics`).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from mockint.core.words import plural
from mockint.storage.formats.base import Builder, topic_slug
from mockint.storage.formats.csv_table import first_line, records, sniff_delimiter

_HEADER = re.compile(r"^#([a-z][a-z ]*):(.*)$", re.IGNORECASE)
SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ",
              "colon": ":"}


@dataclass
class _Headers:
    separator: str | None = None
    html: bool = False
    tags: list[str] = field(default_factory=list)
    tags_column: int | None = None
    skip_columns: set[int] = field(default_factory=set)
    deck: str | None = None
    lines: int = 0


def _headers(lines: list[str], builder: Builder) -> _Headers:
    headers = _Headers()
    for number, line in enumerate(lines, 1):
        match = _HEADER.match(line.rstrip("\r\n"))
        if not line.startswith("#"):
            break
        headers.lines = number
        if match:
            _header(headers, match[1].strip().lower(), match[2].strip(), number, builder)
    return headers


def _header(h: _Headers, key: str, value: str, line: int, builder: Builder) -> None:
    if key == "separator":
        h.separator = SEPARATORS.get(value.lower(), value if len(value) == 1 else None)
        if h.separator is None:
            builder.problem(line, f'unknown separator "{value}"; use tab, comma, semicolon, '
                                  "pipe, space or one character")
    elif key == "html":
        h.html = value.lower() == "true"
    elif key == "tags":
        h.tags = value.split()
    elif key == "deck":
        h.deck = value or None
    elif key.endswith(" column"):
        if not value.isdigit() or not 1 <= int(value) <= 1000:
            builder.problem(line, f'"#{key}:{value}": the column must be a number from 1')
        elif key == "tags column":
            h.tags_column = int(value) - 1
        else:
            h.skip_columns.add(int(value) - 1)


_SOUND = re.compile(r"\[sound:[^\]]*\]")


def strip_html(text: str) -> str:
    """Anki field HTML as text: line breaks kept, tags and media references dropped."""
    text = re.sub(r"<br\s*/?>|</(?:div|p|li|tr|h\d)>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<(script|style)\b.*?</\1\s*>", "", text, flags=re.IGNORECASE | re.DOTALL)
    text = re.sub(r"<[^>]*>", "", text)
    text = _SOUND.sub("", text)
    text = html.unescape(text).replace("\xa0", " ")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.splitlines())).strip()


_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(.*?))?\}\}", re.DOTALL)


def note_text(front: str, back: str, html_fields: bool = True) -> tuple[str, str]:
    """(prompt, sample answer) of a note. A cloze note (`{{c1::select_related}} follows
    foreign keys`) asks with its gaps shown as `[…]` (or the gap's hint) and answers with
    the whole text, then the back."""
    clean = strip_html if html_fields else (lambda cell: cell.replace("\\n", "\n").strip())
    if _CLOZE.search(front):
        prompt = _CLOZE.sub(lambda m: f"[{m[2] or '…'}]", front)
        answer = _CLOZE.sub(lambda m: m[1], front)
        return clean(prompt), "\n\n".join(p for p in (clean(answer), clean(back)) if p)
    return clean(front), clean(back)


def anki_topics(tags: list[str]) -> list[str]:
    """Anki tags as topics: `python::decorators` gives `python` and `decorators`."""
    topics: list[str] = []
    for tag in tags:
        for part in tag.split("::"):
            slug = topic_slug(part)
            if slug and slug not in topics and slug not in ("leech", "marked"):
                topics.append(slug)
    return topics


def read(text: str, builder: Builder) -> None:
    lines = text.splitlines(keepends=True)
    h = _headers(lines, builder)
    body = "".join(lines[h.lines:])
    separator = h.separator or ("\t" if "\t" in body else sniff_delimiter(first_line(body)[1], "\t;,|"))
    for start, _end, row in records(body, separator, builder):
        _note(h, row, start + h.lines, builder)
    if h.deck:
        builder.deck.setdefault("title", h.deck.split("::")[-1].strip() or h.deck)


def _note(h: _Headers, row: list[str], line: int, builder: Builder) -> None:
    skip = h.skip_columns | ({h.tags_column} if h.tags_column is not None else set())
    fields = [cell for index, cell in enumerate(row) if index not in skip]
    if len(fields) < 2:
        name = {v: k for k, v in SEPARATORS.items()}.get(h.separator or "\t", "tab")
        builder.problem(line, f"{plural(len(fields), 'field')}; expected front and back separated by "
                              f"the separator ({name}; set it with #separator:); skipped")
        return
    prompt, answer = note_text(fields[0], fields[1], h.html)
    tags = list(h.tags)
    if h.tags_column is not None and h.tags_column < len(row):
        tags += row[h.tags_column].split()
    data = {"prompt": prompt, "sample_answer": answer, "topics": anki_topics(tags)}
    builder.add(data, line)
