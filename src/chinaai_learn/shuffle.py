"""Deterministic shuffles: the same seed and key always give the same order."""

from __future__ import annotations

import hashlib
import random


def rng_for(*keys: object) -> random.Random:
    """A Random seeded from the keys (stable across runs and Python versions)."""
    digest = hashlib.sha256("\x1f".join(map(str, keys)).encode("utf-8")).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def shuffled_indices(n: int, *keys: object, avoid_identity: bool = False) -> list[int]:
    """A permutation of range(n) determined by the keys.

    ``avoid_identity`` is for parts whose bank order *is* the answer (ordering items,
    matching pairs): shown unshuffled they would give it away. Choices may keep their
    order, or a two-choice question would always show its choices swapped.
    """
    order = list(range(n))
    rng = rng_for(*keys)
    rng.shuffle(order)
    while avoid_identity and n > 1 and order == sorted(order):
        rng.shuffle(order)
    return order
