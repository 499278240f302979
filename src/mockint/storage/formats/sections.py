"""What a section title says about the questions under it (Markdown headings, JSON keys)."""

from __future__ import annotations

import re

_CATEGORY_WORDS: tuple[tuple[str, str], ...] = (
    (r"\b(questions?\s+(to|you\s+(can|should|could))\s+ask|ask(ing)?\s+(the|your)\s+"
     r"(interviewer|employer|team|manager)|reverse\s+interview|ask[\s-]them)\b", "ask-them"),
    (r"\bbehaviou?r(al)?\b|\bsoft[\s-]skills?\b|\bculture\s+fit\b|\bstar\b|\bhr\b|"
     r"\bhuman\s+resources\b|\bstrengths?\b|\bweakness(es)?\b|\bmotivation\b|"
     r"\bcompany\s+interest\b|\bleadership\b|\bteam\s*work\b|\bconflicts?\b",
     "behavioral"),
    (r"\bsituational\b|\bscenarios?\b|\bhypothetical\b", "situational"),
    (r"\bsystem[\s-]design\b|\barchitecture\b", "system-design"),
    (r"\b(intro(duction)?|about\s+(you|yourself)|warm[\s-]?up|icebreakers?)\b", "intro"),
)

# Section names that say nothing about the questions' subject.
_GENERIC = re.compile(
    r"^(the\s+)?((most\s+)?(common(ly)?|frequently|popular|top|basic|general|other|more|"
    r"some|sample|example|typical|\d+)\s+)*((asked\s+)?(interview\s+)?(questions?|q\s*&\s*a|"
    r"faq|answers?|contents|table\s+of\s+contents|toc|index|overview|introduction)\s*)+"
    r"(and\s+answers?)?\W*$",
    re.IGNORECASE,
)


def category_of_section(title: str) -> str | None:
    """`behavioral` for "Behavioral questions", `ask-them` for "Questions to ask", else None."""
    for pattern, category in _CATEGORY_WORDS:
        if re.search(pattern, title, re.IGNORECASE):
            return category
    return None


def is_generic(title: str) -> bool:
    """True for titles like "Questions", "Most commonly asked interview questions:"."""
    return bool(_GENERIC.match(title.strip()))
