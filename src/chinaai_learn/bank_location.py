"""Where the banks and deck recipes are when none is named: $CHINAAI_LEARN_BANK, the checkout, the installed copy."""

from __future__ import annotations

import os
from pathlib import Path

BANK_ENV = "CHINAAI_LEARN_BANK"
_PACKAGE = Path(__file__).resolve().parent


def _in_checkout(name: str) -> Path | None:
    checkout = _PACKAGE.parents[1] / name
    if checkout.is_dir() and (_PACKAGE.parents[1] / "pyproject.toml").is_file():
        return checkout
    return None


def default_bank_dir() -> Path:
    """The banks to use when none is named: $CHINAAI_LEARN_BANK, the checkout, or the installed copy."""
    env = os.environ.get(BANK_ENV)
    if env:
        return Path(env)
    return _in_checkout("questions") or _PACKAGE / "_data" / "questions"


def default_decks_dir() -> Path:
    """The Anki deck recipes: beside the banks in the checkout, or the installed copy."""
    return _in_checkout("decks") or _PACKAGE / "_data" / "decks"
