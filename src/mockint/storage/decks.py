"""Deck files: find them, read them with clear errors, save them atomically.

Decks come from three places, in this order of precedence: paths given on the
command line, the user's decks folder, and the decks bundled with mockint. A
broken deck never stops the others from loading; it is kept as an entry with
its problems so the app and `mockint validate` can show them.

`DeckStore.discover(index=True)` (the TUI) reads summaries from the deck index
(`mockint.storage.deck_index`) instead: a deck is validated when it is used,
or by `check_pending` after the first screen is drawn. The deck models (and
so pydantic) are imported only then.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mockint import paths
from mockint.core.deck_problem import DeckProblem
from mockint.storage import deck_index
from mockint.storage.deck_index import DeckIndex, DeckSummary
from mockint.storage.files import atomic_write_text, toml_error_place

if TYPE_CHECKING:
    from tomllib import TOMLDecodeError

    from mockint.core.deck import Deck

DeckSource = Literal["path", "user", "bundled"]


class DeckLoadError(Exception):
    """A deck file that cannot be used; `problems` lists everything wrong with it."""

    def __init__(self, problems: list[DeckProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class DeckEntry:
    """One deck file as found on disk: the deck, or what is wrong with it.

    An entry made from the deck index knows its `summary` but has not read the
    file: `deck` validates it on first use (`check`). Until then `ok` is the
    index's verdict (or, for a file not validated yet, assumed good).
    """

    def __init__(self, path: Path, source: DeckSource, deck: Deck | None = None,
                 problems: list[DeckProblem] | None = None, *,
                 summary: DeckSummary | None = None,
                 cache: tuple[DeckIndex, Path, deck_index.Stamp] | None = None,
                 data: dict[str, Any] | None = None) -> None:
        self.path = Path(path)
        self.source = source
        self._deck = deck
        self._problems = list(problems or [])
        self.summary = summary if summary is not None or deck is None else deck_index.from_deck(deck)
        self.checked = summary is None
        if not self.checked and summary is not None and summary.problems:
            self._problems = list(summary.problems)
        self.shadowed: DeckProblem | None = None  # set by the store: another file has this id
        self.on_checked: Callable[[DeckEntry], None] | None = None
        self._data = data  # parsed, kept for the validation to come
        self._cache = cache  # the deck index, this file's real path and stamp
        self._cached = False  # `_data` came from the index's copy, not the file

    @property
    def deck(self) -> Deck | None:
        if not self.checked:
            self.check()
        return self._deck

    @property
    def problems(self) -> list[DeckProblem]:
        return self._problems + ([self.shadowed] if self.shadowed else [])

    def data(self) -> dict[str, Any]:
        """The file's parsed TOML, not validated (DeckLoadError if it cannot be read). The
        validation `deck` runs later checks exactly this data instead of reading it again."""
        if self._data is None and self._cache is not None:
            index, file, stamp = self._cache
            self._data = index.data(file, stamp)
            self._cached = self._data is not None
        if self._data is None:
            self._data = read_deck_data(self.path)[1]
        return self._data

    def check(self) -> None:
        """Read and validate the file now."""
        try:
            data, self._data = self.data(), None  # the index's copy, if it has this version
            self._deck, self._problems = read_deck(self.path, data), []
        except DeckLoadError as error:
            data = None
            self._deck, self._problems = None, list(error.problems)
        self.checked = True
        if self._deck is not None and self._cache is not None and data is not None \
                and not self._cached:
            index, file, stamp = self._cache
            index.keep_data(file, stamp, data)
        if self._deck is not None:
            self.summary = deck_index.from_deck(self._deck)
        elif self.summary is not None:
            self.summary = self.summary.checked(self._problems)
        if self.on_checked is not None:
            self.on_checked(self)

    @property
    def known(self) -> bool:
        """Whether the entry's verdict comes from a validation (now, or cached in the index)."""
        return self.checked or (self.summary is not None and self.summary.problems is not None)

    @property
    def ok(self) -> bool:
        if self.checked:
            return self._deck is not None and not self.problems
        return not self.problems

    @property
    def deck_id(self) -> str | None:
        if self.checked:
            return self._deck.id if self._deck is not None else None
        return self.summary.id if self.summary is not None and self.summary.id else None

    @property
    def title(self) -> str:
        if self.checked:
            return self._deck.title if self._deck else self.path.stem
        return self.summary.title if self.summary is not None else self.path.stem

    @property
    def editable(self) -> bool:
        return self.source != "bundled"


