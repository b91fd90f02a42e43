"""Numbers (L601–L603): tolerances that do not fit how the source states the figure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..model import Numeric
from ..textnorm import parse_number
from .context import Hit, LintContext, quoted
from .words import fold

# Words before a figure that make it approximate or a bound (folded forms, as the source prints them).
APPROXIMATE = (
    "rund", "fast", "etwa", "ueber", "knapp", "mehr als", "ungefaehr", "ca.", "circa", "nahezu",
    "annaehernd", "beinahe", "unter", "weniger als", "about", "around", "almost", "nearly",
    "over", "more than", "roughly", "approximately", "some", "less than", "under",
)  # fmt: skip
_FIGURE = re.compile(r"\d[\d.]*(?:,\d+)?")
_YEAR_WORDS = ("jahr", "year", "wann", "when")


def check(ctx: LintContext) -> Iterator[Hit]:
    for q in ctx.bank.questions:
        if not isinstance(q, Numeric):
            continue
        tolerance = q.absolute_tolerance
        if _is_year(q):
            if tolerance > 0:
                yield Hit(
                    "L603",
                    (q.id,),
                    f"a year accepted with a tolerance of {q.tolerance}: a year is right or wrong; set tolerance 0 "
                    "(or ask for the decade in words)",
                )
            continue
        figure = _figure_in_sources(q)
        if figure is None:
            continue
        marker, where = figure
        if marker and tolerance == 0:
            yield Hit(
                "L601",
                (q.id,),
                f"the source calls the figure approximate ({quoted(where, 40)}) but the tolerance is 0: "
                "accept a range that fits the word (e.g. 5%), or ask in words",
            )
        elif not marker and tolerance > 0:
            yield Hit(
                "L602",
                (q.id,),
                f"the source gives the exact figure ({quoted(where, 40)}) yet the tolerance is {q.tolerance}: "
                "an exact count is right or wrong; set tolerance 0",
            )


def _is_year(q: Numeric) -> bool:
    if q.value != int(q.value) or not 1900 <= q.value <= 2100:
        return False
    unit = fold(q.unit.de + " " + q.unit.en) if q.unit else ""
    if unit and not any(w in unit for w in ("jahr", "year")):
        return False
    return any(w in fold(q.prompt.de + " " + q.prompt.en) for w in _YEAR_WORDS)


def _figure_in_sources(q: Numeric) -> tuple[str | None, str] | None:
    """(approximation word or None, the passage) for the first place a citation prints the value."""
    for cite in q.citations:
        for text in (cite.highlight, cite.quote):
            if not text:
                continue
            for match in _FIGURE.finditer(text):
                number = parse_number(match.group().rstrip("."), "de")
                if number is None or abs(number - q.value) > 1e-9:
                    continue
                before = fold(text[max(0, match.start() - 16) : match.start()]).strip()
                marker = next((m for m in APPROXIMATE if re.search(rf"(?<!\w){re.escape(m)}$", before)), None)
                after = re.match(r"\S*(?:\s+[^\s\d]\S*)?", text[match.end() :])
                figure = match.group() + (after.group() if after else "")
                before = " ".join(text[: match.start()].split()[-2:]) if marker else ""
                return marker, f"{before} {figure}".strip()
    return None
