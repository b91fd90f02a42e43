"""``chinaai-learn anki [RECIPE…] [-o DIR]``: build Anki decks (.apkg) from the deck recipes."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..bank_location import default_bank_dir, default_decks_dir
from ..errors import UserError
from ..exporters import EXPORTERS
from .common import ExitStatus, add_bank_option, bank_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "anki",
        help="build Anki decks (.apkg) from the recipes in decks/",
        description=__doc__,
        epilog="Each recipe's build state (anki-state.json beside it) keeps unchanged notes "
        "unchanged, so re-importing a rebuilt deck updates only what changed: commit it. "
        "With --bank DIR and no recipe, the bank gets decks of its own (one per language) "
        "and its state is kept in DIR/anki-state.json (or the user data folder if DIR is read-only).",
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
        help="build state file (default: anki-state.json beside each recipe, or in --bank DIR)",
    )
    add_bank_option(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..exporters.anki_recipe import (
        resolve_recipe,
    )  # here: it loads the Anki exporter, which other commands do not need

    decks_dir = default_decks_dir()
    recipes = [resolve_recipe(name, decks_dir) for name in args.recipes]
    own_bank = args.bank is not None and args.bank.resolve() != default_bank_dir().resolve()
    if own_bank and any(r.resolve().parent == decks_dir.resolve() for r in recipes):
        raise UserError(
            "the shipped deck recipes belong to the shipped banks: building them from --bank "
            f"{args.bank} would reuse their deck ids and state; leave out the recipe (the bank then "
            "gets decks of its own) or write a recipe with its own deck_id"
        )
    bank = bank_from(args)
    results = EXPORTERS["anki"].function(
        bank, recipes or None, args.output, state_path=args.state, bank_dir=args.bank if own_bank else None
    )
    for result in results:
        print(result.summary())
    return ExitStatus.SUCCESS
