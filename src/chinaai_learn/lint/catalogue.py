"""Every lint rule: its stable code, its name, its family and what to do about a finding."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    """One rule of the linter. Codes are stable: waivers and configs name them."""

    code: str
    name: str
    family: str
    summary: str


_RULES = (
    Rule("L001", "waiver-unknown-code", "waivers", "a lint waiver names a code that is not a rule"),
    Rule("L002", "waiver-unused", "waivers", "a lint waiver silences a rule that no longer fires here"),
    Rule("L101", "answer-in-prompt", "giveaway", "the answer appears in the question's own prompt"),
    Rule("L102", "order-in-wording", "giveaway", "the ordering items' own wording or numbers give the order"),
    Rule("L103", "acronym-giveaway", "giveaway", "a printed acronym spells the answer"),
    Rule("L104", "word-cue", "giveaway", "only the correct choice repeats a word of the prompt"),
    Rule("L201", "cross-question-leak", "leak", "one question's answer is printed in another of its topic"),
    Rule("L301", "source-cluster", "cluster", "too many questions cite the same sentence of a source"),
    Rule(
        "L401", "trivially-false", "true-false", "a false statement is its quote with a negation or antonym"
    ),
    Rule("L402", "copied-true", "true-false", "a true statement copies its quote word for word"),
    Rule("L501", "distractor-supported", "distractors", "a wrong choice is supported by the cited span"),
    Rule("L502", "odd-one-out", "distractors", "the correct choice is the only one of its kind"),
    Rule("L601", "approximate-exact", "numbers", "tolerance 0 on a figure the source marks as approximate"),
    Rule("L602", "exact-with-tolerance", "numbers", "a tolerance on a count the source gives exactly"),
    Rule("L603", "year-with-tolerance", "numbers", "a year accepted with a tolerance"),
    Rule("L701", "position-bias", "position", "the correct choice is mostly first among unshuffled choices"),
    Rule(
        "L801",
        "instruction-duplicate",
        "instructions",
        "the prompt repeats the instruction every front end adds",
    ),
    Rule("L901", "tag-used-once", "tags", "a tag only one question uses"),
    Rule("L902", "tag-near-synonym", "tags", "two tags that differ only in spelling or inflection"),
    Rule("L903", "tag-mixed-languages", "tags", "a tag in another language than the bank's other tags"),
    Rule("L904", "tag-not-declared", "tags", "a tag missing from the bank's declared vocabulary (tags.yaml)"),
    Rule("L905", "tag-rarely-used", "tags", "a declared tag used by fewer questions than the minimum"),
)

RULES: dict[str, Rule] = {rule.code: rule for rule in _RULES}
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(rule.family for rule in _RULES))


def matching_codes(selector: str) -> set[str]:
    """Codes a --select/--ignore entry names: a code, a code prefix (``L1``), a rule or family name."""
    s = selector.strip()
    upper = s.upper()
    return {
        rule.code
        for rule in _RULES
        if (upper.startswith("L") and rule.code.startswith(upper)) or s.lower() in (rule.name, rule.family)
    }
