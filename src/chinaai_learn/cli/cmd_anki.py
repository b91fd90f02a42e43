"""``chinaai-learn anki [RECIPE…] [-o DIR]``: build Anki decks (.apkg) from the deck recipes."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..exporters import EXPORTERS
from ..loading import default_decks_dir
from .common import ExitStatus, add_bank_option, bank_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "anki",
        help="build Anki decks (.apkg) from the recipes in decks/",
        description=__doc__,
        epilog="Each recipe's build state (anki-state.json beside it) keeps unchanged notes "
        "unchanged, so re-importing a rebuilt deck updates only what changed: commit it.",
    )
    p.add_argument(
        "recipes",
        nargs="*",
        metavar="RECIPE",
        help="recipe file, or a recipe name in decks/ (default: every recipe in decks/)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="folder for the .apkg files (default: .)",
    )
    p.add_argument(
        "--state",
        type=Path,
        default=None,
        metavar="FILE",
        help="build state file (default: anki-state.json beside each recipe)",
    )
    add_bank_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..exporters.anki_recipe import (
        resolve_recipe,
    )  # here: it loads the Anki exporter, which other commands do not need

    decks_dir = default_decks_dir()
    recipes = [resolve_recipe(name, decks_dir) for name in args.recipes]
    bank = bank_from(args)
    results = EXPORTERS["anki"].function(bank, recipes or None, args.output, state_path=args.state)
    for result in results:
        print(result.summary())
    return ExitStatus.SUCCESS
