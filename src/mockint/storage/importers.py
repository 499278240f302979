"""Import interview questions from CSV/TSV, Anki text exports, Markdown and JSON.

`parse_file` only reads: it turns a file into validated `Question`s (ids from
`slugify(prompt, taken)`, unique) and a list of `ImportProblem`s, one per line
it could not use, with the 1-based line number and the reason; everything else
is imported. A file that cannot be read at all (missing, not UTF-8, invalid
JSON, a CSV without a prompt column) raises `ImportFailed`. `import_file`
writes the questions into a user deck (new, or merged into an existing one).

Formats (`detect_format` picks one from the extension; `fmt=` overrides it):

- ``.csv .tsv .txt``: CSV with a header row when the first line names a
  ``prompt``/``question``/``front`` column, otherwise an Anki text export.
- ``.md .markdown``: Markdown.  ``.json``: JSON.

CSV / TSV
    The first row names the columns (any case; spaces or hyphens count as
    ``_``); the delimiter (comma, tab or semicolon) is sniffed from it.
    Columns, all optional except the prompt:

    ==================  ====================================================
    prompt              the question (also: ``question``, ``front``)
    sample_answer       the answer (also: ``answer``, ``back``)
    category            intro | technical | behavioral | situational |
                        system-design | ask-them (empty: the default)
    level               junior | mid | senior (empty: the default)
    topics              separated by ``;`` (or by ``,`` when there is no ``;``)
                        (also: ``tags``)
    why_asked, tip      text
    key_points          ``point one | cue, cue; point two``: points separated
                        by ``;``, a point's cues after ``|`` separated by ``,``
    follow_ups          separated by ``;``
    framework           answer steps, separated by ``;``
    star_situation, star_task, star_action, star_result
                        the STAR guide (all empty: no STAR guide)
    time_limit          whole seconds (empty: the deck's)
    id                  the question id (empty or invalid: made from the prompt)
    ==================  ====================================================

    List columns (topics, key_points, follow_ups, framework) may instead hold
    a JSON array -- ``["a; b", "c"]``, and for key_points
    ``[{"point": "...", "cues": ["..."]}]`` -- which is how `export_deck`
    writes a list whose text contains a separator (``;``, ``|``, ``,``), so
    any text survives a round trip. A cell is read as JSON only when it is a
    valid JSON array of the right shape; otherwise it is split as above.
    Unknown columns are reported once (on the header line) and ignored. A row
    with a bad category, level or time_limit, an empty prompt, or more or fewer
    cells than the header is reported with its line and skipped.

Anki text export (File > Export > Notes in Plain Text)
    No header row. One note per line (quoted fields may span lines): field 1
    is the front (prompt), field 2 the back (sample answer), further fields
    are ignored. Header lines at the top of the file: ``#separator:`` tab,
    comma, semicolon, pipe, space, colon or any single character (default:
    tab, else sniffed); ``#html:true`` strips tags (``<br>`` and block ends
    become line breaks) and unescapes entities; ``#tags:a b`` adds topics to
    every note; ``#tags column:N`` names the column of each note's tags;
    ``#guid column:N``, ``#notetype column:N``, ``#deck column:N`` name columns
    to skip; ``#deck:NAME`` gives the deck title. Other ``#`` header lines are
    ignored.

Markdown, by these rules, in this order:

    1. Title: the first heading is the deck title when it is a level-1 heading
       (``# Title``), the only one in the file, and does not end with ``?``.
       Text between it and the first question heading is the description.
    2. Cards: if the file has ``---`` lines and some card (the text between
       two of them) other than the title's does not open with a heading, the
       file is a list of cards. A card's prompt is its first line when that is
       a heading, a list item or a ``Q:`` line, otherwise its first paragraph;
       the rest of the card is the answer (headings in it are answer text).
    3. Headings: otherwise a heading is a question when its text ends with
       ``?``, or when it is at the deepest heading level of the file and the
       text under it does not start with a list. Its answer is the text under
       it, up to the next heading. Other headings are sections: their text
       becomes a topic of the questions under them.
    4. Lists: in a file without question headings, and under section headings,
       each top-level numbered (``1.``, ``1)``) or bulleted (``-``, ``*``,
       ``+``) item is a question, and the indented or paragraph text after it
       (up to the next item or heading) is its answer.

    ``---`` lines that do not separate cards are dropped; nothing inside a
    fenced code block is structure. Prompts lose a leading ``Q:``/``1.``
    numbering and ``**bold**`` wrapping; answers lose a leading ``A:``.

JSON
    A list of question objects with the deck format's keys (``question`` and
    ``answer`` are accepted for ``prompt`` and ``sample_answer``; a missing id
    is made from the prompt; list fields may also be strings, split as in
    CSV), or a mockint deck as JSON (an object with ``schema`` and
    ``questions``, as `export_deck` writes it). Problems name the item as
    ``item N`` (0-based index in the list) and carry its line.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import string
import textwrap
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from mockint import paths
from mockint.core.deck import ID_PATTERN, Deck, Question, problems_from_validation, slugify
from mockint.storage.decks import DeckStore, has_comments, save_deck

FORMATS: tuple[str, ...] = ("csv", "anki", "md", "json")
_FORMAT_NAMES = {"csv": "csv", "tsv": "csv", "anki": "anki", "txt": "anki", "md": "md",
                 "markdown": "md", "json": "json"}
_EXTENSIONS = {".csv": "csv", ".tsv": "csv", ".txt": "csv", ".md": "md", ".markdown": "md",
               ".json": "json"}
_ID_RE = re.compile(ID_PATTERN)


# --- results ---------------------------------------------------------------------------


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
    """What a file held: the questions that could be read and the problems."""

    questions: list[Question]
    problems: list[ImportProblem]
    format: str
    title: str | None = None
    description: str = ""


@dataclass
class ImportReport:
    """What `import_file` did to the user's decks."""

    deck_path: Path
    deck_id: str
    added: int
    skipped_duplicates: int
    problems: list[ImportProblem]
    created: bool
    format: str = ""
    dropped_comments: bool = False


