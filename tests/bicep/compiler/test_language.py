"""The compiler on small files written from the Bicep language reference: what each construct becomes in ARM, and
the errors (with their BCP codes) for what Bicep rejects."""

from __future__ import annotations

from pathlib import Path

import pytest

from relecloud_templates.bicep.compiler import Compiler, compile_text


def build(tmp_path: Path, text: str, **others: str):
    for name, content in others.items():
        (tmp_path / name.replace("__", "/")).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name.replace("__", "/")).write_text(content, encoding="utf-8")
    (tmp_path / "main.bicep").write_text(text, encoding="utf-8")
    return Compiler().compile_file(tmp_path / "main.bicep")


def errors(compilation) -> list[str]:
    return [problem.code for problem, _ in compilation.problems() if problem.level == "Error"]


VNET = """
param prefix string = 'app'
@secure()
param password string
@allowed(['dev', 'prd'])
param env string = 'dev'
var name = '${prefix}-${env}'
resource vnet 'Microsoft.Network/virtualNetworks@2023-04-01' = {
  name: name
  location: resourceGroup().location
  properties: {
    addressSpace: { addressPrefixes: ['10.0.0.0/16'] }
  }
  resource subnet 'subnets' = {
    name: 'default'
    properties: { addressPrefix: '10.0.0.0/24' }
  }
}
resource nic 'Microsoft.Network/networkInterfaces@2023-04-01' = [for i in range(0, 2): if (env == 'prd') {
  name: '${name}-nic${i}'
  location: vnet.location
  properties: {
    ipConfigurations: [{ name: 'ip', properties: { subnet: { id: vnet::subnet.id } } }]
  }
}]
module child 'child.bicep' = {
  name: 'child'
  params: { vnetName: vnet.name, secret: password }
}
output subnetId string = vnet::subnet.id
output guid string = vnet.properties.resourceGuid
output childOut string = child.outputs.out
"""
CHILD = "param vnetName string\n@secure()\nparam secret string\noutput out string = toUpper(vnetName)\n"
VNET_ID = "resourceId('Microsoft.Network/virtualNetworks', variables('name'))"


@pytest.fixture
def vnet(tmp_path):
    compilation = build(tmp_path, VNET, **{"child.bicep": CHILD})
    assert errors(compilation) == []
    return compilation.template


def test_parameters_with_decorators_and_variables(vnet):
    assert vnet["parameters"] == {"prefix": {"type": "string", "defaultValue": "app"},
                                  "password": {"type": "securestring"},
                                  "env": {"type": "string", "allowedValues": ["dev", "prd"], "defaultValue": "dev"}}
    assert vnet["variables"] == {"name": "[format('{0}-{1}', parameters('prefix'), parameters('env'))]"}
    assert "languageVersion" not in vnet  # a classic template: nothing here needs symbolic names


def test_nested_child_resource_gets_its_full_type_name_and_parent_dependency(vnet):
    subnet = vnet["resources"][1]
    assert subnet["type"] == "Microsoft.Network/virtualNetworks/subnets"
    assert subnet["name"] == "[format('{0}/{1}', variables('name'), 'default')]"
    assert subnet["dependsOn"] == [f"[{VNET_ID}]"]


def test_loop_with_condition_and_property_access(vnet):
    nic = vnet["resources"][2]
    assert nic["copy"] == {"name": "nic", "count": "[length(range(0, 2))]"}
    assert nic["condition"] == "[equals(parameters('env'), 'prd')]"
    assert nic["name"] == "[format('{0}-nic{1}', variables('name'), range(0, 2)[copyIndex()])]"
    # a top-level property of a resource of this file is read from the full resource
    assert nic["location"] == f"[reference({VNET_ID}, '2023-04-01', 'full').location]"
    subnet_id = nic["properties"]["ipConfigurations"][0]["properties"]["subnet"]["id"]
    assert subnet_id == "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('name'), 'default')]"
    # implicit dependencies: on every resource a symbol reference names (the subnet, and the vnet itself)
    assert sorted(nic["dependsOn"]) == sorted([
        f"[{VNET_ID}]", "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('name'), 'default')]"])


def test_module_is_a_nested_deployment_with_inner_scope(vnet):
    module = vnet["resources"][3]
    assert module["type"] == "Microsoft.Resources/deployments"
    assert module["name"] == "child"
    assert module["properties"]["expressionEvaluationOptions"] == {"scope": "inner"}
    assert module["properties"]["parameters"] == {"vnetName": {"value": "[variables('name')]"},
                                                  "secret": {"value": "[parameters('password')]"}}
    inner = module["properties"]["template"]
    assert inner["outputs"]["out"]["value"] == "[toUpper(parameters('vnetName'))]"
    assert module["dependsOn"] == [f"[{VNET_ID}]"]  # vnet.name is its declared name, but still a dependency


def test_outputs_read_ids_properties_and_module_outputs(vnet):
    outputs = vnet["outputs"]
    assert outputs["subnetId"]["value"] == \
        "[resourceId('Microsoft.Network/virtualNetworks/subnets', variables('name'), 'default')]"
    assert outputs["guid"]["value"] == f"[reference({VNET_ID}, '2023-04-01').resourceGuid]"
    assert outputs["childOut"]["value"] == \
        "[reference(resourceId('Microsoft.Resources/deployments', 'child'), '2025-04-01').outputs.out.value]"