def display_name(path: Path) -> str:
    """The path as the user would recognise it: relative to here when it is below here."""
    try:
        return str(Path(os.path.realpath(path)).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


def _toml_problem(name: str, error: TOMLDecodeError) -> DeckProblem:
    place, message = toml_error_place(error)
    return DeckProblem(name, place, f"TOML syntax error: {message}")


def read_deck(path: Path, data: dict[str, Any] | None = None) -> Deck:
    """Read and validate one deck file (or its `data`, already parsed), raising
    DeckLoadError with every problem."""
    from mockint.core.deck import parse_deck

    if data is None:
        name, data = read_deck_data(path)
    else:
        name = display_name(path)
    deck, problems = parse_deck(data, name)
    if deck is None:
        raise DeckLoadError(problems)
    return deck


def read_deck_data(path: Path) -> tuple[str, dict[str, Any]]:
    """Read and TOML-parse one deck file (not validated): (its display name, the data)."""
    path = Path(path)
    name = display_name(path)
    try:
        # utf-8-sig: a deck saved by an editor that writes a byte-order mark loads too.
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise DeckLoadError([DeckProblem(name, "", "file not found")]) from None
    except IsADirectoryError:
        problem = DeckProblem(name, "", "cannot read: it is a folder, not a deck file")
        raise DeckLoadError([problem]) from None
    except UnicodeDecodeError as error:
        problem = DeckProblem(name, f"byte {error.start}", "not UTF-8 text: save the file as UTF-8")
        raise DeckLoadError([problem]) from None
    except OSError as error:
        raise DeckLoadError([DeckProblem(name, "", f"cannot read: {error.strerror}")]) from None
    import tomllib  # decks start from their JSON copies (deck_index): not on the start path

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DeckLoadError([_toml_problem(name, error)]) from None
    except RecursionError:
        raise DeckLoadError([DeckProblem(name, "", "arrays or tables nested too deeply to read "
                                         "(hundreds of levels); a deck needs only a few")]) from None
    return name, data


def load_entry(path: Path, source: DeckSource) -> DeckEntry:
    try:
        return DeckEntry(Path(path), source, read_deck(path))
    except DeckLoadError as error:
        return DeckEntry(Path(path), source, None, error.problems)


def dump_deck(deck: Deck) -> str:
    import tomli_w

    return tomli_w.dumps(deck.to_toml_data(), multiline_strings=True)


def save_deck(deck: Deck, path: Path) -> None:
    """Write a deck atomically, keeping the previous file as `NAME.toml.bak`."""
    atomic_write_text(Path(path), dump_deck(deck), backup=True)


def has_comments(path: Path) -> bool:
    """Whether a deck file holds comments, which a save (tomli-w) would drop."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return _finds_comment(text)


_STRING_OPENERS = ('"""', "'''", '"', "'")


def _finds_comment(text: str) -> bool:
    """Scan TOML for a '#' outside every kind of string."""
    i, closing = 0, ""
    while i < len(text):
        if closing:
            if closing in ('"', '"""') and text[i] == "\\":
                i += 2
                continue
            if text.startswith(closing, i):
                i, closing = i + len(closing), ""
                continue
            if len(closing) == 1 and text[i] == "\n":
                closing = ""  # an unterminated one-line string: tomllib reports it
            i += 1
            continue
        if text[i] == "#":
            return True
        opener = next((o for o in _STRING_OPENERS if text.startswith(o, i)), "")
        if opener:
            closing = opener
            i += len(opener)
        else:
            i += 1
    return False


def deck_files(folder: Path) -> list[Path]:
    """The `*.toml` files of a folder (a symlink that loops is listed, to be reported)."""
    if not folder.is_dir():
        return []
    try:
        return sorted(p for p in folder.glob("*.toml") if not p.is_dir())
    except OSError:
        return []


class DeckStore:
    """Every deck mockint can see, with the broken ones kept beside the good ones."""

    def __init__(self, entries: list[DeckEntry], index: DeckIndex | None = None) -> None:
        self.entries = entries
        self.index = index
        for entry in entries:
            entry.on_checked = self._checked

    @classmethod
    def discover(
        cls,
        extra: Iterable[Path] = (),
        *,
        bundled: bool = True,
        user: bool = True,
        index: bool = False,
    ) -> DeckStore:
        """Every deck file; with `index`, entries come from the deck index (not validated)."""
        candidates: list[tuple[Path, DeckSource]] = []
        for item in extra:
            item = Path(item)
            files = deck_files(item) if item.is_dir() else [item]
            candidates += [(f, "path") for f in files]
        if user:
            candidates += [(f, "user") for f in deck_files(paths.user_decks_dir())]
        if bundled:
            candidates += [(f, "bundled") for f in deck_files(paths.bundled_decks_dir())]
        seen: set[Path] = set()
        unique = []
        for path, source in candidates:  # one file reached two ways is read once
            key = Path(os.path.realpath(path))  # never raises, even on a symlink loop
            if key not in seen:
                seen.add(key)
                unique.append((path, source))
        if not index:
            entries = [load_entry(path, source) for path, source in unique]
            _mark_shadowed(entries)
            return cls(entries)
        found = DeckIndex()
        entries = [_indexed_entry(found, path, source) for path, source in unique]
        _mark_shadowed(entries)
        found.save()
        return cls(entries, found)

    def _checked(self, entry: DeckEntry) -> None:
        if self.index is not None and entry.summary is not None:
            # Saved at once: the next `mockint run` of this deck trusts the verdict
            # and shows its first question without the deck models (first_look.py).
            self.index.update(Path(os.path.realpath(entry.path)), entry.summary)
            self.index.save()
        _mark_shadowed(self.entries)

    def check_pending(self) -> list[DeckEntry]:
        """Validate every deck the index has no verdict for (a new or changed file), save the
        index, and return the entries whose verdict changed what the lists show."""
        changed = []
        for entry in self.entries:
            if not entry.known:
                before = entry.ok
                entry.check()
                if entry.ok != before:
                    changed.append(entry)
        if self.index is not None:
            self.index.save()
        return changed

    @property
    def decks(self) -> list[Deck]:
        return [e.deck for e in self.entries if e.ok and e.deck is not None]

    def decks_with(self, deck_ids: Iterable[str]) -> list[Deck]:
        """The usable decks among `deck_ids`, validating only those."""
        wanted = set(deck_ids)
        return [e.deck for e in self.entries
                if e.deck_id in wanted and e.ok and e.deck is not None and e.ok]

    def known_good_data(self, deck_ids: Sequence[str]) -> list[dict[str, Any]] | None:
        """The parsed data of each deck asked for, in that order, when the deck index
        already holds a clean verdict for every one of them (so the data can be trusted
        without loading the deck models); None when one is unknown, broken, not
        validated yet or unreadable now: validate them instead."""
        known = {e.deck_id: e for e in self.entries if e.ok and e.known and e.deck_id}
        try:
            found = [known[deck_id].data() for deck_id in deck_ids]
        except (KeyError, DeckLoadError):
            return None
        same_ids = all(d.get("id") == i for d, i in zip(found, deck_ids, strict=True))
        return found if same_ids else None

    def question_keys(self) -> set[tuple[str, str]]:
        """(deck id, question id) of every usable deck's questions, from the summaries."""
        return {(e.summary.id, question_id) for e in self.entries
                if e.ok and e.summary is not None and e.summary.id
                for question_id in e.summary.question_ids}

    @property
    def broken(self) -> list[DeckEntry]:
        return [e for e in self.entries if not e.ok]

    def entry(self, deck_id: str) -> DeckEntry:
        """The deck with this id; validates that deck only."""
        for entry in self.entries:
            # `ok` before `deck` skips a file known to be broken; after, it holds the
            # verdict of the validation `deck` just ran.
            if entry.deck_id == deck_id and entry.ok and entry.deck is not None and entry.ok:
                return entry
        raise KeyError(deck_id)

    def get(self, deck_id: str) -> Deck:
        deck = self.entry(deck_id).deck
        assert deck is not None
        return deck


def _indexed_entry(index: DeckIndex, path: Path, source: DeckSource) -> DeckEntry:
    """An entry from the index, or from the file when the index has none for its version."""
    key = Path(os.path.realpath(path))  # never raises, even on a symlink loop
    try:
        stamp = deck_index.stamp_of(key.stat())
    except OSError:
        return load_entry(path, source)  # gone or unreadable: the check says how
    summary, data = index.get(key, stamp), None
    if summary is None:
        try:
            data = read_deck_data(path)[1]
            summary = deck_index.from_data(data)
        except DeckLoadError as error:
            summary = deck_index.broken(path, error.problems)
        if summary is None:  # too far off to summarise: the validation says what is wrong
            entry = load_entry(path, source)
            index.put(key, stamp, entry.summary or deck_index.broken(path, entry.problems))
            return entry
        index.put(key, stamp, summary)
    if summary.problems and not summary.id:  # known broken: no deck to validate later
        return DeckEntry(path, source, None, list(summary.problems))
    return DeckEntry(path, source, summary=summary, cache=(index, key, stamp), data=data)


def _mark_shadowed(entries: list[DeckEntry]) -> None:
    """A deck id seen earlier (higher precedence) hides later files with the same id."""
    first: dict[str, DeckEntry] = {}
    for entry in entries:
        entry.shadowed = None
        deck_id = entry.deck_id
        if deck_id is None:
            continue
        winner = first.setdefault(deck_id, entry)
        if winner is not entry:
            entry.shadowed = DeckProblem(
                display_name(entry.path),
                "id",
                f'deck id "{deck_id}" is also used by {display_name(winner.path)}, '
                "which takes precedence; give one of them another id",
            )


def file_stamp(path: Path) -> str | None:
    """A fingerprint of a file's content, to notice a change made outside mockint."""
    import hashlib  # loads OpenSSL (~0.6 MiB): the editor needs it, home does not

    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return None


def unique_deck_path(deck_id: str) -> Path:
    folder = paths.user_decks_dir()
    path, n = folder / f"{deck_id}.toml", 2
    while path.exists():
        path, n = folder / f"{deck_id}-{n}.toml", n + 1
    return path


def copy_to_user(deck: Deck, taken_ids: Iterable[str]) -> tuple[Deck, Path]:
    """An editable copy of a (bundled) deck in the user's folder, under a new id."""
    from mockint.core.deck import slugify

    copy_id = slugify(f"{deck.id} mine", taken_ids, max_words=12)
    copy = deck.model_copy(update={"id": copy_id, "title": f"{deck.title} (my copy)"})
    path = unique_deck_path(copy_id)
    save_deck(copy, path)
    return copy, path


def skeleton_deck(title: str, taken_ids: Iterable[str] = ()) -> Deck:
    """A valid new deck with one example question to edit or replace."""
    from mockint.core.deck import Deck, deck_id_for

    return Deck.model_validate({
        "schema": 1,
        "id": deck_id_for(title, taken_ids),
        "title": title.strip() or "My deck",
        "description": "",
        "time_limit": 120,
        "questions": [{
            "id": "example-question",
            "category": "technical",
            "level": "mid",
            "prompt": "Replace this with a question you expect to be asked.",
            "sample_answer": "Write the answer you would like to give, in your own words.",
            "key_points": [{"point": "One thing a good answer mentions", "cues": ["example"]}],
        }],
    })


def create_deck(title: str, taken_ids: Iterable[str] = ()) -> Path:
    """Create a new deck in the user's decks folder (used by `mockint new-deck` and the
    Decks screen); refuses to overwrite an existing file."""
    deck = skeleton_deck(title, taken_ids)
    folder = paths.user_decks_dir()
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "your decks folder is a file, not a folder; "
                                 "move it aside, or set MOCKINT_HOME elsewhere", str(folder))
    path = folder / f"{deck.id}.toml"
    if path.exists():
        raise FileExistsError(path)
    save_deck(deck, path)
    return path
