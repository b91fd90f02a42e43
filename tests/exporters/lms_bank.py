"""The bank the LMS exporter tests use: the mini bank (one question of each type) plus
``tests/data/lms/special.yaml`` (every character the formats treat specially)."""

from __future__ import annotations

import shutil
from pathlib import Path

from chinaai_learn.bank import Bank
from chinaai_learn.loading import load_bank

from ..conftest import DATA, GOOD_BANK


def load_lms_bank(folder: Path) -> Bank:
    for source in (GOOD_BANK / "sources.yaml", GOOD_BANK / "mini.yaml", DATA / "lms" / "special.yaml"):
        shutil.copy(source, folder / source.name)
    return load_bank(folder)