class ImportFailed(Exception):
    """The file could not be imported at all; `problems` say where and why."""

    def __init__(self, problems: list[ImportProblem] | str) -> None:
        if isinstance(problems, str):
            problems = [ImportProblem(0, problems)]
        super().__init__("; ".join(p.reason for p in problems))
        self.problems = problems


# --- shared: raw fields -> validated questions ------------------------------------------


class _Builder:
    """Validates raw question data, gives each question a unique id, collects problems."""

    def __init__(self, default_category: str, default_level: str | None) -> None:
        self.default_category = default_category
        self.default_level = default_level
        self.questions: list[Question] = []
        self.problems: list[ImportProblem] = []
        self.taken: set[str] = set()

    def problem(self, line: int, reason: str) -> None:
        self.problems.append(ImportProblem(line, reason))

    def add(self, data: dict[str, Any], line: int, where: str = "") -> None:
        prompt = data.get("prompt")
        if not isinstance(prompt, str) or not prompt.strip():
            self.problem(line, f"{where}empty prompt: write the question; skipped")
            return
        self._defaults(data)
        note = self._fix_id(data)
        try:
            question = Question.model_validate(data)
        except ValidationError as error:
            self.problem(line, f"{where}{_reasons(error, data)}; skipped")
            return
        if note:
            self.problem(line, where + note)
        self.taken.add(question.id)
        self.questions.append(question)

    def _defaults(self, data: dict[str, Any]) -> None:
        for key, default in (("category", self.default_category), ("level", self.default_level)):
            value = data.get(key)
            if isinstance(value, str):
                value = re.sub(r"[\s_]+", "-", value.strip().lower())
            if value in (None, "") and default is not None:
                value = default
            if value in (None, ""):
                data.pop(key, None)
            else:
                data[key] = value

    def _fix_id(self, data: dict[str, Any]) -> str:
        given = data.get("id")
        new = slugify(data["prompt"], self.taken)
        if given in (None, ""):
            data["id"] = new
            return ""
        if isinstance(given, str) and _ID_RE.match(given) and given not in self.taken:
            return ""
        data["id"] = new
        why = ("is used by an earlier question" if given in self.taken
               else "is not lowercase words joined by hyphens")
        return f'id "{given}" {why}; imported as "{new}"'


