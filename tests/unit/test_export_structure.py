"""Markdown and JSON session exports with hostile text (issue 11 items 13 and 14).

Whatever a note, a prompt, a key point, an answer or a sample answer holds, the
exported Markdown has the same structure (one title, one heading per answer,
the same lists and code blocks), checked with a CommonMark parser, and shows
each text exactly (control characters as symbols).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mockint.core.deck import DEFAULT_INTERVIEWER, Question
from mockint.core.display import visible
from mockint.core.session import AnswerRecord, AskedQuestion, SessionConfig, SessionRecord
from mockint.storage.export import read_json, session_to_json, session_to_markdown

STARTED = datetime(2026, 5, 6, 14, 30, tzinfo=UTC)
HOSTILE = [
    "# X",
    "```python\nunclosed fence swallowing the rest",
    "<details><summary>spoof</summary>",
    "Innocent\x1b]2;PWNED\x07\x1b[2J",
    "line\rover\x9b31m and \u202eevil\u200b",
    "[link](http://x) *em* _em_ `code` ~~s~~ | a | b |",
    "- [x] fake\n1. list\n> quote\n---\n====",
    "    indented code\n\ttab",
    "&amp; &#65; \\* trailing #",
    "````\n`````",
]
PARSER = MarkdownIt("commonmark")

text = st.one_of(st.sampled_from(HOSTILE), st.text(min_size=1, max_size=60))
one_line = text.filter(lambda t: t.strip() != "")


def session(note: str, prompts: list[str], points: list[str], answers: list[str],
            samples: list[str], deck_title: str) -> SessionRecord:
    plan = [AskedQuestion(deck_id="d", deck_title=deck_title, time_limit=60,
                          interviewer=DEFAULT_INTERVIEWER,
                          question=Question(id=f"q{i}", category="technical", prompt=prompt,
                                            key_points=[{"point": points[i]}],
                                            sample_answer=samples[i]))
            for i, prompt in enumerate(prompts)]
    return SessionRecord(
        id="hostile", config=SessionConfig(deck_ids=["d"]), plan=plan, started_at=STARTED,
        ended_at=STARTED, status="finished", note=note,
        answers=[AnswerRecord(index=i, asked=asked, text=answers[i], used=10.0, rating=3,
                              key_points_checked=[True], submitted_at=STARTED)
                 for i, asked in enumerate(plan)])


def inline_text(token) -> str:
    assert all(child.type in ("text", "text_special") for child in token.children), \
        [(c.type, c.content) for c in token.children]
    return "".join(child.content for child in token.children)


def one_line_shown(value: str) -> str:
    return " ".join(visible(value).split())


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(note=text, deck_title=one_line, data=st.data(),
       count=st.integers(min_value=1, max_value=3))
def test_no_user_text_changes_the_structure_of_the_markdown_report(note, deck_title, data,
                                                                    count):
    lists = {name: data.draw(st.lists(strategy, min_size=count, max_size=count), label=name)
             for name, strategy in (("prompts", one_line), ("points", one_line),
                                    ("answers", text), ("samples", text))}
    record = session(note, deck_title=deck_title, **lists)
    tokens = PARSER.parse(session_to_markdown(record))

    headings = [(t.tag, inline_text(tokens[i + 1])) for i, t in enumerate(tokens)
                if t.type == "heading_open"]
    assert headings[0][0] == "h1" and headings[0][1].startswith("Mock interview")
    assert headings[1:] == [("h2", f"{i + 1}. {one_line_shown(p)}")
                            for i, p in enumerate(lists["prompts"])]

    fences = [t.content for t in tokens if t.type == "fence"]
    expected = [note] if note else []
    for answer, sample in zip(lists["answers"], lists["samples"], strict=True):
        expected += [answer.strip("\n")] if answer.strip() else []
        expected += [sample.strip("\n")] if sample.strip() else []
    assert fences == [visible(t).rstrip("\n") + "\n" for t in expected]

    items = [inline_text(tokens[i + 2]) for i, t in enumerate(tokens)
             if t.type == "list_item_open" and tokens[i + 2].content.startswith("[x]")]
    assert items == [f"[x] {one_line_shown(p)}" for p in lists["points"]]
    summary = [inline_text(tokens[i + 2]) for i, t in enumerate(tokens)
               if t.type == "list_item_open" and tokens[i + 2].content.startswith("Decks: ")]
    assert summary == [f"Decks: {one_line_shown(deck_title)}"]
    # Nothing but the report's own blocks: no HTML the user wrote, no quotes, no extra rules.
    kinds = {t.type for t in tokens}
    assert kinds <= {"heading_open", "heading_close", "inline", "paragraph_open",
                     "paragraph_close", "bullet_list_open", "bullet_list_close",
                     "list_item_open", "list_item_close", "fence", "html_block"}
    assert [t.content for t in tokens if t.type == "html_block"] == \
        ["<details><summary>Sample answer</summary>\n", "</details>\n"] * sum(
            1 for s in lists["samples"] if s.strip())


def test_markdown_report_carries_no_terminal_control_sequences():
    record = session("note \x1b[2J", ["Innocent\x1b]2;PWNED\x07\x1b[2J"], ["\x9b31m point"],
                     ["answer\x1b[31m red\r"], ["sample \u202e"], "Deck \x1b]0;title\x07")
    markdown = session_to_markdown(record)
    for raw in ("\x1b", "\x07", "\r", "\x9b", "\u202e"):
        assert raw not in markdown
    assert "Innocent␛\\]2;PWNED␇␛\\[2J" in markdown  # shown, and escaped as text


@settings(max_examples=25, deadline=None)
@given(value=st.text(max_size=40))
def test_json_export_escapes_invisible_characters_and_reads_back_the_same(value):
    record = session(value, ["prompt"], ["point"], [value], [value], "deck")
    exported = session_to_json(record)
    assert read_json(exported) == record
    assert json.loads(exported)["note"] == value
    for char in exported:
        assert visible(char) == char or char in "\n\t", repr(char)
