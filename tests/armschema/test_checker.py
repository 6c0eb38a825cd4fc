"""The checker as a library: the resolver hook, and what it never judges."""

from __future__ import annotations

from relecloud_templates.arm import jsonpos, schemacheck, typecheck
from relecloud_templates.arm.values import UNKNOWN

VAULT = {
    "type": "Microsoft.KeyVault/vaults",
    "apiVersion": "2026-02-01",
    "name": "kv",
    "location": "northeurope",
    "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "[parameters('sku')]"},
                   "enableRbacAuthorization": True},
}


def test_a_resolver_supplies_the_values_of_expressions():
    known = {"[parameters('sku')]": "premum"}
    findings = typecheck.check_resource(VAULT, resolve=lambda v: known.get(v, schemacheck.literal(v)))
    assert [(f.kind, f.path) for f in findings] == [
        (schemacheck.NOT_ALLOWED_VALUE, ("properties", "sku", "name"))]
    assert findings[0].hint.startswith("did you mean 'premium'?")


def test_without_a_resolver_expressions_are_unknown():
    assert typecheck.check_resource(VAULT) == []
    assert schemacheck.literal("[concat('a')]") is UNKNOWN
    assert schemacheck.literal("[[concat('a')]") == "[concat('a')]"


def test_null_is_never_judged_and_types_addressed_through_a_parent_are_skipped():
    assert typecheck.check_resource(dict(VAULT, properties=dict(VAULT["properties"], sku=None))) == []
    legacy = {"type": "Microsoft.KeyVault/vaults/providers/diagnosticSettings", "apiVersion": "2017-05-01-preview",
              "name": "kv/Microsoft.Insights/logs", "properties": {"anything": 1}}
    assert typecheck.check_resource(legacy) == []


def test_positions_point_at_the_key_or_the_value():
    text = '{\n  "type": "Microsoft.KeyVault/vaults",\n  "apiVersion": "2026-02-01",\n  "name": "kv",\n' \
           '  "properties": {\n    "tenantId": "t",\n    "sku": {"family": "A", "name": "standard"},\n' \
           '    "enableRbacAuthorisation": 1\n  }\n}\n'
    resource = jsonpos.loads(text)
    findings = typecheck.check_resource(resource)
    unknown = next(f for f in findings if f.kind == schemacheck.UNKNOWN_PROPERTY)
    assert schemacheck.position(resource, unknown) == (8, 5)
    assert unknown.hint == "did you mean 'enableRbacAuthorization'?"


def test_parameter_files_are_checked_against_the_parameters_schema():
    document = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
                "contentVersion": "1.0.0.0",
                "parameters": {"kv": {"reference": {"keyVault": {"id": "/subscriptions/x"}, "secretNam": "s"}},
                               "env": {"value": "dev"}}}
    findings = schemacheck.check_document(document)
    assert [(f.kind, f.path, f.hint) for f in findings] == [
        (schemacheck.UNKNOWN_PROPERTY, ("parameters", "kv", "reference", "secretNam"), "did you mean 'secretName'?"),
        (schemacheck.MISSING_REQUIRED, ("parameters", "kv", "reference"),
         "the deploymentParameters schema requires 'secretName'"),
    ]
