"""``chinaai-learn verify [--corpus DIR]``: prove every answer key against its cited passage."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError
from ..fairness import position_bias
from ..lint import lint_bank, load_config
from ..lint.report import as_text
from ..loading import default_bank_dir
from ..verification import verify_bank
from .common import ExitStatus, add_bank_option, bank_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "verify",
        help="check banks, answers-in-quotes and (with --corpus) quotes against the sources",
        description=__doc__ + "\n\nLevel 1: format and references. Level 2: each answer occurs in its quote."
        " Level 3 (--corpus): each quote occurs verbatim in <DIR>/<doc>.txt below its section.",
    )
    add_bank_option(p)
    p.add_argument(
        "--corpus", metavar="DIR", type=Path, help="folder with the full source texts (<doc-id>.txt)"
    )
    p.add_argument(
        "--lint", action="store_true", help="also run the bank linter (warnings only; see chinaai-learn lint)"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.corpus is not None and not args.corpus.is_dir():
        raise UserError(
            f"{args.corpus}: no such folder: --corpus expects the folder with the <doc-id>.txt files"
        )
    lint_config = load_config(args.bank or default_bank_dir()) if args.lint else None
    bank = bank_from(args)  # level 1: raises with every format problem
    report = verify_bank(bank, args.corpus)
    for problem in report.problems:
        print(problem, file=sys.stderr)
    for warning in report.untranslated:
        print(warning, file=sys.stderr)
    if report.untranslated:
        n = len(report.untranslated)
        print(
            f"{n} citation{'s' if n != 1 else ''} without an English translation (a warning, not an error)",
            file=sys.stderr,
        )
    for bias in position_bias(bank):  # a warning: the bank is valid, but gives answers away
        print(f"warning: {bias.message()}", file=sys.stderr)
    levels = "1–3" if report.corpus_checked else "1–2 (add --corpus DIR for level 3)"
    status = "OK" if report.ok else f"{len(report.problems)} problem(s)"
    print(
        f"verify levels {levels}: {report.questions} questions, {report.citations} citations, {len(bank.topics)} topics: {status}"
    )
    if lint_config is not None:  # advisory: lint warnings do not change verify's exit status
        print(as_text(lint_bank(bank, lint_config)))
    return ExitStatus.SUCCESS if report.ok else ExitStatus.FAILED
