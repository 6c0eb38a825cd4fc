"""JSON text with two-space indentation, as ``json.dumps(value, indent=2, ensure_ascii=False)`` writes it.

The standard library serializes indented JSON in pure Python (its C encoder only writes compact JSON), and a
render of a large estate serializes tens of megabytes. This writer does the same for the values a render
produces (dicts with string keys, lists, tuples, strings, numbers, booleans, None), encoding strings with the
standard library's C function; anything else goes to ``json.dumps`` itself, so the text is always the same.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring  # the C implementation when the interpreter has it
from typing import Any


class _Unusual(Exception):
    """A value this writer leaves to json.dumps."""


def dumps_indented(value: Any) -> str:
    try:
        parts: list[str] = []
        _write(value, "", parts.append)
        return "".join(parts)
    except (_Unusual, RecursionError):
        return json.dumps(value, indent=2, ensure_ascii=False)


def _write(value: Any, pad: str, emit) -> None:
    if isinstance(value, str):
        emit(encode_basestring(value))
    elif isinstance(value, dict):
        if not value:
            emit("{}")
            return
        inner = pad + "  "
        separator = "{\n" + inner
        for key, item in value.items():
            if not isinstance(key, str):
                raise _Unusual  # json.dumps turns numbers, booleans and None into keys its own way
            emit(separator + encode_basestring(key) + ": ")
            _write(item, inner, emit)
            separator = ",\n" + inner
        emit("\n" + pad + "}")
    elif isinstance(value, (list, tuple)):
        if not value:
            emit("[]")
            return
        inner = pad + "  "
        separator = "[\n" + inner
        for item in value:
            emit(separator)
            _write(item, inner, emit)
            separator = ",\n" + inner
        emit("\n" + pad + "]")
    elif value is True:
        emit("true")
    elif value is False:
        emit("false")
    elif value is None:
        emit("null")
    elif isinstance(value, int):
        emit(int.__repr__(value))
    elif isinstance(value, float):
        emit(json.dumps(value))  # repr, or NaN / Infinity as json.dumps writes them
    else:
        raise _Unusual
