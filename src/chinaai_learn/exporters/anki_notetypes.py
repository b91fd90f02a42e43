"""The four Anki note types of the decks: fixed ids, fields, card templates, CSS and script.

Anki recognises a note type, its fields and its card templates by id, not by name: a
field renamed or added later merges into the learner's existing note type on re-import
("Merge note types") instead of creating a duplicate, and notes keep their reviews. So
every id below is fixed forever; change a name or a template freely, never an id. There
is one note type per kind and language, because the templates carry labels in the deck's
language ("Erklärung"/"Explanation") and a German and an English deck may live in the
same collection.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from string import Template
from typing import Any

import genanki


@dataclass(frozen=True)
class FieldSpec:
    """A note field: its fixed id and its name; ``added`` if a note type upgrade brought it."""

    id: int
    name: str
    added: bool = False


@dataclass(frozen=True)
class NoteTypeSpec:
    """One kind of note: ids per language, fields (the first is the sort field), one template."""

    kind: str
    ids: dict[str, int]
    title: str
    fields: tuple[FieldSpec, ...]
    template_id: int
    template_name: str
    front: str
    back: str
    is_cloze: bool = False

    @cached_property
    def field_names(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    @cached_property
    def _positions(self) -> dict[str, int]:
        return {name: position for position, name in enumerate(self.field_names)}

    @cached_property
    def first_added(self) -> int | None:
        """Where the fields added by upgrades start, if they all follow the first release's; else None."""
        added = [position for position, f in enumerate(self.fields) if f.added]
        if added and added != list(range(added[0], len(self.fields))):
            return None
        return added[0] if added else len(self.fields)

    def filled_values(self, fields: dict[str, str]) -> tuple[list[str], list[int]]:
        """A note's field values in field order (missing fields are empty), and where they are not empty.

        In one pass over the fields the note fills (a Basic note fills a handful of its 57);
        names that are not this note type's are left out.
        """
        positions = self._positions
        values = [""] * len(positions)
        filled = []
        for name, value in fields.items():
            position = positions.get(name)
            if position is not None and value:
                values[position] = value
                filled.append(position)
        filled.sort()
        return values, filled

    def hashed_content(self, values: list[str]) -> list[object]:
        """What of a note's field values its content hash covers (``values`` in field order).

        The fields of the first release, all of them, as they always were; a field added by
        a note type upgrade only when it has text, as name and value. So an upgrade changes
        the hash (and so the modification time, and so the learner's copy) of exactly the
        notes that put something into the new fields, never of the others.
        """
        base: list[object] = [v for f, v in zip(self.fields, values, strict=True) if not f.added]
        added = {f.name: v for f, v in zip(self.fields, values, strict=True) if f.added and v}
        return [base, added] if added else base


LABELS = {
    "de": {
        "lang": "de",
        "answer": "Antwort",
        "explanation": "Erklärung",
        "source": "Quelle",
        "accepted": "Auch richtig",
        "right": "richtig",
        "wrong": "falsch",
        "picked": "deine Wahl",
        "right_sentence": "Richtig.",
        "wrong_sentence": "Falsch.",
        "format_hint": "Keine deutsche Zahl: mit Dezimalkomma schreiben, z. B. 1,4.",
        "not_a_number": "Keine Zahl (Beispiel: 1,4 oder 296.446).",
        "ordering": "In die richtige Reihenfolge bringen:",
        "matching": "Einander zuordnen:",
    },
    "en": {
        "lang": "en",
        "answer": "Answer",
        "explanation": "Explanation",
        "source": "Source",
        "accepted": "Also accepted",
        "right": "right",
        "wrong": "wrong",
        "picked": "your choice",
        "right_sentence": "Right.",
        "wrong_sentence": "Wrong.",
        "format_hint": "Not an English number: write it with a decimal point, e.g. 1.4.",
        "not_a_number": "Not a number (for example 1.4 or 296,446).",
        "ordering": "Put in the right order:",
        "matching": "Match each item:",
    },
}

# Every card is one element with the words the script needs; the script itself follows it.
_OPEN = (
    '<div class="cai" data-side="%s" data-kind="%s" data-id="{{text:ID}}" data-lang="$lang" '
    'data-right="$right" data-wrong="$wrong" data-picked="$picked" data-right-sentence="$right_sentence" '
    'data-wrong-sentence="$wrong_sentence" data-format-hint="$format_hint" data-not-a-number="$not_a_number">'
)
_NOTICE = '{{#Notice}}<div class="notice">{{Notice}}</div>{{/Notice}}'
_CLOSE = "</div>"

