"""Small builders for lint tests: a template as a dict, linted through the real runner."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from relecloud_templates.lint.config import LintConfig, parse_config
from relecloud_templates.lint.runner import LintRun

RG_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#"
SUB_SCHEMA = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"
PARAMS_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"
TODAY = dt.date(2026, 11, 1)


def template(resources=None, parameters=None, variables=None, outputs=None, schema=RG_SCHEMA, **extra) -> dict:
    doc = {"$schema": schema, "contentVersion": "1.0.0.0"}
    if parameters is not None:
        doc["parameters"] = parameters
    if variables is not None:
        doc["variables"] = variables
    doc["resources"] = resources if resources is not None else []
    if outputs is not None:
        doc["outputs"] = outputs
    doc.update(extra)
    return doc


def described(kind: str = "string", **more) -> dict:
    return {"type": kind, "metadata": {"description": "a value"}, **more}


def lint_text(text: str, config: LintConfig | None = None, shown: str = "t.json"):
    run = LintRun(config=config or LintConfig(), today=TODAY)
    run.add_text(text, shown)
    return run.run()


def lint_doc(doc: dict, config: LintConfig | None = None):
    return lint_text(json.dumps(doc, indent=2), config)


def lint_files(paths: list[Path], config: LintConfig | None = None):
    run = LintRun(config=config or LintConfig(), today=TODAY)
    for path in paths:
        run.add_path(path)
    return run.run()


def codes(result) -> list[str]:
    return [d.code for d in result.diagnostics]


def only(*rule_ids: str) -> LintConfig:
    """A configuration with every rule off except these (and the ones reported by the runner)."""
    from relecloud_templates.lint.registry import all_rules

    return parse_config({"rules": {r.id: ("off" if r.id not in rule_ids else r.default_severity().label)
                                   for r in all_rules() if not r.runner_reported}}, None)


def write(path: Path, doc) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(doc if isinstance(doc, str) else json.dumps(doc, indent=2), encoding="utf-8")
    return path


# -- resources that lint tests build templates from (the rule book itself is tests/lint/fixtures/) ------------

LOC = "[parameters('location')]"
P_LOC = {"location": described(defaultValue="[resourceGroup().location]")}


def storage(props: dict, name: str = "lake", **extra) -> dict:
    return {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": name, "location": LOC,
            "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "tags": {"env": "dev"}, "properties": props, **extra}


GOOD_STORAGE = {"minimumTlsVersion": "TLS1_2", "supportsHttpsTrafficOnly": True, "allowSharedKeyAccess": False,
                "allowBlobPublicAccess": False, "isHnsEnabled": True, "networkAcls": {"defaultAction": "Deny"}}


def vault(**props) -> dict:
    base = {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
            "enablePurgeProtection": True, "enableRbacAuthorization": True, "networkAcls": {"defaultAction": "Deny"}}
    base.update(props)
    return {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2024-11-01", "name": "kv", "location": LOC,
            "tags": {}, "properties": base}


def deployment(inner: dict, scope: str = "inner", params: dict | None = None, name: str = "nested", **extra) -> dict:
    props = {"mode": "Incremental", "template": inner, "expressionEvaluationOptions": {"scope": scope}}
    if params is not None:
        props["parameters"] = params
    return {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": name,
            "properties": props, **extra}


def diagnostics(scope: str, **props) -> dict:
    return {
        "type": "Microsoft.Insights/diagnosticSettings",
        "apiVersion": "2021-05-01-preview",
        "name": "to-central",
        "scope": scope,
        "properties": {
            "workspaceId": "[parameters('workspaceId')]",
            "logs": [{"categoryGroup": "allLogs", "enabled": True}],
            **props,
        },
    }
