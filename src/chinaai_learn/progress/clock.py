"""The current time for progress and scheduling: the wall clock, or a fixed one from the environment.

``CHINAAI_LEARN_NOW`` (an ISO 8601 date-time with offset, e.g. ``2025-03-01T09:00:00+01:00``)
freezes "now" for reproducible output: tests, screenshots, or looking at what a learner saw.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, time, timedelta, timezone

from ..errors import UserError

NOW_ENV = "CHINAAI_LEARN_NOW"


def now() -> datetime:
    """An aware datetime in the local time zone (days and streaks are counted in local days)."""
    fixed = os.environ.get(NOW_ENV)
    if not fixed:
        return datetime.now().astimezone()
    try:
        value = datetime.fromisoformat(fixed)
    except ValueError:
        raise UserError(
            f"${NOW_ENV}={fixed!r} is not a date-time: write e.g. 2025-03-01T09:00:00+01:00"
        ) from None
    return value.astimezone() if value.tzinfo is None else value


def local_day(moment: datetime, now: datetime) -> date:
    """The calendar day of ``moment`` for a learner whose current time is ``now``.

    When ``now`` carries the system's offset (the wall clock, or $CHINAAI_LEARN_NOW written in
    local time), every moment is converted by the system's time-zone rules, so an answer given
    in summer falls on its summer-time day even in winter; any other zone of ``now`` is used as
    it is (a fixed offset, or a named zone with its own rules).
    """
    zone = now.tzinfo
    if zone is None or (isinstance(zone, timezone) and now.utcoffset() == now.astimezone().utcoffset()):
        return moment.astimezone().date()
    return moment.astimezone(zone).date()


def to_utc(moment: datetime) -> datetime:
    """``moment`` in UTC; a naive datetime is taken as local time."""
    return (moment if moment.tzinfo else moment.astimezone()).astimezone(UTC)


def stamp(moment: datetime) -> str:
    """The stored form of a moment: UTC ISO 8601 with microseconds, so text order is time order."""
    return to_utc(moment).isoformat(timespec="microseconds")


def unstamp(text: str) -> datetime:
    return datetime.fromisoformat(text)


def next_midnight(moment: datetime) -> datetime:
    """The first midnight after ``moment``, in its time zone: where "for today" ends.

    A fixed offset that is the local zone's (what ``astimezone()`` gives) is read as the local
    zone, so a change to or from summer time that night moves midnight with it.
    """
    moment = moment if moment.tzinfo else moment.astimezone()
    naive = datetime.combine(moment.date() + timedelta(days=1), time(0))
    if isinstance(moment.tzinfo, timezone) and moment.astimezone().utcoffset() == moment.utcoffset():
        return naive.astimezone()
    return naive.replace(tzinfo=moment.tzinfo)
