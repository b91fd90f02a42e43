"""Grading is forgiving where a learner expects it and strict where the answer differs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chinaai_learn.grading import grade, match_typed
from chinaai_learn.loading import load_bank
from chinaai_learn.textnorm import format_number, normalize_answer, one_edit_apart, parse_number

from .conftest import GOOD_BANK

BANK = load_bank(GOOD_BANK)


def q(qid: str):
    question = BANK.get(qid)
    assert question is not None
    return question


@pytest.mark.parametrize(
    ("typed", "lang", "expected"),
    [
        ("296.446", "de", 296446),
        ("296,446", "en", 296446),
        ("1,4", "de", 1.4),
        ("1.4", "en", 1.4),
        ("254 TOPS", "de", 254),
        ("254TOPS", "en", 254),
        ("70 %", "de", 70),
        ("70 Prozent", "de", 70),
        ("70%", "en", 70),
        ("1.234.567,5", "de", 1234567.5),
        ("1,234,567.5", "en", 1234567.5),
        ("-3,5", "de", -3.5),
        ("10 000", "de", 10000),
    ],
)
def test_numbers_are_read_in_the_session_language(typed: str, lang: str, expected: float) -> None:
    assert parse_number(typed, lang) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("typed", "lang"), [("1.4", "de"), ("1,4", "en"), ("abc", "de"), ("", "en"), ("12 34x5", "de")]
)
def test_text_that_is_not_a_number_in_that_language_is_refused(typed: str, lang: str) -> None:
    assert parse_number(typed, lang) is None


@given(
    st.floats(min_value=-1e9, max_value=1e9, allow_nan=False).map(lambda x: round(x, 3)),
    st.sampled_from(["de", "en"]),
)
def test_any_number_written_in_a_language_reads_back(value: float, lang: str) -> None:
    assert parse_number(format_number(value, lang), lang) == pytest.approx(value, abs=1e-6)


@given(st.text(alphabet="äöüÄÖÜßaeiouxyz ", min_size=1, max_size=20))
def test_umlaut_spellings_and_case_are_equivalent(word: str) -> None:
    spelled = (
        word.replace("ä", "ae")
        .replace("ö", "oe")
        .replace("ü", "ue")
        .replace("Ä", "Ae")
        .replace("Ö", "Oe")
        .replace("Ü", "Ue")
        .replace("ß", "ss")
    )
    assert normalize_answer(word) == normalize_answer(spelled.upper())


@given(st.sampled_from([" ", "  ", "\u00a0", "\t"]), st.sampled_from(["", ".", "!", "“", "»", '"']))
def test_surrounding_whitespace_and_punctuation_never_matter(space: str, mark: str) -> None:
    assert grade(q("mini-deepseek-city"), f"{space}{mark}hangzhou{mark}{space}", "de").correct


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u200d", "\u2060", "\ufeff"])
def test_a_pasted_answer_with_invisible_breaks_in_a_word_is_the_word(invisible: str) -> None:
    # Text copied from a PDF or a web page carries soft hyphens and zero-width spaces: the
    # word is right as it is, not a typo shown with a "correct spelling" that looks the same.
    result = grade(q("mini-deepseek-city"), f"Hang{invisible}zhou", "de")
    assert result.correct
    assert result.spellings == ()


def test_numeric_in_both_languages_and_with_relative_tolerance() -> None:
    question = q("mini-isa-volume")  # 1.4 ± 5 %
    assert grade(question, "1,4", "de").correct
    assert grade(question, "1.4", "en").correct
    assert grade(question, "1,45", "de").correct
    assert not grade(question, "1,5", "de").correct
    wrong_format = grade(question, "1.4", "de")
    assert not wrong_format.correct
    assert "Dezimalkomma" in (wrong_format.note or "")


def test_numeric_exact_with_unit() -> None:
    assert grade(q("mini-tier-b-tops"), "254 TOPS", "en").correct
    assert not grade(q("mini-tier-b-tops"), "255", "en").correct


def test_single_and_true_false() -> None:
    assert grade(q("mini-aiplus-2027"), 0).correct
    assert not grade(q("mini-aiplus-2027"), 1).correct
    assert grade(q("mini-aiplus-state-council"), True).correct
    assert not grade(q("mini-aiplus-state-council"), False).correct


def test_multiple_choice_scores_plus_one_kth_per_right_and_minus_per_wrong_pick_floored_at_zero() -> None:
    question = q("mini-aiplus-models")  # 0, 1, 2 correct; 3 wrong
    assert grade(question, {0, 1, 2}).correct
    partial = grade(question, {0, 1})
    assert not partial.correct
    assert partial.partial
    assert partial.score == pytest.approx(2 / 3)
    assert grade(question, {0, 1, 3}).score == 0  # 2/3 − 1 is floored at 0
    select_all = grade(question, {0, 1, 2, 3})
    assert select_all.score == 0
    assert select_all.outcome == "incorrect"


@pytest.mark.parametrize(
    ("qid", "response"),
    [
        ("mini-aiplus-models", set()),
        ("mini-aiplus-2027", None),
        ("mini-aiplus-state-council", None),
        ("mini-tier-a-cloze", ["", " "]),
        ("mini-isa-volume", ""),
        ("mini-deepseek-city", "  "),
        ("mini-tiers-by-power", []),
        ("mini-tier-badges", [None, None, None]),
    ],
)
def test_an_empty_answer_is_no_answer_not_partly_right(qid: str, response: object) -> None:
    result = grade(q(qid), response)
    assert result.outcome == "no_answer"
    assert result.score == 0
    assert not result.partial


def test_an_unreadable_number_is_no_answer_with_a_note() -> None:
    result = grade(q("mini-isa-volume"), "viel", "de")
    assert result.outcome == "no_answer"
    assert "keine Zahl" in (result.note or "")


def test_cloze_per_blank_in_each_language() -> None:
    question = q("mini-tier-a-cloze")
    assert grade(question, ["drei", "508"], "de").correct
    assert grade(question, ["three", "508"], "en").correct
    half = grade(question, ["4", "508"], "de")
    assert half.parts == (False, True)
    assert half.score == 0.5


def test_ordering_earns_a_share_per_item_followed_by_its_right_successor() -> None:
    question = q("mini-tiers-by-power")  # three items: two neighbour pairs
    assert grade(question, [0, 1, 2]).correct
    assert grade(question, [1, 2, 0]).score == pytest.approx(1 / 2)  # B→C kept
    assert grade(question, [1, 0, 2]).score == 0  # nothing directly followed by its successor
    assert grade(question, [2, 1, 0]).score == 0


def test_matching_earns_a_share_per_pair() -> None:
    assert grade(q("mini-tier-badges"), [0, 1, 2]).correct
    assert grade(q("mini-tier-badges"), [0, 2, 1]).score == pytest.approx(1 / 3)


@pytest.mark.parametrize(
    ("typed", "lang", "ok", "spelling"),
    [
        ("Hangzou", "de", True, "Hangzhou"),  # one letter dropped
        ("Hanzghou", "de", True, "Hangzhou"),  # two neighbours swapped
        ("Hangzhoux", "en", True, "Hangzhou"),  # one letter added
        ("Hangzhou", "de", True, None),  # exact: no correction to mention
        ("Hngzou", "de", False, None),  # two edits
    ],
)
def test_a_short_answer_forgives_one_typo_and_names_the_right_spelling(
    typed: str, lang: str, ok: bool, spelling: str | None
) -> None:
    result = grade(q("mini-deepseek-city"), typed, lang)
    assert result.correct is ok
    assert result.spellings == ((spelling,) if spelling else ())


def test_no_typo_is_forgiven_in_short_words_numbers_or_codes() -> None:
    assert not match_typed("Rl", ["R1"])[0]  # a code
    assert not match_typed("V4", ["V3"])[0]
    assert match_typed("Pekig", ["Peking"])[0]  # six letters: forgiven
    assert not match_typed("Pari", ["Paris"])[0]  # five letters: not forgiven
    assert not match_typed("2028", ["2027"])[0]
    cloze = grade(q("mini-tier-a-cloze"), ["drie", "508"], "de")  # "drei" is too short to forgive
    assert cloze.parts == (False, True)


def test_one_edit_apart_is_one_insertion_deletion_substitution_or_swap() -> None:
    assert one_edit_apart("abcdef", "abcdxf")
    assert one_edit_apart("abcdef", "abcdf")
    assert one_edit_apart("abcdef", "abcdeff")
    assert one_edit_apart("abcdef", "abdcef")
    assert not one_edit_apart("abcdef", "abcdef")
    assert not one_edit_apart("abcdef", "badcef")
    assert not one_edit_apart("abcdef", "abcd")


def test_hyphens_and_spaces_are_interchangeable_in_typed_answers() -> None:
    assert normalize_answer("Open-Source-KI") == normalize_answer("open source KI")


@pytest.mark.parametrize(("typed", "expected"), [("14.", 14), ("20. ", 20), ("254,", 254)])
def test_a_trailing_dot_or_comma_does_not_spoil_a_number(typed: str, expected: float) -> None:
    assert parse_number(typed, "de") == expected


def test_years_are_written_without_a_thousands_separator() -> None:
    assert format_number(2027, "de", grouping=False) == "2027"
    assert format_number(2027, "en", grouping=False) == "2027"
    assert format_number(296446, "de") == "296.446"
