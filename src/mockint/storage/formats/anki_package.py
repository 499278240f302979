"""Anki packages: `.apkg` / `.colpkg` (a zip holding an SQLite collection), or the collection.

Inside the zip the collection is ``collection.anki21b`` (Anki 2.1.50+,
compressed with Zstandard), ``collection.anki21`` or ``collection.anki2`` (the
legacy copy, which in new packages only holds a "please update Anki" note, so
it is read last). Each note's first field is the prompt and its second the
sample answer (HTML turned into text, media references dropped); a cloze
note's prompt shows its gaps as ``[…]`` and its answer the whole text. Tags
become topics, and the deck the cards are in gives the title.
"""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile
from collections import Counter
from typing import Any

from mockint.storage.formats.anki_text import anki_topics, note_text
from mockint.storage.formats.base import Builder, ImportFailed

_MEMBERS = ("collection.anki21b", "collection.anki21", "collection.anki2")

MAX_COLLECTION = 400 * 1024 * 1024


def _unzstd(data: bytes) -> bytes:
    import zstandard

    try:
        reader = zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data))
        out = reader.read(MAX_COLLECTION + 1)
    except zstandard.ZstdError as error:
        raise ImportFailed(f"the package's collection cannot be unpacked: {error}") from None
    if len(out) > MAX_COLLECTION:
        raise ImportFailed("the package's collection is over 400 MB unpacked")
    return out


def _collection(data: bytes) -> bytes:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise ImportFailed("a damaged zip archive: export the deck from Anki again") from None
    names = set(archive.namelist())
    for name in _MEMBERS:
        if name in names:
            info = archive.getinfo(name)
            if info.file_size > MAX_COLLECTION:
                raise ImportFailed(f"{name} in the package is over 400 MB")
            try:
                raw = archive.read(name)
            except (zipfile.BadZipFile, OSError, RuntimeError, ValueError) as error:
                raise ImportFailed(f"cannot unpack {name} from the package: {error}") from None
            return _unzstd(raw) if name.endswith("b") else raw
    raise ImportFailed("a zip archive without an Anki collection in it: export the deck from "
                       "Anki with File > Export > Anki Deck Package")


def _deck_names(db: sqlite3.Connection) -> dict[int, str]:
    names: dict[int, str] = {}
    try:
        for deck_id, name in db.execute("SELECT id, name FROM decks"):  # schema 18
            names[int(deck_id)] = str(name).replace("\x1f", "::")
    except sqlite3.DatabaseError:
        pass
    if not names:
        try:
            row = db.execute("SELECT decks FROM col").fetchone()
            decks: Any = json.loads(row[0]) if row and row[0] else {}
            for key, value in decks.items() if isinstance(decks, dict) else ():
                if isinstance(value, dict) and isinstance(value.get("name"), str):
                    names[int(key)] = value["name"]
        except (sqlite3.DatabaseError, ValueError, TypeError, RecursionError):
            pass
    return names


def _note_decks(db: sqlite3.Connection) -> dict[int, int]:
    try:
        return {int(nid): int(did) for nid, did in db.execute("SELECT nid, min(did) FROM cards "
                                                              "GROUP BY nid")}
    except sqlite3.DatabaseError:
        return {}


def _fields(flds: str) -> tuple[str, str]:
    fields = flds.split("\x1f")
    return note_text(fields[0], fields[1] if len(fields) > 1 else "")


def read(data: bytes, builder: Builder) -> None:
    collection = _collection(data) if data.startswith(b"PK") else data
    if not collection.startswith(b"SQLite format 3\x00"):
        raise ImportFailed("not an Anki package: export the deck from Anki with File > Export "
                           "> Anki Deck Package (.apkg)")
    db = sqlite3.connect(":memory:")
    # Anki 2.1.28+ declares deck and note type names with its own collation.
    db.create_collation("unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
    try:
        try:
            db.deserialize(collection)
            notes = db.execute("SELECT id, flds, tags FROM notes ORDER BY id").fetchall()
        except (sqlite3.Error, MemoryError, OverflowError):
            raise ImportFailed("an SQLite database that is not an Anki collection (no notes "
                               "table): export the deck from Anki as a package (.apkg)") from None
        decks, note_decks = _deck_names(db), _note_decks(db)
    finally:
        db.close()
    used: Counter[str] = Counter()
    for number, (note_id, flds, tags) in enumerate(notes, 1):
        if not isinstance(flds, str):
            builder.problem(0, f"note {number}: fields are not text; skipped")
            continue
        prompt, answer = _fields(flds)
        deck = decks.get(note_decks.get(int(note_id), -1), "")
        if deck:
            used[deck] += 1
        builder.add({"prompt": prompt, "sample_answer": answer,
                     "topics": anki_topics(str(tags or "").split())}, 0, f"note {number}: ")
    names = [name for name, _ in used.most_common() if name.split("::")[-1] != "Default"]
    if names:
        builder.deck.setdefault("title", names[0].split("::")[-1].strip() or names[0])
