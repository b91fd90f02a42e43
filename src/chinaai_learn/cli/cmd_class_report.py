"""``chinaai-learn class-report --progress-dir DIR``: how a class did, per learner and per question.

Facility and discrimination index are defined as in Moodle's quiz statistics (see
docs/class-report.md). The learners' stores are read without locking out a class that is
still answering.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import sys
from datetime import datetime
from pathlib import Path

from ..classroom import default_classroom_dir
from ..errors import UserError, display_path
from ..exporters.atomic_write import write_atomically
from ..progress.class_report import ClassReport, build_class_report, csv_rows, percent
from .common import ExitStatus, add_bank_option, add_lang_option, bank_from

HEADINGS = {
    "de": {
        "learners": "Lernende",
        "learner": "Name",
        "questions": "Fragen",
        "answers": "Antworten",
        "score": "Punkte",
        "time": "Zeit",
        "per_question": "Fragen",
        "question": "Frage",
        "answered": "beantwortet",
        "facility": "Leichtigkeit",
        "discrimination": "Trennschärfe",
        "wrong": "häufigste falsche Antwort",
        "topics": "Themen",
        "title": "Klassenbericht",
        "none": "Noch keine Antworten in {dir}.",
        "legend": "Leichtigkeit = mittlere Punktzahl; Trennschärfe = Korrelation mit dem übrigen Ergebnis (ab 3 Lernenden).",
    },
    "en": {
        "learners": "Learners",
        "learner": "Name",
        "questions": "Questions",
        "answers": "Answers",
        "score": "Score",
        "time": "Time",
        "per_question": "Questions",
        "question": "Question",
        "answered": "answered",
        "facility": "Facility",
        "discrimination": "Discrimination",
        "wrong": "most common wrong answer",
        "topics": "Topics",
        "title": "Class report",
        "none": "No answers yet in {dir}.",
        "legend": "Facility = mean score; discrimination = correlation with the rest of the score (from 3 learners).",
    },
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "class-report", help="how a class did: per learner and per question", description=__doc__
    )
    p.add_argument(
        "--progress-dir",
        metavar="DIR",
        type=Path,
        default=None,
        help=f"the classroom folder of `serve` (default: {default_classroom_dir()})",
    )
    p.add_argument("--since", metavar="DATE", type=_date, help="only answers from this day on (YYYY-MM-DD)")
    p.add_argument(
        "--csv", metavar="DIR", type=Path, help="also write learners.csv and questions.csv into DIR"
    )
    p.add_argument(
        "--html", metavar="FILE", type=Path, help="also write the report as a web page with charts"
    )
    add_bank_option(p)
    add_lang_option(p)
    p.set_defaults(func=run)


def _date(text: str) -> datetime:
    try:
        return datetime.fromisoformat(text).astimezone()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2025-03-01") from None


def run(args: argparse.Namespace) -> int:
    folder: Path = (args.progress_dir or default_classroom_dir()).expanduser()
    if args.progress_dir is None and not folder.exists():  # no class has used this computer yet
        print(HEADINGS[args.lang]["none"].format(dir=display_path(folder)))
        return ExitStatus.SUCCESS
    if not folder.is_dir():
        raise UserError(
            f"--progress-dir {display_path(folder)}: no such folder; give the folder `serve` used"
        )
    bank = bank_from(args)
    report = build_class_report(folder, bank, args.lang, args.since)
    for name, reason in report.unreadable:
        print(f"warning: {name}: {reason}", file=sys.stderr)
    print(table(report, args.lang, folder))
    if args.csv is not None:
        learners, questions = csv_rows(report)
        for name, rows in (("learners.csv", learners), ("questions.csv", questions)):
            _write(args.csv / name, _csv_text(rows))
            print(f"wrote {display_path(args.csv / name)}")
    if args.html is not None:
        _write(args.html, page(report, args.lang))
        print(f"wrote {display_path(args.html)}")
    return ExitStatus.SUCCESS


def _write(path: Path, text: str) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(path, text.encode("utf-8"))
    except OSError as exc:
        raise UserError(
            f"{display_path(path)}: cannot write ({exc.strerror or exc}); choose another place"
        ) from None


def _csv_text(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _minutes(seconds: float) -> str:
    return f"{seconds / 60:.0f} min" if seconds >= 60 else f"{seconds:.0f} s"


def table(report: ClassReport, lang: str, folder: Path) -> str:
    words = HEADINGS[lang]
    if not report.learners:
        return words["none"].format(dir=display_path(folder))
    width = max(len(words["learner"]), *(len(r.learner) for r in report.learners))
    lines = [f"{words['learners']} ({len(report.learners)})"]
    lines.append(
        f"  {words['learner']:<{width}}  {words['questions']:>7}  {words['answers']:>9}  {words['score']:>6}  {words['time']:>7}"
    )
    for r in report.learners:
        lines.append(
            f"  {r.learner:<{width}}  {r.questions:>7}  {r.answers:>9}  {percent(r.score):>6}  {_minutes(r.seconds):>7}"
        )
    qwidth = max(len(words["question"]), *(len(q.question_id) for q in report.questions))
    lines += ["", f"{words['per_question']} ({len(report.questions)})"]
    lines.append(
        f"  {words['question']:<{qwidth}}  {words['answered']:>11}  {words['facility']:>12}  {words['discrimination']:>14}  {words['wrong']}"
    )
    for q in report.questions:
        wrong = f"{q.common_wrong} ({q.common_wrong_count}×)" if q.common_wrong else "–"
        lines.append(
            f"  {q.question_id:<{qwidth}}  {q.learners:>11}  {percent(q.facility):>12}  {percent(q.discrimination):>14}  {wrong}"
        )
    lines += ["", words["legend"]]
    return "\n".join(lines)


def _bars(rows: list[tuple[str, float]]) -> str:
    """A horizontal bar chart (inline SVG, no script, nothing fetched) of values 0..1."""
    height, label_width, bar_width = 18, 260, 300
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{label_width + bar_width + 60}" '
        f'height="{height * len(rows) + 4}" role="img">'
    ]
    for i, (label, value) in enumerate(rows):
        y = i * height + 2
        parts.append(
            f'<text x="{label_width - 6}" y="{y + 13}" text-anchor="end" font-size="12">{html.escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{bar_width * max(0.0, min(1.0, value)):.1f}" height="{height - 4}" fill="#3b6ea5"/>'
            f'<text x="{label_width + bar_width * max(0.0, min(1.0, value)) + 4:.1f}" y="{y + 13}" font-size="12">{round(value * 100)} %</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def page(report: ClassReport, lang: str) -> str:
    words = HEADINGS[lang]
    esc = html.escape
    learner_rows = "".join(
        f"<tr><td>{esc(r.learner)}</td><td>{r.questions}</td><td>{r.answers}</td><td>{percent(r.score)}</td><td>{_minutes(r.seconds)}</td></tr>"
        for r in report.learners
    )
    question_rows = "".join(
        f"<tr><td>{esc(q.question_id)}</td><td>{q.learners}</td><td>{percent(q.facility)}</td>"
        f"<td>{percent(q.discrimination)}</td><td>{esc(q.common_wrong or '–')}</td></tr>"
        for q in report.questions
    )
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{words["title"]}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse}}td,th{{border:1px solid #999;padding:2px 8px;text-align:left}}</style>
</head><body>
<h1>{words["title"]}</h1>
<h2>{words["learners"]}</h2>
<table><tr><th>{words["learner"]}</th><th>{words["questions"]}</th><th>{words["answers"]}</th><th>{words["score"]}</th><th>{words["time"]}</th></tr>{learner_rows}</table>
<h2>{words["facility"]}: {words["topics"]}</h2>
{_bars([(t, f) for t, f, _n in report.topic_facility()])}
<h2>{words["facility"]}: {words["per_question"]}</h2>
{_bars([(q.question_id, q.facility) for q in report.questions])}
<h2>{words["per_question"]}</h2>
<table><tr><th>{words["question"]}</th><th>{words["answered"]}</th><th>{words["facility"]}</th><th>{words["discrimination"]}</th><th>{words["wrong"]}</th></tr>{question_rows}</table>
<p>{words["legend"]}</p>
</body></html>
"""
