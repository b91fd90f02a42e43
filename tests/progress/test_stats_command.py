"""``chinaai-learn stats`` as a learner and a script run it: a real store filled on known days, run as a
subprocess in German and English: topic titles, the streak, the review calendar, --json, clear errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from chinaai_learn.progress import Answer, CardScheduler, ProgressStore

from ..conftest import ROOT
from .conftest import T0, answer, write_bank

NOW = {"CHINAAI_LEARN_NOW": T0.isoformat()}  # Saturday 2025-03-01T09:00:00+01:00
TODAY = T0.date()
DAY = timedelta(days=1)
WEEKDAYS = {
    "de": ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"),
    "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
}
# Titles as a teacher writes them: different per language, one too long for an 80-column table.
LONG_DE = "Die Chinesisch-Deutsche Industriestädteallianz und ihre neuen Mitgliedsstädte"
LONG_EN = "The Chinese-German Industrial Cities Alliance and its new member cities"
TITLES = {"alpha": (LONG_DE, LONG_EN), "beta": ("Batterien", "Batteries")}


def stats(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    inherited = {
        k: v for k, v in os.environ.items() if k not in ("CHINAAI_LEARN_PROGRESS", "COLUMNS", "NO_COLOR")
    }
    full_env = {**inherited, **NOW, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "chinaai_learn", "stats", *args],
        capture_output=True, text=True, env=full_env, cwd=ROOT, timeout=120,
    )  # fmt: skip


def titled_bank(folder: Path, **topics: int) -> Path:
    """``write_bank`` with the titles of TITLES (German and English differ)."""
    write_bank(folder, **topics)
    for topic, (de, en) in TITLES.items():
        file = folder / f"{topic}.yaml"
        if file.exists():
            plain = f"title: {{de: {topic.title()}, en: {topic.title()}}}"
            file.write_text(
                file.read_text(encoding="utf-8").replace(plain, f'title: {{de: "{de}", en: "{en}"}}')
            )
    return folder


def flat(text: str) -> str:
    """The output with wrapped lines joined, to find a sentence wherever the wrap fell."""
    return " ".join(text.split())


def cell(output: str, day: date, lang: str, *, today: date = TODAY, weeks: int = 12) -> str:
    """The calendar's character for ``day``: row by weekday, column by week (the last one today's)."""
    label = WEEKDAYS[lang][day.weekday()]
    [row] = [line for line in output.splitlines() if line.startswith(f"{label}  ")]
    first_monday = today - timedelta(days=today.weekday()) - timedelta(weeks=weeks - 1)
    column = (day - first_monday).days // 7
    assert 0 <= column < weeks, f"{day} is not in the calendar"
    return row.ljust(4 + 2 * weeks)[4 + 2 * column]


def record_days(path: Path, per_day: dict[date, int]) -> None:
    """``n`` answers (alternately to alpha and beta questions) at 09:00 local time on each day."""
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        for day, n in per_day.items():
            at = datetime.combine(day, T0.timetz())
            for k in range(n):
                qid = f"alpha-{k % 5 + 1}" if k % 2 == 0 else f"beta-{k % 3 + 1}"
                store.record(answer(qid, at + timedelta(minutes=k)))


# Saturday 1 March 2025 is today: Wednesday to Saturday in a row, no answer on Tuesday, two
# on Monday, one in December, and one long before the 12 weeks the calendar shows.
HISTORY = {
    TODAY: 1,
    TODAY - DAY: 5,
    TODAY - 2 * DAY: 10,
    TODAY - 3 * DAY: 20,
    TODAY - 5 * DAY: 2,
    date(2024, 12, 31): 3,
    date(2024, 11, 1): 1,
}


@pytest.fixture
def history(tmp_path: Path) -> tuple[Path, Path]:
    bank = titled_bank(tmp_path / "bank", alpha=5, beta=3)
    path = tmp_path / "progress.sqlite3"
    record_days(path, HISTORY)
    return bank, path


def test_german_stats_name_topics_state_the_streak_and_draw_the_calendar(history: tuple[Path, Path]) -> None:
    bank, path = history
    result = stats("--bank", str(bank), "--progress", str(path))  # German by default
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines[1:]), max(lines[1:], key=len)  # [0]: the store path
    assert lines[0] == f"Fortschrittsdatei: {path}"
    [alpha] = [line for line in lines if line.startswith("Die Chinesisch-Deutsche")]
    assert "…" in alpha  # too long for 80 columns: cut, with an ellipsis
    assert alpha.split("…")[1].split() == ["5/5", "100", "%", "5", "5"]
    assert any(line.startswith("Batterien ") for line in lines)
    assert "Batteries" not in out
    assert lines[3].split() == ["Thema", "gesehen", "Punkte", "heute", "Woche"]
    assert lines[2].split() == ["fällig"]
    text = flat(out)
    assert (
        "Serie: 4 Tage in Folge mit mindestens einer Antwort, seit 26.2.2025, heute eingeschlossen." in text
    )
    assert text.count("Serie:") == 1  # said once, not per topic
    assert "Antworten pro Tag, die letzten 12 Wochen bis heute (1.3.2025):" in out
    assert [cell(out, TODAY - n * DAY, "de") for n in range(7)] == ["░", "▒", "▓", "█", "·", "░", "·"]
    assert cell(out, date(2024, 12, 31), "de") == "░"
    assert cell(out, TODAY + DAY, "de") == " "  # Sunday is still to come
    for legend in (
        "· keine Antwort",
        "░ 1–4 Antworten",
        "▒ 5–9 Antworten",
        "▓ 10–19 Antworten",
        "█ 20 oder mehr",
    ):
        assert legend in out
    assert "In diesen 12 Wochen: 41 Antworten an 6 Tagen." in out  # November's answer is older
    assert "wie in den Ergebnissen des Quiz" in text
    month_row = lines[lines.index("Antworten pro Tag, die letzten 12 Wochen bis heute (1.3.2025):") + 1]
    assert month_row.split() == ["Dez", "Jan", "Feb", "Mär"]
    assert month_row.index("Mär") == 4 + 2 * 11  # March begins in this week, the last column


def test_english_stats_speak_english_throughout(history: tuple[Path, Path]) -> None:
    bank, path = history
    result = stats("--bank", str(bank), "--progress", str(path), "--lang", "en")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    lines = out.splitlines()
    assert all(len(line) <= 80 for line in lines[1:]), max(lines[1:], key=len)  # [0]: the store path
    assert lines[3].split() == ["topic", "seen", "accuracy", "today", "week"]
    [alpha] = [line for line in lines if line.startswith("The Chinese-German")]
    assert "…" in alpha
    assert any(line.startswith("Batteries ") for line in lines)
    assert "Batterien" not in out
    assert "Fortschritt" not in out
    text = flat(out)
    assert "Streak: 4 days in a row with at least one answer, since 26 Feb 2025, today included." in text
    assert "Answers per day, the last 12 weeks up to today (1 Mar 2025):" in out
    assert [cell(out, TODAY - n * DAY, "en") for n in range(7)] == ["░", "▒", "▓", "█", "·", "░", "·"]
    assert "█ 20 or more" in out
    assert "In these 12 weeks: 41 answers on 6 days." in out
    assert "as in the quiz's results" in text


@pytest.mark.parametrize(
    ("now", "lang", "said"),
    [
        ("2025-03-02T08:00:00+01:00", "de", "Serie: 4 Tage in Folge mit mindestens einer Antwort, seit 26.2.2025, "
         "bis gestern. Eine Antwort heute setzt sie fort."),
        ("2025-03-02T08:00:00+01:00", "en", "Streak: 4 days in a row with at least one answer, since 26 Feb 2025, "
         "up to yesterday. An answer today keeps it going."),
        ("2025-03-03T08:00:00+01:00", "de", "Serie: keine, weder heute noch gestern eine Antwort."),
        ("2025-03-03T08:00:00+01:00", "en", "Streak: none, no answer today or yesterday."),
    ],
)  # fmt: skip
def test_a_streak_lasts_until_the_day_after_is_over(
    history: tuple[Path, Path], now: str, lang: str, said: str
) -> None:
    bank, path = history
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        store.record(answer("beta-1", T0 + timedelta(hours=12)))  # Saturday 21:00: today once more
    result = stats(
        "--bank", str(bank), "--progress", str(path), "--lang", lang, env={"CHINAAI_LEARN_NOW": now}
    )
    assert result.returncode == 0, result.stderr
    assert said in flat(result.stdout)
    today = datetime.fromisoformat(now).date()
    assert cell(result.stdout, TODAY, lang, today=today) == "░"  # two answers on Saturday


def test_a_single_day_is_a_one_day_streak(tmp_path: Path) -> None:
    bank = titled_bank(tmp_path / "bank", alpha=5, beta=3)
    path = tmp_path / "progress.sqlite3"
    record_days(path, {TODAY: 2, TODAY - 9 * DAY: 1})
    german = flat(stats("--bank", str(bank), "--progress", str(path)).stdout)
    assert "Serie: 1 Tag mit mindestens einer Antwort, heute." in german
    this_week = stats("--bank", str(bank), "--progress", str(path), "--weeks", "1").stdout
    assert "In dieser Woche: 2 Antworten an einem Tag." in this_week
    english = flat(stats("--bank", str(bank), "--progress", str(path), "--lang", "en").stdout)
    assert "Streak: 1 day with at least one answer, today." in english
    assert "In these 12 weeks: 3 answers on 2 days." in english


def test_the_calendar_can_show_other_spans_and_refuses_what_does_not_fit(history: tuple[Path, Path]) -> None:
    bank, path = history
    wide = stats("--bank", str(bank), "--progress", str(path), "--weeks", "26", "--lang", "en")
    assert wide.returncode == 0, wide.stderr
    assert all(len(line) <= 80 for line in wide.stdout.splitlines()[1:])
    assert cell(wide.stdout, date(2024, 11, 1), "en", weeks=26) == "░"
    assert "In these 26 weeks: 42 answers on 7 days." in wide.stdout
    one = stats("--bank", str(bank), "--progress", str(path), "--weeks", "1")
    assert "Antworten pro Tag, diese Woche bis heute (1.3.2025):" in one.stdout
    assert "In dieser Woche: 38 Antworten an 5 Tagen." in one.stdout
    for bad in ("0", "27", "many"):
        refused = stats("--bank", str(bank), "--progress", str(path), "--weeks", bad)
        assert refused.returncode == 2
        assert "from 1 to 26" in refused.stderr
        assert "Traceback" not in refused.stderr


def test_days_are_the_learners_local_days_across_summer_time(tmp_path: Path) -> None:
    bank = titled_bank(tmp_path / "bank", alpha=5, beta=3)
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        # 00:30 in Berlin on Wednesday 16 July (summer time, UTC+2); in winter time it would be the 15th.
        store.record(answer("alpha-1", datetime(2025, 7, 15, 22, 30, tzinfo=UTC)))
        # 00:30 in Berlin on Monday 1 December: today, not Sunday as in UTC.
        store.record(answer("alpha-2", datetime(2025, 11, 30, 23, 30, tzinfo=UTC)))
    berlin = {"TZ": "CET-1CEST,M3.5.0,M10.5.0/3", "CHINAAI_LEARN_NOW": "2025-12-01T09:00:00"}  # local time
    result = stats("--bank", str(bank), "--progress", str(path), "--json", env=berlin)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["today"] == "2025-12-01"
    assert data["days"] == [{"date": "2025-07-16", "answers": 1}, {"date": "2025-12-01", "answers": 1}]
    assert data["streak"] == {"days": 1, "first": "2025-12-01", "last": "2025-12-01"}
    table = stats("--bank", str(bank), "--progress", str(path), "--weeks", "26", env=berlin)
    assert cell(table.stdout, date(2025, 12, 1), "de", today=date(2025, 12, 1), weeks=26) == "░"
    assert cell(table.stdout, date(2025, 11, 30), "de", today=date(2025, 12, 1), weeks=26) == "·"


# The --json document, pinned: a change here must raise "format_version" and update the README.
TOP_KEYS = {
    "format", "format_version", "store", "now", "today", "lang", "topics", "total", "next_due",
    "retired_questions", "accuracy_definition", "streak", "days",
}  # fmt: skip
ROW_KEYS = {
    "topic_id", "seen", "total", "answers", "correct", "score", "accuracy", "percent", "due_today", "due_week",
    "streak_days",
}  # fmt: skip


def test_json_shape_is_versioned_and_pinned(history: tuple[Path, Path]) -> None:
    bank, path = history
    result = stats("--bank", str(bank), "--json", "--lang", "en", env={"CHINAAI_LEARN_PROGRESS": str(path)})
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == TOP_KEYS
    assert (data["format"], data["format_version"]) == ("chinaai-learn-stats", 2)
    assert all(set(row) == ROW_KEYS | {"title"} for row in data["topics"])
    assert set(data["total"]) == ROW_KEYS
    assert set(data["streak"]) == {"days", "first", "last"}
    assert all(set(day) == {"date", "answers"} for day in data["days"])
    assert (data["store"], data["today"], data["lang"], data["now"]) == (
        str(path), "2025-03-01", "en", "2025-03-01T09:00:00+01:00",
    )  # fmt: skip
    alpha, beta = data["topics"]
    assert (alpha["topic_id"], alpha["title"]) == ("alpha", LONG_EN)  # in full, never cut
    assert (beta["topic_id"], beta["title"]) == ("beta", "Batteries")
    assert data["streak"] == {"days": 4, "first": "2025-02-26", "last": "2025-03-01"}
    assert data["days"] == [{"date": d.isoformat(), "answers": n} for d, n in sorted(HISTORY.items())]
    assert data["total"]["answers"] == sum(HISTORY.values())
    assert data["total"]["streak_days"] == 4
    assert data["accuracy_definition"].startswith("points earned / answers")
    german = json.loads(stats("--bank", str(bank), "--progress", str(path), "--json").stdout)
    assert german["topics"][0]["title"] == LONG_DE


def test_partial_credit_is_counted_as_the_quiz_counts_it(tmp_path: Path) -> None:
    bank = titled_bank(tmp_path / "bank", beta=2)
    path = tmp_path / "progress.sqlite3"
    with ProgressStore.open(path, scheduler=CardScheduler(fuzzing=False)) as store:
        store.record(answer("beta-1", T0 - DAY))
        store.record(Answer("beta-2", "beta", False, 0.5, T0 - DAY))  # partly right
    result = stats("--bank", str(bank), "--progress", str(path))
    assert result.returncode == 0, result.stderr
    [row] = [line for line in result.stdout.splitlines() if line.startswith("Batterien")]
    assert row.split() == ["Batterien", "2/2", "75", "%", "2", "2"]  # the quiz: 1,5 of 2 points, 75 %
    data = json.loads(stats("--bank", str(bank), "--progress", str(path), "--json").stdout)
    assert (data["total"]["accuracy"], data["total"]["percent"], data["total"]["score"]) == (0.75, 75, 1.5)


def test_shipped_titles_fit_80_columns_in_both_languages(tmp_path: Path) -> None:
    for lang, cut, full in (
        ("de", "Die Chinesisch-Deutsche Industriestädteallianz…", "Die Chinesisch-Deutsche Industriestädteallianz (ISA)"),
        ("en", "The Chinese-German Industrial Cities Alliance (IS…", "The Chinese-German Industrial Cities Alliance (ISA)"),
    ):  # fmt: skip
        result = stats("--lang", lang, "--progress", str(tmp_path / "none.sqlite3"))
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert all(len(line) <= 80 for line in lines[1:]), max(lines[1:], key=len)  # [0]: the store path
        assert any(line.startswith(cut) for line in lines)
        wide = stats("--lang", lang, "--progress", str(tmp_path / "none.sqlite3"), env={"COLUMNS": "120"})
        assert any(line.startswith(full) for line in wide.stdout.splitlines())  # a wider terminal: in full
        data = json.loads(
            stats("--lang", lang, "--progress", str(tmp_path / "none.sqlite3"), "--json").stdout
        )
        assert full in [t["title"] for t in data["topics"]]


def test_topics_can_be_chosen_and_typos_are_caught(history: tuple[Path, Path]) -> None:
    bank, path = history
    only = json.loads(stats("--bank", str(bank), "--progress", str(path), "--json", "--topic", "beta").stdout)
    assert [t["topic_id"] for t in only["topics"]] == ["beta"]
    # Only beta's answers count for the streak and the calendar: none today, ten on Wednesday.
    assert only["days"] == [
        {"date": "2024-12-31", "answers": 1}, {"date": "2025-02-24", "answers": 1},
        {"date": "2025-02-26", "answers": 10}, {"date": "2025-02-27", "answers": 5},
        {"date": "2025-02-28", "answers": 2},
    ]  # fmt: skip
    assert only["streak"] == {"days": 3, "first": "2025-02-26", "last": "2025-02-28"}
    typo = stats("--bank", str(bank), "--progress", str(path), "--topic", "alhpa")
    assert typo.returncode == 2
    assert "did you mean 'alpha'" in typo.stderr
    assert "Traceback" not in typo.stderr


def test_no_store_yet_shows_zero_progress_and_creates_nothing(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    missing = tmp_path / "data" / "progress.sqlite3"
    result = stats("--bank", str(bank), "--progress", str(missing), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert "0/2" in result.stdout
    assert "No answers recorded yet" in result.stdout
    assert "Streak: none" in result.stdout
    assert "In these 12 weeks: 0 answers on 0 days." in result.stdout
    assert not missing.parent.exists()


def test_a_damaged_store_is_kept_aside_with_a_warning(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    path = tmp_path / "progress.sqlite3"
    path.write_text("not sqlite")
    result = stats("--bank", str(bank), "--progress", str(path))
    assert result.returncode == 0
    assert "Traceback" not in result.stderr
    assert "warning:" in result.stderr
    assert "damaged-" in result.stderr
    [kept] = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept.read_text() == "not sqlite"


def test_an_impossible_store_location_is_a_clear_error(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    blocker = tmp_path / "file"
    blocker.write_text("x")  # a regular file where a folder should be: unwritable even for root
    result = stats("--bank", str(bank), "--progress", str(blocker / "sub" / "progress.sqlite3"))
    assert result.returncode == 2
    assert "cannot be created there" in result.stderr
    assert "--progress PATH" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_fixed_clock_is_a_clear_error(tmp_path: Path) -> None:
    bank = write_bank(tmp_path / "bank", alpha=2)
    result = stats(
        "--bank", str(bank), "--progress", str(tmp_path / "p.sqlite3"), env={"CHINAAI_LEARN_NOW": "soon"}
    )
    assert result.returncode == 2
    assert "CHINAAI_LEARN_NOW" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_calendar_is_green_on_a_colour_terminal_and_plain_under_no_color(
    history: tuple[Path, Path],
) -> None:
    import pty  # POSIX only, like a terminal

    bank, path = history

    def on_a_terminal(env: dict[str, str]) -> str:
        leader, follower = pty.openpty()
        inherited = {k: v for k, v in os.environ.items() if k not in ("CHINAAI_LEARN_PROGRESS", "NO_COLOR")}
        args = [sys.executable, "-m", "chinaai_learn", "stats", "--bank", str(bank), "--progress", str(path)]
        env = {**inherited, **NOW, "TERM": "xterm-256color", "COLUMNS": "80", **env}
        with subprocess.Popen(args, stdout=follower, stderr=subprocess.PIPE, env=env, cwd=ROOT) as child:
            os.close(follower)
            chunks = []
            while True:
                try:
                    chunk = os.read(leader, 65536)
                except OSError:  # the child closed the terminal
                    break
                if not chunk:
                    break
                chunks.append(chunk)
            assert child.wait(timeout=120) == 0
        os.close(leader)
        return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")

    coloured = on_a_terminal({})
    assert "\x1b[32m█\x1b[39m" in coloured  # Wednesday's 20 answers
    assert "\\x1b" not in coloured  # obeyed, not shown as an escape
    plain = on_a_terminal({"NO_COLOR": "1"})
    assert "\x1b" not in plain
    assert cell(plain, TODAY - 3 * DAY, "de") == "█"
    assert plain.replace(" ", "") == coloured.replace("\x1b[32m", "").replace("\x1b[39m", "").replace(" ", "")
