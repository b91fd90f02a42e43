"""A small GIFT reader for the tests, written from Moodle's GIFT documentation, not from our writer.

It is strict where GIFT is: a special character in text that is not escaped is an error.
It knows what our exports use: comments, ``$CATEGORY:``, ``::name::``, ``[format]``,
backslash escapes (``\\~ \\= \\# \\{ \\} \\: \\\\ \\n``), answer blocks with ``=``/``~``
answers, ``%weight%``, ``#feedback``, ``####`` general feedback, ``->`` matching pairs,
``#value:tolerance`` numbers, TRUE/FALSE, and text after the block (missing word).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Escaped characters are swapped for private-use placeholders while parsing, as Moodle does.
_ESCAPED = {
    "\\\\": "\ue000",
    "\\~": "\ue001",
    "\\=": "\ue002",
    "\\#": "\ue003",
    "\\{": "\ue004",
    "\\}": "\ue005",
    "\\:": "\ue006",
    "\\n": "\ue007",
}
_RESTORE = {
    "\ue000": "\\",
    "\ue001": "~",
    "\ue002": "=",
    "\ue003": "#",
    "\ue004": "{",
    "\ue005": "}",
    "\ue006": ":",
    "\ue007": "\n",
}


def _protect(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        pair = text[i : i + 2]
        if pair in _ESCAPED:
            out.append(_ESCAPED[pair])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


class GiftSyntaxError(ValueError):
    """A special character where GIFT only allows it escaped."""


def _restore(text: str) -> str:
    """Plain text back from a protected piece; GIFT's special characters must have been escaped."""
    raw = [ch for ch in text if ch in "~=#{}:"]
    if raw:
        raise GiftSyntaxError(f"unescaped {''.join(raw)!r} in {text!r}")
    return "".join(_RESTORE.get(ch, ch) for ch in text).strip()


@dataclass
class GiftAnswer:
    correct: bool  # written with "=" (for multiple choice: "~" with a weight is not "correct")
    text: str
    weight: float | None = None  # percent, from %n%
    feedback: str | None = None
    right: str | None = None  # matching: the text after "->"


@dataclass
class GiftQuestion:
    category: str | None
    name: str | None
    text_format: str | None
    text: str  # the question text; for a missing word, before + "_____" + after
    kind: str  # multichoice, multiresponse, truefalse, shortanswer, numerical, matching, description
    answers: list[GiftAnswer] = field(default_factory=list)
    general_feedback: str | None = None
    number: tuple[float, float] | None = None  # numerical: value, tolerance
    truth: bool | None = None
    missing_word: bool = False


def parse_gift(source: str) -> list[GiftQuestion]:
    lines = [line for line in source.splitlines() if not line.lstrip().startswith("//")]
    blocks, current = [], []
    for line in [*lines, ""]:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append("\n".join(current))
            current = []
    questions, category = [], None
    for block in blocks:
        if block.startswith("$CATEGORY:"):
            category = block[len("$CATEGORY:") :].strip()
            continue
        questions.append(_question(_protect(block), category))
    return questions


def _question(block: str, category: str | None) -> GiftQuestion:
    name = None
    if block.startswith("::"):
        end = block.index("::", 2)
        name, block = _restore(block[2:end]), block[end + 2 :].lstrip()
    text_format = None
    if block.startswith("["):
        end = block.index("]")
        text_format, block = block[1:end], block[end + 1 :]
    if "{" not in block:
        return GiftQuestion(category, name, text_format, _restore(block), "description")
    start = block.index("{")
    end = block.index("}", start)
    before, inside, after = block[:start], block[start + 1 : end], block[end + 1 :]
    missing_word = bool(after.strip())
    text = _restore(before + ("_____" + after if missing_word else ""))
    question = GiftQuestion(category, name, text_format, text, "", missing_word=missing_word)
    if "####" in inside:
        at = inside.rindex("####")
        inside, question.general_feedback = inside[:at], _restore(inside[at + 4 :])
    body = inside.strip()
    if body.startswith("#"):
        value, _, tolerance = body[1:].partition(":")
        question.kind, question.number = "numerical", (float(value), float(tolerance or 0))
    elif body.split("#")[0].strip().upper() in ("T", "TRUE", "F", "FALSE"):
        question.kind, question.truth = "truefalse", body.split("#")[0].strip().upper().startswith("T")
    else:
        question.answers = _answers(body)
        if any(not a.correct for a in question.answers):
            weighted = any(a.weight is not None for a in question.answers)
            question.kind = (
                "multiresponse"
                if weighted and not any(a.correct for a in question.answers)
                else "multichoice"
            )
        elif all(a.right is not None for a in question.answers):
            question.kind = "matching"
        else:
            question.kind = "shortanswer"
    return question


def _answers(body: str) -> list[GiftAnswer]:
    starts = [i for i, ch in enumerate(body) if ch in "=~"]
    answers = []
    for k, at in enumerate(starts):
        raw = body[at + 1 : starts[k + 1] if k + 1 < len(starts) else len(body)]
        weight = None
        if raw.startswith("%"):
            end = raw.index("%", 1)
            weight, raw = float(raw[1:end]), raw[end + 1 :]
        raw, _, feedback = raw.partition("#")
        right = None
        if "->" in raw:
            raw, _, right = raw.partition("->")
            right = _restore(right)
        answers.append(GiftAnswer(body[at] == "=", _restore(raw), weight, _restore(feedback) or None, right))
    return answers
