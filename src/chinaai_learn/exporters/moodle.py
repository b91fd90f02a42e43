"""Moodle XML export: every question type mapped to its native Moodle question type.

One category per topic (``$course$/China & KI/<topic>``); single and multiple choice
become ``multichoice`` (shuffled unless the bank says ``shuffle: false``, written in the
fixed per-question order; multiple-answer grades +1/k per correct and −1/(n−k) per wrong
choice from Moodle's list, which floors the total at 0, as the quiz does), true/false ``truefalse``, short answers ``shortanswer`` (case-insensitive,
every accepted spelling), numbers ``numerical`` (tolerance made absolute, unit optional),
cloze ``cloze`` (multianswer, one SHORTANSWER per gap), matching ``matching`` and ordering
Moodle's standard ``ordering`` (graded "next item, excluding last": the quiz's rule). The explanation and the cited quote are the general
feedback. HTML goes into CDATA sections, escaped; plain fields are XML-escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape as html_escape

from ..bank import Bank
from ..model import (
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
from ..presentation import fixed_choice_order
from .feedback import general_feedback_html, html_text
from .moodle_escape import cdata, cloze_literal, xml_escape
from .moodle_grading import (
    TYPO_CAVEAT,
    accepted_spellings,
    choice_grades,
    literal_answer,
    percent,
    plain_number,
    typo_forgiven_in_quiz,
)
from .report import ExportReport, ExportResult

FORMAT_NAME = "Moodle XML"
CATEGORY_ROOT = {"de": "China & KI", "en": "China & AI"}
UNIT_LABEL = {"de": "Einheit", "en": "unit"}

# Characters that end or break an embedded answer in Moodle's cloze syntax. Moodle decodes
# HTML entities in embedded answers but only un-escapes \} and \#, so entities are the
# faithful way to write all of them.
_CLOZE_ENTITIES = str.maketrans(
    {"}": "&#125;", "{": "&#123;", "#": "&#35;", "~": "&#126;", "/": "&#47;", '"': "&quot;", "\\": "&#92;"}
)


def html_field(tag: str, html: str, indent: str = "    ") -> str:
    return f'{indent}<{tag} format="html"><text>{cdata(html)}</text></{tag}>'


def category_path(root: str, title: str) -> str:
    """A Moodle category path on one line; a slash inside a name is written twice."""
    return "$course$/" + "/".join(fold_whitespace(part).replace("/", "//") for part in (root, title))


def cloze_answer(answer: str) -> str:
    """One accepted answer inside ``{1:SHORTANSWER:=...}``, escaped for HTML and the cloze syntax."""
    return html_escape(literal_answer(answer), quote=False).translate(_CLOZE_ENTITIES)


def export_moodle_xml(
    bank: Bank, questions: Sequence[QuestionBase], lang: str, category_root: str | None = None
) -> ExportResult:
    """The questions as one Moodle XML quiz file, with one category per topic."""
    report = ExportReport(FORMAT_NAME)
    root = category_root or CATEGORY_ROOT[lang]
    lines = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    current_topic = None
    for question in questions:
        topic = bank.topic_of(question)
        if topic.id != current_topic:
            current_topic = topic.id
            lines += _category(category_path(root, topic.title(lang)))
        body = _question_body(question, lang, report)
        if body is None:
            continue
        if typo_forgiven_in_quiz(question, lang):
            report.caveat(TYPO_CAVEAT)
        qtype, specific = body
        lines += _question(bank, question, lang, qtype, specific)
        report.wrote(question.type)  # type: ignore[attr-defined]
    lines.append("</quiz>")
    return ExportResult("\n".join(lines) + "\n", report)


def _category(path: str) -> list[str]:
    return [
        '  <question type="category">',
        f"    <category><text>{xml_escape(path)}</text></category>",
        '    <info format="html"><text></text></info>',
        "  </question>",
    ]


def _question(bank: Bank, q: QuestionBase, lang: str, qtype: str, specific: list[str]) -> list[str]:
    text = _question_text(q, lang)
    marks = len(q.blanks) if isinstance(q, Cloze) else 1
    tags = [*q.tags, f"difficulty-{q.difficulty}"]
    return [
        f'  <question type="{qtype}">',
        f"    <name><text>{xml_escape(q.id)}</text></name>",
        html_field("questiontext", text),
        html_field("generalfeedback", general_feedback_html(bank, q, lang)),
        f"    <defaultgrade>{marks}</defaultgrade>",
        f"    <penalty>{'1' if isinstance(q, TrueFalse) else '0.3333333'}</penalty>",
        "    <hidden>0</hidden>",
        f"    <idnumber>{xml_escape(q.id)}</idnumber>",
        *specific,
        "    <tags>" + "".join(f"<tag><text>{xml_escape(t)}</text></tag>" for t in tags) + "</tags>",
        "  </question>",
    ]


def _question_text(q: QuestionBase, lang: str) -> str:
    html = f"<p>{html_text(q.prompt(lang))}</p>"
    if isinstance(q, Cloze):
        html = cloze_literal(html)
        gaps = "".join(
            cloze_literal(html_text(part))
            if isinstance(part, str)
            else "{1:SHORTANSWER:"
            + "~".join("=" + cloze_answer(a) for a in accepted_spellings(q.blanks[part](lang)))
            + "}"
            for part in q.segments(lang)
        )
        html += f"<p>{gaps}</p>"
    if isinstance(q, Numeric) and q.unit:
        html += f"<p>({UNIT_LABEL[lang]}: {html_text(q.unit(lang))})</p>"
    return html


def _answer(fraction: str, text: str, *, html: bool = True, extra: str = "") -> str:
    body = cdata(text) if html else xml_escape(text)
    fmt = "html" if html else "moodle_auto_format"
    return (
        f'    <answer fraction="{fraction}" format="{fmt}"><text>{body}</text>'
        f'<feedback format="html"><text></text></feedback>{extra}</answer>'
    )


_COMBINED_FEEDBACK = [
    '    <correctfeedback format="html"><text></text></correctfeedback>',
    '    <partiallycorrectfeedback format="html"><text></text></partiallycorrectfeedback>',
    '    <incorrectfeedback format="html"><text></text></incorrectfeedback>',
    "    <shownumcorrect/>",
]


def _question_body(q: QuestionBase, lang: str, report: ExportReport) -> tuple[str, list[str]] | None:
    """The Moodle type and its type-specific elements, or None if the question was left out."""
    if isinstance(q, (SingleChoice, MultipleChoice)):
        return _multichoice(q, lang, report)
    if isinstance(q, TrueFalse):
        yes, no = ("100", "0") if q.answer else ("0", "100")
        return "truefalse", [_answer(yes, "true", html=False), _answer(no, "false", html=False)]
    if isinstance(q, ShortAnswer):
        answers = [_answer("100", literal_answer(a), html=False) for a in accepted_spellings(q.answers(lang))]
        return "shortanswer", ["    <usecase>0</usecase>", *answers]
    if isinstance(q, Numeric):
        return "numerical", _numerical(q, lang)
    if isinstance(q, Cloze):
        return "cloze", []
    if isinstance(q, Matching):
        subquestions = [
            f'    <subquestion format="html"><text>{cdata(html_text(p.left(lang)))}</text>'
            f"<answer><text>{xml_escape(p.right(lang))}</text></answer></subquestion>"
            for p in q.pairs
        ]
        return "matching", ["    <shuffleanswers>true</shuffleanswers>", *_COMBINED_FEEDBACK, *subquestions]
    if isinstance(q, Ordering):
        options = [
            "    <layouttype>VERTICAL</layouttype>",
            "    <selecttype>ALL</selecttype>",
            f"    <selectcount>{len(q.items)}</selectcount>",
            "    <gradingtype>RELATIVE_NEXT_EXCLUDE_LAST</gradingtype>",
            "    <showgrading>SHOW</showgrading>",
            "    <numberingstyle>none</numberingstyle>",
        ]
        items = [_answer(str(i + 1), html_text(item(lang))) for i, item in enumerate(q.items)]
        return "ordering", [*options, *_COMBINED_FEEDBACK, *items]
    report.omit(q.id, f"Moodle XML export does not know the question type {type(q).__name__}")
    return None


def _multichoice(
    q: SingleChoice | MultipleChoice, lang: str, report: ExportReport
) -> tuple[str, list[str]] | None:
    correct = [c.correct for c in q.choices]
    if isinstance(q, SingleChoice):
        grades = [1.0 if c else 0.0 for c in correct]
    else:
        shares = choice_grades(correct)
        if shares is None:
            report.omit(
                q.id, f"{sum(correct)} correct choices: Moodle's grade list cannot share 100 % among them"
            )
            return None
        if len({g for g in shares if g > 0}) > 1:
            report.downgrade(
                q.id,
                f"{sum(correct)} correct choices: Moodle's grade list has no equal share, so they weigh slightly differently",
            )
        grades = shares
    answers = [_answer(percent(grades[i]), html_text(q.choices[i].text(lang))) for i in fixed_choice_order(q)]
    return "multichoice", [
        f"    <single>{'true' if isinstance(q, SingleChoice) else 'false'}</single>",
        f"    <shuffleanswers>{'true' if q.shuffle else 'false'}</shuffleanswers>",
        "    <answernumbering>abc</answernumbering>",
        "    <showstandardinstruction>0</showstandardinstruction>",
        *_COMBINED_FEEDBACK,
        *answers,
    ]


def _numerical(q: Numeric, lang: str) -> list[str]:
    tolerance = f"<tolerance>{plain_number(q.absolute_tolerance)}</tolerance>"
    lines = [_answer("100", plain_number(q.value), html=False, extra=tolerance)]
    # Units optional (unitgradingtype 0) and typed in (showunits 0): "254" and "254 TOPS" both count.
    lines += [
        "    <unitgradingtype>0</unitgradingtype>",
        "    <unitpenalty>0.1000000</unitpenalty>",
        "    <showunits>0</showunits>",
        "    <unitsleft>0</unitsleft>",
    ]
    if q.unit:
        lines.append(
            f"    <units><unit><multiplier>1</multiplier><unit_name>{xml_escape(q.unit(lang))}</unit_name></unit></units>"
        )
    return lines
