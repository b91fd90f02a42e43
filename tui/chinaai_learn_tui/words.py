"""Every word the quiz shows, in German and English, and key bindings labelled in both."""

from __future__ import annotations

from datetime import timedelta

from textual.binding import Binding

from chinaai_learn.model import LANGS

WORDS: dict[str, dict[str, str]] = {
    "de": {
        "app_title": "chinaai-learn · Quiz über China und KI",
        "topics": "Themen",
        "language": "Sprache",
        "mode": "Modus",
        "practice": "Üben (Rückmeldung nach jeder Frage)",
        "exam": "Prüfung (Auswertung am Ende)",
        "difficulty": "Schwierigkeit",
        "level_1": "1 leicht",
        "level_2": "2 mittel",
        "level_3": "3 schwer",
        "count": "Anzahl",
        "count_all": "alle",
        "matches": "Passende Fragen: {n}; gefragt werden: {asked}.",
        "no_topic": "Wählen Sie mindestens ein Thema (Leertaste).",
        "no_level": "Wählen Sie mindestens eine Schwierigkeit.",
        "no_match": "Keine Fragen passen zu dieser Auswahl: wählen Sie mehr Themen oder Schwierigkeiten.",
        "start_button": "Quiz starten",
        "key_start": "Start",
        "key_all_topics": "Alle Themen",
        "question_of": "Frage {n}/{total}",
        "score": "Punkte {score}/{answered}",
        "time_left": "noch {time}",
        "time_up_last": "Zeit um: letzte Frage",
        "time_ended": "Zeit abgelaufen nach {minutes} Min.: gewertet ist, was beantwortet wurde ({asked} von {total} Fragen).",
        "minutes": "Minuten",
        "minutes_none": "ohne",
        "setting_minutes": "Zeitlimit (Minuten)",
        "key_submit": "Antworten",
        "key_hint": "Tipp",
        "key_bury": "Heute nicht",
        "buried": "Für heute zurückgestellt: kommt ab Mitternacht wieder dran.",
        "buried_all": "Alle übrigen Fragen sind für heute zurückgestellt.",
        "key_help": "Hilfe",
        "key_language": "English",
        "key_quit": "Beenden",
        "key_commands": "Befehle",
        "key_next": "Weiter",
        "key_results": "Ergebnis",
        "key_retry": "Fehler wiederholen",
        "key_new_quiz": "Neues Quiz",
        "key_close": "Schließen",
        "key_yes": "Ja",
        "key_no": "Nein",
        "do_single_choice": "Eine Antwort wählen: Zahl oder ↑↓, dann Enter.",
        "do_multiple_choice": "Alle zutreffenden wählen: Zahl oder Leertaste schaltet um, ↑↓ bewegt, Enter antwortet.",
        "do_true_false": "Stimmt die Aussage? W (wahr) oder F (falsch), dann Enter.",
        "do_cloze": "Lücken ausfüllen: tippen, Tab oder ↑↓ wechselt die Lücke, Enter geht weiter und antwortet nach der letzten.",
        "do_numeric": "Zahl eingeben, deutsch geschrieben: Dezimalkomma, z. B. 1,4 oder 296.446; dann Enter.",
        "do_short_answer": "Antwort eingeben, dann Enter.",
        "do_ordering": "In die richtige Reihenfolge bringen: ↑↓ wählt, Umschalt+↑↓ (oder Leertaste, dann ↑↓) verschiebt, Enter antwortet.",
        "do_matching": "Zuordnen: ↑↓ wählt links, Buchstabe (oder ←→) wählt rechts, Entf löscht, Enter antwortet.",
        "true": "wahr",
        "false": "falsch",
        "true_key": "W",
        "removed": "entfernt",
        "hint_removed": "Tipp: Antwort {n} („{choice}“) ist falsch.",
        "hint_source": "Tipp: Die Antwort steht in {reference}.",
        "answer_first": "Bitte zuerst antworten.",
        "read_as": "gelesen als {value}",
        "number_placeholder": "z. B. 1,4 oder 296.446",
        "year_placeholder": "Jahreszahl, vierstellig",
        "not_a_number": "keine Zahl – Beispiel: 1,4 oder 296.446",
        "unit": "Einheit: {unit}",
        "gap": "Lücke",
        "options": "Auswahl",
        "correct": "✔ Richtig",
        "incorrect": "✖ Falsch",
        "partly": "teilweise richtig: {points}",
        "scoring": "Wertung",
        "question": "Frage",
        "your_answer": "Ihre Antwort",
        "correct_answer": "Richtige Antwort",
        "explanation": "Erklärung",
        "source": "Quelle",
        "sources": "Quellen",
        "hint_used": "mit Tipp beantwortet",
        "results": "Ergebnis",
        "summary": "{score} von {asked} Punkten ({percent} %) · {correct} ganz richtig · Zeit {time}",
        "per_topic": "Nach Thema",
        "topic_row": "{score} von {asked} ({percent} %)",
        "missed": "Verpasste Fragen ({n})",
        "review": "Alle Fragen ({n})",
        "none_missed": "Keine Fehler – alles richtig!",
        "confirm_quit": "Quiz beenden?",
        "confirm_new": "Dieses Quiz abbrechen und ein neues beginnen?",
        "answered_so_far": "{answered} von {total} Fragen beantwortet.",
        "cmd_language": "Sprache: English",
        "cmd_language_help": "Fragen, Antworten und Oberfläche auf Englisch zeigen",
        "cmd_new_quiz": "Neues Quiz",
        "cmd_new_quiz_help": "Zurück zur Startseite und ein neues Quiz zusammenstellen",
        "cmd_help": "Hilfe",
        "cmd_help_help": "Tasten und Bedienung dieser Seite",
        "cmd_search": "Befehl suchen …",
        "key_undo": "Rückgängig",
        "key_flag": "Melden",
        "flag_title": "Diese Frage melden: falsch oder unklar?",
        "flag_hint": "Was stimmt nicht? Ein Kommentar ist freiwillig. Enter meldet, Esc bricht ab.",
        "flag_placeholder": "z. B. „Antwort B stimmt laut Artikel auch“",
        "flag_saved": "Gemeldet – danke! Die Meldung ist gespeichert („chinaai-learn flags“ zeigt sie).",
        "store_recovered": (
            "Der Lernstand {path} ließ sich nicht verwenden und ist als {kept} aufbewahrt; "
            "ein neuer, leerer Lernstand wurde begonnen."
        ),
        "cmd_theme": "Farbschema",
        "cmd_theme_help": "Ein anderes Farbschema für die Oberfläche wählen",
        "cmd_keys": "Tastenübersicht",
        "cmd_keys_help": "Alle Tasten dieser Seite am Rand zeigen",
        "cmd_quit": "Beenden",
        "cmd_quit_help": "Das Programm beenden (mitten im Quiz erst nach Rückfrage)",
        "due": "Fällige Wiederholungen",
        "mistakes": "Meine Fehler (zuletzt falsch)",
        "topic_due": "{n} fällig",
        "study_counts": "Neu {new} · Lernen {learning} · Wiederholen {review}",
        "due_matches": "Fällige Fragen: {n} (Wiederholungen, dann neue); gefragt werden: {asked}.",
        "mistakes_matches": "Zuletzt falsch beantwortet: {n}; gefragt werden: {asked}.",
        "nothing_due": "Keine Wiederholung fällig.",
        "nothing_due_next": "Keine Wiederholung fällig – die nächste {when}.",
        "no_mistakes": "Keine Fehler zum Üben in diesen Themen.",
        "resume_question": "Unterbrochenes Quiz fortsetzen?",
        "resume_detail": "{answered} von {total} Fragen beantwortet, Punkte {score}/{answered}, zuletzt am {when}.",
        "resume_time_left": "Zeitlimit {minutes} Min., davon noch {time} übrig.",
        "resume_conflict": "Die Befehlszeile verlangt etwas anderes:",
        "resume_conflict_row": "{what}: gespeichert {saved}, jetzt verlangt {asked}",
        "resume_keeps": "Fortsetzen behält die gespeicherten Einstellungen.",
        "resume_yes": "Fortsetzen",
        "resume_later": "Neues Quiz",
        "resume_discard": "Verwerfen",
        "resume_choices": "„Neues Quiz“ hebt dieses für später auf; „Verwerfen“ löscht es (die Antworten bleiben gespeichert).",
        "resume_taken": "Dieses Quiz läuft inzwischen in einem anderen Fenster und wurde hier nicht fortgesetzt.",
        "session_lost": "Dieses Quiz wurde in einem anderen Fenster übernommen. Ihre Antworten hier werden weiter gespeichert, zählen aber nicht mehr für das dort fortgesetzte Quiz.",
        "setting_mode": "Modus",
        "setting_count": "Anzahl",
        "setting_topics": "Themen",
        "setting_difficulties": "Schwierigkeit",
        "setting_types": "Fragetypen",
        "setting_seed": "Reihenfolge (--seed)",
        "setting_all": "alle",
        "setting_lang": "Sprache",
        "rating_1": "Nochmal",
        "rating_2": "Schwer",
        "rating_3": "Gut",
        "rating_4": "Leicht",
        "rated": "Bewertung: {rating} · wieder fällig {when}",
        "rate_keys": "1 Nochmal · 2 Schwer · 3 Gut · 4 Leicht ändert die Bewertung.",
        "next_due": "Nächste Wiederholung: {when}",
        "help_title": "Hilfe",
        "help_general": (
            "Alles geht mit der Tastatur. Die Fußzeile zeigt die Tasten der aktuellen Seite.\n"
            "F1 oder ?  diese Hilfe · F2  Sprache wechseln (Deutsch/English) · Strg+P  Befehle (Sprache, "
            "neues Quiz, Farbschema) · Strg+Q oder Esc  beenden (mitten im Quiz mit Rückfrage).\n"
            "Lange Texte scrollen mit Bild↑/Bild↓."
        ),
        "help_start": (
            "Tab wechselt zwischen Themen, Sprache, Modus, Schwierigkeit, Anzahl, Minuten und Start. "
            "Leertaste wählt Themen und Schwierigkeiten ab oder an, A schaltet alle Themen um. "
            "Üben zeigt nach jeder Frage die Lösung mit Quelle, Prüfung erst am Ende. "
            "Anzahl leer = alle passenden Fragen; Minuten = Zeitlimit (leer = ohne): ist die Zeit um, endet das Quiz "
            "nach der gerade gestellten Frage. S oder Enter auf „Quiz starten“ beginnt.\n"
            "Oben rechts steht, was „Fällige Wiederholungen“ jetzt in dieser Auswahl fragt: neue Fragen (bis zum "
            "Tageslimit), Fragen in der Lernphase (Lernen, nach einem Fehler) und fällige Wiederholungen. "
            "Für heute zurückgestellte Fragen zählen bis Mitternacht nicht mit."
        ),
        "help_question": "Enter antwortet. F3 (oder Strg+T) gibt einen Tipp: eine falsche Antwort verschwindet "
        "oder der Abschnitt der Quelle wird genannt. Eine mit Tipp beantwortete Frage zählt später als „schwer“.",
        "help_bury": "F4 (oder Strg+S) stellt die Frage für heute zurück: Sie verschwindet aus diesem Quiz und bis Mitternacht "
        "aus „Fällige Wiederholungen“, „Meine Fehler“ und den Zahlen der Startseite (nicht in einer Prüfung).",
        "help_feedback": "Enter oder N geht zur nächsten Frage, U nimmt die Antwort zurück, M meldet eine falsche oder unklare Frage. ✔/✖ zeigt, ob die Antwort stimmt; die Quelle "
        "zeigt den Beleg, die entscheidende Stelle ist fett und unterstrichen.",
        "help_results": "R wiederholt die falsch beantworteten Fragen, N beginnt ein neues Quiz, Q beendet. "
        "↑↓ und Bild↑/Bild↓ scrollen durch die Auswertung.",
    },
    "en": {
        "app_title": "chinaai-learn · Quiz on China and AI",
        "topics": "Topics",
        "language": "Language",
        "mode": "Mode",
        "practice": "Practice (feedback after each answer)",
        "exam": "Exam (results at the end)",
        "difficulty": "Difficulty",
        "level_1": "1 easy",
        "level_2": "2 medium",
        "level_3": "3 hard",
        "count": "Questions",
        "count_all": "all",
        "matches": "Matching questions: {n}; asked: {asked}.",
        "no_topic": "Choose at least one topic (space).",
        "no_level": "Choose at least one difficulty.",
        "no_match": "No questions match this choice: pick more topics or difficulties.",
        "start_button": "Start quiz",
        "key_start": "Start",
        "key_all_topics": "All topics",
        "question_of": "Question {n}/{total}",
        "score": "Score {score}/{answered}",
        "time_left": "{time} left",
        "time_up_last": "time up: last one",
        "time_ended": "Time limit reached after {minutes} min: what was answered is scored ({asked} of {total} questions).",
        "minutes": "Minutes",
        "minutes_none": "none",
        "setting_minutes": "Time limit (minutes)",
        "key_submit": "Submit",
        "key_hint": "Hint",
        "key_bury": "Not today",
        "buried": "Buried for today: it comes back after midnight.",
        "buried_all": "Every question left in this quiz is buried for today.",
        "key_help": "Help",
        "key_language": "Deutsch",
        "key_quit": "Quit",
        "key_commands": "Commands",
        "key_next": "Next",
        "key_results": "Results",
        "key_retry": "Retry mistakes",
        "key_new_quiz": "New quiz",
        "key_close": "Close",
        "key_yes": "Yes",
        "key_no": "No",
        "do_single_choice": "Choose one answer: number or ↑↓, then Enter.",
        "do_multiple_choice": "Select all that apply: number or space toggles, ↑↓ moves, Enter submits.",
        "do_true_false": "Is the statement true? T (true) or F (false), then Enter.",
        "do_cloze": "Fill in the gaps: type, Tab or ↑↓ changes the gap, Enter moves on and submits after the last.",
        "do_numeric": "Type a number, written the English way: decimal point, e.g. 1.4 or 296,446; then Enter.",
        "do_short_answer": "Type your answer, then Enter.",
        "do_ordering": "Put in the right order: ↑↓ selects, Shift+↑↓ (or space, then ↑↓) moves, Enter submits.",
        "do_matching": "Match: ↑↓ selects on the left, a letter (or ←→) picks the right side, Del clears, Enter submits.",
        "true": "true",
        "false": "false",
        "true_key": "T",
        "removed": "removed",
        "hint_removed": "Hint: answer {n} (“{choice}”) is wrong.",
        "hint_source": "Hint: the answer is in {reference}.",
        "answer_first": "Please answer first.",
        "read_as": "read as {value}",
        "number_placeholder": "e.g. 1.4 or 296,446",
        "year_placeholder": "a year, four digits",
        "not_a_number": "not a number – for example 1.4 or 296,446",
        "unit": "Unit: {unit}",
        "gap": "Gap",
        "options": "Options",
        "correct": "✔ Correct",
        "incorrect": "✖ Incorrect",
        "partly": "partly right: {points}",
        "scoring": "Scoring",
        "question": "Question",
        "your_answer": "Your answer",
        "correct_answer": "Correct answer",
        "explanation": "Explanation",
        "source": "Source",
        "sources": "Sources",
        "hint_used": "answered with a hint",
        "results": "Results",
        "summary": "{score} of {asked} points ({percent} %) · {correct} fully correct · time {time}",
        "per_topic": "By topic",
        "topic_row": "{score} of {asked} ({percent} %)",
        "missed": "Missed questions ({n})",
        "review": "All questions ({n})",
        "none_missed": "No mistakes – all correct!",
        "confirm_quit": "Quit the quiz?",
        "confirm_new": "Abandon this quiz and start a new one?",
        "answered_so_far": "{answered} of {total} questions answered.",
        "cmd_language": "Language: Deutsch",
        "cmd_language_help": "Show questions, answers and the interface in German",
        "cmd_new_quiz": "New quiz",
        "cmd_new_quiz_help": "Back to the start screen to set up a new quiz",
        "cmd_help": "Help",
        "cmd_help_help": "Keys and how this screen works",
        "cmd_search": "Search for commands…",
        "key_undo": "Undo",
        "key_flag": "Report",
        "flag_title": "Report this question as wrong or unclear?",
        "flag_hint": "What is wrong? A comment is optional. Enter reports, Esc cancels.",
        "flag_placeholder": "e.g. “answer B is also right according to the article”",
        "flag_saved": "Reported – thank you! The report is saved (“chinaai-learn flags” lists it).",
        "store_recovered": (
            "The progress store {path} could not be used and is kept as {kept}; a new, empty store was started."
        ),
        "cmd_theme": "Theme",
        "cmd_theme_help": "Choose another colour theme",
        "cmd_keys": "Keys",
        "cmd_keys_help": "Show every key of this screen at the side",
        "cmd_quit": "Quit",
        "cmd_quit_help": "Quit the program (in the middle of a quiz, after asking)",
        "due": "Due reviews",
        "mistakes": "My mistakes (last answered wrong)",
        "topic_due": "{n} due",
        "study_counts": "New {new} · Learning {learning} · To review {review}",
        "due_matches": "Questions due: {n} (reviews, then new ones); asked: {asked}.",
        "mistakes_matches": "Last answered wrong: {n}; asked: {asked}.",
        "nothing_due": "No reviews are due.",
        "nothing_due_next": "No reviews are due – the next one {when}.",
        "no_mistakes": "No mistakes to practise in these topics.",
        "resume_question": "Resume your unfinished quiz?",
        "resume_detail": "{answered} of {total} questions answered, score {score}/{answered}, last on {when}.",
        "resume_time_left": "Time limit {minutes} min, {time} of it left.",
        "resume_conflict": "The command line asks for something else:",
        "resume_conflict_row": "{what}: saved {saved}, now asked {asked}",
        "resume_keeps": "Resume keeps the saved settings.",
        "resume_yes": "Resume",
        "resume_later": "New quiz",
        "resume_discard": "Discard",
        "resume_choices": "“New quiz” keeps this one for later; “Discard” deletes it (the answers stay saved).",
        "resume_taken": "This quiz is now running in another window, so it was not resumed here.",
        "session_lost": "This quiz was taken over in another window. Your answers here are still saved but no longer count for the quiz continued there.",
        "setting_mode": "Mode",
        "setting_count": "Count",
        "setting_topics": "Topics",
        "setting_difficulties": "Difficulty",
        "setting_types": "Question types",
        "setting_seed": "Order (--seed)",
        "setting_all": "all",
        "setting_lang": "Language",
        "rating_1": "Again",
        "rating_2": "Hard",
        "rating_3": "Good",
        "rating_4": "Easy",
        "rated": "Rating: {rating} · due again {when}",
        "rate_keys": "1 Again · 2 Hard · 3 Good · 4 Easy changes the rating.",
        "next_due": "Next review: {when}",
        "help_title": "Help",
        "help_general": (
            "Everything works from the keyboard. The footer shows the keys of the current screen.\n"
            "F1 or ?  this help · F2  switch language (Deutsch/English) · Ctrl+P  commands (language, "
            "new quiz, theme) · Ctrl+Q or Esc  quit (asks first in the middle of a quiz).\n"
            "Long texts scroll with PgUp/PgDn."
        ),
        "help_start": (
            "Tab moves between topics, language, mode, difficulty, count, minutes and start. "
            "Space toggles topics and difficulties, A toggles all topics. "
            "Practice shows the answer with its source after each question, an exam only at the end. "
            "An empty count means every matching question; minutes set a time limit (empty: none): once the time "
            "is up, the quiz ends after the question on screen. S, or Enter on “Start quiz”, begins.\n"
            "Top right: what “Due reviews” would ask now in this choice: new questions (up to the daily limit), "
            "questions in their learning steps (Learning, after a mistake) and reviews that are due. "
            "Questions buried for today are not counted until midnight."
        ),
        "help_question": "Enter submits. F3 (or Ctrl+T) gives a hint: one wrong choice disappears or the source "
        "section is named. A question answered with a hint will count as “hard” for scheduling.",
        "help_bury": "F4 (or Ctrl+S) buries the question for today: it leaves this quiz and, until midnight, “Due reviews”, "
        "“My mistakes” and the start screen's counts (not in an exam).",
        "help_feedback": "Enter or N goes to the next question, U takes the answer back, M reports a wrong or unclear question. ✔/✖ says whether the answer was right; the "
        "source card shows the evidence, with the passage that carries the answer in bold and underlined.",
        "help_results": "R retries the questions you got wrong, N starts a new quiz, Q quits. "
        "↑↓ and PgUp/PgDn scroll through the results.",
    },
}


