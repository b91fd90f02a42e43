"""Helpers for the Anki tests: recipes, builds with a fixed clock, and imports into real Anki."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition

from chinaai_learn.exporters.anki import AnkiDeckResult, export_anki
from chinaai_learn.loading import load_bank

DATA = Path(__file__).resolve().parents[1] / "data" / "anki"
BANK = DATA / "bank"
NOW = 1_700_000_000  # a fixed clock: 14 November 2023
DECK_ID = 1_500_000_001


def write_recipe(folder: Path, stem: str = "test-de", **overrides: object) -> Path:
    recipe = {"name": "Test & KI", "deck_id": DECK_ID, "lang": "de", "topics": "all"}
    recipe.update(overrides)
    path = folder / f"{stem}.yaml"
    path.write_text(yaml.safe_dump(recipe, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def copy_bank(folder: Path) -> Path:
    """A private copy of the test bank, for tests that edit questions."""
    target = folder / "bank"
    shutil.copytree(BANK, target)
    return target


def build(
    recipe: Path, out: Path, *, bank: Path = BANK, now: int = NOW, state: Path | None = None
) -> AnkiDeckResult:
    (result,) = export_anki(load_bank(bank), [recipe], out, state_path=state, now=now)
    return result


@dataclass(frozen=True)
class ImportCounts:
    new: int
    updated: int
    duplicate: int
    conflicting: int


def import_package(
    col: Collection, path: Path, *, merge_notetypes: bool = False, always_update: bool = False
) -> ImportCounts:
    """Import like Anki's import dialog does (new importer, default options unless asked)."""
    condition = (
        ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS
        if always_update
        else ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER
    )
    options = ImportAnkiPackageOptions(
        merge_notetypes=merge_notetypes,
        update_notes=condition,
        update_notetypes=condition,
        with_scheduling=False,
    )
    result = col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))
    if result.changes.notetype:
        # The Python side caches note types; like pylib after an undo that changed them,
        # drop the cache, or notes would be read with the note type as it was before.
        col.models._clear_cache()
    log = result.log
    return ImportCounts(len(log.new), len(log.updated), len(log.duplicate), len(log.conflicting))


def notes_by_question(col: Collection) -> dict[str, object]:
    """The collection's notes keyed by the question id in their ID field."""
    return {col.get_note(nid)["ID"]: col.get_note(nid) for nid in col.find_notes("")}


def rendered(col: Collection, question_id: str, ordinal: int = 0) -> tuple[str, str]:
    """The question and answer HTML Anki renders for a note's card (without the style sheet)."""
    note = notes_by_question(col)[question_id]
    card = sorted(note.cards(), key=lambda c: c.ord)[ordinal]
    return card.question().split("</style>", 1)[-1], card.answer().split("</style>", 1)[-1]
