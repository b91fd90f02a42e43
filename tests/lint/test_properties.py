"""Linting never raises on a bank that loads: mutated copies of the test banks, seeded and bounded."""

from __future__ import annotations

import copy
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chinaai_learn.errors import BankError
from chinaai_learn.lint import LintConfig, lint_bank
from chinaai_learn.loading import load_bank

from ..conftest import DATA, GOOD_BANK

SOURCES = (GOOD_BANK / "sources.yaml").read_text()
TEMPLATES: list[dict[str, Any]] = [
    q
    for path in [GOOD_BANK / "mini.yaml", *sorted((DATA / "lint").glob("*/bank.yaml"))]
    for q in yaml.safe_load(path.read_text())["questions"]
]
# Words that make rules fire (negations, antonyms, acronyms, numbers, instructions) and odd text.
_WORDS = (
    "nicht kein Osten Westen rund fast über 600 2018 9. CRINK CIPA Nvidia Hebei Huzhou bereits "
    "weitere Wählen Sie alle zutreffenden Antworten wahr oder falsch Select all that apply ( ) „ “ - , ."
)
WORDS = st.sampled_from(_WORDS.split())
TEXT = st.one_of(
    st.lists(WORDS, min_size=1, max_size=12).map(" ".join),
    st.text(min_size=1, max_size=30).filter(lambda s: s.strip()),
)
TAGS = st.lists(st.sampled_from(["cost", "costs", "kosten", "zoelle", "markets", "a-b", "x1"]), max_size=3)


@st.composite
def question(draw: st.DrawFn, index: int) -> dict[str, Any]:
    q = copy.deepcopy(draw(st.sampled_from(TEMPLATES)))  # shared objects would be dumped as aliases
    q["id"] = f"q{index}"
    if draw(st.booleans()):
        q["prompt"] = {"de": draw(TEXT), "en": draw(TEXT)}
    q["tags"] = draw(TAGS)
    if q["type"] in ("single_choice", "multiple_choice"):
        q["shuffle"] = draw(st.booleans())
        if draw(st.booleans()):
            q["choices"] = [dict(c, text=draw(TEXT)) for c in q["choices"]]
    if q["type"] == "numeric":
        q["value"] = draw(st.sampled_from([0, 9, 50, 600, 2018, 296446, 1.4]))
        q["tolerance"] = draw(st.sampled_from([0, 1, "5%"]))
    if q["type"] == "true_false":
        q["answer"] = draw(st.booleans())
    if draw(st.booleans()):
        q["lint"] = {
            "ignore": draw(st.lists(st.sampled_from(["L401", "L201", "L999", "x"]), min_size=1)),
            "why": "t",
        }
    return q


@st.composite
def bank_files(draw: st.DrawFn) -> list[dict[str, Any]]:
    n_topics = draw(st.integers(1, 2))
    return [
        {
            "topic": {"id": f"t{t}", "title": "T"},
            "questions": [draw(question(t * 100 + i)) for i in range(draw(st.integers(1, 6)))],
        }
        for t in range(n_topics)
    ]


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@given(files=bank_files(), cluster_max=st.integers(1, 4))
def test_linting_a_bank_that_loads_never_raises(files: list[dict[str, Any]], cluster_max: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "sources.yaml").write_text(SOURCES)
        for data in files:
            (folder / f"{data['topic']['id']}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True))
        try:
            bank = load_bank(folder)
        except BankError:
            return  # the mutation made an invalid bank: verification's job, not the linter's
        config = LintConfig().with_settings(cluster_max=cluster_max)
        for warning in lint_bank(bank, config):
            assert warning.line >= 1, warning  # every finding is placed at a question of a real file
            assert set(warning.question_ids) <= {q.id for q in bank.questions}
