"""Answer sheets printed, filled in by program, damaged as scans and photos are, then marked.

The promise: no answer is ever read wrong. A box that cannot be read for sure is flagged
for the teacher (and counted here), never guessed.
"""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import cv2
import numpy as np
import pytest

from chinaai_learn.loading import load_bank
from chinaai_learn.marking import layout as L
from chinaai_learn.marking.marking import mark_scans, results_csv
from chinaai_learn.marking.sheet import answer_sheet_pdf, sheet_pages

from ..conftest import ROOT, SHIPPED_BANK
from .sheet_faker import degrade, draw_mark, render_pages, save_jpeg, save_pdf

MARKS = ("cross", "tick", "hatch")
SHEETS = 100


@pytest.fixture(scope="module")
def worksheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A two-version worksheet over the God's Eye topic, built by the real command."""
    out = tmp_path_factory.mktemp("worksheet")
    subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "worksheet", "--topic", "gods-eye", "--count", "24",
         "--versions", "2", "--seed", "7", "--format", "md", "-o", str(out)],
        check=True, capture_output=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    return out / "worksheet-manifest.json"


def fill(page, questions, rng: random.Random, pupil: str, types: dict[int, str]):
    """Mark the page like a pupil; returns per question the letters meant and whether it must be flagged."""
    truth: dict[int, tuple[set[int], bool]] = {}
    boxes = {(b.question, b.option): b for b in L.question_boxes(questions)}
    for q in questions:
        options = list(range(q.options))
        case = rng.choices(["answer", "correction", "empty", "double", "faint"], [70, 10, 8, 6, 6])[0]
        if case == "empty":
            truth[q.number] = (set(), False)
            continue
        if case == "faint":
            draw_mark(page, boxes[(q.number, rng.choice(options))], "faint", rng)
            truth[q.number] = (set(), True)
            continue
        many = q.options > 2 and rng.random() < 0.3
        chosen = set(rng.sample(options, 2 if (case == "double" or many) else 1))
        for o in chosen:
            draw_mark(page, boxes[(q.number, o)], rng.choice(MARKS), rng)
        if case == "correction":
            cancelled = rng.choice([o for o in options if o not in chosen])
            draw_mark(page, boxes[(q.number, cancelled)], "filled", rng)
        several_asked = types[q.number] == "multiple_choice"
        truth[q.number] = (chosen, len(chosen) > 1 and not several_asked)
    for box in L.pupil_boxes():
        if box.option == int(pupil[box.question]):
            draw_mark(page, box, rng.choice(("cross", "tick")), rng)
    return truth


def letters(options: set[int], question: L.SheetQuestion) -> str:
    if question.true_false:
        return ",".join("W" if o == 0 else "F" for o in sorted(options))
    return ",".join(question.label(o) for o in sorted(options))


@pytest.mark.slow
def test_a_hundred_damaged_sheets_are_marked_without_a_wrong_answer(worksheet: Path, tmp_path: Path) -> None:
    manifest_text = worksheet.read_text(encoding="utf-8")
    manifest = json.loads(manifest_text)
    pages = list(sheet_pages(manifest))
    rendered = render_pages(answer_sheet_pdf(manifest_text))
    bank = load_bank(SHIPPED_BANK)
    types = {(v["label"], q["number"]): q["type"] for v in manifest["versions"] for q in v["questions"]}
    rng = random.Random(2025)
    truths, scans = {}, []
    for n in range(SHEETS):
        which = n % len(pages)
        page, image = pages[which], rendered[which].copy()
        pupil = f"{n:03d}"
        kinds = {number: kind for (label, number), kind in types.items() if label == page.version}
        truth = fill(image, list(page.questions), rng, pupil, kinds)
        damaged = degrade(image, rng, strength=rng.uniform(0.3, 1.0))
        path = tmp_path / f"sheet-{n:03d}.{'jpg' if n % 3 else 'png'}"
        if n % 3:
            save_jpeg(damaged, path, quality=rng.randint(45, 85))
        else:
            cv2.imwrite(str(path), damaged)
        truths[path.name] = (page, truth, pupil)
        scans.append(path)

    results = mark_scans(scans, worksheet, bank, tmp_path / "checked")
    assert len(results) == SHEETS
    flagged = must_flag = 0
    for result in results:
        page, truth, pupil = truths[result.source]
        assert result.problem is None, (result.source, result.problem)
        assert result.pupil == pupil, result.source
        assert result.version == page.version
        for mark in result.marks:
            meant, flag_expected = truth[mark.number]
            must_flag += flag_expected
            question = next(q for q in page.questions if q.number == mark.number)
            if mark.flag:
                flagged += 1
                continue
            assert not flag_expected, f"{result.source} Q{mark.number}: should be flagged, read {mark.read!r}"
            assert mark.read == letters(meant, question), (
                result.source,
                mark.number,
                types[(page.version, mark.number)],
            )
        assert result.check_image is not None
        assert result.check_image.is_file()
    assert flagged >= must_flag
    print(
        f"\n{SHEETS} sheets, {sum(len(r.marks) for r in results)} questions: {flagged} flagged ({must_flag} had to be), 0 read wrong"
    )


