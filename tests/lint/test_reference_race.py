"""E1011 reference-race: reference()/list*() given a resource ID implies no dependency, so a reader without a
dependsOn path to its target races it. Own snippets, the reference corpus, and the rendered estate."""

from __future__ import annotations

import copy
import json

import pytest
from lintkit import SUB_SCHEMA, described, lint_doc, lint_files, only, template

LOC = "[parameters('location')]"
PARAMS = {"location": described(defaultValue="[resourceGroup().location]")}
ACCOUNT_ID = "resourceId('Microsoft.Storage/storageAccounts', 'lake')"


def account(name: str = "lake", **extra) -> dict:
    return {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": name, "location": LOC,
            "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "properties": {}, **extra}


def reader(expression: str, name: str = "reader", **extra) -> dict:
    """A resource whose tag reads another resource: the smallest reader there is."""
    return {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2024-05-01", "name": name, "location": LOC,
            "tags": {"source": f"[{expression}]"}, "properties": {}, **extra}


def races(doc: dict) -> list:
    return [d for d in lint_doc(doc, only("E1011")).diagnostics if d.code == "E1011"]


def test_reference_by_resource_id_without_depends_on_is_a_race():
    [found] = races(template([account(), reader(f"reference({ACCOUNT_ID}, '2025-06-01').primaryEndpoints.blob")],
                             parameters=PARAMS))
    assert "reads Microsoft.Storage/storageAccounts 'lake'" in found.message
    assert "does not depend on it" in found.message and "dependsOn" in found.hint
    assert found.location.line > 0 and found.location.column > 20  # inside the expression, at reference(


@pytest.mark.parametrize("group", [5, {"name": "rg"}, ["rg"]])
def test_a_deployment_into_a_resource_group_that_is_not_a_name_is_judged_without_failing(group):
    """A nested deployment whose resourceGroup is a number or an object (the schema check reports it) deploys who
    knows where: the rule says nothing certain about it, rather than failing (E0011) on the file."""
    inner = template([account()], parameters=PARAMS)
    nested = {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "d",
              "resourceGroup": group, "properties": {"mode": "Incremental", "template": inner}}
    doc = template([nested, reader(f"reference({ACCOUNT_ID}, '2025-06-01').primaryEndpoints.blob")], parameters=PARAMS)
    codes = [d.code for d in lint_doc(doc, only("E1011")).diagnostics]
    assert "E0011" not in codes


def test_list_functions_race_too():
    assert races(template([account(), reader(f"listKeys({ACCOUNT_ID}, '2025-06-01').keys[0].value")],
                          parameters=PARAMS))


@pytest.mark.parametrize("depends_on", [
    [f"[{ACCOUNT_ID}]"],  # direct
    ["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"],  # through a resource that waits for the account
])
def test_a_depends_on_path_orders_the_reader(depends_on):
    vnet = {"type": "Microsoft.Network/virtualNetworks", "apiVersion": "2024-05-01", "name": "vnet", "location": LOC,
            "properties": {}, "dependsOn": [f"[{ACCOUNT_ID}]"]}
    assert races(template([account(), vnet, reader(f"reference({ACCOUNT_ID}, '2025-06-01').primaryEndpoints.blob",
                                                   dependsOn=depends_on)], parameters=PARAMS)) == []


def test_reference_by_name_is_an_implicit_dependency():
    assert races(template([account(), reader("reference('lake').primaryEndpoints.blob")], parameters=PARAMS)) == []


def test_outputs_run_after_every_resource():
    doc = template(
        [account()],
        parameters=PARAMS,
        outputs={"blob": {"type": "string", "value": f"[reference({ACCOUNT_ID}, '2025-06-01').primaryEndpoints.blob]"}},
    )
    assert races(doc) == []


def test_resources_of_other_resource_groups_or_not_deployed_are_not_judged():
    other_group = reader(
        "reference(resourceId('other-rg', 'Microsoft.Storage/storageAccounts', 'lake'), '2025-06-01').id"
    )
    assert races(template([account(), other_group], parameters=PARAMS)) == []
    skipped = account(condition="[equals(1, 2)]")
    assert races(template([skipped, reader(f"reference({ACCOUNT_ID}, '2025-06-01').id")], parameters=PARAMS)) == []


def test_names_written_as_expressions_are_matched_as_written():
    """resourceId('T', parameters('n')) names the resource whose name is [parameters('n')], whatever n is."""
    named = account(name="[parameters('lakeName')]")
    doc = template([named, reader("reference(resourceId('Microsoft.Storage/storageAccounts', parameters('lakeName')), "
                                  "'2025-06-01').id")], parameters={**PARAMS, "lakeName": described()})
    assert len(races(doc)) == 1


def test_a_variable_holding_the_resource_id_is_followed():
    doc = template([account(), reader("reference(variables('lakeId'), '2025-06-01').id")], parameters=PARAMS,
                   variables={"lakeId": f"[{ACCOUNT_ID}]"})
    assert len(races(doc)) == 1


def module(name: str, group: str, outputs: dict | None = None) -> dict:
    inner = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "resources": [], "outputs": outputs or {}}
    return {
        "type": "Microsoft.Resources/deployments",
        "apiVersion": "2025-04-01",
        "name": name,
        "resourceGroup": group,
        "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": inner},
    }


