"""What can go wrong with the progress store, worded for the learner (a UserError: no traceback)."""

from __future__ import annotations

from pathlib import Path

from ..errors import UserError

PROGRESS_ENV = "CHINAAI_LEARN_PROGRESS"


class ProgressStoreError(UserError):
    """The progress store cannot be used (unwritable location, newer schema, ...): says what to do."""

    def __init__(self, path: Path | str, problem: str, advice: str | None = None):
        self.path = str(path)
        self.problem = problem
        self.advice = advice or f"choose another file with --progress PATH or ${PROGRESS_ENV}"
        super().__init__(f"progress store {self.path}: {problem}; {self.advice}")
