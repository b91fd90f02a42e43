"""The shipped banks meet the editorial bar of issue 17: lint clean, no clusters, balanced, readable in English."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

import pytest

from chinaai_learn.lint import LintConfig, lint_bank, load_config
from chinaai_learn.loading import load_bank
from chinaai_learn.model import QUESTION_TYPES

from .conftest import SHIPPED_BANK

BANK = load_bank(SHIPPED_BANK)
NAMED_TOPICS = ("deepseek", "gods-eye", "ai-plus", "isa")
DENSITY_PER_1000 = (3.0, 6.0)  # fewest and most questions per 1,000 characters of a source text
# Where a document's own text ends and what follows it is not the author's (reader comments).
TEXT_ENDS_BEFORE = {"ai-plus-offensive-2025": "Kommentare lesen und schreiben"}


def test_the_shipped_banks_lint_clean() -> None:
    """Every finding is fixed or waived on its question with a reason."""
    found = lint_bank(BANK, load_config(SHIPPED_BANK))
    open_ = [str(w) for w in found if not w.waived]
    assert not open_, "\n".join(open_)


def test_no_source_sentence_is_cited_by_more_than_three_questions() -> None:
    """The cluster rule at its default of three, with no waiver allowed to excuse a cluster."""
    config = LintConfig().with_selection(["source-cluster"], [])
    assert config.settings.cluster_max == 3
    clusters = [str(w) for w in lint_bank(BANK, config)]
    assert not clusters, "\n".join(clusters)


def own_text(doc: str, corpus: Path) -> str:
    """The document's text, without what follows its end (reader comments)."""
    text = (corpus / f"{doc}.txt").read_text(encoding="utf-8")
    marker = TEXT_ENDS_BEFORE.get(doc)
    if marker is not None:
        assert marker in text, f"{doc}: the marker of its reader comments moved ({marker!r})"
        text = text[: text.index(marker)]
    return text


@pytest.mark.parametrize("doc", sorted(BANK.sources))
def test_every_document_is_tested_in_proportion_to_its_length(doc: str, corpus_dir: Path) -> None:
    asking = [q.id for q in BANK.questions if any(c.doc == doc for c in q.citations)]
    chars = len(own_text(doc, corpus_dir))
    density = 1000 * len(asking) / chars
    low, high = DENSITY_PER_1000
    assert low <= density <= high, (
        f"{doc}: {len(asking)} questions on {chars} characters = {density:.2f} per 1,000 (want {low}–{high})"
    )


def test_the_reader_comments_are_cut_where_they_begin(corpus_dir: Path) -> None:
    """The cut keeps the article's conclusion and drops the first reader comment."""
    text = own_text("ai-plus-offensive-2025", corpus_dir)
    assert "China verschiebt die Achsen der globalen KI-Welt" in text
    assert "ein äußerst wertvoller Beitrag" not in text


def test_the_bank_keeps_at_least_300_questions() -> None:
    assert len(BANK.questions) >= 300


@pytest.mark.parametrize("topic", NAMED_TOPICS)
def test_every_named_topic_has_every_type_and_difficulty(topic: str) -> None:
    questions = BANK.select(topics=[topic])
    assert set(QUESTION_TYPES) - set(BANK.type_counts(topic)) == set()
    assert {q.difficulty for q in questions} == {1, 2, 3}


def test_every_citation_has_an_english_translation() -> None:
    missing = [
        q.id
        for q in BANK.questions
        for c in q.citations
        if c.translation is None or not c.translation.en.strip()
    ]
    assert not missing, missing


def test_every_tag_is_declared_and_used_by_at_least_three_questions() -> None:
    assert BANK.tag_labels, "questions/tags.yaml declares the tag vocabulary"
    uses: Counter[str] = Counter(tag for q in BANK.questions for tag in q.tags)
    undeclared: dict[str, list[str]] = defaultdict(list)
    for q in BANK.questions:
        for tag in q.tags:
            if tag not in BANK.tag_labels:
                undeclared[tag].append(q.id)
    assert not undeclared, dict(undeclared)
    rare = {tag: uses[tag] for tag in BANK.tag_labels if uses[tag] < 3}
    assert not rare, rare
