"""Clusters (L301): more questions than the threshold cite the same sentence of one source."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator

from .context import Hit, LintContext, quoted
from .words import fold, words

_SHINGLE = 6  # two fragments sharing this many consecutive words are the same sentence
# A sentence ends after a word of two or more lower-case letters (not "9." or "z.B.").
_SENTENCE_END = re.compile(r"(?<=[a-zäöüß)\"“”]{2}[.!?])\s+(?=[A-ZÄÖÜ„\"])")


def sentences(quote: str) -> list[str]:
    """The sentence fragments of a quote."""
    return [s for s in _SENTENCE_END.split(" ".join(quote.split())) if s.strip()]


def check(ctx: LintContext) -> Iterator[Hit]:
    fragments: list[tuple[str, str, str]] = []  # (doc, fragment text, question id)
    for q in ctx.bank.questions:
        for cite in q.citations:
            for sentence in sentences(cite.quote):
                fragments.append((cite.doc, sentence, q.id))
    parent = list(range(len(fragments)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_doc: dict[str, list[int]] = defaultdict(list)
    for i, (doc, _, _) in enumerate(fragments):
        by_doc[doc].append(i)
    for indices in by_doc.values():
        folded = {i: " ".join(words(fragments[i][1])) for i in indices}
        seen: dict[tuple[str, ...], int] = {}
        for i in indices:
            ws = folded[i].split()
            for k in range(max(1, len(ws) - _SHINGLE + 1)):
                key = tuple(ws[k : k + _SHINGLE])
                if len(key) < _SHINGLE:
                    break
                if key in seen:
                    parent[find(i)] = find(seen[key])
                else:
                    seen[key] = i
        short = [i for i in indices if len(folded[i].split()) < _SHINGLE and folded[i]]
        for i in short:
            for j in indices:
                if i != j and f" {folded[i]} " in f" {folded[j]} ":
                    parent[find(i)] = find(j)
                    break
    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(fragments)):
        groups[find(i)].append(i)
    limit = ctx.settings.cluster_max
    for members in groups.values():
        ids = list(dict.fromkeys(fragments[i][2] for i in members))
        if len(ids) > limit:
            longest = max((fragments[i][1] for i in members), key=len)
            doc = fragments[members[0]][0]
            yield Hit(
                "L301",
                tuple(ids),
                f"{len(ids)} questions cite the same sentence of {doc} ({quoted(longest, 50)}): keep at most "
                f"{limit}, merge the others or cite other passages of the text",
            )


__all__ = ["check", "fold", "sentences"]
