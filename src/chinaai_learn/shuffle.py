"""Deterministic shuffles: the same seed and key always give the same order."""

from __future__ import annotations

import hashlib
import random


def rng_for(*keys: object) -> random.Random:
    """A Random seeded from the keys (stable across runs and Python versions)."""
    digest = hashlib.sha256("\x1f".join(map(str, keys)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def shuffled_indices(n: int, *keys: object) -> list[int]:
    """A permutation of range(n) determined by the keys; never the identity when n > 1."""
    order = list(range(n))
    if n < 2:
        return order
    rng = rng_for(*keys)
    while order == sorted(order):
        rng.shuffle(order)
    return order
