"""The text ``chinaai-learn stats`` prints: the topic table, the streak, the review calendar, the definitions.

Everything is in the session language and fits the given width (80 columns unless the
terminal is wider): topic titles that do not fit end in "…" (``--json`` has them in full).
The calendar's shades are characters (· ░ ▒ ▓ █), so it reads the same without colour;
on a terminal that shows colour they are green as well.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date, datetime

from ..bank import Bank
from ..progress import ProgressStats, TopicStats, due_in_words
from ..progress.stats import LEVELS, calendar_weeks, shade
from .terminal_text import DEFAULT_COLOUR, GREEN

SHADES = "·░▒▓█"  # no answer, then one character per step of LEVELS
MIN_TITLE = 12  # the title column never gets narrower than this, however narrow the terminal

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "store": "Fortschrittsdatei: {path}",
        "topic": "Thema", "seen": "gesehen", "accuracy": "Punkte", "due": "fällig", "due_today": "heute",
        "due_week": "Woche", "total": "gesamt",
        "due_now": "Wiederholungen sind jetzt fällig.",
        "next_due": "Nächste Wiederholung {when} ({at}).",
        "no_answers": "Noch keine Antworten gespeichert: Beginnen Sie mit `chinaai-learn quiz`.",
        "retired": "{n} beantwortete Frage(n) sind nicht mehr in den Fragensammlungen (ihr Verlauf bleibt gespeichert).",
        "streak_none": "Serie: keine, weder heute noch gestern eine Antwort.",
        "streak_today_one": "Serie: 1 Tag mit mindestens einer Antwort, heute.",
        "streak_today": "Serie: {n} Tage in Folge mit mindestens einer Antwort, seit {first}, heute eingeschlossen.",
        "streak_yesterday_one": "Serie: 1 Tag (gestern). Eine Antwort heute setzt sie fort.",
        "streak_yesterday": "Serie: {n} Tage in Folge mit mindestens einer Antwort, seit {first}, bis gestern. "
        "Eine Antwort heute setzt sie fort.",
        "calendar": "Antworten pro Tag, die letzten {weeks} Wochen bis heute ({today}):",
        "calendar_one": "Antworten pro Tag, diese Woche bis heute ({today}):",
        "shade_none": "keine Antwort", "shade_range": "{low}–{high} Antworten", "shade_one": "1 Antwort",
        "shade_top": "{low} oder mehr",
        "calendar_total": "In diesen {weeks} Wochen: {answers} an {days}.",
        "calendar_total_one": "In dieser Woche: {answers} an {days}.",
        "answers": "{n} Antworten", "answer": "1 Antwort", "on_days": "{n} Tagen", "on_day": "einem Tag",
        "notes": "Punkte: erreichte Punkte geteilt durch die Zahl der Antworten, wie in den Ergebnissen des "
        "Quiz: Jede Antwort zählt höchstens 1 Punkt, eine teilweise richtige ihren Anteil. Gezählt werden "
        "alle gespeicherten Antworten, auch wiederholte, nicht nur die eines Quiz. "
        "Fällig heute: bis Mitternacht; Woche: in den nächsten 7 Tagen (das Quiz zählt, was jetzt fällig ist). "
        "Serie und Kalender zählen Tage nach Ortszeit. `--json` zeigt alles ungekürzt.",
    },
    "en": {
        "store": "progress store: {path}",
        "topic": "topic", "seen": "seen", "accuracy": "accuracy", "due": "due", "due_today": "today",
        "due_week": "week", "total": "total",
        "due_now": "Reviews are due now.",
        "next_due": "Next review due {when} ({at}).",
        "no_answers": "No answers recorded yet: start with `chinaai-learn quiz`.",
        "retired": "{n} answered question(s) are no longer in the banks (their history is kept).",
        "streak_none": "Streak: none, no answer today or yesterday.",
        "streak_today_one": "Streak: 1 day with at least one answer, today.",
        "streak_today": "Streak: {n} days in a row with at least one answer, since {first}, today included.",
        "streak_yesterday_one": "Streak: 1 day (yesterday). An answer today keeps it going.",
        "streak_yesterday": "Streak: {n} days in a row with at least one answer, since {first}, up to "
        "yesterday. An answer today keeps it going.",
        "calendar": "Answers per day, the last {weeks} weeks up to today ({today}):",
        "calendar_one": "Answers per day, this week up to today ({today}):",
        "shade_none": "no answer", "shade_range": "{low}–{high} answers", "shade_one": "1 answer",
        "shade_top": "{low} or more",
        "calendar_total": "In these {weeks} weeks: {answers} on {days}.",
        "calendar_total_one": "This week: {answers} on {days}.",
        "answers": "{n} answers", "answer": "1 answer", "on_days": "{n} days", "on_day": "1 day",
        "notes": "Accuracy: points earned divided by the number of answers, as in the quiz's results: each "
        "answer is worth at most 1 point, a partly right one its share. It counts every stored answer, "
        "repeated ones too, not just one quiz's. "
        "Due today: by midnight; week: within the next 7 days (the quiz counts what is due now). "
        "The streak and the calendar count days in local time. `--json` shows everything in full.",
    },
}  # fmt: skip

WEEKDAYS = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
}
MONTHS = {
    "de": ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def words_for(lang: str) -> dict[str, str]:
    return WORDS["en" if lang == "en" else "de"]


def day_text(day: date, lang: str) -> str:
    """A date as a learner writes it: "2.12.2026" in German, "2 Dec 2026" in English."""
    if lang == "en":
        return f"{day.day} {MONTHS['en'][day.month - 1]} {day.year}"
    return f"{day.day}.{day.month}.{day.year}"


def truncate(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters, ending in "…" when anything was cut."""
    return text if len(text) <= width else text[: width - 1].rstrip(" (-–,:") + "…"


