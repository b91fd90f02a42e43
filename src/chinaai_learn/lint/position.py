"""Position bias (L701): in a topic, the correct choice is mostly the first of unshuffled choices."""

from __future__ import annotations

from collections.abc import Iterator

from ..bank import TopicBank
from ..model import MultipleChoice, SingleChoice
from .context import Hit, LintContext


def first_correct_share(topic: TopicBank) -> tuple[list[str], int]:
    """Ids of the unshuffled choice questions whose first choice is correct, and how many are unshuffled."""
    fixed = [q for q in topic.questions if isinstance(q, (SingleChoice, MultipleChoice)) and not q.shuffle]
    return [q.id for q in fixed if q.choices[0].correct], len(fixed)


def check(ctx: LintContext) -> Iterator[Hit]:
    for topic in ctx.bank.topics:
        first, total = first_correct_share(topic)
        if total and len(first) * 2 > total:
            yield Hit(
                "L701",
                tuple(first),
                f"the correct choice comes first in {len(first)} of the {total} choice questions of topic "
                f"{topic.topic.id!r} that keep their order (shuffle: false): move it, or let them be shuffled",
            )
