"""Each kind of damaged store is kept aside whole (with its WAL and SHM) before SQLite touches it."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from chinaai_learn.progress import ProgressStore, ProgressStoreError

from ..conftest import ROOT
from .conftest import T0, answer


def kept_aside(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if ".damaged-" in p.name)


def store_with_answers(path: Path, n: int) -> None:
    with ProgressStore.open(path) as store:
        for i in range(1, n + 1):
            store.record(answer(f"alpha-{i}", T0))


def test_a_damaged_header_keeps_the_wal_with_committed_answers(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    store_with_answers(path, 3)
    # A writer that dies without closing leaves its committed answers in the WAL only.
    code = (
        "import os, sqlite3, sys; c = sqlite3.connect(sys.argv[1], isolation_level=None);"
        "c.execute('PRAGMA wal_autocheckpoint = 0');"
        "c.execute('DELETE FROM reviews'); os._exit(0)"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)
    wal = path.with_name(path.name + "-wal")
    wal_bytes = wal.read_bytes()
    assert wal_bytes
    with path.open("r+b") as f:
        f.write(b"Garbage header!!")
    with ProgressStore.open(path) as store:
        assert store.recovery is not None
        assert store.reviews() == []
        message = store.recovery.message()
    [kept, *_] = kept_aside(tmp_path)
    assert kept.name in message
    assert kept.with_name(kept.name + "-wal").read_bytes() == wal_bytes  # not truncated or deleted


def test_garbled_table_definitions_are_kept_aside_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    store_with_answers(path, 2)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = sql || CAST(X'0a2d2dff' AS TEXT) WHERE type = 'table'")
    conn.commit()
    conn.close()
    with ProgressStore.open(path) as store:
        assert store.recovery is not None
        assert "garbled" in store.recovery.message()
        store.record(answer("alpha-1", T0))
    assert kept_aside(tmp_path)


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda data: data[:60], id="cut-inside-the-header"),
        pytest.param(lambda data: bytes(len(data)), id="zero-filled"),
        pytest.param(lambda data: data[:16] + b"\x00\x07" + data[18:], id="bad-page-size"),
        pytest.param(lambda data: data[:4096], id="cut-after-the-first-page"),
    ],
)
def test_each_damage_is_kept_aside_whole_and_a_new_store_starts(tmp_path: Path, damage) -> None:
    path = tmp_path / "progress.sqlite3"
    store_with_answers(path, 50)
    damaged = damage(path.read_bytes())
    path.write_bytes(damaged)
    with ProgressStore.open(path) as store:
        assert store.recovery is not None
        store.record(answer("alpha-1", T0))
        assert len(store.reviews()) == 1
    [kept, *_] = kept_aside(tmp_path)
    assert kept.read_bytes() == damaged


def test_a_damaged_store_opened_read_only_says_so_and_moves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 200)
    with pytest.raises(ProgressStoreError, match="damaged"):
        ProgressStore.open(path, read_only=True)
    assert path.exists()
    assert not kept_aside(tmp_path)


def test_several_instances_opening_one_damaged_store_lose_no_answer(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"not a database " * 300)
    flag = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    driver = Path(__file__).with_name("open_driver.py")
    children = [
        subprocess.Popen(
            [sys.executable, str(driver), str(path), str(flag), f"alpha-{i}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for i in range(1, 7)
    ]
    flag.touch()
    outcomes = [child.communicate(timeout=120) for child in children]
    assert all(child.returncode == 0 for child in children), outcomes
    assert sorted(out.strip() for out, _ in outcomes).count("kept") == 1  # set aside once, by one of them
    with ProgressStore.open(path) as store:
        assert store.recovery is None
        assert sorted(r.question_id for r in store.reviews()) == [f"alpha-{i}" for i in range(1, 7)]
    assert len(kept_aside(tmp_path)) == 1
