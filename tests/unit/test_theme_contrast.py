"""Every bundled theme keeps the reveal's text readable: WCAG contrast of at least 4.5:1.

Issue 16 measured 1.3–1.9:1 for the cue words on the highlighted checklist row and
about 3:1 for "1 Again" in high-contrast and colorblind-safe. This test reads each
theme file, lets Textual derive its colour variables as the app does, and checks the
pairs of text and background colour the reveal draws. (tests/tui/test_reveal_work.py
measures the same on the rendered screen.)
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from mockint.storage.themes import load_theme_files
from mockint.tui.themes import to_textual
from tests.wcag import AA_TEXT, contrast

THEMES = sorted((Path(__file__).resolve().parents[2] / "themes").glob("*.toml"))

# (what the person reads, its colour variable, the background variable under it)
TEXT_ON = [
    ("a point and its cue words on the focused list's cursor row",
     "block-cursor-foreground", "block-cursor-background"),
    ("a point and its cue words on the other list's cursor row",
     "block-cursor-blurred-foreground", "block-cursor-blurred-background"),
    ("cue words beside a ticked point", "text-success", "surface"),
    ("'mentioned, but negated' beside a point", "text-warning", "surface"),
    ("a checklist line", "foreground", "surface"),
    ("1 Again", "button-color-foreground", "error"),
    ("2 Hard", "button-color-foreground", "warning"),
    ("3 Good", "button-color-foreground", "primary"),
    ("4 Easy and Next", "button-color-foreground", "success"),
    ("a key in the footer", "footer-key-foreground", "footer-background"),
    ("a description in the footer", "footer-description-foreground", "footer-background"),
]


def resolve(value: str, under: Color) -> Color:
    """A variable's colour as painted over `under` ("auto 87%" is Textual's black or
    white at that opacity, whichever contrasts more by its brightness rule)."""
    if value.startswith("auto"):
        _, _, percent = value.partition(" ")
        alpha = float(percent.rstrip("%")) / 100 if percent else 1.0
        return under + under.get_contrast_text(alpha)
    return under + Color.parse(value)


def theme_variables(path: Path) -> dict[str, str]:
    ((_, theme_file),), problems = load_theme_files([path])
    assert problems == []
    return to_textual(theme_file).to_color_system().generate()


def test_all_four_bundled_themes_are_measured():
    assert {p.stem for p in THEMES} >= {"mockint-dark", "mockint-light", "high-contrast",
                                        "colorblind-safe"}


@pytest.mark.parametrize("path", THEMES, ids=[p.stem for p in THEMES])
def test_reveal_text_reads_at_4_5_to_1_at_least(path):
    variables = theme_variables(path)
    surface = Color.parse(variables["surface"])
    low = []
    for what, text, background in TEXT_ON:
        under = resolve(variables[background], surface)
        ratio = contrast(resolve(variables[text], under), under)
        if ratio < AA_TEXT:
            low.append(f"{what}: {ratio:.2f}:1 ({text} on {background})")
    assert low == []


def test_the_contrast_measure_matches_known_values():
    black, white = Color.parse("#000000"), Color.parse("#FFFFFF")
    assert contrast(black, white) == pytest.approx(21)
    assert contrast(white, white) == pytest.approx(1)
    assert contrast(Color.parse("#777777"), white) == pytest.approx(4.48, abs=0.01)
