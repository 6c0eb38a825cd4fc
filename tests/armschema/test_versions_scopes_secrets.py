"""Typos at every API version, scopes, constraints, and secrets from the type data, through the linter."""

from __future__ import annotations

import json

import pytest

from relecloud_templates.arm import typecheck, typeschemas
from tests.armschema.conftest import position_of, template_text

SUBSCRIPTION_SCHEMA = "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#"


def document(schema: str, *resources: dict, **sections) -> str:
    return json.dumps({"$schema": schema, "contentVersion": "1.0.0.0", **sections, "resources": list(resources)},
                      indent=2) + "\n"


def codes(findings) -> list[tuple[str, str]]:
    return sorted((d.code, d.message) for d in findings)


def storage(version: str, **properties) -> dict:
    return {"type": "Microsoft.Storage/storageAccounts", "apiVersion": version, "name": "stlake001",
            "location": "northeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
            "properties": properties}


def vault(version: str, **properties) -> dict:
    return {"type": "Microsoft.KeyVault/vaults", "apiVersion": version, "name": "kv-lake", "location": "northeurope",
            "properties": {"tenantId": "[subscription().tenantId]", "sku": {"family": "A", "name": "standard"},
                           **properties}}


def subnet(version: str, **properties) -> dict:
    return {"type": "Microsoft.Network/virtualNetworks/subnets", "apiVersion": version, "name": "vnet/snet",
            "properties": {"addressPrefix": "10.0.0.0/24", **properties}}


# Typos of a real property, at API versions years apart: each is judged against its own version's data.
TYPOS = [
    *((storage, version, {"minimumTlsVersoin": "TLS1_2"}, "minimumTlsVersion")
      for version in ("2019-06-01", "2021-09-01", "2023-05-01", "2025-06-01")),
    *((vault, version, {"enablePurgeProtectoin": True}, "enablePurgeProtection")
      for version in ("2018-02-14", "2019-09-01", "2022-07-01", "2024-11-01")),
    *((subnet, version, {"privateEndpointNetworkPolicy": "Disabled"}, "privateEndpointNetworkPolicies")
      for version in ("2019-11-01", "2020-11-01", "2022-07-01", "2024-05-01")),
]


@pytest.mark.parametrize("make, version, properties, meant", TYPOS,
                         ids=[f"{make.__name__}@{version}" for make, version, _, _ in TYPOS])
def test_typos_are_caught_at_every_api_version(schema_findings, make, version, properties, meant):
    assert typeschemas.lookup(make(version)["type"]).has_version(version)
    text = template_text(make(version, **properties))
    found = [d for d in schema_findings(text) if d.code == "W3008"]
    typo = next(iter(properties))
    subject = f"{make(version)['type']}@{version}"
    assert [d.message for d in found] == [f"unknown property '{typo}' in properties of {subject}"]
    assert found[0].hint == f"did you mean '{meant}'?"
    assert (found[0].location.line, found[0].location.column) == position_of(text, f'"{typo}"')


def test_a_valid_resource_of_each_kind_has_no_findings(schema_findings):
    text = template_text(storage("2023-05-01", minimumTlsVersion="TLS1_2"),
                         vault("2022-07-01", enablePurgeProtection=True), subnet("2024-05-01"))
    assert schema_findings(text) == []


def test_a_resource_group_type_in_a_subscription_template_is_an_error(schema_findings):
    text = document(SUBSCRIPTION_SCHEMA, storage("2023-05-01"),
                    {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01", "name": "rg",
                     "location": "northeurope"})
    found = [d for d in schema_findings(text) if d.code == "E3022"]
    assert [d.message for d in found] == [
        "Microsoft.Storage/storageAccounts@2023-05-01 cannot be deployed at subscription scope"]
    assert found[0].severity.label == "error"
    assert found[0].hint == "it is deployed at: resource group; use a nested deployment to reach that scope"
    where = (found[0].location.line, found[0].location.column)
    assert where == position_of(text, '"Microsoft.Storage/storageAccounts"')


