"""Quiz start-up to the first question on screen, in a fresh process, against a bare Textual app.

python benchmarks/bench_tui.py quiz [BANK_DIR]   # exits as soon as a question shows
python benchmarks/bench_tui.py bare              # the floor: a one-widget Textual app
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

median_of = statistics.median


async def _until(app, ready: Callable[[], bool]) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        while not ready():
            await pilot.pause(0.01)


def quiz(bank_dir: str | None) -> None:
    from chinaai_learn.loading import load_bank
    from chinaai_learn.session import QuizSettings
    from chinaai_learn_tui.app import create_app
    from chinaai_learn_tui.screens.question_screen import QuestionScreen

    start = time.perf_counter()
    app = create_app(load_bank(bank_dir), QuizSettings(seed=1, count=10), start=True, cursor_blink=False)
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
    """One row per bank: seconds from process start to the first question, and the floor."""
    me = str(Path(__file__).resolve())

    def timed(*args: str) -> tuple[float, float]:
        """(whole process incl. imports, in-app: bank load + app start to first question)."""
        start = time.perf_counter()
        out = subprocess.run([sys.executable, me, *args], check=True, capture_output=True, text=True)
        return time.perf_counter() - start, float(out.stdout.strip().splitlines()[-1])

    def medians(*args: str) -> tuple[float, float]:
        runs = [timed(*args) for _ in range(repeat)]
        return median_of([r[0] for r in runs]), median_of([r[1] for r in runs])

    floor_process, floor_app = medians("bare")
    rows = []
    for label, bank_dir in bank_dirs.items():
        args = ("quiz", str(bank_dir)) if bank_dir else ("quiz",)
        process, in_app = medians(*args)
        rows.append(
            {
                "task": "quiz to 1st question, process",
                "size": label,
                "seconds": process,
                "floor": floor_process,
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
