"""``chinaai-learn stats``: progress per topic (seen/total, accuracy as the quiz counts it, due, streak) in the session language."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
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
        "accuracy_definition": ACCURACY_DEFINITION,
    }


ACCURACY_DEFINITION = "points per answer, partial credit counted: the quiz's percentage"

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "store": "Fortschrittsdatei: {path}",
        "topic": "Thema", "seen": "gesehen", "accuracy": "Punkte", "due_today": "heute fällig",
        "due_week": "Woche", "streak": "Serie", "total": "gesamt", "day": "Tag", "days": "Tage",
        "accuracy_note": "Punkte: Anteil der Punkte je Antwort, teilweise richtige zählen anteilig (wie im Quiz). "
        "Heute fällig: bis Mitternacht, Woche: in den nächsten 7 Tagen (das Quiz zählt, was jetzt fällig ist).",
        "due_now": "Wiederholungen sind jetzt fällig",
        "next_due": "nächste Wiederholung: {when} ({at})",
        "no_answers": "noch keine Antworten gespeichert: beginnen Sie mit `chinaai-learn quiz`",
        "retired": "{n} beantwortete Frage(n) sind nicht mehr in den Fragensammlungen (ihr Verlauf bleibt gespeichert)",
    },
    "en": {
        "store": "progress store: {path}",
        "topic": "topic", "seen": "seen/total", "accuracy": "accuracy", "due_today": "due today",
        "due_week": "due week", "streak": "streak", "total": "total", "day": "day", "days": "days",
        "accuracy_note": "accuracy: points per answer, a partly right answer counts its share (as in the quiz). "
        "Due today: by midnight, due week: within 7 days (the quiz counts what is due now).",
        "due_now": "reviews are due now",
        "next_due": "next review due: {when} ({at})",
        "no_answers": "no answers recorded yet: start with `chinaai-learn quiz`",
        "retired": "{n} answered question(s) are no longer in the banks (their history is kept)",
    },
}  # fmt: skip


def _row(name: str, row: TopicStats, words: dict[str, str]) -> str:
    accuracy = "–" if row.accuracy is None else f"{round(100 * row.accuracy)} %"
    streak = f"{row.streak_days} {words['day'] if row.streak_days == 1 else words['days']}"
    return f"{name:<18} {f'{row.seen}/{row.total}':>10}  {accuracy:>8}  {row.due_today:>12}  {row.due_week:>8}  {streak}"


def _as_table(stats: ProgressStats, bank: Bank, lang: str, path: str, now: Any) -> str:
    words = WORDS["en" if lang == "en" else "de"]
    lines = [
        words["store"].format(path=path),
        f"{words['topic']:<18} {words['seen']:>10}  {words['accuracy']:>8}  {words['due_today']:>12}"
        f"  {words['due_week']:>8}  {words['streak']}",
    ]
    lines += [_row(row.topic_id, row, words) for row in stats.topics]
    lines.append(_row(words["total"], stats.total, words))
    if stats.next_due is not None and stats.next_due <= now:
        lines.append(words["due_now"])
    elif stats.next_due is not None:
        at = stats.next_due.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
        lines.append(words["next_due"].format(when=due_in_words(stats.next_due, now, lang), at=at))
    elif stats.total.answers == 0:
        lines.append(words["no_answers"])
    if stats.retired_questions:
        lines.append(words["retired"].format(n=stats.retired_questions))
    lines += textwrap.wrap(words["accuracy_note"], width=78)
    return "\n".join(lines)
