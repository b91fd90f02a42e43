"""A quiz without a screen, for crash and concurrency tests: the app's own session calls, recording into a store.

    python answer_driver.py STORE BANK start N     start a 'due' quiz of N new questions and answer them all
    python answer_driver.py STORE BANK resume      resume the unfinished quiz the app would offer, to its end
                                                   (first prints ``resumed <position> <total> <score>``)
    python answer_driver.py STORE BANK burst N     wait for a line on stdin, then answer a practice quiz of N
    python answer_driver.py STORE BANK hold N K    answer K of a practice quiz of N, print ``holding <session id>``,
                                                   wait for a line on stdin, then answer the rest
    python answer_driver.py STORE BANK offer       print ``offered <session id> <position>`` or ``none``: what a
                                                   start of the app would offer to resume

It uses ``QuizProgress`` and ``QuizSession`` as the terminal quiz does. After each answer it
prints ``recorded <position> <question id>`` (flushed), so the test knows what was graded
before it kills the process. Answers at odd positions are wrong.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

from chinaai_learn.loading import load_bank
from chinaai_learn.progress import CardScheduler, ProgressRecorder, ProgressStore
from chinaai_learn.progress.quiz_link import QuizProgress
from chinaai_learn.session import QuizSettings

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


def main(store_path: str, bank_dir: str, command: str, count: str = "0", hold: str = "0") -> int:
    bank = load_bank(bank_dir)
    store = ProgressStore.open(store_path, scheduler=CardScheduler(fuzzing=False))
    ticks = iter(range(10**9))
    clock = lambda: T0 + timedelta(seconds=next(ticks))  # noqa: E731 - a fixed, advancing clock
    progress = QuizProgress(store, ProgressRecorder(store, clock=clock), new_per_day=10**6)
    if command == "offer":
        offered = progress.resumable(bank)
        print(f"offered {offered.id} {offered.position}" if offered else "none", flush=True)
        store.close()
        return 0
    if command == "resume":
        unfinished = progress.resumable(bank)
        assert unfinished is not None, "nothing to resume"
        session, _ = progress.resume(bank, unfinished, clock=clock)
        print(f"resumed {session.position} {session.total} {session.score:g}", flush=True)
    else:
        if command == "burst":
            sys.stdin.readline()  # both instances start together
        # 'due' on a new store asks new questions in bank order; practice asks all N in a shuffled order.
        mode = "due" if command == "start" else "practice"
        session = progress.start(bank, QuizSettings(mode=mode, count=int(count)), clock=clock)
    while not session.finished:
        position = session.position  # a resumed session counts its earlier answers too
        if command == "hold" and position == int(hold):
            print(f"holding {progress.recorder.session_id}", flush=True)
            sys.stdin.readline()
        session.submit(position % 2 == 0)  # answer True (correct) at even positions
        print(f"recorded {position + 1} {session.answers[-1].question_id}", flush=True)
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:]))
