"""Where a deck's build state lives, and the decks of a bank that has no recipes of its own.

The state (deck ids, GUID namespace, stamps) belongs to the bank being built. The shipped
recipes keep theirs in ``decks/anki-state.json`` of the checkout; an installed package never
writes into itself, so there the shipped state is read once and the learner's copy lives in
the user data folder. A bank given with ``--bank DIR`` and no recipe gets decks of its own:
names from its folder, deck ids from a namespace drawn once and kept in its state, which is
written beside the bank (``DIR/anki-state.json``) or, if that folder is read-only, in the
user data folder.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

import platformdirs

from ..model import Lang
from ..progress.location import APP_NAME
from .anki_recipe import AnkiRecipe, LoadedRecipe
from .anki_state import STATE_FILE, AnkiBuildState

_PACKAGE = Path(__file__).resolve().parents[1]


def user_state_folder() -> Path:
    """The user data folder's place for build states of decks built from read-only places."""
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / "anki-state"


def installed(folder: Path) -> bool:
    """True if ``folder`` lies inside the installed chinaai_learn package (never written to)."""
    return folder.resolve().is_relative_to(_PACKAGE)


def recipe_state_path(recipe_path: Path) -> Path:
    """The build state of a recipe: beside it, or for a recipe inside the package, in the user data folder."""
    folder = recipe_path.parent
    if installed(folder):
        return user_state_folder() / f"shipped-{STATE_FILE}"
    return folder / STATE_FILE


def load_state(where: Path, recipe_path: Path | None = None) -> AnkiBuildState:
    """The state at ``where``; a learner's first build of a shipped deck starts from the shipped state."""
    if not where.exists() and recipe_path is not None and installed(recipe_path.parent):
        shipped = recipe_path.parent / STATE_FILE
        if shipped.exists():
            state = AnkiBuildState.load(shipped)
            state.path = where
            return state
    return AnkiBuildState.load(where)


def bank_state_path(bank_dir: Path) -> Path:
    """The build state of a bank without recipes: in its folder if writable, else in the user data folder."""
    if os.access(bank_dir, os.W_OK) and not installed(bank_dir):
        return bank_dir / STATE_FILE
    key = hashlib.sha256(str(bank_dir.resolve()).encode("utf-8")).hexdigest()[:16]
    return user_state_folder() / f"bank-{key}.json"


def bank_recipes(bank_dir: Path, state: AnkiBuildState) -> list[LoadedRecipe]:
    """One deck per language for a bank without recipes, with deck ids from the bank's own namespace."""
    if state.namespace is None:
        state.namespace = secrets.token_hex(8)  # drawn once, then kept in the bank's state
    name = bank_dir.resolve().name.replace("::", ":").strip() or "chinaai-learn"
    recipes = []
    langs: tuple[Lang, ...] = ("de", "en")
    for lang in langs:
        digest = hashlib.sha256(f"chinaai-learn/bank/{state.namespace}/{lang}".encode()).digest()
        deck_id = (1 << 32) + int.from_bytes(digest[:6], "big")
        recipe = AnkiRecipe(
            name=f"{name} ({lang})", deck_id=deck_id, lang=lang, output=f"{_file_stem(name)}-{lang}.apkg"
        )
        recipes.append(LoadedRecipe(recipe, state.path, ""))
    return recipes


def _file_stem(name: str) -> str:
    stem = "".join(c if c.isalnum() or c in "-_" else "-" for c in name).strip("-")
    return stem or "deck"
