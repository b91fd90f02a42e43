"""Shared fixtures: the test banks, the shipped banks and the source corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
GOOD_BANK = DATA / "good"
SHIPPED_BANK = ROOT / "questions"
CORPUS = ROOT.parent / "shared" / "sources"


@pytest.fixture(autouse=True)
def isolated_progress_store(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Every test (and every subprocess it starts) records into its own store, never the user's."""
    path = tmp_path_factory.mktemp("progress") / "progress.sqlite3"
    monkeypatch.setenv("CHINAAI_LEARN_PROGRESS", str(path))
    return path


@pytest.fixture(autouse=True)
def isolated_bank_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test (and subprocess) keeps its validated-bank cache to itself, never in the user's folder."""
    path = tmp_path_factory.mktemp("bank-cache")
    monkeypatch.setenv("CHINAAI_LEARN_CACHE", str(path))
    return path


@pytest.fixture
def good_bank_dir() -> Path:
    return GOOD_BANK


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip(f"the source corpus is not beside the checkout ({CORPUS.parent.name}/sources missing)")
    return CORPUS


@pytest.fixture
def make_bank(tmp_path: Path):
    """Build a bank folder from the shipped bibliography plus the given topic files."""

    def build(**files: str | bytes) -> Path:
        shutil.copy(GOOD_BANK / "sources.yaml", tmp_path / "sources.yaml")
        for name, content in files.items():
            path = tmp_path / f"{name}.yaml"
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return tmp_path

    return build
