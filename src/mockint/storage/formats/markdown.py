"""Markdown, read with a CommonMark tokenizer (markdown-it-py); and the Markdown writer.

Shapes read (the file is tokenized; nothing inside a code block is structure):

- Front matter (``---`` / ``key: value`` / ``---``, or ``+++`` for TOML) is not
  content; its ``title:`` is the deck's title.
- A heading per question: a heading is a question when it asks ("?",
  ``Q1.``, a question word), or sits at the level where the questions are and
  has text under it. Its answer runs to the next heading of the same or a higher
  level, so sub-headings and bold lines inside an answer stay answer text.
  Other headings are sections: they give the questions under them a topic, and
  a category when the title says one ("Behavioral…", "Questions to ask…").
- Lists of questions, also after an intro sentence: each item is a question
  (numbered, bulleted or ``**bold**``), the rest of the item and the text after
  it its answer. Link-only items (tables of contents, translations) are dropped.
- ``**Q: …**`` or ``Q1.`` lines with an ``A:`` answer, and bold question lines.
- Folded answers: ``<details><summary>question</summary> answer </details>`` is a
  question (a summary that only says "Answer" folds the answer of the question
  above). A heading labelled ``Q.``/``Q1.``/``Question 3:`` is always a question;
  with nothing after the label, the lines under it are.
- Cards between ``---`` lines, with or without ``Q:``/``A:``: the heading, the
  ``Q:`` line, or else the first paragraph (up to its first line ending in "?")
  is the question; a code block right after it, with more text after the code,
  belongs to the question (as does a code block that opens the card).

Prompts lose Markdown (links become their text, emphasis markers go, entities
are decoded); answers keep their text, without HTML tags, comments or
"Source: …" lines, with links as their text.

`write` writes front matter with the deck's fields, each question as a heading
followed by an HTML comment carrying its fields as JSON, the answer as written
(or in the comment, when its text would change the document's structure), and
key points, STAR and the rest for reading; `read` gives the same deck back.
"""

from __future__ import annotations

import html
import json
import re
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from mockint.core.deck import STAR_PARTS, Deck, Question
from mockint.core.words import plural
from mockint.storage.formats.base import Builder, topic_slug
from mockint.storage.formats.sections import category_of_section, is_generic

_MD = MarkdownIt("commonmark").enable("table")
META = "mockint"
_META_OPEN = "<!-- mockint "
_EXTRAS = "<!-- mockint: for reading only; the comment above holds these -->"

_Q_PREFIX = re.compile(r"^(?:q(?:uestion)?\s*#?\d*\s*[.:)\-–]\s*|\d{1,4}\s*[.)]\s+)", re.IGNORECASE)
_A_PREFIX = re.compile(r"^\s*(?:\*\*|__)?\s*a(?:nswer)?\s*\d*\s*[.:)]\s*(?:\*\*|__)?\s*", re.IGNORECASE)
_Q_LINE = re.compile(r"^\s*(?:\*\*|__)?\s*q(?:uestion)?\s*#?\d*\s*[.:)]", re.IGNORECASE)
_A_LINE = re.compile(r"^\s*(?:\*\*|__)?\s*a(?:nswer)?\s*\d*\s*[.:)]", re.IGNORECASE)
_QUESTION_LABEL = re.compile(r"^(?:q(?:uestion)?\s*#?\s*\d*)$", re.IGNORECASE)
_ATTRIBUTION = re.compile(
    r"^\s*[*_]*\s*(?:sources?|references?|credits?|via|read more|see also|more info|"
    r"further reading|original(?:ly)? (?:from|posted))\b\s*[*_]*\s*:", re.IGNORECASE)
_ASKING = re.compile(
    r"^(?:what|what's|whats|why|how|how's|when|where|which|who|whom|whose|can|could|do|does|"
    r"did|is|are|will|would|should|have you|has|tell|describe|explain|define|compare|"
    r"contrast|give|walk|discuss|talk|share|differentiate|distinguish|imagine|suppose|"
    r"summari[sz]e|propose|(?:design|implement|write|build|create|name|list)\s+(?:a|an|the|your|"
    r"some|two|three|\d+)\b)\b", re.IGNORECASE)
_REFERS_TO_CODE = re.compile(r"(:\s*$|\b(this|these|following|below|above|snippet|output|"
                             r"print|prints|code)\b)", re.IGNORECASE)
# A line that is only a link ("Back to top") or an HTML tag: not what a card opens with.
_NOISE_LINE = re.compile(r"^\s*(?:(?:\*\*|__)?\s*!?\[[^\]]*\]\([^)]*\)\s*(?:\*\*|__)?|<[^>]*>)\s*$")
# Card separators start the line (an indented rule sits inside a list item's answer).
_RULE = re.compile(r"^(?:(?:-[ \t]*){3,}|(?:\*[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][\w.:-]*(?:\s[^<>]*)?/?>", re.DOTALL)
_LINK = re.compile(r"!?\[([^\]\n]*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)|"
                   r"!?\[([^\]\n]*)\]\[[^\]\n]*\]|<(https?://[^>\s]+)>")
# Headings of a README's own sections: never questions (unless they ask).
_README_SECTION = re.compile(
    r"^\W*(introduction|intro|about( this( repo(sitory)?| project| guide)?)?|contents|"
    r"table of contents|toc|contribut(e|ing|ors)|licen[cs]e|credits|acknowledg(e)?ments|"
    r"references|resources|further reading|see also|links|translations|support|sponsors?|"
    r"authors?|changelog|installation|usage|getting started|disclaimer|faq)\W*$", re.IGNORECASE)


