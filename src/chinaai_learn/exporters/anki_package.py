"""The ``.apkg`` content of a deck: notes and cards inserted in two batches, zipped byte-reproducibly.

genanki writes a note with one ``execute`` for the note and one per card, and works out
its cards anew for every note (for a cloze note by searching the template again). Here
genanki still writes the collection, the decks and the note types; ``BatchedDeck`` then
inserts all notes and all cards with one ``executemany`` each, the rows being exactly
those genanki's ``Note.write_to_db`` and ``Card.write_to_db`` would insert (ids drawn
from the same counter in the same order, cards chosen by the same rules, worked out once
per note type). A note's ``mod`` is ours, from the build state, not the build's time.
genanki's per-note warning about unescaped HTML is not repeated: every text in a field
has been through ``anki_fields.text_html``.

``genanki.Package.write_to_file`` stamps the zip entries with the current time, so two
builds of the same deck would differ. Here the collection is built in an in-memory SQLite
database and zipped with fixed entry dates derived from the build timestamp; the caller
writes the bytes atomically.
"""

from __future__ import annotations

import io
import itertools
import re
import sqlite3
import time
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import genanki

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
    tags: list[str]
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
    """A genanki deck of ``StampedNote``s whose notes and cards are inserted in one batch each."""

    notes: list[Any]

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, id_gen: itertools.count[int]) -> None:
        notes, self.notes = self.notes, []
        for note in notes:
            self.add_model(note.model)
        try:
            super().write_to_db(cursor, timestamp, id_gen)  # the deck and its note types
        finally:
            self.notes = notes
        ords_of = {model_id: card_ords(model) for model_id, model in self.models.items()}
        note_rows, card_rows = [], []
        for note in notes:
            model = note.model
            if len(note.fields) != len(model.fields):
                raise ValueError(
                    f"note {note.guid}: {len(note.fields)} fields, but {model.name} has {len(model.fields)}"
                )
            note_id = next(id_gen)
            note_rows.append(
                (
                    note_id,
                    note.guid,
                    model.model_id,
                    note.mod,
                    -1,
                    f" {' '.join(note.tags)} ",
                    "\x1f".join(note.fields),
                    note.fields[model.sort_field_index],
                    0,
                    0,
                    "",
                )
            )
            for ordinal in ords_of[model.model_id](note.fields):
                card_rows.append(
                    (
                        next(id_gen),
                        note_id,
                        self.deck_id,
                        ordinal,
                        note.mod,
                        -1,
                        0,
                        0,
                        note.due,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        0,
                        "",
                    )
                )
        cursor.executemany(_INSERT_NOTE, note_rows)
        cursor.executemany(_INSERT_CARD, card_rows)


def package_bytes(package: genanki.Package, timestamp: int) -> bytes:
    """The ``.apkg`` content: the same package and timestamp always give the same bytes."""
    connection = sqlite3.connect(":memory:")
    try:
        package.write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    date = max(_ZIP_EPOCH, time.gmtime(timestamp)[:6])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            entry = zipfile.ZipInfo(name, date_time=date)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compresslevel=_DEFLATE_LEVEL)
    return buffer.getvalue()
