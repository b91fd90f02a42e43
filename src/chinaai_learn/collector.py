"""Pause Python's cyclic garbage collector while a task builds many small acyclic objects."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (re-enabled after it, if it was on before).

    Loading a bank or building a deck creates hundreds of thousands of objects and no
    reference cycles; with the collector running, its repeated full scans of everything
    alive (the whole bank) cost time that grows faster than the bank.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
