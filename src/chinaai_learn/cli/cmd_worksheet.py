"""``chinaai-learn worksheet [RECIPE]``: printable worksheets with versions A, B, … and answer keys.

Writes, per version, a sheet with the answer key on separate pages after it (or in its
own file with --key-separate) as PDF, HTML and Markdown, plus a manifest (JSON) with
each version's question order, points and correct answers. A RECIPE (a file, or a name
in decks/worksheets/) holds all of these settings; options given here override it. The
same settings and --seed always give byte-identical files.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..errors import UserError, display_path
from ..exporters.atomic_write import write_atomically
from ..exporters.worksheet import FORMATS, export_worksheet
from ..exporters.worksheet.build import MAX_VERSIONS
from ..exporters.worksheet.export import DEFAULT_NAME
from ..exporters.worksheet.model import ADDRESSES, PAPERS, GradeStep, WorksheetOptions
from ..exporters.worksheet.recipe import (
    GradeStepEntry,
    WorksheetRecipe,
    load_worksheet_recipe,
    resolve_worksheet_recipe,
)
from ..render import letter
from ..selection import SelectionCriteria, add_selection_options, select_questions, selection_notes
from .common import ExitStatus, add_bank_option, bank_from


def _versions(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1 <= value <= MAX_VERSIONS:
        raise argparse.ArgumentTypeError(f"{value}: give 1 to {MAX_VERSIONS} versions (labelled A to Z)")
    return value


def _number(text: str) -> float:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text}: give 0 or more")
    return value


def _pair(text: str) -> tuple[str, float]:
    """``NAME=NUMBER`` for --points and --grade."""
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"{text!r}: write NAME=NUMBER, e.g. multiple_choice=2 or 1=92")
    return name.strip(), _number(value.strip())


def _minutes(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of minutes") from None
    if not 1 <= value <= 600:
        raise argparse.ArgumentTypeError(f"{value}: give 1 to 600 minutes")
    return value


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "worksheet",
        help="printable worksheets (PDF, HTML, Markdown) with versions and answer keys",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Examples:\n"
        "  chinaai-learn worksheet --topic gods-eye --count 20 --versions 2 --seed 7 -o out/\n"
        "  chinaai-learn worksheet gods-eye-quiz -o out/            # a recipe in decks/worksheets/\n"
        "  chinaai-learn worksheet gods-eye-quiz --address du -o out/",
    )
    p.add_argument("recipe", nargs="?", metavar="RECIPE", help="recipe file or name in decks/worksheets/")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder for the files (default: here)",
    )
    p.add_argument("--versions", type=_versions, metavar="N", help="versions A, B, … to make (default: 1)")
    p.add_argument(
        "--format",
        action="append",
        choices=FORMATS,
        dest="formats",
        help="pdf, html or md; repeat for several (default: all three)",
    )
    p.add_argument("--paper", choices=PAPERS, help="paper size (default: a4)")
    p.add_argument(
        "--duplex",
        action=argparse.BooleanOptionalAction,
        help="double-sided printing: blank pages so each sheet and key starts on a right-hand page",
    )
    p.add_argument(
        "--key-separate",
        action=argparse.BooleanOptionalAction,
        help="write each answer key to its own file (…-key.pdf)",
    )
    p.add_argument(
        "--name", help=f"file names start with this (default: the recipe's name, else {DEFAULT_NAME})"
    )
    sheet = p.add_argument_group("what the sheet says")
    sheet.add_argument("--title", help="title on the sheet (default: the topic titles)")
    sheet.add_argument("--instructions", metavar="TEXT", help="instructions printed under the header")
    sheet.add_argument("--school", metavar="TEXT", help="school name for the header")
    sheet.add_argument("--course", metavar="TEXT", help="course or class, printed instead of a class field")
    sheet.add_argument(
        "--date", metavar="TEXT", help="date printed in the header (default: a line to fill in)"
    )
    sheet.add_argument("--time-allowed", type=_minutes, metavar="MINUTES", help="time allowed, in minutes")
    sheet.add_argument(
        "--address", choices=ADDRESSES, help="German instructions say Sie (default) or du to the pupil"
    )
    sheet.add_argument(
        "--sources",
        metavar="WHICH",
        help="texts the sheet names: all (default), none, or document ids separated by commas",
    )
    scoring = p.add_argument_group("scoring")
    scoring.add_argument(
        "--points",
        action="append",
        type=_pair,
        metavar="TYPE=N",
        help="points per question of a type, e.g. multiple_choice=2 (repeat for several)",
    )
    scoring.add_argument(
        "--question-points", action="append", type=_pair, metavar="ID=N", help="points for one question"
    )
    scoring.add_argument(
        "--grade",
        action="append",
        type=_pair,
        metavar="GRADE=PERCENT",
        help="a step of the grade scale, e.g. 1=92 (repeat for every grade; replaces the recipe's scale)",
    )
    p.add_argument(
        "--answer-sheet",
        action="store_true",
        help="also write answer-sheets.pdf: boxes to tick for the choice and true/false questions, "
        "to be marked from scans with `chinaai-learn mark`",
    )
    add_bank_option(p)
    add_selection_options(p)
    p.set_defaults(func=run, seed=None, lang=None)


def _sources(text: str | list[str] | None) -> tuple[str, ...] | None:
    if text is None or text == "all":
        return None
    if text == "none":
        return ()
    items = text if isinstance(text, list) else [t.strip() for t in text.split(",")]
    return tuple(t for t in items if t)


def _settings(args: argparse.Namespace) -> tuple[WorksheetRecipe, str | None]:
    """The recipe (or the defaults) with every option given on the command line laid over it."""
    recipe, stem = WorksheetRecipe(), None
    if args.recipe:
        loaded = load_worksheet_recipe(resolve_worksheet_recipe(args.recipe))
        recipe, stem = loaded.recipe, loaded.path.stem
    given: dict[str, Any] = {}
    simple = {
        "title": "title", "instructions": "instructions", "school": "school", "course": "course",
        "date": "date", "time_allowed": "time_allowed", "lang": "lang", "address": "address",
        "count": "count", "per_topic": "per_topic", "seed": "seed", "versions": "versions",
        "paper": "paper", "duplex": "duplex", "key_separate": "key_separate", "name": "name",
        "topic": "topics", "difficulty": "difficulty", "types": "types", "formats": "formats",
    }  # fmt: skip
    for option, key in simple.items():
        value = getattr(args, option)
        if value is not None:
            given[key] = list(dict.fromkeys(value)) if isinstance(value, list) else value
    if args.sources is not None:
        given["sources"] = (
            args.sources if args.sources in ("all", "none") else list(_sources(args.sources) or ())
        )
    if args.points:
        given["points"] = {**recipe.points, **dict(args.points)}
    if args.question_points:
        given["question_points"] = {**recipe.question_points, **dict(args.question_points)}
    if args.grade:
        given["grade_scale"] = [GradeStepEntry(grade=g, min_percent=p) for g, p in args.grade]
    # Options were checked as they were parsed (and again where they are used: selection,
    # points, file names), each with a message that names the option, so no re-validation here.
    return recipe.model_copy(update=given), stem


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
    recipe, stem = _settings(args)
    bank = bank_from(args)
    criteria = SelectionCriteria(
        topics=None if recipe.topics == "all" else tuple(recipe.topics),
        difficulties=tuple(recipe.difficulty) if recipe.difficulty else None,
        types=tuple(recipe.types) if recipe.types else None,
        count=recipe.count,
        per_topic=recipe.per_topic,
        seed=recipe.seed,
    )
    questions = select_questions(bank, criteria)
    options = WorksheetOptions(
        lang=recipe.lang,
        versions=recipe.versions,
        seed=recipe.seed,
        paper=recipe.paper,
        title=recipe.title,
        instructions=recipe.instructions,
        school=recipe.school,
        course=recipe.course,
        date=recipe.date,
        time_allowed=recipe.time_allowed,
        points=dict(recipe.points),
        question_points=dict(recipe.question_points),
        grade_scale=tuple(GradeStep(s.grade, s.min_percent) for s in recipe.grade_scale),
        address=recipe.address,
        duplex=recipe.duplex,
        sources=_sources(recipe.sources),
    )
    written = export_worksheet(
        bank,
        questions,
        args.output,
        options=options,
        formats=recipe.formats or FORMATS,
        key_separate=recipe.key_separate,
        name=recipe.name or stem or DEFAULT_NAME,
        selection=criteria,
    )
    if args.answer_sheet:
        written.append(write_answer_sheets(written))
    versions = recipe.versions
    labels = letter(0) if versions == 1 else f"{letter(0)}–{letter(versions - 1)}"
    n = len(questions)
    for note in selection_notes(bank, criteria, questions):
        print(f"note: {note}")
    print(
        f"{n} question{'s' if n != 1 else ''}, version{'s' if versions != 1 else ''} {labels}, seed {recipe.seed}:"
    )
    for path in written:
        print(f"  {display_path(path)}")
    return ExitStatus.SUCCESS
