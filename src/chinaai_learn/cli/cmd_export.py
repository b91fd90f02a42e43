"""``chinaai-learn export FORMAT``: questions for an LMS (Moodle XML, GIFT) or Quizlet flashcards.

Takes the same selection options as worksheets. Every export ends with a report: how
many questions of each type were written, and each question that was downgraded or
left out, with the reason.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import UserError
from ..exporters import EXPORTERS, LMS_FORMATS
from ..selection import add_selection_options, criteria_from_args, select_questions
from .common import ExitStatus, add_bank_option, bank_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "export",
        help="export questions as Moodle XML, GIFT or Quizlet flashcards",
        description=__doc__,
        epilog="What GIFT cannot express is converted and reported: a cloze with several gaps becomes "
        "one question per gap (<id>-gap-<n>), an ordering question a matching question "
        "'position -> item', a number's unit moves into the question text. Quizlet cards show "
        "one accepted answer. Example: chinaai-learn export moodle-xml -o out/china-ki.xml --topic deepseek",
    )
    p.add_argument(
        "format",
        choices=LMS_FORMATS,
        metavar="FORMAT",
        help="; ".join(f"{name}: {EXPORTERS[name].description}" for name in LMS_FORMATS),
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="file to write (default: standard output)"
    )
    p.add_argument(
        "--category",
        metavar="NAME",
        help="Moodle/GIFT top category, topics go below it (default: 'China & KI', in English 'China & AI')",
    )
    p.add_argument(
        "--details",
        action="store_true",
        help="list every converted or left-out question with its reason (default: grouped by reason)",
    )
    add_bank_option(p)
    add_selection_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    output: Path | None = args.output
    if output is not None and output.is_dir():
        raise UserError(f"-o {output}: that is a folder; give a file name such as {output / 'china-ki.xml'}")
    if args.category is not None and args.format == "quizlet":
        raise UserError("--category: Quizlet has no categories; leave the option out")
    options = {"category_root": args.category} if args.format != "quizlet" else {}
    bank = bank_from(args)
    questions = select_questions(bank, criteria_from_args(args))
    try:
        result = EXPORTERS[args.format].function(bank, questions, output, lang=args.lang, **options)
    except OSError as exc:
        raise UserError(
            f"-o {output}: cannot write the file ({exc.strerror or exc}); choose another place"
        ) from None
    if output is None:
        sys.stdout.write(result.content)
        print(result.report.text(details=args.details), file=sys.stderr)
    else:
        print(result.report.text(destination=str(output), details=args.details))
    return ExitStatus.SUCCESS
