"""Text and number normalisation shared by grading and verification.

Learners type "Muenchen" for "München", "Hangzhou." for "Hangzhou", "1,4" in German
and "1.4" in English; sources write "296.446" and "254TOPS". This module turns all of
those into forms that compare equal, and nothing else.
"""

from __future__ import annotations

import re
import unicodedata

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_PUNCT_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)
_WS = re.compile(r"\s+")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "‒": "-", "–": "-", "—": "-", "−": "-"})
_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "»": '"', "«": '"', "‚": "'", "‘": "'", "’": "'"})
# Characters that draw nothing inside a word (soft hyphen, zero-width space/joiners, word
# joiner, BOM): a learner's paste may carry them, and "Hang\u00adzhou" is "Hangzhou".
_INVISIBLE = str.maketrans(dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff"))


def normalize_for_search(text: str) -> str:
    """A form of running text in which a normalised answer can be searched for."""
    text = unicodedata.normalize("NFKC", text.translate(_INVISIBLE)).casefold().translate(_UMLAUTS)
    text = text.translate(_DASHES).translate(_QUOTES).replace("-", " ")  # "Open-Source" = "Open Source"
    return _WS.sub(" ", text.replace("\u00a0", " "))


def normalize_answer(text: str) -> str:
    """Canonical form of a typed answer: the search form without edge spaces and punctuation."""
    return _PUNCT_EDGE.sub("", normalize_for_search(text).strip())


def parse_number(text: str, lang: str) -> float | None:
    """Read one number typed by a learner, in the session's language, or None.

    German: "296.446" → 296446, "1,4" → 1.4. English: "296,446" → 296446, "1.4" → 1.4.
    A unit or "%"/"Prozent" may follow; spaces and thin spaces group thousands in both.
    """
    s = unicodedata.normalize("NFKC", text).strip().replace("−", "-")
    match = re.match(r"^([-+]?\d[\d.,'\u00a0 ]*)(.*)$", s)
    if not match:
        return None
    digits, rest = match.group(1).strip(), match.group(2).strip()
    if digits[-1] in ".," and (rest == "" or not rest[0].isdigit()):
        digits = digits[:-1].rstrip()  # "14." (a German ordinal) or "254, " is still 14 / 254
    if rest and not re.match(r"^[^\d\s][^\d]*$", rest):
        return None  # something other than a unit after the number
    digits = re.sub(r"[\u00a0 ']", "", digits)
    decimal, group = (",", ".") if lang == "de" else (".", ",")
    if decimal in digits:
        whole, _, frac = digits.rpartition(decimal)
        if group in frac or decimal in whole:
            return None
    else:
        whole, frac = digits, ""
    if group in whole:
        parts = whole.lstrip("+-").split(group)
        if not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
            return None  # "1.4" in German is not a grouped thousand
        whole = whole.replace(group, "")
    try:
        return float(f"{whole}.{frac}" if frac else whole)
    except ValueError:
        return None


def numbers_in(text: str) -> set[float]:
    """Every number a running German or English text may mean ("296.446" → 296446 and 296.446)."""
    found: set[float] = set()
    for token in re.findall(r"\d+(?:[.,]\d+)*", text.replace("\u00a0", " ")):
        for lang in ("de", "en"):
            value = parse_number(token, lang)
            if value is not None:
                found.add(value)
        for piece in re.split(r"[.,]", token):
            found.add(float(piece))
    return found


def text_contains(haystack: str, needle: str) -> bool:
    """True if the normalised needle occurs in the normalised haystack."""
    n = normalize_answer(needle)
    return bool(n) and n in normalize_for_search(haystack)


_SWAP_SEPARATORS = str.maketrans(",.", ".,")


def format_number(value: float, lang: str, *, grouping: bool = True) -> str:
    """A number written the way the language writes it (de: 296.446 / 1,4).

    ``grouping=False`` leaves out the thousands separator: for years ("2027", never "2.027").
    """
    comma = "," if grouping else ""
    if float(value).is_integer():
        text = f"{int(value):{comma}}"
    else:
        text = f"{value:{comma}.6f}".rstrip("0").rstrip(".")
    if lang == "de":
        text = text.translate(_SWAP_SEPARATORS)
    return text


def one_edit_apart(a: str, b: str) -> bool:
    """True if ``b`` is ``a`` with exactly one letter added, dropped, changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    if len(a) < len(b):  # one letter added
        return a[start:] == b[start + 1 :]
    if a[start + 1 :] == b[start + 1 :]:  # one letter changed
        return True
    return a[start : start + 2] == b[start : start + 2][::-1] and a[start + 2 :] == b[start + 2 :]
