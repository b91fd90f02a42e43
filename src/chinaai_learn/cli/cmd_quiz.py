"""``chinaai-learn quiz``: take a quiz in the terminal; the options pre-fill the start screen."""

from __future__ import annotations

import argparse
import secrets

from ..session import MODES, QuizSession, QuizSettings
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from, parse_topics


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quiz", help="take a quiz in the terminal", description=__doc__)
    add_bank_option(p)
    add_lang_option(p)
    p.add_argument("--topic", action="append", metavar="ID", help="a topic to ask (repeatable; default: all)")
    p.add_argument("--difficulty", action="append", type=int, choices=(1, 2, 3), help="a difficulty to ask (repeatable)")
    p.add_argument("--mode", choices=MODES, default="practice", help="practice: feedback after each question; exam: at the end")
    p.add_argument("--count", type=positive_int, metavar="N", help="number of questions (default: all that match)")
    p.add_argument("--seed", type=int, metavar="N", help="fix the question order (default: a new order each time)")
    p.add_argument("--start", action="store_true", help="skip the start screen and begin at once")
    p.set_defaults(func=run)


def settings_from(args: argparse.Namespace, topics: list[str] | None) -> QuizSettings:
    return QuizSettings(
        topics=tuple(topics or ()),
        difficulties=tuple(sorted(set(args.difficulty or ()))),
        count=args.count,
        seed=args.seed if args.seed is not None else secrets.randbelow(1_000_000),
        mode=args.mode,
        lang=args.lang,
    )


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    settings = settings_from(args, parse_topics(bank, args.topic))
    if args.start:
        QuizSession.start(bank, settings)  # says "no questions match" before the screen opens

    from chinaai_learn_tui.app import create_app  # here, so that the library never imports Textual

    app = create_app(bank, settings, start=args.start)
    app.run()
    return app.return_code or ExitStatus.SUCCESS
