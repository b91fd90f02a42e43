"""Tags (L901–L905): tags used once, near-synonyms, mixed languages, and the declared vocabulary."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from difflib import SequenceMatcher
from pathlib import Path

from ..model import Text
from .context import Hit, LintContext
from .positions import key_line
from .words import stem, word_set

_LIST_IDS = 5  # a tag warning names at most this many questions

# Tag words that are German: function words, and endings English words do not have.
_GERMAN_WORDS = word_set("der die das des den dem und von zum zur fuer mit auf aus bei nach")
_GERMAN_ENDINGS = ("ung", "ungen", "keit", "heit", "schaft", "lich", "isch", "ismus", "taet", "ien", "chen")
_GERMAN_LETTERS = re.compile(r"sch|ae|oe|(?<!q)ue(?!$)|tz|ss$|ei[^n]")
_ENGLISH_HINTS = ("cy", "ing", "tion", "ness", "ment", "ship", "ty", "ics", "ance", "ence", "ues")


def tag_language(tag: str) -> str:
    """'de' if a tag reads German, 'en' otherwise (a heuristic; names count as English)."""
    for part in tag.split("-"):
        if part in _GERMAN_WORDS or (len(part) > 5 and part.endswith(_GERMAN_ENDINGS)):
            return "de"
        if _GERMAN_LETTERS.search(part) and not part.endswith(_ENGLISH_HINTS) and len(part) > 4:
            return "de"
    return "en"


def _stem(tag: str) -> str:
    return "-".join(stem(part) for part in tag.split("-"))


def check(ctx: LintContext) -> Iterator[Hit]:
    users: dict[str, list[str]] = defaultdict(list)
    for q in ctx.bank.questions:
        for tag in q.tags:
            users[tag].append(q.id)
    vocabulary = ctx.bank.tag_labels
    minimum = ctx.settings.tag_min_uses

    def named(tag: str) -> tuple[str, ...]:
        return tuple(users[tag])

    def more(tag: str) -> str:
        n = len(users[tag])
        return f" (and {n - _LIST_IDS} more)" if n > _LIST_IDS else ""

    if vocabulary:
        for tag, ids in users.items():
            if tag not in vocabulary:
                yield Hit(
                    "L904",
                    named(tag),
                    f"the tag {tag!r} ({len(ids)} question{'s' if len(ids) != 1 else ''}) is not in the bank's "
                    f"tags.yaml{_suggest(tag, vocabulary)}: use a declared tag, or declare it",
                )
        tags_file = _tags_file(ctx)
        for tag in vocabulary:
            n = len(users.get(tag, []))
            if n < minimum:
                yield Hit(
                    "L905",
                    named(tag) if n else (),
                    f"the declared tag {tag!r} is used by {n} question{'s' if n != 1 else ''}, fewer than "
                    f"{minimum}: tag more questions with it, or merge it into a broader one",
                    file=None if n else tags_file,
                    line=None if n else key_line(tags_file, tag),
                )
    else:
        for tag, ids in users.items():
            if len(ids) == 1:
                yield Hit(
                    "L901",
                    named(tag),
                    f"the tag {tag!r} is used by this question only: a tag groups questions; use a broader one",
                )
    # With a vocabulary, undeclared tags already have L904; spelling and language are judged on the rest.
    tags = sorted(t for t in users if not vocabulary or t in vocabulary)
    stems: dict[str, list[str]] = defaultdict(list)
    for tag in tags:
        stems[_stem(tag)].append(tag)
    reported: set[frozenset[str]] = set()
    for i, a in enumerate(tags):
        for b in tags[i + 1 :]:
            same = _stem(a) == _stem(b) or (
                min(len(a), len(b)) >= 5 and SequenceMatcher(None, a, b).ratio() >= 0.9
            )
            if same and frozenset((a, b)) not in reported:
                reported.add(frozenset((a, b)))
                keep, drop = sorted((a, b), key=lambda t: (-len(users[t]), t))
                yield Hit(
                    "L902",
                    named(drop),
                    f"the tags {drop!r} and {keep!r} mean the same: use {keep!r} only",
                )
    languages = {tag: tag_language(tag) for tag in tags}
    german = [t for t in tags if languages[t] == "de"]
    if german and len(german) < len(tags):
        majority = "de" if len(german) * 2 > len(tags) else "en"
        for tag in tags:
            if languages[tag] != majority:
                yield Hit(
                    "L903",
                    named(tag),
                    f"the tag {tag!r} looks {'German' if majority == 'en' else 'English'} among "
                    f"{'English' if majority == 'en' else 'German'} tags: write every tag in one language",
                )


def _suggest(tag: str, vocabulary: dict[str, Text]) -> str:
    """' (did you mean 'x'?)' from the declared tags and their labels, else ''."""
    parts = {stem(p) for p in tag.split("-")}
    for declared, label in vocabulary.items():
        label_words = {stem(w) for w in re.findall(r"\w+", (label.de + " " + label.en).casefold())}
        if parts & ({stem(p) for p in declared.split("-")} | label_words):
            return f" (perhaps {declared!r}?)"
    return ""


def _tags_file(ctx: LintContext) -> str:
    first = ctx.bank.topics[0].file if ctx.bank.topics else "."
    return str(Path(first).parent / "tags.yaml")
