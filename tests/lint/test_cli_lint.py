"""``chinaai-learn lint`` and ``verify --lint`` as a user runs them: subprocesses, exit codes, messages."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from ..cli.test_cli import run
from ..conftest import DATA

NUMBERS = DATA / "lint" / "numbers"
WAIVERS = DATA / "lint" / "waivers"


def test_warnings_are_grouped_lines_with_a_summary_and_exit_zero() -> None:
    result = run("lint", "--bank", str(NUMBERS))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[0].endswith(
        "bank.yaml:4: L601 approximate-exact [usaid-spending] the source calls the figure approximate "
        "(“noch rund 50 Milliarden”) but the tolerance is 0: accept a range that fits the word (e.g. 5%), or ask in words"
    )
    assert lines[-1] == (
        "3 warnings (L601 approximate-exact: 1, L602 exact-with-tolerance: 1, L603 year-with-tolerance: 1); 0 waived"
    )


def test_strict_fails_on_open_warnings_only() -> None:
    assert run("lint", "--bank", str(NUMBERS), "--strict").returncode == 1
    clean = run("lint", "--bank", str(NUMBERS), "--strict", "--ignore", "numbers")
    assert clean.returncode == 0
    assert clean.stdout.strip() == "0 warnings; 0 waived"


def test_select_and_ignore_take_codes_prefixes_and_names() -> None:
    result = run("lint", "--bank", str(NUMBERS), "--select", "L60", "--ignore", "year-with-tolerance,L602")
    assert result.stdout.strip().splitlines()[-1] == "1 warning (L601 approximate-exact: 1); 0 waived"


def test_json_lists_warnings_waived_findings_and_counts() -> None:
    result = run("lint", "--bank", str(WAIVERS), "--json")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert data["counts"] == {"L001": 1, "L002": 1}
    assert [w["questions"] for w in data["warnings"]] == [["plenary-city"], ["baoding-newcomer"]]
    assert data["warnings"][0]["line"] == 17
    (waived,) = data["waived"]
    assert waived["code"] == "L401"
    assert waived["why"].startswith("Deliberately easy")


def test_waived_findings_are_counted_and_shown_on_request() -> None:
    hidden = run("lint", "--bank", str(WAIVERS))
    assert "L401" not in hidden.stdout
    assert hidden.stdout.strip().endswith("1 waived (list them with --show-waived)")
    shown = run("lint", "--bank", str(WAIVERS), "--show-waived")
    assert "L401 trivially-false [east-west]" in shown.stdout
    assert "(waived: Deliberately easy" in shown.stdout


def test_an_unknown_rule_is_a_clear_user_error() -> None:
    result = run("lint", "--bank", str(NUMBERS), "--ignore", "L6O1")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "unknown lint rule 'L6O1'" in result.stderr
    assert "docs/lint-rules.md" in result.stderr


def test_a_bad_lint_yaml_names_its_file_and_line(tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(NUMBERS, bank)
    (bank / "lint.yaml").write_text("ignore: [L601]\nsettings:\n  cluster_maximum: 4\n")
    result = run("lint", "--bank", str(bank))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "lint.yaml:3:3:" in result.stderr
    assert "cluster_maximum" in result.stderr

    (bank / "lint.yaml").write_text("select: [L601, giveaways]\n")
    result = run("lint", "--bank", str(bank))
    assert result.returncode == 2
    assert "lint.yaml:1:16:" in result.stderr
    assert "did you mean 'giveaway'?" in result.stderr


def test_the_bank_lint_yaml_switches_rules_off() -> None:
    result = run("lint", "--bank", str(DATA / "lint" / "config"), "--strict")
    assert result.returncode == 0
    assert result.stdout.strip() == "0 warnings; 0 waived"


def test_verify_lint_adds_the_warnings_without_failing() -> None:
    result = run("verify", "--bank", str(NUMBERS), "--lint")
    assert result.returncode == 0, result.stderr
    assert "L602 exact-with-tolerance [byd-units]" in result.stdout
    assert "verify levels 1–2" in result.stdout
