"""The two exception families: mistakes a user can fix, and faults of the program."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


class UserError(Exception):
    """Something the user can fix (a bank file, an option, a path). Printed without traceback."""

    exit_code = 2

    def report(self) -> str:
        return str(self)


class InternalError(Exception):
    """A fault of chinaai-learn itself; worth a bug report, never the user's fault."""


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in a bank file, with where it is and what to do."""

    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file or folder
    column: int
    message: str
    question_id: str | None = None

    def __str__(self) -> str:
        # line 0: the problem is with a whole folder or file, not a place in it
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        who = f" [{self.question_id}]" if self.question_id else ""
        return f"{where}:{who} {self.message}"


class BankError(UserError):
    """One or more problems found while loading or verifying banks; all are reported at once."""

    def __init__(self, problems: list[Problem], notes: list[str] | None = None):
        self.problems = sorted(problems)
        self.notes = list(notes or [])  # files passed over, said before the problems
        super().__init__(self.report())

    def report(self) -> str:
        lines = [f"note: {n}" for n in self.notes] + [str(p) for p in self.problems]
        n = len(self.problems)
        lines.append(f"{n} problem{'s' if n != 1 else ''} found.")
        return "\n".join(lines)


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``options`` to a mistyped ``word``, else ``""``."""
    match = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {match[0]!r}?)" if match else ""


def display_path(path: Path) -> str:
    """A path as the user would like to read it: relative to the working directory if inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
