"""Hostile JSON is a located syntax error, never a RecursionError or ValueError (issue 14 item 9)."""

from __future__ import annotations

import pytest

from relecloud_templates.arm import expressions, jsonpos


@pytest.mark.parametrize("text, message, column", [
    ('{"n": ' + "9" * 5000 + "}", "an integer of 5000 digits (at most 4300)", 7),
    ('{"a": ' + "[" * 2000 + "]" * 2000 + "}", "JSON nested more than 128 levels deep", 7 + 127),
    ('{"a": ' + "[" * 500 + "]" * 500 + ", /* comment */ }", "JSON nested more than 128 levels deep", 7 + 127),
])
def test_limits_are_syntax_errors_at_their_place(text, message, column):
    with pytest.raises(jsonpos.JsonSyntaxError) as caught:
        jsonpos.loads(text)
    assert caught.value.message == message
    assert (caught.value.pos.line, caught.value.pos.column) == (1, column)


def test_documents_within_the_limits_load_whole():
    deep = "[" * 127 + "]" * 127
    assert jsonpos.loads('{"a": ' + deep + ', "n": ' + "9" * 4300 + "}")["n"] == int("9" * 4300)


def test_expressions_nest_at_most_256_levels():
    expressions.parse("[" + "not(" * 255 + "true()" + ")" * 255 + "]")
    with pytest.raises(expressions.ExpressionSyntaxError, match="nested more than 256 levels"):
        expressions.parse("[" + "not(" * 300 + "true()" + ")" * 300 + "]")
