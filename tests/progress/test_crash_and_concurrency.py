"""Real processes: a quiz killed with SIGKILL loses no answer and resumes; two writers lose nothing."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from chinaai_learn.progress import CardScheduler, ProgressStore

from ..conftest import ROOT
from .conftest import T0, answer, write_bank

DRIVER = Path(__file__).with_name("answer_driver.py")


def driver(store: Path, bank: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(store), str(bank), *args],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )  # fmt: skip


def test_a_killed_quiz_keeps_every_graded_answer_and_resumes_where_it_stopped(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=150)
    store_path = tmp_path / "progress.sqlite3"
    quiz = driver(store_path, bank, "start", "150")
    reported = [quiz.stdout.readline().split() for _ in range(5)]  # type: ignore[union-attr]
    quiz.send_signal(signal.SIGKILL)  # no chance to clean up: mid-session, maybe mid-transaction
    quiz.wait(timeout=60)
    assert quiz.returncode == -signal.SIGKILL

    with ProgressStore.open(store_path) as store:
        reviews = store.reviews()
        [unfinished] = store.unfinished_sessions()
    recorded_ids = [r.question_id for r in reviews]
    assert [qid for _, _, qid in reported] == recorded_ids[:5]  # every answer reported as graded is there
    assert 5 <= len(reviews) < 150  # killed mid-session
    assert [r.position for r in reviews] == list(range(1, len(reviews) + 1))
    assert unfinished.position == len(reviews)  # the session record moved in the same transaction

    resumed = driver(store_path, bank, "resume")
    out, err = resumed.communicate(timeout=120)
    assert resumed.returncode == 0, err
    k = len(reviews)
    first, after = out.splitlines()[0].split(), out.splitlines()[1].split()
    right_before = sum(i % 2 == 0 for i in range(k))
    assert first == ["resumed", str(k), "150", str(right_before)]  # the whole session: its position and score
    assert after[1] == str(k + 1)  # resumed at the next question, none asked twice

    with ProgressStore.open(store_path) as store:
        reviews = store.reviews()
        assert store.unfinished_sessions() == []  # finished: nothing left to resume
        cards = store.cards()
    assert [r.question_id for r in reviews] == [f"alpha-{i}" for i in range(1, 151)]
    assert [r.correct for r in reviews] == [i % 2 == 0 for i in range(150)]
    assert all(card.reviews == 1 for card in cards.values())
    assert len(cards) == 150


def test_two_instances_on_one_store_lose_no_answer(tmp_path: Path) -> None:
    # Both start answering on the same signal; with 200 answers each their transactions overlap.
    n = 200
    bank = write_bank(tmp_path / "bank", alpha=n)
    store_path = tmp_path / "progress.sqlite3"
    ProgressStore.open(store_path).close()
    first, second = driver(store_path, bank, "burst", str(n)), driver(store_path, bank, "burst", str(n))
    for process in (first, second):
        process.stdin.write("go\n")  # type: ignore[union-attr]
        process.stdin.flush()  # type: ignore[union-attr]
    for process in (first, second):
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert len(out.splitlines()) == n

    with ProgressStore.open(store_path) as store:
        reviews = store.reviews()
        cards = store.cards()
        assert store.unfinished_sessions() == []
    assert len(reviews) == 2 * n
    assert len({r.session_id for r in reviews}) == 2
    for i in range(1, n + 1):  # both instances answered every question: each card counts both reviews
        assert cards[f"alpha-{i}"].reviews == 2
        assert [r.question_id for r in reviews].count(f"alpha-{i}") == 2
    conn = sqlite3.connect(store_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_each_instance_schedules_from_the_card_the_other_one_wrote(tmp_path: Path) -> None:
    path = tmp_path / "progress.sqlite3"
    scheduler = CardScheduler(fuzzing=False)
    with (
        ProgressStore.open(path, scheduler=scheduler) as one,
        ProgressStore.open(path, scheduler=scheduler) as two,
    ):
        at = T0
        for store in (one, two, one, two):  # alternate, as two open windows would
            at = store.record(answer("alpha-1", at)).due
        assert one.card("alpha-1") == two.card("alpha-1")
    with ProgressStore.open(tmp_path / "alone.sqlite3", scheduler=scheduler) as alone:
        solo = T0
        for _ in range(4):
            solo = alone.record(answer("alpha-1", solo)).due
    assert at == solo  # the same schedule as one instance answering four times