def _reasons(error: ValidationError, data: dict[str, Any]) -> str:
    """Pydantic's errors as `place: message (got "value")`, joined by "; "."""
    reasons = []
    for problem, raw in zip(problems_from_validation("", error, data), error.errors(), strict=True):
        reason = f"{problem.place}: {problem.message}" if problem.place else problem.message
        if raw.get("type") != "missing" and isinstance(raw.get("input"), (str, int)):
            reason += f" (got {json.dumps(raw['input'], ensure_ascii=False)})"
        reasons.append(reason)
    return "; ".join(reasons)


def normalise_prompt(text: str) -> str:
    """A prompt as compared for duplicates: lowercase, one space, no end punctuation."""
    return " ".join(text.lower().split()).rstrip(string.punctuation + " …")


# --- list cells (shared by CSV import, CSV export and JSON strings) -----------------------


def _json_array(cell: str) -> list[Any] | None:
    text = cell.strip()
    if not text.startswith("["):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, list) else None


def parse_list_cell(cell: str, separators: str = ";") -> list[str]:
    """A list column: a JSON array of strings, or text split on `separators`."""
    value = _json_array(cell)
    if value is not None and all(isinstance(item, str) for item in value):
        return value
    parts = re.split(f"[{re.escape(separators)}]", cell)
    return [part.strip() for part in parts if part.strip()]


def parse_topics_cell(cell: str) -> list[str]:
    """Topics: separated by `;`, or by `,` when the cell has no `;`."""
    return parse_list_cell(cell, ";" if ";" in cell else ",")


def parse_key_points_cell(cell: str) -> list[dict[str, Any]]:
    """`point | cue, cue; point two`, or a JSON array of points (objects or strings)."""
    value = _json_array(cell)
    if value is not None and all(isinstance(item, (str, dict)) for item in value):
        return [{"point": item} if isinstance(item, str) else item for item in value]
    points = []
    for part in cell.split(";"):
        if part.strip():
            point, _, cues = part.partition("|")
            points.append({"point": point.strip(),
                           "cues": [c.strip() for c in cues.split(",") if c.strip()]})
    return points


_LIST_CELLS: dict[str, Callable[[str], list[Any]]] = {
    "topics": parse_topics_cell,
    "key_points": parse_key_points_cell,
    "follow_ups": parse_list_cell,
    "framework": parse_list_cell,
}


# --- reading and detecting ------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed("file not found") from None
    except IsADirectoryError:
        raise ImportFailed("this is a folder; give a file") from None
    except OSError as error:
        raise ImportFailed(f"cannot read: {error.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFailed([ImportProblem(line, f"not UTF-8 text (byte {error.start}): "
                                                "save the file as UTF-8")]) from None


def _format_name(fmt: str) -> str:
    try:
        return _FORMAT_NAMES[fmt.lower().lstrip(".")]
    except KeyError:
        raise ImportFailed(f'unknown format "{fmt}"; use one of {", ".join(FORMATS)}') from None


def detect_format(path: Path, text: str | None = None) -> str:
    """The format of `path`: from its extension, and for .csv/.tsv/.txt from its content."""
    path = Path(path)
    kind = _EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        raise ImportFailed(f'cannot tell the format from the extension "{path.suffix}"; '
                           f"give --format ({', '.join(FORMATS)})")
    if kind != "csv":
        return kind
    if text is None:
        text = _read_text(path)
    return "csv" if _has_csv_header(text) else "anki"


