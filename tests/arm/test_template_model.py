"""The template model: resources, children, nested deployments and their scopes, symbolic names, graph."""

from __future__ import annotations

from relecloud_templates.arm import jsonpos
from relecloud_templates.arm.graph import dependencies, dependency_cycles
from relecloud_templates.arm.template import build_template, schema_scope
from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.located import pos_at_path

RG = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
SUB = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"


def test_schema_scopes():
    assert schema_scope(RG) == "resourceGroup"
    assert schema_scope(SUB) == "subscription"
    assert (
        schema_scope("https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#")
        == "tenant"
    )
    assert schema_scope("https://example.com/other.json") is None


def test_inline_children_get_full_types_and_names():
    doc = {"$schema": RG, "parameters": {"account": {"type": "string", "defaultValue": "st1"}}, "resources": [
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "[parameters('account')]",
         "resources": [{"type": "blobServices", "apiVersion": "2025-06-01", "name": "default"}]}]}
    model = build_template(doc)
    parent, child = model.resources
    assert child.type == "Microsoft.Storage/storageAccounts/blobServices"
    assert child.name == "st1/default" and child.parent is parent
    assert [r.label for r in model.resources][1] == "Microsoft.Storage/storageAccounts/blobServices 'st1/default'"


def test_nested_deployments_inner_and_outer_scope():
    inner = {"$schema": RG, "parameters": {"p": {"type": "string"}}, "resources": [
        {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2024-11-01", "name": "[parameters('p')]"}]}
    outer = {"resources": [
        {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2024-11-01", "name": "[variables('v')]"}]}
    doc = {"$schema": SUB, "variables": {"v": "from-parent"}, "resources": [
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "a", "resourceGroup": "rg",
         "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "template": inner,
                        "parameters": {"p": {"value": "[concat('kv-', variables('v'))]"}}}},
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "b", "subscriptionId": "x",
         "properties": {"template": outer}}]}
    model = build_template(doc)
    assert model.scope == "subscription"
    first, second = model.nested
    assert (first.expression_scope, first.scope, first.symbols) == ("inner", "resourceGroup", first)
    assert (second.expression_scope, second.scope, second.symbols) == ("outer", "subscription", model)
    assert first.resources[0].name == "kv-from-parent"
    assert second.resources[0].name == "from-parent"
    assert [t.path for t in model.walk()] == [(), ("resources", 0, "properties", "template"),
                                               ("resources", 1, "properties", "template")]


def test_conditions_and_copy_decide_what_is_deployed():
    doc = {"$schema": RG, "parameters": {"on": {"type": "bool", "defaultValue": False}, "n": {"type": "int"}},
           "resources": [
               {"type": "a/b", "apiVersion": "1", "name": "x", "condition": "[parameters('on')]"},
               {"type": "a/b", "apiVersion": "1", "name": "y", "condition": "[parameters('n')]"},
               {"type": "a/b", "apiVersion": "1", "name": "z", "copy": {"name": "c", "count": 0}},
               {"type": "Microsoft.Resources/deployments", "apiVersion": "1", "name": "d", "condition": False,
                "properties": {"template": {"resources": [{"type": "a/c", "apiVersion": "1", "name": "w"}]}}}]}
    model = build_template(doc)
    deployed = {r.node["name"]: r.deployed for r in model.all_resources()}
    assert deployed == {"x": False, "y": UNKNOWN, "z": False, "d": False, "w": False}


def test_resource_value_follows_expressions_and_knows_missing():
    doc = {"$schema": RG, "variables": {"props": {"minimumTlsVersion": "TLS1_2"}}, "resources": [
        {"type": "a/b", "apiVersion": "1", "name": "x", "properties": "[variables('props')]"},
        {"type": "a/b", "apiVersion": "1", "name": "y", "properties": {"tls": "[reference('z').tls]"}}]}
    first, second = build_template(doc).resources
    assert first.value("properties", "minimumTLSVersion") == "TLS1_2"
    assert first.value("properties", "other") is MISSING
    assert second.value("properties", "tls") is UNKNOWN


def test_symbolic_names_and_dependencies():
    doc = {"$schema": RG, "languageVersion": "2.0", "resources": {
        "vnet": {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "1", "name": "v1"},
        "nsg": {"type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "1", "name": "n1",
                "dependsOn": ["vnet", "ghost"]}}}
    model = build_template(doc)
    deps = dependencies(model.resources[1])
    assert deps[0].targets == [model.resources[0]] and deps[1].targets == []


def test_resource_id_dependencies_and_cycles():
    doc = {"$schema": RG, "resources": [
        {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "1", "name": "v",
         "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 's')]"]},
        {"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": "1", "name": "v/s",
         "dependsOn": ["[resourceId('Microsoft.Network/virtualNetworks', 'v')]"]},
        {"type": "a/b", "apiVersion": "1", "name": "[reference('q').name]", "dependsOn": ["[variables('nope')]"]}]}
    model = build_template(doc)
    (cycle,) = dependency_cycles(model)
    assert [r.name for r in cycle] == ["v", "v/s"]
    assert dependencies(model.resources[2])[0].targets is UNKNOWN


def test_expression_sites_keep_paths_for_positions():
    text = f'{{\n  "$schema": "{RG}",\n  "outputs": {{"o": {{"type": "string", "value": "[concat(\'a\', 1)]"}}}}\n}}'
    doc = jsonpos.loads(text)
    (site,) = build_template(doc).sites
    assert site.path == ("outputs", "o", "value")
    assert pos_at_path(doc, site.path) == (3, 48)


def test_deployment_context_answers_the_deployment_functions_and_follows_nested_deployments():
    rg_schema = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
    inner = {"$schema": rg_schema, "resources": [
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
         "name": "[concat('st', subscription().subscriptionId, resourceGroup().name)]"}]}
    document = {"$schema": rg_schema, "parameters": {"other": {"type": "string"}}, "resources": [
        {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
         "name": "[format('{0}-{1}', subscription().subscriptionId, environment().suffixes.storage)]"},
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "same",
         "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": inner}},
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "elsewhere",
         "subscriptionId": "[parameters('other')]", "resourceGroup": "rg2",
         "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": inner}},
    ]}
    context = {"subscription": {"subscriptionId": "s1"}, "resourcegroup": {"name": "rg1"},
               "environment": {"suffixes": {"storage": "core.windows.net"}}}
    model = build_template(document, {"other": "s2"}, context=context)
    assert model.resources[0].name == "s1-core.windows.net"
    assert [t.resources[0].name for t in model.nested] == ["sts1rg1", "sts2rg2"]
    assert build_template(document).resources[0].name is UNKNOWN  # linted alone: not known


def test_a_nested_deployment_evaluates_only_the_values_its_template_reads():
    inner = {"parameters": {"used": {"type": "string"}, "unused": {"type": "string"}},
             "resources": [{"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01",
                            "name": "[parameters('used')]"}]}
    doc = {"$schema": RG, "variables": {"name": "st1", "other": "[concat('st', 'x')]"}, "resources": [
        {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "module",
         "properties": {"expressionEvaluationOptions": {"scope": "inner"}, "template": inner,
                        "parameters": {"USED": {"value": "[variables('name')]"},
                                       "unused": {"value": "[variables('other')]"},
                                       "vaulted": {"reference": {"keyVault": {"id": "x"}, "secretName": "s"}}}}}]}
    model = build_template(doc)
    nested = model.nested[0]
    assert nested.resources[0].name == "st1"  # the parameter's name compares case-insensitively
    assert "other" not in model.evaluator._vars  # never read, never evaluated
    supplied = nested.evaluator.supplied()
    assert sorted(supplied) == ["unused", "used", "vaulted"] and "unused" in supplied
    assert supplied["unused"] == "stx" and supplied["vaulted"] is UNKNOWN
