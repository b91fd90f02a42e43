"""Lint results as text for people (grouped by file, a summary line) and as JSON for tools."""

from __future__ import annotations

import json
from collections import Counter
from itertools import groupby

from .catalogue import RULES
from .findings import LintWarning


def summary(warnings: list[LintWarning], *, show_waived: bool = False) -> str:
    """'N warnings (L101 answer-in-prompt: 2, …); M waived' — counts per rule, in code order."""
    open_ = [w for w in warnings if not w.waived]
    counts = Counter(w.code for w in open_)
    waived = sum(w.waived for w in warnings)
    per_rule = ", ".join(f"{code} {RULES[code].name}: {counts[code]}" for code in sorted(counts))
    text = f"{len(open_)} warning{'s' if len(open_) != 1 else ''}" + (f" ({per_rule})" if per_rule else "")
    hint = " (list them with --show-waived)" if waived and not show_waived else ""
    return text + f"; {waived} waived" + hint


def as_text(warnings: list[LintWarning], *, show_waived: bool = False) -> str:
    """One line per finding, grouped by file with a blank line between files, then the summary."""
    shown = [w for w in warnings if show_waived or not w.waived]
    blocks = []
    for _, group in groupby(shown, key=lambda w: w.file):
        lines = []
        for w in group:
            line = str(w)
            if w.waived:
                line += f" (waived: {w.why})"
            lines.append(line)
        blocks.append("\n".join(lines))
    return "\n\n".join([*blocks, summary(warnings, show_waived=show_waived)])


def as_json(warnings: list[LintWarning]) -> str:
    """``{"warnings": [...], "waived": [...], "counts": {code: n}}`` (counts of open warnings)."""
    open_ = [w for w in warnings if not w.waived]
    payload = {
        "warnings": [w.as_json() for w in open_],
        "waived": [w.as_json() for w in warnings if w.waived],
        "counts": dict(sorted(Counter(w.code for w in open_).items())),
    }
    return json.dumps(payload, ensure_ascii=False, indent=2)
