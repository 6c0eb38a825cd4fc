"""Every rule, on a small failing template and a small passing one, alone (every other rule off)."""

from __future__ import annotations

import pytest
from lintkit import RG_SCHEMA, SUB_SCHEMA, described, lint_doc, lint_text, only, template

from relecloud_templates.lint.registry import all_rules

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


def _module_race(vault_name: str, depends: bool) -> dict:
    """Module 'secrets' reads the Key Vault that module 'vault' creates, named ``vault_name`` in both."""
    params = {**P_LOC, "vaultName": described()}
    passed = {"vaultName": {"value": "[parameters('vaultName')]"}}
    made = deployment(template([{**vault(), "name": f"[{vault_name}]"}], parameters=params), params=passed,
                      name="vault")
    uri = f"[reference(resourceId('Microsoft.KeyVault/vaults', {vault_name}), '2024-11-01').vaultUri]"
    reads = deployment(template([storage(GOOD_STORAGE, tags={"vault": uri})], parameters=params), params=passed,
                       name="secrets", **({"dependsOn": ["vault"]} if depends else {}))
    return template([made, reads], parameters={"vaultName": described()})


def _diagnostics_race(depends: bool) -> dict:
    """Module 'vault' sends its Key Vault's diagnostics to the workspace that module 'logging' creates."""
    workspace = {"type": "Microsoft.OperationalInsights/workspaces", "apiVersion": "2025-02-01", "name": "logs",
                 "location": LOC, "tags": {}, "properties": {"sku": {"name": "PerGB2018"}}}
    setting = {"type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview", "name": "diag",
               "scope": "Microsoft.KeyVault/vaults/kv",
               "dependsOn": ["[resourceId('Microsoft.KeyVault/vaults', 'kv')]"],
               "properties": {"workspaceId": "[resourceId('Microsoft.OperationalInsights/workspaces', 'logs')]",
                              "logs": [{"categoryGroup": "allLogs", "enabled": True}]}}
    made = deployment(template([workspace], parameters=P_LOC), name="logging")
    sends = deployment(template([vault(), setting], parameters=P_LOC), name="vault",
                       **({"dependsOn": ["logging"]} if depends else {}))
    return template([made, sends])


def endpoint(name: str = "pe") -> dict:
    return {"type": "Microsoft.Network/privateEndpoints", "apiVersion": "2024-05-01", "name": name, "location": LOC,
            "tags": {}, "properties": {"subnet": {"id": "[parameters('subnetId')]"}}}


def zone_group(pe: str = "pe") -> dict:
    return {"type": "Microsoft.Network/privateEndpoints/privateDnsZoneGroups", "apiVersion": "2024-05-01",
            "name": f"{pe}/default", "properties": {"privateDnsZoneConfigs": []}}


def synapse(**props) -> dict:
    base = {"managedVirtualNetwork": "default", "managedVirtualNetworkSettings": {"preventDataExfiltration": True},
            "publicNetworkAccess": "Disabled"}
    base.update(props)
    return {"type": "Microsoft.Synapse/workspaces", "apiVersion": "2021-06-01", "name": "syn", "location": LOC,
            "tags": {}, "properties": base}


def sql(password: str) -> dict:
    return {"type": "Microsoft.Sql/servers", "apiVersion": "2023-08-01", "name": "sql", "location": LOC, "tags": {},
            "properties": {"administratorLogin": "[parameters('location')]", "administratorLoginPassword": password,
                           "minimalTlsVersion": "1.2", "publicNetworkAccess": "Disabled"}}


def databricks(**params) -> dict:
    base = {"enableNoPublicIp": {"value": True}, "customVirtualNetworkId": {"value": "[parameters('vnetId')]"}}
    base.update(params)
    return {"type": "Microsoft.Databricks/workspaces", "apiVersion": "2024-05-01", "name": "dbw", "location": LOC,
            "tags": {}, "sku": {"name": "premium"}, "properties": {"parameters": base}}


def script_extension(where: str, command: str) -> dict:
    return {"type": "Microsoft.Compute/virtualMachines/extensions", "apiVersion": "2024-07-01", "name": "vm/script",
            "location": LOC, "properties": {"publisher": "Microsoft.Azure.Extensions", "type": "CustomScript",
                                            "typeHandlerVersion": "2.1", where: {"commandToExecute": command}}}


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


