"""Measure chinaai-learn as banks grow, each figure next to the bare floor measured in the same run.

    uv run python benchmarks/run.py                  # 1k, 10k, 100k questions
    uv run python benchmarks/run.py --sizes 1000     # the CI smoke run

Prints one table (size, time, floor, ratio, growth per 10x) and writes the same as JSON.
Times are medians of --repeat runs. Nothing here asserts: targets are read, not enforced.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from pydantic import TypeAdapter

sys.path.insert(0, str(Path(__file__).resolve().parent))
from chinaai_learn.bank_format import TopicFile
from chinaai_learn.grading import grade
from chinaai_learn.loading import load_bank
from chinaai_learn.verification import verify_bank
from chinaai_learn.yaml_reader import _composed
from synthetic import correct_response, write_bank

ROOT = Path(__file__).resolve().parents[1]
Row = dict[str, object]


def median_time(fn: Callable[[], object], repeat: int) -> float:
    return median_times([fn], repeat)[0]


def median_times(fns: list[Callable[[], object]], repeat: int) -> list[float]:
    """The median time of each fn, run in turns (a, b, a, b, ...) so a task and its floor see the same machine.

    On a shared machine the load changes from one minute to the next; measuring a floor
    first and its task later would put that change into the ratio.
    """
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, own in zip(fns, times, strict=True):
            gc.collect()
            start = time.perf_counter()
            fn()
            own.append(time.perf_counter() - start)
    return [statistics.median(own) for own in times]


def _paused(fn: Callable[[], object]) -> Callable[[], object]:
    """Run fn with the cyclic collector paused, as ``load_bank`` does (so floor and loader match)."""

    def run() -> object:
        gc.disable()
        try:
            return fn()
        finally:
            gc.enable()

    return run


def _topic_files(bank_dir: Path) -> list[Path]:
    return sorted(bank_dir.glob("syn-*.yaml"))


def floor_read_bytes(bank_dir: Path) -> None:
    """Physical reference: read every bank file's bytes (nothing parsed)."""
    for path in _topic_files(bank_dir):
        path.read_bytes()


def floor_csafe(bank_dir: Path) -> None:
    """Physical reference: ``yaml.CSafeLoader`` alone, to plain dicts and lists."""
    for path in _topic_files(bank_dir):
        yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)


def floor_load(bank_dir: Path) -> None:
    """The load floor: CSafeLoader + pydantic validation of each file, no positions, no checks."""
    adapter = TypeAdapter(TopicFile)
    for path in _topic_files(bank_dir):
        adapter.validate_python(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader))


def load_rows(size: int, bank_dir: Path, repeat: int) -> list[Row]:
    """Loading beside its floors; every floor runs with the collector paused, as the loader does.

    The floor with the collector running is reported too, so the effect of the pause is seen.
    """
    rows: list[Row] = []
    read, csafe, floor, floor_on, load = median_times(
        [
            _paused(lambda: floor_read_bytes(bank_dir)),
            _paused(lambda: floor_csafe(bank_dir)),
            _paused(lambda: floor_load(bank_dir)),
            lambda: floor_load(bank_dir),
            lambda: load_bank(bank_dir),
        ],
        repeat,
    )
    rows.append({"task": "read bank bytes (reference)", "size": size, "seconds": read, "floor": None})
    rows.append({"task": "CSafeLoader alone (reference)", "size": size, "seconds": csafe, "floor": None})
    rows.append({"task": "load floor, collector on", "size": size, "seconds": floor_on, "floor": floor})
    rows.append({"task": "load floor (collector paused)", "size": size, "seconds": floor, "floor": None})
    rows.append({"task": "load + validate", "size": size, "seconds": load, "floor": floor})
    return rows


_EXPORT = (
    "import tempfile; from chinaai_learn.exporters.anki import export_anki; "
    "out = Path(tempfile.mkdtemp()); recipe = out / 'bench.yaml'; recipe.write_text({recipe!r}); "
    "export_anki(b, [recipe], out, state_path=out / 'state.json', now=0); "
)


