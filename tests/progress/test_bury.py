"""Burying a question for today (Anki's "bury"), and the new / learning / review counts of the start screen."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.progress import (
    CardScheduler,
    ProgressStore,
    due_by_topic,
    due_queue,
    migrations,
    mistakes,
    next_due,
    study_counts,
)
from chinaai_learn.progress.clock import next_midnight

from .conftest import T0, answer

BERLIN = ZoneInfo("Europe/Berlin")
EVENING = datetime(2025, 3, 1, 23, 30, tzinfo=BERLIN)
MIDNIGHT = datetime(2025, 3, 2, 0, 0, tzinfo=BERLIN)


def ids(questions) -> list[str]:
    return [q.id for q in questions]


def test_a_buried_question_stays_buried_after_reopening_and_comes_back_at_local_midnight(
    tmp_path: Path, bank: Bank
) -> None:
    path = tmp_path / "p.sqlite3"
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        store.record(answer("alpha-1", EVENING - timedelta(days=3), correct=False))
        burial = store.bury("alpha-1", EVENING)
        assert burial.until == MIDNIGHT
    with ProgressStore.open(path) as store:  # a new instance, later that evening
        just_before = MIDNIGHT - timedelta(seconds=1)
        assert list(store.buried(just_before)) == ["alpha-1"]
        assert "alpha-1" not in ids(due_queue(store, bank, just_before).questions)
        assert "alpha-1" not in ids(mistakes(store, bank, now=just_before))
        assert store.buried(MIDNIGHT) == {}
        assert ids(due_queue(store, bank, MIDNIGHT).reviews) == ["alpha-1"]
        assert ids(mistakes(store, bank, now=MIDNIGHT)) == ["alpha-1"]


def test_a_new_question_buried_is_not_among_todays_new_ones_and_its_next_due_is_midnight(
    store: ProgressStore, bank: Bank
) -> None:
    store.bury("alpha-1", EVENING)
    assert ids(due_queue(store, bank, EVENING, new_per_day=2).new) == ["alpha-2", "alpha-3"]
    assert due_by_topic(store, bank, EVENING)[0].new == 4  # alpha has 5 questions
    store.record(answer("beta-1", EVENING - timedelta(days=2), correct=False))  # due long ago
    store.bury("beta-1", EVENING)
    assert next_due(store, bank, topics=["beta"], now=EVENING) == MIDNIGHT
    assert due_by_topic(store, bank, EVENING)[1].due == 0


def test_midnight_is_the_local_one_also_when_summer_time_starts() -> None:
    # Berlin moves from +01:00 to +02:00 at 2:00 on 30 March 2025: that night's midnight is still +01:00,
    # the next one +02:00.
    assert next_midnight(datetime(2025, 3, 29, 20, 0, tzinfo=BERLIN)).utcoffset() == timedelta(hours=1)
    assert next_midnight(datetime(2025, 3, 30, 20, 0, tzinfo=BERLIN)) == datetime(
        2025, 3, 30, 22, 0, tzinfo=ZoneInfo("UTC")
    )
    assert next_midnight(T0) == datetime(2025, 3, 2, 0, 0, tzinfo=T0.tzinfo)  # a fixed UTC+1 zone


def test_burying_takes_the_question_out_of_the_unfinished_session_it_belongs_to(store: ProgressStore) -> None:
    session = store.begin_session(["alpha-1", "alpha-2", "alpha-3"], at=T0)
    store.record(answer("alpha-1", T0), session_id=session.id, position=1)
    assert store.bury("alpha-2", T0, session_id=session.id).in_session
    [kept] = store.unfinished_sessions()
    assert (kept.question_ids, kept.position) == (("alpha-1", "alpha-3"), 1)
    assert store.bury("alpha-3", T0, session_id=session.id).in_session
    assert store.unfinished_sessions() == []  # nothing left to ask: nothing to resume


def test_a_store_of_version_3_gains_the_burial_table_and_keeps_everything(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite3"
    with monkeypatch.context() as older:
        older.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:3])
        with ProgressStore.open(path) as store:
            store.record(answer("alpha-1", T0))
            store.flag("alpha-1", T0, comment="unklar")
            store.begin_session(["alpha-1", "alpha-2"], at=T0)
    with ProgressStore.open(path) as store:
        assert [r.question_id for r in store.reviews()] == ["alpha-1"]
        assert [f.comment for f in store.flags()] == ["unklar"]
        assert len(store.unfinished_sessions()) == 1
        store.bury("alpha-2", T0)
        assert list(store.buried(T0)) == ["alpha-2"]
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 4
    conn.close()


def test_counts_split_the_due_mode_into_new_learning_and_review_within_the_filters(
    store: ProgressStore, bank: Bank
) -> None:
    # alpha-1: two right answers 10 days ago → FSRS review state, due by now.
    store.record(answer("alpha-1", T0 - timedelta(days=10)))
    store.record(answer("alpha-1", T0 - timedelta(days=10) + timedelta(minutes=10)))
    store.record(answer("alpha-2", T0 - timedelta(hours=1), correct=False))  # learning, due after a minute
    store.record(answer("alpha-3", T0 - timedelta(seconds=30), correct=False))  # learning, not due yet
    store.record(answer("beta-1", T0 - timedelta(hours=1), correct=False))
    assert store.card("alpha-1").learning is False  # type: ignore[union-attr]
    counts = study_counts(store, bank, T0, new_per_day=20)
    assert (counts.new, counts.learning, counts.review) == (4, 2, 1)  # alpha-4, -5, beta-2, -3 new
    assert counts.new + counts.learning + counts.review == len(due_queue(store, bank, T0))
    alpha = study_counts(store, bank, T0, topics=["alpha"], new_per_day=20)
    assert (alpha.new, alpha.learning, alpha.review) == (2, 1, 1)
    store.bury("alpha-2", T0)
    store.bury("alpha-4", T0)
    alpha = study_counts(store, bank, T0, topics=["alpha"], new_per_day=20)
    assert (alpha.new, alpha.learning, alpha.review) == (1, 0, 1)
    assert study_counts(store, bank, T0, types=["numeric"]) == type(alpha)(0, 0, 0)