def _first_line(text: str) -> tuple[int, str]:
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            return number, line
    return 0, ""


def _sniff(line: str, candidates: str = "\t,;") -> str:
    counts = [(line.count(c), -i, c) for i, c in enumerate(candidates)]
    best = max(counts)
    return best[2] if best[0] else candidates[0]


def _has_csv_header(text: str) -> bool:
    _, line = _first_line(text)
    if _ANKI_HEADER.match(line):
        return False
    names = {_column_key(cell) for cell in line.split(_sniff(line))}
    return any(_COLUMNS.get(name) == "prompt" for name in names)


# --- CSV ----------------------------------------------------------------------------------

_COLUMN_NAMES = ("prompt", "sample_answer", "category", "level", "topics", "why_asked", "tip",
                 "key_points", "follow_ups", "framework", "star_situation", "star_task",
                 "star_action", "star_result", "time_limit", "id")
_COLUMNS = {name: name for name in _COLUMN_NAMES} | {
    "question": "prompt", "front": "prompt", "answer": "sample_answer", "back": "sample_answer",
    "tags": "topics", "follow_up": "follow_ups", "key_point": "key_points",
}
CSV_COLUMNS: tuple[str, ...] = _COLUMN_NAMES
"""The columns `export_deck` writes, in order."""


def _column_key(cell: str) -> str:
    return re.sub(r"[\s\-]+", "_", cell.strip().strip('"').lower())


def _records(text: str, delimiter: str, builder: _Builder) -> Iterator[tuple[int, int, list[str]]]:
    """(first line, last line, cells) of each non-blank record."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    end = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            builder.problem(reader.line_num, f"cannot read the rest of the file: {error}")
            return
        start, end = end + 1, reader.line_num
        if any(cell.strip() for cell in row):
            yield start, end, row


def _header(line: int, cells: list[str], builder: _Builder) -> dict[int, str]:
    """Column index -> field name; reports unknown and repeated columns on the header line."""
    columns: dict[int, str] = {}
    unknown, repeated = [], []
    for index, cell in enumerate(cells):
        name = _COLUMNS.get(_column_key(cell))
        if name is None:
            unknown.append(cell.strip())
        elif name in columns.values():
            repeated.append(cell.strip())
        else:
            columns[index] = name
    if unknown:
        listed = ", ".join(f'"{u}"' for u in unknown)
        builder.problem(line, f"unknown column(s) {listed} ignored; known columns: "
                              f"{', '.join(_COLUMN_NAMES)}")
    if repeated:
        builder.problem(line, f"column(s) {', '.join(repeated)} repeat an earlier column; "
                              "the first one is used")
    if "prompt" not in columns.values():
        raise ImportFailed([ImportProblem(line, "no prompt column: the first row must name the "
                                                "columns, e.g. prompt,sample_answer,category "
                                                "(question or front also work)")])
    return columns


def _row_data(cells: dict[str, str]) -> dict[str, Any]:
    """One CSV row's cells as question data (raises ValueError with the reason)."""
    data: dict[str, Any] = {}
    for name, cell in cells.items():
        if name in _LIST_CELLS:
            data[name] = _LIST_CELLS[name](cell)
        elif name in ("prompt", "category", "level", "id"):
            data[name] = cell.strip()
        elif name == "time_limit":
            if cell.strip():
                data[name] = _seconds(cell)
        elif not name.startswith("star_"):
            data[name] = cell
    star = {part: cells.get(f"star_{part}", "") for part in ("situation", "task", "action", "result")}
    if any(star.values()):
        data["star"] = star
    return data


def _seconds(cell: str) -> int:
    text = cell.strip()
    if not text.isdigit():
        raise ValueError(f'time_limit: "{text}" is not a whole number of seconds')
    return int(text)


