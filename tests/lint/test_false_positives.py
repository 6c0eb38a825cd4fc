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
    vault = {
        "type": "Microsoft.KeyVault/vaults",
        "apiVersion": "2024-11-01",
        "name": "kv-demo",
        "location": LOC,
        "properties": {
            "tenantId": "[subscription().tenantId]",
            "sku": {"family": "A", "name": "standard"},
            "accessPolicies": [
                {
                    "tenantId": "[subscription().tenantId]",
                    "objectId": "[parameters('objectId')]",
                    "permissions": {
                        "keys": "[parameters('keysPermissions')]",
                        "secrets": "[parameters('secretsPermissions')]",
                    },
                }
            ],
        },
    }
    doc = template([vault], parameters={**P_LOC, "objectId": described(), "keysPermissions": described("array"),
                                        "secretsPermissions": described("array")})
    assert not {"W5012", "E5004", "W5001"} & set(codes(doc))


# -- languageVersion 2.0 parameters ---------------------------------------------------------------------------

def _params_file(tmp_path, template_doc, values):
    from lintkit import PARAMS_SCHEMA, lint_files, write

    write(tmp_path / "main.json", template_doc)
    write(tmp_path / "main.parameters.json", {"$schema": PARAMS_SCHEMA, "contentVersion": "1.0.0.0",
                                              "parameters": {k: {"value": v} for k, v in values.items()}})
    return lint_files([tmp_path])


def test_nullable_and_ref_typed_parameters_are_optional_and_null_means_the_default(tmp_path):
    doc = template([], languageVersion="2.0",
                   definitions={"maybe": {"type": "string", "nullable": True}},
                   parameters={"a": {"type": "string", "nullable": True}, "b": {"$ref": "#/definitions/maybe"},
                               "c": {"type": "int", "defaultValue": 3}, "d": {"Type": "string"}},
                   outputs={"o": {"type": "array", "value": "[createArray(parameters('a'), parameters('b'), "
                                                            "parameters('c'), parameters('d'))]"}})
    result = _params_file(tmp_path, doc, {"c": None, "d": "given"})
    assert [d.format() for d in result.diagnostics if d.severity.label == "error"] == []


def test_parameters_without_type_are_legal_in_language_version_2(tmp_path):
    doc = template([], languageVersion="2.0", parameters={"derived": {"metadata": {"description": "d"}}},
                   outputs={"o": {"type": "object", "value": "[parameters('derived')]"}})
    assert "E0003" not in codes(doc)
    doc.pop("languageVersion")
    assert "E0003" in codes(doc)  # a classic template needs the type


# -- nested deployments that never happen ---------------------------------------------------------------------

def _broken_nested(**extra):
    inner = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "resources": [],
             "outputs": {"o": {"type": "string", "value": "[parameters('nowhere')]"}}}
    return {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "maybe",
            "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"}, "template": inner},
            **extra}


@pytest.mark.parametrize("extra", [{"condition": False}, {"condition": "[equals(parameters('flag'), 'on')]"},
                                   {"copy": {"name": "none", "count": 0}}])
def test_a_nested_deployment_that_never_happens_is_not_judged(extra):
    doc = template([_broken_nested(**extra)], parameters={"flag": described(defaultValue="off")})
    assert "E1002" not in codes(doc)
    assert "E1002" in codes(template([_broken_nested()], parameters={"flag": described(defaultValue="off")}))


def test_a_nested_templates_schema_says_nothing_about_where_it_deploys():
    inner = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "contentVersion": "1.0.0.0", "resources": []}
    deployment = {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "at-tenant",
                  "location": "westeurope", "scope": "/",
                  "properties": {"mode": "Incremental", "template": inner}}
    doc = template([deployment], schema="https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#")
    assert not {"W0002", "E0002"} & set(codes(doc))
    from relecloud_templates.arm.template import build_template

    assert build_template(doc).nested[0].scope == "tenant"  # the deployment decides, not the $schema


def test_schema_typos_are_reported_and_the_file_still_checked():
    doc = template([], schema="https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplat.json#",
                   parameters={"adminPassword": described()})
    found = codes(doc)
    assert "W0002" in found and "W5001" in found
    assert "W0002" not in codes(template([], schema="http://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#"))