@dataclass(frozen=True)
class Style:
    """How the calendar's shades are written: plain characters, or green ones on a colour terminal."""

    colour: bool = False

    def cell(self, level: int) -> str:
        char = SHADES[level]
        return f"{GREEN}{char}{DEFAULT_COLOUR}" if self.colour and level else char


def render(
    stats: ProgressStats,
    bank: Bank,
    lang: str,
    path: str,
    now: datetime,
    *,
    width: int = 80,
    weeks: int = 12,
    style: Style = Style(),
) -> str:
    """Everything ``stats`` prints, in ``lang``, no line wider than ``width``."""
    words = words_for(lang)
    lines = [words["store"].format(path=path), ""]
    lines += topic_table(stats, bank, lang, width)
    if stats.next_due is not None and stats.next_due <= now:
        lines.append(words["due_now"])
    elif stats.next_due is not None:
        at = stats.next_due.astimezone(now.tzinfo).strftime("%Y-%m-%d %H:%M")
        lines.append(words["next_due"].format(when=due_in_words(stats.next_due, now, lang), at=at))
    elif stats.total.answers == 0:
        lines.append(words["no_answers"])
    if stats.retired_questions:
        lines += textwrap.wrap(words["retired"].format(n=stats.retired_questions), width=width)
    lines.append("")
    lines += textwrap.wrap(streak_text(stats, lang), width=width)
    lines.append("")
    lines += calendar(stats, lang, weeks, style)
    lines.append("")
    lines += textwrap.wrap(words["notes"], width=width)
    return "\n".join(line.rstrip() for line in lines)


def topic_table(stats: ProgressStats, bank: Bank, lang: str, width: int) -> list[str]:
    """One row per topic named by its title, then the total; the title column takes what the numbers leave."""
    words = words_for(lang)
    rows = [(_title(bank, row.topic_id, lang), _cells(row)) for row in stats.topics]
    total = (words["total"], _cells(stats.total))
    heads = (words["seen"], words["accuracy"], words["due_today"], words["due_week"])
    widths = [max(len(heads[i]), *(len(cells[i]) for _, cells in [*rows, total])) for i in range(len(heads))]
    numbers = sum(widths) + 2 * len(widths)
    longest = max([len(words["topic"]), len(words["total"]), *(len(title) for title, _ in rows)])
    title_width = max(MIN_TITLE, min(longest, width - numbers))

    def line(title: str, cells: tuple[str, ...]) -> str:
        return truncate(title, title_width).ljust(title_width) + "".join(
            f"  {cell:>{w}}" for cell, w in zip(cells, widths, strict=True)
        )

    due_span = widths[2] + 2 + widths[3]
    group = " " * (title_width + 2 + widths[0] + 2 + widths[1] + 2) + f"{words['due']:^{due_span}}"
    rule = "─" * (title_width + numbers)
    return [
        group,
        line(words["topic"], heads),
        *(line(title, cells) for title, cells in rows),
        rule,
        line(*total),
    ]


