"""What several sub-commands share: exit statuses and the --bank/--lang options."""

from __future__ import annotations

import argparse
import difflib
import enum
import sys
from pathlib import Path

from ..bank import Bank
from ..bank_cache import load_bank_cached
from ..bank_location import BANK_ENV
from ..errors import UserError, did_you_mean
from ..model import QuestionBase


class ExitStatus(enum.IntEnum):
    SUCCESS = 0
    FAILED = 1  # the command ran, and its answer is "no" (wrong answer, verification failed)
    USER_ERROR = 2  # bad input: a bank problem, a bad option, a missing file
    INTERRUPTED = 130


# --bank and --lang may stand before or after the command name. Each parser that takes them
# leaves them out of the result when not given (argparse.SUPPRESS); ``apply_global_defaults``
# then fills in the defaults once, so a value given before the command is not overwritten by
# the sub-command's default.
GLOBAL_DEFAULTS = {"bank": None, "lang": "de"}


def add_bank_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--bank",
        metavar="DIR",
        type=Path,
        default=argparse.SUPPRESS,
        help=f"folder of bank files (default: ${BANK_ENV}, else the shipped banks)",
    )


def add_lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("de", "en"),
        default=argparse.SUPPRESS,
        help="language of questions and answers (default: de)",
    )


def apply_global_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """Fill in --bank and --lang where the command line gave neither; records whether --lang was given."""
    args.lang_given = hasattr(args, "lang")
    for name, value in GLOBAL_DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    return args


def add_progress_option(parser: argparse.ArgumentParser) -> None:
    from ..progress.errors import PROGRESS_ENV

    parser.add_argument(
        "--progress",
        metavar="PATH",
        type=Path,
        default=None,
        help=f"progress store file (default: ${PROGRESS_ENV}, else progress.sqlite3 in the user data folder)",
    )


def bank_from(args: argparse.Namespace, *, for_the_run: bool = False) -> Bank:
    """The bank named by --bank (or the default), validated, from the cache when it is unchanged.

    Files the loader passed over (hidden, editor lock and ``._`` files) are named on stderr.
    ``for_the_run``: the program keeps the bank until it ends (see ``load_bank_cached``).
    """
    bank = load_bank_cached(args.bank, for_the_run=for_the_run)
    for note in bank.notes:
        print(f"note: {note}", file=sys.stderr)
    return bank


def question_or_error(bank: Bank, question_id: str) -> QuestionBase:
    question = bank.get(question_id)
    if question is None:
        close = difflib.get_close_matches(question_id, [q.id for q in bank.questions], n=3)
        hint = f" Did you mean: {', '.join(close)}?" if close else " List them with: chinaai-learn list --ids"
        raise UserError(f"no question with id {question_id!r}.{hint}")
    return question


def parse_topics(bank: Bank, topics: list[str] | None) -> list[str] | None:
    """Validate --topic values against the bank (with a suggestion for typos)."""
    if not topics:
        return None
    known = bank.topic_ids
    for t in topics:
        if t not in known:
            raise UserError(
                f"--topic {t}: unknown topic{did_you_mean(t, known)}; choose from: {', '.join(known)}"
            )
    return topics
