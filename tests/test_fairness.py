"""No output gives an answer away by position; shuffle: false keeps bank order; years read as years.

The shipped banks list the correct choice first, so every surface that shows choices is
checked over them: the position of the right choice must be spread out.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.cli.cmd_show import question_lines
from chinaai_learn.exporters.gift import export_gift
from chinaai_learn.exporters.moodle import export_moodle_xml
from chinaai_learn.exporters.quizlet import card_term
from chinaai_learn.exporters.worksheet.build import build_worksheet
from chinaai_learn.exporters.worksheet.key import key_answer
from chinaai_learn.exporters.worksheet.model import WorksheetOptions
from chinaai_learn.fairness import position_bias
from chinaai_learn.loading import load_bank
from chinaai_learn.model import MultipleChoice, Numeric, SingleChoice
from chinaai_learn.presentation import fixed_choice_order, layout
from chinaai_learn.render import correct_answer, letter
from chinaai_learn.schema import bank_json_schema
from chinaai_learn.selection import SelectionCriteria
from chinaai_learn.session import QuizSession

from .conftest import SHIPPED_BANK
from .exporters.gift_reader import parse_gift
from .exporters.worksheet_helpers import bank_folder, worksheet

MAX_SHARE = 0.4  # no position may hold more than this share of four-choice answers
SHIPPED = load_bank(SHIPPED_BANK)
FOUR_CHOICE = [q for q in SHIPPED.questions if isinstance(q, SingleChoice) and len(q.choices) == 4]
MULTIPLE = [q for q in SHIPPED.questions if isinstance(q, MultipleChoice)]


def assert_spread(positions: Sequence[int], what: str) -> None:
    counts = Counter(positions)
    assert len(positions) == len(FOUR_CHOICE)
    worst, n = counts.most_common(1)[0]
    assert n / len(positions) <= MAX_SHARE, f"{what}: position {worst + 1} holds {n} of {len(positions)}"


def test_the_shipped_banks_would_give_answers_away_without_shuffling() -> None:
    """The premise: in bank order, the right choice is nearly always first."""
    assert len(FOUR_CHOICE) >= 20
    first = sum(q.correct_indices[0] == 0 for q in FOUR_CHOICE)
    assert first / len(FOUR_CHOICE) > MAX_SHARE


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 4])
def test_the_quiz_and_classroom_spread_the_right_choice_for_every_session_seed(seed: int) -> None:
    session = QuizSession(SHIPPED, FOUR_CHOICE, seed=seed)
    assert_spread([session.layout(q).position(q.correct_indices[0]) for q in FOUR_CHOICE], f"seed {seed}")


def test_a_session_order_is_stable_within_the_session_and_differs_between_sessions() -> None:
    one, again, other = (QuizSession(SHIPPED, FOUR_CHOICE, seed=s) for s in (5, 5, 6))
    assert [one.layout(q) for q in FOUR_CHOICE] == [again.layout(q) for q in FOUR_CHOICE]
    assert [one.layout(q) for q in FOUR_CHOICE] != [other.layout(q) for q in FOUR_CHOICE]


def test_multiple_choice_does_not_put_the_right_choices_first() -> None:
    for order_of in (fixed_choice_order, lambda q: layout(q, 3).order):
        first_k = [sorted(order_of(q)[: len(q.correct_indices)]) == q.correct_indices for q in MULTIPLE]
        assert sum(first_k) / len(MULTIPLE) <= MAX_SHARE


def shown_position(lines: Sequence[str], question: SingleChoice, lang: str) -> int:
    """The 0-based position at which ``lines`` (one per choice, 'X) text') show the right choice."""
    right = question.choices[question.correct_indices[0]].text(lang)
    (position,) = [k for k, line in enumerate(lines) if line.endswith(f") {right}")]
    return position


def _show(q: SingleChoice) -> int:
    return shown_position([line for line in question_lines(q, "de") if line.startswith("  ")], q, "de")


def _quizlet(q: SingleChoice) -> int:
    term = card_term(q, "en")
    return shown_position(re.split(r" (?=[A-D]\) )", term)[1:], q, "en")


def _gift(q: SingleChoice) -> int:
    (parsed,) = parse_gift(export_gift(SHIPPED, [q], "de").content)
    return [a.correct for a in parsed.answers].index(True)


def _moodle(q: SingleChoice) -> int:
    root = ET.fromstring(export_moodle_xml(SHIPPED, [q], "en").content)
    (question,) = [e for e in root.iter("question") if e.get("type") == "multichoice"]
    assert question.findtext("shuffleanswers") == "true"
    return [float(a.get("fraction", "0")) for a in question.findall("answer")].index(100.0)


@pytest.mark.parametrize(
    "surface", [_show, _quizlet, _gift, _moodle], ids=["show-check", "quizlet", "gift", "moodle"]
)
def test_every_export_spreads_the_right_choice(surface: Callable[[SingleChoice], int]) -> None:
    assert_spread([surface(q) for q in FOUR_CHOICE], surface.__name__)


def test_check_and_anki_labels_follow_the_fixed_order() -> None:
    for q in FOUR_CHOICE:
        position = fixed_choice_order(q).index(q.correct_indices[0])
        assert correct_answer(q, "de").startswith(f"{letter(position)}) ")


UNSHUFFLED = """\
topic: {id: fixed, title: {de: Feste Reihenfolge, en: Fixed order}}
questions:
"""
QUESTION = """\
  - id: fixed-{n}
    type: single_choice
    difficulty: 1
    shuffle: {shuffle}
    prompt: {{de: "Wie viele Modelle nennt der Artikel? ({n})", en: "How many models does the article name? ({n})"}}
    choices:
      - {{text: "21", correct: true}}
      - text: "1-5"
      - text: "6-10"
      - text: "11-20"
    explanation: {{de: Es sind 21., en: There are 21.}}
    source: {{doc: kiefer-2025-03-epochenumbruch, quote: "21 Modelle"}}
