"""Where the progress store lives: --progress PATH, else $CHINAAI_LEARN_PROGRESS, else the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from .errors import PROGRESS_ENV

APP_NAME = "chinaai-learn"
STORE_FILE = "progress.sqlite3"


def default_store_path() -> Path:
    """The store to use when none is named: $CHINAAI_LEARN_PROGRESS or ``<user data dir>/progress.sqlite3``."""
    env = os.environ.get(PROGRESS_ENV)
    if env:
        return Path(env).expanduser()
    return platformdirs.user_data_path(APP_NAME, appauthor=False) / STORE_FILE


def store_path(option: Path | str | None) -> Path:
    """The path named by a --progress option, or the default when it was not given."""
    return Path(option).expanduser() if option else default_store_path()