CASES: dict[str, tuple[dict | str, dict | str]] = {
    "W0002": (
        template([], schema=RG_SCHEMA.replace("deploymentTemplate", "deploymentTemplat")),
        # a nested template's $schema says nothing about where it deploys: the deployment decides
        template(
            [deployment({"$schema": SUB_SCHEMA, "contentVersion": "1.0.0.0", "resources": []}, resourceGroup="rg")]
        ),
    ),
    "E0003": (
        template([], parameters={"p": {"type": "strin"}}, paramaters={}),
        template([], parameters={"p": {"type": "string"}}),
    ),
    "E0004": (
        template([], outputs={f"o{i}": {"type": "int", "value": i} for i in range(65)}),
        template([], outputs={f"o{i}": {"type": "int", "value": i} for i in range(64)}),
    ),
    "W0012": (
        f'{{"$schema": "{RG_SCHEMA}", "contentVersion": "1.0.0.0", "resources": [], "resources": []}}',
        template([]),
    ),
    "W0006": (
        template(
            [storage(GOOD_STORAGE | {"networkAcls": {"defaultAction": "Deny", "virtualNetworkRules": [{"id": ""}]}})],
            parameters=P_LOC,
        ),
        template(
            [
                storage(
                    GOOD_STORAGE | {"networkAcls": {"defaultAction": "Deny", "ipRules": [], "virtualNetworkRules": []}}
                )
            ],
            parameters=P_LOC,
        ),
    ),
    "E1001": (
        template([], outputs={"o": {"type": "string", "value": "[concat('a' 'b')]"}}),
        template([], outputs={"o": {"type": "string", "value": "[concat('a', 'b')]"}}),
    ),
    "W1010": (
        template([], outputs={"o": {"type": "string", "value": "[toLowerCase('A')]"}}),
        template([], outputs={"o": {"type": "string", "value": "[toLower('A')]"}}),
    ),
    "E1002": (
        template([], outputs={"o": {"type": "string", "value": "[parameters('missing')]"}}),
        template(
            [],
            parameters={"present": described()},
            outputs={"o": {"type": "string", "value": "[parameters('present')]"}},
        ),
    ),
    "E1003": (
        template(
            [storage(GOOD_STORAGE, dependsOn=["[resourceId('Microsoft.Network/virtualNetworks', 'vnet')]"])],
            parameters=P_LOC,
        ),
        template(
            [
                storage(GOOD_STORAGE, dependsOn=["[resourceId('Microsoft.Storage/storageAccounts', 'other')]"]),
                storage(GOOD_STORAGE, name="other"),
            ],
            parameters=P_LOC,
        ),
    ),
    "W1004": (
        template(
            [
                storage(GOOD_STORAGE, name="a"),
                storage(
                    GOOD_STORAGE, name="b", dependsOn=["a"], tags={"source": "[reference('a').primaryEndpoints.blob]"}
                ),
            ],
            parameters=P_LOC,
        ),
        template(
            [
                storage(GOOD_STORAGE, name="a"),
                storage(
                    GOOD_STORAGE,
                    name="b",
                    dependsOn=["[resourceId('Microsoft.Storage/storageAccounts', 'a')]"],
                    tags={
                        "source": "[reference(resourceId('Microsoft.Storage/storageAccounts', 'a'), '2025-06-01')"
                        ".primaryEndpoints.blob]"
                    },
                ),
            ],
            parameters=P_LOC,
        ),
    ),
    "E1011": (
        template(
            [
                storage(GOOD_STORAGE, name="a"),
                storage(
                    GOOD_STORAGE,
                    name="b",
                    tags={
                        "source": "[reference(resourceId('Microsoft.Storage/storageAccounts', 'a'), '2025-06-01')"
                        ".primaryEndpoints.blob]"
                    },
                ),
            ],
            parameters=P_LOC,
        ),
        template(
            [
                storage(GOOD_STORAGE, name="a"),
                storage(
                    GOOD_STORAGE,
                    name="b",
                    dependsOn=["[resourceId('Microsoft.Storage/storageAccounts', 'a')]"],
                    tags={
                        "source": "[reference(resourceId('Microsoft.Storage/storageAccounts', 'a'), '2025-06-01')"
                        ".primaryEndpoints.blob]"
                    },
                ),
            ],
            parameters=P_LOC,
        ),
    ),
    "E1015": (_module_race("'kv'", depends=False), _module_race("'kv'", depends=True)),
    "E1017": (_diagnostics_race(depends=False), _diagnostics_race(depends=True)),
    "W1016": (
        _module_race("parameters('vaultName')", depends=False),
        _module_race("parameters('vaultName')", depends=True),
    ),
    "E1005": (
        template(
            [],
            outputs={
                "o": {"type": "string", "value": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet')]"}
            },
        ),
        template(
            [],
            outputs={
                "o": {
                    "type": "string",
                    "value": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'snet')]",
                }
            },
        ),
    ),
    "W1006": (
        template([], outputs={"o": {"type": "object", "value": "[reference('elsewhere')]"}}),
        template(
            [],
            outputs={
                "o": {
                    "type": "object",
                    "value": "[reference(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2025-06-01')]",
                }
            },
        ),
    ),
    "E1007": (
        template(
            [
                deployment(
                    {
                        "$schema": RG_SCHEMA,
                        "contentVersion": "1.0.0.0",
                        "resources": [],
                        "outputs": {"o": {"type": "string", "value": "[parameters('outer')]"}},
                    }
                )
            ],
            parameters={"outer": described(defaultValue="x")},
        ),
        template(
            [
                deployment(
                    {
                        "$schema": RG_SCHEMA,
                        "contentVersion": "1.0.0.0",
                        "resources": [],
                        "parameters": {"outer": {"type": "string"}},
                        "outputs": {"o": {"type": "string", "value": "[parameters('outer')]"}},
                    },
                    params={"outer": {"value": "[parameters('outer')]"}},
                )
            ],
            parameters={"outer": described(defaultValue="x")},
        ),
    ),
    "E1008": (
        template(
            [storage(GOOD_STORAGE, name="a", dependsOn=["b"]), storage(GOOD_STORAGE, name="b", dependsOn=["a"])],
            parameters=P_LOC,
        ),
        template([storage(GOOD_STORAGE, name="a", dependsOn=["b"]), storage(GOOD_STORAGE, name="b")], parameters=P_LOC),
    ),
    "W1009": (
        template(
            [],
            outputs={
                "o": {
                    "type": "string",
                    "value": "[resourceId(subscription().subscriptionId, resourceGroup().name, "
                    "'Microsoft.Storage/storageAccounts', 'x')]",
                }
            },
        ),
        template(
            [], outputs={"o": {"type": "string", "value": "[resourceId('Microsoft.Storage/storageAccounts', 'x')]"}}
        ),
    ),
    "I1012": (
        template(
            [
                storage(
                    GOOD_STORAGE
                    | {
                        "networkAcls": {
                            "defaultAction": "Deny",
                            "virtualNetworkRules": [
                                {
                                    "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/"
                                    "providers/"
                                    "Microsoft.Network/virtualNetworks/vnet/subnets/a"
                                }
                            ],
                        }
                    }
                )
            ],
            parameters=P_LOC,
        ),
        template(
            [
                storage(
                    GOOD_STORAGE
                    | {
                        "networkAcls": {
                            "defaultAction": "Deny",
                            "virtualNetworkRules": [
                                {"id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet', 'a')]"}
                            ],
                        }
                    }
                )
            ],
            parameters=P_LOC,
        ),
    ),
    "W1013": (
        template(
            [
                storage(GOOD_STORAGE, name="a"),
                storage(GOOD_STORAGE, name="b", dependsOn=["[concat('Microsoft.Storage/storageAccounts/', 'a')]"]),
            ],
            parameters=P_LOC,
        ),
        template(
            [
                storage(GOOD_STORAGE, name="a"),
                storage(GOOD_STORAGE, name="b", dependsOn=["[resourceId('Microsoft.Storage/storageAccounts', 'a')]"]),
            ],
            parameters=P_LOC,
        ),
    ),
    "I1014": (
        template(
            [],
            parameters={"tier": described(defaultValue="a")},
            variables={"skua": 1, "skub": 2},
            outputs={"o": {"type": "int", "value": "[variables(concat('sku', parameters('tier')))]"}},
        ),
        template(
            [],
            parameters={"tier": described(defaultValue="a")},
            variables={"skus": {"a": 1, "b": 2}},
            outputs={"o": {"type": "int", "value": "[variables('skus')[parameters('tier')]]"}},
        ),
    ),
    "W2001": (
        template([], parameters={"unused": described()}),
        template(
            [], parameters={"used": described()}, outputs={"o": {"type": "string", "value": "[parameters('used')]"}}
        ),
    ),
    "W2002": (
        template([], variables={"unused": 1}),
        template([], variables={"used": 1}, outputs={"o": {"type": "int", "value": "[variables('used')]"}}),
    ),
    "E2003": (
        template(
            [],
            parameters={"size": described("int", defaultValue=15, minValue=20, maxValue=10)},
            outputs={"o": {"type": "int", "value": "[parameters('size')]"}},
        ),
        template(
            [],
            parameters={"size": described("int", defaultValue=15, minValue=10, maxValue=20)},
            outputs={"o": {"type": "int", "value": "[parameters('size')]"}},
        ),
    ),
    "W2006": (
        template(
            [],
            parameters={
                "size": described("int", defaultValue=5, minValue=10, maxValue=20),
                "name": described(defaultValue=False),
            },
            outputs={"o": {"type": "array", "value": "[createArray(parameters('size'), parameters('name'))]"}},
        ),
        template(
            [],
            parameters={"size": described("int", defaultValue=15, minValue=10, maxValue=20)},
            outputs={"o": {"type": "int", "value": "[parameters('size')]"}},
        ),
    ),
    "E2005": (
        template(
            [
                deployment(
                    {
                        "$schema": RG_SCHEMA,
                        "contentVersion": "1.0.0.0",
                        "resources": [],
                        "parameters": {"needed": {"type": "string"}},
                    },
                    params={"typo": {"value": "x"}},
                )
            ]
        ),
        template(
            [
                deployment(
                    {
                        "$schema": RG_SCHEMA,
                        "contentVersion": "1.0.0.0",
                        "resources": [],
                        "parameters": {"needed": {"type": "string"}},
                        "outputs": {"o": {"type": "string", "value": "[parameters('needed')]"}},
                    },
                    params={"needed": {"value": "x"}},
                )
            ]
        ),
    ),
    "E3003": (
        template([storage(GOOD_STORAGE, name="Lake_Store")], parameters=P_LOC),
        template([storage(GOOD_STORAGE, name="lakestore")], parameters=P_LOC),
    ),
    "W3004": (
        template([storage(GOOD_STORAGE, location="westeurope")]),
        template([storage(GOOD_STORAGE)], parameters=P_LOC),
    ),
    "I3005": (
        template([storage(GOOD_STORAGE) | {"apiVersion": "2019-06-01"}], parameters=P_LOC),
        template([storage(GOOD_STORAGE)], parameters=P_LOC),
    ),
    "I3010": (
        template([storage(GOOD_STORAGE, location="[resourceGroup().location]")]),
        template([storage(GOOD_STORAGE)], parameters=P_LOC),
    ),
    "W3006": (
        template([], outputs={"o": {"type": "string", "value": "https://x.blob.core.windows.net/"}}),
        template([], outputs={"o": {"type": "string", "value": "[environment().suffixes.storage]"}}),
    ),
    "W3007": (
        template([storage(GOOD_STORAGE, name="[concat('st', newGuid())]")], parameters=P_LOC),
        template([storage(GOOD_STORAGE, name="[concat('st', uniqueString(resourceGroup().id))]")], parameters=P_LOC),
    ),
    "I4001": (
        template(
            [], parameters={"p": {"type": "string"}}, outputs={"o": {"type": "string", "value": "[parameters('p')]"}}
        ),
        template(
            [],
            parameters={"p": described()},
            outputs={"o": {"type": "string", "value": "[parameters('p')]", "metadata": {"description": "d"}}},
        ),
    ),
    "W4002": (template([vault() | {"tags": None}], parameters=P_LOC), template([vault()], parameters=P_LOC)),
    "W5001": (
        template([], parameters={"adminPassword": described()}),
        template([], parameters={"adminPassword": described("secureString"), "keyVaultName": described()}),
    ),
    "E5002": (
        template([], parameters={"adminPassword": described("secureString", defaultValue="P@ssw0rd!")}),
        template([], parameters={"adminPassword": described("secureString", defaultValue="")}),
    ),
    "E5003": (
        template(
            [],
            parameters={"pw": described("secureString")},
            outputs={"o": {"type": "string", "value": "[parameters('pw')]"}},
        ),
        template(
            [],
            parameters={"pw": described("secureString")},
            outputs={"o": {"type": "string", "value": "[parameters('pw')]"} | {"type": "secureString"}},
        ),
    ),
    "E5004": (
        template(
            [
                {
                    "type": "Microsoft.KeyVault/vaults/secrets",
                    "apiVersion": "2024-11-01",
                    "name": "kv/db",
                    "properties": {"value": "hunter2"},
                }
            ]
        ),
        template(
            [
                {
                    "type": "Microsoft.KeyVault/vaults/secrets",
                    "apiVersion": "2024-11-01",
                    "name": "kv/db",
                    "properties": {"value": "[parameters('password')]"},
                }
            ],
            parameters={"password": described("secureString")},
        ),
    ),
    "W5011": (
        template(
            [],
            parameters={"storageKey": described()},
            outputs={"key": {"type": "string", "value": "[parameters('storageKey')]"}},
        ),
        template(
            [],
            parameters={"storageKeyVaultName": described(), "hasSharedKey": described("bool")},
            outputs={
                "vault": {"type": "string", "value": "[parameters('storageKeyVaultName')]"},
                "sharedKey": {"type": "bool", "value": "[parameters('hasSharedKey')]"},
            },
        ),
    ),
    # a property the type data says nothing about (a resource type it does not know): the name decides
    "W5012": (
        template(
            [
                {
                    "type": "Contoso.Widgets/widgets",
                    "apiVersion": "2024-01-01",
                    "name": "w",
                    "location": LOC,
                    "properties": {"adminPassword": "[parameters('password')]"},
                }
            ],
            parameters={**P_LOC, "password": described()},
        ),
        template(
            [
                {
                    "type": "Contoso.Widgets/widgets",
                    "apiVersion": "2024-01-01",
                    "name": "w",
                    "location": LOC,
                    "properties": {"adminPassword": "[parameters('password')]"},
                }
            ],
            parameters={**P_LOC, "password": described("secureString")},
        ),
    ),
    "W5005": (
        template(
            [
                {
                    "type": "Microsoft.Sql/servers",
                    "apiVersion": "2023-08-01",
                    "name": "sql",
                    "location": LOC,
                    "properties": {"administratorLogin": "sqladmin"},
                }
            ],
            parameters=P_LOC,
        ),
        template(
            [
                {
                    "type": "Microsoft.Sql/servers",
                    "apiVersion": "2023-08-01",
                    "name": "sql",
                    "location": LOC,
                    "properties": {"administratorLogin": "[parameters('login')]"},
                }
            ],
            parameters={**P_LOC, "login": described()},
        ),
    ),
    "E5006": (
        template(
            [
                deployment(
                    {"$schema": RG_SCHEMA, "contentVersion": "1.0.0.0", "resources": [sql("[parameters('pw')]")]},
                    scope="outer",
                )
            ],
            parameters={"pw": described("secureString"), **P_LOC},
        ),
        template(
            [
                deployment(
                    {
                        "$schema": RG_SCHEMA,
                        "contentVersion": "1.0.0.0",
                        "resources": [sql("[parameters('pw')]")],
                        "parameters": {"pw": {"type": "secureString"}, "location": {"type": "string"}},
                    },
                    params={"pw": {"value": "[parameters('pw')]"}, "location": {"value": LOC}},
                )
            ],
            parameters={"pw": described("secureString"), **P_LOC},
        ),
    ),
    "E5013": (
        template(
            [script_extension("settings", "[concat('run.sh ', parameters('pw'))]")],
            parameters={**P_LOC, "pw": described("secureString")},
        ),
        template(
            [script_extension("protectedSettings", "[concat('run.sh ', parameters('pw'))]")],
            parameters={**P_LOC, "pw": described("secureString")},
        ),
    ),
    "W5007": (
        template(
            [
                deployment({"$schema": RG_SCHEMA, "contentVersion": "1.0.0.0", "resources": []})
                | {
                    "properties": {
                        "mode": "Incremental",
                        "debugSetting": {"detailLevel": "requestContent"},
                        "template": {"$schema": RG_SCHEMA, "contentVersion": "1.0.0.0", "resources": []},
                    }
                }
            ]
        ),
        template([deployment({"$schema": RG_SCHEMA, "contentVersion": "1.0.0.0", "resources": []})]),
    ),
    "W5008": (
        template([storage(GOOD_STORAGE | {"minimumTlsVersion": "TLS1_0"})], parameters=P_LOC),
        template([storage(GOOD_STORAGE)], parameters=P_LOC),
    ),
    "W5009": (
        template([vault(publicNetworkAccess="Enabled")], parameters=P_LOC),
        template([vault(publicNetworkAccess="Disabled")], parameters=P_LOC),
    ),
    "W5010": (
        template([storage(GOOD_STORAGE | {"allowSharedKeyAccess": True})], parameters=P_LOC),
        template([storage(GOOD_STORAGE)], parameters=P_LOC),
    ),
    "W7002": (
        template([endpoint()], parameters={**P_LOC, "subnetId": described()}),
        template([endpoint(), zone_group()], parameters={**P_LOC, "subnetId": described()}),
    ),
    "W7004": (
        template([storage({k: v for k, v in GOOD_STORAGE.items() if k != "allowSharedKeyAccess"})], parameters=P_LOC),
        template([storage(GOOD_STORAGE)], parameters=P_LOC),
    ),
    "W7005": (template([vault(enablePurgeProtection=False)], parameters=P_LOC), template([vault()], parameters=P_LOC)),
    "W7006": (
        template([synapse(managedVirtualNetworkSettings={"preventDataExfiltration": False})], parameters=P_LOC),
        template([synapse()], parameters=P_LOC),
    ),
    "W7003": (
        template(
            [vault(), storage(GOOD_STORAGE), diagnostics("Microsoft.Storage/storageAccounts/lake")],
            parameters={**P_LOC, "workspaceId": described()},
        ),
        template(
            [
                vault(),
                storage(GOOD_STORAGE),
                diagnostics("Microsoft.Storage/storageAccounts/lake"),
                diagnostics("Microsoft.KeyVault/vaults/kv"),
            ],
            parameters={**P_LOC, "workspaceId": described()},
        ),
    ),
    "W7007": (
        template([databricks(enableNoPublicIp={"value": False})], parameters={**P_LOC, "vnetId": described()}),
        template([databricks()], parameters={**P_LOC, "vnetId": described()}),
    ),
}

