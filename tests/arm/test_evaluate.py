"""Evaluation: known where the files say so, UNKNOWN everywhere else, never an exception."""

from __future__ import annotations

import pytest

from relecloud_templates.arm.template import build_template
from relecloud_templates.arm.values import UNKNOWN

SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"


def evaluator(parameters=None, variables=None, functions=None, supplied=None):
    doc = {"$schema": SCHEMA, "parameters": parameters or {}, "variables": variables or {}, "resources": []}
    if functions:
        doc["functions"] = functions
    return build_template(doc, supplied).evaluator


@pytest.mark.parametrize("expression, expected", [
    ("[concat('a', 'b', 1)]", "ab1"),
    ("[concat(createArray(1), createArray(2))]", [1, 2]),
    ("[format('{0}-{1}', 'x', 2)]", "x-2"),
    ("[format('pre {0} mid {1} post', 'a', 'b')]", "pre a mid b post"),
    ("[format('{{{0}}} and }}, a}b', 'x')]", "{x} and }, a}b"),
    ("[format('no placeholders')]", "no placeholders"),
    ("[toLower('AbC')]", "abc"),
    ("[replace('a-b', '-', '')]", "ab"),
    ("[split('a,b', ',')[1]]", "b"),
    ("[if(equals(1, 1), 'yes', 'no')]", "yes"),
    ("[and(true, not(false))]", True),
    ("[or(false, false)]", False),
    ("[length(createObject('a', 1, 'b', 2))]", 2),
    ("[union(createObject('a', createObject('x', 1)), createObject('a', createObject('y', 2)))]",
     {"a": {"x": 1, "y": 2}}),
    ("[contains(createArray('a', 'b'), 'b')]", True),
    ("[empty('')]", True),
    ("[div(-7, 2)]", -3),
    ("[mod(-7, 2)]", -1),
    ("[substring('hello', 1, 3)]", "ell"),
    ("[createObject('k', 'v').k]", "v"),
    ("[json('{\"a\": [1]}').a[0]]", 1),
    ("[range(1, 3)]", [1, 2, 3]),
    ("[coalesce(null(), 'x')]", "x"),
    ("[[not an expression]", "[not an expression]"),
    ("plain", "plain"),
    ("[string(true)]", "True"),
    ("[padLeft('7', 3, '0')]", "007"),
    ("[take(skip('abcdef', 1), 2)]", "bc"),
])
def test_pure_functions(expression, expected):
    assert evaluator().evaluate(expression) == expected


@pytest.mark.parametrize("expression", [
    "[reference('x').id]", "[listKeys('x', '2020-01-01').keys[0]]", "[resourceGroup().location]",
    "[uniqueString(resourceGroup().id)]", "[utcNow()]", "[concat('a', reference('x').name)]",
    "[if(reference('x').enabled, 1, 2)]", "[substring('abc', 5)]", "[div(1, 0)]", "[createObject('a')]",
    "[concat(]", "[unknownFunction(1)]", "[json('{')]", "[equals('a', 'A')]",
])
def test_runtime_or_failing_values_are_unknown(expression):
    assert evaluator().evaluate(expression) is UNKNOWN


def test_unknown_only_where_needed():
    ev = evaluator()
    assert ev.evaluate("[if(true(), 'known', reference('x').y)]") == "known"
    assert ev.evaluate("[and(false(), reference('x').y)]") is False
    assert ev.evaluate({"a": "[reference('x').y]", "b": "[concat('b', 'c')]"}) == {"a": UNKNOWN, "b": "bc"}
    assert ev.evaluate("[length(createArray(reference('x'), 1))]") == 2


def test_parameters_supplied_win_over_defaults_and_required_ones_are_unknown():
    params = {
        "withDefault": {"type": "string", "defaultValue": "[concat('d', 'ef')]"},
        "required": {"type": "string"},
        "derived": {"type": "string", "defaultValue": "[parameters('withDefault')]"},
    }
    ev = evaluator(params)
    assert ev.evaluate("[parameters('withDefault')]") == "def"
    assert ev.evaluate("[parameters('derived')]") == "def"
    assert ev.evaluate("[parameters('required')]") is UNKNOWN
    assert ev.evaluate("[parameters('WITHDEFAULT')]") == "def"  # names are case-insensitive
    supplied = evaluator(params, supplied={"withDefault": "given"})
    assert supplied.evaluate("[parameters('derived')]") == "given"


def test_variables_copy_loops_and_cycles():
    variables = {
        "base": "[concat('rc-', 'dev')]",
        "name": "[concat(variables('base'), '-kv')]",
        "loop": "[variables('loop')]",
        "copy": [{"name": "disks", "count": 2, "input": {"lun": "[copyIndex('disks')]"}}],
        "props": {"copy": [{"name": "items", "count": 3, "input": "[copyIndex('items', 1)]"}]},
    }
    ev = evaluator(variables=variables)
    assert ev.evaluate("[variables('name')]") == "rc-dev-kv"
    assert ev.evaluate("[variables('loop')]") is UNKNOWN
    assert ev.evaluate("[variables('disks')]") == [{"lun": 0}, {"lun": 1}]
    assert ev.evaluate("[variables('props')]") == {"items": [1, 2, 3]}


def test_user_defined_functions_see_only_their_parameters():
    functions = [{"namespace": "rc", "members": {
        "name": {"parameters": [{"name": "kind", "type": "string"}],
                 "output": {"type": "string", "value": "[concat('rc-', parameters('kind'))]"}},
        "leaky": {"parameters": [], "output": {"type": "string", "value": "[variables('v')]"}}}}]
    ev = evaluator(variables={"v": "x"}, functions=functions)
    assert ev.evaluate("[rc.name('kv')]") == "rc-kv"
    assert ev.evaluate("[RC.NAME('kv')]") == "rc-kv"
    assert ev.evaluate("[rc.leaky()]") is UNKNOWN
    assert ev.evaluate("[rc.name()]") is UNKNOWN


def test_markers_refuse_truth_testing():
    with pytest.raises(TypeError):
        bool(UNKNOWN)
