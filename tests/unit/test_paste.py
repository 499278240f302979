"""Pastes with ESC in them arrive whole; huge one-line pastes are broken at spaces.

Textual's parser read an ESC inside a bracketed paste as the start of a key
sequence: "Start ␛]2;… end" reached the answer as "^]2;… endStart ".
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from textual import events

from mockint.tui.paste import PasteSafeParser
from mockint.tui.widgets.answer_box import break_long_lines

PASTED = st.text(alphabet=st.sampled_from(list("ab ]2;[\x07\x1b~01\n")), max_size=40)


def parse(chunks: list[str]) -> tuple[list[str], str]:
    parser = PasteSafeParser()
    found: list[events.Event | events.Message] = []
    for chunk in chunks:
        found += parser.feed(chunk)
    found += parser.feed("")
    pastes = [e.text for e in found if isinstance(e, events.Paste)]
    keys = "".join(e.character or "" for e in found if isinstance(e, events.Key))
    return pastes, keys


def test_the_reported_paste_arrives_whole_and_in_order():
    text = "Start \x1b]2;PWNED\x07 end"
    assert parse([f"\x1b[200~{text}\x1b[201~"]) == ([text], "")


@settings(max_examples=150, deadline=None)
@given(text=PASTED, cuts=st.lists(st.integers(1, 80), max_size=6))
def test_a_paste_survives_any_split_into_reads(text, cuts):
    """The terminal's bytes come in reads of any size; the paste is the same whatever they are."""
    if text.endswith("\x1b") or "\x1b[201~" in text:
        text += "x"  # a paste cannot contain its own end marker
    text = text.replace("\x1b[201~", "")
    data = f"ab\x1b[200~{text}\x1b[201~cd"
    points = sorted({c for c in cuts if c < len(data)})
    chunks = [data[i:j] for i, j in zip([0, *points], [*points, len(data)], strict=True)]
    pastes, keys = parse(chunks)
    assert pastes == ([text] if text else pastes) and "".join(pastes) == text
    assert keys == "abcd"


@settings(max_examples=100, deadline=None)
@given(words=st.lists(st.text(alphabet="abcxyz", min_size=1, max_size=12), max_size=400),
       limit=st.integers(20, 200))
def test_long_lines_are_broken_at_spaces_without_changing_a_word(words, limit):
    text = " ".join(words)
    broken = break_long_lines(text, limit)
    assert broken.split() == text.split()  # the same words in the same order
    assert all(len(line) <= limit for line in broken.split("\n"))
    assert broken.replace("\n", " ") == text  # only spaces became line breaks
