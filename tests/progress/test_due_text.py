"""Due dates in words, in both languages."""

from __future__ import annotations

from datetime import timedelta

import pytest

from chinaai_learn.progress import due_in_words

from .conftest import T0


@pytest.mark.parametrize(
    ("delta", "de", "en"),
    [
        (timedelta(days=-2), "jetzt", "now"),
        (timedelta(0), "jetzt", "now"),
        (timedelta(seconds=30), "in 1 Minute", "in 1 minute"),
        (timedelta(minutes=10), "in 10 Minuten", "in 10 minutes"),
        (timedelta(hours=1), "in 1 Stunde", "in 1 hour"),
        (timedelta(hours=5, minutes=20), "in 5 Stunden", "in 5 hours"),
        (timedelta(days=1), "in 1 Tag", "in 1 day"),
        (timedelta(days=12, hours=3), "in 12 Tagen", "in 12 days"),
        (timedelta(days=75), "am 2025-05-15", "on 2025-05-15"),
    ],
)
def test_due_in_words(delta: timedelta, de: str, en: str) -> None:
    assert due_in_words(T0 + delta, T0, "de") == de
    assert due_in_words(T0 + delta, T0, "en") == en
