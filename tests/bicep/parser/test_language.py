"""The parser, construct by construct, written from the Bicep language reference (learn.microsoft.com/azure/
azure-resource-manager/bicep: file structure, parameters, variables, resources, modules, outputs, loops,
conditions, user-defined types and functions, imports, lambdas, operators, .bicepparam files)."""

from __future__ import annotations

import pytest

from relecloud_templates.bicep.parser import nodes as n
from relecloud_templates.bicep.parser import parse
from relecloud_templates.bicep.parser.tokens import Token


def ok(text: str, params: bool = False) -> n.ProgramSyntax:
    result = parse(text, params=params)
    assert [(d.code, result.lines.position(d.start), d.message) for d in result.diagnostics] == []
    return result.program


def kinds(program: n.ProgramSyntax) -> set[str]:
    return {x.kind for x in n.walk(program) if isinstance(x, n.Node)}


def errors(text: str, params: bool = False) -> list[tuple[str, int, int]]:
    result = parse(text, params=params)
    return [(d.code, *result.lines.position(d.start)) for d in result.diagnostics]


def test_file_structure_declarations():
    program = ok("""metadata description = 'A template'
targetScope = 'subscription'
@minLength(3)
@maxLength(24)
@description('The name.')
param name string
param count int = 2
param enabled bool = true
param tags object = {}
param zones array = []
@secure()
param password string
var prefix = 'rc-${name}'
output id string = prefix
""")
    declared = [s.kind for s in program.declarations() if not isinstance(s, Token)]
    assert declared == ["MetadataDeclarationSyntax", "TargetScopeSyntax"] + ["ParameterDeclarationSyntax"] * 6 + [
        "VariableDeclarationSyntax", "OutputDeclarationSyntax"]
    decorated = next(s for s in program.declarations() if isinstance(s, n.ParameterDeclarationSyntax))
    assert len(decorated.decorator_list) == 3


def test_resources_existing_parent_nested_and_scope():
    program = ok("""resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' existing = {
  name: 'st'
  resource blob 'blobServices' existing = {
    name: 'default'
  }
}
resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: sa::blob
  name: 'data'
}
resource lock 'Microsoft.Authorization/locks@2020-05-01' = {
  scope: sa
  name: 'lock'
  properties: { level: 'CanNotDelete' }
}
""")
    resources = [s for s in program.declarations() if isinstance(s, n.ResourceDeclarationSyntax)]
    assert resources[0].existing is not None and len(resources[0].value.resources) == 1
    assert "ResourceAccessSyntax" in kinds(program)


def test_conditions_and_loops_with_index_and_filters():
    program = ok("""param deploy bool
resource a 'Microsoft.Network/publicIPAddresses@2023-04-01' = if (deploy) {
  name: 'ip'
}
@batchSize(2)
resource b 'Microsoft.Network/publicIPAddresses@2023-04-01' = [for (item, i) in range(0, 3): if (i % 2 == 0) {
  name: 'ip${i}'
}]
var doubled = [for x in [1, 2]: x * 2]
var subnets = [for (s, i) in ['a', 'b']: {
  name: s
  index: i
}]
""")
    assert {"IfConditionSyntax", "ForSyntax", "VariableBlockSyntax", "LocalVariableSyntax"} <= kinds(program)


def test_modules_and_registry_references():
    ok("""module net './network.bicep' = {
  name: 'net'
  params: {
    location: 'westeurope'
  }
}
module reg 'br/public:avm/res/storage/storage-account:0.9.0' = {
  name: 'st'
}
module spec 'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0' = if (true) {
  name: 'spec'
  scope: resourceGroup('other')
}
module many './x.bicep' = [for i in range(0, 2): {
  name: 'm${i}'
}]
""")


def test_user_defined_types_nullable_unions_tuples_and_decorators():
    program = ok("""@export()
@description('A subnet.')
type subnet = {
  name: string
  @minValue(8)
  prefixLength: int?
  kind: 'public' | 'private'
  *: string
}
type pair = [string, int]
type names = string[]
@discriminator('type')
type shape = { type: 'a', x: int } | { type: 'b', y: int }
type ref = resourceInput<'Microsoft.Storage/storageAccounts@2023-01-01'>.properties
param optional subnet?
param items names = []
""")
    assert {"NullableTypeSyntax", "UnionTypeSyntax", "TupleTypeSyntax", "ArrayTypeSyntax",
            "ObjectTypeAdditionalPropertiesSyntax", "ParameterizedTypeInstantiationSyntax",
            "TypePropertyAccessSyntax"} <= kinds(program)


def test_functions_lambdas_spread_and_safe_access():
    program = ok("""@export()
func greet(name string) string => 'Hello, ${name}!'
func pick(items array, i int) object? => items[?i]
var upper = map(['a', 'b'], x => toUpper(x))
var total = reduce([1, 2, 3], 0, (acc, x) => acc + x)
var merged = { ...{ a: 1 }, b: 2 }
var list = [...[1, 2], 3]
param cfg object
var value = cfg.?settings.?level ?? 'default'
var first = list[0]
var last = list[^1]
var asserted = cfg.name!
""")
    assert {"TypedLambdaSyntax", "LambdaSyntax", "SpreadExpressionSyntax", "NonNullAssertionSyntax",
            "BinaryOperationSyntax", "FunctionDeclarationSyntax"} <= kinds(program)