# The back of every card ends with the explanation, the cited source and the question id
# (so a learner can report a mistake precisely).
_BACK_FOOTER = """
{{#Extra}}<section class="explanation"><div class="label">$explanation</div>{{Extra}}</section>{{/Extra}}
{{#Source}}<section class="source"><div class="label">$source</div>{{Source}}</section>{{/Source}}
<div class="qid">{{ID}}</div>"""

MAX_CHOICES = 10
_CHOICE_FIELD_IDS = (
    299472968627658327,
    4229354331100017478,
    656577203441976623,
    1020019011028197056,
    1701033667834982418,
    2540499287720682756,
    2796480907481829934,
    2843951342152473218,
    596530235225148330,
    1999399071016944396,
)
# One list item per choice field, shown only when the field has text; the letters are the
# display positions, which the Correct field names. Only the back names the correct letters
# (``data-correct``, for the script that marks them): on the front they would sit in the
# unanswered card's HTML, for an inspector, an add-on or a look at the source to read.
_CHOICE_ITEMS = (
    "".join(
        f'{{{{#Choice{n}}}}}<li class="choice" data-letter="{chr(64 + n)}"><span class="letter">{chr(64 + n)})</span>'
        f'<span class="choice-text">{{{{Choice{n}}}}}</span></li>{{{{/Choice{n}}}}}'
        for n in range(1, MAX_CHOICES + 1)
    )
    + "</ol>"
)
_CHOICE_LIST_FRONT = '<ol class="choices" data-mode="{{text:Mode}}">' + _CHOICE_ITEMS
_CHOICE_LIST_BACK = (
    '<ol class="choices" data-mode="{{text:Mode}}" data-correct="{{text:Correct}}">' + _CHOICE_ITEMS
)

# Ordering and matching questions are Basic notes (their GUIDs were made for that kind, so
# they stay on it) whose lists the templates build from one plain field per item or pair
# side. Fields are in display order, so the front never shows the answer order, not even
# to a screen reader: ``Item1``… are the items as shown (letters A, B, …) and ``Place1``…
# each item's place in the answer; ``Left1``… are the left sides (numbered, never
# shuffled), ``Right1``… the right sides as shown and ``Pair1``… the number of each right
# side's left. The back puts items and pairs in answer order with the style sheet alone
# (``data-place``/``data-row``); the script also moves them there in the document, for
# screen readers. Added in the note type upgrade after the first releases: the note type
# keeps its id and grows these fields (fixed ids), so "Merge note types" folds them into
# the learner's note type. ``Details`` and ``Back`` stay in the templates for true/false
# notes and for notes of earlier releases that still hold their lists as HTML.
MAX_ITEMS = 10
_ITEM_FIELD_IDS = (
    2157813220813933140,
    2632784936781250252,
    2974627313131155139,
    3714305344040626023,
    3720655587971211573,
    1910980724619674815,
    3307375294504685039,
    2471959933702421631,
    2351905637513092224,
    3783199360086113602,
)
_PLACE_FIELD_IDS = (
    3209506641357666661,
    4084176351819904905,
    4356447314114767824,
    2379034385712133327,
    1320531495525327454,
    4154130446566013091,
    2529444008402265445,
    3645560513267466473,
    3210872320498423937,
    4257465625110614234,
)
_LEFT_FIELD_IDS = (
    2396298858616714070,
    1253747444821749003,
    1442868306306715400,
    3955131808613191593,
    3127234455646281893,
    4522146017029438715,
    4338140724544743663,
    3043704691427161246,
    4258357906409948843,
    2618174598934714864,
)
_RIGHT_FIELD_IDS = (
    4173846406673954315,
    3654706923622245563,
    3188487896389343106,
    1725597349508410215,
    3329397705148614302,
    1454721487503864169,
    1478251485758588748,
    2991422485387585680,
    1879987346998021263,
    2828646340251366435,
)
_PAIR_FIELD_IDS = (
    2260743151649332332,
    1241656306257734456,
    2039708214712030556,
    3132690205207910607,
    2799296352462804964,
    3000270555910855564,
    2080388078109438646,
    2150584962658762742,
    1268287267848127265,
    4115402906603332864,
)
_POSITIONS = range(1, MAX_ITEMS + 1)


