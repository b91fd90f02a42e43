"""Check answer keys against their cited passages, and passages against the source texts.

Level 1 (format and references) is the loader's job. Level 2: the answer occurs in the
quote. Level 3: each quote occurs verbatim in its document (whitespace folded, nothing
else), below the section heading it names; near misses show the closest passage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .bank import Bank
from .collector import collector_paused
from .errors import Problem, UserError, display_path
from .model import (
    Citation,
    Cloze,
    Matching,
    MultipleChoice,
    Numeric,
    Ordering,
    QuestionBase,
    ShortAnswer,
    SingleChoice,
    fold_whitespace,
)
from .textnorm import numbers_in, parse_number, text_contains
from .yaml_reader import locate


@dataclass
class VerifyReport:
    """What was checked and what failed."""

    questions: int = 0
    citations: int = 0
    corpus_checked: bool = False
    problems: list[Problem] = field(default_factory=list)
    # Not errors: English outputs then show the German quote alone.
    untranslated: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def answer_evidence(question: QuestionBase) -> list[str]:
    """The German answer texts that must occur in the quote when no highlight is given."""
    if isinstance(question, (SingleChoice, MultipleChoice)):
        return [question.choices[i].text.de for i in question.correct_indices]
    if isinstance(question, ShortAnswer):
        return [question.answers.de[0]]
    if isinstance(question, Cloze):
        return [blank.de[0] for blank in question.blanks]
    if isinstance(question, Ordering):
        return [item.de for item in question.items]
    if isinstance(question, Matching):
        return [p.right.de for p in question.pairs]
    return []


def _occurs(answer: str, quotes: list[str]) -> bool:
    if any(text_contains(q, answer) for q in quotes):
        return True
    number = parse_number(answer, "de")
    return number is not None and any(number in numbers_in(q) for q in quotes)


def check_answer_in_quote(question: QuestionBase) -> list[str]:
    """Level 2: messages for every way the answer is not backed by the quoted passage(s)."""
    cites = question.citations
    quotes = [c.quote for c in cites]
    messages = []
    if isinstance(question, Numeric):
        spans = [c.highlight or c.quote for c in cites]
        if not any(question.value in numbers_in(s) for s in spans):
            messages.append(f"the value {question.value:g} does not occur as a number in the highlight/quote")
    if any(c.highlight for c in cites):
        return messages
    evidence = answer_evidence(question)
    if not evidence and not isinstance(question, Numeric):
        messages.append("no highlight: add 'highlight' with the span of the quote that proves the answer")
    for answer in evidence:
        if not _occurs(answer, quotes):
            messages.append(
                f"the answer {answer!r} does not occur in the quote: add a 'highlight' or quote the passage that states it"
            )
    return messages


class Corpus:
    """The full source texts (``<doc-id>.txt``), folded once and indexed for verbatim search.

    Quotes nearly always start at a word; an index of word starts makes checking many
    quotes against a long text linear instead of quadratic. Anything else falls back to
    a plain search.
    """

    KEY = 32

    def __init__(self, directory: Path):
        self.directory = directory
        self._texts: dict[str, str | None] = {}
        self._word_index: dict[str, dict[str, int]] = {}
        self._headings: dict[tuple[str, str], list[int]] = {}

    def text(self, doc: str) -> str | None:
        if doc not in self._texts:
            path = self.directory / f"{doc}.txt"
            self._texts[doc] = fold_whitespace(path.read_text(encoding="utf-8")) if path.is_file() else None
        return self._texts[doc]

    def find(self, doc: str, quote: str) -> int:
        """Position of the first occurrence of ``quote`` (folded) in the folded document, or -1."""
        text = self.text(doc)
        if text is None:
            return -1
        index = self._word_index.get(doc)
        if index is None:
            index = self._word_index[doc] = {}
            for match in re.finditer(r"(?:^|(?<= ))\S", text):
                index.setdefault(text[match.start() : match.start() + self.KEY], match.start())
        at = index.get(quote[: self.KEY], -1) if len(quote) >= self.KEY else -1
        if at >= 0 and text.startswith(quote, at):
            return at
        return text.find(quote)

    def heading_before(self, doc: str, heading: str, position: int) -> bool:
        text = self.text(doc) or ""
        found = self._headings.get((doc, heading))
        if found is None:
            found = self._headings[(doc, heading)] = [
                m.start() for m in re.finditer(re.escape(heading), text)
            ]
        return bool(found) and found[0] <= position

    def check(self, cite: Citation) -> list[str]:
        """Level 3 for one citation: verbatim quote, and its section heading before it."""
        text = self.text(cite.doc)
        if text is None:
            return [f"no corpus file {cite.doc}.txt in {self.directory}"]
        quote = fold_whitespace(cite.quote)
        position = self.find(cite.doc, quote)
        if position < 0:
            near = closest_passage(text, quote)
            if not near:
                return [f"the quote is not verbatim in {cite.doc}, and no passage of it resembles the quote"]
            return [f"the quote is not verbatim in {cite.doc}: closest passage is «{near}»"]
        if cite.section:
            heading = fold_whitespace(cite.section)
            if not self.heading_before(cite.doc, heading, position):
                where = "anywhere in the document" if heading not in text else "before the quote"
                return [f"the section heading {cite.section!r} does not occur {where}"]
        return []


_GRAM = 8  # characters per shingle when looking for a near miss
_MAX_PROBES = 400  # shingles of the quote looked up, however long it is
_MAX_HITS = 50  # occurrences of one shingle counted (a common word must not dominate)


def closest_passage(text: str, quote: str) -> str:
    """The passage of ``text`` most like ``quote``, to show what a near miss should be.

    Shingles of the quote vote for where the quote would start in the text; the passage
    spans the hits of the winning alignment. Linear in the text and the quote, so a long
    quote that is not verbatim is answered as fast as a short one.
    """
    width = len(quote)
    if width < _GRAM or len(text) < _GRAM:
        return text[:width]
    index: dict[str, list[int]] = {}
    for at in range(len(text) - _GRAM + 1):
        hits = index.setdefault(text[at : at + _GRAM], [])
        if len(hits) < _MAX_HITS:
            hits.append(at)
    step = max(1, (width - _GRAM + 1) // _MAX_PROBES)
    votes: dict[int, list[tuple[int, int]]] = {}
    for start in range(0, width - _GRAM + 1, step):
        for at in index.get(quote[start : start + _GRAM], ()):
            bucket = (at - start) // max(16, width // 16)
            votes.setdefault(bucket, []).append((at, start))
    if not votes:
        return ""
    winner = max(votes.values(), key=len)
    begin = max(0, min(at - start for at, start in winner))
    end = min(len(text), max(at + _GRAM for at, _ in winner))
    return text[begin:end]


def check_corpus_folder(bank: Bank, corpus_dir: Path) -> None:
    """Raise one clear error when ``corpus_dir`` holds none of the texts the bank cites.

    The usual cause is a folder one level too high or too low; one message that says
    where the texts are beats one "no corpus file" line per citation.
    """
    cited = sorted({cite.doc for q in bank.questions for cite in q.citations})
    if not cited or any((corpus_dir / f"{doc}.txt").is_file() for doc in cited):
        return
    holders = sorted(
        display_path(sub)
        for sub in (corpus_dir.iterdir() if corpus_dir.is_dir() else ())
        if sub.is_dir() and any((sub / f"{doc}.txt").is_file() for doc in cited)
    )
    if holders:
        hint = f"; the texts are in {holders[0]}: pass --corpus {holders[0]}"
    else:
        hint = f"; pass the folder that holds files such as {cited[0]}.txt"
    raise UserError(
        f"--corpus {display_path(corpus_dir)}: none of the {len(cited)} cited texts is there{hint}"
    )


UNTRANSLATED = "warning: the quote has no English translation: add 'translation: {en: …}' to the citation"


def verify_bank(bank: Bank, corpus_dir: Path | None = None) -> VerifyReport:
    """Run levels 2 and (with a corpus) 3 over every question of the bank."""
    with collector_paused():  # positions, problems and quotes: many small acyclic objects
        return _verify_bank(bank, corpus_dir)


def _verify_bank(bank: Bank, corpus_dir: Path | None) -> VerifyReport:
    if corpus_dir is not None:
        check_corpus_folder(bank, corpus_dir)
    report = VerifyReport(corpus_checked=corpus_dir is not None)
    corpus = Corpus(corpus_dir) if corpus_dir is not None else None
    for tb in bank.topics:
        file_text: str | None = None
        for index, question in enumerate(tb.questions):
            report.questions += 1
            report.citations += len(question.citations)
            found: list[tuple[tuple[str | int, ...], str]] = [
                (("questions", index), m) for m in check_answer_in_quote(question)
            ]
            if corpus is not None:
                for ci, cite in enumerate(question.citations):
                    found += [(("questions", index, "source", ci, "quote"), m) for m in corpus.check(cite)]
            for path, message in found:
                if file_text is None:
                    file_text = Path(tb.file).read_text(encoding="utf-8") if Path(tb.file).is_file() else ""
                line, col = locate(file_text, path)
                report.problems.append(Problem(tb.file, line, col, message, question.id))
            for ci, cite in enumerate(question.citations):
                if cite.translation is None:
                    if file_text is None:
                        file_text = (
                            Path(tb.file).read_text(encoding="utf-8") if Path(tb.file).is_file() else ""
                        )
                    line, col = locate(file_text, ("questions", index, "source", ci, "quote"))
                    report.untranslated.append(Problem(tb.file, line, col, UNTRANSLATED, question.id))
    return report
