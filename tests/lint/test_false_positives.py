"""The false-positive classes found on templates Microsoft publishes and deploys (issue 12, section 2), each
reproduced with a small snippet of our own: what ARM accepts is not reported, what it rejects still is."""

from __future__ import annotations

import pytest

from lintkit import described, lint_doc, template
from relecloud_templates.lint.helpers import looks_secret

LOC = "[parameters('location')]"
P_LOC = {"location": described(defaultValue="[resourceGroup().location]")}


def codes(doc, config=None) -> list[str]:
    return [d.code for d in lint_doc(doc, config).diagnostics]


# -- secrets guessed from names ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", [
    "hasSharedKey", "disableDeviceSAS", "sasExpirationAction", "nonSecretParameterValues", "keyVaultSecretUri",
    "secretUriWithVersion", "keyVaultSecretId", "passwordSecretName", "appInsightsConnectionString",
    "APPLICATIONINSIGHTS_CONNECTION_STRING", "instrumentationKey", "sshPublicKey", "allowSharedKeyAccess",
    "keyVaultName", "storageAccountKeyExpiration", "secretsPermissions", "enableSas",
])
def test_names_that_only_mention_a_secret_are_not_secrets(name):
    assert not looks_secret(name)


@pytest.mark.parametrize("name", ["adminPassword", "storageAccountKey", "sasToken", "connectionString",
                                  "clientSecret", "vmAdminPwd", "primaryKey", "sharedAccessKey"])
def test_names_of_secrets_are_secrets(name):
    assert looks_secret(name)


def test_flags_numbers_and_choices_named_like_secrets_are_not_secrets():
    doc = template([], parameters={
        "storageAccountKey": described("bool"),  # a switch, however it is named
        "adminPasswordLength": described("int"),
        "sharedKeyMode": described(allowedValues=["Enabled", "Disabled"]),
        "apiKey": described(allowedValues=["a", "b"]),
    }, outputs={"o": {"type": "bool", "value": "[parameters('storageAccountKey')]"}})
    found = codes(doc)
    assert "W5001" not in found and "W5011" not in found and "E5003" not in found


def test_a_nested_deployment_parameter_named_like_a_secret_is_judged_by_its_value():
    inner = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "parameters": {"adminPassword": {"type": "secureString"}}, "resources": []}
    doc = template([{"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "inner",
                     "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                                    "template": inner,
                                    "parameters": {"adminPassword": {"value": "[parameters('pw')]"}}}}],
                   parameters={"pw": described("secureString")})
    assert not {"W5012", "E5004", "W5001"} & set(codes(doc))


def test_a_ref_type_with_secure_fields_is_secure():
    doc = template([], parameters={"credentials": {"$ref": "#/definitions/creds"}},
                   outputs={"o": {"type": "object", "value": "[parameters('credentials')]"}},
                   languageVersion="2.0",
                   definitions={"creds": {"type": "object", "properties": {"user": {"type": "string"},
                                                                            "password": {"type": "securestring"}}}})
    assert "E5003" in codes(doc)  # returning an object with a secure field discloses it


def test_key_vault_permission_lists_are_not_secrets():
    vault = {"type": "Microsoft.KeyVault/vaults", "apiVersion": "2024-11-01", "name": "kv-demo", "location": LOC,
             "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
                            "accessPolicies": [{"tenantId": "[subscription().tenantId]", "objectId": "[parameters('objectId')]",
                                                "permissions": {"keys": "[parameters('keysPermissions')]",
                                                                "secrets": "[parameters('secretsPermissions')]"}}]}}
    doc = template([vault], parameters={**P_LOC, "objectId": described(), "keysPermissions": described("array"),
                                        "secretsPermissions": described("array")})
    assert not {"W5012", "E5004", "W5001"} & set(codes(doc))
