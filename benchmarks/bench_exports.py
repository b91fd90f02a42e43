"""Export benchmarks (Anki against bare genanki, worksheet PDFs), called by run.py."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import genanki

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
    """The floor: genanki writing n minimal two-field notes into one deck."""
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


def export_rows(
    size: int, bank_dir: Path, work: Path, repeat: int, median_time: Callable, median_times: Callable
) -> list[dict]:
    bank = load_bank(bank_dir)
    out = Path(tempfile.mkdtemp(dir=work))
    recipe = out / "bench.yaml"
    recipe.write_text(RECIPE, encoding="utf-8")
    state = out / "state.json"
    anki, floor = median_times(
        [
            lambda: (
                state.unlink(missing_ok=True),
                export_anki(bank, [recipe], out, state_path=state, now=0),
            ),
            lambda: bare_genanki(size, out),
        ],
        repeat,
    )
    rows = [{"task": "anki export", "size": size, "seconds": anki, "floor": floor}]
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