# --- blocks -------------------------------------------------------------------------------


@dataclass
class Block:
    """A top-level (or list-item-level) Markdown block, with its source lines [start, end)."""

    kind: str  # heading, paragraph, list, code, html, hr, quote, table
    start: int
    end: int
    level: int = 0
    inline: Token | None = None
    items: list[Item] = field(default_factory=list)
    text: str = ""  # heading / paragraph: the plain text

    @property
    def line(self) -> int:
        return self.start + 1


@dataclass
class Item:
    start: int
    end: int
    blocks: list[Block]


_KINDS = {"paragraph_open": "paragraph", "blockquote_open": "quote", "table_open": "table",
          "bullet_list_open": "list", "ordered_list_open": "list", "heading_open": "heading"}


def _blocks(tokens: list[Token], offset: int = 0) -> list[Block]:
    """The block tree of a token stream (one level; list items hold their own blocks)."""
    out: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        start, end = (token.map or [0, 0])
        start, end = start + offset, end + offset
        kind = _KINDS.get(token.type)
        if token.type == "fence":
            out.append(Block("code", start, end))
        elif token.type == "code_block":  # indented: its text can be a prompt (heading_question)
            out.append(Block("code", start, end, text=token.content))
        elif token.type == "html_block":
            out.append(Block("html", start, end, text=token.content))
        elif token.type == "hr":
            out.append(Block("hr", start, end))
        elif kind is None:
            index += 1
            continue
        else:
            close = _closing(tokens, index)
            block = Block(kind, start, end)
            if kind in ("heading", "paragraph"):
                block.inline = tokens[index + 1]
                block.text = inline_text(block.inline)
                block.level = int(token.tag[1]) if kind == "heading" else 0
            elif kind == "list":
                block.items = _items(tokens[index + 1:close], offset)
            out.append(block)
            index = close
        index += 1
    return out


def _closing(tokens: list[Token], index: int) -> int:
    depth = 0
    for position in range(index, len(tokens)):
        depth += tokens[position].nesting
        if depth == 0:
            return position
    return len(tokens) - 1


def _items(tokens: list[Token], offset: int) -> list[Item]:
    items, index = [], 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "list_item_open":
            close = _closing(tokens, index)
            start, end = token.map or [0, 0]
            items.append(Item(start + offset, end + offset, _blocks(tokens[index + 1:close], offset)))
            index = close
        index += 1
    return items


def inline_text(token: Token | None) -> str:
    """An inline token as plain text: no emphasis, links as their text, HTML dropped."""
    if token is None or not token.children:
        return ""
    parts = []
    for child in token.children:
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            tick = "`" * (max((len(r) for r in re.findall("`+", child.content)), default=0) + 1)
            pad = " " if child.content.startswith("`") or child.content.endswith("`") else ""
            parts.append(f"{tick}{pad}{child.content}{pad}{tick}")
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append(child.content)
    return "".join(parts)


def _first_strong(token: Token | None) -> tuple[str, int] | None:
    """(bold text, breaks before the rest) when the inline opens with a bold run on its first line."""
    if token is None or not token.children:
        return None
    children = [c for c in token.children if not (c.type == "text" and not c.content.strip())]
    if not children or children[0].type != "strong_open":
        return None
    depth, parts = 0, list[str]()
    for position, child in enumerate(children):
        if child.type == "strong_open":
            depth += 1
            continue
        if child.type == "strong_close":
            depth -= 1
            if depth == 0:
                rest = children[position + 1:]
                breaks = next((i for i, c in enumerate(rest) if c.type in ("softbreak", "hardbreak")), None)
                tail = "".join(c.content for c in rest[:breaks] if c.type == "text").strip()
                if tail and not re.fullmatch(r"[:.?)\-–—]*", tail):
                    return None
                return "".join(parts).strip(), 1 if breaks is not None else 0
            continue
        if child.type in ("softbreak", "hardbreak"):
            return None
        if child.type == "text":
            parts.append(child.content)
        elif child.type == "code_inline":
            parts.append(f"`{child.content}`")
    return None


def _bold_label(token: Token | None) -> bool:
    """True when the inline opens with a bold label and a colon (`**Lazy**: …`,
    `**Lazy:** …`) and goes on after it: a point of an answer, however much the label
    reads like an imperative ("Define", "Create a …"). A bold question stays a question."""
    if token is None or not token.children:
        return False
    children = [c for c in token.children if not (c.type == "text" and not c.content.strip())]
    if len(children) < 4 or children[0].type != "strong_open":
        return False
    close = next((i for i, c in enumerate(children) if c.type == "strong_close"), None)
    if close is None or close + 1 >= len(children):
        return False
    label = "".join(c.content for c in children[1:close] if c.type in ("text", "code_inline"))
    after = children[close + 1]
    colon = label.rstrip().endswith(":") or (after.type == "text"
                                             and after.content.lstrip().startswith(":"))
    rest = "".join(c.content for c in children[close + 1:] if c.type in ("text", "code_inline"))
    rest = rest.strip(" :")
    if not colon or not rest or label.rstrip(" :").endswith("?"):
        return False
    # "**Q1**: What …?", "**Python**: What …?", "**Task**: Write a …": what follows asks
    return not (_QUESTION_LABEL.match(label.strip(" :")) or _asks(rest))


