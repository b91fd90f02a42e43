"""The progress store: answers committed at once, rating overrides, unfinished sessions, migrations."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from chinaai_learn.errors import UserError
from chinaai_learn.progress import CardScheduler, ProgressStore, ProgressStoreError, Rating, migrations

from .conftest import T0, answer


def test_an_answer_is_committed_before_record_returns(store: ProgressStore) -> None:
    store.record(answer("alpha-1", T0, correct=False))
    other = sqlite3.connect(store.path)  # a second reader sees it while the first connection is still open
    assert other.execute("SELECT question_id, correct, rating FROM reviews").fetchall() == [("alpha-1", 0, 1)]
    other.close()


def test_the_store_uses_wal_and_marks_itself(store: ProgressStore) -> None:
    conn = sqlite3.connect(store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA application_id").fetchone()[0] == migrations.APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version()
    conn.close()


def test_history_is_kept_per_question_across_reopening(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        store.record(answer("alpha-1", T0, correct=False))
        store.record(answer("alpha-1", T0 + timedelta(minutes=5)))
    with ProgressStore.open(path) as store:
        card = store.card("alpha-1")
        assert card is not None
        assert card.reviews == 2
        assert card.last_correct
        assert [r.correct for r in store.reviews("alpha-1")] == [False, True]


def test_the_learner_can_override_the_rating_of_the_last_answer(store: ProgressStore) -> None:
    graded = store.record(answer("alpha-1", T0))
    easy = store.override_rating(graded.review_id, Rating.Easy)
    assert easy.rating is Rating.Easy
    assert easy.due - T0 > timedelta(days=1) > graded.due - T0
    review = store.reviews("alpha-1")[0]
    assert (review.rating, review.graded_rating) == (Rating.Easy, Rating.Good)
    assert store.card("alpha-1").due == easy.due  # type: ignore[union-attr]
    again = store.override_rating(graded.review_id, 1)  # keys 1–4 give the plain number
    assert again.rating is Rating.Again
    assert again.due - T0 == timedelta(minutes=1)


def test_an_old_answer_cannot_be_re_rated_once_the_question_was_answered_again(store: ProgressStore) -> None:
    first = store.record(answer("alpha-1", T0))
    store.record(answer("alpha-1", T0 + timedelta(hours=1)))
    with pytest.raises(UserError, match="answered again"):
        store.override_rating(first.review_id, Rating.Easy)


def test_review_logs_feed_the_fsrs_optimizer_with_answer_times(store: ProgressStore) -> None:
    store.record(replace(answer("alpha-1", T0), duration_ms=4200))
    store.record(answer("beta-1", T0 + timedelta(seconds=30), correct=False))
    logs = store.review_logs()
    assert [(log.rating, log.review_duration) for log in logs] == [(Rating.Good, 4200), (Rating.Again, None)]
    assert logs[1].review_datetime == T0 + timedelta(seconds=30)
    assert logs[0].card_id != logs[1].card_id


def test_an_unfinished_session_is_kept_until_its_last_answer(store: ProgressStore) -> None:
    session = store.begin_session(["alpha-1", "alpha-2"], {"mode": "practice", "lang": "en"}, at=T0)
    store.record(answer("alpha-1", T0), session_id=session.id, position=1)
    [unfinished] = store.unfinished_sessions()
    assert (unfinished.id, unfinished.question_ids, unfinished.position) == (
        session.id,
        ("alpha-1", "alpha-2"),
        1,
    )
    assert unfinished.settings == {"mode": "practice", "lang": "en"}
    assert unfinished.remaining == 1
    assert [r.position for r in store.reviews(session_id=session.id)] == [1]
    store.record(answer("alpha-2", T0), session_id=session.id, position=2)
    assert store.unfinished_sessions() == []


def test_unfinished_sessions_come_newest_first_and_can_be_dropped(store: ProgressStore) -> None:
    old = store.begin_session(["alpha-1"], at=T0)
    new = store.begin_session(["beta-1"], at=T0 + timedelta(minutes=1))
    assert [s.id for s in store.unfinished_sessions()] == [new.id, old.id]
    store.finish_session(new.id)
    assert [s.id for s in store.unfinished_sessions()] == [old.id]


def test_a_store_from_a_newer_release_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "p.sqlite3"
    ProgressStore.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.schema_version() + 1}")
    conn.close()
    with pytest.raises(ProgressStoreError, match="newer chinaai-learn") as caught:
        ProgressStore.open(path)
    assert "--progress" in str(caught.value)
    assert not any(".damaged-" in p.name or ".foreign-" in p.name for p in tmp_path.iterdir())
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.schema_version() + 1
    conn.close()


def test_a_later_migration_upgrades_an_existing_store_and_keeps_its_answers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite3"
    with ProgressStore.open(path) as store:
        store.record(answer("alpha-1", T0))
    monkeypatch.setattr(
        migrations, "MIGRATIONS", [*migrations.MIGRATIONS, "ALTER TABLE reviews ADD COLUMN device TEXT"]
    )
    with ProgressStore.open(path) as store:
        assert len(store.reviews()) == 1
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == len(migrations.MIGRATIONS)
    assert "device" in [row[1] for row in conn.execute("PRAGMA table_info(reviews)")]
    conn.close()


def test_an_unfinished_session_of_a_version_2_store_survives_the_lease_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "p.sqlite3"
    with monkeypatch.context() as older:
        older.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS[:2])
        ProgressStore.open(path).close()
        conn = sqlite3.connect(path)
        with conn:  # what release 2 wrote for a quiz left after one answer
            conn.execute(
                'INSERT INTO sessions VALUES (\'s2\', \'["alpha-1", "alpha-2"]\', 1, \'{"mode": "exam"}\', ?, ?)',
                (T0.isoformat(), T0.isoformat()),
            )
        conn.close()
        with ProgressStore.open(path, read_only=True) as read_only:  # e.g. stats, before any upgrade
            assert read_only.unfinished_sessions()[0].lease is None
    with ProgressStore.open(path) as store:
        [kept] = store.unfinished_sessions()
    assert (kept.id, kept.position, kept.settings, kept.lease) == ("s2", 1, {"mode": "exam"}, None)