def _title(bank: Bank, topic_id: str, lang: str) -> str:
    found = bank.topic(topic_id)
    return found.topic.title(lang) if found is not None else topic_id


def _cells(row: TopicStats) -> tuple[str, ...]:
    percent = "–" if row.percent is None else f"{row.percent} %"
    return (f"{row.seen}/{row.total}", percent, str(row.due_today), str(row.due_week))


def streak_text(stats: ProgressStats, lang: str) -> str:
    """The daily streak over everything shown, said once: how long, since when, whether today counts yet."""
    words, streak = words_for(lang), stats.streak
    if streak.days == 0 or streak.first is None:
        return words["streak_none"]
    today = streak.last == stats.today
    key = ("streak_today" if today else "streak_yesterday") + ("_one" if streak.days == 1 else "")
    return words[key].format(n=streak.days, first=day_text(streak.first, lang))


def legend(lang: str, style: Style) -> list[str]:
    """One line per shade: what number of answers a day needs for it."""
    words = words_for(lang)
    lines = [f"{style.cell(0)} {words['shade_none']}"]
    for level, low in enumerate(LEVELS, start=1):
        if level == len(LEVELS):
            label = words["shade_top"].format(low=low)
        elif low == LEVELS[level] - 1:
            label = words["shade_one"] if low == 1 else str(low)
        else:
            label = words["shade_range"].format(low=low, high=LEVELS[level] - 1)
        lines.append(f"{style.cell(level)} {label}")
    return lines


def calendar(stats: ProgressStats, lang: str, weeks: int, style: Style = Style()) -> list[str]:
    """The review calendar: a column per week (the last is this one), rows Monday to Sunday, the legend beside."""
    words = words_for(lang)
    columns = calendar_weeks(stats.today, weeks)
    counts = dict(stats.days)
    today = day_text(stats.today, lang)
    title = words["calendar"].format(weeks=weeks, today=today) if weeks > 1 else words["calendar_one"]
    lines = [title.format(today=today), _month_row(columns, lang)]
    keys = legend(lang, style)
    for weekday, label in enumerate(WEEKDAYS["en" if lang == "en" else "de"]):
        days = [week[weekday] for week in columns]
        cells = [" " if day is None else style.cell(shade(counts.get(day, 0))) for day in days]
        row = f"{label}  " + " ".join(cells)
        lines.append(row + "   " + keys[weekday] if weekday < len(keys) else row)
    shown = [d for week in columns for d in week if d is not None]
    answers = sum(counts.get(d, 0) for d in shown)
    active = sum(1 for d in shown if counts.get(d, 0))
    said = {
        "weeks": weeks,
        "answers": words["answer"] if answers == 1 else words["answers"].format(n=answers),
        "days": words["on_day"] if active == 1 else words["on_days"].format(n=active),
    }
    lines.append(words["calendar_total" if weeks > 1 else "calendar_total_one"].format(**said))
    return lines


def _month_row(columns: list[list[date | None]], lang: str) -> str:
    """Each month's short name above the week its first day falls in (the first week's month too, if room)."""
    names = MONTHS["en" if lang == "en" else "de"]
    row = [" "] * (4 + 2 * len(columns) + 2)
    starts = [
        (c, next(d for d in week if d is not None and d.day == 1))
        for c, week in enumerate(columns)
        if any(d is not None and d.day == 1 for d in week)
    ]
    first_day = columns[0][0]
    if first_day is not None and (not starts or starts[0][0] >= 2):
        starts.insert(0, (0, first_day))
    for c, day in starts:
        at = 4 + 2 * c
        row[at : at + 3] = names[day.month - 1]
    return "".join(row)