def test_a_module_reading_another_module_of_a_subscription_template_needs_it():
    """Subscription-scope templates (Bicep's modules) name resource-group deployments with extensionResourceId()."""
    source = (
        "extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, 'rg-a'), "
        "'Microsoft.Resources/deployments', 'first')"
    )
    second = module("second", "rg-b")
    second["properties"]["parameters"] = {"id": {"value": f"[reference({source}, '2025-04-01').outputs.id.value]"}}
    second["properties"]["template"]["parameters"] = {"id": {"type": "string"}}
    doc = template([module("first", "rg-a", {"id": {"type": "string", "value": "x"}}), second], schema=SUB_SCHEMA)
    assert len(races(doc)) == 1
    second["dependsOn"] = [source.join("[]")]
    assert races(doc) == []


# -- ground truth -------------------------------------------------------------------------------------------------

# The reference templates are compiled by Bicep, which adds the dependsOn of every symbolic reference: every
# reference()/list*() by resource ID there has its dependency. Expected findings, (file, line): none. The class
# Bicep does not protect (a module reading what a sibling module creates) is E1015's: none in the reference either,
# as tests/lint/test_cross_deployment_race.py shows.
REFERENCE_RACES: list[tuple[str, int]] = []


@pytest.fixture(scope="module")
def reference_templates():
    from conftest import CORPUS

    return sorted(CORPUS.rglob("main.json"))


def test_the_reference_corpus_has_exactly_the_expected_races(reference_templates):
    result = lint_files(reference_templates, only("E1011"))
    found = [
        (d.location.path.split("reference/")[-1], d.location.line) for d in result.diagnostics if d.code == "E1011"
    ]
    assert found == REFERENCE_RACES


def test_the_rule_sees_the_reference_races_once_a_dependency_is_dropped(reference_templates, tmp_path):
    """Proof that the corpus is judged, not skipped: drop the dependsOn of the module that reads the landing
    zone's Key Vault and Log Analytics modules by resource ID, and both reads are races."""
    path = next(p for p in reference_templates if "data-landing-zone/infra" in str(p))
    doc = json.loads(path.read_text(encoding="utf-8"))
    broken = copy.deepcopy(doc)
    stack = [broken]
    while stack:
        node = stack.pop()
        for resource in node.get("resources", []):
            if resource.get("name") == "logAnalytics001SecretDeployment":
                del resource["dependsOn"]
            if resource.get("type") == "Microsoft.Resources/deployments":
                stack.append(resource["properties"]["template"])
    (tmp_path / "main.json").write_text(json.dumps(broken, indent=2))
    result = lint_files([tmp_path / "main.json"], only("E1011"))
    targets = sorted(d.message.split(" reads ")[1].split(" with ")[0] for d in result.diagnostics if d.code == "E1011")
    assert targets == [
        "Microsoft.Resources/deployments 'keyVault001'",
        "Microsoft.Resources/deployments 'logAnalytics001'",
    ]


def test_the_rendered_estate_has_no_race(example_render):
    out = example_render  # render --example (tests/conftest.py)
    result = lint_files(sorted(out.rglob("main.json")), only("E1011"))
    assert [d.format() for d in result.diagnostics if d.code == "E1011"] == []
