"""``chinaai-learn lint``: warn about what makes a question bad (giveaways, leaks, clusters, ...)."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..lint import LintConfig, lint_bank, load_config
from ..lint.report import as_json, as_text
from ..loading import default_bank_dir
from .common import ExitStatus, add_bank_option, bank_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "lint",
        help="warn about giveaways, leaks, clusters and other flaws of questions (see docs/lint-rules.md)",
        description=__doc__ + "\n\nRules, codes and how to silence one: docs/lint-rules.md.",
    )
    add_bank_option(p)
    add_lint_options(p)
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.add_argument("--show-waived", action="store_true", help="also list findings silenced by a waiver")
    p.add_argument("--strict", action="store_true", help="exit 1 if there is any open warning")
    p.set_defaults(func=run)


def add_lint_options(p: argparse.ArgumentParser) -> None:
    """--select/--ignore/--lint-config/--cluster-max, shared with ``verify --lint``."""
    p.add_argument(
        "--select",
        metavar="RULES",
        action="append",
        help="run only these rules: codes, prefixes (L2), names; comma-separated",
    )
    p.add_argument(
        "--ignore", metavar="RULES", action="append", default=[], help="skip these rules (as --select)"
    )
    p.add_argument(
        "--lint-config",
        metavar="FILE",
        type=Path,
        help="lint config file (default: lint.yaml in the bank folder)",
    )
    p.add_argument(
        "--cluster-max", metavar="N", type=int, help="L301: most questions allowed per source sentence"
    )


def config_from(args: argparse.Namespace) -> LintConfig:
    bank_dir = args.bank if args.bank is not None else default_bank_dir()
    config = load_config(bank_dir, args.lint_config)
    config = config.with_selection(_split(args.select) if args.select else None, _split(args.ignore))
    if args.cluster_max is not None:
        config = config.with_settings(cluster_max=args.cluster_max)
    return config


def _split(values: list[str]) -> list[str]:
    """Repeated and comma-separated option values as one list."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def run(args: argparse.Namespace) -> int:
    config = config_from(args)  # a bad config is reported before the bank is read
    warnings = lint_bank(bank_from(args), config)
    print(as_json(warnings) if args.json else as_text(warnings, show_waived=args.show_waived))
    failed = args.strict and any(not w.waived for w in warnings)
    return ExitStatus.FAILED if failed else ExitStatus.SUCCESS
