"""Generate valid synthetic banks (all eight types) and a matching corpus, for benchmarks."""

from __future__ import annotations

from pathlib import Path

import yaml

DOC = "synthetic-doc"
PER_FILE = 1000
_OFFSET = 1_000_000


def _text(n: int, what: str) -> dict[str, str]:
    return {
        "de": f"Frage {n}: {what} laut dem Dokument?",
        "en": f"Question {n}: {what} according to the document?",
    }


def _question(index: int) -> dict:
    # Every number written has seven digits whatever the bank's size, so that each question has
    # the same bytes at 1k and at 100k: growth per 10x then measures the code, not longer numbers.
    n = _OFFSET + index
    quote = (
        f"Im Abschnitt {n} nennt das Dokument Stadt{n} mit {n * 7} Einwohnern und dem Wert {n % 97} Prozent."
    )
    base = {
        "id": f"syn-q{n}",
        "difficulty": n % 3 + 1,
        "tags": ["synthetic", f"group-{n % 10}"],
        "prompt": _text(n, "Welche Angabe"),
        "explanation": {"de": f"Erklärung {n}.", "en": f"Explanation {n}."},
        "source": {"doc": DOC, "section": "Abschnitt Daten", "quote": quote, "highlight": f"Stadt{n}"},
    }
    kind = n % 8
    if kind == 0:
        base |= {
            "type": "single_choice",
            "choices": [
                {"text": f"Stadt{n}", "correct": True},
                {"text": f"Stadt{n + 1}"},
                {"text": f"Stadt{n + 2}"},
            ],
        }
    elif kind == 1:
        base |= {
            "type": "multiple_choice",
            "choices": [
                {"text": f"Stadt{n}", "correct": True},
                {"text": f"{n * 7}", "correct": True},
                {"text": "Ort"},
            ],
        }
    elif kind == 2:
        base |= {"type": "true_false", "answer": n % 2 == 0}
    elif kind == 3:
        base |= {
            "type": "cloze",
            "text": {"de": "Die Stadt heißt {1}.", "en": "The city is called {1}."},
            "blanks": [[f"Stadt{n}"]],
        }
    elif kind == 4:
        base |= {
            "type": "numeric",
            "value": n * 7,
            "tolerance": "1%",
            "unit": {"de": "Einwohner", "en": "inhabitants"},
        }
        base["source"] = {**base["source"], "highlight": f"{n * 7} Einwohnern"}
    elif kind == 5:
        base |= {"type": "short_answer", "answers": {"de": [f"Stadt{n}"], "en": [f"Stadt{n}", f"City{n}"]}}
    elif kind == 6:
        base |= {"type": "ordering", "items": [f"Stadt{n}", f"{n * 7} Einwohner", f"{n % 97} Prozent"]}
    else:
        base |= {
            "type": "matching",
            "pairs": [
                {"left": "Stadt", "right": f"Stadt{n}"},
                {"left": "Einwohner", "right": f"{n * 7}"},
                {"left": "Prozent", "right": f"{n % 97} Prozent"},
            ],
        }
    return base


def write_bank(root: Path, size: int) -> tuple[Path, Path]:
    """Write ``size`` questions into ``root/bank`` and their source text into ``root/corpus``."""
    bank, corpus = root / "bank", root / "corpus"
    bank.mkdir(parents=True, exist_ok=True)
    corpus.mkdir(parents=True, exist_ok=True)
    sources = {"sources": [{"id": DOC, "title": "Synthetisches Dokument", "date": "2025", "language": "de"}]}
    (bank / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    quotes = []
    for start in range(0, size, PER_FILE):
        questions = [_question(n) for n in range(start, min(size, start + PER_FILE))]
        quotes += [q["source"]["quote"] for q in questions]
        topic = {"id": f"syn-{start // PER_FILE:04d}", "title": f"Synthetik {start // PER_FILE}"}
        text = yaml.dump(
            {"topic": topic, "questions": questions},
            Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
            allow_unicode=True,
            sort_keys=False,
        )
        (bank / f"{topic['id']}.yaml").write_text(text, encoding="utf-8")
    (corpus / f"{DOC}.txt").write_text("Abschnitt Daten\n\n" + "\n".join(quotes), encoding="utf-8")
    return bank, corpus


def correct_response(question) -> object:
    """The right response for a synthetic question (for grading throughput)."""
    t = question.type
    if t == "single_choice":
        return 0
    if t == "multiple_choice":
        return {0, 1}
    if t == "true_false":
        return question.answer
    if t == "cloze":
        return [question.blanks[0].de[0]]
    if t == "numeric":
        return str(int(question.value))
    if t == "short_answer":
        return question.answers.de[0]
    return list(range(len(getattr(question, "items", None) or question.pairs)))
