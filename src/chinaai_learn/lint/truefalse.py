"""True/false statements (L401, L402): false by a mere negation or antonym, true by copying the quote."""

from __future__ import annotations

from collections.abc import Iterator
from difflib import SequenceMatcher

from ..model import TrueFalse
from .context import Hit, LintContext
from .words import STOPWORDS, stem, word_set, words

NEGATIONS = word_set("nicht kein keine keinen keinem keiner keines nie niemals not no never none")
_PAIRS = """
osten westen norden sueden mehr weniger hoeher niedriger groesser kleiner steigt sinkt steigen sinken
zunehmen abnehmen frueher spaeter vor nach erste letzte schneller langsamer schnell langsam
teurer guenstiger teurer billiger offen geschlossen erlaubt verboten staerker schwaecher
gewinnt verliert gewonnen verloren abhaengig unabhaengig mit ohne immer nie ueber unter
besser schlechter innerhalb ausserhalb alle keine viel wenig oft selten
east west north south more less higher lower larger smaller rises falls earlier later
before after first last faster slower fast slow cheaper dearer open closed allowed banned
increase decrease win lose gained lost dependent independent with without always never
above below better worse inside outside many few often rarely
"""
_WORDS = _PAIRS.split()
ANTONYMS = frozenset(frozenset((stem(a), stem(b))) for a, b in zip(_WORDS[::2], _WORDS[1::2], strict=True))
_COPY = 0.9  # share of a true statement's words that come, in order, from its quote
_NEAR = 0.5  # share of the shorter of statement and quote that the two share before a flip counts


def check(ctx: LintContext) -> Iterator[Hit]:
    for q in ctx.bank.questions:
        if not isinstance(q, TrueFalse):
            continue
        statement = _without_not_only(_without_attribution(words(q.prompt.de)))
        if len(statement) < 4:
            continue
        for cite in q.citations:
            quote = _without_not_only(words(cite.quote))
            matcher = SequenceMatcher(None, statement, quote, autojunk=False)
            matched = sum(block.size for block in matcher.get_matching_blocks())
            shared = matched / len(statement)
            if q.answer and shared >= _COPY and len(statement) >= 6:
                yield Hit(
                    "L402",
                    (q.id,),
                    f"the statement repeats its quote almost word for word ({shared:.0%} of its words): "
                    "paraphrase it, so that the learner must understand rather than recognise",
                )
                break
            if not q.answer and quote and matched / min(len(statement), len(quote)) >= _NEAR:
                flip = _flip(matcher, statement, quote)
                if flip:
                    yield Hit(
                        "L401",
                        (q.id,),
                        f"the statement is its quote with {flip}: a learner who spots the change knows the answer; "
                        "make the false statement a plausible claim the text does not make",
                    )
                    break


def _without_attribution(tokens: list[str]) -> list[str]:
    """Drop a leading 'laut dem Artikel' / 'nach Angaben von …' that every statement carries."""
    if tokens[:1] == ["laut"] and len(tokens) > 3:
        return tokens[3:]
    return tokens


def _without_not_only(tokens: list[str]) -> list[str]:
    """Drop 'nicht nur' / 'not only': it adds, it does not negate."""
    out: list[str] = []
    for token in tokens:
        if token in ("nur", "only") and out and out[-1] in ("nicht", "not"):
            out.pop()
            continue
        out.append(token)
    return out


def _flip(matcher: SequenceMatcher[str], statement: list[str], quote: list[str]) -> str | None:
    """'a negation …', 'an antonym …' or 'two parts swapped …' if the diff is one of those."""
    changes = [
        (set(statement[i1:i2]), set(quote[j1:j2]))
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]
    for mine, theirs in changes:
        if NEGATIONS & (mine ^ theirs) and len(mine) <= 3 and len(theirs) <= 3:
            return "a negation added or removed"
        for a in mine:
            for b in theirs:
                if frozenset((stem(a), stem(b))) in ANTONYMS:
                    return f"an antonym swapped ({b} → {a})"
    # An exchange: one change puts b where the quote has a, another puts a where it has b.
    for k, (mine, theirs) in enumerate(changes):
        for other_mine, other_theirs in changes[k + 1 :]:
            for a in theirs & other_mine:
                for b in mine & other_theirs:
                    if a != b and not {a, b} & STOPWORDS:
                        return f"two parts swapped ({a} ↔ {b})"
    return None
