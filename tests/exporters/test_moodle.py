"""Moodle XML export, parsed back with ElementTree and compared with the bank type by type."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

import pytest

from chinaai_learn.bank import Bank
from chinaai_learn.exporters.moodle import export_moodle_xml
from chinaai_learn.exporters.moodle_grading import MOODLE_FRACTIONS
from chinaai_learn.loading import load_bank
from chinaai_learn.model import (
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    QuestionBase,
    ShortAnswer,
    SingleChoice,
    TrueFalse,
    fold_whitespace,
)
from chinaai_learn.presentation import fixed_choice_order
from chinaai_learn.render import split_quote

from ..conftest import SHIPPED_BANK
from .lms_bank import load_lms_bank

LANGS = ("de", "en")
MOODLE_TYPE = {
    "single_choice": "multichoice",
    "multiple_choice": "multichoice",
    "true_false": "truefalse",
    "short_answer": "shortanswer",
    "numeric": "numerical",
    "cloze": "cloze",
    "matching": "matching",
    "ordering": "ordering",
}


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return load_lms_bank(tmp_path_factory.mktemp("lms"))


def exported(bank: Bank, lang: str, questions: list[QuestionBase] | None = None) -> ET.Element:
    return ET.fromstring(export_moodle_xml(bank, questions or bank.questions, lang).content)


def by_name(root: ET.Element) -> dict[str, ET.Element]:
    return {q.findtext("name/text"): q for q in root.iter("question") if q.get("type") != "category"}


def html_to_text(fragment: str) -> str:
    fragment = fragment.replace("<br>", "\n").replace("</p><p>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


def answers(element: ET.Element) -> list[tuple[float, str]]:
    return [(float(a.get("fraction")), a.findtext("text")) for a in element.findall("answer")]


def embedded_gaps(question_html: str) -> list[tuple[int, int, list[str]]]:
    """Each {n:SHORTANSWER:...} gap (start, end, accepted answers), read as Moodle's cloze parser reads it.

    An answer runs until a ``~``, ``#`` or ``}`` that is not escaped by a backslash (a ``#``
    right after ``&`` belongs to an HTML entity); HTML entities are decoded, then ``\\}`` and
    ``\\#`` un-escaped.
    """
    gaps = []
    for match in re.finditer(r"\{\d*:(?:SHORTANSWER|SA|MW):", question_html):
        pos, alternatives = match.end(), []
        while question_html[pos] != "}":
            if question_html[pos] == "~":
                pos += 1
            assert question_html[pos] == "=", "every alternative is a full-mark answer"
            pos += 1
            start = pos
            while not (
                question_html[pos] in "~#}"
                and question_html[pos - 1] != "\\"
                and not (question_html[pos] == "#" and question_html[pos - 1] == "&")
            ):
                pos += 1
            text = html.unescape(question_html[start:pos]).replace("\\}", "}").replace("\\#", "#")
            alternatives.append(text)
        gaps.append((match.start(), pos + 1, alternatives))
    return gaps


def embedded_answers(question_html: str) -> list[list[str]]:
    return [alternatives for _, _, alternatives in embedded_gaps(question_html)]


def without_gaps(question_html: str) -> str:
    """The question HTML with every gap replaced by ``{}``."""
    for start, end, _ in reversed(embedded_gaps(question_html)):
        question_html = question_html[:start] + "{}" + question_html[end:]
    return question_html


def literal(answer: str) -> str:
    return answer.replace("\\*", "*")


def folded(answers: list[str]) -> set[str]:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})
    return set(answers) | {a.translate(table) for a in answers}


@pytest.mark.parametrize("lang", LANGS)
def test_every_question_has_its_native_type_prompt_and_topic_category(bank: Bank, lang: str) -> None:
    root = exported(bank, lang)
    category = None
    seen = []
    for element in root.iter("question"):
        if element.get("type") == "category":
            category = element.findtext("category/text")
            continue
        q = bank.get(element.findtext("name/text"))
        seen.append(q.id)
        assert element.get("type") == MOODLE_TYPE[q.type]
        assert element.findtext("idnumber") == q.id
        assert element.find("questiontext").get("format") == "html"
        assert html_to_text(element.findtext("questiontext/text")).startswith(q.prompt(lang))
        title = bank.topic_of(q).title(lang).replace("/", "//")
        assert category == f"$course$/{'China & KI' if lang == 'de' else 'China & AI'}/{title}"
        assert {t.text for t in element.findall("tags/tag/text")} == {*q.tags, f"difficulty-{q.difficulty}"}
    assert seen == [q.id for q in bank.questions]


@pytest.mark.parametrize("lang", LANGS)
def test_choice_questions_single_or_not_shuffled_with_moodle_grades(bank: Bank, lang: str) -> None:
    back = by_name(exported(bank, lang))
    for q in bank.questions:
        if not isinstance(q, (SingleChoice, MultipleChoice)):
            continue
        element = back[q.id]
        assert element.findtext("single") == ("true" if isinstance(q, SingleChoice) else "false")
        assert element.findtext("shuffleanswers") == ("true" if q.shuffle else "false")
        got = answers(element)
        shown = [q.choices[i] for i in fixed_choice_order(q)]  # written in the fixed shuffle too
        assert [html.unescape(text) for _, text in got] == [c.text(lang) for c in shown]
        fractions = [f for f, _ in got]
        if isinstance(q, SingleChoice):
            assert fractions == [100.0 if c.correct else 0.0 for c in shown]
        else:
            assert [f > 0 for f in fractions] == [c.correct for c in shown]
            assert round(sum(f for f in fractions if f > 0) / 100, 2) == 1  # Moodle's own check
            assert all(min(abs(abs(f) / 100 - m) for m in MOODLE_FRACTIONS) < 1e-6 for f in fractions)
            assert sum(fractions) < 0.001, "ticking every box must score nothing"


@pytest.mark.parametrize("lang", LANGS)
def test_true_false_short_answer_and_numerical(bank: Bank, lang: str) -> None:
    back = by_name(exported(bank, lang))
    for q in bank.questions:
        element = back[q.id]
        if isinstance(q, TrueFalse):
            assert {text: f for f, text in answers(element)} == {
                "true": 100.0 if q.answer else 0.0,
                "false": 0.0 if q.answer else 100.0,
            }
        elif isinstance(q, ShortAnswer):
            assert element.findtext("usecase") == "0"
            got = [literal(text) for f, text in answers(element) if f == 100]
            assert got[: len(q.answers(lang))] == q.answers(lang)
            assert set(got) == folded(q.answers(lang))
        elif isinstance(q, Numeric):
            (answer,) = element.findall("answer")
            assert float(answer.findtext("text")) == q.value
            assert float(answer.findtext("tolerance")) == pytest.approx(q.absolute_tolerance)
            assert answer.get("fraction") == "100"
            units = [u.findtext("unit_name") for u in element.findall("units/unit")]
            assert units == ([q.unit(lang)] if q.unit else [])
            assert element.findtext("unitgradingtype") == "0"  # a unit is optional, never required


@pytest.mark.parametrize("lang", LANGS)
def test_cloze_is_multianswer_with_one_shortanswer_per_gap(bank: Bank, lang: str) -> None:
    back = by_name(exported(bank, lang))
    for q in (q for q in bank.questions if isinstance(q, Cloze)):
        element = back[q.id]
        question_html = element.findtext("questiontext/text")
        gaps = embedded_answers(question_html)
        assert len(gaps) == len(q.blanks)
        for gap, blank in zip(gaps, q.blanks, strict=True):
            assert [literal(a) for a in gap][: len(blank(lang))] == blank(lang)
            assert {literal(a) for a in gap} == folded(blank(lang))
        assert element.findtext("defaultgrade") == str(len(q.blanks))
        expected = "".join(p if isinstance(p, str) else "{}" for p in q.segments(lang))
        assert html_to_text(without_gaps(question_html)) == f"{q.prompt(lang)}\n{expected}"


@pytest.mark.parametrize("lang", LANGS)
def test_matching_and_ordering(bank: Bank, lang: str) -> None:
    back = by_name(exported(bank, lang))
    for q in bank.questions:
        element = back[q.id]
        if isinstance(q, Matching):
            pairs = [
                (html.unescape(s.findtext("text")), s.findtext("answer/text"))
                for s in element.findall("subquestion")
            ]
            assert pairs == [(p.left(lang), p.right(lang)) for p in q.pairs]
        elif isinstance(q, Ordering):
            got = answers(element)
            assert [html.unescape(text) for _, text in got] == [item(lang) for item in q.items]
            assert [f for f, _ in got] == list(range(1, len(q.items) + 1))
            assert element.findtext("selecttype") == "ALL"
            assert element.findtext("selectcount") == str(len(q.items))


@pytest.mark.parametrize("lang", LANGS)
def test_general_feedback_has_explanation_reference_and_highlighted_quote(bank: Bank, lang: str) -> None:
    back = by_name(exported(bank, lang))
    for q in bank.questions:
        feedback = back[q.id].findtext("generalfeedback/text")
        text = html_to_text(feedback)
        assert q.explanation(lang) in text
        for cite in q.citations:
            assert fold_whitespace(cite.quote) in fold_whitespace(text)
            assert bank.sources[cite.doc].title in text
            if cite.highlight:
                assert f"<strong>{html.escape(split_quote(cite).highlight, quote=False)}</strong>" in feedback


def test_special_characters_survive_html_cdata_and_cloze_syntax(bank: Bank) -> None:
    back = by_name(exported(bank, "de"))
    single = back["special-single"]
    assert (
        html_to_text(single.findtext("questiontext/text"))
        == "Welche Zeile enthält ~ = # { } : \\ und <b>&amp;</b> ]]> wörtlich?"
    )
    assert html.unescape(answers(single)[1][1]) == "<i>x</i> & y ]]> z"
    gap = embedded_answers(back["special-cloze-one"].findtext("questiontext/text"))[0]
    assert gap[:2] == ['a}b#c~d/e"f\\g', "Müller"]
    short = [literal(text) for _, text in answers(back["special-short"])]
    assert short[:2] == ["C:\\KI~{1}#2=3", 'Äpfel*Öl/"Süß"']
    assert 'Aepfel*Oel/"Suess"' in short
    assert [u.findtext("unit_name") for u in back["special-numeric"].findall("units/unit")] == ["km/h {#}"]


def test_report_counts_types_and_lists_exactly_the_downgraded_question(bank: Bank) -> None:
    report = export_moodle_xml(bank, bank.questions, "de").report
    assert report.downgraded_ids == ["special-many-correct"]
    assert report.omitted_ids == []
    assert report.written == {
        "single_choice": 2,
        "multiple_choice": 3,
        "true_false": 2,
        "cloze": 2,
        "numeric": 3,
        "short_answer": 2,
        "ordering": 2,
        "matching": 2,
    }
    assert "special-many-correct: 11 correct choices" in report.text()


def test_eleven_correct_choices_still_add_up_to_full_marks(bank: Bank) -> None:
    element = by_name(exported(bank, "de", [bank.get("special-many-correct")]))["special-many-correct"]
    fractions = [f for f, _ in answers(element)]
    assert round(sum(f for f in fractions if f > 0) / 100, 2) == 1
    assert sorted(fractions)[0] == -100  # the one wrong choice cancels the whole mark


def test_every_shipped_question_exports_to_well_formed_xml() -> None:
    shipped = load_bank(SHIPPED_BANK)
    for lang in LANGS:
        result = export_moodle_xml(shipped, shipped.questions, lang)
        root = ET.fromstring(result.content)
        names = [q.findtext("name/text") for q in root.iter("question") if q.get("type") != "category"]
        assert names == [q.id for q in shipped.questions]
        assert result.report.omitted_ids == []
        for q in shipped.questions:
            if isinstance(q, Cloze):
                (element,) = [e for e in root.iter("question") if e.findtext("name/text") == q.id]
                assert len(embedded_answers(element.findtext("questiontext/text"))) == len(q.blanks)
