"""The one display sanitiser: what it shows for every character that must not reach a
terminal as itself, checked against the rules written out one by one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mockint.core.display import visible
from mockint.tui.speaker import speakable

_BIDI_AND_ZERO_WIDTH = {*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2065),
                        *range(0x2066, 0x206A), 0xFEFF, 0x061C}


def _shown(char: str) -> str:
    """The rules, one character at a time."""
    code = ord(char)
    if char in "\n\t":
        return char
    if code < 0x20:
        return chr(0x2400 + code)  # ESC is ␛
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code <= 0x9F:
        return "\ufffd"
    if code in _BIDI_AND_ZERO_WIDTH:
        return f"<U+{code:04X}>"
    return char


_AWKWARD = st.characters(codec="utf-8", exclude_categories=["Cs"])
_TRICKY = st.sampled_from([chr(c) for c in (*range(0x00, 0x21), *range(0x7E, 0xA1),
                                           *_BIDI_AND_ZERO_WIDTH, 0x2028, 0x2400, 0xFFFD)])


@settings(max_examples=300)
@given(st.text(st.one_of(_AWKWARD, _TRICKY), max_size=40))
def test_every_character_is_shown_by_the_rules(text):
    assert visible(text) == "".join(_shown(c) for c in text)


@settings(max_examples=100)
@given(st.text(st.one_of(_AWKWARD, _TRICKY), max_size=40))
def test_the_speaker_hears_a_space_for_each_hidden_character(text):
    said = speakable(text)
    assert len(said) == len(text)
    assert all(s == " " if _shown(c) != c else s == c for c, s in zip(text, said, strict=True))


def test_examples():
    assert visible("a\x1b[31mb\tc\n") == "a\u241b[31mb\tc\n"
    assert visible("\u202eevil\u200b") == "<U+202E>evil<U+200B>"
    assert visible("\x7f\x9b") == "\u2421\ufffd"
