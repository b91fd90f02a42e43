"""Labels for choices and matching answers that cannot be mistaken for the content they label.

Choices are lettered A, B, C, … unless a text on the question already uses a lone capital
letter of that range as a name ("Eye of God A"); then they are lettered a, b, c, …, and
if those clash too, numbered i, ii, iii, … Ordering items get no label: the pupil writes a
position number in each item's box, so a letter would only be one more thing to confuse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv")


def _upper(n: int) -> tuple[str, ...]:
    return tuple(chr(ord("A") + k) for k in range(n))


def _lower(n: int) -> tuple[str, ...]:
    return tuple(chr(ord("a") + k) for k in range(n))


def _lone(label: str) -> re.Pattern[str]:
    """``label`` as a word of its own that reads like a name (not the English article "A car")."""
    return re.compile(rf"(?<![\w.-]){re.escape(label)}(?![\w-])(?! [a-z])")


def clash_free_labels(n: int, texts: Iterable[str]) -> tuple[str, ...]:
    """``n`` labels, the first scheme (A…, a…, i…) none of whose labels occurs alone in ``texts``."""
    joined = "\n".join(texts)
    for scheme in (_upper(n), _lower(n), _ROMAN[:n]):
        if len(scheme) == n and not any(_lone(label).search(joined) for label in scheme):
            return scheme
    return _upper(n)  # more than 15 choices all clashing: no bank has them
