"""The bank linter: finds what makes a question bad (giveaways, leaks, clusters, ...), not only invalid.

Usage::

    from chinaai_learn.lint import lint_bank, load_config
    for warning in lint_bank(bank, load_config(bank_dir)):
        print(warning)
"""

from __future__ import annotations

from .catalogue import RULES, Rule
from .config import LintConfig, LintConfigError, LintSettings, load_config
from .engine import lint_bank
from .findings import LintWarning

__all__ = [
    "RULES",
    "LintConfig",
    "LintConfigError",
    "LintSettings",
    "LintWarning",
    "Rule",
    "lint_bank",
    "load_config",
]
