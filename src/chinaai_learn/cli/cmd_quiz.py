"""``chinaai-learn quiz``: take a quiz in the terminal; the options pre-fill the start screen."""

from __future__ import annotations

import argparse
import secrets
import sys

from ..model import QUESTION_TYPES
from ..progress import DEFAULT_NEW_PER_DAY, DEFAULT_RETENTION, CardScheduler, ProgressStore
from ..progress.clock import now
from ..progress.modes import scheduled_questions
from ..progress.queues import next_due
from ..progress.quiz_link import NothingScheduledError
from ..selection import positive_int
from ..session import MODES, SCHEDULED_MODES, QuizSession, QuizSettings
from .common import ExitStatus, add_bank_option, add_lang_option, add_progress_option, bank_from, parse_topics


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("quiz", help="take a quiz in the terminal", description=__doc__)
    add_bank_option(p)
    add_lang_option(p)
    p.add_argument("--topic", action="append", metavar="ID", help="a topic to ask (repeatable; default: all)")
    p.add_argument(
        "--difficulty", action="append", type=int, choices=(1, 2, 3), help="a difficulty to ask (repeatable)"
    )
    p.add_argument(
        "--type",
        action="append",
        choices=QUESTION_TYPES,
        metavar="TYPE",
        help=f"a question type to ask (repeatable; default: all): {', '.join(QUESTION_TYPES)}",
    )
    p.add_argument(
        "--mode",
        choices=MODES,
        default=None,
        help="practice (the default): feedback after each question; exam: at the end; due: reviews whose time "
        "has come, then new questions; mistakes: questions last answered wrong",
    )
    p.add_argument(
        "--count", type=positive_int, metavar="N", help="number of questions (default: all that match)"
    )
    p.add_argument(
        "--minutes",
        type=positive_int,
        metavar="N",
        help="time limit in minutes: once it is up, the quiz ends after the question being answered (default: none)",
    )
    p.add_argument(
        "--seed", type=int, metavar="N", help="fix the question order (default: a new order each time)"
    )
    p.add_argument("--start", action="store_true", help="skip the start screen and begin at once")
    add_progress_option(p)
    p.add_argument(
        "--retention",
        type=float,
        default=DEFAULT_RETENTION,
        metavar="R",
        help=f"share of answers you want to recall when a review comes (0.70–0.99; default {DEFAULT_RETENTION})",
    )
    p.add_argument(
        "--new-per-day",
        type=positive_int,
        default=DEFAULT_NEW_PER_DAY,
        metavar="N",
        help=f"new questions a day in the 'due' mode (default {DEFAULT_NEW_PER_DAY})",
    )
    p.set_defaults(func=run)


def settings_from(args: argparse.Namespace, topics: list[str] | None) -> QuizSettings:
    return QuizSettings(
        topics=tuple(topics or ()),
        difficulties=tuple(sorted(set(args.difficulty or ()))),
        types=tuple(dict.fromkeys(args.type or ())),
        count=args.count,
        seed=args.seed if args.seed is not None else secrets.randbelow(1_000_000),
        mode=args.mode or "practice",
        lang=args.lang,
        minutes=args.minutes,
    )


def asked_for(args: argparse.Namespace) -> list[str]:
    """The settings this command line gave explicitly (the resume offer names those that differ)."""
    given = {
        "topics": args.topic, "difficulties": args.difficulty, "types": args.type, "count": args.count,
        "minutes": args.minutes, "seed": args.seed, "mode": args.mode, "lang": args.lang if getattr(args, "lang_given", False) else None,
    }  # fmt: skip
    return [name for name, value in given.items() if value is not None]


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args, for_the_run=True)  # the quiz keeps it until it ends
    settings = settings_from(args, parse_topics(bank, args.topic))
    if args.start:
        QuizSession.start(bank, settings)  # says "no questions match" before the screen opens
    scheduler = CardScheduler(desired_retention=args.retention)
    with ProgressStore.open(args.progress, scheduler=scheduler) as store:
        if store.recovery is not None:
            print(f"warning: {store.recovery.message()}", file=sys.stderr)
        if (
            args.start
            and settings.mode in SCHEDULED_MODES
            and not scheduled_questions(store, bank, settings, now(), new_per_day=args.new_per_day)
        ):
            raise NothingScheduledError(settings.mode, next_due(store, bank, topics=settings.topics or None))

        from chinaai_learn_tui.app import create_app  # here, so that the library never imports Textual

        app = create_app(
            bank,
            settings,
            start=args.start,
            store=store,
            new_per_day=args.new_per_day,
            asked_for=asked_for(args),
        )
        app.run()
    return app.return_code or ExitStatus.SUCCESS
