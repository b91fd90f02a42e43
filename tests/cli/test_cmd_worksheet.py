"""``chinaai-learn worksheet`` as a teacher runs it: files written, clear errors, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chinaai_learn.loading import load_bank

from ..conftest import ROOT, SHIPPED_BANK
from ..exporters.worksheet_helpers import MIXED, bank_folder

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "worksheet", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture
def bank(tmp_path) -> str:
    folder = tmp_path / "bank"
    folder.mkdir()
    return str(bank_folder(folder))


def names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_versions_in_all_three_formats_with_a_manifest(bank, tmp_path) -> None:
    out = tmp_path / "out"
    result = run(
        "--bank", bank, "--topic", "mixed", "--count", "6", "--versions", "2", "--seed", "7", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert names(out) == [
        "worksheet-A.html", "worksheet-A.md", "worksheet-A.pdf",
        "worksheet-B.html", "worksheet-B.md", "worksheet-B.pdf",
        "worksheet-manifest.json",
    ]  # fmt: skip
    assert result.stdout.startswith("6 questions, versions A–B, seed 7:")
    assert all(p.name in result.stdout for p in out.iterdir())


def test_chosen_formats_with_separate_keys(bank, tmp_path) -> None:
    out = tmp_path / "out"
    result = run(
        "--bank",
        bank,
        "--format",
        "pdf",
        "--format",
        "md",
        "--key-separate",
        "--name",
        "test-3b",
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert names(out) == [
        "test-3b-A-key.md",
        "test-3b-A-key.pdf",
        "test-3b-A.md",
        "test-3b-A.pdf",
        "test-3b-manifest.json",
    ]
    assert "Lösungsschlüssel" not in (out / "test-3b-A.md").read_text(encoding="utf-8")
    assert "Lösungsschlüssel" in (out / "test-3b-A-key.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--versions", "27"], "1 to 26 versions"),
        (["--format", "docx"], "invalid choice: 'docx'"),
        (["--topic", "mixd"], "did you mean 'mixed'"),
        (["--count", "9"], "only 8 questions match"),
        (["--type", "essay"], "--type essay: unknown question type"),
        (["--name", "../x"], "--name '../x'"),
        (["--paper", "a5"], "invalid choice: 'a5'"),
    ],
)
def test_bad_options_get_a_clear_message_and_exit_2(bank, tmp_path, args, words) -> None:
    result = run("--bank", bank, "-o", str(tmp_path / "out"), *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_an_output_path_that_is_a_file_is_refused(bank, tmp_path) -> None:
    target = tmp_path / "notes.txt"
    target.write_text("my notes", encoding="utf-8")
    result = run("--bank", bank, "-o", str(target))
    assert result.returncode == 2
    assert "is a file, not a folder" in result.stderr
    assert target.read_text(encoding="utf-8") == "my notes"


def test_an_uncovered_character_stops_before_any_file_is_touched(tmp_path) -> None:
    text = MIXED.read_text(encoding="utf-8").replace("Wer gründete BYD?", "Wer gründete 比亚迪?")
    bank = bank_folder(tmp_path, mixed=text)
    out = tmp_path / "out"
    out.mkdir()
    (out / "worksheet-A.pdf").write_bytes(b"last week's sheet")
    result = run("--bank", str(bank), "-o", str(out))
    assert result.returncode == 2
    assert "question mixed-short: '比' (U+6BD4" in result.stderr
    assert "Traceback" not in result.stderr
    assert names(out) == ["worksheet-A.pdf"]
    assert (out / "worksheet-A.pdf").read_bytes() == b"last week's sheet"
    html_only = run("--bank", str(bank), "-o", str(out), "--format", "html")
    assert html_only.returncode == 0
    assert "比亚迪" in (out / "worksheet-A.html").read_text(encoding="utf-8")


def test_a_recipe_builds_and_options_on_the_command_line_override_it(bank, tmp_path) -> None:
    recipe = tmp_path / "quiz-7b.yaml"
    recipe.write_text(
        "title: Quiz 7b\naddress: du\ncount: 4\nseed: 5\nversions: 2\nformats: [md]\n"
        "time_allowed: 15\npoints: {true_false: 2}\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    result = run("--bank", bank, str(recipe), "--count", "3", "--address", "Sie", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3 questions, versions A–B, seed 5:")
    assert names(out) == ["quiz-7b-A.md", "quiz-7b-B.md", "quiz-7b-manifest.json"]
    sheet = (out / "quiz-7b-A.md").read_text(encoding="utf-8")
    assert sheet.startswith("# Quiz 7b")
    assert "Bearbeitungszeit: 15 Minuten" in sheet
    assert "Kreuze " not in sheet, "--address Sie overrides the recipe's du"


def test_a_bad_recipe_stops_with_file_and_line(bank, tmp_path) -> None:
    recipe = tmp_path / "broken.yaml"
    recipe.write_text("title: Quiz\nversions: 30\n", encoding="utf-8")
    result = run("--bank", bank, str(recipe), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "broken.yaml:2:1: versions must be a whole number from 1 to 26, not 30" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_count_thinning_per_topic_is_reported(tmp_path) -> None:
    result = run("--per-topic", "3", "--count", "30", "--format", "md", "-o", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    drawn = 3 * len(load_bank(SHIPPED_BANK).topics)
    assert (
        f"--count 30 keeps 30 of the {drawn} questions that --per-topic 3 drew; left out per topic:"
        in result.stdout
    )
