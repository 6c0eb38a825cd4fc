"""Bicep's lexical rules: identifiers, string literals, object keys.

Kept apart from the translator so that the few facts about Bicep syntax (what an identifier is, how a string
is escaped) live in one place.
"""

from __future__ import annotations

import re

INDENT = "  "

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")

# Words Bicep reserves for declarations and literals; a symbol may not take these names.
KEYWORDS = frozenset(
    {
        "true", "false", "null", "param", "var", "resource", "module", "output", "targetScope", "import",
        "metadata", "type", "func", "existing", "if", "for", "in", "using", "extension", "with", "as", "assert",
    }
)

_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r"[\\'\x00-\x1f]|\$\{")  # what the loop below changes


def is_identifier(text: str) -> bool:
    return bool(_IDENTIFIER.match(text)) and text not in KEYWORDS


def escape_string_content(value: str) -> str:
    """The inside of a Bicep string literal for ``value``.

    A backslash at the very end is written ``\\u{5C}``: pycep-parser (and checkov with it) reads ``\\\\'`` as an
    escaped quote and would run the string on into the next one, while both spellings mean the same to Bicep.
    """
    if not _NEEDS_ESCAPE.search(value):  # most strings: names, types, API versions
        return value
    out = []
    for i, ch in enumerate(value):
        if ch == "$" and value.startswith("${", i):
            out.append("\\$")
        elif ch == "\\" and i == len(value) - 1:
            out.append("\\u{5C}")
        elif ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20:
            out.append(f"\\u{{{ord(ch):X}}}")
        else:
            out.append(ch)
    return "".join(out)


def string_literal(value: str) -> str:
    return "'" + escape_string_content(value) + "'"


def object_key(key: str) -> str:
    """A property name as written in an object: bare when it is an identifier, quoted otherwise."""
    return key if _IDENTIFIER.match(key) else string_literal(key)


def identifier_from(text: str, fallback: str = "value") -> str:
    """A camelCase identifier derived from arbitrary text (``data-factory 001`` -> ``dataFactory001``)."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    if not words:
        return fallback
    first, rest = words[0], words[1:]
    ident = first[0].lower() + first[1:] + "".join(w[0].upper() + w[1:] for w in rest)
    if not ident[0].isalpha():
        ident = fallback + ident[0].upper() + ident[1:]
    if ident in KEYWORDS:
        ident += "Value"
    return ident
