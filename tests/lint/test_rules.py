"""Each lint rule on a small bank with that mistake: exactly the expected warnings, at the expected lines.

Every folder of tests/data/lint/ is a bank with an ``expected.txt``: one line per warning,
``CODE LINE IDS`` (LINE in bank.yaml, or ``file:line``; IDS comma-separated or ``-``),
``waived`` at the end for a finding a waiver silences. Add a folder, get a test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from chinaai_learn.lint import RULES, lint_bank, load_config
from chinaai_learn.loading import load_bank

from ..conftest import DATA

CASES = sorted(p for p in (DATA / "lint").iterdir() if p.is_dir())


def _expected(folder: Path) -> list[tuple[str, str, int, tuple[str, ...], bool]]:
    rows = []
    for line in (folder / "expected.txt").read_text().splitlines():
        code, where, ids, *flag = line.split()
        file, _, number = where.rpartition(":")
        rows.append(
            (
                code,
                file or "bank.yaml",
                int(number),
                () if ids == "-" else tuple(ids.split(",")),
                flag == ["waived"],
            )
        )
    return sorted(rows)


@pytest.mark.parametrize("folder", CASES, ids=[p.name for p in CASES])
def test_each_mistake_gets_one_warning_at_its_line(folder: Path) -> None:
    bank = load_bank(folder)
    warnings = lint_bank(bank, load_config(folder))
    found = sorted((w.code, Path(w.file).name, w.line, w.question_ids, w.waived) for w in warnings)
    assert found == _expected(folder)


def test_every_rule_has_a_test_bank() -> None:
    covered = {line.split()[0] for p in CASES for line in (p / "expected.txt").read_text().splitlines()}
    assert covered == set(RULES)


def test_every_rule_is_documented() -> None:
    doc = (Path(__file__).resolve().parents[2] / "docs" / "lint-rules.md").read_text()
    for rule in RULES.values():
        assert f"### {rule.code} {rule.name}" in doc
