"""The ``.apkg`` content of a deck: notes and cards inserted in two batches, zipped byte-reproducibly.

genanki writes a note with one ``execute`` for the note and one per card, works out
its cards anew for every note (for a cloze note by searching the template again), and
rewrites the collection's deck and note type JSON once per deck. Here genanki's schema,
deck and note type JSON are kept; ``write_collection`` writes that JSON once, then
inserts all notes and all cards with one ``executemany`` each, the rows being exactly
those genanki's ``Note.write_to_db`` and ``Card.write_to_db`` would insert (ids drawn
from the same counter in the same order, cards chosen by the same rules, worked out once
per note type). A note's ``mod`` is ours, from the build state, not the build's time.
genanki's per-note warning about unescaped HTML is not repeated: every text in a field
has been through ``anki_fields.text_html``.

``genanki.Package.write_to_file`` stamps the zip entries with the current time, so two
builds of the same deck would differ. Here the collection is built in a scratch SQLite
file and zipped with fixed entry dates derived from the build timestamp; the caller
writes the bytes atomically.
"""

from __future__ import annotations

import io
import itertools
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki
from genanki.apkg_col import APKG_COL
from genanki.apkg_schema import APKG_SCHEMA

from ..errors import UserError

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry
# zlib's fastest level: compresses the collection 2-3 times faster than the default (6), into a
# package about a fifth larger (10,000 notes: 1.3 instead of 1.1 MB; genanki would store 11 MB).
_DEFLATE_LEVEL = 1
_INSERT_NOTE = "INSERT INTO notes VALUES(?,?,?,?,?,?,?,?,?,?,?);"
_INSERT_CARD = "INSERT INTO cards VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?);"
# genanki's rules (genanki.Note._cloze_cards): the fields a cloze template shows, and the gaps in a field.
_CLOZE_FIELDS = (re.compile(r"{{[^}]*?cloze:(?:[^}]?:)*(.+?)}}"), re.compile("<%cloze:(.+?)%>"))
_CLOZE_GAP = re.compile(r"{{c(\d+)::.+?}}", re.DOTALL)


@dataclass(frozen=True, slots=True)
class StampedNote:
    """One note of a deck: its note type, field HTML, tags, fixed guid, ``mod`` from the build state, position."""

    model: genanki.Model
    fields: list[str]
    tags: Sequence[str]
    guid: str
    mod: int
    due: int


CardOrds = Callable[[list[str]], Iterable[int]]


def card_ords(model: genanki.Model) -> CardOrds:
    """Which cards (template ordinals) a note of ``model`` gets, by genanki's rules, prepared once per model."""
    if model.model_type == genanki.Model.CLOZE:
        qfmt = model.templates[0]["qfmt"]
        names = set(_CLOZE_FIELDS[0].findall(qfmt) + _CLOZE_FIELDS[1].findall(qfmt))
        positions = {f["name"]: i for i, f in enumerate(model.fields)}
        shown = [positions.get(name, -1) for name in names]

        def cloze_ords(fields: list[str]) -> Iterable[int]:
            ords: set[int] = set()
            for index in shown:
                value = fields[index] if index >= 0 else ""
                ords.update(int(m) - 1 for m in _CLOZE_GAP.findall(value) if int(m) > 0)
            return ords

        return cloze_ords
    if model.model_type != genanki.Model.FRONT_BACK:
        raise ValueError("Expected model_type CLOZE or FRONT_BACK")
    rules = [(ordinal, all if how == "all" else any, required) for ordinal, how, required in model._req]

    def front_back_ords(fields: list[str]) -> Iterable[int]:
        return [ordinal for ordinal, test, required in rules if test(fields[i] for i in required)]

    return front_back_ords


class BatchedDeck(genanki.Deck):
    """A genanki deck of ``StampedNote``s, written by ``write_collection`` rather than by genanki."""

    notes: list[Any]

    def card_rows(
        self, id_gen: itertools.count[int], ords_of: dict[int, CardOrds]
    ) -> tuple[list[int], list[tuple[Any, ...]]]:
        """The ids of the deck's notes, and its card rows as genanki's ``Card.write_to_db`` inserts them.

        Ids come from ``id_gen`` in genanki's order: a note's id, then its cards' ids.
        """
        note_ids, card_rows = [], []
        deck_id = self.deck_id
        for note in self.notes:
            model, fields, mod = note.model, note.fields, note.mod
            if len(fields) != len(model.fields):
                raise ValueError(
                    f"note {note.guid}: {len(fields)} fields, but {model.name} has {len(model.fields)}"
                )
            note_id = next(id_gen)
            note_ids.append(note_id)
            due = note.due
            card_rows += [
                (next(id_gen), note_id, deck_id, ordinal, mod, -1, 0, 0, due, 0, 0, 0, 0, 0, 0, 0, 0, "")
                for ordinal in ords_of[model.model_id](fields)
            ]
        return note_ids, card_rows

    def note_rows(self, note_ids: list[int]) -> Iterator[tuple[Any, ...]]:
        """The deck's note rows, as genanki's ``Note.write_to_db`` inserts them, one at a time.

        Made as SQLite takes them, so that only one note's joined fields exist at a time.
        """
        for note_id, note in zip(note_ids, self.notes, strict=True):
            model, fields = note.model, note.fields
            yield (
                note_id,
                note.guid,
                model.model_id,
                note.mod,
                -1,
                f" {' '.join(note.tags)} ",
                "\x1f".join(fields),
                fields[model.sort_field_index],
                0,
                0,
                "",
            )