def test_imports_and_extensions():
    program = ok("""import { subnet, pair as p } from 'types.bicep'
import * as shared from 'shared.bicep'
import { 'weird-name' as weird } from 'br/public:x:1.0'
extension microsoftGraphV1
extension kubernetes with {
  namespace: 'default'
  kubeConfig: ''
} as k8s
""")
    assert {"CompileTimeImportDeclarationSyntax", "WildcardImportSyntax", "ImportedSymbolsListItemSyntax",
            "ExtensionDeclarationSyntax", "ExtensionWithClauseSyntax", "AliasAsClauseSyntax"} <= kinds(program)


def test_strings_multi_line_interpolation_and_escapes():
    program = ok("""var a = 'it\\'s ${toUpper('x')} and \\u{1F600}'
var b = '''
verbatim ${not} interpolated 'quotes' ok
'''
var c = $'''
Hello, ${a}!
'''
var d = $$'''
${literal} and $${a}
'''
""")
    strings = [x for x in n.walk(program) if isinstance(x, n.StringSyntax)]
    assert strings[0].segments == ["it's ", " and \U0001F600"]
    assert any(s.literal == "verbatim ${not} interpolated 'quotes' ok\n" for s in strings)
    assert any(s.segments == ["Hello, ", "!\n"] for s in strings)
    assert any(s.segments == ["${literal} and ", "\n"] for s in strings)


def test_operators_and_precedence():
    program = ok("var x = 1 + 2 * 3 == 7 && !false || 5 % 2 > 0 ? 'yes' : 'no'\nvar y = 'a' =~ 'A'\nvar z = -1\n")
    ternary = next(x for x in n.walk(program) if isinstance(x, n.TernaryOperationSyntax))
    assert isinstance(ternary.condition, n.BinaryOperationSyntax) and ternary.condition.operator.text == "||"


def test_multi_line_ternary_and_function_arguments():
    ok("""var x = true
  ? 'a'
  : 'b'
var y = concat(
  'a',
  'b'
)
var z = union({
  a: 1
}, {
  b: 2
})
""")


def test_diagnostics_directives_are_trivia():
    program = ok("""#disable-next-line no-unused-params BCP081
param unused string
#disable-diagnostics no-unused-vars
var v = 1
#restore-diagnostics no-unused-vars
""")
    directives = [(x.type, x.codes) for tok in parse_tokens(program) for x in tok.leading]
    assert directives == [("DisableNextLineDiagnosticsDirective", ("no-unused-params", "BCP081")),
                          ("DisableDiagnosticsDirective", ("no-unused-vars",)),
                          ("RestoreDiagnosticsDirective", ("no-unused-vars",))]


def parse_tokens(program: n.ProgramSyntax) -> list[Token]:
    return [x for x in n.walk(program) if isinstance(x, Token)]


def test_parameter_files():
    program = ok("""using './main.bicep'

param name = 'app'
param count = 3
param secret = getSecret('00000000-0000-0000-0000-000000000000', 'rg', 'kv', 'secret')
param home = readEnvironmentVariable('HOME', '/root')
var suffix = 'x'
param full = '${name}-${suffix}'
""", params=True)
    assert [s.kind for s in program.declarations()][:2] == ["UsingDeclarationSyntax", "ParameterAssignmentSyntax"]
    ok("using none\nparam a = 1\n", params=True)


@pytest.mark.parametrize("text, expected", [
    ("param\n", [("BCP013", 1, 6)]),
    ("var x = \n", [("BCP009", 1, 9)]),
    ("var x = (1, 2)\n", [("BCP243", 1, 10)]),
    ("var x = [for (a, b, c) in y: a]\n", [("BCP249", 1, 14)]),
    ("var x = {\n  a: 1, b: 2\n}\n", []),
    ("var x = {\n  a: 1 b: 2\n}\n", [("BCP236", 2, 8)]),
    ("var x = {\n  a: 1,\n  b: 2\n}\n", [("BCP238", 2, 8)]),
    ("var x = concat('a'\n  'b')\n", [("BCP237", 1, 19)]),
    ("var x = 'a\\q'\n", [("BCP006", 1, 11)]),
    ("var x = \"a\"\n", [("BCP103", 1, 9), ("BCP009", 1, 9), ("BCP103", 1, 11)]),
    ("var x = {\n  a: 1\n  a: 2\n}\n", [("BCP025", 2, 3), ("BCP025", 3, 3)]),
    ("targetScope = 'tenant'\ntargetScope = 'tenant'\n", [("BCP112", 1, 1), ("BCP112", 2, 1)]),
    ("resource r 'a@b' = 5\n", [("BCP118", 1, 20)]),
    ("#disable-next-line\nparam a string\n", [("BCP226", 1, 19)]),
    ("var x = '''never closed\n", [("BCP140", 1, 9)]),
])
def test_syntax_errors_have_bicep_codes_and_positions(text, expected):
    assert errors(text) == expected


def test_hostile_input_never_raises():
    for text in ["{" * 300, "(" * 300 + ")" * 300, "'" + "${" * 200, "var x = " + "[" * 250, "@" * 100, "\x00\x01",
                 "$" * 50 + "'''"]:
        for params in (False, True):
            assert parse(text, params=params).diagnostics
    ok("param a " + "| 'x' " * 400)  # long, but valid