def test_existing_resource_in_another_group_is_referenced_not_deployed(tmp_path):
    compilation = build(tmp_path, """
resource kv 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'vault'
  scope: resourceGroup('other')
}
output uri string = kv.properties.vaultUri
output id string = kv.id
""")
    assert errors(compilation) == []
    template = compilation.template
    assert template["resources"] == []
    rid = ("extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, "
           "'other'), 'Microsoft.KeyVault/vaults', 'vault')")
    assert template["outputs"]["id"]["value"] == f"[{rid}]"
    assert template["outputs"]["uri"]["value"] == f"[reference({rid}, '2023-07-01').vaultUri]"


def test_operators_and_functions_map_onto_arm_functions():
    compilation = compile_text("""
param a string
param b object
var c = a == 'x' ? toLower(a) : '${a}!'
var d = b.?missing ?? 'fallback'
var e = !empty(a) && length(a) > 2
var f = [for (x, i) in [1, 2]: x * i]
output o array = concat(f, [c, d, e])
""")
    assert errors(compilation) == []
    variables = compilation.template["variables"]
    assert variables["c"] == \
        "[if(equals(parameters('a'), 'x'), toLower(parameters('a')), format('{0}!', parameters('a')))]"
    assert variables["d"] == "[coalesce(tryGet(parameters('b'), 'missing'), 'fallback')]"
    assert variables["e"] == "[and(not(empty(parameters('a'))), greater(length(parameters('a')), 2))]"
    assert variables["copy"] == [{"name": "f", "count": "[length(createArray(1, 2))]",
                                  "input": "[mul(createArray(1, 2)[copyIndex('f')], copyIndex('f'))]"}]


def test_user_defined_types_make_a_symbolic_name_template():
    compilation = compile_text("""
type pair = { key: string, value: int }
param p pair
resource sa 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: p.key
  location: 'westeurope'
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
}
""")
    assert errors(compilation) == []
    template = compilation.template
    assert template["languageVersion"] == "2.0"
    assert template["definitions"]["pair"]["properties"] == {"key": {"type": "string"}, "value": {"type": "int"}}
    assert template["parameters"]["p"] == {"$ref": "#/definitions/pair"}
    assert set(template["resources"]) == {"sa"}  # resources by symbolic name


def test_subscription_scope_module_into_a_resource_group(tmp_path):
    compilation = build(tmp_path, """
targetScope = 'subscription'
resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: 'rg'
  location: 'westeurope'
}
module inner 'inner.bicep' = {
  name: 'inner'
  scope: rg
}
""", **{"inner.bicep": "output x string = resourceGroup().name\n"})
    assert errors(compilation) == []
    template = compilation.template
    assert template["$schema"].endswith("subscriptionDeploymentTemplate.json#")
    module = template["resources"][1]
    assert module["resourceGroup"] == "rg"
    assert module["dependsOn"] == ["[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg')]"]


@pytest.mark.parametrize("text, code", [
    ("output o string = missing\n", "BCP057"),
    ("var a = 1\nvar a = 2\noutput o int = a\n", "BCP028"),
    ("param p string = 1\n", "BCP033"),
    ("var x = x\n", "BCP079"),
    ("var a = variables('b')\n", "BCP060"),
    ("var a = if(true, 1, 2)\n", "BCP100"),
    ("output o string = 'a'\noutput o string = 'b'\n", "BCP145"),
    ("var a = orange()\n", "BCP082"),  # did you mean "range"?
    ("var a = [\n", "BCP018"),  # a syntax error
    ("var stamp = utcNow()\n", "BCP065"),  # only in a parameter default
])
def test_errors_have_the_bicep_codes(text, code):
    assert code in errors(compile_text(text))


def test_utc_now_in_a_parameter_default_is_no_error():
    assert errors(compile_text("param stamp string = utcNow()\noutput o string = stamp\n")) == []


def test_module_errors(tmp_path):
    compilation = build(tmp_path, """
module a 'missing.bicep' = { name: 'a' }
module b 'child.bicep' = { name: 'b', params: { unknown: 1 } }
module c 'child.bicep' = { name: 'c' }
module d 'br:example.azurecr.io/bicep/modules/storage:v1' = { name: 'd' }
""", **{"child.bicep": "param required string\n"})
    found = [(problem.code, compilation.lines.position(problem.start)[0]) for problem, owner in compilation.problems()
             if owner is compilation]
    assert ("BCP091", 2) in found  # the module file does not exist
    assert ("BCP037", 3) in found  # no such parameter
    assert ("BCP035", 3) in found and ("BCP035", 4) in found  # the required parameter is not given
    assert ("BCP190", 5) in found  # not in the local module cache: relecloud never downloads it


def test_registry_module_from_the_local_cache(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    folder = cache / "br" / "example.azurecr.io" / "bicep$modules$storage" / "v1$"
    folder.mkdir(parents=True)
    (folder / "main.json").write_text('{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/'
                                      'deploymentTemplate.json#", "contentVersion": "1.0.0.0", "resources": []}')
    monkeypatch.setenv("BICEP_CACHE", str(cache))
    compilation = build(tmp_path, "module d 'br:example.azurecr.io/bicep/modules/storage:v1' = { name: 'd' }\n")
    assert errors(compilation) == []
    assert compilation.template["resources"][0]["properties"]["template"]["resources"] == []


def test_load_functions_read_files_beside_the_source(tmp_path):
    compilation = build(tmp_path, """
var script = loadTextContent('scripts/run.sh')
var config = loadJsonContent('config.json', '$.name')
output o string = '${script}${config}'
""", **{"scripts__run.sh": "echo hi\n", "config.json": '{"name": "n"}'})
    assert errors(compilation) == []
    variables = compilation.template["variables"]
    assert "echo hi\n" in variables.values() and "n" in variables.values()
