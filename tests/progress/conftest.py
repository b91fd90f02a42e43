"""Fixtures for progress tests: small generated banks, a fixed clock, stores with FSRS fuzzing off."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.loading import load_bank
from chinaai_learn.progress import Answer, CardScheduler, ProgressStore

from ..conftest import GOOD_BANK

# A fixed "now": Saturday 1 March 2025, 09:00 in a fixed UTC+1 zone (days are local days).
ZONE = timezone(timedelta(hours=1))
T0 = datetime(2025, 3, 1, 9, 0, tzinfo=ZONE)

_QUESTION = """\
  - id: {qid}
    type: true_false
    difficulty: 1
    prompt: {{de: "Aussage {qid}.", en: "Statement {qid}."}}
    answer: true
    explanation: {{de: Erklärung., en: Explanation.}}
    source:
      doc: ai-plus-offensive-2025
      quote: "Ende Juli verabschiedete der Staatsrat die AI+ Initiative"
"""


def write_bank(folder: Path, **topics: int) -> Path:
    """A bank folder with ``topic=n`` true/false questions each, ids ``<topic>-1`` … ``<topic>-n``."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(GOOD_BANK / "sources.yaml", folder / "sources.yaml")
    for topic, n in topics.items():
        body = "".join(_QUESTION.format(qid=f"{topic}-{i}") for i in range(1, n + 1))
        (folder / f"{topic}.yaml").write_text(
            f"topic:\n  id: {topic}\n  title: {{de: {topic.title()}, en: {topic.title()}}}\nquestions:\n{body}",
            encoding="utf-8",
        )
    return folder


def answer(
    qid: str, at: datetime, correct: bool = True, *, hinted: bool = False, topic: str | None = None
) -> Answer:
    return Answer(qid, topic or qid.rsplit("-", 1)[0], correct, float(correct), at, hinted=hinted, lang="de")


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return load_bank(write_bank(tmp_path / "bank", alpha=5, beta=3))


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProgressStore]:
    with ProgressStore.open(tmp_path / "progress.sqlite3", scheduler=CardScheduler(fuzzing=False)) as opened:
        yield opened
