"""The shipped banks are linted in every test run, and the open warnings are counted in the output.

That none is open is asserted in tests/test_bank_editorial.py; here, that every finding
(waived ones included) is placed and actionable.
"""

from __future__ import annotations

import warnings
from collections import Counter

from chinaai_learn.lint import RULES, lint_bank, load_config
from chinaai_learn.loading import load_bank

from ..conftest import SHIPPED_BANK


class OpenLintWarnings(UserWarning):
    """How many lint warnings the shipped banks still have (the editorial pass brings it to zero)."""


def test_the_shipped_banks_are_linted_and_their_open_warnings_counted() -> None:
    bank = load_bank(SHIPPED_BANK)
    found = lint_bank(bank, load_config(SHIPPED_BANK))
    known = {q.id for q in bank.questions}
    for w in found:
        assert w.line >= 1, w
        assert set(w.question_ids) <= known, w
        assert w.code in RULES
    open_ = Counter(w.code for w in found if not w.waived)
    if open_:  # shown in pytest's warnings summary, with or without xdist
        per_rule = ", ".join(f"{code}: {n}" for code, n in sorted(open_.items()))
        warnings.warn(
            OpenLintWarnings(f"shipped banks: {sum(open_.values())} open lint warnings ({per_rule})"),
            stacklevel=1,
        )
