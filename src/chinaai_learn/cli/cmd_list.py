"""``chinaai-learn list``: topics with question counts per type and difficulty."""

from __future__ import annotations

import argparse
from collections import Counter

from ..model import QUESTION_TYPES
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from

_SHORT = {
    "single_choice": "SC",
    "multiple_choice": "MC",
    "true_false": "TF",
    "cloze": "CL",
    "numeric": "NU",
    "short_answer": "SA",
    "ordering": "OR",
    "matching": "MA",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("list", help="list topics and question counts", description=__doc__)
    add_bank_option(p)
    add_lang_option(p)
    p.add_argument("--ids", action="store_true", help="also list every question id with its type")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    header = (
        f"{'topic':<16} {'questions':>9}  "
        + " ".join(f"{_SHORT[t]:>3}" for t in QUESTION_TYPES)
        + "   d1  d2  d3  title"
    )
    print(header)
    total: Counter[str] = Counter()
    for tb in bank.topics:
        types = Counter(q.type for q in tb.questions)  # type: ignore[attr-defined]
        diffs = Counter(q.difficulty for q in tb.questions)
        total.update(types)
        print(
            f"{tb.topic.id:<16} {len(tb.questions):>9}  "
            + " ".join(f"{types[t]:>3}" for t in QUESTION_TYPES)
            + f"  {diffs[1]:>3} {diffs[2]:>3} {diffs[3]:>3}  {tb.topic.title(args.lang)}"
        )
        if args.ids:
            for q in tb.questions:
                print(f"    {q.id}  ({q.type}, {q.difficulty})")  # type: ignore[attr-defined]
    print(f"{'total':<16} {sum(total.values()):>9}  " + " ".join(f"{total[t]:>3}" for t in QUESTION_TYPES))
    print("types: " + ", ".join(f"{v}={k}" for k, v in _SHORT.items()))
    return ExitStatus.SUCCESS
