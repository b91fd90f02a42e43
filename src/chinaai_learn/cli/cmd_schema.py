"""``chinaai-learn schema``: write a JSON Schema of the bank format (or of a worksheet recipe) for editors."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import UserError
from ..schema import bank_json_schema
from .common import ExitStatus


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("schema", help="write the JSON Schema of a topic file", description=__doc__)
    p.add_argument("-o", "--output", type=Path, help="file to write (default: standard output)")
    p.add_argument(
        "--worksheet-recipe",
        action="store_true",
        help="the schema of a worksheet recipe (decks/worksheets/*.yaml) instead of a topic file",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.worksheet_recipe:
        from ..exporters.worksheet.recipe import worksheet_recipe_json_schema

        schema = worksheet_recipe_json_schema()
    else:
        schema = bank_json_schema()
    text = json.dumps(schema, indent=2, ensure_ascii=False) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    elif args.output.is_dir():
        raise UserError(
            f"-o {args.output}: that is a folder; give a file name such as {args.output / 'bank.schema.json'}"
        )
    else:
        try:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(text, encoding="utf-8")
        except OSError as exc:
            raise UserError(
                f"-o {args.output}: cannot write the file ({exc.strerror or exc}); choose another place"
            ) from None
        print(f"wrote {args.output}")
    return ExitStatus.SUCCESS
