"""Pause Python's cyclic garbage collector while a task builds many small acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused(*, freeze: bool = False) -> Iterator[None]:
    """Pause the cyclic collector for the block (re-enabled after it, if it was on before).

    Loading a bank or building a deck creates hundreds of thousands of objects and no
    reference cycles; with the collector running, its repeated full scans of everything
    alive (the whole bank) cost time that grows faster than the bank.

    ``freeze``: what the block built lives until the process ends (the quiz's bank). It is
    moved out of the collector's sight before the collector resumes; otherwise the first
    collections after the block walk all of it again (at 10k questions, a quarter second
    at the quiz's start, and more at every later full collection). Frozen objects are still
    freed by reference counting.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if was_enabled:
            gc.enable()
