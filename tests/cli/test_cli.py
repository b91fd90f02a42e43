"""The command line as a user runs it: real subprocesses, exit codes, no tracebacks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from chinaai_learn.loading import load_bank
from chinaai_learn.model import MultipleChoice, SingleChoice
from chinaai_learn.presentation import fixed_choice_order
from chinaai_learn.render import letter

from ..conftest import DATA, GOOD_BANK, ROOT

GOOD = ["--bank", str(GOOD_BANK)]
MINI = load_bank(GOOD_BANK)


def shown_letters(qid: str, *, correct: bool) -> list[str]:
    """The letters `show` prints beside the correct (or the wrong) choices of ``qid``."""
    question = MINI.get(qid)
    assert isinstance(question, (SingleChoice, MultipleChoice))
    order = fixed_choice_order(question)
    return [letter(k) for k, i in enumerate(order) if question.choices[i].correct is correct]


def run(*args: str, env: dict[str, str] | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=120,
    )


@pytest.mark.parametrize("command", ["list", "show", "check", "verify", "lint", "schema"])
def test_every_command_has_help(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0
    assert "usage: chinaai-learn" in result.stdout


def test_list_shows_topics_with_counts() -> None:
    result = run("list", *GOOD, "--lang", "en")
    assert result.returncode == 0
    assert "mini" in result.stdout
    assert "Mini bank" in result.stdout
    total = next(line for line in result.stdout.splitlines() if line.startswith("total"))
    assert total.split()[1] == "9"


def test_the_bank_can_come_from_the_environment() -> None:
    result = run("list", env={"CHINAAI_LEARN_BANK": str(GOOD_BANK)})
    assert result.returncode == 0
    assert "Mini-Bank" in result.stdout


def test_show_prints_question_answer_explanation_and_marked_quote() -> None:
    result = run("show", "mini-tier-b-tops", *GOOD)
    assert result.returncode == 0
    out = result.stdout
    assert "Frage: Welche Rechenleistung" in out
    assert "Antwort: 254 TOPS" in out
    assert "Quelle: Kiefer" in out
    assert "1. März 2025" in out
    assert "Abschnitt „Drei Stufen" in out
    assert "von 254TOPS und" in out
    assert "  Beleg: 254TOPS" in out  # piped output names the proving span instead of marking it
    assert "**" not in out
    assert "\x1b" not in out


def test_lang_and_bank_work_before_the_command_name_too() -> None:
    before = run("--lang", "en", "--bank", str(GOOD_BANK), "show", "mini-tier-b-tops")
    after = run("show", "mini-tier-b-tops", "--lang", "en", "--bank", str(GOOD_BANK))
    assert before.returncode == 0, before.stderr
    assert before.stdout == after.stdout
    assert "Question: " in before.stdout


def test_a_value_after_the_command_wins_over_one_before_it() -> None:
    result = run("--lang", "de", "show", "mini-tier-b-tops", "--lang", "en", *GOOD)
    assert "Question: " in result.stdout


@pytest.mark.parametrize("command", ["show", "check", "verify", "anki", "worksheet", "export", "quiz"])
def test_help_is_plain_text_without_literal_marks(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "``" not in result.stdout


def test_a_corpus_folder_one_level_too_high_gets_one_message_naming_the_right_one(tmp_path: Path) -> None:
    texts = tmp_path / "shared" / "sources"
    texts.mkdir(parents=True)
    (texts / "kiefer-2025-03-epochenumbruch.txt").write_text("Eye of God", encoding="utf-8")
    result = run("verify", "--corpus", str(tmp_path / "shared"), *GOOD)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1, result.stderr
    assert "none of the" in result.stderr
    assert f"--corpus {texts}" in result.stderr


@pytest.mark.parametrize(
    ("qid", "answer", "lang", "code", "verdict"),
    [
        ("mini-isa-volume", ["1,4"], "de", 0, "✔ Richtig"),
        ("mini-isa-volume", ["1.4"], "en", 0, "✔ Correct"),
        ("mini-isa-volume", ["1.4"], "de", 1, "✖ Falsch"),
        ("mini-tier-b-tops", ["254", "TOPS"], "de", 0, "✔ Richtig"),
        ("mini-aiplus-2027", shown_letters("mini-aiplus-2027", correct=True), "de", 0, "✔ Richtig"),
        ("mini-aiplus-2027", shown_letters("mini-aiplus-2027", correct=False)[:1], "en", 1, "✖ Incorrect"),
        (
            "mini-aiplus-models",
            [",".join(shown_letters("mini-aiplus-models", correct=True)[:2])],
            "de",
            1,
            "Teilweise richtig: 0,67 von 1 Punkt",
        ),
        ("mini-aiplus-state-council", ["wahr"], "de", 0, "✔ Richtig"),
        ("mini-tier-a-cloze", ["three", "508"], "en", 0, "✔ Correct"),
        ("mini-deepseek-city", ["hangzhou."], "de", 0, "✔ Richtig"),
        ("mini-isa-volume", ["abc"], "de", 2, "Keine Antwort"),  # typed but unreadable: exit 2, as documented
    ],
)
def test_check_grades_and_cites(qid: str, answer: list[str], lang: str, code: int, verdict: str) -> None:
    result = run("check", qid, *answer, "--lang", lang, *GOOD)
    assert result.returncode == code, result.stderr
    assert verdict in result.stdout.splitlines()[0]
    assert "»" in result.stdout  # the cited passage is printed


def test_check_with_every_box_ticked_scores_zero_and_with_none_is_no_answer() -> None:
    every = ",".join(letter(k) for k in range(4))
    ticked = run("check", "mini-aiplus-models", every, *GOOD, "--lang", "en")
    assert ticked.returncode == 1
    assert ticked.stdout.splitlines()[0] == "✖ Incorrect"
    assert "Scoring: +1/3 for each correct choice ticked, −1/1 for each wrong one" in ticked.stdout
    nothing = run("check", "mini-aiplus-models", "", *GOOD, "--lang", "en")
    assert nothing.returncode == 1, nothing.stderr
    assert nothing.stdout.splitlines()[0] == "✖ No answer"
    assert "Partly" not in nothing.stdout


def test_check_accepts_a_typo_and_names_the_correct_spelling() -> None:
    result = run("check", "mini-deepseek-city", "Hangzou", *GOOD, "--lang", "de")
    assert result.returncode == 0
    assert result.stdout.splitlines()[:2] == ["✔ Richtig", "akzeptiert, richtige Schreibweise: Hangzhou"]
    english = run("check", "mini-deepseek-city", "Hangzou", *GOOD, "--lang", "en")
    assert "accepted, correct spelling: Hangzhou" in english.stdout


def test_show_lists_choices_in_a_fixed_shuffle_and_check_reads_those_letters() -> None:
    question = MINI.get("mini-aiplus-2027")
    assert isinstance(question, SingleChoice)
    out = run("show", "mini-aiplus-2027", *GOOD, "--lang", "en").stdout
    listed = [line.split(") ", 1)[1] for line in out.splitlines() if line.startswith("  ") and ") " in line]
    assert listed == [question.choices[i].text("en") for i in fixed_choice_order(question)]
    assert out == run("show", "mini-aiplus-2027", *GOOD, "--lang", "en").stdout  # the same every time
    (right,) = shown_letters("mini-aiplus-2027", correct=True)
    assert f"Answer: {right}) " in out
    assert "in a fixed shuffle per question" in run("show", "--help").stdout
    assert "Letters refer to the order" in run("check", "--help").stdout


def test_check_reads_ordering_and_matching_by_the_labels_show_prints() -> None:
    shown = run("show", "mini-tier-badges", *GOOD, "--lang", "en").stdout
    labels = {
        line.split(") ")[1]: line.strip()[0]
        for line in shown.splitlines()
        if ") " in line and line.startswith("  ")
    }
    answer = f"1={labels['gold']},2={labels['red']},3={labels['blue']}"
    assert run("check", "mini-tier-badges", answer, *GOOD, "--lang", "en").returncode == 0


def test_unreadable_answers_and_unknown_ids_are_clear_errors() -> None:
    result = run("check", "mini-aiplus-state-council", "vielleicht", *GOOD)
    assert result.returncode == 2
    assert "wahr/falsch" in result.stderr
    assert "Traceback" not in result.stderr
    result = run("check", "mini-tier-b-topps", "254", *GOOD)
    assert result.returncode == 2
    assert "mini-tier-b-tops" in result.stderr


def test_verify_passes_on_the_good_bank_with_the_corpus(corpus_dir: Path) -> None:
    result = run("verify", *GOOD, "--corpus", str(corpus_dir))
    assert result.returncode == 0
    assert "levels 1–3" in result.stdout
    assert ": OK" in result.stdout


def test_verify_fails_with_every_problem_and_no_traceback(tmp_path: Path) -> None:
    (tmp_path / "sources.yaml").write_bytes((GOOD_BANK / "sources.yaml").read_bytes())
    for name in ("unknown-key", "alias-bomb", "not-utf8"):
        (tmp_path / f"{name}.yaml").write_bytes((DATA / "bad" / f"{name}.yaml").read_bytes())
    result = run("verify", "--bank", str(tmp_path))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "unknown-key.yaml:12:5: [bad-q] unknown key 'explantion'" in result.stderr
    assert "alias-bomb.yaml:2:" in result.stderr
    assert "not-utf8.yaml:2:" in result.stderr


@pytest.mark.parametrize(
    "args",
    [["list", "--bank", "/nonexistent/bank"], ["verify", "--corpus", "/nonexistent/corpus"]],
)
def test_bad_paths_are_clear_errors(args: list[str]) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert "no such folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_schema_is_valid_json_schema_accepting_shorthands(tmp_path: Path) -> None:
    import json

    out = tmp_path / "bank.schema.json"
    assert run("schema", "-o", str(out)).returncode == 0
    schema = json.loads(out.read_text(encoding="utf-8"))
    assert schema["$defs"]["Text"]["anyOf"][0]["type"] == "string"
    assert set(schema["$defs"]) >= {"SingleChoice", "Cloze", "Numeric", "Matching", "Citation"}


@pytest.mark.parametrize("where", ["folder", "unwritable"])
def test_schema_to_a_bad_place_says_what_to_do_without_traceback(tmp_path: Path, where: str) -> None:
    if where == "folder":
        target = tmp_path
    else:
        blocker = tmp_path / "a-file"
        blocker.write_text("", encoding="utf-8")
        target = blocker / "bank.schema.json"  # its folder is a file: cannot be created
    result = run("schema", "-o", str(target))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"-o {target}:" in result.stderr
    assert "give a file name" in result.stderr or "choose another place" in result.stderr


def test_files_the_loader_passes_over_are_named(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(GOOD_BANK, bank)
    (bank / ".#mini.yaml").write_text("an editor's lock file", encoding="utf-8")
    result = run("list", "--bank", str(bank))
    assert result.returncode == 0, result.stderr
    assert "note: " in result.stderr
    assert ".#mini.yaml: skipped" in result.stderr
