"""Marking speed: filled answer sheets (made and damaged as in the tests) read and graded per second.

    uv run --group dev python benchmarks/bench_marking.py --sheets 30

The floor beside it is OpenCV alone reading the same images (decode + ArUco marker
detection), measured in the same run: what any marker-based reader must at least do.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import cv2  # noqa: E402 - after the path set-up that finds the test helpers
from tests.marking.sheet_faker import degrade, draw_mark, render_pages, save_jpeg  # noqa: E402

from chinaai_learn.loading import load_bank  # noqa: E402
from chinaai_learn.marking import layout as L  # noqa: E402
from chinaai_learn.marking.marking import mark_scans  # noqa: E402
from chinaai_learn.marking.sheet import answer_sheet_pdf, sheet_pages  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sheets", type=int, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        subprocess.run(
            [sys.executable, "-m", "chinaai_learn", "worksheet", "--topic", "gods-eye", "--count", "24",
             "--versions", "2", "--format", "md", "-o", str(out)],
            check=True, capture_output=True, cwd=ROOT,
        )  # fmt: skip
        manifest = out / "worksheet-manifest.json"
        text = manifest.read_text(encoding="utf-8")
        pages = list(sheet_pages(json.loads(text)))
        rendered = render_pages(answer_sheet_pdf(text))
        rng = random.Random(1)
        scans = []
        for n in range(args.sheets):
            image = rendered[n % len(pages)].copy()
            for box in L.question_boxes(list(pages[n % len(pages)].questions)):
                if rng.random() < 0.3:
                    draw_mark(image, box, "cross", rng)
            scans.append(save_jpeg(degrade(image, rng), out / f"s{n}.jpg"))
        start = time.perf_counter()
        for scan in scans:
            gray = cv2.imread(str(scan), cv2.IMREAD_GRAYSCALE)
            detector = cv2.aruco.ArucoDetector(cv2.aruco.getPredefinedDictionary(cv2.aruco.DICT_4X4_50))
            detector.detectMarkers(gray)
        floor = time.perf_counter() - start
        bank = load_bank(ROOT / "questions")
        start = time.perf_counter()
        mark_scans(scans, manifest, bank, out / "checked")
        seconds = time.perf_counter() - start
    figures = {
        "sheets": args.sheets,
        "sheets_per_second": args.sheets / seconds,
        "floor_sheets_per_second": args.sheets / floor,
        "ratio_to_floor": seconds / floor,
    }
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
