"""Which questions go into a worksheet or an LMS export: filters, counts and a seeded draw.

``select_questions`` is a pure function of the bank and a ``SelectionCriteria``: the same
criteria always pick the same questions, none twice, returned in bank order (putting
them in a presentation order is the exporter's job). ``add_selection_options`` gives every
command the same ``--topic/--difficulty/--type/--count/--per-topic/--seed/--lang`` options
and ``criteria_from_args`` turns them into criteria.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import Any

from .bank import Bank, describe_filters
from .errors import UserError, did_you_mean
from .model import LANGS, QUESTION_TYPES, QuestionBase
from .shuffle import rng_for

DEFAULT_SEED = 0


@dataclass(frozen=True)
class SelectionCriteria:
    """What to pick. ``None`` means "any" for the filters and "all that match" for the counts.

    ``per_topic`` draws that many questions from each selected topic; ``count`` then draws
    that many from what is left (from all matches when ``per_topic`` is not given).
    """

    topics: tuple[str, ...] | None = None
    difficulties: tuple[int, ...] | None = None
    types: tuple[str, ...] | None = None
    count: int | None = None
    per_topic: int | None = None
    seed: int = DEFAULT_SEED


def select_questions(bank: Bank, criteria: SelectionCriteria) -> list[QuestionBase]:
    """The questions ``criteria`` pick from ``bank``, in bank order; UserError if it cannot."""
    _check_names(criteria.topics, bank.topic_ids, "topic", "--topic")
    _check_names(criteria.types, list(QUESTION_TYPES), "question type", "--type")
    for d in criteria.difficulties or ():
        if d not in (1, 2, 3):
            raise UserError(f"--difficulty {d}: difficulties are 1 (easy), 2 (medium) and 3 (hard)")
    for option, value in (("--count", criteria.count), ("--per-topic", criteria.per_topic)):
        if value is not None and value < 1:
            raise UserError(f"{option} {value}: give a number of questions, at least 1")

    matching = bank.select(criteria.topics, criteria.difficulties, criteria.types)
    if not matching:
        raise UserError(
            f"no question matches {_describe(criteria)}: widen the filters (see: chinaai-learn list)"
        )

    picked = matching
    if criteria.per_topic is not None:
        pools = _topic_pools(bank, matching)
        short = {t: len(pool) for t, pool in pools.items() if len(pool) < criteria.per_topic}
        if short:
            listing = ", ".join(f"{t} {n}" for t, n in short.items())
            raise UserError(
                f"--per-topic {criteria.per_topic}: {len(short)} of {len(pools)} topics have fewer questions "
                f"matching {_describe(criteria)}: {listing}; lower --per-topic or widen the filters"
            )
        picked = []
        for topic_id, pool in pools.items():
            picked += _draw(pool, criteria.per_topic, criteria.seed, topic_id)
    if criteria.count is not None:
        if len(picked) < criteria.count:
            n = len(picked)
            if criteria.per_topic is not None:
                raise UserError(
                    f"--count {criteria.count}: --per-topic {criteria.per_topic} picks only {n} questions "
                    f"({criteria.per_topic} from each of {n // criteria.per_topic} topics); "
                    "lower --count or raise --per-topic"
                )
            raise UserError(
                f"--count {criteria.count}: only {n} question{'s' if n != 1 else ''} "
                f"match {_describe(criteria)}; lower --count or widen the filters"
            )
        picked = _draw(picked, criteria.count, criteria.seed, "count")

    chosen = {q.id for q in picked}
    return [q for q in matching if q.id in chosen]


def _topic_pools(bank: Bank, questions: list[QuestionBase]) -> dict[str, list[QuestionBase]]:
    pools: dict[str, list[QuestionBase]] = {}
    for q in questions:
        pools.setdefault(bank.topic_of(q).id, []).append(q)
    return pools


def selection_notes(bank: Bank, criteria: SelectionCriteria, picked: list[QuestionBase]) -> list[str]:
    """What a teacher should know about a selection that worked: the topics --count thinned out."""
    if criteria.per_topic is None or criteria.count is None:
        return []
    topics = _topic_pools(bank, bank.select(criteria.topics, criteria.difficulties, criteria.types))
    drawn = criteria.per_topic * len(topics)
    if len(picked) >= drawn:
        return []
    kept = _topic_pools(bank, picked)
    lost = {t: criteria.per_topic - len(kept.get(t, [])) for t in topics}
    listing = ", ".join(f"{t} {n}" for t, n in lost.items() if n)
    return [
        f"--count {criteria.count} keeps {len(picked)} of the {drawn} questions that --per-topic "
        f"{criteria.per_topic} drew; left out per topic: {listing}"
    ]


def _draw(pool: list[QuestionBase], n: int, seed: int, stage: str) -> list[QuestionBase]:
    """``n`` distinct questions from ``pool``, determined by the seed and the stage."""
    if n >= len(pool):
        return list(pool)
    return rng_for("selection", seed, stage).sample(pool, n)


def _check_names(given: tuple[str, ...] | None, known: list[str], what: str, option: str) -> None:
    for name in given or ():
        if name not in known:
            raise UserError(
                f"{option} {name}: unknown {what}{did_you_mean(name, known)}; choose from: {', '.join(known)}"
            )


def _describe(criteria: SelectionCriteria) -> str:
    return f"({describe_filters(criteria.topics, criteria.difficulties, criteria.types)})"


def positive_int(text: str) -> int:
    """argparse type: a whole number of at least 1, with a plain message otherwise."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is too small: give at least 1")
    return value


def _seed(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (any integer is a seed)") from None


def add_selection_options(parser: argparse.ArgumentParser) -> None:
    """Add --topic/--difficulty/--type/--count/--per-topic/--seed/--lang (do not add --lang twice)."""
    group = parser.add_argument_group("choosing questions")
    group.add_argument(
        "--topic", action="append", metavar="TOPIC", help="only this topic (repeat for several; default: all)"
    )
    group.add_argument(
        "--difficulty",
        action="append",
        type=int,
        choices=(1, 2, 3),
        help="only this difficulty: 1 easy, 2 medium, 3 hard (repeat for several; default: all)",
    )
    group.add_argument(
        "--type",
        action="append",
        metavar="TYPE",
        dest="types",
        help=f"only this question type (repeat for several): {', '.join(QUESTION_TYPES)}",
    )
    group.add_argument(
        "--count", type=positive_int, metavar="N", help="N questions in total (default: all that match)"
    )
    group.add_argument("--per-topic", type=positive_int, metavar="N", help="N questions from each topic")
    group.add_argument(
        "--seed",
        type=_seed,
        default=DEFAULT_SEED,
        help=f"which questions are drawn and how they are shuffled; the same seed gives the same result (default: {DEFAULT_SEED})",
    )
    # No default here: the command line's top level gives one (see cli.parse_args), so that
    # --lang works before and after the command name.
    group.add_argument(
        "--lang", choices=LANGS, default=argparse.SUPPRESS, help="language of the output (default: de)"
    )


def criteria_from_args(args: argparse.Namespace) -> SelectionCriteria:
    """The criteria given by the options ``add_selection_options`` added."""

    def tup(values: list[Any] | None) -> tuple[Any, ...] | None:
        return tuple(dict.fromkeys(values)) if values else None

    return SelectionCriteria(
        topics=tup(args.topic),
        difficulties=tup(args.difficulty),
        types=tup(args.types),
        count=args.count,
        per_topic=args.per_topic,
        seed=args.seed,
    )
