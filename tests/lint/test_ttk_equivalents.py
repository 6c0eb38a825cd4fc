"""The ARM-TTK tests our rules name as equivalents (issue 12, section 3): each documented case of the test, as a
good and a bad snippet of our own."""

from __future__ import annotations

import pytest
from lintkit import described, lint_doc, template

from relecloud_templates.lint.config import parse_config

LOC = "[parameters('location')]"
P_LOC = {"location": described(defaultValue="[resourceGroup().location]")}
SUBNET = ("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/"
          "virtualNetworks/v/subnets/a")


def found(doc, rule: str, **options) -> list[str]:
    config = parse_config({"select": [rule], "rules": {rule: options}} if options else {"select": [rule]}, None)
    return [d.message for d in lint_doc(doc, config).diagnostics if d.code == rule]


def nic(**props) -> dict:
    return {"type": "Microsoft.Network/networkInterfaces", "apiVersion": "2024-05-01", "name": "nic", "location": LOC,
            "properties": props}


# -- IDs-Should-Be-Derived-From-ResourceIDs -> I1012 ---------------------------------------------------------

@pytest.mark.parametrize(
    "value, reported",
    [
        (SUBNET, True),
        ("[concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/rg')]", True),
        ("[format('{0}/subnets/a', parameters('vnetId'))]", True),
        ("[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'a')]", False),
        ("[extensionResourceId(parameters('vnetId'), 'Microsoft.Authorization/locks', 'l')]", False),
        ("[parameters('subnetId')]", False),
        ("[reference('vnet').subnets[0].id]", False),
        (
            "[if(parameters('flag'), parameters('subnetId'), "
            "resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'a'))]",
            False,
        ),
        ("[variables('subnetFromFunction')]", False),
        ("[variables('subnetLiteral')]", True),
        ("", False),  # a blank is W0006's
    ],
)
def test_ids_must_come_from_resource_id_functions(value, reported):
    doc = template(
        [nic(ipConfigurations=[{"name": "c", "properties": {"subnet": {"id": value}}}])],
        parameters={**P_LOC, "subnetId": described(), "vnetId": described(), "flag": described("bool")},
        variables={
            "subnetFromFunction": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'v', 'a')]",
            "subnetLiteral": SUBNET,
        },
    )
    assert bool(found(doc, "I1012")) is reported


def test_id_named_properties_that_are_not_resource_ids_and_skipped_places():
    doc = template([nic(tenantId="11111111-1111-1111-1111-111111111111", objectId="x", keyVaultSecretId="https://kv/s",
                        workerSizeId="1"),
                    {"type": "Microsoft.Logic/workflows", "apiVersion": "2019-05-01", "name": "wf", "location": LOC,
                     "properties": {"integrationAccount": {"id": SUBNET}}},
                    nic() | {"tags": {"ownerId": "abc"}, "name": "nic2"}], parameters=P_LOC)
    assert found(doc, "I1012") == []


def test_ids_given_to_nested_deployments_as_values_are_judged():
    deployment = {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "d",
                  "properties": {"mode": "Incremental", "expressionEvaluationOptions": {"scope": "inner"},
                                 "template": {"$schema": template([])["$schema"], "contentVersion": "1.0.0.0",
                                              "parameters": {"subnetId": {"type": "string"}}, "resources": []},
                                 "parameters": {"subnetId": {"value": SUBNET}}}}
    assert found(template([deployment]), "I1012") == [
        "'subnetId' of Microsoft.Resources/deployments 'd' is a literal ID"
    ]


# -- DependsOn-Best-Practices -> W1013 -----------------------------------------------------------------------

@pytest.mark.parametrize("entry, reported", [
    ("[if(parameters('flag'), resourceId('Microsoft.Network/networkInterfaces', 'a'), '')]", True),
    ("[concat('Microsoft.Network/networkInterfaces/', 'a')]", True),
    ("[concat('Microsoft.Network/networkInterfaces/nic', copyIndex())]", False),
    ("[resourceId('Microsoft.Network/networkInterfaces', 'a')]", False),
    ("a", False),
])
def test_dependson_entries_are_neither_conditional_nor_concatenated(entry, reported):
    doc = template([nic() | {"name": "a"}, nic() | {"name": "b", "dependsOn": [entry]}],
                   parameters={**P_LOC, "flag": described("bool")})
    assert bool(found(doc, "W1013")) is reported


