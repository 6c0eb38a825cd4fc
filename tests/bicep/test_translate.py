"""The translation, construct by construct, on small templates."""

from __future__ import annotations

from relecloud_templates.bicep import emit_unit
from tests.bicep.roundtrip import parse_bicep

RG = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
SUB = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
STORAGE = "Microsoft.Storage/storageAccounts"


def bicep(template: dict, path: str = "main.bicep") -> str:
    template = {"$schema": RG, "contentVersion": "1.0.0.0", **template}
    text = emit_unit(template).files[path]
    parse_bicep(text)
    return text


def storage(name="[parameters('storageName')]", **extra) -> dict:
    return {"type": STORAGE, "apiVersion": "2023-01-01", "name": name, "location": "[resourceGroup().location]",
            **extra}


def test_parameter_decorators_come_from_the_definition():
    text = bicep({"parameters": {
        "adminPassword": {"type": "secureString", "metadata": {"description": "The admin's password."}},
        "env": {"type": "string", "allowedValues": ["dev", "prd"], "defaultValue": "dev"},
        "prefix": {"type": "string", "minLength": 2, "maxLength": 10},
    }})
    assert "@description('The admin\\'s password.')\n@secure()\nparam adminPassword string\n" in text
    assert "@allowed([\n  'dev'\n  'prd'\n])\nparam env string = 'dev'\n" in text
    assert "@minLength(2)\n@maxLength(10)\nparam prefix string\n" in text


def test_format_and_concat_become_interpolation():
    text = bicep({"parameters": {"prefix": {"type": "string"}},
                  "variables": {"a": "[format('{0}-vault{{1}}', parameters('prefix'))]",
                                "b": "[concat(parameters('prefix'), '-', variables('a'))]",
                                "c": "[toLower(format('{0:D3}', 7))]"}})
    assert "var a = '${prefix}-vault{1}'" in text
    assert "var b = '${prefix}-${a}'" in text
    assert "var c = toLower(format('{0:D3}', 7))" in text  # a format specifier has no interpolation form


def test_operators_keep_their_meaning_with_parentheses():
    text = bicep({"parameters": {"a": {"type": "bool"}, "b": {"type": "string"}},
                  "variables": {"x": "[and(not(parameters('a')), not(empty(parameters('b'))))]",
                                "y": "[if(equals(parameters('b'), 'x'), 1, add(2, 3))]"}})
    assert "var x = (!a) && (!empty(b))" in text
    assert "var y = (b == 'x') ? 1 : (2 + 3)" in text


def test_reference_to_a_dependency_becomes_symbolic_and_its_depends_on_goes():
    text = bicep({"parameters": {"storageName": {"type": "string"}}, "resources": [
        storage(),
        {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2023-04-01", "name": "pe",
         "properties": {"target": f"[resourceId('{STORAGE}', parameters('storageName'))]",
                        "blob": f"[reference(resourceId('{STORAGE}', parameters('storageName')), "
                                "'2023-01-01').primaryEndpoints.blob]"},
         "dependsOn": [f"[resourceId('{STORAGE}', parameters('storageName'))]"]},
    ]})
    assert "target: storage.id" in text
    assert "blob: storage.properties.primaryEndpoints.blob" in text
    assert "dependsOn" not in text


def test_reference_without_a_dependency_stays_a_resource_id_so_no_ordering_is_added():
    text = bicep({"parameters": {"storageName": {"type": "string"}}, "resources": [
        storage(),
        {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2023-04-01", "name": "pe",
         "properties": {"target": f"[resourceId('{STORAGE}', parameters('storageName'))]"}},
    ]})
    assert "target: resourceId('Microsoft.Storage/storageAccounts', storageName)" in text


def test_depends_on_without_a_reference_is_kept_as_a_symbol():
    text = bicep({"resources": [storage("first"), storage("second", dependsOn=[
        f"[resourceId('{STORAGE}', 'first')]"])]})
    assert "dependsOn: [\n    first\n  ]" in text


