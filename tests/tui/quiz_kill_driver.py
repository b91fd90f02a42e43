"""The terminal quiz run headless in its own process, for the SIGKILL test: answers, reports, then waits.

python quiz_kill_driver.py STORE N     start a 4-question quiz, answer N questions wrong, print
                                       ``answered <question id>`` after each, then wait forever
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from quiz_pilot import QUIZBANK, answer_keys, fixed_clock

from chinaai_learn.loading import load_bank
from chinaai_learn.progress import ProgressStore
from chinaai_learn.session import QuizSettings
from chinaai_learn_tui.app import create_app


async def main(store_path: str, answers: int) -> None:
    store = ProgressStore.open(store_path)
    app = create_app(
        load_bank(QUIZBANK), QuizSettings(count=4, seed=3), start=True, clock=fixed_clock, store=store
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(answers):
            question = app.session.current
            await pilot.press(*answer_keys(app.session, right=False))
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            print(f"answered {question.id}", flush=True)
        await asyncio.Event().wait()  # killed here, in the middle of the quiz


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