def test_points_follow_the_scoring_rules_and_the_csv_has_a_row_per_sheet(
    worksheet: Path, tmp_path: Path
) -> None:
    manifest_text = worksheet.read_text(encoding="utf-8")
    manifest = json.loads(manifest_text)
    page = next(iter(sheet_pages(manifest)))
    version = next(v for v in manifest["versions"] if v["label"] == page.version)
    by_number = {q["number"]: q for q in version["questions"]}
    image = render_pages(answer_sheet_pdf(manifest_text))[0].copy()
    rng = random.Random(3)
    boxes = {(b.question, b.option): b for b in L.question_boxes(list(page.questions))}
    right = 0
    for q in page.questions:  # every correct box, by the key's letters
        entry = by_number[q.number]
        if q.true_false:
            right_boxes = [0 if entry["answer"]["true"] else 1]
        else:
            right_boxes = [list(entry["labels"]).index(letter) for letter in entry["answer"]["letters"]]
        for option in right_boxes:
            draw_mark(image, boxes[(q.number, option)], "cross", rng)
        right += entry.get("points", 1)
    for box in L.pupil_boxes():
        if box.option == 0:
            draw_mark(image, box, "cross", rng)
    path = tmp_path / "all-right.png"
    cv2.imwrite(str(path), image)
    [result] = mark_scans([path], worksheet, load_bank(SHIPPED_BANK), tmp_path / "checked")
    assert result.flagged == []
    assert result.total == result.max_points == right
    rows = list(csv.DictReader(io.StringIO(results_csv([result]))))
    assert rows[0]["pupil"] == "000"
    assert rows[0]["percent"] == "100"


def test_an_unreadable_photo_is_reported_not_guessed(worksheet: Path, tmp_path: Path) -> None:
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((800, 600, 3), 255, np.uint8))
    [result] = mark_scans([blank], worksheet, load_bank(SHIPPED_BANK), tmp_path / "checked")
    assert result.problem is not None
    assert "corner marks" in result.problem
    assert result.marks == []


def test_the_mark_command_writes_results_and_check_images(worksheet: Path, tmp_path: Path) -> None:
    manifest_text = worksheet.read_text(encoding="utf-8")
    image = render_pages(answer_sheet_pdf(manifest_text))[0].copy()
    rng = random.Random(5)
    for box in L.pupil_boxes():
        if box.option == 7:
            draw_mark(image, box, "tick", rng)
    photo = save_jpeg(degrade(image, rng), tmp_path / "photo.jpg")
    out = tmp_path / "marked"
    result = subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "mark", str(photo), "--manifest", str(worksheet), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "pupil 777, version A: 0 of" in result.stdout
    rows = list(csv.DictReader((out / "results.csv").open(encoding="utf-8")))
    assert rows[0]["pupil"] == "777"
    assert (out / "photo-checked.png").is_file()


def sheet_to_look_at(printed: np.ndarray, page, pupil: str, rng: random.Random) -> np.ndarray:
    """A scanned sheet of ``pupil`` with a faint mark in its first question: a box the teacher must look at."""
    image = printed.copy()
    first = page.questions[0].number
    box = next(b for b in L.question_boxes(list(page.questions)) if b.question == first)
    draw_mark(image, box, "faint", rng)
    for box in L.pupil_boxes():
        if box.option == int(pupil[box.question]):
            draw_mark(image, box, "cross", rng)
    return degrade(image, rng, strength=0.5)


