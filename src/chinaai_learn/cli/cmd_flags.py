"""``chinaai-learn flags``: the questions learners flagged as wrong or unclear, with their comments, for the bank's maintainers."""

from __future__ import annotations

import argparse
import json
import sys

from ..bank import Bank
from ..progress import Flag, ProgressStore, store_path
from ..progress.opening import MEMORY, check_location
from .common import ExitStatus, add_bank_option, add_progress_option, bank_from


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "flags", help="list questions learners flagged as wrong or unclear", description=__doc__
    )
    add_bank_option(p)
    add_progress_option(p)
    p.add_argument("--json", action="store_true", help="print JSON for scripts instead of a list")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    path = store_path(args.progress)
    check_location(path)  # looking must not create anything
    with ProgressStore.open(path if path.exists() else MEMORY) as store:
        if store.recovery is not None:
            print(f"warning: {store.recovery.message()}", file=sys.stderr)
        flags = store.flags()
    if args.json:
        rows = [{**flag.to_json(), "in_bank": bank.get(flag.question_id) is not None} for flag in flags]
        print(json.dumps({"store": str(path), "flags": rows}, ensure_ascii=False, indent=2))
    else:
        print(_as_text(flags, bank, str(path)))
    return ExitStatus.SUCCESS


def _as_text(flags: list[Flag], bank: Bank, path: str) -> str:
    lines = [f"progress store: {path}"]
    if not flags:
        lines.append("no question has been flagged")
        return "\n".join(lines)
    lines.append(f"{len(flags)} flag{'s' if len(flags) != 1 else ''}, oldest first:")
    for flag in flags:
        where = "" if bank.get(flag.question_id) is not None else " (no longer in the bank)"
        when = flag.flagged_at.astimezone().strftime("%Y-%m-%d %H:%M")
        lines.append(f"  {flag.question_id}{where}  {when}  [{flag.lang or '?'}]")
        if flag.comment:
            lines.append(f"      {flag.comment}")
    return "\n".join(lines)
