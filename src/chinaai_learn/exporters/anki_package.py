"""A genanki package as byte-reproducible ``.apkg`` content, with notes stamped by the build state.

``genanki.Package.write_to_file`` stamps the zip entries with the current time, so two
builds of the same deck differ. Here the collection is written by genanki into a
temporary SQLite file, then zipped with fixed entry dates derived from the build
timestamp; the caller writes the bytes atomically.
"""

from __future__ import annotations

import io
import itertools
import sqlite3
import tempfile
import time
import zipfile
from pathlib import Path

import genanki

_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry


class StampedNote(genanki.Note):
    """A genanki note whose modification time is ours (from the build state), not the build's."""

    def __init__(self, *, mod: int, **kwargs: object):
        super().__init__(**kwargs)
        self.mod = mod

    def write_to_db(self, cursor: sqlite3.Cursor, timestamp: float, deck_id: int, id_gen: itertools.count) -> None:
        super().write_to_db(cursor, self.mod, deck_id, id_gen)


def package_bytes(package: genanki.Package, timestamp: int) -> bytes:
    """The ``.apkg`` content: the same package and timestamp always give the same bytes."""
    with tempfile.TemporaryDirectory(prefix="chinaai-anki-") as tmp:
        db_path = Path(tmp) / "collection.anki2"
        connection = sqlite3.connect(db_path)
        try:
            package.write_to_db(connection.cursor(), timestamp, itertools.count(timestamp * 1000))
            connection.commit()
        finally:
            connection.close()
        collection = db_path.read_bytes()
    date = max(_ZIP_EPOCH, time.gmtime(timestamp)[:6])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in (("collection.anki2", collection), ("media", b"{}")):
            entry = zipfile.ZipInfo(name, date_time=date)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data)
    return buffer.getvalue()

