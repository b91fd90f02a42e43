"""The worksheet's own words in German and English: labels and an instruction per question type."""

from __future__ import annotations

LABELS: dict[str, dict[str, str]] = {
    "de": {
        "worksheet": "Arbeitsblatt",
        "name": "Name",
        "class": "Klasse",
        "date": "Datum",
        "version": "Version",
        "key": "Lösungsschlüssel",
        "page": "Seite",
        "of": "von",
        "answer": "Antwort",
        "explanation": "Erklärung",
        "source": "Quelle",
        "translation": "Übersetzung",
        "true": "wahr",
        "false": "falsch",
        "order": "Reihenfolge",
        "open_quote": "„",
        "close_quote": "“",
    },
    "en": {
        "worksheet": "Worksheet",
        "name": "Name",
        "class": "Class",
        "date": "Date",
        "version": "Version",
        "key": "Answer key",
        "page": "Page",
        "of": "of",
        "answer": "Answer",
        "explanation": "Explanation",
        "source": "Source",
        "translation": "Translation",
        "true": "true",
        "false": "false",
        "order": "Order",
        "open_quote": "“",
        "close_quote": "”",
    },
}

INSTRUCTIONS: dict[str, dict[str, str]] = {
    "de": {
        "single_choice": "Kreuzen Sie die eine richtige Antwort an.",
        "multiple_choice": "Kreuzen Sie alle zutreffenden Antworten an.",
        "true_false": "Ist die Aussage wahr oder falsch? Kreuzen Sie an.",
        "cloze": "Füllen Sie die Lücken aus.",
        "numeric": "Schreiben Sie die Zahl auf die Linie.",
        "short_answer": "Antworten Sie in wenigen Worten.",
        "ordering": "Nummerieren Sie die Kästchen in der richtigen Reihenfolge: 1, 2, 3, …",
        "matching": "Schreiben Sie in jedes Kästchen den Buchstaben der passenden Antwort.",
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


def label(lang: str, key: str) -> str:
    return LABELS[lang][key]


def instruction(lang: str, question_type: str) -> str:
    return INSTRUCTIONS[lang][question_type]
