"""How long ``verify --corpus`` takes to explain a long quote that is not verbatim (should grow linearly).

uv run python benchmarks/bench_near_miss.py            # quotes of 1,000 to 20,000 characters
"""

from __future__ import annotations

import random
import sys
import time

from chinaai_learn.verification import closest_passage


def near_miss(text: str, length: int, rng: random.Random) -> str:
    """A passage of ``text`` of ``length`` characters with every 50th character changed."""
    start = rng.randrange(0, len(text) - length)
    chars = list(text[start : start + length])
    for i in range(0, length, 50):
        chars[i] = "#"
    return "".join(chars)


def main() -> int:
    rng = random.Random(20)
    words = [f"wort{n}" for n in range(3000)]
    text = " ".join(rng.choice(words) for _ in range(40_000))  # ~300,000 characters
    print(f"{'quote chars':>12} {'seconds':>9}")
    for length in (1_000, 5_000, 20_000):
        quote = near_miss(text, length, rng)
        started = time.perf_counter()
        passage = closest_passage(text, quote)
        took = time.perf_counter() - started
        print(f"{length:>12} {took:>9.3f}   (passage of {len(passage)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
