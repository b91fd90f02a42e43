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
from .terminal_text import TerminalSafeStream, terminal_safe

# Sub-command modules, in the order --help lists them.
COMMANDS = (
    "list",
    "show",
    "check",
    "verify",
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


# Commands that hand the terminal to Textual, which draws it itself.
_FULL_SCREEN = ("quiz", "serve")


def main(argv: Sequence[str] | None = None) -> int:
    saved = sys.stdout, sys.stderr
    # Whatever is printed (argument errors too) shows control characters as escapes.
    sys.stdout, sys.stderr = TerminalSafeStream(sys.stdout), TerminalSafeStream(sys.stderr)
    try:
        args = build_parser().parse_args(argv)
        if args.command in _FULL_SCREEN:
            sys.stdout, sys.stderr = saved
        return _run(args)
    finally:
        sys.stdout, sys.stderr = saved


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args))
    except UserError as exc:
        print(terminal_safe(exc.report()), file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        return ExitStatus.INTERRUPTED
    except BrokenPipeError:
        return ExitStatus.SUCCESS