def _each(template: str) -> str:
    """``template`` once per position, shown only when that position's first field has text."""
    return "".join(template.format(n=n, letter=chr(64 + n)) for n in _POSITIONS)


_ORDERING_FRONT = (
    '{{#Item1}}<div class="hint">$ordering</div><ol class="items">'
    + _each('{{{{#Item{n}}}}}<li><span class="letter">{letter})</span>{{{{Item{n}}}}}</li>{{{{/Item{n}}}}}')
    + "</ol>{{/Item1}}"
)
_ORDERING_BACK = (
    '{{#Item1}}<ol class="order">'
    + _each(
        '{{{{#Item{n}}}}}<li data-place="{{{{text:Place{n}}}}}">{{{{Place{n}}}}}. '
        '<span class="letter">{letter})</span>{{{{Item{n}}}}}</li>{{{{/Item{n}}}}}'
    )
    + "</ol>{{/Item1}}"
)
_MATCHING_FRONT = (
    '{{#Left1}}<div class="hint">$matching</div><ol class="lefts">'
    + _each("{{{{#Left{n}}}}}<li>{n}. {{{{Left{n}}}}}</li>{{{{/Left{n}}}}}")
    + '</ol><ol class="rights">'
    + _each(
        '{{{{#Right{n}}}}}<li><span class="letter">{letter})</span>{{{{Right{n}}}}}</li>{{{{/Right{n}}}}}'
    )
    + "</ol>{{/Left1}}"
)
# One row per pair in a grid: the left sides in rows 1, 2, …; each right side in its left's row.
_MATCHING_BACK = (
    '{{#Left1}}<div class="pairs">'
    + _each(
        '{{{{#Left{n}}}}}<div class="pair-left" data-row="{n}">{n}. {{{{Left{n}}}}}</div>{{{{/Left{n}}}}}'
    )
    + _each(
        '{{{{#Right{n}}}}}<div class="pair-right" data-row="{{{{text:Pair{n}}}}}">→ '
        '<span class="letter">{letter})</span>{{{{Right{n}}}}}</div>{{{{/Right{n}}}}}'
    )
    + "</div>{{/Left1}}"
)

BASIC = NoteTypeSpec(
    kind="basic",
    ids={"de": 1722576435, "en": 1952831650},
    title="Basic",
    fields=(
        FieldSpec(961619678949383489, "Front"),
        FieldSpec(1623812657705833808, "Details"),
        FieldSpec(26334287877000214, "Back"),
        FieldSpec(3682851195596094524, "Extra"),
        FieldSpec(3570363396553756231, "Source"),
        FieldSpec(904225302769535717, "ID"),
        FieldSpec(3948493773010357777, "Notice"),
        *(FieldSpec(_ITEM_FIELD_IDS[n - 1], f"Item{n}", added=True) for n in _POSITIONS),
        *(FieldSpec(_PLACE_FIELD_IDS[n - 1], f"Place{n}", added=True) for n in _POSITIONS),
        *(FieldSpec(_LEFT_FIELD_IDS[n - 1], f"Left{n}", added=True) for n in _POSITIONS),
        *(FieldSpec(_RIGHT_FIELD_IDS[n - 1], f"Right{n}", added=True) for n in _POSITIONS),
        *(FieldSpec(_PAIR_FIELD_IDS[n - 1], f"Pair{n}", added=True) for n in _POSITIONS),
    ),
    template_id=4460820844371313489,
    template_name="Card",
    front=(_OPEN % ("front", "basic"))
    + _NOTICE
    + """<div class="prompt">{{Front}}</div>
{{#Details}}<div class="details">{{Details}}</div>{{/Details}}
"""
    + _ORDERING_FRONT
    + _MATCHING_FRONT
    + _CLOSE,
    back=(_OPEN % ("back", "basic"))
    + _NOTICE
    + """<div class="prompt">{{Front}}</div>
{{#Details}}<div class="details">{{Details}}</div>{{/Details}}
"""
    + _ORDERING_FRONT
    + _MATCHING_FRONT
    + """
<hr id="answer">
<section class="answer"><div class="label">$answer</div>{{Back}}"""
    + _ORDERING_BACK
    + _MATCHING_BACK
    + "</section>"
    + _BACK_FOOTER
    + _CLOSE,
)

