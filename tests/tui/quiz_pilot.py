"""Helpers for driving the quiz with Pilot: run at 80x24, the keys that answer a question, screen text."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from chinaai_learn.session import QuizSession
from chinaai_learn_tui.app import QuizApp

QUIZBANK = Path(__file__).parents[1] / "data" / "quizbank"
SIZE = (80, 24)
FIXED_TIME = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED_TIME


def run(app: QuizApp, scenario: Callable[..., Awaitable[None]]) -> None:
    """Run ``scenario(pilot)`` against ``app`` at 80x24."""

    async def main() -> None:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())


def answer_keys(session: QuizSession, right: bool) -> list[str]:
    """The key presses that answer ``session.current`` right (or wrong) on the question screen."""
    question = session.current
    order = list(session.layout(question).order)
    kind = question.type
    if kind in ("single_choice", "multiple_choice"):
        correct = [order.index(i) for i in question.correct_indices]
        wrong = [k for k in range(len(order)) if k not in correct]
        chosen = correct if right else (correct[:1] + wrong[:1] if kind == "multiple_choice" else wrong[:1])
        return [str(k + 1) for k in chosen] + ["enter"]
    if kind == "true_false":
        return ["w" if question.answer == right else "f", "enter"]
    if kind == "cloze":
        first = question.blanks[0](session.lang)[0] if right else "nichts"
        keys = [*list(first), "enter"]
        for blank in question.blanks[1:]:
            keys += [*list(blank(session.lang)[0]), "enter"]
        return keys
    if kind == "numeric":
        return [*list("254" if right else "508"), "enter"]
    if kind == "short_answer":
        return [*list("denza n7" if right else "Leopard"), "enter"]
    if kind == "ordering":
        return (_sort_keys(order) if right else []) + ["enter"]
    if kind == "matching":
        targets = list(range(len(order))) if right else list(reversed(range(len(order))))
        return [chr(ord("a") + order.index(t)) for t in targets] + ["enter"]
    raise AssertionError(kind)


def _sort_keys(order: list[int]) -> list[str]:
    """Arrow keys that sort ``order`` into 0, 1, 2, ... by moving items up with Shift+↑."""
    items, cursor, keys = list(order), 0, []
    for target in range(len(items)):
        at = items.index(target)
        keys += ["down" if at > cursor else "up"] * abs(at - cursor)
        cursor = at
        while cursor > target:
            keys.append("shift+up")
            items[cursor - 1], items[cursor] = items[cursor], items[cursor - 1]
            cursor -= 1
    return keys


def visible_text(app: QuizApp) -> str:
    """The words on the current screen (every Static and card), one widget per line."""
    from textual.widgets import Static

    parts = []
    for widget in app.screen.query("*"):
        if isinstance(widget, Static) or widget.__class__.__name__ in (
            "SourceCard",
            "ClozeInput",
            "QuizStatus",
        ):
            parts.append(str(widget.render()))
    return "\n".join(parts)
