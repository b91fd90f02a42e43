"""``chinaai-learn worksheet``: printable worksheets with versions A, B, … and answer keys.

Writes, per version, a sheet with the answer key on separate pages after it (or in its
own file with --key-separate) as PDF, HTML and Markdown, plus a manifest (JSON) with
each version's question order and correct answers. The same options and --seed always
give byte-identical files.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UserError, display_path
from ..exporters.atomic_write import write_atomically
from ..exporters.worksheet import FORMATS, export_worksheet
from ..exporters.worksheet.build import MAX_VERSIONS
from ..exporters.worksheet.export import DEFAULT_NAME
from ..exporters.worksheet.model import PAPERS, WorksheetOptions
from ..render import letter
from ..selection import add_selection_options, criteria_from_args, select_questions
from .common import ExitStatus, add_bank_option, bank_from


def _versions(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_VERSIONS:
        raise argparse.ArgumentTypeError(f"{value}: give 1 to {MAX_VERSIONS} versions (labelled A to Z)")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "worksheet",
        help="printable worksheets (PDF, HTML, Markdown) with versions and answer keys",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Example: chinaai-learn worksheet --topic gods-eye --count 20 --versions 2 --seed 7 -o out/",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder for the files (default: here)",
    )
    p.add_argument(
        "--versions", type=_versions, default=1, metavar="N", help="versions A, B, … to make (default: 1)"
    )
    p.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        dest="formats",
        help="pdf, html or md; repeat for several (default: all three)",
    )
    p.add_argument("--paper", choices=PAPERS, default="a4", help="paper size (default: a4)")
    p.add_argument(
        "--key-separate", action="store_true", help="write each answer key to its own file (…-key.pdf)"
    )
    p.add_argument("--title", help="title on the sheet (default: the topic titles)")
    p.add_argument(
        "--name", default=DEFAULT_NAME, help=f"file names start with this (default: {DEFAULT_NAME})"
    )
    p.add_argument(
        "--answer-sheet",
        action="store_true",
        help="also write answer-sheets.pdf: boxes to tick for the choice and true/false questions, "
        "to be marked from scans with `chinaai-learn mark`",
    )
    add_bank_option(p)
    add_selection_options(p)
    p.set_defaults(func=run)


def write_answer_sheets(written: list[Path]) -> Path:
    """answer-sheets.pdf beside the manifest the worksheet export just wrote."""
    from ..marking.sheet import answer_sheet_pdf

    manifest = next((p for p in written if p.name.endswith("manifest.json")), None)
    if manifest is None:
        raise UserError("--answer-sheet needs the worksheet manifest; it was not written")
    target = manifest.with_name("answer-sheets.pdf")
    try:
        write_atomically(target, answer_sheet_pdf(manifest.read_text(encoding="utf-8")))
    except OSError as exc:
        raise UserError(f"{display_path(target)}: cannot write ({exc.strerror or exc})") from None
    return target


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    criteria = criteria_from_args(args)
    questions = select_questions(bank, criteria)
    options = WorksheetOptions(
        lang=args.lang, versions=args.versions, seed=args.seed, paper=args.paper, title=args.title
    )
    written = export_worksheet(
        bank,
        questions,
        args.output,
        options=options,
        formats=args.formats or FORMATS,
        key_separate=args.key_separate,
        name=args.name,
        selection=criteria,
    )
    if args.answer_sheet:
        written.append(write_answer_sheets(written))
    labels = letter(0) if args.versions == 1 else f"{letter(0)}–{letter(args.versions - 1)}"
    n = len(questions)
    print(
        f"{n} question{'s' if n != 1 else ''}, version{'s' if args.versions != 1 else ''} {labels}, seed {args.seed}:"
    )
    for path in written:
        print(f"  {display_path(path)}")
    return ExitStatus.SUCCESS
