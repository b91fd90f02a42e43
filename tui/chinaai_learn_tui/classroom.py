"""The quiz for one browser tab of ``chinaai-learn serve``: asks the learner's name, then records into their store.

textual-serve runs ``python -m chinaai_learn_tui.classroom --progress-dir DIR ...`` once per
tab; ``chinaai-learn serve`` builds that command and has already checked the bank and folder.
"""

from __future__ import annotations

import argparse
import secrets
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from chinaai_learn.bank import Bank
from chinaai_learn.bank_cache import load_bank_cached
from chinaai_learn.classroom import learner_language, learner_store_path, remember_learner_language
from chinaai_learn.errors import UserError
from chinaai_learn.progress import ProgressRecorder, ProgressStore
from chinaai_learn.session import QuizSettings

from .app import QuizApp
from .screens.learner_screen import LearnerScreen


class ClassroomApp(QuizApp):
    """The quiz app, preceded by the name screen; each learner's answers go to their own store in ``classroom``."""

    def __init__(self, bank: Bank, settings: QuizSettings, *, classroom: Path, **options: Any) -> None:
        super().__init__(bank, settings, **options)
        self.classroom = classroom
        self.learner: str | None = None

    def open_quiz(self) -> None:
        # The quiz's own start waits for the name.
        self.push_screen(LearnerScreen(self.lang, cursor_blink=self.cursor_blink))

    def on_learner_screen_chosen(self, message: LearnerScreen.Chosen) -> None:
        try:
            store = ProgressStore.open(learner_store_path(self.classroom, message.learner))
        except UserError as problem:
            message.learner_screen.show_problem("✖ " + problem.report())
            return
        # What ``chinaai-learn quiz --progress`` sets up at start: due/mistakes modes, resume, ratings.
        self.learner, self.store = message.learner, store
        remembered = learner_language(self.classroom, message.learner)
        if remembered is not None and remembered != self.lang:
            self.lang = remembered  # the language this learner chose last time
        self.recorder = ProgressRecorder(store, clock=self.clock)
        if store.recovery is not None:
            self.notify(store.recovery.message(), severity="warning", timeout=10, markup=False)
        self.pop_screen()
        # The quiz's own start: an offer to resume this learner's quiz, or the start screen.
        QuizApp.open_quiz(self)

    def watch_lang(self, lang: str) -> None:
        super().watch_lang(lang)
        if self.learner is not None:
            remember_learner_language(self.classroom, self.learner, lang)

    def new_quiz(self) -> None:
        # Before the name, "new quiz" (command palette) would skip the name screen.
        if self.learner is not None:
            super().new_quiz()

    def on_unmount(self) -> None:
        # Runs before QuizApp.on_unmount: give the session's lease up while the store is still open.
        self.release_session()
        if self.store is not None:
            self.store.close()


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="chinaai_learn_tui.classroom", description=__doc__)
    parser.add_argument("--progress-dir", type=Path, required=True, metavar="DIR")
    parser.add_argument("--bank", type=Path, default=None, metavar="DIR")
    parser.add_argument("--lang", choices=("de", "en"), default="de")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        bank = load_bank_cached(
            args.bank, for_the_run=True
        )  # the server filled the cache: a new tab reads no YAML
    except UserError as problem:
        print(problem.report(), file=sys.stderr)
        return problem.exit_code
    settings = QuizSettings(lang=args.lang, seed=secrets.randbelow(1_000_000))
    app = ClassroomApp(bank, settings, classroom=args.progress_dir)
    app.run()
    return app.return_code or 0


if __name__ == "__main__":
    raise SystemExit(main())
