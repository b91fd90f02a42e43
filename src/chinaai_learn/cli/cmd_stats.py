"""``chinaai-learn stats``: progress per topic: seen/total, accuracy, due today and this week, streak."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from ..bank import Bank
from ..progress import ProgressStats, ProgressStore, TopicStats, due_in_words, progress_stats, store_path
from ..progress.clock import now as clock_now
from ..progress.opening import MEMORY, check_location
from .common import ExitStatus, add_bank_option, add_lang_option, add_progress_option, bank_from, parse_topics


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("stats", help="show learning progress per topic", description=__doc__)
    add_bank_option(p)
    add_lang_option(p)
    add_progress_option(p)
    p.add_argument(
        "--topic", action="append", metavar="TOPIC", help="only this topic (repeat for several; default: all)"
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
        print(
            json.dumps(
                _as_json(stats, bank, args.lang, str(path), now.isoformat()), ensure_ascii=False, indent=2
            )
        )
    else:
        print(_as_table(stats, bank, args.lang, str(path), now))
    return ExitStatus.SUCCESS


def _as_json(stats: ProgressStats, bank: Bank, lang: str, path: str, now: str) -> dict[str, Any]:
    def topic(row: TopicStats) -> dict[str, Any]:
        tb = bank.topic(row.topic_id)
        return {**row.to_json(), "title": tb.topic.title(lang) if tb else None}

    return {
        "store": path,
        "now": now,
        "topics": [topic(row) for row in stats.topics],
        "total": stats.total.to_json(),
        "next_due": stats.next_due.isoformat() if stats.next_due else None,
        "retired_questions": stats.retired_questions,
    }


def _row(name: str, row: TopicStats) -> str:
    accuracy = "–" if row.accuracy is None else f"{round(100 * row.accuracy)} %"
    streak = f"{row.streak_days} day{'s' if row.streak_days != 1 else ''}"
    return f"{name:<18} {f'{row.seen}/{row.total}':>10}  {accuracy:>8}  {row.due_today:>9}  {row.due_week:>8}  {streak}"


def _as_table(stats: ProgressStats, bank: Bank, lang: str, path: str, now: Any) -> str:
    lines = [
        f"progress store: {path}",
        f"{'topic':<18} {'seen/total':>10}  {'accuracy':>8}  {'due today':>9}  {'due week':>8}  streak",
    ]
    lines += [_row(row.topic_id, row) for row in stats.topics]
    lines.append(_row("total", stats.total))
    if stats.next_due is not None and stats.next_due <= now:
        lines.append("reviews are due now")
    elif stats.next_due is not None:
        when = stats.next_due.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
        lines.append(f"next review due: {due_in_words(stats.next_due, now, 'en')} ({when})")
    elif stats.total.answers == 0:
        lines.append("no answers recorded yet: start with `chinaai-learn quiz`")
    if stats.retired_questions:
        lines.append(
            f"{stats.retired_questions} answered question(s) are no longer in the banks (their history is kept)"
        )
    return "\n".join(lines)