# -- what ARM accepts ----------------------------------------------------------------------------------------

def test_property_names_in_any_case_and_any_content_version():
    resource = {"Type": "Microsoft.Storage/storageAccounts", "apiversion": "2025-06-01", "Name": "stdemo",
                "location": LOC, "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
                "properties": {"minimumTlsVersion": "TLS1_2"}}
    doc = template([resource], parameters=P_LOC, contentVersion="v1-preview")
    assert "E0003" not in codes(doc)


def test_raw_newlines_and_tabs_in_strings_are_accepted():
    from lintkit import RG_SCHEMA, lint_text

    text = (f'{{"$schema": "{RG_SCHEMA}", "contentVersion": "1.0.0.0", "resources": [], '
            '"outputs": {"script": {"type": "string", "value": "line one\n\tline two"}}}')
    assert [d.code for d in lint_text(text).diagnostics] == []


def test_a_trailing_slash_in_a_resource_id_type_is_normalised():
    nic = {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2024-05-01", "name": "nic", "location": LOC,
           "properties": {}}
    vm = {"type": "Microsoft.Compute/virtualMachines", "apiVersion": "2024-07-01", "name": "vm", "location": LOC,
          "dependsOn": ["[resourceId('Microsoft.Network/networkInterfaces/', 'nic')]"], "properties": {}}
    assert "E1003" not in codes(template([nic, vm], parameters=P_LOC))


@pytest.mark.parametrize(
    "expression",
    [
        "[fail('not supported')]",
        "[list(resourceId('Microsoft.Web/sites/config', 'a', 'b'), '2024-04-01')]",
        "[roleDefinitions('Reader')]",
        "[distinct(createArray(1, 1))]",
        "[like('abc', 'a*')]",
        "[extensions()]",
        "[groupBy(createArray(1), lambda('x', lambdaVariables('x')), lambda('x', 1))]",
    ],
)
def test_the_table_of_arm_functions_is_complete(expression):
    doc = template([], outputs={"o": {"type": "object", "value": expression}})
    assert not {"W1010", "E1001"} & set(codes(doc))


# -- if() with a known condition -----------------------------------------------------------------------------

def test_only_the_branch_arm_takes_is_judged():
    storage_id = "resourceId('Microsoft.Storage/storageAccounts', 'st')"
    def output(flag):
        return template(
            [],
            parameters={"expose": described("bool", defaultValue=flag)},
            outputs={
                "key": {
                    "type": "string",
                    "value": f"[if(parameters('expose'), listKeys({storage_id}, '2025-06-01').keys[0].value, '')]",
                }
            },
        )

    assert "E5003" not in codes(output(False))
    assert "E5003" in codes(output(True))


# -- what the Bicep compiler wrote ----------------------------------------------------------------------------

def test_dependson_lists_the_bicep_compiler_wrote_are_not_blamed():
    first = {"type": "Microsoft.Storage/storageAccounts", "apiVersion": "2025-06-01", "name": "sta", "location": LOC,
             "kind": "StorageV2", "sku": {"name": "Standard_LRS"}, "properties": {"minimumTlsVersion": "TLS1_2"}}
    second = dict(first, name="stb", dependsOn=["sta"], tags={"source": "[reference('sta').primaryEndpoints.blob]"})
    doc = template([first, second], parameters=P_LOC)
    assert "W1004" in codes(doc)
    doc["metadata"] = {"_generator": {"name": "bicep", "version": "0.38.5.1644"}}
    assert "W1004" not in codes(doc)


def test_names_guess_only_where_the_type_data_says_nothing():
    sql = {"type": "Microsoft.Sql/servers", "apiVersion": "2023-08-01", "name": "sql-demo", "location": LOC,
           "properties": {"administratorLogin": "[parameters('login')]",
                          "administratorLoginPassword": "[parameters('password')]"}}
    doc = template([sql], parameters={**P_LOC, "login": described(), "password": described()})
    found = codes(doc)
    assert "W5012" not in found  # the type data marks the password sensitive: its rules report it, once
    assert {"E5020", "W5021"} & set(found)
