"""``chinaai-learn mark SCANS… --manifest FILE``: mark filled answer sheets from scans or phone photos.

Reads PDF scans and PNG/JPEG photos of the sheets that ``worksheet --answer-sheet``
printed, grades them with the manifest's key and the project's scoring rules, and writes
``results.csv`` (pupil, version, points per question, total, per cent, flags) and, per
page, a check image with what was read drawn on it. Boxes that cannot be read for sure
(two ticks where one is asked, a faint mark) are flagged for the teacher, never guessed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..errors import UserError, display_path
from .common import ExitStatus, add_bank_option, bank_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("mark", help="mark filled answer sheets from scans or photos", description=__doc__)
    p.add_argument("scans", nargs="+", type=Path, metavar="SCAN", help="PDF scans or PNG/JPEG photos")
    p.add_argument(
        "--manifest",
        type=Path,
        required=True,
        metavar="FILE",
        help="the worksheet-manifest.json the sheets were printed from",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("marked"),
        metavar="DIR",
        help="folder for results.csv and the check images (default: marked)",
    )
    add_bank_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    try:
        from ..marking.marking import mark_scans, results_csv
    except ImportError as missing:
        raise UserError(
            f"marking scans needs the optional scan tools ({missing.name}): install them with"
            " `uv sync --extra scan` (or `pip install chinaai-learn[scan]`)"
        ) from None
    for scan in args.scans:
        if not scan.is_file():
            raise UserError(f"{display_path(scan)}: no such file")
        if scan.suffix.lower() not in (".pdf", ".png", ".jpg", ".jpeg"):
            raise UserError(f"{display_path(scan)}: give PDF scans or PNG/JPEG photos")
    if not args.manifest.is_file():
        raise UserError(
            f"--manifest {display_path(args.manifest)}: no such file (it is written beside the worksheets)"
        )
    bank = bank_from(args)
    results = mark_scans(list(args.scans), args.manifest, bank, args.output)
    csv_path = args.output / "results.csv"
    csv_path.write_text(results_csv(results), encoding="utf-8")
    for r in results:
        if r.problem and not r.marks:
            print(f"✖ {r.source}: {r.problem}")
            continue
        flags = (
            f", {len(r.flagged)} flagged: look at {display_path(r.check_image)}"
            if r.flagged and r.check_image
            else ""
        )
        pupil = r.pupil or "?"
        print(
            f"{r.source}: pupil {pupil}, version {r.version}: {r.total:g} of {r.max_points:g} points{flags}"
        )
        if r.problem:
            print(f"  ! {r.problem}")
    print(f"wrote {display_path(csv_path)} ({len(results)} page(s))")
    return ExitStatus.SUCCESS
