"""The batched note writer stores exactly what genanki's own writer stores, and packages rebuild byte for byte."""

from __future__ import annotations

import io
import itertools
import json
import os
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import genanki
import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.exporters.anki_notetypes import (
    BASIC,
    CLOZE,
    NOTE_TYPES,
    NoteTypeSpec,
    StampedModel,
    model_json_parts,
)
from chinaai_learn.exporters.anki_package import (
    STALE_SCRATCH_SECONDS,
    BatchedDeck,
    StampedNote,
    package_bytes,
    write_collection,
)

TIMESTAMP = 1_700_000_000
BASIC_MODEL = StampedModel(BASIC, "de", mod=TIMESTAMP)
CLOZE_MODEL = StampedModel(CLOZE, "en", mod=TIMESTAMP)


def _notes() -> list[StampedNote]:
    """Front/back and cloze notes, including gaps numbered out of order and with a hole (c1, c3, c9)."""
    basic = ["Frage &amp; <b>", "", "Antwort", "", "", "q-1", ""] + [""] * (len(BASIC.fields) - 7)
    clozes = [
        ["{{c1::Hangzhou}} und {{c2::Peking}}", "Ergänzen", "", "", "q-2", ""],
        ["{{c9::neun}} {{c1::eins}} {{c3::drei}}", "", "", "", "q-3", ""],
        ["{{c2::zwei}}", "", "", "", "q-4", ""],
    ]
    notes = [
        StampedNote(
            model=BASIC_MODEL,
            fields=basic,
            tags=["chinaai::topic::a", "x"],
            guid="g-basic",
            mod=TIMESTAMP - 5,
            due=1,
        )
    ]
    notes += [
        StampedNote(
            model=CLOZE_MODEL, fields=fields, tags=[], guid=f"g-cloze-{n}", mod=TIMESTAMP - n, due=n + 2
        )
        for n, fields in enumerate(clozes)
    ]
    return notes


def _genanki_note(note: StampedNote) -> genanki.Note:
    """The same note written by genanki itself (it stamps notes with the build time, so give it ours)."""

    class Stamped(genanki.Note):
        def write_to_db(self, cursor, timestamp, deck_id, id_gen):  # type: ignore[no-untyped-def]
            super().write_to_db(cursor, note.mod, deck_id, id_gen)

    return Stamped(
        model=note.model, fields=list(note.fields), tags=list(note.tags), guid=note.guid, due=note.due
    )


def _tables(write: Callable[[sqlite3.Cursor, itertools.count[int]], None]) -> dict[str, list[tuple]]:
    """Every row of the collection, with the JSON of its decks and note types read (not compared as text)."""
    connection = sqlite3.connect(":memory:")
    try:
        write(connection.cursor(), itertools.count(TIMESTAMP * 1000))
        tables = {
            table: connection.execute(f"select * from {table} order by id").fetchall()
            for table in ("notes", "cards", "col")
        }
        tables["schema"] = connection.execute(
            "select type, name, sql from sqlite_master order by name"
        ).fetchall()
    finally:
        connection.close()
    tables["col"] = [tuple(_read_json(value) for value in row) for row in tables["col"]]
    return tables


def _read_json(value: object) -> object:
    return json.loads(value) if isinstance(value, str) and value.startswith("{") else value


def test_the_collection_holds_what_genanki_writes_for_the_same_decks() -> None:
    # Two decks, so that genanki rewrites the note types' JSON (each then names the last deck).
    notes = _notes()
    ours = [BatchedDeck(1_500_000_001, "Test"), BatchedDeck(1_500_000_002, "Test::Sub")]
    theirs = [genanki.Deck(1_500_000_001, "Test"), genanki.Deck(1_500_000_002, "Test::Sub")]
    for n, note in enumerate(notes):
        ours[n % 2].add_note(note)
        theirs[n % 2].add_note(_genanki_note(note))
    batched = _tables(lambda cursor, ids: write_collection(cursor, ours, TIMESTAMP, ids))
    plain = _tables(lambda cursor, ids: genanki.Package(theirs).write_to_db(cursor, TIMESTAMP, ids))
    assert batched == plain
    assert len(batched["notes"]) == 4
    gaps = next(note[0] for note in batched["notes"] if note[1] == "g-cloze-1")  # c9, c1, c3
    assert sorted(card[3] for card in batched["cards"] if card[1] == gaps) == [0, 2, 8]


def test_package_bytes_are_reproducible_and_hold_a_readable_collection() -> None:
    def build() -> bytes:
        deck = BatchedDeck(1_500_000_001, "Test")
        for note in _notes():
            deck.add_note(note)
        return package_bytes([deck], TIMESTAMP)

    first = build()
    assert build() == first
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None
        assert archive.read("media") == b"{}"
        collection = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(collection)
        assert connection.execute("pragma integrity_check").fetchone() == ("ok",)
        assert connection.execute("select count(*) from notes").fetchone() == (4,)
    finally:
        connection.close()


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("spec", NOTE_TYPES.values(), ids=lambda spec: spec.kind)
def test_required_fields_are_genankis_for_the_full_templates(spec: NoteTypeSpec, lang: str) -> None:
    parts = model_json_parts(spec, lang)
    plain = genanki.Model(
        parts["id"],
        parts["name"],
        fields=parts["fields"],
        templates=parts["templates"],
        model_type=genanki.Model.CLOZE if spec.is_cloze else genanki.Model.FRONT_BACK,
    )
    assert StampedModel(spec, lang, mod=TIMESTAMP)._req == plain._req


def test_a_temporary_folder_that_cannot_be_written_is_told_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    deck = BatchedDeck(1_500_000_001, "Test")
    for note in _notes():
        deck.add_note(note)
    with pytest.raises(
        UserError, match=r"cannot build the deck in the temporary folder .*missing.*set TMPDIR"
    ):
        package_bytes([deck], TIMESTAMP)


def test_a_build_removes_the_scratch_folders_killed_builds_left_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    day_old = time.time() - STALE_SCRATCH_SECONDS - 60
    left = tmp_path / "chinaai-anki-killed"  # what kill -9 during a build leaves
    (left / "collection.anki2").parent.mkdir()
    (left / "collection.anki2").write_bytes(b"half a collection")
    os.utime(left, (day_old, day_old))
    running = tmp_path / "chinaai-anki-running"  # another build, still at work
    running.mkdir()
    a_file = tmp_path / "chinaai-anki-notes.txt"  # not a scratch folder
    a_file.write_text("mine", encoding="utf-8")
    os.utime(a_file, (day_old, day_old))
    others = tmp_path / "other-old"
    others.mkdir()
    os.utime(others, (day_old, day_old))
    deck = BatchedDeck(1_500_000_001, "Test")
    for note in _notes():
        deck.add_note(note)

    package_bytes([deck], TIMESTAMP)

    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "chinaai-anki-notes.txt",
        "chinaai-anki-running",
        "other-old",
    ]
