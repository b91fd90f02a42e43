"""``chinaai-learn stats``: progress per topic (seen/total, accuracy as the quiz counts it, due), the daily
streak and a review calendar of the last weeks, in the session language; ``--json`` for scripts."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from typing import Any

from ..bank import Bank
from ..progress import ProgressStats, ProgressStore, TopicStats, progress_stats, store_path
from ..progress.clock import now as clock_now
from ..progress.opening import MEMORY, check_location
from .common import ExitStatus, add_bank_option, add_lang_option, add_progress_option, bank_from, parse_topics
from .stats_text import Style, render
from .terminal_text import styling_allowed

JSON_FORMAT = "chinaai-learn-stats"
# 1: the output before it had a format key; 2: format keys, today, the overall streak and the
# answers per day. Raise it whenever a key is added, removed or changes meaning.
JSON_VERSION = 2
ACCURACY_DEFINITION = (
    "points earned / answers, each answer worth at most 1 point and a partly right one its share, "
    "over every stored answer: the percentage the quiz's results show"
)
MAX_WEEKS = 26  # the widest calendar that, with its legend, fits 80 columns


def _weeks(text: str) -> int:
    try:
        weeks = int(text)
    except ValueError:
        weeks = 0
    if not 1 <= weeks <= MAX_WEEKS:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number of weeks from 1 to {MAX_WEEKS}")
    return weeks


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "stats",
        help="show learning progress per topic, the daily streak and a review calendar",
        description=__doc__,
    )
    add_bank_option(p)
    add_lang_option(p)
    add_progress_option(p)
    p.add_argument(
        "--topic", action="append", metavar="TOPIC", help="only this topic (repeat for several; default: all)"
    )
    p.add_argument(
        "--weeks",
        type=_weeks,
        default=12,
        metavar="N",
        help=f"weeks in the review calendar (1–{MAX_WEEKS}; default: 12)",
    )
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of a table")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    topics = parse_topics(bank, args.topic)
    path = store_path(args.progress)
    now = clock_now()
    # Looking must not create anything: a store that does not exist yet is shown as empty.
    check_location(path)
    with ProgressStore.open(path if path.exists() else MEMORY) as store:
        if store.recovery is not None:
            print(f"warning: {store.recovery.message()}", file=sys.stderr)
        stats = progress_stats(store, bank, now, topics)
    if args.json:
        data = as_json(stats, bank, args.lang, str(path), now.isoformat())
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        width = max(80, shutil.get_terminal_size((80, 24)).columns)
        style = Style(colour=styling_allowed())
        print(render(stats, bank, args.lang, str(path), now, width=width, weeks=args.weeks, style=style))
    return ExitStatus.SUCCESS


def as_json(stats: ProgressStats, bank: Bank, lang: str, path: str, now: str) -> dict[str, Any]:
    """The ``--json`` document (format ``chinaai-learn-stats``, version ``JSON_VERSION``; see the README)."""

    def topic(row: TopicStats) -> dict[str, Any]:
        tb = bank.topic(row.topic_id)
        return {**row.to_json(), "title": tb.topic.title(lang) if tb else None}

    return {
        "format": JSON_FORMAT,
        "format_version": JSON_VERSION,
        "store": path,
        "now": now,
        "today": stats.today.isoformat(),
        "lang": lang,
        "topics": [topic(row) for row in stats.topics],
        "total": stats.total.to_json(),
        "next_due": stats.next_due.isoformat() if stats.next_due else None,
        "retired_questions": stats.retired_questions,
        "accuracy_definition": ACCURACY_DEFINITION,
        "streak": stats.streak.to_json(),
        "days": [{"date": day.isoformat(), "answers": n} for day, n in stats.days],
    }