TYPE_IN = NoteTypeSpec(
    kind="type_in",
    ids={"de": 1978805733, "en": 1705883444},
    title="Type-in",
    fields=(
        FieldSpec(2501732326497745303, "Prompt"),
        FieldSpec(2804987902674328348, "Hint"),
        FieldSpec(2194964777525564082, "Answer"),
        FieldSpec(4564147618268599054, "Accepted"),
        FieldSpec(3666217492152880525, "Number"),
        FieldSpec(4237611365098713953, "Tolerance"),
        FieldSpec(2057013505320875517, "AnswerDetails"),
        FieldSpec(2077972690606066765, "Extra"),
        FieldSpec(4258219175775177928, "Source"),
        FieldSpec(2040146355032391248, "ID"),
        FieldSpec(205426003750417909, "Notice"),
    ),
    template_id=3744033666113177485,
    template_name="Card",
    front=(_OPEN % ("front", "type_in"))
    + _NOTICE
    + """<div class="prompt">{{Prompt}}</div>
{{#Hint}}<div class="hint">{{Hint}}</div>{{/Hint}}
{{type:Answer}}"""
    + _CLOSE,
    # The verdict in words comes from the script (the bank's rules); Anki's own character
    # comparison above it stays as the fallback where scripts do not run.
    back=(_OPEN % ("back", "type_in"))
    + _NOTICE
    + """<div class="prompt">{{Prompt}}</div>
{{#Hint}}<div class="hint">{{Hint}}</div>{{/Hint}}
<hr id="answer">
<div class="verdict-line" hidden></div>
{{type:Answer}}
{{#AnswerDetails}}<div class="answer-details">{{AnswerDetails}}</div>{{/AnswerDetails}}
{{#Accepted}}<div class="answer-details">$accepted: {{Accepted}}</div>{{/Accepted}}
<div hidden><span data-field="Answer">{{Answer}}</span><span data-field="Accepted">{{Accepted}}</span>\
<span data-field="Number">{{Number}}</span><span data-field="Tolerance">{{Tolerance}}</span></div>"""
    + _BACK_FOOTER
    + _CLOSE,
)

CLOZE = NoteTypeSpec(
    kind="cloze",
    ids={"de": 1225033203, "en": 1207771406},
    title="Cloze",
    fields=(
        FieldSpec(292652809993565182, "Text"),
        FieldSpec(3095649200112362684, "Prompt"),
        FieldSpec(2191014977375697107, "Extra"),
        FieldSpec(772445305377523560, "Source"),
        FieldSpec(3153054984447453297, "ID"),
        FieldSpec(2948193610438522530, "Notice"),
    ),
    template_id=1943215855092644287,
    template_name="Cloze",
    front=(_OPEN % ("front", "cloze"))
    + _NOTICE
    + """{{#Prompt}}<div class="hint">{{Prompt}}</div>{{/Prompt}}
<div class="prompt cloze-text">{{cloze:Text}}</div>"""
    + _CLOSE,
    back=(_OPEN % ("back", "cloze"))
    + _NOTICE
    + """{{#Prompt}}<div class="hint">{{Prompt}}</div>{{/Prompt}}
<div class="prompt cloze-text">{{cloze:Text}}</div>
<hr id="answer">"""
    + _BACK_FOOTER
    + _CLOSE,
    is_cloze=True,
)

CHOICE = NoteTypeSpec(
    kind="choice",
    ids={"de": 1311729321, "en": 1966295679},
    title="Choice",
    fields=(
        FieldSpec(1187526977995831850, "Prompt"),
        FieldSpec(1400989488813458198, "Instruction"),
        *(FieldSpec(_CHOICE_FIELD_IDS[n], f"Choice{n + 1}") for n in range(MAX_CHOICES)),
        FieldSpec(4154342965288375729, "Correct"),
        FieldSpec(4344597551944115422, "Mode"),
        FieldSpec(439877027820603681, "Answer"),
        FieldSpec(3045414895899197516, "Extra"),
        FieldSpec(3879343927243484626, "Source"),
        FieldSpec(4572913294510306617, "ID"),
        FieldSpec(625232204332823335, "Notice"),
    ),
    template_id=3914072533732411945,
    template_name="Card",
    # The front's choices can be tapped and the back marks each one right or wrong (the
    # script); where scripts do not run, both show the plain list and the back the answer.
    front=(_OPEN % ("front", "choice"))
    + _NOTICE
    + """<div class="prompt">{{Prompt}}</div>
{{#Instruction}}<div class="hint">{{Instruction}}</div>{{/Instruction}}
"""
    + _CHOICE_LIST_FRONT
    + _CLOSE,
    back=(_OPEN % ("back", "choice"))
    + _NOTICE
    + """<div class="prompt">{{Prompt}}</div>
{{#Instruction}}<div class="hint">{{Instruction}}</div>{{/Instruction}}
<hr id="answer">
<div class="verdict-line" hidden></div>
"""
    + _CHOICE_LIST_BACK
    + """
<section class="answer"><div class="label">$answer</div>{{Answer}}</section>"""
    + _BACK_FOOTER
    + _CLOSE,
)

