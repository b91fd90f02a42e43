"""A quiz without a screen, for crash and concurrency tests: a real QuizSession recording into a store.

    python answer_driver.py STORE BANK start N     start a session of N questions and answer them all
    python answer_driver.py STORE BANK resume      resume the latest unfinished session to its end
    python answer_driver.py STORE BANK burst N     wait for a line on stdin, then answer N questions

After each answer it prints ``recorded <position> <question id>`` (flushed), so the test knows
what was committed before it kills the process. Every other answer is wrong.
"""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone

from chinaai_learn.loading import load_bank
from chinaai_learn.progress import CardScheduler, ProgressRecorder, ProgressStore
from chinaai_learn.session import QuizSession

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=timezone.utc)


def main(store_path: str, bank_dir: str, command: str, count: str = "0") -> int:
    bank = load_bank(bank_dir)
    store = ProgressStore.open(store_path, scheduler=CardScheduler(fuzzing=False))
    ticks = iter(range(10**9))
    clock = lambda: T0 + timedelta(seconds=next(ticks))  # noqa: E731 - a fixed, advancing clock
    recorder = ProgressRecorder(store, clock=clock)
    if command == "resume":
        unfinished = store.unfinished_sessions()[0]
        recorder.resume(unfinished)
        questions = [bank.get(qid) for qid in unfinished.question_ids[unfinished.position :]]
        start = unfinished.position
    else:
        questions = bank.questions[: int(count)]
        start = 0
        if command == "burst":
            sys.stdin.readline()
        recorder.begin([q.id for q in questions], {"mode": "practice", "lang": "de"})
    session = QuizSession(bank, questions, recorder=recorder, clock=clock)
    while not session.finished:
        position = start + session.position
        session.submit(position % 2 == 0)  # answer True (correct) at even positions
        print(f"recorded {position + 1} {session.answers[-1].question_id}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
