"""The general feedback of an LMS question as HTML: explanation, source reference, quote.

Moodle XML and GIFT both show it after an attempt, so the learner sees why the answer
is right and the verbatim passage that proves it, with the answer span in bold.
"""

from __future__ import annotations

from html import escape

from ..bank import Bank
from ..model import QuestionBase
from ..render import QuoteParts, citation_reference, split_quote, split_translation, translation_label

SOURCE_LABEL = {"de": "Quelle", "en": "Source"}
QUOTE_MARKS = {"de": ("„", "“"), "en": ("“", "”")}


def html_text(text: str) -> str:
    """Plain text as HTML: special characters escaped, line breaks kept."""
    return escape(text, quote=False).replace("\n", "<br>")


def quote_html(parts: QuoteParts, lang: str) -> str:
    """A quote in quotation marks with its highlighted span in bold."""
    opening, closing = QUOTE_MARKS[lang]
    marked = f"<strong>{html_text(parts.highlight)}</strong>" if parts.highlight else ""
    return f"{opening}{html_text(parts.before)}{marked}{html_text(parts.after)}{closing}"


def general_feedback_html(bank: Bank, question: QuestionBase, lang: str) -> str:
    """Explanation, then each citation: reference and the quote with its highlight in bold.

    In English, the quote's translation (where the bank gives one) follows, marked as such.
    """
    parts = [f"<p>{html_text(question.explanation(lang))}</p>"]
    for cite in question.citations:
        parts.append(
            f"<p>{SOURCE_LABEL[lang]}: {html_text(citation_reference(bank, cite, lang))}</p>"
            f"<blockquote>{quote_html(split_quote(cite), lang)}</blockquote>"
        )
        translated = split_translation(cite, lang)
        if translated is not None:
            parts.append(
                f"<p>{html_text(translation_label(lang))}:</p><blockquote>{quote_html(translated, lang)}</blockquote>"
            )
    return "".join(parts)
