"""The worksheet's own words in German (Sie or du) and English: labels, instructions, scoring rules."""

from __future__ import annotations

import re

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "worksheet": "Arbeitsblatt",
        "name": "Name",
        "class": "Klasse",
        "date": "Datum",
        "pupil_number": "Nr.",
        "school": "Schule",
        "course": "Kurs",
        "time_allowed": "Bearbeitungszeit",
        "minutes": "Minuten",
        "points": "Punkte",
        "grade": "Note",
        "version": "Version",
        "key": "Lösungsschlüssel",
        "key_grid": "Lösungen auf einen Blick",
        "key_details": "Lösungen mit Belegen",
        "scoring": "Bewertung",
        "grade_scale": "Notenschlüssel",
        "from_points": "ab",
        "question": "Aufgabe",
        "texts": "Texte",
        "text": "Text",
        "page": "Seite",
        "of": "von",
        "answer": "Antwort",
        "explanation": "Erklärung",
        "source": "Quelle",
        "translation": "Übersetzung",
        "true": "wahr",
        "false": "falsch",
        "order": "Reihenfolge",
        "total": "Summe",
        "blank_page": "Diese Seite bleibt absichtlich frei.",
    },
    "en": {
        "worksheet": "Worksheet",
        "name": "Name",
        "class": "Class",
        "date": "Date",
        "pupil_number": "No.",
        "school": "School",
        "course": "Course",
        "time_allowed": "Time allowed",
        "minutes": "minutes",
        "points": "Points",
        "grade": "Grade",
        "version": "Version",
        "key": "Answer key",
        "key_grid": "Answers at a glance",
        "key_details": "Answers with sources",
        "scoring": "Scoring",
        "grade_scale": "Grade scale",
        "from_points": "from",
        "question": "Question",
        "texts": "Texts",
        "text": "Text",
        "page": "Page",
        "of": "of",
        "answer": "Answer",
        "explanation": "Explanation",
        "source": "Source",
        "translation": "Translation",
        "true": "true",
        "false": "false",
        "order": "Order",
        "total": "Total",
        "blank_page": "This page is intentionally left blank.",
    },
}

INSTRUCTIONS: dict[str, dict[str, str]] = {
    "Sie": {
        "single_choice": "Kreuzen Sie die eine richtige Antwort an.",
        "multiple_choice": "Kreuzen Sie alle zutreffenden Antworten an.",
        "true_false": "Ist die Aussage wahr oder falsch? Kreuzen Sie an.",
        "cloze": "Füllen Sie die Lücken aus.",
        "numeric": "Schreiben Sie die Zahl auf die Linie.",
        "short_answer": "Antworten Sie in wenigen Worten.",
        "ordering": "Nummerieren Sie die Kästchen in der richtigen Reihenfolge: 1, 2, 3, …",
        "matching": "Schreiben Sie in jedes Kästchen den Buchstaben der passenden Antwort.",
    },
    "du": {
        "single_choice": "Kreuze die eine richtige Antwort an.",
        "multiple_choice": "Kreuze alle zutreffenden Antworten an.",
        "true_false": "Ist die Aussage wahr oder falsch? Kreuze an.",
        "cloze": "Fülle die Lücken aus.",
        "numeric": "Schreibe die Zahl auf die Linie.",
        "short_answer": "Antworte in wenigen Worten.",
        "ordering": "Nummeriere die Kästchen in der richtigen Reihenfolge: 1, 2, 3, …",
        "matching": "Schreibe in jedes Kästchen den Buchstaben der passenden Antwort.",
    },
    "en": {
        "single_choice": "Tick the one correct answer.",
        "multiple_choice": "Tick all answers that apply.",
        "true_false": "Is the statement true or false? Tick one.",
        "cloze": "Fill in the blanks.",
        "numeric": "Write the number on the line.",
        "short_answer": "Answer in a few words.",
        "ordering": "Number the boxes in the right order: 1, 2, 3, …",
        "matching": "Write the letter of the matching answer in each box.",
    },
}

# How each type is marked on paper, for the key (the teacher) and, in short, the sheet.
SCORING: dict[str, dict[str, str]] = {
    "de": {
        "single_choice": "Einfachauswahl: volle Punktzahl für das richtige Kreuz, sonst 0.",
        "multiple_choice": (
            "Mehrfachauswahl mit k richtigen von n Antworten: jedes richtige Kreuz bringt 1/k der Punkte, "
            "jedes falsche Kreuz kostet 1/(n−k) der Punkte; weniger als 0 gibt es nicht."
        ),
        "true_false": "Wahr/falsch: volle Punktzahl für das richtige Kreuz, sonst 0.",
        "cloze": "Lückentext: die Punkte verteilen sich gleich auf die Lücken.",
        "numeric": "Zahl: volle Punktzahl, wenn sie innerhalb der angegebenen Toleranz liegt.",
        "short_answer": "Kurzantwort: volle Punktzahl für eine der genannten Antworten (Schreibvarianten zählen).",
        "ordering": "Reihenfolge: volle Punktzahl nur für die ganz richtige Reihenfolge.",
        "matching": "Zuordnung: die Punkte verteilen sich gleich auf die Paare.",
    },
    "en": {
        "single_choice": "Single choice: full points for the right tick, otherwise 0.",
        "multiple_choice": (
            "Multiple choice with k right answers out of n: each right tick earns 1/k of the points, "
            "each wrong tick costs 1/(n−k) of the points; the score never goes below 0."
        ),
        "true_false": "True/false: full points for the right tick, otherwise 0.",
        "cloze": "Cloze: the points are shared equally between the gaps.",
        "numeric": "Number: full points when it lies within the stated tolerance.",
        "short_answer": "Short answer: full points for one of the answers given (spelling variants count).",
        "ordering": "Ordering: full points only for an entirely right order.",
        "matching": "Matching: the points are shared equally between the pairs.",
    },
}

# Sentences in a prompt that repeat the type's instruction ("Select all that apply."):
# the sheet prints the instruction once, under the prompt.
_REPEATED_INSTRUCTION = {
    "multiple_choice": re.compile(
        r"\s*\(?\s*(?:Wählen Sie|Wähle|Kreuzen Sie|Kreuze) alle zutreffenden(?: Antworten)?(?: aus| an)?"
        r"|\s*\(?\s*(?:Select|Choose|Tick) all(?: answers)? that apply"
        r"|\s*\(?\s*(?:Mehrere Antworten (?:sind )?möglich|(?:Several|Multiple|More than one) answers? (?:are )?possible)",
        re.IGNORECASE,
    ),
}
_CLOSING = re.compile(r"^\s*[.!]?\s*\)?\s*[.!]?\s*$")


def label(lang: str, key: str) -> str:
    return LABELS[lang][key]


def instruction(lang: str, question_type: str, address: str = "Sie") -> str:
    """The type's instruction, addressing the pupil as ``address`` (German only: "Sie" or "du")."""
    return INSTRUCTIONS["en" if lang == "en" else address][question_type]


def scoring_rule(lang: str, question_type: str) -> str:
    return SCORING[lang][question_type]


def sheet_prompt(prompt: str, question_type: str) -> str:
    """The prompt without a closing sentence that only repeats the type's instruction."""
    pattern = _REPEATED_INSTRUCTION.get(question_type)
    if pattern is None:
        return prompt
    for match in pattern.finditer(prompt):
        if _CLOSING.match(prompt[match.end() :]) and match.start() > 0:
            return prompt[: match.start()].rstrip()
    return prompt