"""


def unshuffled_bank(folder: Path, shuffles: Sequence[bool]) -> Bank:
    text = UNSHUFFLED + "".join(
        QUESTION.format(n=n, shuffle="true" if s else "false") for n, s in enumerate(shuffles)
    )
    return load_bank(bank_folder(folder, fixed=text))


def test_shuffle_false_keeps_bank_order_on_every_surface(tmp_path: Path) -> None:
    bank = unshuffled_bank(tmp_path, [False])
    (q,) = bank.questions
    assert isinstance(q, SingleChoice)
    assert not q.shuffle
    assert all(layout(q, seed).order == (0, 1, 2, 3) for seed in range(10))
    assert fixed_choice_order(q) == (0, 1, 2, 3)
    root = ET.fromstring(export_moodle_xml(bank, [q], "de").content)
    (element,) = [e for e in root.iter("question") if e.get("type") == "multichoice"]
    assert element.findtext("shuffleanswers") == "false"
    assert [html.unescape(a.findtext("text") or "") for a in element.findall("answer")] == [
        "21",
        "1-5",
        "6-10",
        "11-20",
    ]
    gift = export_gift(bank, [q], "de")
    assert [a.text for a in parse_gift(gift.content)[0].answers] == ["21", "1-5", "6-10", "11-20"]
    assert "shuffle: false" in gift.report.text()  # GIFT cannot say so: reported
    assert card_term(q, "de").endswith("A) 21 B) 1-5 C) 6-10 D) 11-20")
    sheet = worksheet(bank, versions=3, seed=1)
    assert all(v.questions[0].order == (0, 1, 2, 3) for v in sheet.versions)


def test_shuffle_is_in_the_json_schema() -> None:
    single = bank_json_schema()["$defs"]["SingleChoice"]["properties"]
    assert single["shuffle"] == {"default": True, "title": "Shuffle", "type": "boolean"}


def test_position_bias_reports_topics_whose_unshuffled_choices_put_the_right_one_first(
    tmp_path: Path,
) -> None:
    (tmp_path / "a").mkdir()
    biased = position_bias(unshuffled_bank(tmp_path / "a", [False, False, True]))
    assert [(b.topic_id, b.question_ids, b.unshuffled, b.share) for b in biased] == [
        ("fixed", ("fixed-0", "fixed-1"), 2, 1.0)
    ]
    assert "shuffle: false" in biased[0].message()
    (tmp_path / "b").mkdir()
    assert (
        position_bias(unshuffled_bank(tmp_path / "b", [False, True, True])) == []
    )  # one alone is no pattern
    assert position_bias(SHIPPED) == []


def year_question() -> Numeric:
    years = [q for q in SHIPPED.questions if isinstance(q, Numeric) and q.value == 2027 and not q.unit]
    assert years, "the shipped banks ask for the year 2027"
    return years[0]


@pytest.mark.parametrize("lang", ["de", "en"])
def test_a_year_is_written_2027_in_the_quiz_worksheet_and_moodle(lang: str) -> None:
    q = year_question()
    assert correct_answer(q, lang) == "2027"  # the quiz's feedback, check, show and Anki backs
    sheet = build_worksheet(SHIPPED, [q], WorksheetOptions(lang=lang), SelectionCriteria())
    assert [key_answer(sq, lang) for sq in sheet.versions[0].questions] == ["2027"]
    xml = export_moodle_xml(SHIPPED, [q], lang).content
    assert "<text>2027</text>" in xml
    assert "2.027" not in xml
    assert "2,027" not in xml