def _link_only(blocks: list[Block]) -> bool:
    """True for a list item that is only links (a table of contents, a list of translations)."""
    if not blocks or blocks[0].kind not in ("paragraph", "heading") or blocks[0].inline is None:
        return False
    children = blocks[0].inline.children or []
    depth, links, outside = 0, 0, []
    for child in children:
        if child.type == "link_open":
            depth += 1
            links += 1
        elif child.type == "link_close":
            depth -= 1
        elif child.type == "image" and depth == 0:
            continue
        elif depth == 0 and child.type in ("text", "code_inline"):
            outside.append(child.content)
    rest = "".join(outside)
    asks = blocks[0].text.rstrip().endswith("?")  # a question written as a link is a question
    return (links > 0 and not asks and not re.search(r"[^\W_]{2,}", rest.replace("and", ""))
            and len(blocks) == 1)


# --- text helpers ------------------------------------------------------------------------------


def clean_prompt(text: str) -> str:
    """A prompt without numbering, `Q:` or bold wrapping; code blocks in it kept as they are."""
    lines = text.splitlines()
    if any(_FENCE.match(line) for line in lines):
        code = _code_lines(lines)
        parts: list[list[str]] = []
        for line, in_code in zip(lines, code, strict=True):
            if not parts or parts[-1][0] != str(in_code):
                parts.append([str(in_code)])
            parts[-1].append(line)
        out = [clean_prompt("\n".join(p[1:])) if p[0] == "False" else "\n".join(p[1:]).strip("\n")
               for p in parts]
        return "\n\n".join(part for part in out if part.strip())
    lines = [" ".join(line.split()) for line in lines]
    text = "\n".join(line for line in lines if line).strip()
    text = _Q_PREFIX.sub("", text, count=1).strip()
    for mark in ("**", "__"):
        if len(text) > 4 and text.startswith(mark) and text.endswith(mark):
            text = text[2:-2].strip()
    return text


def _asks(text: str) -> bool:
    first = text.strip().rstrip("*_ ")
    return first.endswith("?") or bool(_Q_PREFIX.match(first) and _Q_LINE.match(first)) or bool(
        _ASKING.match(_Q_PREFIX.sub("", first, count=1)))


def _clean_inline_source(text: str) -> str:
    """Answer text: links as their text, HTML tags and comments dropped, entities decoded
    (all outside code spans)."""
    pieces = re.split(r"(`+[^`]*`+)", text)
    for index in range(0, len(pieces), 2):
        piece = _TAG.sub("", pieces[index])
        piece = _LINK.sub(lambda m: m[1] if m[1] is not None else (m[2] or m[3] or ""), piece)
        pieces[index] = html.unescape(piece)
    return "".join(pieces)