# Rules that run on parameter files or rendered estates, or are reported by the runner itself, have their own tests.
ELSEWHERE = {"E0001", "E0005", "W0008", "W0009", "W0010", "E0011", "E2004",
             "W7010",  # W7010 checks a rendered estate (plan.json and its units): tests/render/test_data_paths_check.py
             "E0013"}  # E0013 reports Bicep compile errors: tests/bicep/test_validate_bicep.py


def lint_case(case, config=None):
    return lint_text(case, config) if isinstance(case, str) else lint_doc(case, config)


def own_rules():
    return [r for r in all_rules() if r.area() != "schema"]


def test_every_rule_has_cases():
    assert sorted(r.id for r in own_rules()) == sorted(set(CASES) | ELSEWHERE)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fails_the_bad_template(rule_id):
    bad, _ = CASES[rule_id]
    found = [d for d in lint_case(bad, only(rule_id)).diagnostics if d.code == rule_id]
    assert found, f"{rule_id} did not report its failing fixture"
    assert all(d.location.line > 0 for d in found)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_passes_the_good_template(rule_id):
    _, good = CASES[rule_id]
    found = [d.format() for d in lint_case(good, only(rule_id)).diagnostics if d.code == rule_id]
    assert found == []


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_good_templates_pass_every_rule_of_their_area(rule_id):
    """The passing fixtures are clean for all rules of the same group, not just their own."""
    _, good = CASES[rule_id]
    area = next(r.area() for r in all_rules() if r.id == rule_id)
    same_area = {r.id for r in all_rules() if r.area() == area}
    found = [d.format() for d in lint_case(good).diagnostics if d.code in same_area]
    assert found == []


def test_findings_point_at_the_property_and_inside_expressions():
    text = ('{\n'
            f'  "$schema": "{RG_SCHEMA}",\n'
            '  "contentVersion": "1.0.0.0",\n'
            '  "resources": [],\n'
            '  "outputs": {"o": {"type": "string", "value": "[concat(\'x\', parameters(\'nope\'))]"}}\n'
            '}\n')
    (hit,) = [d for d in lint_text(text, only("E1002")).diagnostics if d.code == "E1002"]
    line = text.splitlines()[hit.location.line - 1]
    assert line[hit.location.column - 1:].startswith("'nope'")
    vault_doc = template([vault(publicNetworkAccess="Enabled")], parameters=P_LOC)
    import json as _json

    vault_text = _json.dumps(vault_doc, indent=2)
    (hit,) = list(lint_text(vault_text, only("W5009")).diagnostics)
    assert vault_text.splitlines()[hit.location.line - 1].strip().rstrip(",") == '"publicNetworkAccess": "Enabled"'
    assert vault_text.splitlines()[hit.location.line - 1][hit.location.column - 1:].startswith('"Enabled"')
