"""Quiz start-up to the first question on screen, in a fresh process, against a bare Textual app.

python benchmarks/bench_tui.py quiz [BANK_DIR]   # exits as soon as a question shows
python benchmarks/bench_tui.py bare              # the floor: a one-widget Textual app
"""

from __future__ import annotations

import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

median_of = statistics.median


async def _until(app, ready: Callable[[], bool]) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        while not ready():
            await pilot.pause(0.01)


def quiz(bank_dir: str | None) -> None:
    from chinaai_learn.bank_cache import load_bank_cached
    from chinaai_learn.session import QuizSettings
    from chinaai_learn_tui.app import create_app
    from chinaai_learn_tui.screens.question_screen import QuestionScreen

    start = time.perf_counter()
    app = create_app(
        load_bank_cached(bank_dir, for_the_run=True),
        QuizSettings(seed=1, count=10),
        start=True,
        cursor_blink=False,
    )
    asyncio.run(_until(app, lambda: isinstance(app.screen, QuestionScreen)))
    print(time.perf_counter() - start)


def bare() -> None:
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static("Frage 1")

    start = time.perf_counter()
    app = Bare()
    asyncio.run(_until(app, lambda: bool(app.query(Static))))
    print(time.perf_counter() - start)


def startup_rows(bank_dirs: dict[str, Path | None], repeat: int) -> list[dict]:
    """One row per bank: seconds from process start to the first question, and the floor.

    The quiz is timed as a learner meets it the second time (the validated-bank cache filled
    and the bytecode written by one untimed run before; the floor gets the same warm-up) and
    once more with the cache switched off (the first start).
    Processes are quick and noisy: at least five runs each (one in the CI smoke run, --repeat 1).
    """
    repeat = repeat if repeat == 1 else max(repeat, 5)
    from chinaai_learn.bank_cache import CACHE_ENV  # here: the bare process must not import the library

    me = str(Path(__file__).resolve())
    cache = tempfile.mkdtemp(prefix="chinaai-bench-cache-")

    def timed(*args: str, cache_dir: str = cache) -> tuple[float, float, float]:
        """(whole process incl. imports, in-app: bank load + app start to first question, process CPU).

        The CPU seconds (user + system) of the process are reported beside the wall time:
        on a shared machine they change far less with the other users' load.
        """
        env = {**os.environ, CACHE_ENV: cache_dir}
        # As on a learner's machine: Python keeps the compiled bytecode of what it imported, so a
        # second start does not compile the sources again (a CI setting may switch that off).
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        out = subprocess.run([sys.executable, me, *args], check=True, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
        return wall, float(out.stdout.strip().splitlines()[-1]), cpu

    cases = [("bare",)]
    timed("bare")  # writes the bytecode of what the floor imports, as the quiz's first run does
    for bank_dir in bank_dirs.values():
        args = ("quiz", str(bank_dir)) if bank_dir else ("quiz",)
        timed(*args)  # fills the cache
        cases.append(args)
    runs: dict[tuple[str, ...], list[tuple[float, float, float]]] = {case: [] for case in cases}
    cold_runs: dict[tuple[str, ...], list[float]] = {case: [] for case in cases[1:]}
    for _ in range(repeat):  # in turns, so that the floor and the quiz see the same machine
        for case in cases:
            runs[case].append(timed(*case))
            if case in cold_runs:
                cold_runs[case].append(timed(*case, cache_dir="off")[0])

    def medians(case: tuple[str, ...]) -> tuple[float, float, float]:
        return (
            median_of([r[0] for r in runs[case]]),
            median_of([r[1] for r in runs[case]]),
            median_of([r[2] for r in runs[case]]),
        )

    floor_process, floor_app, floor_cpu = medians(cases[0])
    rows = []
    for label, case in zip(bank_dirs, cases[1:], strict=True):
        process, in_app, cpu = medians(case)
        rows.append(
            {
                "task": "quiz to 1st question, process, no cache",
                "size": label,
                "seconds": median_of(cold_runs[case]),
                "floor": floor_process,
            }
        )
        rows.append(
            {
                "task": "quiz to 1st question, process",
                "size": label,
                "seconds": process,
                "floor": floor_process,
                "cpu_seconds": cpu,
                "cpu_floor": floor_cpu,
            }
        )
        rows.append(
            {"task": "quiz to 1st question, in app", "size": label, "seconds": in_app, "floor": floor_app}
        )
    return rows


if __name__ == "__main__":
    if sys.argv[1] == "bare":
        bare()
    else:
        quiz(sys.argv[2] if len(sys.argv) > 2 else None)