class _Source:
    """The file's lines, and the answer text of a run of blocks."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines

    def raw(self, start: int, end: int) -> str:
        return "\n".join(self.lines[start:end])

    def block_text(self, block: Block, skip: int = 0) -> str:
        if block.kind == "code":
            return self.raw(block.start, block.end)
        if block.kind == "hr":
            return ""
        if block.kind == "html":
            text = re.sub(r"<summary\b.*?</summary>", "", block.text, flags=re.DOTALL | re.IGNORECASE)
            return html.unescape(_TAG.sub("", text)).strip()
        if block.kind == "paragraph" and not skip and _link_only([block]):
            return ""  # "Back to top", a list of links: not answer text
        lines = [line for line in self.lines[block.start + skip:block.end]
                 if not _ATTRIBUTION.match(line)]
        return _clean_inline_source("\n".join(lines))

    def answer(self, blocks: list[Block], skip_first: int = 0) -> str:
        parts: list[str] = []
        previous = -1
        for position, block in enumerate(blocks):
            text = self.block_text(block, skip_first if position == 0 else 0)
            if not text.strip():
                continue
            if parts:  # keep the blank lines the file had between blocks (at least one)
                parts.append("\n" * max(2, block.start - previous + 1) if block.kind == "html"
                             else "\n" * max(1, block.start - previous + 1))
            parts.append(text.strip("\n") if block.kind != "html" else text)
            previous = block.end
        answer = textwrap.dedent("".join(parts)).strip()
        return _A_PREFIX.sub("", answer, count=1) if _A_LINE.match(answer) else answer


# --- front matter and meta -------------------------------------------------------------------


def front_matter(lines: list[str]) -> tuple[dict[str, Any], int]:
    """(the `key: value` pairs, the number of lines it takes) of YAML or TOML front matter."""
    if not lines or lines[0].strip() not in ("---", "+++"):
        return {}, 0
    fence = lines[0].strip()
    closers = ("---", "...") if fence == "---" else ("+++",)
    for end in range(1, min(len(lines), 400)):
        if lines[end].strip() in closers:
            break
    else:
        return {}, 0
    pairs: dict[str, Any] = {}
    pattern = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*)$")
    body = lines[1:end]
    if not body or not any(pattern.match(line) for line in body):
        return {}, 0
    for line in body:
        match = pattern.match(line)
        if match:
            pairs[match[1].lower()] = _value(match[2].strip())
    return pairs, end + 1


def _value(text: str) -> Any:
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return text.strip("'\"") if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"" else text


def _meta(block: Block | None) -> dict[str, Any] | None:
    if block is None or block.kind != "html" or not block.text.startswith(_META_OPEN):
        return None
    body = block.text.strip().removeprefix(_META_OPEN).removesuffix("-->").strip()
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return None
    return value if isinstance(value, dict) else None


# --- the reader ----------------------------------------------------------------------------------


def _code_lines(lines: list[str]) -> list[bool]:
    """True for lines inside (or opening/closing) a fenced code block."""
    mask, fence = [], ""
    for line in lines:
        match = _FENCE.match(line)
        if fence:
            mask.append(True)
            if match and match[1][0] == fence[0] and len(match[1]) >= len(fence) \
                    and not line.strip()[len(match[1]):].strip():
                fence = ""
        else:
            mask.append(bool(match))
            fence = match[1] if match else ""
    return mask


class _Reader:
    def __init__(self, lines: list[str], builder: Builder, ours: bool) -> None:
        self.source = _Source(lines)
        self.lines = lines
        self.builder = builder
        self.ours = ours

    # adding

    def add(self, prompt: str, answer: str, line: int, topics: list[str], category: str | None,
            meta: dict[str, Any] | None = None) -> None:
        data: dict[str, Any] = {"prompt": clean_prompt(prompt), "sample_answer": answer,
                                "topics": list(topics)}
        if category:
            data["category"] = category
        if meta is not None:
            data = {**data, **meta}
            if "prompt" in meta:
                data["prompt"] = meta["prompt"]
        self.builder.add(data, line)

    def prompt_with_code(self, prompt: str, answer: list[Block], always: bool) -> tuple[str, list[Block]]:
        """A code block right after the prompt belongs to it when more text follows."""
        if (len(answer) >= 2 and answer[0].kind == "code" and answer[1].kind != "code"
                and (always or _REFERS_TO_CODE.search(prompt))):
            code = self.source.raw(answer[0].start, answer[0].end)
            return f"{clean_prompt(prompt)}\n\n{textwrap.dedent(code)}", answer[1:]
        return prompt, answer

    # cards

    def cards(self, rules: list[int], title_end: int) -> None:
        bounds = [title_end - 1, *rules, len(self.lines)]
        for start, end in zip(bounds, bounds[1:], strict=False):
            text = "\n".join(self.lines[start + 1:end])
            if text.strip():
                self.card(_blocks(_MD.parse(text), start + 1))

    def card(self, blocks: list[Block]) -> None:
        blocks = [b for b in blocks if b.kind != "html" or _TAG.sub("", b.text).strip()]
        if not blocks:
            return
        if any(b.kind == "paragraph" and _Q_LINE.match(b.text) for b in blocks):
            self.loose(blocks, [], None)
            return
        first = blocks[0]
        if first.kind == "heading":
            prompt, rest_blocks = self.prompt_with_code(first.text, blocks[1:], True)
            self.add(prompt, self.source.answer(rest_blocks), first.line, [], None)
            return
        lead: list[Block] = []
        while blocks and blocks[0].kind == "code" and len(blocks) > 1:
            lead.append(blocks.pop(0))
        head = blocks[0]
        if head.kind != "paragraph":
            self.add(self.source.answer([head]), self.source.answer(blocks[1:]), head.line, [], None)
            return
        text_lines = head.text.split("\n")
        cut = next((i + 1 for i, line in enumerate(text_lines) if line.rstrip().endswith("?")),
                   len(text_lines))
        prompt = "\n".join(text_lines[:cut])
        rest = head.end - head.start - cut
        if lead:
            code = "\n\n".join(textwrap.dedent(self.source.raw(b.start, b.end)) for b in lead)
            prompt = f"{code}\n\n{clean_prompt(prompt)}"
        answer_blocks = blocks[1:]
        if not lead:
            prompt, answer_blocks = self.prompt_with_code(prompt, answer_blocks, True)
        answer = self.source.answer(([Block("paragraph", head.start + cut, head.end)] if rest > 0
                                     else []) + answer_blocks)
        self.builder.add({"prompt": clean_prompt(prompt) if not lead else prompt.strip(),
                          "sample_answer": answer, "topics": []}, lead[0].line if lead else head.line)

    # loose content: lists, Q/A pairs, bold questions

    def question_list(self, block: Block) -> bool:
        items = [item for item in block.items if not _link_only(item.blocks)]
        if not items:
            return False
        def asks(item: Item) -> bool:
            head = item.blocks[0] if item.blocks else None
            if head is None or head.kind not in ("paragraph", "heading"):
                return False
            if _bold_label(head.inline):  # "**Define**: …" labels a point, asks nothing
                return False
            strong = _first_strong(head.inline)
            if strong is not None:  # a bold label ("**Syntax:**") is not a question
                return _asks(strong[0]) and not strong[0].rstrip().endswith(":")
            return _asks(head.text.split("\n")[0])

        asking = sum(1 for item in items if asks(item))
        return asking * 2 >= len(items)

    def item_question(self, item: Item) -> tuple[str, str, int] | None:
        """(prompt, answer, line) of a list item that asks."""
        blocks = item.blocks
        if not blocks or _link_only(blocks):
            return None
        head = blocks[0]
        if head.kind not in ("paragraph", "heading"):
            return None
        strong = _first_strong(head.inline)
        lines = head.text.split("\n")
        if strong is not None:
            prompt, cut = strong[0], 1
        else:
            cut = next((i + 1 for i, line in enumerate(lines) if line.rstrip().endswith("?")),
                       len(lines))
            prompt = "\n".join(lines[:cut])
        rest = [Block("paragraph", head.start + cut, head.end)] if cut < len(lines) else []
        prompt, after = self.prompt_with_code(prompt, blocks[1:], False)
        return prompt, self.source.answer(rest + after), head.line

    def loose(self, blocks: list[Block], topics: list[str], category: str | None,
              lists_ask: bool = False) -> None:
        """Questions in a run of blocks that has no question headings."""
        current: list[Any] | None = None  # [prompt, line, answer blocks, answer prefix]

        def flush() -> None:
            nonlocal current
            if current is not None:
                prompt, line, answer, prefix = current
                prompt, answer = self.prompt_with_code(prompt, answer, False)
                text = "\n\n".join(p for p in (prefix, self.source.answer(answer)) if p)
                self.add(prompt, _A_PREFIX.sub("", text, count=1) if _A_LINE.match(text) else text,
                         line, topics, category)
            current = None

        for block in blocks:
            if block.kind == "list" and block.items and all(not i.blocks for i in block.items) \
                    and (current is not None or lists_ask):
                flush()  # an empty "-" item among questions: say so
                for item in block.items:
                    self.builder.problem(item.start + 1, "empty list item: write the question; "
                                                         "skipped")
                continue
            if block.kind == "paragraph":
                pair = self.paragraph_question(block)
                if pair is not None:
                    flush()
                    current = [pair[0], block.line, [], pair[1]]
                elif current is not None and not _ATTRIBUTION.match(block.text):
                    current[2].append(block)
            elif block.kind == "list" and (lists_ask or self.question_list(block)) and (
                    current is None or self.question_list(block)):
                flush()
                for item in block.items:
                    found = self.item_question(item)
                    if found is None:
                        continue
                    flush()
                    current = [found[0], found[2], [], found[1]]
            elif current is not None and block.kind not in ("hr",):
                current[2].append(block)
        flush()

    def paragraph_question(self, block: Block) -> tuple[str, str] | None:
        """(prompt, answer start) of a `Q: …` / `**Q1. …**` / bold question paragraph."""
        lines = block.text.split("\n")
        if _Q_LINE.match(lines[0]):
            cut = next((i for i, line in enumerate(lines) if i and _A_LINE.match(line)), None)
            if cut is None:
                cut = next((i + 1 for i, line in enumerate(lines) if line.rstrip().endswith("?")),
                           len(lines))
            rest = self.source.answer([Block("paragraph", block.start + cut, block.end)]) \
                if cut < len(lines) else ""
            return "\n".join(lines[:cut]), rest
        strong = _first_strong(block.inline)
        if strong is not None and (_asks(strong[0]) or _Q_PREFIX.match(strong[0])):
            rest = self.source.answer([Block("paragraph", block.start + 1, block.end)]) \
                if strong[1] else ""
            return strong[0], rest
        return None

    # headings

    def outline(self, blocks: list[Block]) -> None:
        headings = [i for i, b in enumerate(blocks) if b.kind == "heading"]
        title = self.title(blocks, headings)
        if title is not None and "title" not in self.builder.deck:
            self.builder.deck["title"] = clean_prompt(blocks[title].text)
        asks = self.question_headings(blocks, [i for i in headings if i != title])
        stack: list[tuple[int, str, str | None]] = []  # (level, topic, category)
        index = 0
        first = headings[0] if headings else len(blocks)
        if not asks:
            self.loose(blocks[:first], [], None)
        elif title is not None and not self.ours:
            description = self.source.answer(blocks[title + 1:_next_heading(blocks, title + 1)])
            if description:
                self.builder.deck.setdefault("description", description)
        index = first
        while index < len(blocks):
            block = blocks[index]
            end = _next_heading(blocks, index + 1)
            if index == title:
                if not asks:
                    self.loose(blocks[index + 1:end], [], None)
                index = end
                continue
            stack = [s for s in stack if s[0] < block.level]
            topics = [t for _, t, _ in stack if t]
            category = next((c for _, _, c in reversed(stack) if c), None)
            if index in asks:
                stop = _next_heading(blocks, index + 1, block.level)
                self.heading_question(block, blocks[index + 1:stop], topics, category)
                index = stop
                continue
            text = clean_prompt(block.text)
            inferred = category_of_section(text)
            topic = "" if is_generic(text) or inferred else topic_slug(text)
            stack.append((block.level, topic, inferred))
            topics = [t for _, t, _ in stack if t]
            category = next((c for _, _, c in reversed(stack) if c), None)
            before = len(self.builder.questions) + len(self.builder.problems)
            self.loose(blocks[index + 1:end], topics, category)
            if before == len(self.builder.questions) + len(self.builder.problems) and (
                    not _README_SECTION.match(text)) and any(
                    b.kind in ("paragraph", "code") or (b.kind == "list" and not all(
                        _link_only(item.blocks) for item in b.items))
                    for b in blocks[index + 1:end]):
                self.builder.problem(block.line, f'"{text}" is read as a section heading, so '
                                     "the text under it is not imported; end it with \"?\" to "
                                     "make it a question")
            index = end

    def heading_question(self, heading: Block, body: list[Block], topics: list[str],
                         category: str | None) -> None:
        meta = _meta(body[0]) if body else None
        if meta is not None:
            body = body[1:]
            stop = next((i for i, b in enumerate(body) if b.kind == "html"), len(body))
            if "sample_answer" not in meta:
                # a written answer has no blank line at either end (else it is in `meta`)
                answer = self.source.raw(body[0].start, body[stop - 1].end).strip() if stop else ""
                meta["sample_answer"] = answer
            self.add(heading.text, "", heading.line, [], None, meta)
            return
        body = [b for b in body if not (b.kind == "paragraph" and _ATTRIBUTION.match(b.text))]
        prompt = heading.text
        if not clean_prompt(prompt) and body:
            prompt, body = self.prompt_under_label(body)
        prompt, body = self.prompt_with_code(prompt, body, False)
        self.add(prompt, self.source.answer(body), heading.line, topics, category)

    def prompt_under_label(self, body: list[Block]) -> tuple[str, list[Block]]:
        """The question of a heading that is only a label ("## Q."): the paragraph under
        it up to its first line that asks (the rest answers), or that paragraph indented
        (Markdown's code); code first and a question after it make one prompt."""
        first = body[0]
        if first.kind == "code" and len(body) > 1 and body[1].kind == "paragraph" \
                and _asks(body[1].text.split("\n")[0]):
            question, rest = self.prompt_under_label(body[1:])
            code = textwrap.dedent(self.source.raw(first.start, first.end)).strip("\n")
            return f"{question}\n\n{code}", rest
        if first.kind == "code" and first.text.strip():  # indented, not fenced
            return textwrap.dedent(first.text).strip(), body[1:]
        if first.kind != "paragraph":
            return "", body
        lines = first.text.split("\n")
        cut = next((i + 1 for i, line in enumerate(lines) if line.rstrip().endswith("?")),
                   len(lines))
        rest = [Block("paragraph", first.start + cut, first.end)] if cut < len(lines) else []
        return "\n".join(lines[:cut]), rest + body[1:]

    def title(self, blocks: list[Block], headings: list[int]) -> int | None:
        if not headings:
            return None
        first = blocks[headings[0]]
        ones = sum(1 for i in headings if blocks[i].level == 1)
        if first.level == 1 and ones == 1 and not first.text.rstrip().endswith("?"):
            return headings[0]
        return None

    def question_headings(self, blocks: list[Block], headings: list[int]) -> set[int]:
        """The headings that are questions (see the module docstring)."""
        if self.ours:
            return {i for i in headings if i + 1 < len(blocks) and _meta(blocks[i + 1]) is not None}
        by_level: dict[int, list[int]] = {}
        for i in headings:
            by_level.setdefault(blocks[i].level, []).append(i)
        asking = {i for i in headings if _asks(blocks[i].text) and not _link_only([blocks[i]])}
        has_text: set[int] = set()
        sections: set[int] = set()
        # Lists of several questions: a heading whose answer would hold one is a section.
        big = [0]
        for block in blocks:
            big.append(big[-1] + (block.kind == "list" and self.question_list(block)
                                  and sum(1 for item in block.items if self.item_question(item)) >= 3))
        for i in headings:
            body = blocks[i + 1:_next_heading(blocks, i + 1)]
            if _Q_LINE.match(blocks[i].text):  # "Q1." / "Question 3:": says it is one
                has_text.add(i)
                continue
            if any(b.kind == "list" and self.question_list(b) for b in body) or any(
                    b.kind == "paragraph" and self.paragraph_question(b) for b in body) or (
                    big[_next_heading(blocks, i + 1, blocks[i].level)] > big[i + 1]):
                sections.add(i)
            elif any(b.kind in ("paragraph", "code", "quote", "table") or (
                    b.kind == "list" and not all(_link_only(item.blocks) for item in b.items))
                    for b in body) and not _link_only([blocks[i]]):
                has_text.add(i)
        level = next((lv for lv in sorted(by_level)
                      if sum(1 for i in by_level[lv] if i in asking and i not in sections) * 10
                      >= 3 * len(by_level[lv])), None)
        if level is None:
            level = next((lv for lv in sorted(by_level)
                          if len([i for i in by_level[lv] if i in has_text]) * 2
                          >= len(by_level[lv])), None)
        if level is None:
            return set()
        mostly_asking = {lv: sum(1 for i in ids if i in asking) * 2 > len(ids)
                         for lv, ids in by_level.items()}
        found: set[int] = set()
        inside = 0  # headings up to this block index belong to an answer
        for i in headings:
            if i < inside:
                continue
            heading = blocks[i]
            if i in sections:
                continue
            if _README_SECTION.match(heading.text) and i not in asking:
                continue
            # Where most headings of the level ask, one that does not ("Introduction") is a
            # section; where few do, a heading with text under it is a question ("Closures").
            plain_ones = mostly_asking[level] is False and i in has_text
            if (heading.level == level and (i in asking or plain_ones or not heading.text.strip())) or (
                    heading.level != level and i in asking and i in has_text):
                found.add(i)
                inside = _next_heading(blocks, i + 1, heading.level)
        return found


def _next_heading(blocks: list[Block], start: int, level: int = 6) -> int:
    """The index of the next heading at `level` or higher (a smaller number), from `start`."""
    for index in range(start, len(blocks)):
        if blocks[index].kind == "heading" and blocks[index].level <= level:
            return index
    return len(blocks)


def _card_rules(lines: list[str], code: list[bool]) -> list[int]:
    """The `---` lines that may separate cards: not in code, not a heading's underline."""
    return [i for i, line in enumerate(lines)
            if not code[i] and _RULE.match(line) and not _underlines_a_heading(lines, i)]


def _underlines_a_heading(lines: list[str], index: int) -> bool:
    """`Basics` / `------`: a short one-line title (no end punctuation) above the rule."""
    if index == 0 or not lines[index].lstrip().startswith("-"):
        return False
    above = lines[index - 1].strip()
    alone = index < 2 or not lines[index - 2].strip()
    return bool(above) and alone and len(above) <= 60 and not above.endswith((".", "?", "!", ":"))


def _is_card_file(lines: list[str], rules: list[int], title_end: int) -> bool:
    """Cards: `---` lines, and most chunks between them do not open with a heading."""
    if not rules:
        return False
    bounds = [title_end - 1, *rules, len(lines)]
    chunks = headed = crowded = 0
    code = _code_lines(lines)
    for start, end in zip(bounds, bounds[1:], strict=False):
        filled = next((i for i in range(start + 1, end) if lines[i].strip()
                       and not _NOISE_LINE.match(lines[i])), None)
        if filled is None:
            continue
        chunks += 1
        headed += lines[filled].lstrip().startswith("#")
        asks = sum(1 for i in range(start + 1, end) if not code[i] and lines[i].rstrip().endswith("?"))
        crowded += asks > 2  # a card asks one question; a section between rules asks many
    return chunks >= 2 and headed * 2 < chunks and crowded * 3 < chunks


def read(text: str, builder: Builder) -> None:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, skip = front_matter(lines)
    ours = META in meta
    for key in ("title", "description", "id", "time_limit", "interviewer"):
        if key in meta and (key in ("title", "description", "id") and isinstance(meta[key], str)
                            or key not in ("title", "description", "id")):
            if key == "title" or ours:
                builder.deck[key] = meta[key]
    if ours:
        builder.options.level = None
    body = [""] * skip + lines[skip:]
    if not ours:
        body = _unfold_details(body)
    reader = _Reader(body, builder, ours)
    if not ours:
        code = _code_lines(body)
        rules = _card_rules(body, code)
        title_end = _title_chunk_end(body, rules)
        if _is_card_file(body, rules, title_end):
            if title_end:
                head = next(i for i, line in enumerate(body[:title_end]) if line.strip())
                builder.deck.setdefault("title", clean_prompt(body[head].lstrip("#")))
                intro = _blocks(_MD.parse("\n".join(body[head + 1:title_end - 1])), head + 1)
                if reader.source.answer(intro):
                    builder.deck.setdefault("description", reader.source.answer(intro))
            reader.cards(rules, title_end)
            return
    blocks = _blocks(_MD.parse("\n".join(body)))
    reader.outline(blocks)
    if not builder.questions and not builder.problems and not ours:
        # One card per file (a folder of cards): the first paragraph asks, the rest answers.
        first = next((b for b in blocks if b.kind != "html" and not _link_only([b])), None)
        if first is not None and first.kind == "paragraph" and _asks(first.text.split("\n")[0]):
            reader.card([b for b in blocks if b.kind != "hr"])


_SUMMARY = re.compile(r"<summary\b[^>]*>(?P<text>.*?)</summary\s*>", re.IGNORECASE | re.DOTALL)
_CODE_TAG = re.compile(r"<code>(.*?)</code>", re.IGNORECASE | re.DOTALL)
_WRAPPER_TAGS = re.compile(r"</?(?:b|strong|p|div)\s*>", re.IGNORECASE)
# A summary that only says "open me": the text folded under it answers the question above.
_REVEAL_LABEL = re.compile(
    r"^(?:(?:show|see|view|click(?: here)? to (?:see|show|view|expand))\s+)?(?:the\s+)?"
    r"(?:answers?|solutions?|hints?|explanations?|details|output|results?|code|expand|"
    r"show|click to expand|reveal)\b[\s:.!…]*$", re.IGNORECASE)


def _unfold_details(lines: list[str]) -> list[str]:
    """`<details><summary>Question</summary> answer </details>` (the folded Q&A of many
    README lists) as a heading and its answer; a summary that only says "Answer" leaves
    its answer under the question above. Line numbers stay those of the file."""
    code = _code_lines(lines)
    out = list(lines)
    start = 0
    while start < len(out):
        if code[start] or not out[start].lstrip().lower().startswith("<details"):
            start += 1
            continue
        end = next((j for j in range(start, len(out))
                    if not code[j] and "</details" in out[j].lower()), None)
        if end is None:
            break
        region = "\n".join(out[start:end + 1])
        summary = _SUMMARY.search(region)
        if summary is None:
            start = end + 1
            continue
        question = " ".join(html.unescape(_TAG.sub("", _CODE_TAG.sub(
            r"`\1`", summary.group("text")))).split())
        inner = region[summary.end():region.lower().rindex("</details")]
        answer = textwrap.dedent(_WRAPPER_TAGS.sub("", re.sub(
            r"<br\s*/?>", "\n", inner, flags=re.IGNORECASE))).strip("\n")
        unfolded = answer if not question or _REVEAL_LABEL.match(question) \
            else f"###### Q. {question}\n\n{answer}"  # "Q.": a folded answer makes it one
        new = ["", *unfolded.split("\n"), ""]
        new += [""] * (end + 1 - start - len(new))
        out[start:end + 1] = new
        code[start:end + 1] = [False] * len(new)
        start += len(new)
    return out


def _title_chunk_end(lines: list[str], rules: list[int]) -> int:
    """0, or the line after the first `---` when the text before it is just `# Title` (and text)."""
    if not rules:
        return 0
    head = [line for line in lines[:rules[0]] if line.strip()]
    if head and re.match(r"^#\s", head[0]) and not head[0].rstrip().endswith("?"):
        return rules[0] + 1
    return 0


# --- the writer --------------------------------------------------------------------------------


def _fence_for(text: str) -> str:
    longest = max((len(run) for run in re.findall("`+", text)), default=0)
    return "`" * max(3, longest + 1)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _heading_line(prompt: str) -> str:
    text = _one_line(prompt)
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def _reads_back(heading: str, prompt: str) -> bool:
    blocks = _blocks(_MD.parse(f"## {heading}"))
    return len(blocks) == 1 and blocks[0].kind == "heading" and clean_prompt(blocks[0].text) == prompt


def _safe_answer(answer: str) -> bool:
    """True when the answer, written as it is, reads back unchanged and changes no structure."""
    if not answer or answer != answer.strip() or "\r" in answer or "\x00" in answer:
        return False
    lines = answer.split("\n")
    if any(line.startswith(("    ", "\t")) for line in lines[:1]):
        return False
    blocks = _blocks(_MD.parse(answer))
    if not blocks or any(b.kind not in ("paragraph", "list", "code", "quote", "table") for b in blocks):
        return False
    covered: set[int] = set()
    for block in blocks:
        covered.update(range(block.start, block.end))
    if any(line.strip() and i not in covered for i, line in enumerate(lines)):
        return False  # e.g. a link reference definition, which renders as nothing
    code = _code_lines(lines)
    return not code[-1] or bool(_FENCE.match(lines[-1]) and len(lines) > 1 and any(code[:-1]))


def _fenced(text: str, info: str = "text") -> list[str]:
    fence = _fence_for(text)
    return [f"{fence}{info}", *text.split("\n"), fence]


def _comment_json(data: Any) -> str:
    # ">" only occurs inside strings; escaping it keeps "-->" from ending the comment
    return json.dumps(data, ensure_ascii=False).replace(">", "\\u003e")


def _question_meta(question: Question, heading: str) -> dict[str, Any]:
    data = question.model_dump(exclude_none=True, exclude_defaults=True)
    data.pop("prompt", None)
    data["id"], data["category"], data["level"] = question.id, question.category, question.level
    if not _reads_back(heading, question.prompt):
        data["prompt"] = question.prompt
    data.pop("sample_answer", None)
    if question.sample_answer and not _safe_answer(question.sample_answer):
        data["sample_answer"] = question.sample_answer
    return data


def _extras(question: Question) -> list[str]:
    lines: list[str] = []
    if question.why_asked:
        lines += ["**Why they ask**", "", *_fenced(question.why_asked), ""]
    if question.key_points:
        lines += ["**Key points**", ""]
        for point in question.key_points:
            cues = f" (cues: {', '.join(_one_line(c) for c in point.cues)})" if point.cues else ""
            lines.append(f"- {_one_line(point.point)}{cues}")
        lines.append("")
    if question.star and any(getattr(question.star, p) for p in STAR_PARTS):
        lines += ["**STAR**", ""]
        lines += [f"- {p.capitalize()}: {_one_line(getattr(question.star, p))}"
                  for p in STAR_PARTS if getattr(question.star, p)] + [""]
    if question.framework:
        lines += ["**Framework**", ""]
        lines += [f"{n}. {_one_line(step)}" for n, step in enumerate(question.framework, 1)] + [""]
    if question.tip:
        lines += ["**Tip**", "", *_fenced(question.tip), ""]
    if question.follow_ups:
        lines += ["**Follow-ups**", ""] + [f"- {_one_line(f)}" for f in question.follow_ups] + [""]
    return lines


def _question_section(question: Question) -> list[str]:
    heading = _heading_line(question.prompt)
    meta = _question_meta(question, heading)
    lines = [f"## {heading}", "", f"{_META_OPEN}{_comment_json(meta)} -->", ""]
    answer = question.sample_answer
    visible = []
    if answer and "sample_answer" not in meta:
        lines += [answer, ""]
    elif answer:
        visible = ["**Answer**", "", *_fenced(answer), ""]
    extras = visible + _extras(question)
    if extras:
        lines += [_EXTRAS, "", *extras]
    return lines


def write(deck: Deck) -> str:
    """Front matter with the deck's fields, then each question (see the module docstring)."""
    matter: dict[str, Any] = {META: 1, "id": deck.id, "title": deck.title}
    if deck.description:
        matter["description"] = deck.description
    matter["time_limit"] = deck.time_limit
    if deck.interviewer:
        matter["interviewer"] = deck.interviewer.model_dump()
    lines = ["---", *(f"{key}: {_comment_json(value)}" for key, value in matter.items()),
             "---", "", f"# {_one_line(deck.title)}", ""]
    if deck.description.strip():
        lines += [*_fenced(deck.description.strip()), ""]
    lines += [f"{plural(len(deck.questions), 'question')} · {deck.time_limit} s per question", ""]
    for question in deck.questions:
        lines += _question_section(question)
    return "\n".join(lines).rstrip() + "\n"


def iter_prompts(text: str) -> Iterator[str]:
    """The headings of a Markdown text (for tests and checks)."""
    for block in _blocks(_MD.parse(text)):
        if block.kind == "heading":
            yield block.text