def peak_memory_mb(bank_dir: Path, then_export: bool = False) -> float:
    """Peak resident memory of a fresh process that loads the bank (and, if asked, exports it to Anki).

    Read from /proc (VmHWM) where it exists: Linux keeps ru_maxrss across fork and exec,
    so a child of this (large) benchmark process would report the parent's peak.
    """
    from bench_exports import RECIPE

    code = (
        "import re, resource; from pathlib import Path; from chinaai_learn.loading import load_bank; "
        f"b = load_bank({str(bank_dir)!r}); "
        + (_EXPORT.format(recipe=RECIPE) if then_export else "")
        + "s = Path('/proc/self/status'); "
        "m = re.search(r'VmHWM:\\s+(\\d+) kB', s.read_text()) if s.exists() else None; "
        "print(int(m.group(1)) / 1024 if m else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def optional_benchmarks(size: int, bank_dir: Path, work: Path, repeat: int) -> list[Row]:
    """Exporters and the app, when their modules exist (they are measured the same way)."""
    rows: list[Row] = []
    try:
        from bench_exports import export_rows  # type: ignore[import-not-found]
    except ImportError:
        return rows
    rows += export_rows(size, bank_dir, work, repeat, median_time, median_times)
    if size in (1000, 10_000):
        from bench_tui import startup_rows

        banks: dict[str, Path | None] = {"shipped": None} if size == 1000 else {}
        banks[str(size)] = bank_dir
        rows += startup_rows(banks, repeat)
    return rows


def run_size(size: int, repeat: int, work: Path) -> list[Row]:
    bank_dir, corpus_dir = write_bank(work / f"n{size}", size)
    rows: list[Row] = []
    rows += load_rows(size, bank_dir, repeat)
    floor = float(rows[-1]["floor"])  # type: ignore[arg-type]
    bank = load_bank(bank_dir)

    def verify(corpus: Path | None) -> object:
        # Positions come from a small cache of composed files (8 files): a 1k bank (one file)
        # would hit it on every repeat and 10k (ten files) never, so every run starts cold.
        _composed.cache_clear()
        return verify_bank(load_bank(bank_dir), corpus)

    rows.append(
        {
            "task": "verify (levels 1-2)",
            "size": size,
            "seconds": median_time(lambda: verify(None), repeat),
            "floor": floor,
        }
    )
    rows.append(
        {
            "task": "verify (levels 1-3)",
            "size": size,
            "seconds": median_time(lambda: verify(corpus_dir), repeat),
            "floor": floor,
        }
    )
    pairs = [(q, correct_response(q)) for q in bank.questions]
    graded = median_time(lambda: [grade(q, r, "de") for q, r in pairs], repeat)
    rows.append(
        {
            "task": "grading (all questions)",
            "size": size,
            "seconds": graded,
            "floor": None,
            "per_second": size / graded,
        }
    )
    rows += optional_benchmarks(size, bank_dir, work, repeat)
    if size >= 100_000 or os.environ.get("BENCH_MEMORY"):
        for task, then_export in (
            ("peak memory (MB)", False),
            ("peak memory, load + Anki export (MB)", True),
        ):
            rows.append(
                {
                    "task": task,
                    "size": size,
                    "seconds": None,
                    "floor": None,
                    "megabytes": peak_memory_mb(bank_dir, then_export),
                }
            )
    return rows


def add_growth(rows: list[Row]) -> None:
    by_task: dict[str, dict[int, float]] = {}
    for row in rows:
        if isinstance(row.get("seconds"), float) and isinstance(row["size"], int):
            by_task.setdefault(str(row["task"]), {})[int(row["size"])] = float(row["seconds"])  # type: ignore[arg-type]
    for row in rows:
        prev = (
            by_task.get(str(row["task"]), {}).get(row["size"] // 10) if isinstance(row["size"], int) else None
        )
        row["growth_per_10x"] = (
            (float(row["seconds"]) / prev) if prev and isinstance(row.get("seconds"), float) else None
        )  # type: ignore[arg-type]
        row["ratio"] = (
            (float(row["seconds"]) / float(row["floor"]))
            if row.get("floor") and isinstance(row.get("seconds"), float)
            else None
        )  # type: ignore[arg-type]


def table(rows: list[Row]) -> str:
    lines = [f"{'task':<34} {'size':>7} {'time s':>9} {'floor s':>9} {'ratio':>6} {'x/10x':>6}  note"]
    for r in rows:
        fmt = lambda v, spec: format(v, spec) if isinstance(v, float) else "-"  # noqa: E731
        note = ""
        if "megabytes" in r:
            note = f"{r['megabytes']:.0f} MB"
        elif "per_second" in r:
            note = f"{r['per_second']:,.0f} answers/s"
        elif "cpu_seconds" in r:
            cpu, floor_cpu = float(r["cpu_seconds"]), float(r["cpu_floor"])  # type: ignore[arg-type]
            note = f"CPU {cpu:.2f} s, floor {floor_cpu:.2f} s: {cpu / floor_cpu:.2f}"
        lines.append(
            f"{r['task']:<34} {r['size']!s:>7} {fmt(r.get('seconds'), '9.3f')} {fmt(r.get('floor'), '9.3f')} "
            f"{fmt(r.get('ratio'), '6.2f')} {fmt(r.get('growth_per_10x'), '6.1f')}  {note}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median is reported)")
    parser.add_argument("--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json")
    args = parser.parse_args(argv)
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="chinaai-bench-") as tmp:
        for size in sorted(args.sizes):
            repeat = args.repeat if size < 100_000 else max(1, min(args.repeat, 3))
            rows += run_size(size, repeat, Path(tmp))
            print(f"... {size} done", file=sys.stderr, flush=True)
    add_growth(rows)
    print(table(rows))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