def test_a_readable_only_type_must_be_existing(schema_findings):
    deleted = {"type": "Microsoft.Storage/locations/deletedAccounts", "apiVersion": "2023-05-01",
               "name": "westeurope/old"}
    text = document(SUBSCRIPTION_SCHEMA, deleted)
    found = [d for d in schema_findings(text) if d.code == "E3022"]
    assert [d.message for d in found] == [
        "Microsoft.Storage/locations/deletedAccounts@2023-05-01 cannot be deployed at all: Azure only reads it"]
    assert "existing" in found[0].hint
    symbolic = json.dumps({"$schema": SUBSCRIPTION_SCHEMA, "languageVersion": "2.0", "contentVersion": "1.0.0.0",
                           "resources": {"old": {**deleted, "existing": True}}}, indent=2)
    assert [d for d in schema_findings(symbolic) if d.code == "E3022"] == []


def test_scopes_follow_nested_deployments_and_scope_properties(schema_findings):
    inner = {"$schema": SUBSCRIPTION_SCHEMA, "contentVersion": "1.0.0.0",  # the inner $schema does not decide
             "resources": [storage("2023-05-01")]}
    nested = {"type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "into-rg",
              "resourceGroup": "rg-lake", "properties": {"mode": "Incremental", "template": inner,
                                                         "expressionEvaluationOptions": {"scope": "inner"}}}
    tenant_level = {"type": "Microsoft.Management/managementGroups", "apiVersion": "2021-04-01", "name": "mg",
                    "scope": "/", "properties": {}}
    text = document(SUBSCRIPTION_SCHEMA, nested, tenant_level)
    assert [d for d in schema_findings(text) if d.code == "E3022"] == []
    misplaced = dict(nested, resourceGroup=None)
    del misplaced["resourceGroup"]
    found = [d for d in schema_findings(document(SUBSCRIPTION_SCHEMA, misplaced)) if d.code == "E3022"]
    assert [d.message for d in found] == [
        "Microsoft.Storage/storageAccounts@2023-05-01 cannot be deployed at subscription scope"]


def test_the_default_resource_group_schema_yields_to_what_the_resources_say(schema_findings):
    # Published samples keep the default $schema for subscription deployments; ARM does not check it.
    group = {"type": "Microsoft.Resources/resourceGroups", "apiVersion": "2022-09-01", "name": "rg",
             "location": "northeurope"}
    assert schema_findings(template_text(group)) == []
    # ... but a template whose resources agree on no scope cannot deploy anywhere.
    found = [d for d in schema_findings(template_text(group, storage("2023-05-01"))) if d.code == "E3022"]
    assert [d.message for d in found] == [
        "Microsoft.Resources/resourceGroups@2022-09-01 cannot be deployed at resource group scope"]


def test_constraints_of_the_type_data(schema_findings):
    blob = {"type": "Microsoft.Storage/storageAccounts/blobServices", "apiVersion": "2023-05-01",
            "name": "stlake001/default",
            "properties": {"deleteRetentionPolicy": {"enabled": True, "days": 400},
                           "containerDeleteRetentionPolicy": {"enabled": True, "days": "[parameters('days')]"}}}
    text = template_text(blob, parameters={"days": {"type": "int"}})  # a value that is not known is not judged
    found = [d for d in schema_findings(text) if d.code == "W3025"]
    assert [d.message for d in found] == ["properties.deleteRetentionPolicy.days is 400, outside the allowed range"]
    assert found[0].hint == ("the Microsoft.Storage/storageAccounts/blobServices@2023-05-01 type data requires a value "
                             "between 1 and 365")
    assert (found[0].location.line, found[0].location.column) == position_of(text, "400")


def test_a_pattern_is_judged_only_when_python_can_run_it_safely():
    assert typecheck._pattern(r"^[a-z0-9-]{3,24}$") is not None
    assert typecheck._pattern(r"^(a+)+$") is None  # nested quantifiers: exponential on hostile input
    assert typecheck._pattern(r"^\p{L}+$") is None  # .NET only


def test_secrets_come_from_the_type_data(schema_findings):
    server = {"type": "Microsoft.Sql/servers", "apiVersion": "2021-11-01", "name": "sql", "location": "northeurope",
              "properties": {"administratorLogin": "sqladmin", "administratorLoginPassword": "P@ssw0rd123!"}}
    text = template_text(server)
    found = [d for d in schema_findings(text) if d.code in ("E5020", "W5021")]
    assert [(d.code, d.message) for d in found] == [
        ("E5020", "'administratorLoginPassword' of Microsoft.Sql/servers 'sql' is a secret in the Azure type data, "
                  "and its value is hard-coded in the template")]
    assert (found[0].location.line, found[0].location.column) == position_of(text, '"P@ssw0rd123!"')
    plain = dict(server, properties={"administratorLogin": "sqladmin",
                                     "administratorLoginPassword": "[parameters('adminSecret')]"})
    found = [d for d in schema_findings(template_text(plain, parameters={"adminSecret": {"type": "string"}}))
             if d.code in ("E5020", "W5021")]
    assert [(d.code, d.severity.label) for d in found] == [("W5021", "warning")]
    assert found[0].hint == "declare 'adminSecret' as secureString (or secureObject)"
    secure = template_text(plain, parameters={"adminSecret": {"type": "secureString"}})
    assert [d for d in schema_findings(secure) if d.code in ("E5020", "W5021")] == []