# -- CommandToExecute-Must-Use-ProtectedSettings-For-Secrets -> E5013 ----------------------------------------

def extension(where: str, command: str, kind: str = "CustomScript") -> dict:
    return {"type": "Microsoft.Compute/virtualMachines/extensions", "apiVersion": "2024-07-01", "name": "vm/script",
            "location": LOC, "properties": {"publisher": "Microsoft.Azure.Extensions", "type": kind,
                                            "typeHandlerVersion": "2.1", where: {"commandToExecute": command}}}


LIST_COMMAND = ("[concat('upload.sh ', listKeys(resourceId('Microsoft.Storage/storageAccounts', 'st'), "
                "'2025-06-01').keys[0].value)]")


@pytest.mark.parametrize(
    "resource, reported",
    [
        (extension("settings", LIST_COMMAND), True),
        (extension("settings", "[concat('run.sh ', parameters('pw'))]"), True),
        (extension("settings", "[concat('run.sh ', parameters('secrets').key)]"), True),  # a secureObject
        (extension("settings", "[concat('run.sh ', parameters('plain'))]"), False),
        (extension("protectedSettings", LIST_COMMAND), False),
        (extension("settings", "[concat('run.sh ', parameters('pw'))]", kind="CustomScriptExtension"), True),
        (extension("settings", "[concat('run.sh ', parameters('pw'))]", kind="DependencyAgentLinux"), False),
        (
            {
                "type": "Microsoft.Compute/virtualMachineScaleSets",
                "apiVersion": "2024-07-01",
                "name": "ss",
                "location": LOC,
                "properties": {
                    "virtualMachineProfile": {
                        "extensionProfile": {
                            "extensions": [
                                {
                                    "name": "script",
                                    "properties": {
                                        "type": "CustomScript",
                                        "settings": {"commandToExecute": LIST_COMMAND},
                                    },
                                }
                            ]
                        }
                    }
                },
            },
            True,
        ),
    ],
)
def test_secrets_in_command_to_execute_belong_in_protected_settings(resource, reported):
    doc = template([resource], parameters={**P_LOC, "pw": described("secureString"),
                                           "secrets": described("secureObject"), "plain": described()})
    assert bool(found(doc, "E5013")) is reported


# -- Template-Should-Not-Contain-Blanks -> W0006 (strict) ----------------------------------------------------

def test_blanks_strict_reports_what_arm_ttk_reports_and_keeps_its_exceptions():
    doc = template([nic(dnsSettings={"dnsServers": []}, tags={}, description="",
                        ipConfigurations=[{"name": "c", "properties": {}}])
                    | {"identity": {"type": "UserAssigned", "userAssignedIdentities": {"[parameters('uai')]": {}}}}],
                   parameters={**P_LOC, "uai": described(defaultValue="")}, outputs={})
    strict = found(doc, "W0006", strict=True)
    assert sorted(m.split("'")[1] for m in strict) == ["description", "dnsServers", "tags"]
    assert found(doc, "W0006") == []  # narrowed by default: these blanks mean something


# -- apiVersions-Should-Be-Recent-In-Reference-Functions -> I3005 -------------------------------------------

@pytest.mark.parametrize(
    "version, reported", [("2015-06-15", True), ("2021-09-01-preview", True), ("2025-06-01", False)]
)
def test_api_versions_in_reference_functions_are_recent(version, reported):
    doc = template(
        [],
        outputs={
            "o": {
                "type": "object",
                "value": f"[reference(resourceId('Microsoft.Storage/storageAccounts', 'st'), '{version}')]",
            }
        },
    )
    assert bool(found(doc, "I3005")) is reported


# -- ResourceIds-should-not-contain -> W1009 -----------------------------------------------------------------

