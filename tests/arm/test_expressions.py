"""The ARM expression parser: what ARM accepts parses, what it rejects fails at the right character."""

from __future__ import annotations

import pytest

from relecloud_templates.arm.expressions import (
    BoolLit,
    Call,
    ExpressionSyntaxError,
    Index,
    NullLit,
    NumberLit,
    Property,
    StringLit,
    calls,
    is_expression,
    literal_value,
    parse,
    to_text,
)


def test_literal_escape_is_not_an_expression():
    assert not is_expression("[[variables('x')]")
    assert literal_value("[[variables('x')]") == "[variables('x')]"
    assert not is_expression("plain text")
    assert is_expression("[parameters('x')]")


def test_nested_calls_property_access_and_indexers():
    node = parse(
        "[reference(resourceId('Microsoft.Network/virtualNetworks', parameters('vnet')), '2024-05-01').subnets[0].id]"
    )
    assert isinstance(node, Property) and node.name == "id"
    assert isinstance(node.target, Index)
    reference = node.target.target.target
    assert isinstance(reference, Call) and reference.lower_name == "reference"
    assert [c.name for c in calls(node, "PARAMETERS")] == ["parameters"]


def test_string_escapes_numbers_booleans_null():
    node = parse("[concat('it''s', -2, 3.5, true, false, null)]")
    args = node.args
    assert args[0] == StringLit("it's", args[0].start, args[0].end)
    assert isinstance(args[1], NumberLit) and args[1].value == -2
    assert isinstance(args[2], NumberLit) and args[2].value == 3.5
    assert isinstance(args[3], BoolLit) and args[3].value is True
    assert isinstance(args[5], NullLit)


def test_user_defined_function_namespace():
    node = parse("[contoso.uniqueName(parameters('p')).value]")
    assert isinstance(node, Property)
    assert node.target.namespace == "contoso" and node.target.name == "uniqueName"


def test_round_trip_text():
    text = "[format('{0}-{1}', parameters('a'), variables('b')[1].c)]"
    assert "[" + to_text(parse(text)) + "]" == text


def test_whitespace_is_allowed_between_tokens():
    assert to_text(parse("[ concat ( 'a' , 'b' ) ]")) == "concat('a', 'b')"


@pytest.mark.parametrize(
    "text, offset, fragment",
    [
        ("[concat('a',]", 12, "expected an expression"),
        ("[concat('a']", 11, "expected ',' or ')'"),
        ("['abc]", 1, "unterminated string"),
        ("[parameters]", 11, "expected '('"),
        ("[f(1) g]", 6, "unexpected 'g'"),
        ("[]", 1, "empty expression"),
        ("[f(1).]", 6, "property name"),
        ("[x(", 0, "not an expression"),
    ],
)
def test_syntax_errors_point_inside_the_string(text, offset, fragment):
    with pytest.raises(ExpressionSyntaxError) as caught:
        parse(text)
    assert fragment in caught.value.message
    assert caught.value.offset == offset
