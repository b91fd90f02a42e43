"""Field escaping: exactly HTML escaping plus character references for Anki's own syntax, for any text."""

from __future__ import annotations

import html

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chinaai_learn.exporters.anki_fields import text_html
from chinaai_learn.exporters.anki_notetypes import NOTE_TYPES, NoteTypeSpec

_SPECIAL = "&<>\"'[]{}\n:;#ä„“→"


def _reference_escape(text: str) -> str:
    """The definition: html.escape without quotes, then [ ] { } as character references, then line breaks."""
    references = str.maketrans({"[": "&#91;", "]": "&#93;", "{": "&#123;", "}": "&#125;"})
    return html.escape(text, quote=False).translate(references).replace("\n", "<br>")


@given(st.text(alphabet=st.sampled_from(_SPECIAL) | st.characters(), max_size=60))
def test_text_html_escapes_like_html_escape_plus_anki_syntax_references(text: str) -> None:
    assert text_html(text) == _reference_escape(text)


def test_text_html_leaves_nothing_anki_or_a_browser_would_interpret() -> None:
    escaped = text_html("<script>alert('x')</script> [sound:a.mp3] {{c1::x}} & \"q\"\nnext")
    assert not set("<>[]{}\n") & set(escaped.replace("<br>", ""))
    assert escaped.count("<br>") == 1


def test_quotes_and_apostrophes_stay_themselves_so_anki_search_finds_them() -> None:
    assert text_html('China\'s „KI“ "x"') == 'China\'s „KI“ "x"'


@pytest.mark.parametrize("spec", NOTE_TYPES.values(), ids=lambda spec: spec.kind)
def test_filled_values_are_the_values_in_field_order_and_where_they_are_not_empty(spec: NoteTypeSpec) -> None:
    names = spec.field_names
    for filled in (names[:3], names[::2], names[-5:], names, []):
        fields = {name: f"<{name}>" for name in reversed(filled)} | {"Unknown": "x"}
        if names[1] in fields:
            fields[names[1]] = ""  # an empty field counts as missing
        values = [fields.get(name, "") for name in names]
        assert spec.filled_values(fields) == (values, [i for i, value in enumerate(values) if value])