def _parse_csv(text: str, builder: _Builder) -> None:
    _, first = _first_line(text)
    records = _records(text, _sniff(first), builder)
    header = next(records, None)
    if header is None:
        raise ImportFailed("the file is empty")
    columns = _header(header[0], header[2], builder)
    width = len(header[2])
    for start, end, row in records:
        if len(row) != width:
            span = f" (lines {start}-{end}: is a quote left open?)" if end > start + 2 else ""
            builder.problem(start, f"{len(row)} cells, but the header has {width}{span}; quote "
                                   "text that contains the delimiter; skipped")
            continue
        try:
            data = _row_data({name: row[index] for index, name in columns.items()})
        except ValueError as error:
            builder.problem(start, f"{error}; skipped")
            continue
        builder.add(data, start)


# --- Anki text export -------------------------------------------------------------------------

_ANKI_HEADER = re.compile(r"^#([a-z][a-z ]*):(.*)$", re.IGNORECASE)
_SEPARATORS = {"tab": "\t", "comma": ",", "semicolon": ";", "pipe": "|", "space": " ",
               "colon": ":"}


@dataclass
class _AnkiHeaders:
    separator: str | None = None
    html: bool = False
    tags: list[str] = field(default_factory=list)
    tags_column: int | None = None
    skip_columns: set[int] = field(default_factory=set)
    deck: str | None = None
    lines: int = 0


def _anki_headers(lines: list[str], builder: _Builder) -> _AnkiHeaders:
    headers = _AnkiHeaders()
    for number, line in enumerate(lines, 1):
        match = _ANKI_HEADER.match(line.rstrip("\r\n"))
        if not line.startswith("#"):
            break
        headers.lines = number
        if match:
            _anki_header(headers, match[1].strip().lower(), match[2].strip(), number, builder)
    return headers


def _anki_header(h: _AnkiHeaders, key: str, value: str, line: int, builder: _Builder) -> None:
    if key == "separator":
        h.separator = _SEPARATORS.get(value.lower(), value if len(value) == 1 else None)
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
        if not value.isdigit() or int(value) < 1:
            builder.problem(line, f'"#{key}:{value}": the column must be a number from 1')
        elif key == "tags column":
            h.tags_column = int(value) - 1
        else:
            h.skip_columns.add(int(value) - 1)


