"""E1017 diagnostics-destination-race: a diagnostic setting whose Log Analytics workspace (or storage account, or
event hub) a sibling nested deployment creates must wait for it, because Azure Monitor checks the destination
when the setting is written. Own snippets (bad and good), the corpora (no false errors) and the rendered estate
(where a second review found the race: issue 11's zone logging raced the zone's own services)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CORPUS, SHARED
from lintkit import lint_doc, lint_files, only, template

WORKSPACE_ID = "[resourceId('Microsoft.OperationalInsights/workspaces', 'logs')]"


def module(name: str, resources: list, **extra) -> dict:
    return {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": name,
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                           "template": template(resources)}, **extra}


def workspace() -> dict:
    return {"type": "Microsoft.OperationalInsights/workspaces", "apiVersion": "2025-02-01", "name": "logs",
            "location": "westeurope", "properties": {"sku": {"name": "PerGB2018"}}}


def vault_with_diagnostics(destination: str = WORKSPACE_ID, prop: str = "workspaceId") -> list[dict]:
    return [{"type": "Microsoft.KeyVault/vaults", "apiVersion": "2026-02-01", "name": "kv", "location": "westeurope",
             "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"}}},
            {"type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview", "name": "diag",
             "scope": "Microsoft.KeyVault/vaults/kv",
             "properties": {prop: destination, "logs": [{"categoryGroup": "allLogs", "enabled": True}]},
             "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', 'kv')]"]}]


def findings(doc: dict) -> list:
    return [d for d in lint_doc(doc, only("E1017")).diagnostics if d.code == "E1017"]


def test_a_setting_sending_to_the_workspace_a_sibling_module_creates_races_it():
    doc = template([module("logging", [workspace()]), module("vault", vault_with_diagnostics())])
    [found] = findings(doc)
    assert "the template of Microsoft.Resources/deployments 'vault' sends diagnostics to " \
           "Microsoft.OperationalInsights/workspaces 'logs'" in found.message
    assert "'logging' creates it in its nested template" in found.message and "at once" in found.message
    assert "dependsOn of Microsoft.Resources/deployments 'vault'" in found.hint
    assert found.location.line > 0


def test_a_depends_on_path_orders_them():
    ordered = template([module("logging", [workspace()]),
                        module("vault", vault_with_diagnostics(), dependsOn=["logging"])])
    assert findings(ordered) == []


def test_every_destination_kind_and_other_resource_groups():
    storage = "[resourceId('Microsoft.Storage/storageAccounts', 'logs')]"
    account = {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "logs",
               "location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "properties": {}}
    assert len(findings(template([module("archive", [account]),
                                  module("vault", vault_with_diagnostics(storage, "storageAccountId"))]))) == 1
    # a workspace of the same name in another resource group is another resource
    elsewhere = "[resourceId('other-rg', 'Microsoft.OperationalInsights/workspaces', 'logs')]"
    other = template([module("logging", [workspace()]), module("vault", vault_with_diagnostics(elsewhere))])
    assert findings(other) == []


def test_a_workspace_the_template_only_names_is_not_judged():
    """The central workspace of another deployment: nothing in the file creates it, nothing to order."""
    assert findings(template([module("vault", vault_with_diagnostics())])) == []


@pytest.mark.parametrize("corpus", [pytest.param(name, marks=pytest.mark.needs_shared("corpus", name))
                                    for name in ("trust", "reference")])
def test_no_false_errors_on_the_corpora(corpus):
    root = SHARED / "corpus" / "trust" if corpus == "trust" else CORPUS
    result = lint_files(sorted(root.rglob("*.json")), only("E1017"))
    assert [d.format() for d in result.diagnostics if d.code == "E1017"] == []


def test_the_rendered_estate_has_no_diagnostics_race(example_render):
    out = example_render  # render --example (tests/conftest.py)
    result = lint_files(sorted(Path(out).rglob("main.json")), only("E1017"))
    assert [d.format() for d in result.diagnostics if d.code == "E1017"] == []
