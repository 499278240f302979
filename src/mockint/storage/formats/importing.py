"""Importing into the user's decks: where the questions go, and writing them.

`plan_import` reads a file (or every question file in a folder) and decides,
without writing anything, which deck each result goes to and what it adds;
`apply_plan` writes it. A default deck id (from the file's name, or the id a
mockint export carries) that is already taken gets a free suffix, and the plan
says so; questions are merged into an existing deck only when its id is given
(`deck_id`). Questions whose prompt is already in the deck are skipped, or,
with `update`, their changed answers replace the old ones.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from mockint import paths
from mockint.core.deck import ID_PATTERN, Deck, Question, slugify
from mockint.storage.decks import DeckStore, has_comments, save_deck
from mockint.storage.formats import registry
from mockint.storage.formats.base import (
    ImportFailed,
    ImportProblem,
    ImportResult,
    Options,
    normalise_prompt,
)
from mockint.storage.formats.reading import parse_file, read_bytes, refuse_url

_ID_RE = re.compile(ID_PATTERN)
MAX_FOLDER_FILES = 500
FOLDER_EXTENSIONS = (".md", ".markdown", ".csv", ".tsv", ".json", ".apkg", ".colpkg")


@dataclass
class ImportPlan:
    """What importing one result would do (nothing is written until `apply_plan`)."""

    source: Path
    result: ImportResult
    deck_id: str
    target: Path
    existing: Deck | None
    added: list[Question]
    updated: list[Question]
    skipped: int
    note: str = ""

    @property
    def created(self) -> bool:
        return self.existing is None


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
    updated: int = 0
    warnings: list[ImportProblem] = field(default_factory=list)
    note: str = ""
    written: bool = False


def title_from_name(path: Path) -> str:
    words = re.sub(r"[_\-.\s]+", " ", path.stem if path.is_file() else path.name).strip()
    return (words[:1].upper() + words[1:]) if words else "Imported questions"


def folder_files(folder: Path) -> list[Path]:
    """The question files in `folder` and below (hidden ones skipped, symlinked folders not
    followed, so a link loop cannot recurse), in name order."""
    found = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(root, name)
            if name.startswith(".") or path.suffix.lower() not in FOLDER_EXTENSIONS:
                continue
            found.append(path)
            if len(found) > MAX_FOLDER_FILES:
                raise ImportFailed(f"more than {MAX_FOLDER_FILES} question files in the folder; "
                                   "import a smaller folder")
    return sorted(found)


def parse_folder(folder: Path, options: Options | None = None) -> list[tuple[Path, ImportResult]]:
    files = folder_files(folder)
    if not files:
        raise ImportFailed(f"no question files in the folder (looked for "
                           f"{', '.join(FOLDER_EXTENSIONS)})")
    results = []
    for path in files:
        name = str(path.relative_to(folder))
        try:
            result = parse_file(path, None, options)
        except ImportFailed as error:
            result = ImportResult([], [], "")
            result.problems = [ImportProblem(p.line, f"{name}: {p.reason}") for p in error.problems]
        else:
            result.problems = [ImportProblem(p.line, f"{name}: {p.reason}") for p in result.problems]
            result.warnings = [ImportProblem(p.line, f"{name}: {p.reason}") for p in result.warnings]
        results.append((path, result))
    return results


def _combine(results: list[tuple[Path, ImportResult]]) -> ImportResult:
    """One result from several files: prompts seen before are skipped, ids kept unique."""
    combined = ImportResult([], [], "folder")
    seen: set[str] = set()
    taken: set[str] = set()
    for path, result in results:
        combined.problems += result.problems
        combined.warnings += result.warnings
        for question in result.questions:
            key = normalise_prompt(question.prompt)
            if key in seen:
                combined.duplicates += 1
                combined.problems.append(ImportProblem(0, f"{path.name}: same question as one in "
                                                          f"an earlier file: {question.prompt[:60]!r}; "
                                                          "skipped"))
                continue
            seen.add(key)
            if question.id in taken:
                question = question.model_copy(update={"id": slugify(question.prompt, taken)})
            taken.add(question.id)
            combined.questions.append(question)
    return combined


def _free_id(base: str, taken: set[str]) -> str:
    folder = paths.user_decks_dir()
    n = 2
    while f"{base}-{n}" in taken or (folder / f"{base}-{n}.toml").exists():
        n += 1
    return f"{base}-{n}"


def _merge(existing: list[Question], new: list[Question], update: bool
           ) -> tuple[list[Question], list[Question], int, list[Question]]:
    """(added, updated, skipped, the existing questions with updates applied)."""
    index = {normalise_prompt(q.prompt): i for i, q in enumerate(existing)}
    taken = {q.id for q in existing}
    merged = list(existing)
    added: list[Question] = []
    updated: list[Question] = []
    skipped = 0
    for question in new:
        key = normalise_prompt(question.prompt)
        if key in index:
            old = merged[index[key]]
            answer = question.sample_answer.strip()
            if update and answer and answer != old.sample_answer.strip():
                merged[index[key]] = old.model_copy(update={"sample_answer": question.sample_answer})
                updated.append(merged[index[key]])
            else:
                skipped += 1
            continue
        index[key] = -1
        if question.id in taken:
            question = question.model_copy(update={"id": slugify(question.prompt, taken)})
        taken.add(question.id)
        added.append(question)
    return added, updated, skipped, merged


def _plan_one(source: Path, result: ImportResult, deck_id: str | None, store: DeckStore,
              planned: set[str], update: bool) -> ImportPlan:
    entries = {e.deck.id: e for e in store.entries if e.ok and e.deck is not None}
    folder = paths.user_decks_dir()
    note = ""
    if deck_id is not None:
        entry = entries.get(deck_id)
        if entry is not None and not entry.editable:
            raise ImportFailed(f'"{deck_id}" is a bundled deck, which mockint never changes; '
                               "import into your own deck with --deck-id NEW-ID")
        if entry is None and (folder / f"{deck_id}.toml").exists():
            raise ImportFailed(f"{folder / f'{deck_id}.toml'} exists but is not a usable deck "
                               f'"{deck_id}" (see `mockint validate`); fix it or import with '
                               "another --deck-id")
        existing = entry.deck if entry else None
        target = entry.path if entry else folder / f"{deck_id}.toml"
    else:
        given = result.deck.get("id")
        base = given if isinstance(given, str) and _ID_RE.match(given) else slugify(
            source.stem if source.suffix else source.name, max_words=8)
        taken = set(entries) | planned
        entry = entries.get(base)
        existing, target, deck_id = None, folder / f"{base}.toml", base
        known = ({normalise_prompt(q.prompt) for q in entry.deck.questions}
                 if entry is not None and entry.deck is not None and entry.editable else set())
        if entry is not None and known and result.questions and all(
                normalise_prompt(q.prompt) in known for q in result.questions):
            existing, target = entry.deck, entry.path
            note = (f'every question is already in your deck "{base}" (imported before?)'
                    + ("" if update else "; --update takes changed answers from the file"))
        elif base in taken or target.exists():
            deck_id = _free_id(base, taken)
            target = folder / f"{deck_id}.toml"
            why = ("a bundled deck" if entry is not None and not entry.editable
                   else "your deck" if entry is not None else "a file in your decks folder")
            note = (f'"{base}" is already {why}: the questions go to the new deck "{deck_id}" '
                    f"(to add them to \"{base}\" instead, use --deck-id {base})")
    planned.add(deck_id)
    added, updated, skipped, _ = _merge(existing.questions if existing else [], result.questions,
                                        update)
    return ImportPlan(source, result, deck_id, target, existing, added, updated, skipped, note)


def plan_import(path: Path, fmt: str | None = None, deck_id: str | None = None,
                options: Options | None = None, *, update: bool = False,
                per_file: bool = False) -> list[ImportPlan]:
    """What importing `path` (a file or a folder) would do; nothing is written."""
    refuse_url(str(path))
    path = Path(path)
    if deck_id is not None and not _ID_RE.match(deck_id):
        raise ImportFailed(f'deck id "{deck_id}" must be lowercase words joined by hyphens')
    if path.is_dir():
        parsed = parse_folder(path, options)
        if per_file and deck_id is not None:
            raise ImportFailed("--per-file makes one deck per file; leave out --deck-id")
        groups = parsed if per_file else [(path, _combine(parsed))]
    else:
        if per_file:
            raise ImportFailed("--per-file is for folders")
        groups = [(path, parse_file(path, fmt, options))]
    store = DeckStore.discover()
    planned: set[str] = set()
    plans = []
    for source, result in groups:
        if not result.questions:
            if len(groups) == 1:
                raise ImportFailed(result.problems or "no questions found")
            continue
        plans.append(_plan_one(source, result, deck_id, store, planned, update))
    if not plans:
        raise ImportFailed([p for _, r in groups for p in r.problems] or "no questions found")
    return plans


def apply_plan(plan: ImportPlan, title: str | None = None) -> ImportReport:
    """Write the plan's deck (unless it adds and updates nothing)."""
    result = plan.result
    report = ImportReport(plan.target, plan.deck_id, len(plan.added), plan.skipped,
                          result.problems, created=plan.created, format=result.format,
                          updated=len(plan.updated), warnings=result.warnings, note=plan.note)
    deck = plan.existing
    if deck is None:
        fields = {k: v for k, v in result.deck.items()
                  if k in ("description", "time_limit", "interviewer")}
        try:
            deck = Deck.model_validate({"schema": 1, "id": plan.deck_id, **fields,
                                        "title": title or result.title
                                        or title_from_name(plan.source)})
        except ValidationError:
            deck = Deck.model_validate({"schema": 1, "id": plan.deck_id,
                                        "title": title_from_name(plan.source)})
    elif not plan.added and not plan.updated:
        return report
    else:
        report.dropped_comments = has_comments(plan.target)
    _, _, _, merged = _merge(deck.questions, plan.updated, True)
    try:
        save_deck(deck.model_copy(update={"questions": merged + plan.added}), plan.target)
    except OSError as error:
        raise ImportFailed(f"cannot write {plan.target}: {error.strerror}") from None
    report.written = True
    return report


def import_file(path: Path, fmt: str | None = None, deck_id: str | None = None,
                title: str | None = None, *, options: Options | None = None,
                update: bool = False) -> ImportReport:
    """Import one file (or a folder, as one deck): plan, then write. See `plan_import`."""
    plans = plan_import(path, fmt, deck_id, options, update=update)
    return apply_plan(plans[0], title)


__all__ = ["ImportPlan", "ImportReport", "apply_plan", "import_file", "plan_import", "read_bytes",
           "registry"]
