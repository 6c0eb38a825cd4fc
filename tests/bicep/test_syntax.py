"""The Bicep syntax check behind `relecloud validate`: Bicep codes, lines and columns."""

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


def places(text: str, path: str = "f.bicep") -> list[tuple[int, int, str]]:
    return [(d.location.line, d.location.column, d.message.split(":")[0]) for d in check_bicep_syntax(path, text)]


def test_valid_bicep_has_no_findings():
    assert check_bicep_syntax("f.bicep", VALID) == []


def test_every_error_is_reported_with_line_column_and_bicep_code():
    # as in Bicep, the array that is never closed swallows the rest of the file: one error where it should close
    text = "param a string = 'open\nvar b = [\n  1\n)\nresoure c 'x@y' = {}\n"
    assert places(text) == [(1, 18, "BCP004"), (6, 1, "BCP018")]
    diagnostic = check_bicep_syntax("f.bicep", text)[0]
    assert diagnostic.code == "E0001" and diagnostic.name == "parse-error"
    assert diagnostic.message.startswith("BCP004: ")


def test_a_stray_top_level_line_and_a_missing_symbol_name_are_errors():
    found = places("resoure c 'x@y' = {}\nparam\nvar v = 'a\\q'\n")
    assert found == [(1, 1, "BCP007"), (2, 6, "BCP013"), (3, 11, "BCP006")]


def test_unclosed_comment_and_interpolation():
    assert places("var a = '${b'\n") != []
    assert places("/* never closed\nvar a = 1\n") == [(1, 1, "BCP002")]


def test_lines_inside_brackets_are_no_statements_but_the_next_top_level_line_is():
    text = "var a = {\n  b: 'x'\n  c: [\n    1\n  ]\n}\nnotADeclaration = 1\n"
    assert places(text) == [(7, 1, "BCP007")]


def test_parameter_files_have_their_own_declarations():
    assert places("using 'main.bicep'\nparam a = 1\n", "f.bicepparam") == []
    assert places("using 'main.bicep'\nresource r 'a@b' = {}\n", "f.bicepparam") == [(2, 1, "BCP337")]
