"""The Bicep syntax check behind `relecloud validate file.bicep`."""

from __future__ import annotations

from relecloud_templates.bicep import check_bicep_syntax

VALID = """targetScope = 'subscription'

@description('Where.')
param location string = 'x\\'y'

var multi = '''
it's {all} literal
'''

var name = '${location}-${toLower('A')}'

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = [for (item, i) in range(0, 2): if (i > 0) {
  name: 'rg-${i}' /* inline */
  location: location
}]
"""


def places(text: str) -> list[tuple[int, int, str]]:
    return [(d.location.line, d.location.column, d.message) for d in check_bicep_syntax("f.bicep", text)]


def test_valid_bicep_has_no_findings():
    assert check_bicep_syntax("f.bicep", VALID) == []


def test_every_error_is_reported_with_line_and_column():
    text = "param a string = 'open\nvar b = [\n  1\n)\nresoure c 'x@y' = {}\n"
    found = places(text)
    assert (1, 18, "Bicep syntax: string is never closed") in found
    assert (4, 1, "Bicep syntax: ')' does not close the '[' opened at 2:9") in found
    assert (2, 9, "Bicep syntax: '[' is never closed") in found
    diagnostic = check_bicep_syntax("f.bicep", text)[0]
    assert diagnostic.code == "E0001" and diagnostic.name == "parse-error"


def test_a_stray_top_level_line_and_a_missing_symbol_name_are_errors():
    found = places("resoure c 'x@y' = {}\nparam\nvar v = 'a\\q'\n")
    assert (1, 1, "Bicep syntax: expected a declaration (param, var, resource, module, output, ...), "
                  "found 'resoure'") in found
    assert (2, 6, "Bicep syntax: 'param' must be followed by a symbol name") in found
    assert (3, 11, "Bicep syntax: unknown escape '\\q' in a string") in found


def test_unclosed_comment_and_interpolation():
    assert places("var a = '${b'\n") != []
    assert places("/* never closed\nvar a = 1\n") == [(1, 1, "Bicep syntax: comment is never closed")]


def test_lines_inside_brackets_are_no_statements_but_the_next_top_level_line_is():
    text = "var a = {\n  b: 'x'\n  c: [\n    1\n  ]\n}\nnotADeclaration = 1\n"
    assert places(text) == [(7, 1, "Bicep syntax: expected a declaration (param, var, resource, module, output, "
                                   "...), found 'notADeclaration'")]
