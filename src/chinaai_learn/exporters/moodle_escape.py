"""Escaping for Moodle XML: XML 1.0's character rules, CDATA sections, literal braces in cloze text."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _sax_escape

# Characters XML 1.0 does not allow at all (not even as &#…;): C0 controls other than tab,
# line feed and carriage return, lone surrogates, U+FFFE and U+FFFF. The loader rejects
# them in banks; this is the last line of defence so the file always parses.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Moodle's cloze ("multianswer") reads every {n:TYPE:…} in the question text as a gap; a
# literal brace written as an entity is shown, never parsed.
_CLOZE_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def xml_chars(text: str) -> str:
    """``text`` without the characters an XML 1.0 document cannot contain."""
    return _NOT_XML.sub("", text)


def xml_escape(text: str) -> str:
    """Plain text for an XML element: ``& < >`` escaped, characters XML forbids dropped."""
    return _sax_escape(xml_chars(text))


def cdata(html: str) -> str:
    """HTML wrapped in a CDATA section (a ``]]>`` inside is split across two sections)."""
    return "<![CDATA[" + xml_chars(html).replace("]]>", "]]]]><![CDATA[>") + "]]>"


def cloze_literal(html: str) -> str:
    """HTML for the text around a cloze's gaps: its braces cannot open a gap of their own."""
    return html.translate(_CLOZE_BRACES)
