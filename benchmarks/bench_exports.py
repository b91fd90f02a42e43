"""Export benchmarks (Anki against genanki writing the same notes, worksheet PDFs), called by run.py."""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

import genanki

from chinaai_learn.collector import collector_paused
from chinaai_learn.exporters.anki import export_anki
from chinaai_learn.exporters.worksheet.export import export_worksheet
from chinaai_learn.exporters.worksheet.model import WorksheetOptions
from chinaai_learn.loading import load_bank

RECIPE = """name: Bench
deck_id: 1900000001
lang: de
topics: all
output: bench.apkg
"""


def bare_genanki(n: int, out: Path) -> None:
    """A reference: genanki writing n minimal two-field notes, no tags, into one deck (collector on)."""
    model = genanki.Model(
        1900000002,
        "Bare",
        fields=[{"name": "Front"}, {"name": "Back"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
    )
    deck = genanki.Deck(1900000003, "Bare")
    for i in range(n):
        deck.add_note(genanki.Note(model=model, fields=[f"Frage {i}", f"Antwort {i}"], guid=f"bare-{i}"))
    genanki.Package(deck).write_to_file(str(out / "bare.apkg"), timestamp=0)


def package_notes(package: Path) -> tuple[dict[int, int], list[tuple[int, list[str], list[str], str]]]:
    """What a package holds: each note type's field count, and every note's type, fields, tags and guid."""
    with zipfile.ZipFile(package) as archive:
        collection = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(collection)
        models = json.loads(connection.execute("SELECT models FROM col").fetchone()[0])
        rows = connection.execute("SELECT mid, flds, tags, guid FROM notes ORDER BY id").fetchall()
    finally:
        connection.close()
    counts = {int(mid): len(model["flds"]) for mid, model in models.items()}
    return counts, [(mid, flds.split("\x1f"), tags.split(), guid) for mid, flds, tags, guid in rows]


def genanki_same_notes(counts: dict[int, int], notes: list, out: Path) -> None:
    """The floor: genanki writing the export's notes (same number, fields, tags and guids) into one deck.

    Everything the export works out (field HTML, GUIDs, tags) is handed over ready-made;
    what is left is genanki's own cost of writing those notes. One plain front/back note
    type per note type of the export, with as many fields; the collector is paused, as in
    the export.
    """
    with collector_paused():
        models = {
            mid: genanki.Model(
                mid,
                f"Bare {mid}",
                fields=[{"name": f"F{i}"} for i in range(count)],
                templates=[{"name": "Card 1", "qfmt": "{{F0}}", "afmt": "{{F1}}"}],
            )
            for mid, count in counts.items()
        }
        deck = genanki.Deck(1900000003, "Bare")
        for mid, fields, tags, guid in notes:
            deck.add_note(genanki.Note(model=models[mid], fields=fields, tags=tags, guid=guid))
        genanki.Package(deck).write_to_file(str(out / "same.apkg"), timestamp=0)


def export_rows(
    size: int, bank_dir: Path, work: Path, repeat: int, median_time: Callable, median_times: Callable
) -> list[dict]:
    bank = load_bank(bank_dir)
    out = Path(tempfile.mkdtemp(dir=work))
    recipe = out / "bench.yaml"
    recipe.write_text(RECIPE, encoding="utf-8")
    state = out / "state.json"
    export_anki(bank, [recipe], out, state_path=state, now=0)  # the notes the floor writes
    counts, notes = package_notes(out / "bench.apkg")
    kept = out / "kept-state.json"
    export_anki(bank, [recipe], out, state_path=kept, now=0)  # a rebuild reads the state of this build
    anki, rebuild, floor, bare = median_times(
        [
            lambda: (
                state.unlink(missing_ok=True),
                export_anki(bank, [recipe], out, state_path=state, now=0),
            ),
            lambda: export_anki(bank, [recipe], out, state_path=kept, now=0),
            lambda: genanki_same_notes(counts, notes, out),
            lambda: bare_genanki(size, out),
        ],
        repeat,
    )
    rows = [
        {"task": "anki export", "size": size, "seconds": anki, "floor": floor},
        {"task": "anki export, rebuild (state kept)", "size": size, "seconds": rebuild, "floor": floor},
        {"task": "anki export vs 2-field genanki", "size": size, "seconds": anki, "floor": bare},
    ]
    if size == 1000:  # worksheet sizes are fixed, not the bank's
        for n in (50, 500):
            questions = bank.questions[:n]
            seconds = median_time(
                lambda questions=questions: export_worksheet(
                    bank, questions, out, options=WorksheetOptions(seed=1), formats=["pdf"]
                ),
                repeat,
            )
            rows.append({"task": "worksheet PDF", "size": n, "seconds": seconds, "floor": None})
    return rows
