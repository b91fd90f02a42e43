"""PyYAML's syntax errors said in a teacher's words: what was found, and how to fix it."""

from __future__ import annotations

import re

import yaml

# (words in PyYAML's problem text, plain message); the first match wins.
_PLAIN = (
    (
        "mapping values are not allowed",
        "a colon followed by a space inside a value: put the whole value in quotes "
        '("…"), or check that this line is indented like the keys above it',
    ),
    (
        "found character '\\t'",
        "a tab character: indent with spaces only",
    ),
    (
        "cannot start any token",
        "this value starts with a character YAML reserves (such as @, ` or %): put the value in quotes",
    ),
    (
        "found unknown escape character",
        "an unknown backslash sequence inside double quotes: write \\\\ for a backslash, "
        "or use single quotes",
    ),
    (
        "expected alphabetic or numeric character",
        "an '&' or '*' starts a YAML reference, which bank files and recipes do not use: put the value in quotes",
    ),
    (
        "could not determine a constructor for the tag",
        "tags such as '!!python/…' or '!name' are not allowed: remove the tag {tag} (write the plain value)",
    ),
    (
        "found unexpected end of stream",
        "a quote opened here is never closed: add the closing quote",
    ),
    (
        "found duplicate anchor",
        "anchors (&name) are not allowed in bank files or recipes: write the value out in full",
    ),
    (
        "expected ',' or '}'",
        "a '{' … '}' list is not closed, or a comma inside it splits a text: put texts that contain "
        "commas or colons in quotes",
    ),
    (
        "expected ',' or ']'",
        "a '[' … ']' list is not closed, or a comma inside it splits a text: put texts that contain "
        "commas in quotes",
    ),
    (
        "could not find expected ':'",
        "expected 'key: value' here: a line is missing its colon, or a quoted text is not closed",
    ),
    (
        "did not find expected key",
        "this line does not line up with the keys above it: check its indentation (spaces only), "
        "or put a value containing ': ' or '#' in quotes",
    ),
    (
        "did not find expected '-' indicator",
        "this line does not line up with the list items ('- …') above it: check its indentation",
    ),
    (
        "found a tab character",
        "a tab character: indent with spaces only",
    ),
    (
        "but found another document",
        "a line '---' or '...' starts a second document: a bank file holds one; remove the line",
    ),
    (
        "expected <block end>",
        "this line is indented differently from the keys above it: line it up with them (spaces only)",
    ),
    (
        "expected a comment or a line break",
        "something follows a closing quote on the same line: put the whole value in quotes, "
        "or remove what follows",
    ),
)


_TAG = re.compile(r"tag '([^']*)'")


def plain_syntax_message(exc: yaml.MarkedYAMLError) -> str:
    """A YAML syntax error in plain words (falling back to PyYAML's own, explained)."""
    text = f"{exc.context or ''} {exc.problem or ''}"
    for needle, message in _PLAIN:
        if needle in text:
            found = _TAG.search(text)  # PyYAML: "... for the tag 'tag:yaml.org,2002:python/...'"
            tag = f"'{found.group(1).replace('tag:yaml.org,2002:', '!!')}'" if found else ""
            return "YAML syntax error: " + message.replace("{tag}", tag)
    detail = exc.problem or str(exc)
    return (
        f"YAML syntax error ({detail}): check quotes, colons and indentation on this line and the one before"
    )
