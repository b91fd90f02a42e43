"""The ``chinaai-learn`` command: parses arguments, calls the library, prints results.

Each sub-command lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``func``; this file only assembles them and turns user errors
into one clear message and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import signal
import sys
from collections.abc import Iterator, Sequence
from types import FrameType

from .. import __version__
from ..errors import UserError
from .common import ExitStatus, add_bank_option, add_lang_option, apply_global_defaults
from .terminal_text import TerminalSafeStream, terminal_safe

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
    "class-report",
    "anki",
    "stats",
    "flags",
    "worksheet",
    "mark",
    "export",
)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The whole command line; given ``argv`` naming a command, only that command's module is imported.

    Each sub-command module imports what it runs (the exporters, the classroom server, ...);
    a quiz start need not pay for the others. Without a command (``--help``, a typo) every
    command is registered, so the listing and the "invalid choice" message stay complete.
    """
    parser = argparse.ArgumentParser(
        prog="chinaai-learn",
        description="Quizzes, flashcards, worksheets and LMS exports about China and AI, "
        "every answer cited from its source.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_bank_option(parser)
    add_lang_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    wanted = _command_named(parser, argv) if argv is not None else None
    for name in COMMANDS:
        if wanted is None or name == wanted:
            importlib.import_module(f".cmd_{name.replace('-', '_')}", __name__).register(sub)
    for command in sub.choices.values():
        _plain_help(command)
    return parser


def _command_named(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """The command ``argv`` runs: its first word that is a command name and not an option's value."""
    takes_value = {
        option for action in parser._actions if action.nargs != 0 for option in action.option_strings
    }
    previous = ""
    for word in argv:
        if word == "--":
            return None
        if word in COMMANDS and previous not in takes_value:
            return word
        if not word.startswith("-") and previous not in takes_value:
            return None  # a word that is neither an option, its value nor a command: let argparse say so
        previous = word
    return None


def _plain_help(parser: argparse.ArgumentParser) -> None:
    """Help is read in a terminal: drop the reST literal marks (````x````) the docstrings use."""
    if parser.description:
        parser.description = parser.description.replace("``", "")
    if parser.epilog:
        parser.epilog = parser.epilog.replace("``", "")
    for action in parser._actions:
        if isinstance(action.help, str):
            action.help = action.help.replace("``", "")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line as a namespace, with --bank/--lang filled in wherever they were given."""
    words = list(sys.argv[1:] if argv is None else argv)
    return apply_global_defaults(build_parser(words).parse_args(words))


# Commands that hand the terminal to Textual, which draws it itself.
_FULL_SCREEN = ("quiz", "serve")


def main(argv: Sequence[str] | None = None) -> int:
    saved = sys.stdout, sys.stderr
    # Whatever is printed (argument errors too) shows control characters as escapes.
    sys.stdout, sys.stderr = TerminalSafeStream(sys.stdout), TerminalSafeStream(sys.stderr)
    try:
        args = parse_args(argv)
        if args.command in _FULL_SCREEN:
            sys.stdout, sys.stderr = saved
            return _run(args)
        with _terminate_as_interrupt():
            return _run(args)
    finally:
        sys.stdout, sys.stderr = saved


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """``kill`` (SIGTERM) ends a command as Ctrl+C does: its temporary files are removed, its
    outputs are left as they were (each is written whole or not at all), and it says so.

    Python's default would end the process on the spot, leaving the scratch files of a
    build behind. The quiz and the classroom server handle their own signals.
    """

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread (an embedding program's): its signals are its own
        previous = None
    try:
        yield
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


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
