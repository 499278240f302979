"""Settings: one TOML file in the config folder, validated, written atomically.

An invalid file is reported with its line (or field) and mockint starts on the
defaults without overwriting it; the file is only written when the user changes
a setting.

`Settings` is a `Record` (storage/records.py): declared like a pydantic model,
one line per setting, but a valid file is read without importing pydantic
(start-up); pydantic checks, and words the problem, only when a value breaks
a rule.
"""

from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path
from typing import Any, Literal, NamedTuple

from mockint import paths
from mockint.storage.files import atomic_write_text
from mockint.storage.records import Field, Record, first_error
from mockint.storage.toml_copies import TomlSyntaxError, load_toml


class Settings(Record):  # unknown keys are errors (extra="forbid")
    theme: str = "mockint-dark"
    default_mode: Literal["practice", "mock"] = "practice"
    default_seconds: int | None = Field(default=None, gt=0, le=3600, strict=True)
    warning_fraction: float = Field(default=0.25, ge=0, le=0.9, strict=True)
    bell: bool = Field(default=False, strict=True)  # "yes" is an error, not True
    words_per_minute: int = Field(default=140, ge=60, le=300, strict=True)
    deck_folders: list[str] = Field(default_factory=list)
    interviewer_name: str = ""
    interviewer_role: str = ""
    desired_retention: float = Field(default=0.9, ge=0.7, le=0.99, strict=True)
    new_share: float = Field(default=0.3, ge=0, le=1, strict=True)
    practice_size: int = Field(default=8, ge=1, le=100, strict=True)
    daily_minutes: int = Field(default=30, ge=5, le=600, strict=True)  # the plan's daily time budget
    # a full interview: questions per section and the whole time budget
    full_intro: int = Field(default=1, ge=0, le=5, strict=True)
    full_technical: int = Field(default=3, ge=0, le=20, strict=True)
    full_behavioral: int = Field(default=2, ge=0, le=20, strict=True)
    full_design: int = Field(default=1, ge=0, le=10, strict=True)
    full_minutes: int = Field(default=45, ge=5, le=300, strict=True)
    # cramming moves FSRS cards only when they were due
    cram_moves_cards: bool = Field(default=False, strict=True)
    # `n` on the reveal waits for a rating in mock interviews (else moving on unrated is fine)
    require_rating_in_mock: bool = Field(default=False, strict=True)
    think_seconds: int = Field(default=0, ge=0, le=600, strict=True)  # before the answer clock
    speak_questions: bool = Field(default=False, strict=True)  # read each question aloud
    speaker_command: str = ""  # "" = espeak-ng if on the PATH; the text goes on its stdin


class FieldWords(NamedTuple):
    """How a setting is named where people see it."""

    label: str  # as the settings screen labels it
    unit: str = ""  # the unit the screen shows it in
    scale: float = 1  # on screen = stored × scale (a fraction shown in %)


# Every setting, as the settings screen names it; messages about the file and the
# screen use the same words. A new setting gets its line here.
FIELD_WORDS: dict[str, FieldWords] = {
    "theme": FieldWords("Theme"),
    "default_mode": FieldWords("Default mode"),
    "default_seconds": FieldWords("Default time per question", "seconds"),
    "warning_fraction": FieldWords("Timer warning", "%", 100),
    "bell": FieldWords("Ring the bell at the warning and at zero"),
    "words_per_minute": FieldWords("Speaking pace", "words per minute"),
    "deck_folders": FieldWords("Extra deck folders"),
    "interviewer_name": FieldWords("Default interviewer name"),
    "interviewer_role": FieldWords("Default interviewer role"),
    "desired_retention": FieldWords("Desired retention (FSRS)"),
    "new_share": FieldWords("Share of new questions in practice", "%", 100),
    "practice_size": FieldWords("Questions per practice session"),
    "daily_minutes": FieldWords("Daily practice budget", "minutes"),
    "full_intro": FieldWords("Full interview: intro questions"),
    "full_technical": FieldWords("Full interview: technical questions"),
    "full_behavioral": FieldWords("Full interview: behavioral questions"),
    "full_design": FieldWords("Full interview: design or situational questions"),
    "full_minutes": FieldWords("Full interview: time budget", "minutes"),
    "cram_moves_cards": FieldWords("Practising ahead moves FSRS cards not due yet"),
    "require_rating_in_mock": FieldWords("Mock interviews wait for a rating"),
    "think_seconds": FieldWords("Think time before the clock starts", "seconds"),
    "speak_questions": FieldWords("Read questions aloud"),
    "speaker_command": FieldWords("Speaker command"),
}


