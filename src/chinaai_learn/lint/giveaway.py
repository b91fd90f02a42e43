"""Giveaways (L101–L103): the question itself prints its answer, its order or an acronym of it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator

from ..model import LANGS, Cloze, Matching, MultipleChoice, Numeric, Ordering, QuestionBase, SingleChoice
from .context import Hit, LintContext, quoted
from .words import STOPWORDS, answers, contains_phrase, fold, word_set, words

_ACRONYM = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,7}(?![\w-])")
# Words in ordering items that say where the item belongs in a sequence.
_SEQUENCE_WORDS = word_set(
    """
    zuerst erstens zunaechst dann danach anschliessend spaeter schliesslich zuletzt bereits
    weitere weiteren weiterer naechste naechsten darauf folgend
    first firstly then afterwards later finally lastly already further another next subsequently
    """
)


def check(ctx: LintContext) -> Iterator[Hit]:
    for q in ctx.bank.questions:
        yield from _answer_in_prompt(q)
        if isinstance(q, Ordering):
            yield from _order_in_wording(q)
        yield from _acronyms(q)
        if isinstance(q, SingleChoice):
            yield from _word_cue(q)


def _answer_in_prompt(q: QuestionBase) -> Iterator[Hit]:
    for lang in LANGS:
        prompt = q.prompt(lang)
        if isinstance(q, Ordering):
            texts = [fold(item(lang)) for item in q.items]
            where = [fold(prompt).find(t) for t in texts]
            if all(i >= 0 for i in where) and where == sorted(where):
                yield Hit(
                    "L101",
                    (q.id,),
                    "the prompt lists the items in their correct order: name them in another order or not at all",
                )
                return
            continue
        for answer in answers(q, lang):
            if isinstance(q, Numeric):
                found = answer in words(prompt)
            elif isinstance(q, Cloze):
                found = contains_phrase(prompt, answer) or contains_phrase(
                    "".join(p for p in q.segments(lang) if isinstance(p, str)), answer
                )
            else:
                found = contains_phrase(prompt, answer)
            if found:
                part = "cloze text or prompt" if isinstance(q, Cloze) else "prompt"
                yield Hit(
                    "L101",
                    (q.id,),
                    f"the answer {quoted(answer)} appears in the {part} ({lang}): reword it so the question does not print its answer",
                )
                return


def _order_in_wording(q: Ordering) -> Iterator[Hit]:
    for lang in LANGS:
        items = [words(item(lang)) for item in q.items]
        numbers = [
            [float(w.replace(",", ".")) for w in ws if re.fullmatch(r"\d+(?:,\d+)?", w)] for ws in items
        ]
        if all(len(n) == 1 for n in numbers) and len(items) >= 3:
            values = [n[0] for n in numbers]
            if values == sorted(values) or values == sorted(values, reverse=True):
                yield Hit(
                    "L102",
                    (q.id,),
                    f"every item carries a number and the numbers are in order ({lang}): the order can be read off; leave the numbers out of the items",
                )
                return
        marked = [ws for ws in items if _SEQUENCE_WORDS & set(ws)]
        if len(marked) >= 2:
            cue = sorted(_SEQUENCE_WORDS & {w for ws in marked for w in ws})
            yield Hit(
                "L102",
                (q.id,),
                f"items say where they belong ({lang}: {', '.join(cue)}): word each item so it stands on its own",
            )
            return


def _initials(text: str) -> str:
    """Initials of the capitalised words of ``text`` ('Group Relative Policy Optimization' → 'GRPO')."""
    return "".join(w[0] for w in re.findall(r"[^\W\d_][\w-]*", text) if w[0].isupper())


def _spells(acronym: str, initials: str) -> bool:
    """Whether ``initials`` spell ``acronym`` (exactly, as a prefix, or with a word skipped)."""
    if len(acronym) < 2 or not initials or acronym[0] != initials[0]:
        return False
    if initials.startswith(acronym) or (acronym.startswith(initials) and len(initials) >= 3):
        return True
    it = iter(initials)
    return all(ch in it for ch in acronym) and len(initials) <= len(acronym) + 2


def _acronyms(q: QuestionBase) -> Iterator[Hit]:
    for lang in LANGS:
        prompt = q.prompt(lang)
        shown = prompt + (" " + q.text(lang) if isinstance(q, Cloze) else "")
        acronyms = {a for a in _ACRONYM.findall(shown) if not a.isdigit()}
        if isinstance(q, Ordering):
            initials = "".join(item(lang).strip()[:1].upper() for item in q.items)
            for acronym in acronyms:
                if len(initials) >= 3 and initials in acronym:
                    yield Hit(
                        "L103",
                        (q.id,),
                        f"the initials of the items in order ({initials}) spell {acronym}, printed in the prompt: drop the acronym or ask something else",
                    )
                    return
        elif isinstance(q, Cloze):
            filled = "".join((q.blanks[p](lang)[0] if isinstance(p, int) else p) for p in q.segments(lang))
            gaps = [q.blanks[p](lang)[0] for p in q.segments(lang) if isinstance(p, int)]
            for acronym in (a for a in acronyms if len(a) >= 3):
                for gap in gaps:
                    if gap[:1].isupper() and not gap.isupper() and _window_spells(filled, acronym, gap):
                        yield Hit(
                            "L103",
                            (q.id,),
                            f"the acronym {acronym} gives away the initial of the gap {quoted(gap)} ({lang}): drop the acronym from the text",
                        )
                        return
        elif isinstance(q, Matching):
            spelled = [
                p
                for p in q.pairs
                if any(_spells(a, _initials(p.right(lang))) for a in _ACRONYM.findall(p.left(lang)))
                or any(_spells(a, _initials(p.left(lang))) for a in _ACRONYM.findall(p.right(lang)))
            ]
            if len(spelled) >= 2:
                yield Hit(
                    "L103",
                    (q.id,),
                    f"{len(spelled)} of {len(q.pairs)} pairs match an acronym to its own spelled-out name ({lang}): the letters give the pairs away; ask for the meaning in another form",
                )
                return
        elif isinstance(q, (SingleChoice, MultipleChoice)):
            for acronym in acronyms:
                fits = [c for c in q.choices if _spells(acronym, _initials(c.text(lang)))]
                if len(fits) == 1 and fits[0].correct and len(q.choices) > 1:
                    yield Hit(
                        "L103",
                        (q.id,),
                        f"only the correct choice {quoted(fits[0].text(lang))} spells the acronym {acronym} of the prompt ({lang}): give the distractors the same initials or drop the acronym",
                    )
                    return


def _window_spells(filled: str, acronym: str, gap: str) -> bool:
    """Whether a run of capitalised words in ``filled`` that includes ``gap`` spells ``acronym``."""
    tokens = re.findall(r"[^\W\d_][\w-]*", filled)
    gap_words = set(re.findall(r"[^\W\d_][\w-]*", gap))
    caps = [(t, t in gap_words) for t in tokens if t[0].isupper()]
    for start in range(len(caps)):
        for end in range(start + 1, min(len(caps), start + len(acronym) + 2) + 1):
            window = caps[start:end]
            initials = "".join(t[0] for t, _ in window)
            if (
                any(in_gap for _, in_gap in window)
                and initials[-1] == acronym[-1]
                and _spells(acronym, initials)
            ):
                return True
    return False


def _content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) >= 5 and w not in STOPWORDS and not w[0].isdigit()}


def _related(a: str, b: str) -> bool:
    """Same word family: a long common beginning ('international' / 'internationale')."""
    common = len(os.path.commonprefix([a, b]))  # noqa: RUF071 - a character prefix is what is meant
    return common >= 5 and common >= 0.75 * min(len(a), len(b))


def _word_cue(q: SingleChoice) -> Iterator[Hit]:
    """The correct choice alone echoes a word of the prompt, in both languages (a clang cue)."""
    cues = []
    for lang in LANGS:
        prompt = _content_words(q.prompt(lang))
        echoed = [
            {w for w in _content_words(c.text(lang)) if any(_related(w, p) for p in prompt)}
            for c in q.choices
        ]
        right = q.correct_indices[0]
        others = set().union(*(e for i, e in enumerate(echoed) if i != right))
        unique = sorted(w for w in echoed[right] if not any(_related(w, o) for o in others))
        if not unique:
            return
        cues.append(unique[0])
    yield Hit(
        "L104",
        (q.id,),
        f"only the correct choice repeats a word of the prompt ({' / '.join(cues)}): a learner can pick it "
        "without knowing; reword the prompt or give a distractor the same word",
    )
