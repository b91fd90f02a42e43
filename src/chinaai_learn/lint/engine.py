"""Run the enabled rule families over a bank, place each finding at its question's line, apply waivers."""

from __future__ import annotations

from collections import defaultdict

from ..bank import Bank
from ..model import LintWaiver
from . import clusters, distractors, giveaway, instructions, leaks, numbers, position, tags, truefalse
from .catalogue import RULES
from .config import LintConfig
from .context import Family, Hit, LintContext
from .findings import LintWarning
from .positions import question_line

FAMILIES: tuple[Family, ...] = (
    giveaway.check,
    leaks.check,
    clusters.check,
    truefalse.check,
    distractors.check,
    numbers.check,
    position.check,
    instructions.check,
    tags.check,
)


def lint_bank(bank: Bank, config: LintConfig | None = None) -> list[LintWarning]:
    """Every finding on ``bank`` (waived ones included, marked ``waived``), sorted by file and line."""
    config = config or LintConfig()
    ctx = LintContext(bank, config.settings)
    hits = [hit for family in FAMILIES for hit in family(ctx) if hit.code in config.enabled]
    waivers = {q.id: q.lint for q in bank.questions if q.lint is not None}
    fired: dict[str, set[str]] = defaultdict(set)
    results = []
    for hit in hits:
        for qid in hit.question_ids:
            fired[qid].add(hit.code)
        results.append(_place(ctx, hit, waivers))
    results.extend(_waiver_warnings(ctx, waivers, fired, config))
    return sorted(results)


def _place(ctx: LintContext, hit: Hit, waivers: dict[str, LintWaiver]) -> LintWarning:
    rule = RULES[hit.code]
    if hit.file is not None:
        file, line = hit.file, hit.line or 0
    else:
        first = hit.question_ids[0]
        file, line = ctx.file_of(first), question_line(ctx.file_of(first), first)
    named = [waivers.get(qid) for qid in hit.question_ids]
    waived = bool(named) and all(w is not None and hit.code in w.ignore for w in named)
    why = "; ".join(dict.fromkeys(w.why for w in named if w is not None)) if waived else None
    return LintWarning(file, line, hit.code, rule.name, hit.message, hit.question_ids, waived, why)


def _waiver_warnings(
    ctx: LintContext, waivers: dict[str, LintWaiver], fired: dict[str, set[str]], config: LintConfig
) -> list[LintWarning]:
    out = []
    for qid, waiver in waivers.items():
        for code in waiver.ignore:
            if code not in RULES:
                hit = Hit(
                    "L001",
                    (qid,),
                    f"the waiver names {code!r}, which is no lint rule: use a code from docs/lint-rules.md",
                )
            elif code in config.enabled and code not in fired[qid]:
                hit = Hit(
                    "L002",
                    (qid,),
                    f"the waiver for {code} ({RULES[code].name}) silences nothing here: remove it",
                )
            else:
                continue
            if hit.code in config.enabled:
                out.append(_place(ctx, hit, {}))
    return out
