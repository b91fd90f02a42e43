"""Faults: damaged or foreign files are kept aside and the learner continues; unwritable places say so."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from chinaai_learn.progress import ProgressStore, ProgressStoreError

from .conftest import T0, answer


def kept_aside(folder: Path, kind: str) -> list[Path]:
    return sorted(p for p in folder.iterdir() if f".{kind}-" in p.name)


def test_a_damaged_file_is_kept_with_a_timestamp_and_a_new_store_starts(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    garbage = b"this is not a database, but someone's precious file\n" * 100
    path.write_bytes(garbage)
    with ProgressStore.open(path) as store:
        assert store.recovery is not None
        message = store.recovery.message()
        store.record(answer("alpha-1", T0))  # the learner can continue
        assert len(store.reviews()) == 1
    [kept] = kept_aside(tmp_path, "damaged")
    assert kept.read_bytes() == garbage  # nothing the user had is lost
    assert kept.name.startswith("progress.sqlite3.damaged-2")
    assert str(path) in message
    assert kept.name in message
    assert "new, empty store" in message


def test_a_store_damaged_inside_is_kept_aside_too(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path) as store:
        for i in range(1, 200):
            store.record(answer(f"alpha-{i}", T0))
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = bytearray(path.read_bytes())
    data[4096 * 2 : 4096 * 4] = b"\xff" * 8192  # overwrite two pages in the middle
    path.write_bytes(bytes(data))
    with ProgressStore.open(path) as store:
        assert store.recovery is not None
        assert "check failed" in store.recovery.reason
        assert store.reviews() == []
    assert len(kept_aside(tmp_path, "damaged")) == 1


def test_another_programs_database_is_kept_aside_not_used(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('Jiaozi')")
    conn.commit()
    conn.close()
    with ProgressStore.open(path) as store:
        assert store.recovery is not None
        assert "not a chinaai-learn progress store" in store.recovery.message()
    [kept] = kept_aside(tmp_path, "foreign")
    assert sqlite3.connect(kept).execute("SELECT name FROM recipes").fetchall() == [("Jiaozi",)]


def test_an_empty_file_simply_becomes_a_store(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.touch()
    with ProgressStore.open(path) as store:
        assert store.recovery is None
        store.record(answer("alpha-1", T0))
    assert kept_aside(tmp_path, "damaged") == []


def test_a_store_path_below_a_regular_file_cannot_be_created(tmp_path: Path) -> None:
    # Tests run as root, for whom a read-only folder is still writable: a regular file where a
    # folder should be is a location nobody can write to.
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(ProgressStoreError) as caught:
        ProgressStore.open(blocker / "progress.sqlite3")
    message = str(caught.value)
    assert str(blocker / "progress.sqlite3") in message
    assert "is a file" in message
    assert "--progress PATH" in message
    assert blocker.read_text() == "x"


def test_a_folder_at_the_store_path_is_explained(tmp_path: Path) -> None:
    with pytest.raises(ProgressStoreError, match="this is a folder"):
        ProgressStore.open(tmp_path)


def test_a_read_only_store_says_so_and_keeps_its_answers(tmp_path: Path) -> None:
    # A file the process may not write, simulated with SQLite's mode=ro URI (root could write anyway).
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path) as store:
        store.record(answer("alpha-1", T0))
    with ProgressStore.open(path, read_only=True) as store:
        assert [r.question_id for r in store.reviews()] == ["alpha-1"]  # reading works
        with pytest.raises(ProgressStoreError, match="cannot be written") as caught:
            store.record(answer("alpha-2", T0))
        assert "--progress PATH" in str(caught.value)
        assert len(store.reviews()) == 1  # still readable after the failed write
    with ProgressStore.open(path) as store:
        assert [r.question_id for r in store.reviews()] == ["alpha-1"]


def test_read_only_never_creates_a_store(tmp_path: Path) -> None:
    with pytest.raises(ProgressStoreError, match="no such file"):
        ProgressStore.open(tmp_path / "missing.sqlite3", read_only=True)
    assert list(tmp_path.iterdir()) == []
