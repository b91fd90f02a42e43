"""A due date in words for the learner ("now", "in 10 minutes", "in 3 Tagen", "on 2025-05-14")."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class _Words:
    now: str
    in_: str
    on: str
    units: tuple[tuple[str, str], tuple[str, str], tuple[str, str]]


_TABLE = {
    "de": _Words(
        "jetzt",
        "in {n} {unit}",
        "am {date}",
        (("Minute", "Minuten"), ("Stunde", "Stunden"), ("Tag", "Tagen")),
    ),
    "en": _Words(
        "now", "in {n} {unit}", "on {date}", (("minute", "minutes"), ("hour", "hours"), ("day", "days"))
    ),
}
_MINUTE, _HOUR, _DAY = 60, 3600, 86400


def due_in_words(due: datetime, now: datetime, lang: str = "de") -> str:
    """How long until ``due`` from ``now`` in the learner's language; beyond 60 days, the date."""
    words = _TABLE["en" if lang == "en" else "de"]
    minute, hour, day = words.units
    seconds = (due - now).total_seconds()
    if seconds <= 0:
        return words.now
    if seconds < _HOUR:
        n, (one, many) = math.ceil(seconds / _MINUTE), minute
    elif seconds < _DAY:
        n, (one, many) = round(seconds / _HOUR), hour
    elif seconds <= 60 * _DAY:
        n, (one, many) = round(seconds / _DAY), day
    else:
        return words.on.format(date=due.astimezone(now.tzinfo).date().isoformat())
    return words.in_.format(n=n, unit=one if n == 1 else many)