def test_resources_the_template_does_not_deploy_become_existing():
    text = bicep({"resources": [storage("store", properties={
        "uri": "[reference(resourceId('other-rg', 'Microsoft.KeyVault/vaults', 'vault1'), '2023-02-01').vaultUri]",
        "vault": "[resourceId('other-rg', 'Microsoft.KeyVault/vaults', 'vault1')]",
        "site": "[resourceId('Microsoft.Web/sites', 'app')]",
        "unknown": "[resourceId('Contoso.Widgets/gadgets', 'g1')]"})]})
    assert "resource vault1 'Microsoft.KeyVault/vaults@2023-02-01' existing = {\n  name: 'vault1'\n" \
           "  scope: resourceGroup('other-rg')\n}" in text
    assert "uri: vault1.properties.vaultUri\n    vault: vault1.id\n" in text
    # no API version in the template: the newest stable one Azure publishes declares it
    from relecloud_templates.arm import typeschemas

    assert f"resource app 'Microsoft.Web/sites@{typeschemas.lookup('Microsoft.Web/sites').newest}' existing" in text
    assert "site: app.id" in text
    # a type no index knows: Bicep cannot declare it, so the ID stays a function call
    assert "unknown: resourceId('Contoso.Widgets/gadgets', 'g1')" in text


def test_conditions_and_copy_loops_become_if_and_for():
    text = bicep({"parameters": {"names": {"type": "array"}, "deploy": {"type": "bool"}}, "resources": [
        storage("[parameters('names')[copyIndex()]]", condition="[parameters('deploy')]",
                copy={"name": "stores", "count": "[length(parameters('names'))]", "mode": "serial",
                      "batchSize": 2}),
        storage("single", condition="[parameters('deploy')]"),
    ]})
    assert "@batchSize(2)\nresource storageAccount 'Microsoft.Storage/storageAccounts@2023-01-01' = " \
           "[for name in names: if(deploy) {\n  name: name\n" in text
    assert "= if (deploy) {\n  name: 'single'" in text


def test_inner_scoped_nested_deployment_becomes_a_module_with_scope():
    inner = {"$schema": RG, "contentVersion": "1.0.0.0", "parameters": {"n": {"type": "string"}},
             "resources": [storage("[parameters('n')]")],
             "outputs": {"id": {"type": "string", "value": f"[resourceId('{STORAGE}', parameters('n'))]"}}}
    template = {"$schema": SUB, "contentVersion": "1.0.0.0", "resources": [
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "data",
         "resourceGroup": "rg-data", "location": "[deployment().location]",
         "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental",
                        "parameters": {"n": {"value": "store1"}}, "template": inner}}],
        "outputs": {"id": {"type": "string",
                           "value": "[reference(resourceId('rg-data', 'Microsoft.Resources/deployments', 'data'))"
                                    ".outputs.id.value]"}}}
    output = emit_unit(template)
    main = output.files["main.bicep"]
    assert main.startswith("targetScope = 'subscription'\n\n")
    assert "module data 'modules/data.bicep' = {\n  name: 'data'\n  scope: resourceGroup('rg-data')\n" \
           "  params: {\n    n: 'store1'\n  }\n}" in main
    module = output.files["modules/data.bicep"]
    assert "resource storageAccount 'Microsoft.Storage/storageAccounts@2023-01-01' = {\n  name: n\n" in module
    assert "output id string = storageAccount.id" in module
    assert "output id string = data.outputs.id" in main
    for text in output.files.values():
        parse_bicep(text)


def test_an_untranslatable_construct_is_marked_where_it_is():
    template = {"$schema": RG, "contentVersion": "1.0.0.0",
                "functions": [{"namespace": "ns", "members": {"f": {"output": {"type": "string", "value": "x"}}}}],
                "variables": {"v": "[ns.f()]"}}
    output = emit_unit(template)
    text = output.files["main.bicep"]
    assert "// relecloud: user-defined function ns.f() has no Bicep translation here\nvar v = ns.f()" in text
    assert [(n.line, n.column) for n in output.notes if "ns.f()" in n.message] == [(3, 1)]


def test_strings_are_escaped_so_that_pycep_reads_them_whole():
    text = bicep({"variables": {"a": "C:\\temp\\", "b": "it's ${not} [[bracket]", "c": "[[literal]"}})
    assert "var a = 'C:\\\\temp\\u{5C}'" in text
    assert "var b = 'it\\'s \\${not} [[bracket]'" in text
    assert "var c = '[literal]'" in text


def test_layout_is_two_space_indent_and_one_blank_line_between_declarations():
    text = bicep({"parameters": {"a": {"type": "object", "defaultValue": {"k": {"x": [1]}}}},
                  "variables": {"v": 1}})
    assert text == "param a object = {\n  k: {\n    x: [\n      1\n    ]\n  }\n}\n\nvar v = 1\n"