def write_collection(
    cursor: sqlite3.Cursor, decks: Sequence[BatchedDeck], timestamp: int, id_gen: itertools.count[int]
) -> None:
    """Write the collection genanki's ``Package.write_to_db`` would write, in fewer steps.

    genanki reads, updates and rewrites the collection's deck and note type JSON once per
    deck, and inserts a row at a time into indexed tables. Here the JSON is written once
    (each note type stamped with the last deck holding one of its notes, as genanki's
    rewrites leave it), all notes and cards go in with one ``executemany`` each, and the
    indexes of those two tables are built after the rows rather than along with them.
    """
    cursor.executescript(APKG_SCHEMA)
    cursor.executescript(APKG_COL)
    (decks_text,) = cursor.execute("SELECT decks FROM col").fetchone()
    (models_text,) = cursor.execute("SELECT models FROM col").fetchone()
    decks_json, models_json = json.loads(decks_text), json.loads(models_text)
    last_deck: dict[int, tuple[genanki.Model, int]] = {}
    for deck in decks:
        decks_json[str(deck.deck_id)] = deck.to_json()
        for note in deck.notes:
            deck.add_model(note.model)
        for model in deck.models.values():
            last_deck[model.model_id] = (model, deck.deck_id)
    for model_id, (model, deck_id) in last_deck.items():
        models_json[str(model_id)] = model.to_json(timestamp, deck_id)
    cursor.execute("UPDATE col SET decks = ?, models = ?", (json.dumps(decks_json), json.dumps(models_json)))
    ords_of = {model_id: card_ords(model) for model_id, (model, _) in last_deck.items()}
    note_ids, card_rows = [], []
    for deck in decks:
        ids, cards = deck.card_rows(id_gen, ords_of)
        note_ids.append(ids)
        card_rows += cards
    note_rows = itertools.chain.from_iterable(
        deck.note_rows(ids) for deck, ids in zip(decks, note_ids, strict=True)
    )
    indexes = cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('notes', 'cards') ORDER BY name"
    ).fetchall()
    for name, _ in indexes:
        cursor.execute(f"DROP INDEX {name}")
    cursor.executemany(_INSERT_NOTE, note_rows)
    cursor.executemany(_INSERT_CARD, card_rows)
    for _, sql in indexes:
        cursor.execute(sql)


def package_bytes(decks: Sequence[BatchedDeck], timestamp: int) -> bytes:
    """The ``.apkg`` content: the same decks and timestamp always give the same bytes.

    The collection is written to a temporary file, not built in memory, and zipped from
    there a megabyte at a time: 100,000 notes make a collection of some 90 MB, which in
    memory, and then copied out of SQLite to be zipped, would be twice that at once.
    Ctrl+C and ``kill`` remove that folder; what a ``kill -9`` left behind, the next build
    removes (``sweep_stale_scratch``).
    """
    try:
        return _package_bytes(decks, timestamp)
    except (OSError, sqlite3.Error) as exc:
        raise UserError(
            f"cannot build the deck in the temporary folder {tempfile.gettempdir()}: "
            f"{getattr(exc, 'strerror', None) or exc}; free some space there or set TMPDIR to another folder"
        ) from None


_SCRATCH_PREFIX = "chinaai-anki-"
STALE_SCRATCH_SECONDS = 24 * 60 * 60  # a build takes seconds; a scratch folder this old was left by a kill


def sweep_stale_scratch(root: Path, now: float) -> list[Path]:
    """Remove the scratch folders that killed builds (``kill -9``, power loss) left in ``root``.

    Only folders of this user, named as a build names them and untouched for a day: a
    build running beside this one keeps its folder. Returns what was removed; what cannot
    be removed stays, silently (it is the system's temporary folder, not the user's files).
    """
    removed: list[Path] = []
    try:
        candidates = list(root.glob(f"{_SCRATCH_PREFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        try:
            info = path.lstat()
        except OSError:
            continue
        if not stat.S_ISDIR(info.st_mode) or now - info.st_mtime < STALE_SCRATCH_SECONDS:
            continue
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed


def _package_bytes(decks: Sequence[BatchedDeck], timestamp: int) -> bytes:
    date = max(_ZIP_EPOCH, time.gmtime(timestamp)[:6])
    buffer = io.BytesIO()
    sweep_stale_scratch(Path(tempfile.gettempdir()), time.time())
    with tempfile.TemporaryDirectory(prefix=_SCRATCH_PREFIX) as folder:
        path = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(path)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # a scratch file: nothing to roll back or sync
            connection.execute("PRAGMA synchronous = OFF")
            write_collection(connection.cursor(), decks, timestamp, itertools.count(timestamp * 1000))
            connection.commit()
        finally:
            connection.close()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            entry = _entry("collection.anki2", date, path.stat().st_size)
            with path.open("rb") as collection, archive.open(entry, "w") as out:
                shutil.copyfileobj(collection, out, 1 << 20)
            entry = _entry("media", date, 2)
            with archive.open(entry, "w") as out:
                out.write(b"{}")
    return buffer.getvalue()


def _entry(name: str, date: tuple[int, ...], size: int) -> zipfile.ZipInfo:
    """A zip entry with a fixed date and mode, deflated at ``_DEFLATE_LEVEL``."""
    entry = zipfile.ZipInfo(name, date_time=date)  # type: ignore[arg-type]
    entry.compress_type = zipfile.ZIP_DEFLATED
    entry.external_attr = 0o644 << 16
    entry.file_size = size
    # What ZipFile.writestr(entry, data, compresslevel=...) sets: public from Python 3.13 on.
    if hasattr(entry, "compress_level"):
        entry.compress_level = _DEFLATE_LEVEL
    else:
        entry._compresslevel = _DEFLATE_LEVEL  # type: ignore[attr-defined]
    return entry