def field_words(field: str) -> FieldWords:
    return FIELD_WORDS.get(field) or FieldWords(field.replace("_", " ").capitalize())


def problem_words(error: Any, *, on_screen: bool = True) -> tuple[str, str]:
    """One problem of a settings check (a pydantic error dict) as (field, message) in
    the person's words: on screen "Timer warning: between 0 and 90 %"; about the file,
    which holds the stored value, "warning_fraction — Timer warning: between 0 and 0.9"."""
    loc = error.get("loc") or ()
    field = str(loc[0]) if loc else ""
    if not field:
        return "", f"(file): {error.get('msg', 'not readable')}"
    if error.get("type") == "extra_forbidden":
        return field, f"{field}: unknown setting"
    words = field_words(field)
    name = words.label if on_screen else f"{field} — {words.label}"
    rule = _rule(field, words, on_screen, str(error.get("type", "")))
    return field, f"{name}: {rule or error.get('msg', 'not valid')}"


def _rule(field: str, words: FieldWords, on_screen: bool, kind: str) -> str:
    """What the field takes ("between 60 and 300 words per minute"), from the model."""
    import typing

    info = Settings.model_fields.get(field)
    if info is None:
        return ""
    kinds = typing.get_args(info.annotation) or (info.annotation,)
    if bool in kinds:
        return "on or off" if on_screen else "true or false"
    if typing.get_origin(info.annotation) is Literal:
        return " or ".join(str(k) for k in kinds)
    if typing.get_origin(info.annotation) is list:
        return "one folder per line" if on_screen else 'a list of texts, like ["~/decks"]'
    if info.annotation is str:
        return "a text" if on_screen else 'a text in quotes, like "…"'
    whole = int in kinds
    low = high = None
    for rule in info.metadata:
        low = getattr(rule, "ge", low)
        high = getattr(rule, "le", high)
        if getattr(rule, "gt", None) is not None:
            low = rule.gt + 1 if whole else rule.gt
    if low is None or high is None:
        return ""
    scale = words.scale if on_screen else 1
    unit = words.unit if on_screen or words.scale == 1 else ""
    number = ("a whole number " if whole else "a number ") if kind.startswith(
        ("int", "float")) else ""
    span = f"{number}between {low * scale:g} and {high * scale:g}"
    return f"{span} {unit}" if unit else span

class SettingsProblem(Exception):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path, self.problem = path, problem


def load_settings(path: Path | None = None) -> Settings:
    """The settings in force; raises SettingsProblem (naming the place) for a bad file."""
    path = path or paths.settings_path()
    try:
        data = load_toml(path)
    except FileNotFoundError:
        # The defaults are valid by definition: skip building the validator (start-up).
        return Settings.model_construct()
    except (OSError, UnicodeDecodeError) as error:
        raise SettingsProblem(path, f"cannot read it ({error})") from None
    except TomlSyntaxError as error:
        raise SettingsProblem(path, str(error)) from None
    try:
        return Settings.model_validate(data)
    except Exception as error:  # pydantic's ValidationError (pydantic loads only then)
        _, message = problem_words(first_error(error), on_screen=False)
        raise SettingsProblem(path, message) from None


def load_settings_or_defaults(path: Path | None = None) -> tuple[Settings, SettingsProblem | None]:
    try:
        return load_settings(path), None
    except SettingsProblem as problem:
        return Settings(), problem


def save_settings(settings: Settings, path: Path | None = None) -> Path | None:
    """Write the settings atomically. A file there that cannot be read (bad TOML, a wrong
    value) is never overwritten unseen: it is kept as `settings.toml.invalid-<time>`, and
    that path is returned so the caller can say so (None when nothing needed keeping)."""
    import tomli_w

    path = path or paths.settings_path()
    kept = None
    if path.exists():
        try:
            load_settings(path)
        except SettingsProblem:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            kept = path.with_name(f"{path.name}.invalid-{stamp}")
            n = 2
            while kept.exists():
                kept, n = path.with_name(f"{path.name}.invalid-{stamp}-{n}"), n + 1
            shutil.copy2(path, kept)
    data = settings.model_dump(exclude_none=True)
    atomic_write_text(path, tomli_w.dumps(data))
    return kept