def run_mark(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "mark", *map(str, args)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )  # fmt: skip


def line_of(output: str, source: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(f"{source}: "))


def test_every_page_of_a_pdf_scan_gets_its_own_check_image(worksheet: Path, tmp_path: Path) -> None:
    """A copier PDF of a class (sheets of versions A, B, A): each page's flagged box can be looked at."""
    manifest_text = worksheet.read_text(encoding="utf-8")
    pages = list(sheet_pages(json.loads(manifest_text)))
    printed = render_pages(answer_sheet_pdf(manifest_text))
    rng = random.Random(11)
    sheets = [(0, "111"), (1, "222"), (0, "333")]
    scan = save_pdf(
        [sheet_to_look_at(printed[which], pages[which], pupil, rng) for which, pupil in sheets],
        tmp_path / "answer-sheets.pdf",
    )
    out = tmp_path / "marked"
    result = run_mark(scan, "--manifest", worksheet, "-o", out)
    assert result.returncode == 0, result.stderr
    for number, (which, pupil) in enumerate(sheets, start=1):
        image = out / f"answer-sheets-p{number}-checked.png"
        assert image.is_file()
        line = line_of(result.stdout, f"answer-sheets.pdf#{number}")
        assert f"pupil {pupil}, version {pages[which].version}:" in line
        assert line.endswith(f"1 flagged: look at {image}")


def test_scans_of_the_same_name_from_two_folders_keep_both_check_images(
    worksheet: Path, tmp_path: Path
) -> None:
    manifest_text = worksheet.read_text(encoding="utf-8")
    page = next(iter(sheet_pages(json.loads(manifest_text))))
    printed = render_pages(answer_sheet_pdf(manifest_text))[0]
    rng = random.Random(12)
    scans = []
    for folder, pupil in (("7a", "101"), ("7b", "202")):
        (tmp_path / folder).mkdir()
        scans.append(save_jpeg(sheet_to_look_at(printed, page, pupil, rng), tmp_path / folder / "scan.jpg"))
    out = tmp_path / "marked"
    result = run_mark(*scans, "--manifest", worksheet, "-o", out)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if line.startswith("scan.jpg: ")]
    for line, pupil, image in zip(
        lines, ("101", "202"), ("scan-checked.png", "scan-2-checked.png"), strict=True
    ):
        assert f"pupil {pupil}," in line
        assert line.endswith(f"look at {out / image}")
        assert (out / image).is_file()


def test_bad_scans_and_a_missing_manifest_get_clear_messages(worksheet: Path, tmp_path: Path) -> None:
    def mark(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "chinaai_learn", "mark", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
        )

    missing = mark(str(tmp_path / "nope.png"), "--manifest", str(worksheet))
    assert missing.returncode == 2
    assert "no such file" in missing.stderr
    text = tmp_path / "notes.txt"
    text.write_text("hello", encoding="utf-8")
    wrong_kind = mark(str(text), "--manifest", str(worksheet))
    assert wrong_kind.returncode == 2
    assert "PDF scans or PNG/JPEG" in wrong_kind.stderr
    no_manifest = mark(str(worksheet), "--manifest", str(tmp_path / "none.json"))
    assert no_manifest.returncode == 2
    assert "Traceback" not in no_manifest.stderr


def test_a_pdf_scan_of_an_empty_sheet_reads_as_no_answers_and_asks_for_the_pupil_number(
    worksheet: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(answer_sheet_pdf(worksheet.read_text(encoding="utf-8")))  # every page, nothing filled in
    results = mark_scans([pdf], worksheet, load_bank(SHIPPED_BANK), tmp_path / "checked")
    assert len(results) == len(list(sheet_pages(json.loads(worksheet.read_text(encoding="utf-8")))))
    for result in results:
        assert result.problem is not None
        assert "pupil number" in result.problem  # never guessed
        assert result.marks
        assert all(m.read == "" and m.points == 0 and not m.flag for m in result.marks)