NOTE_TYPES: dict[str, NoteTypeSpec] = {spec.kind: spec for spec in (BASIC, TYPE_IN, CLOZE, CHOICE)}


@cache
def card_css() -> str:
    """The style sheet every note type shares (light, and dark under Anki's night mode)."""
    return resources.files(__package__).joinpath("anki.css").read_text(encoding="utf-8")


@cache
def card_script() -> str:
    """The script at the end of every template (tapping choices, grading typed answers)."""
    return resources.files(__package__).joinpath("anki_cards.js").read_text(encoding="utf-8")


@cache
def _filled(template: str, lang: str) -> str:
    """A template with the labels of ``lang`` filled in (the script not yet appended)."""
    labels = {key: html.escape(value) for key, value in LABELS[lang].items()}
    return Template(template).substitute(labels)


def model_json_parts(spec: NoteTypeSpec, lang: str) -> dict[str, object]:
    """Everything that defines the note type in ``lang``: what its content hash covers.

    A new dict every call (genanki adds keys to a model's fields and templates as it writes them).
    """
    front, back = _filled(spec.front, lang), _filled(spec.back, lang)
    script = f"\n<script>\n{card_script()}</script>"
    return {
        "id": spec.ids[lang],
        "name": f"chinaai-learn {spec.title} ({lang})",
        "fields": [{"name": f.name, "id": f.id} for f in spec.fields],
        "templates": [
            {
                "name": spec.template_name,
                "id": spec.template_id,
                "qfmt": front + script,
                "afmt": back + script,
            }
        ],
        "css": card_css(),
        "cloze": spec.is_cloze,
    }


def required_fields(spec: NoteTypeSpec, lang: str) -> list[list[Any]]:
    """genanki's ``Model._req`` of the note type (which fields a card's front needs), worked out once.

    genanki renders the front once or twice per field, tokenizing the whole template every
    time: with Basic's 57 fields that took a third of a deck's writing time, for every
    deck built. Worked out here by genanki itself, once per note type, on the front's
    template tags alone: genanki looks for a field's value in what the front renders, and
    the text between the tags (markup, the language's labels, the script) holds none, so
    it cannot change which fields count, and the answer is the same in every language. A
    test keeps this equal to genanki's answer for the full templates.
    """
    skeleton = "".join(_TEMPLATE_TAG.findall(spec.front))
    return [[o, how, list(fields)] for o, how, fields in _required(skeleton, spec.field_names, spec.is_cloze)]


_TEMPLATE_TAG = re.compile(r"\{\{[^{}]*\}\}")


@cache
def _required(
    front: str, names: tuple[str, ...], is_cloze: bool
) -> tuple[tuple[int, str, tuple[int, ...]], ...]:
    template = {"name": "Card", "qfmt": front, "afmt": ""}
    model_type = genanki.Model.CLOZE if is_cloze else genanki.Model.FRONT_BACK
    fields = [{"name": name} for name in names]
    req = genanki.Model(1, "required fields", fields, [template], model_type=model_type)._req
    return tuple((o, how, tuple(required)) for o, how, required in req)


class StampedModel(genanki.Model):
    """A genanki model whose modification time is ours (from the build state), not the build's."""

    def __init__(self, spec: NoteTypeSpec, lang: str, mod: int):
        parts = model_json_parts(spec, lang)
        super().__init__(
            model_id=parts["id"],
            name=parts["name"],
            fields=parts["fields"],
            templates=parts["templates"],
            css=parts["css"],
            model_type=genanki.Model.CLOZE if spec.is_cloze else genanki.Model.FRONT_BACK,
            sort_field_index=0,
        )
        self.mod = mod
        self.__dict__["_req"] = required_fields(spec, lang)  # genanki's cached property, filled in

    def to_json(self, timestamp: float, deck_id: int) -> dict[str, Any]:
        data: dict[str, Any] = super().to_json(timestamp, deck_id)
        data["mod"] = self.mod
        return data
