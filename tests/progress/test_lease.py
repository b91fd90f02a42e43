"""A session belongs to one running instance: its lease is honoured by every other instance on the store."""

from __future__ import annotations

import signal
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

from chinaai_learn.bank import Bank
from chinaai_learn.progress import Answer, ProgressRecorder, ProgressStore
from chinaai_learn.progress.clock import stamp
from chinaai_learn.progress.lease import LEASE_SECONDS, Owner, this_host, wall_now
from chinaai_learn.progress.quiz_link import resumable

from .conftest import T0, write_bank
from .test_crash_and_concurrency import driver


def answered(question_id: str, correct: bool = True) -> SimpleNamespace:
    """What a session hands its recorder (only the fields the recorder reads)."""
    return SimpleNamespace(
        question_id=question_id, topic_id="alpha", grade=SimpleNamespace(correct=correct, score=float(correct)),
        hinted=False, answered_at=T0, lang="de", response=correct,
    )  # fmt: skip


def running_quiz(store: ProgressStore, answers: int = 1) -> ProgressRecorder:
    recorder = ProgressRecorder(store, clock=lambda: T0)
    recorder.begin(["alpha-1", "alpha-2", "alpha-3"], {"mode": "practice"})
    for i in range(answers):
        recorder(answered(f"alpha-{i + 1}"))
    return recorder


def age_heartbeat(store: ProgressStore) -> None:
    """As if the owner had not renewed its lease for longer than a lease lasts."""
    old = stamp(wall_now() - timedelta(seconds=LEASE_SECONDS + 1))
    store._conn.execute("UPDATE sessions SET heartbeat = ?", (old,))


def test_a_live_session_is_never_offered_claimed_or_discarded_by_another_instance(
    store: ProgressStore, bank: Bank
) -> None:
    running = running_quiz(store)
    other = ProgressRecorder(store)
    [live] = store.unfinished_sessions()
    assert resumable(store, bank, other.owner) is None
    assert other.resume(live) is False
    assert store.finish_session(live.id, other.owner) is False
    assert store.unfinished_sessions() == [live]  # nothing deleted, nothing moved
    assert running.renew()
    running.release()  # the first instance closes: now the session is free
    assert resumable(store, bank, other.owner) == store.unfinished_sessions()[0]
    assert other.resume(live)


def test_a_session_whose_owner_process_is_gone_is_offered_at_once(store: ProgressStore, bank: Bank) -> None:
    ended = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    store.begin_session(
        ["alpha-1", "alpha-2"], {}, at=T0, owner=Owner("crashed", int(ended.stdout), this_host())
    )
    [session] = store.unfinished_sessions()
    store.record(answered_answer("alpha-1"), session_id=session.id, position=1)
    assert resumable(store, bank, Owner.this_process()) is not None


def answered_answer(question_id: str) -> Answer:
    return Answer(question_id, "alpha", True, 1.0, T0)


def test_a_lease_not_renewed_in_time_is_abandoned_even_on_another_host(
    store: ProgressStore, bank: Bank
) -> None:
    store.begin_session(["alpha-1", "alpha-2"], {}, at=T0, owner=Owner("laptop", 1, "some-other-host"))
    [session] = store.unfinished_sessions()
    store.record(answered_answer("alpha-1"), session_id=session.id, position=1)
    assert resumable(store, bank, Owner.this_process()) is None  # the other host may still run it
    assert session.lease is not None
    assert not session.lease.live(session.lease.heartbeat + timedelta(seconds=61))
    age_heartbeat(store)
    assert resumable(store, bank, Owner.this_process()) is not None


def test_an_instance_whose_session_was_taken_over_keeps_its_answers_outside_it(
    store: ProgressStore, bank: Bank
) -> None:
    stalled = running_quiz(store)  # e.g. suspended with Ctrl+Z for longer than a lease lasts
    age_heartbeat(store)
    [session] = store.unfinished_sessions()
    taker = ProgressRecorder(store, clock=lambda: T0)
    assert taker.resume(session)
    late = stalled(answered("alpha-2", correct=False))  # the stalled one wakes up and answers
    assert late.in_session is False
    assert stalled.lost
    assert not stalled.renew()
    assert [r.question_id for r in store.reviews(session_id=session.id)] == ["alpha-1"]
    assert len(store.reviews()) == 2  # the late answer is kept (and scheduled), just not in the session
    assert store.unfinished_sessions()[0].position == 1
    assert taker.renew()


def test_two_processes_one_store_a_running_quiz_is_left_alone_and_resumed_only_after_its_process_dies(
    tmp_path: Path,
) -> None:
    bank = write_bank(tmp_path / "bank", alpha=10)
    store_path = tmp_path / "progress.sqlite3"
    first = driver(store_path, bank, "hold", "10", "3")
    lines = [first.stdout.readline().split() for _ in range(4)]  # type: ignore[union-attr]
    assert [line[0] for line in lines] == ["recorded"] * 3 + ["holding"]
    session_id = lines[3][1]

    def offer() -> str:
        out, err = (p := driver(store_path, bank, "offer")).communicate(timeout=120)
        assert p.returncode == 0, err
        return out.strip()

    assert offer() == "none"  # a second start while the first quiz runs is not offered it
    second = driver(store_path, bank, "start", "4")  # and its own quiz does not touch the first one's
    assert second.communicate(timeout=120)[0].count("recorded") == 4
    with ProgressStore.open(store_path) as store:
        [running] = store.unfinished_sessions()
    assert (running.id, running.position) == (session_id, 3)
    assert running.lease is not None
    assert running.lease.pid == first.pid

    first.send_signal(signal.SIGKILL)
    first.wait(timeout=60)
    assert offer() == f"offered {session_id} 3"  # abandoned now: offered to the same learner (store)
    out, err = (resumed := driver(store_path, bank, "resume")).communicate(timeout=120)
    assert resumed.returncode == 0, err
    assert out.splitlines()[0] == "resumed 3 10 2"
    with ProgressStore.open(store_path) as store:
        assert [r.position for r in store.reviews(session_id=session_id)] == list(range(1, 11))
        assert store.unfinished_sessions() == []