def test_parameter_file_becomes_bicepparam():
    template = {"$schema": RG, "contentVersion": "1.0.0.0",
                "parameters": {"location": {"type": "string"}, "secret": {"type": "secureString"}}}
    parameters = {"parameters": {
        "location": {"value": "northeurope"},
        "secret": {"reference": {"keyVault": {"id": "/subscriptions/s1/resourceGroups/rg/providers/"
                                                    "Microsoft.KeyVault/vaults/kv"}, "secretName": "pw"}}}}
    text = emit_unit(template, parameters).files["main.bicepparam"]
    assert text == ("using 'main.bicep'\n\nparam location = 'northeurope'\n\n"
                    "param secret = az.getSecret('s1', 'rg', 'kv', 'pw')\n")



def test_expression_property_names_become_interpolated_keys():
    # the recommender's AKS identity: ARM evaluates property names, Bicep reads a quoted '[...]' as a literal
    identity_id = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'aks-id')]"
    text = bicep({"parameters": {"tagName": {"type": "string"}}, "resources": [
        {"type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "aks-id",
         "location": "westeurope"},
        {"type": "Microsoft.ContainerService/managedClusters", "apiVersion": "2024-05-01", "name": "aks",
         "location": "westeurope", "dependsOn": [identity_id],
         "identity": {"type": "UserAssigned", "userAssignedIdentities": {identity_id: {}}},
         "tags": {"[parameters('tagName')]": "x", "[format('{0}-y', parameters('tagName'))]": "y", "[[z]": "z"}},
    ]})
    assert "userAssignedIdentities: {\n      '${aksId.id}': {}\n    }" in text
    assert "'${tagName}': 'x'\n    '${tagName}-y': 'y'\n    '[z]': 'z'" in text
    assert "'[" not in text.replace("'[z]'", "")


def test_inline_children_take_full_types_and_names_from_the_model():
    text = bicep({"parameters": {"vnetName": {"type": "string"}}, "resources": [
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-04-01", "name": "[parameters('vnetName')]",
         "location": "westeurope", "resources": [
             {"type": "subnets", "apiVersion": "2023-04-01", "name": "default",
              "dependsOn": ["[parameters('vnetName')]"]},
             {"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "2023-04-01",
              "name": "[concat(parameters('vnetName'), '/other')]"}]}]})
    subnet = "'Microsoft.Network/virtualNetworks/subnets@2023-04-01' = {\n  name: '${vnetName}"
    assert f"resource default {subnet}/default'" in text and f"resource other {subnet}/other'" in text


def nested_concat(depth: int) -> str:
    expression = "parameters('p')"
    for _ in range(depth):
        expression = f"concat({expression}, '-', parameters('p'))"
    return f"[{expression}]"


def test_nested_concat_translates_in_linear_time(monkeypatch):
    # each level asked for its arguments' parts twice, so depth 24 took 23 s and depth 100 minutes
    from relecloud_templates.bicep import strings

    calls = 0
    counted = strings.string_parts

    def counting(*args, **kwargs):
        nonlocal calls
        calls += 1
        assert calls < 100_000, "string_parts is called more than linearly often"
        return counted(*args, **kwargs)

    monkeypatch.setattr(strings, "string_parts", counting)
    deep = nested_concat(200)
    text = bicep({"parameters": {"p": {"type": "string"}}, "variables": {"v": deep},
                  "resources": [storage(name=deep)], "outputs": {"o": {"type": "string", "value": deep}}})
    assert "var v = '" + "${p}-" * 200 + "${p}'" in text


def test_expressions_nested_past_the_limit_are_marked_not_a_traceback():
    text = bicep({"parameters": {"p": {"type": "string"}}, "variables": {"v": nested_concat(300)}})
    assert "// relecloud: invalid ARM expression (expression nested more than 256 levels deep" in text


def test_depends_on_entries_the_model_resolves_become_symbols():
    # written through a variable and as type/name: the translator used to drop them with a note
    text = bicep({"variables": {"names": {"st": "st1"}}, "resources": [
        storage(name="st1"),
        {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2023-04-01", "name": "pe1",
         "dependsOn": ["[variables('names').st]"]},
        {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2023-04-01", "name": "pe2",
         "dependsOn": [f"[concat('{STORAGE}/st1')]"]}]})
    assert "relecloud:" not in text
    assert text.count("  dependsOn: [\n    st1\n  ]") == 2
