"""GIFT export, read back by an independent GIFT reader and compared with the bank."""

from __future__ import annotations

import html
import re

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.exporters.gift import export_gift
from chinaai_learn.exporters.moodle_grading import MOODLE_FRACTIONS
from chinaai_learn.loading import load_bank
from chinaai_learn.model import (
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    fold_whitespace,
)
from chinaai_learn.presentation import fixed_choice_order
from chinaai_learn.render import split_quote

from ..conftest import SHIPPED_BANK
from .gift_reader import GiftQuestion, parse_gift
from .lms_bank import load_lms_bank

LANGS = ("de", "en")


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_lms_bank(tmp_path_factory.mktemp("lms"))


def exported(bank: Bank, lang: str) -> dict[str, GiftQuestion]:
    questions = parse_gift(export_gift(bank, bank.questions, lang).content)
    names = [q.name for q in questions]
    assert len(names) == len(set(names))
    return {q.name: q for q in questions}


def html_to_text(fragment: str) -> str:
    """The text a learner reads: paragraphs and breaks become line breaks, tags go."""
    fragment = fragment.replace("<br>", "\n").replace("</p><p>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def literal(answer: str) -> str:
    """A Moodle short answer as text: ``\\*`` is a literal star there."""
    return answer.replace("\\*", "*")


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_comes_back_with_its_prompt_and_category(bank: Bank, lang: str) -> None:
    back = exported(bank, lang)
    for q in bank.questions:
        names = (
            [q.id]
            if not (isinstance(q, Cloze) and len(q.blanks) > 1)
            else [f"{q.id}-gap-{n}" for n in range(1, len(q.blanks) + 1)]
        )
        for name in names:
            g = back.pop(name)
            assert g.text_format == "html"
            assert html_to_text(g.text).startswith(q.prompt(lang))
            title = bank.topic_of(q).title(lang).replace("/", "//")
            assert g.category == f"$course$/{'China & KI' if lang == 'de' else 'China & AI'}/{title}"
    assert back == {}


@pytest.mark.parametrize("lang", LANGS)
def test_choice_questions_keep_texts_and_grades(bank: Bank, lang: str) -> None:
    back = exported(bank, lang)
    for q in bank.questions:
        if isinstance(q, SingleChoice):
            g = back[q.id]
            assert g.kind == "multichoice"
            shown = [q.choices[i] for i in fixed_choice_order(q)]  # GIFT has no shuffle flag
            assert [html.unescape(a.text) for a in g.answers] == [c.text(lang) for c in shown]
            assert [a.correct for a in g.answers] == [c.correct for c in shown]
        elif isinstance(q, MultipleChoice):
            g = back[q.id]
            assert g.kind == "multiresponse"
            shown = [q.choices[i] for i in fixed_choice_order(q)]
            assert [html.unescape(a.text) for a in g.answers] == [c.text(lang) for c in shown]
            weights = [a.weight for a in g.answers]
            assert [w > 0 for w in weights] == [c.correct for c in shown]
            assert round(sum(w for w in weights if w > 0) / 100, 2) == 1
            assert sum(weights) < 0.001, "ticking every box must score nothing (to Moodle's grade precision)"
            assert all(min(abs(abs(w) / 100 - f) for f in MOODLE_FRACTIONS) < 1e-6 for w in weights)


@pytest.mark.parametrize("lang", LANGS)
def test_typed_answers_numbers_and_truth_values(bank: Bank, lang: str) -> None:
    back = exported(bank, lang)
    for q in bank.questions:
        g = back.get(q.id)
        if isinstance(q, TrueFalse):
            assert (g.kind, g.truth) == ("truefalse", q.answer)
        elif isinstance(q, ShortAnswer):
            assert g.kind == "shortanswer"
            assert [literal(a.text) for a in g.answers][: len(q.answers(lang))] == q.answers(lang)
        elif isinstance(q, Numeric):
            assert g.kind == "numerical"
            assert g.number == pytest.approx((q.value, q.absolute_tolerance))
            if q.unit:
                assert q.unit(lang) in html_to_text(g.text)


@pytest.mark.parametrize("lang", LANGS)
def test_cloze_becomes_one_missing_word_question_per_gap(bank: Bank, lang: str) -> None:
    back = exported(bank, lang)
    for q in (q for q in bank.questions if isinstance(q, Cloze)):
        for gap, blank in enumerate(q.blanks):
            g = back[q.id if len(q.blanks) == 1 else f"{q.id}-gap-{gap + 1}"]
            assert g.kind == "shortanswer"
            assert g.missing_word
            assert [literal(a.text) for a in g.answers][: len(blank(lang))] == blank(lang)
            expected = "".join(
                p if isinstance(p, str) else ("_____" if p == gap else f"[{p + 1}] ____")
                for p in q.segments(lang)
            )
            assert html_to_text(g.text) == f"{q.prompt(lang)}\n{expected}"


@pytest.mark.parametrize("lang", LANGS)
def test_matching_pairs_and_ordering_as_position_matching(bank: Bank, lang: str) -> None:
    back = exported(bank, lang)
    for q in bank.questions:
        if isinstance(q, Matching):
            g = back[q.id]
            assert g.kind == "matching"
            assert [(html.unescape(a.text), a.right) for a in g.answers] == [
                (p.left(lang), p.right(lang)) for p in q.pairs
            ]
        elif isinstance(q, Ordering):
            g = back[q.id]
            assert g.kind == "matching"
            label = "Platz" if lang == "de" else "Position"
            assert [(a.text, a.right) for a in g.answers] == [
                (f"{label} {n}", item(lang)) for n, item in enumerate(q.items, 1)
            ]


@pytest.mark.parametrize("lang", LANGS)
def test_general_feedback_has_explanation_reference_and_highlighted_quote(bank: Bank, lang: str) -> None:
    back = exported(bank, lang)
    for q in bank.questions:
        g = back.get(q.id) or back[f"{q.id}-gap-1"]
        text = html_to_text(g.general_feedback)
        assert q.explanation(lang) in text
        for cite in q.citations:
            assert fold_whitespace(cite.quote) in fold_whitespace(text)
            if cite.highlight:
                assert (
                    f"<strong>{html.escape(split_quote(cite).highlight, quote=False)}</strong>"
                    in g.general_feedback
                )


def test_special_characters_survive_in_every_part(bank: Bank) -> None:
    back = exported(bank, "de")
    single = back["special-single"]
    assert html_to_text(single.text) == "Welche Zeile enthält ~ = # { } : \\ und <b>&amp;</b> ]]> wörtlich?"
    assert "a ~ b = c # d {e} f: g \\ h" in [html.unescape(a.text) for a in single.answers]
    assert [literal(a.text) for a in back["special-short"].answers][:2] == [
        "C:\\KI~{1}#2=3",
        'Äpfel*Öl/"Süß"',
    ]
    assert html_to_text(back["special-short"].text) == "Zeile eins\n\tZeile zwei: Welcher Pfad?"
    assert [a.right for a in back["special-matching"].answers] == ["rechts -> ende", "{z}: w", "~#\\"]
    assert html.unescape(back["special-matching"].answers[0].text) == "links -> mitte"


def test_umlaut_spellings_are_added_as_accepted_answers(bank: Bank) -> None:
    answers = [literal(a.text) for a in exported(bank, "de")["special-short"].answers]
    assert answers == ["C:\\KI~{1}#2=3", 'Äpfel*Öl/"Süß"', 'Aepfel*Oel/"Suess"']


def test_report_lists_exactly_the_downgraded_questions(bank: Bank) -> None:
    report = export_gift(bank, bank.questions, "de").report
    assert sorted(report.downgraded_ids) == sorted(
        [
            "mini-tier-b-tops",
            "mini-isa-volume",
            "special-numeric",  # unit moved into the text
            "mini-tier-a-cloze",  # two gaps, split
            "mini-tiers-by-power",
            "special-ordering",  # ordering as matching
            "special-many-correct",  # eleven correct choices: unequal grades
        ]
    )
    assert report.omitted_ids == []
    assert report.total_written == len(bank.questions)
    assert report.written["cloze"] == 2
    text = report.text()
    for note in report.notes:
        assert f"{note.question_id}: {note.reason}" in text


def test_every_shipped_question_exports() -> None:
    shipped = load_bank(SHIPPED_BANK)
    for lang in LANGS:
        result = export_gift(shipped, shipped.questions, lang)
        back = parse_gift(result.content)
        assert result.report.total_written == len(shipped.questions)
        assert result.report.omitted_ids == []
        split = sum(
            len(q.blanks) - 1 for q in shipped.questions if isinstance(q, Cloze) and len(q.blanks) > 1
        )
        assert len(back) == len(shipped.questions) + split
        assert all(g.kind != "description" for g in back)
