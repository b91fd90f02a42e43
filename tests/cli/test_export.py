"""``chinaai-learn export`` as a user runs it: files written, report printed, bad input refused."""

from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ..conftest import GOOD_BANK, ROOT
from ..exporters.gift_reader import parse_gift

GOOD = ["--bank", str(GOOD_BANK)]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CHINAAI_LEARN_BANK"}
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "export", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd,
        timeout=120,
    )


def test_moodle_xml_is_written_with_its_report(tmp_path: Path) -> None:
    out = tmp_path / "out" / "china-ki.xml"
    result = run("moodle-xml", "-o", str(out), *GOOD)
    assert result.returncode == 0, result.stderr
    root = ET.parse(out).getroot()
    assert len([q for q in root.iter("question") if q.get("type") != "category"]) == 9
    assert f"Moodle XML: 9 questions written to {out}" in result.stdout
    assert "numeric" in result.stdout
    assert "Converted: none" in result.stdout
    assert "Left out: none" in result.stdout


def test_gift_report_names_each_downgrade_with_details(tmp_path: Path) -> None:
    out = tmp_path / "china-ki.gift.txt"
    result = run("gift", "-o", str(out), "--lang", "en", "--details", *GOOD)
    assert result.returncode == 0, result.stderr
    assert len(parse_gift(out.read_text(encoding="utf-8"))) == 10  # the two-gap cloze is split in two
    assert "mini-tier-a-cloze: cloze with 2 gaps split into 2 GIFT questions" in result.stdout
    assert "mini-tiers-by-power: ordering written as matching" in result.stdout


def test_the_short_report_starts_with_a_summary_and_groups_by_reason(tmp_path: Path) -> None:
    result = run("gift", "-o", str(tmp_path / "x.gift"), *GOOD)
    assert result.returncode == 0, result.stderr
    first, *rest = result.stdout.splitlines()
    assert first.startswith("GIFT: 9 questions written to ")
    assert first.endswith("(4 converted, 0 left out)")
    grouped = [line for line in rest if " × " in line]
    assert any("GIFT allows one gap per question: mini-tier-a-cloze" in line for line in grouped), rest
    assert any("GIFT has no ordering type" in line and "mini-tiers-by-power" in line for line in grouped), (
        rest
    )
    assert "--details" in result.stdout


def test_quizlet_to_standard_output_keeps_the_report_apart() -> None:
    result = run("quizlet", *GOOD, "--type", "true_false")
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") == 1
    assert result.stdout.count("\t") == 1
    assert "Quizlet: 1 question written" in result.stderr


def test_selection_options_pick_the_questions(tmp_path: Path) -> None:
    out = tmp_path / "some.xml"
    result = run("moodle-xml", "-o", str(out), *GOOD, "--count", "3", "--seed", "7")
    assert result.returncode == 0, result.stderr
    first = out.read_text(encoding="utf-8")
    assert len([q for q in ET.fromstring(first).iter("question") if q.get("type") != "category"]) == 3
    assert run("moodle-xml", "-o", str(out), *GOOD, "--count", "3", "--seed", "7").returncode == 0
    assert out.read_text(encoding="utf-8") == first, "the same seed gives the same file"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--topic", "minni"], "did you mean 'mini'"),
        (["--count", "99"], "--count 99"),
        (["--category", "X"], "Quizlet has no categories"),
    ],
)
def test_bad_options_get_a_message_and_leave_the_old_file_alone(
    tmp_path: Path, args: list[str], words: str
) -> None:
    out = tmp_path / "cards.tsv"
    out.write_text("my old cards\n", encoding="utf-8")
    result = run("quizlet", "-o", str(out), *GOOD, *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert out.read_text(encoding="utf-8") == "my old cards\n"


def test_an_output_that_cannot_be_written_is_a_user_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x", encoding="utf-8")
    for target in (tmp_path, blocker / "china-ki.xml"):
        result = run("moodle-xml", "-o", str(target), *GOOD)
        assert result.returncode == 2
        assert f"-o {target}" in result.stderr
        assert "Traceback" not in result.stderr


def test_unknown_format_lists_the_formats() -> None:
    result = run("pdf", *GOOD)
    assert result.returncode == 2
    assert "moodle-xml" in result.stderr
    assert "gift" in result.stderr
    assert "quizlet" in result.stderr