def say(lang: str, key: str, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in."""
    text = WORDS["en" if lang == "en" else "de"][key]
    return text.format(**values) if values else text


def other_lang(lang: str) -> str:
    return "de" if lang == "en" else "en"


def bilingual_bindings(
    keys: str,
    action: str,
    label: str,
    *,
    show: bool = True,
    priority: bool = False,
    key_display: str | None = None,
) -> list[Binding]:
    """One binding per language with the label in that language.

    The action gets the language as its parameter (``submit('de')``); ``shown_in`` lets a
    node's ``check_action`` hide the bindings of the other language, so the footer always
    speaks the quiz's current language.
    """
    return [
        Binding(
            keys,
            f"{action}('{lang}')",
            say(lang, label),
            show=show,
            priority=priority,
            key_display=key_display,
        )
        for lang in LANGS
    ]


def shown_in(lang: str, parameters: tuple[object, ...]) -> bool:
    """False for a bilingual binding of the other language (see ``bilingual_bindings``)."""
    return not (parameters and parameters[0] in LANGS and parameters[0] != lang)


def format_score(score: float, lang: str) -> str:
    """Points with at most one decimal, written the language's way (5,5 / 5.5)."""
    text = f"{round(score, 1):g}"
    return text.replace(".", ",") if lang == "de" else text


def format_duration(elapsed: timedelta) -> str:
    """m:ss, or h:mm:ss from an hour on."""
    seconds = int(elapsed.total_seconds())
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"


def setting_text(settings: object, name: str, lang: str) -> str:
    """One quiz setting in words, for the resume offer's list of conflicts (e.g. mode 'Prüfung', count 'alle')."""
    value = getattr(settings, name, None)
    if name == "mode":
        return (
            "„" + say(lang, str(value)).split(" (")[0] + "“"
            if lang == "de"
            else say(lang, str(value)).split(" (")[0]
        )
    if name == "minutes":
        return str(value) if value else say(lang, "minutes_none")
    if name == "lang":
        return {"de": "Deutsch", "en": "English"}.get(str(value), str(value))
    if value is None or value == ():
        return say(lang, "setting_all")
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