@pytest.mark.parametrize(
    "expression, reported",
    [
        ("resourceId(resourceGroup().name, 'Microsoft.Network/networkInterfaces', 'a')", True),
        ("resourceId(subscription().subscriptionId, 'rg', 'Microsoft.Network/networkInterfaces', 'a')", True),
        ("resourceId(concat('Microsoft.Network/', 'networkInterfaces'), 'a')", True),
        ("tenantResourceId(concat('Microsoft.Management/', 'managementGroups'), 'mg')", True),
        (
            "extensionResourceId(concat('/subscriptions/', subscription().subscriptionId), "
            "'Microsoft.Authorization/locks', 'l')",
            True,
        ),
        ("subscriptionResourceId(subscription().subscriptionId, 'Microsoft.Resources/resourceGroups', 'rg')", True),
        ("subscriptionResourceId(concat('Microsoft.Resources/', 'resourceGroups'), 'rg')", True),
        ("reference(concat('Microsoft.Network/networkInterfaces/', 'a'), '2024-05-01')", True),
        ("listKeys(concat('Microsoft.Storage/storageAccounts/', 'st'), '2025-06-01')", True),
        ("resourceId('Microsoft.Network/networkInterfaces', 'a')", False),
        ("resourceId(parameters('sub'), 'rg', 'Microsoft.Network/networkInterfaces', 'a')", False),
    ],
)
def test_resource_ids_do_not_contain_the_current_scope_or_concat(expression, reported):
    doc = template([], parameters={"sub": described()}, outputs={"o": {"type": "object", "value": f"[{expression}]"}})
    assert bool(found(doc, "W1009")) is reported


def test_key_vault_secret_ids_are_uris_not_resource_ids():
    gateway = {
        "type": "Microsoft.Network/applicationGateways",
        "apiVersion": "2024-05-01",
        "name": "agw",
        "location": LOC,
        "properties": {
            "sslCertificates": [
                {
                    "name": "c",
                    "properties": {
                        "keyVaultSecretId": "[concat(reference(concat('Microsoft.KeyVault/vaults/', 'kv')).vaultUri, "
                        "'secrets/c')]"
                    },
                }
            ]
        },
    }
    assert found(template([gateway], parameters=P_LOC), "W1009") == []


# -- Location-Should-Not-Be-Hardcoded -> W3004, I3010 --------------------------------------------------------

@pytest.mark.parametrize("declaration, reported", [
    ({"type": "string", "defaultValue": "[resourceGroup().location]"}, False),
    ({"type": "string", "defaultValue": "[deployment().location]"}, False),
    ({"type": "string", "defaultValue": "global"}, False),
    ({"type": "string"}, False),
    ({"type": "string", "defaultValue": "westeurope"}, True),
    ({"type": "object", "defaultValue": {}}, True),
])
def test_the_location_parameter_is_a_string_without_a_hard_coded_default(declaration, reported):
    doc = template([nic()], parameters={"location": declaration})
    assert bool(found(doc, "W3004")) is reported


def test_resource_group_location_belongs_in_parameter_defaults():
    deployment = {"type": "Microsoft.Resources/deployments", "apiVersion": "2025-04-01", "name": "d",
                  "location": "[deployment().location]",
                  "properties": {"mode": "Incremental", "template": {"$schema": template([])["$schema"],
                                                                      "contentVersion": "1.0.0.0", "resources": []}}}
    good = template([nic(), deployment], parameters=P_LOC)
    assert found(good, "I3010") == []
    bad = template([nic() | {"location": "[resourceGroup().location]"}])
    assert found(bad, "I3010") == ["resourceGroup().location is used outside a parameter default"]


# -- Dynamic-Variable-References-Should-Not-Use-Concat -> I1014 ----------------------------------------------

@pytest.mark.parametrize("expression, reported", [
    ("variables(concat('sku', parameters('tier')))", True),
    ("variables(format('sku{0}', parameters('tier')))", True),
    ("variables('skus')[parameters('tier')]", False),
])
def test_variables_are_not_named_at_deployment_time(expression, reported):
    doc = template([], parameters={"tier": described(defaultValue="a")}, variables={"skua": 1, "skus": {"a": 1}},
                   outputs={"o": {"type": "int", "value": f"[{expression}]"}})
    messages = found(doc, "I1014")
    assert bool(messages) is reported
    if reported:
        assert lint_doc(doc, parse_config({"select": ["I1014"]}, None)).diagnostics[0].hint.startswith("look it up")


# -- Usernames-Should-Not-Have-A-Default -> W5005 ------------------------------------------------------------

@pytest.mark.parametrize("declaration, reported", [
    (described(defaultValue="azureuser"), True),
    (described(), False),
    (described(defaultValue="[parameters('prefix')]"), False),
])
def test_administrator_user_names_have_no_default(declaration, reported):
    doc = template([], parameters={"adminUsername": declaration, "prefix": described(defaultValue="x")},
                   outputs={"o": {"type": "string", "value": "[parameters('adminUsername')]"}})
    assert bool(found(doc, "W5005")) is reported
