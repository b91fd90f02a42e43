"""The batched note writer stores exactly what genanki's own writer stores, and packages rebuild byte for byte."""

from __future__ import annotations

import io
import itertools
import sqlite3
import zipfile

import genanki
import pytest

from chinaai_learn.exporters.anki_notetypes import (
    BASIC,
    CLOZE,
    NOTE_TYPES,
    NoteTypeSpec,
    StampedModel,
    model_json_parts,
)
from chinaai_learn.exporters.anki_package import BatchedDeck, StampedNote, package_bytes

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


def _tables(package: genanki.Package) -> dict[str, list[tuple]]:
    connection = sqlite3.connect(":memory:")
    try:
        package.write_to_db(connection.cursor(), TIMESTAMP, itertools.count(TIMESTAMP * 1000))
        return {
            table: connection.execute(f"select * from {table} order by id").fetchall()
            for table in ("notes", "cards", "col")
        }
    finally:
        connection.close()


def test_batched_deck_writes_the_rows_genanki_writes() -> None:
    ours = BatchedDeck(1_500_000_001, "Test")
    theirs = genanki.Deck(1_500_000_001, "Test")
    for note in _notes():
        ours.add_note(note)
        theirs.add_note(_genanki_note(note))
    batched, plain = _tables(genanki.Package([ours])), _tables(genanki.Package([theirs]))
    assert batched == plain
    assert len(batched["notes"]) == 4
    assert sorted(card[3] for card in batched["cards"] if card[1] == batched["notes"][2][0]) == [0, 2, 8]


def test_package_bytes_are_reproducible_and_hold_a_readable_collection() -> None:
    def build() -> bytes:
        deck = BatchedDeck(1_500_000_001, "Test")
        for note in _notes():
            deck.add_note(note)
        return package_bytes(genanki.Package([deck]), TIMESTAMP)

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
