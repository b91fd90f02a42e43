"""``chinaai-learn check ID ANSWER…``: grade an answer and show the passage that proves the key.

How to write ANSWER per type. Letters refer to the order ``show`` prints the choices
in: a fixed shuffle per question, the same every time (not the quiz's order).
  single_choice    a letter or the choice text:       B
  multiple_choice  letters separated by commas:       A,C
  true_false       wahr/falsch, true/false, ja/nein, t/f
  cloze            one ANSWER per gap, in order:      drei zwei
  numeric          a number in the --lang format:     296.446 (de) / 296,446 (en)
  short_answer     the answer text
  ordering         letters in the right order:        C,A,B
  matching         number=letter per left item:       1=B,2=A,3=C
An empty ANSWER ("") is "no answer". Scoring: single choice, true/false, numbers and
short answers all or nothing (one typo forgiven in words of 6+ letters, never in numbers
or codes); multiple choice +1/k per correct choice ticked, -1/(n-k) per wrong one, at
least 0 (ticking every box scores 0); ordering 1/(n-1) per item directly followed by
its right successor; cloze and matching a share per gap or pair.
Exit status: 0 correct, 1 incorrect, partly right or no answer (a number not written
the --lang way counts as incorrect, with a note), 2 the answer or the id could not be read.
"""

from __future__ import annotations

import argparse
import re

from ..errors import UserError
from ..grading import grade
from ..model import Cloze, Matching, MultipleChoice, Ordering, QuestionBase, SingleChoice, TrueFalse
from ..presentation import layout
from ..render import correct_answer, response_text
from ..scoring_rules import no_answer_words, points_text, scoring_rule, spelling_note
from ..textnorm import normalize_answer
from .cmd_show import LABELS, emphasis_allowed, source_lines
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from, question_or_error

_TRUE = {"wahr", "true", "richtig", "ja", "yes", "t", "w", "j", "y"}
_FALSE = {"falsch", "false", "nein", "no", "f", "n"}
SCORING = {"de": "Wertung", "en": "Scoring"}
VERDICT = {
    "de": ("✔ Richtig", "✖ Falsch", "Teilweise richtig"),
    "en": ("✔ Correct", "✖ Incorrect", "Partly correct"),
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "check",
        help="grade an answer and print the cited passage",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("id", help="question id")
    p.add_argument("answer", nargs="+", help="the answer (see above for each type)")
    add_bank_option(p)
    add_lang_option(p)
    p.set_defaults(func=run)


def _letters(text: str, n: int) -> list[int]:
    picks = []
    for token in filter(None, re.split(r"[\s,;]+", text.strip())):
        if len(token) == 1 and token.isalpha() and ord(token.upper()) - 65 < n:
            picks.append(ord(token.upper()) - 65)
        elif token.isdigit() and 1 <= int(token) <= n:
            picks.append(int(token) - 1)
        else:
            raise UserError(
                f"cannot read {token!r}: use the letters shown by `chinaai-learn show` (A–{chr(64 + n)})"
            )
    return picks


def parse_response(question: QuestionBase, words: list[str], lang: str) -> object:
    """Turn command-line words into the response shape grading expects (bank indices)."""
    text = " ".join(words)
    order = layout(question).order
    if not text.strip() and not isinstance(question, Cloze):
        return None  # "no answer"
    if isinstance(question, SingleChoice):
        typed = normalize_answer(text)
        for i in order:
            if typed == normalize_answer(question.choices[i].text(lang)):
                return i
        picks = _letters(text, len(order))
        if len(picks) != 1:
            raise UserError("give exactly one letter for a single-choice question")
        return order[picks[0]]
    if isinstance(question, MultipleChoice):
        return {order[k] for k in _letters(text, len(order))}
    if isinstance(question, TrueFalse):
        typed = normalize_answer(text)
        if typed in _TRUE:
            return True
        if typed in _FALSE:
            return False
        raise UserError(f"cannot read {text!r} as true or false: write wahr/falsch or true/false")
    if isinstance(question, Cloze):
        return words if len(words) == len(question.blanks) else [w.strip() for w in text.split("|")]
    if isinstance(question, Ordering):
        return [order[k] for k in _letters(text, len(order))]
    if isinstance(question, Matching):
        chosen: list[int | None] = [None] * len(question.pairs)
        for token in filter(None, re.split(r"[\s,;]+", text)):
            m = re.fullmatch(r"(\d+)\s*[=:-]\s*([A-Za-z])", token)
            if not m or not 1 <= int(m.group(1)) <= len(chosen):
                raise UserError(f"cannot read {token!r}: write number=letter, e.g. 1=B")
            chosen[int(m.group(1)) - 1] = order[_letters(m.group(2), len(order))[0]]
        return chosen
    return text


def run(args: argparse.Namespace) -> int:
    bank = bank_from(args)
    q = question_or_error(bank, args.id)
    lang = args.lang
    response = parse_response(q, args.answer, lang)
    result = grade(q, response, lang)
    right, wrong, partly = VERDICT[lang]
    verdict = {
        "correct": right,
        "partly": f"{wrong} ({partly}: {points_text(result.score, lang)})",
        "incorrect": wrong,
        "no_answer": f"✖ {no_answer_words(lang)}",
    }[result.outcome]
    labels = LABELS[lang]
    yours = "Ihre Antwort" if lang == "de" else "Your answer"
    print(verdict)
    for note in (spelling_note(result, lang), result.note):
        if note:
            print(note)
    print(f"{yours}: {response_text(q, response, lang)}")
    print(f"{labels['answer']}: {correct_answer(q, lang)}")
    print(f"{SCORING[lang]}: {scoring_rule(q, lang)}")
    print(f"{labels['explanation']}: {q.explanation(lang)}")
    print("\n".join(source_lines(bank, q, lang, bold=emphasis_allowed())))
    if not result.answered and " ".join(args.answer).strip():
        return ExitStatus.USER_ERROR  # something was typed, but it cannot be read (e.g. "abc" for a number)
    return ExitStatus.SUCCESS if result.correct else ExitStatus.FAILED