def _strip_html(text: str) -> str:
    text = re.sub(r"<br\s*/?>|</(?:div|p|li)>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"<[^>]*>", "", text)
    return html.unescape(text).replace("\xa0", " ")


def _parse_anki(text: str, builder: _Builder) -> str | None:
    lines = text.splitlines(keepends=True)
    h = _anki_headers(lines, builder)
    body = "".join(lines[h.lines:])
    separator = h.separator or ("\t" if "\t" in body else _sniff(_first_line(body)[1], "\t;,|"))
    for start, _end, row in _records(body, separator, builder):
        _anki_note(h, row, start + h.lines, builder)
    return h.deck


def _anki_note(h: _AnkiHeaders, row: list[str], line: int, builder: _Builder) -> None:
    skip = h.skip_columns | ({h.tags_column} if h.tags_column is not None else set())
    fields = [cell for index, cell in enumerate(row) if index not in skip]
    if len(fields) < 2:
        name = {v: k for k, v in _SEPARATORS.items()}.get(h.separator or "\t", "tab")
        builder.problem(line, f"{len(fields)} field(s); expected front and back separated by "
                              f"the separator ({name}; set it with #separator:); skipped")
        return
    if h.html:
        fields = [_strip_html(cell) for cell in fields]
    tags = list(h.tags)
    if h.tags_column is not None and h.tags_column < len(row):
        tags += row[h.tags_column].split()
    data = {"prompt": fields[0].strip(), "sample_answer": fields[1].strip(),
            "topics": list(dict.fromkeys(tags))}
    builder.add(data, line)


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

    def __init__(self, text: str, builder: _Builder) -> None:
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


def _parse_markdown(text: str, builder: _Builder) -> tuple[str | None, str]:
    document = _Markdown(text, builder)
    document.parse()
    title = document.title.text if document.title else None
    return title, document.description


# --- JSON -----------------------------------------------------------------------------------

_JSON_ALIASES = {"question": "prompt", "front": "prompt", "answer": "sample_answer",
                 "back": "sample_answer", "tags": "topics"}
_QUESTION_KEYS = set(Question.model_fields)


def _skip_ws(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t\r\n":
        i += 1
    return i


def _array_lines(text: str, i: int, decoder: json.JSONDecoder) -> list[int]:
    """The line on which each item of the JSON array starting at `text[i]` begins."""
    if text[i] != "[":
        return []
    lines, line, counted, i = [], 1, 0, i + 1
    while True:
        i = _skip_ws(text, i)
        if text[i] == "]":
            return lines
        line, counted = line + text.count("\n", counted, i), i
        lines.append(line)
        _, i = decoder.raw_decode(text, i)
        i = _skip_ws(text, i)
        if text[i] == ",":
            i += 1


def _member_start(text: str, i: int, name: str, decoder: json.JSONDecoder) -> int:
    """Where the value of key `name` in the JSON object starting at `text[i]` begins."""
    i += 1
    while True:
        key, i = decoder.raw_decode(text, _skip_ws(text, i))
        i = _skip_ws(text, _skip_ws(text, i) + 1)  # past the colon
        if key == name:
            return i
        _, i = decoder.raw_decode(text, i)
        i = _skip_ws(text, i) + 1  # past the comma


def _item_lines(text: str, in_deck: bool) -> list[int]:
    decoder = json.JSONDecoder()
    try:
        start = _skip_ws(text, 0)
        if in_deck:
            start = _member_start(text, start, "questions", decoder)
        return _array_lines(text, start, decoder)
    except (ValueError, IndexError):
        return []


def _json_items(text: str) -> tuple[list[Any], dict[str, Any] | None]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFailed([ImportProblem(error.lineno, f"not valid JSON: {error.msg} "
                                                        f"(column {error.colno})")]) from None
    if isinstance(data, list):
        return data, None
    if isinstance(data, dict) and ("schema" in data or "questions" in data):
        if data.get("schema", 1) != 1:
            raise ImportFailed(f"deck schema {data['schema']!r} is not supported (mockint reads 1)")
        if not isinstance(data.get("questions"), list):
            raise ImportFailed('"questions" must be a list of question objects')
        return data["questions"], data
    raise ImportFailed('expected a list of question objects, or a mockint deck '
                       '(an object with "schema" and "questions")')


def _json_question(item: dict[str, Any], where: str, line: int, builder: _Builder) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in item.items():
        name = _JSON_ALIASES.get(key, key)
        if name not in _QUESTION_KEYS or name in data:
            builder.problem(line, f'{where}unknown or repeated field "{key}" ignored')
        elif name in _LIST_CELLS and isinstance(value, str):
            data[name] = _LIST_CELLS[name](value)
        elif name == "key_points" and isinstance(value, list):
            data[name] = [{"point": v} if isinstance(v, str) else v for v in value]
        else:
            data[name] = value
    return data


def _parse_json(text: str, builder: _Builder) -> tuple[str | None, str]:
    items, deck = _json_items(text)
    if deck is not None:
        builder.default_level = None  # a deck's own default ("mid") applies
    lines = _item_lines(text, deck is not None)
    for index, item in enumerate(items):
        line = lines[index] if index < len(lines) else 0
        where = f"item {index}: "
        if isinstance(item, dict) and isinstance(item.get("id"), str):
            where = f'item {index} (id "{item["id"]}"): '
        if not isinstance(item, dict):
            builder.problem(line, f"{where}expected an object with at least a prompt; skipped")
            continue
        builder.add(_json_question(item, where, line, builder), line, where)
    deck = deck or {}
    title, description = deck.get("title"), deck.get("description")
    return (title if isinstance(title, str) else None,
            description if isinstance(description, str) else "")


# --- parse_file and import_file ----------------------------------------------------------------


def parse_file(
    path: Path,
    fmt: str | None = None,
    default_category: str = "technical",
    default_level: str = "mid",
) -> ImportResult:
    """Read `path` into validated questions and a problem per line that could not be used.

    Raises ImportFailed when the file cannot be read at all.
    """
    path = Path(path)
    text = _read_text(path)
    kind = _format_name(fmt) if fmt else detect_format(path, text)
    builder = _Builder(default_category, default_level)
    title: str | None = None
    description = ""
    if kind == "csv":
        _parse_csv(text, builder)
    elif kind == "anki":
        title = _parse_anki(text, builder)
    elif kind == "md":
        title, description = _parse_markdown(text, builder)
    else:
        title, description = _parse_json(text, builder)
    if not builder.questions and not builder.problems:
        builder.problem(0, f"no questions found (read as {kind}; see `mockint import --help`)")
    return ImportResult(builder.questions, builder.problems, kind, title, description)


def _title_from_name(path: Path) -> str:
    words = re.sub(r"[_\-.\s]+", " ", path.stem).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported questions"


def _target(deck_id: str) -> tuple[Path, Deck | None]:
    """Where to import: an existing user deck with this id, or a new file for it."""
    store = DeckStore.discover()
    for entry in store.entries:
        if entry.ok and entry.deck is not None and entry.deck.id == deck_id:
            if not entry.editable:
                raise ImportFailed(f'"{deck_id}" is a bundled deck, which mockint never changes; '
                                   "import into your own deck with --deck-id NEW-ID")
            return entry.path, entry.deck
    path = paths.user_decks_dir() / f"{deck_id}.toml"
    if path.exists():
        raise ImportFailed(f"{path} exists but is not a usable deck \"{deck_id}\" (see "
                           "`mockint validate`); fix it or import with another --deck-id")
    return path, None


def _merge(existing: list[Question], new: list[Question]) -> tuple[list[Question], int]:
    """The new questions whose prompt is not there yet (ids made unique), and the skip count."""
    seen = {normalise_prompt(q.prompt) for q in existing}
    taken = {q.id for q in existing}
    added: list[Question] = []
    for question in new:
        key = normalise_prompt(question.prompt)
        if key in seen:
            continue
        seen.add(key)
        if question.id in taken:
            question = question.model_copy(update={"id": slugify(question.prompt, taken)})
        taken.add(question.id)
        added.append(question)
    return added, len(new) - len(added)


def import_file(
    path: Path,
    fmt: str | None = None,
    deck_id: str | None = None,
    title: str | None = None,
    *,
    default_category: str = "technical",
    default_level: str = "mid",
) -> ImportReport:
    """Import `path` into a new user deck, or merge it into the user deck `deck_id`.

    Questions whose prompt is already in the deck are skipped, so importing the
    same file twice adds nothing. Raises ImportFailed when nothing can be imported
    (unreadable file, no questions, a bundled deck id, a broken target deck).
    """
    path = Path(path)
    if deck_id is not None and not _ID_RE.match(deck_id):
        raise ImportFailed(f'deck id "{deck_id}" must be lowercase words joined by hyphens')
    result = parse_file(path, fmt, default_category, default_level)
    if not result.questions:
        raise ImportFailed(result.problems)
    deck_id = deck_id or slugify(path.stem, max_words=8)
    target, deck = _target(deck_id)
    added, skipped = _merge(deck.questions if deck else [], result.questions)
    report = ImportReport(target, deck_id, len(added), skipped, result.problems,
                          created=deck is None, format=result.format)
    if deck is None:
        deck = Deck.model_validate({"schema": 1, "id": deck_id, "description": result.description,
                                    "title": title or result.title or _title_from_name(path)})
    elif not added:
        return report
    else:
        report.dropped_comments = has_comments(target)
    try:
        save_deck(deck.model_copy(update={"questions": deck.questions + added}), target)
    except OSError as error:
        raise ImportFailed(f"cannot write {target}: {error.strerror}") from None
    return report
