"""Instruction duplicates (L801): a prompt repeats what every front end already says for its type.

The front ends add, per type: "Kreuzen Sie alle zutreffenden Antworten an." / "Tick all answers that
apply." (worksheets), "Alle zutreffenden wählen …" / "Select all that apply …" (quiz), the Anki
choice phrases, and "Ist die Aussage wahr oder falsch?" / "Is the statement true or false?".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import LANGS
from .context import Hit, LintContext, quoted

_PATTERNS: dict[str, tuple[str, ...]] = {
    "multiple_choice": (
        r"\(?(?:wählen|kreuzen|markieren) sie alle zutreffenden(?: antworten)?(?: an| aus)?[.!]?\)?",
        r"\(?mehrere antworten (?:sind )?möglich[.!]?\)?",
        r"\(?mehrfachauswahl[.!]?\)?",
        r"\(?(?:select|tick|choose|mark|pick) all(?: answers)? that apply[.!]?\)?",
        r"\(?more than one answer (?:is |may be )?(?:possible|correct)[.!]?\)?",
    ),
    "single_choice": (
        r"\(?(?:wählen|kreuzen) sie (?:nur )?(?:die )?eine (?:richtige )?antwort(?: an| aus)?[.!]?\)?",
        r"\(?(?:choose|select|tick|pick) (?:only )?(?:the )?one (?:correct )?answer[.!]?\)?",
    ),
    "true_false": (
        r"\(?(?:ist (?:die|diese) aussage )?(?:wahr|richtig) oder falsch\??\)?",
        r"\(?(?:is (?:the|this) statement )?true or false\??\)?",
    ),
}
_COMPILED = {t: [re.compile(p, re.IGNORECASE) for p in ps] for t, ps in _PATTERNS.items()}


def check(ctx: LintContext) -> Iterator[Hit]:
    for q in ctx.bank.questions:
        patterns = _COMPILED.get(q.type)  # type: ignore[attr-defined]
        if not patterns:
            continue
        for lang in LANGS:
            match = next((m for p in patterns if (m := p.search(q.prompt(lang)))), None)
            if match:
                yield Hit(
                    "L801",
                    (q.id,),
                    f"the prompt repeats the instruction {quoted(match.group(), 40)} ({lang}) that every front end "
                    "shows for this type: delete it from the prompt",
                )
                break
