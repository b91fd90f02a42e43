"""The ``chinaai-learn`` command: parses arguments, calls the library, prints results.

Each sub-command lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``func``; this file only assembles them and turns user errors
into one clear message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import UserError
from .common import ExitStatus

# Sub-command modules, in the order --help lists them.
COMMANDS = (
    "list",
    "show",
    "check",
    "verify",
    "lint",
    "schema",
    "quiz",
    "serve",
    "anki",
    "stats",
    "worksheet",
    "export",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="chinaai-learn",
        description="Quizzes, flashcards, worksheets and LMS exports about China and AI, "
        "every answer cited from its source.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f".cmd_{name}", __name__).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except UserError as exc:
        print(exc.report(), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.SUCCESS