def test_what_the_type_data_says_about_secrecy():
    secret = typecheck.secret_property
    assert secret("Microsoft.Sql/servers", "2021-11-01", ("properties", "administratorLoginPassword")) is True
    assert secret("Microsoft.Storage/storageAccounts", "2023-01-01", ("properties", "allowSharedKeyAccess")) is False
    assert secret("Microsoft.KeyVault/vaults", "2023-07-01",
                  ("properties", "accessPolicies", 0, "permissions", "secrets")) is False  # a list of enums
    assert secret("Microsoft.Sql/servers/databases/extensions", "2014-04-01", ("properties", "storageKey")) is None
    assert secret("Microsoft.Nope/things", "2021-01-01", ("properties", "password")) is None


def test_expressions_are_unknown_unless_the_evaluator_knows_them(schema_findings):
    resource = vault("2022-07-01", enableSoftDelete="[parameters('soft')]", enablePurgeProtection="[variables('p')]")
    resource["properties"]["sku"]["name"] = "[parameters('tier')]"
    parameters = {"soft": {"type": "bool"}, "tier": {"type": "string", "defaultValue": "premum"}}
    text = template_text(resource, parameters=parameters, variables={"p": "yes"})
    found = sorted(schema_findings(text), key=lambda d: d.location.line)
    assert [(d.code, d.message) for d in found] == [
        ("W3002", "properties.sku.name does not allow string 'premum'"),  # the parameter's default is known
        ("W3002", "properties.enablePurgeProtection expects a boolean, not string 'yes'"),
    ]
    assert found[1].hint == ("write true or false, without quotes "
                             "(as the Microsoft.KeyVault/vaults@2022-07-01 type data says)")


def test_a_write_only_property_named_like_a_secret_is_a_secret_too(schema_findings):
    # The specifications leave the storage key of a vulnerability assessment unmarked, but the service never
    # returns it (write-only) and its name says what it is.
    assessment = {"type": "Microsoft.Sql/servers/vulnerabilityAssessments", "apiVersion": "2023-08-01",
                  "name": "sql/default",
                  "properties": {"storageContainerPath": "https://st.blob.core.windows.net/va",
                                 "storageAccountAccessKey": "[parameters('storageKey')]"}}
    found = [d for d in schema_findings(template_text(assessment, parameters={"storageKey": {"type": "string"}}))
             if d.code in ("E5020", "W5021")]
    assert [(d.code, d.message) for d in found] == [
        ("W5021", "'storageAccountAccessKey' of Microsoft.Sql/servers/vulnerabilityAssessments 'sql/default' is a "
                  "secret in the Azure type data, and its value comes from the non-secure parameter 'storageKey'")]
    from relecloud_templates.lint.helpers import looks_secret

    path = ("properties", "storageAccountAccessKey")
    assert typecheck.secret_property(assessment["type"], "2023-08-01", path, looks_secret) is True
    assert typecheck.secret_property(assessment["type"], "2023-08-01", path) is None  # the data alone says nothing


def test_a_version_published_for_reading_only_is_a_warning_when_others_deploy_the_type(schema_findings):
    connection = {"type": "Microsoft.Network/virtualHubs/hubVirtualNetworkConnections", "apiVersion": "2019-09-01",
                  "name": "hub/spoke", "properties": {"remoteVirtualNetwork": {"id": "/subscriptions/x"}}}
    found = schema_findings(template_text(connection))
    assert [(d.code, d.severity.label) for d in found] == [("W3026", "warning")]  # not a scope error
    assert found[0].hint == "'2020-05-01' is the first version that publishes it for deploying; the newest is " \
                            f"'{typeschemas.lookup(connection['type']).newest}'"
    assert schema_findings(template_text(dict(connection, apiVersion="2020-05-01"))) == []
