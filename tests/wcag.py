"""WCAG 2 contrast: relative luminance of sRGB colours and the ratio of two."""

from __future__ import annotations

from textual.color import Color

AA_TEXT = 4.5  # WCAG 2.x level AA, normal-size text


def luminance(colour: Color) -> float:
    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(colour.r) + 0.7152 * linear(colour.g) + 0.0722 * linear(colour.b)


def contrast(foreground: Color, background: Color) -> float:
    """From 1 (no contrast) to 21 (black on white); the order does not matter."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
