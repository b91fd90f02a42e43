"""The committed Anki build state matches the shipped banks, so every clone builds the same decks."""

from __future__ import annotations

import shutil
from pathlib import Path

from chinaai_learn.exporters.anki import export_anki
from chinaai_learn.loading import default_decks_dir, load_bank

from ..conftest import SHIPPED_BANK


def test_rebuilding_the_shipped_decks_changes_no_note(tmp_path: Path) -> None:
    state = tmp_path / "anki-state.json"
    shutil.copy(default_decks_dir() / "anki-state.json", state)
    results = export_anki(load_bank(SHIPPED_BANK), None, tmp_path, state_path=state, now=2_000_000_000)
    changed = {r.deck_name: r.changed for r in results if r.changed}
    assert not changed, (
        "the banks changed since decks/anki-state.json was committed: run `uv run chinaai-learn anki -o /tmp` "
        f"and commit decks/anki-state.json ({changed})"
    )
    assert state.read_bytes() == (default_decks_dir() / "anki-state.json").read_bytes()
