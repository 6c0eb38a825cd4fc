"""W1004, E3003, W0006 and W7003 beyond their one failing and one passing fixture: what they must not report
on templates that deploy correctly, and the shapes real templates write."""

from __future__ import annotations

from lintkit import (
    GOOD_STORAGE,
    LOC,
    P_LOC,
    RG_SCHEMA,
    deployment,
    described,
    diagnostics,
    lint_doc,
    only,
    storage,
    template,
    vault,
)

from relecloud_templates import naming
from relecloud_templates.lint.registry import find_rule


def found(doc: dict, rule_id: str) -> list:
    return [d for d in lint_doc(doc, only(rule_id)).diagnostics if d.code == rule_id]


def messages(doc: dict, rule_id: str) -> list[str]:
    return [d.message for d in found(doc, rule_id)]


def reader(name: str, expression: str, depends_on: list) -> dict:
    return storage(GOOD_STORAGE, name=name, dependsOn=depends_on, tags={"source": expression})


class TestUnnecessaryDependsOn:
    def test_list_function_by_name_implies_the_dependency(self):
        doc = template(
            [storage(GOOD_STORAGE, name="a"), reader("b", "[listKeys('a', '2025-06-01').keys[0].value]", ["a"])],
            parameters=P_LOC,
        )
        (hit,) = found(doc, "W1004")
        assert "'b' depends on Microsoft.Storage/storageAccounts 'a'" in hit.message

    def test_only_the_implied_entry_is_reported(self):
        doc = template([storage(GOOD_STORAGE, name="a"), storage(GOOD_STORAGE, name="c"),
                        reader("b", "[reference('a').primaryEndpoints.blob]", ["a", "c"])], parameters=P_LOC)
        assert len(found(doc, "W1004")) == 1

    def test_a_reference_by_resource_id_implies_nothing(self):
        expression = (
            "[reference(resourceId('Microsoft.Storage/storageAccounts', 'a'), '2025-06-01').primaryEndpoints.blob]"
        )
        doc = template([storage(GOOD_STORAGE, name="a"), reader("b", expression, ["a"])], parameters=P_LOC)
        assert found(doc, "W1004") == []

    def test_a_reference_that_may_be_skipped_implies_nothing(self):
        expression = "[if(parameters('useA'), reference('a').primaryEndpoints.blob, 'none')]"
        doc = template([storage(GOOD_STORAGE, name="a"), reader("b", expression, ["a"])],
                       parameters={**P_LOC, "useA": described("bool")})
        assert found(doc, "W1004") == []

    def test_an_inline_childs_reference_does_not_cover_its_parents_dependency(self):
        child = {"type": "blobServices", "apiVersion": "2025-06-01", "name": "default",
                 "properties": {"x": "[reference('a').primaryEndpoints.blob]"}}
        parent = storage(GOOD_STORAGE, name="b", dependsOn=["a"], resources=[child])
        doc = template([storage(GOOD_STORAGE, name="a"), parent], parameters=P_LOC)
        assert found(doc, "W1004") == []

    def test_symbolic_names_in_language_version_2(self):
        doc = template({"first": storage(GOOD_STORAGE, name="a"),
                        "second": reader("b", "[reference('first').primaryEndpoints.blob]", ["first"])},
                       parameters=P_LOC, languageVersion="2.0")
        assert len(found(doc, "W1004")) == 1


class TestResourceNameConstraints:
    def test_uses_the_naming_table_relecloud_composes_names_with(self):
        assert naming.rule_for_type("microsoft.storage/STORAGEACCOUNTS") is naming.RULES["storage"]
        assert (
            naming.rule_for_type("Microsoft.Purview/accounts") is None
        )  # not confident of Azure's charset: not judged

    def test_too_long_and_wrong_characters_are_both_reported(self):
        doc = template([storage(GOOD_STORAGE, name="Lake-" + "x" * 30)], parameters=P_LOC)
        assert sorted(messages(doc, "E3003")) == [
            "storage account name 'Lake-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' breaks the character rules of storage account "
            "names (lowercase letters and digits)",
            "storage account name 'Lake-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' is 35 characters long; "
            "storage account names take 3-24",
        ]

    def test_upper_case_is_accepted_where_azure_accepts_it(self):
        doc = template([vault() | {"name": "Finance-Vault"}], parameters=P_LOC)
        assert found(doc, "E3003") == []
        doc = template([vault() | {"name": "finance--vault"}], parameters=P_LOC)
        assert len(found(doc, "E3003")) == 1

    def test_child_names_are_judged_by_their_last_segment(self):
        pool = {"type": "Microsoft.Synapse/workspaces/sqlPools", "apiVersion": "2021-06-01", "name": "syn/sales-pool",
                "location": LOC}
        container = {"type": "Microsoft.Storage/storageAccounts/blobServices/containers", "apiVersion": "2025-06-01",
                     "name": "lake/default/$web"}
        bad = container | {"name": "lake/default/Raw_Data"}
        doc = template([pool, container, bad], parameters=P_LOC)
        assert messages(doc, "E3003") == ["blob container name 'Raw_Data' breaks the character rules of blob container "
                                          "names (lowercase letters, digits, single hyphens)"]

    def test_names_known_only_at_deployment_are_not_judged(self):
        doc = template([storage(GOOD_STORAGE, name="[concat('st', uniqueString(resourceGroup().id))]"),
                        storage(GOOD_STORAGE, name="[parameters('name')]")],
                       parameters={**P_LOC, "name": described()})
        assert found(doc, "E3003") == []

    def test_a_deployment_name_over_64_characters(self):
        inner = {"$schema": RG_SCHEMA, "contentVersion": "1.0.0.0", "resources": []}
        doc = template([deployment(inner, name="d" * 65)])
        assert messages(doc, "E3003") == [
            "deployment name '" + "d" * 65 + "' is 65 characters long; deployment names take 1-64"
        ]


class TestNoBlankValues:
    def test_blanks_that_mean_something_are_not_reported(self):
        acr = {
            "type": "Microsoft.ContainerRegistry/registries",
            "apiVersion": "2023-07-01",
            "name": "acr01",
            "location": LOC,
            "identity": {"type": "UserAssigned", "userAssignedIdentities": {"[parameters('id')]": {}}},
            "properties": {"networkRuleSet": {"defaultAction": "Deny", "ipRules": []}, "policies": {}},
        }
        endpoint = {
            "type": "Microsoft.Network/privateEndpoints",
            "apiVersion": "2024-05-01",
            "name": "pe",
            "location": LOC,
            "properties": {
                "manualPrivateLinkServiceConnections": [],
                "privateLinkServiceConnections": [{"name": "c", "properties": {"requestMessage": ""}}],
            },
        }
        inner = {"$schema": RG_SCHEMA, "contentVersion": "1.0.0.0", "parameters": {"subnetId": {"type": "string"}},
                 "resources": []}
        nested = deployment(inner, params={"subnetId": {"value": ""}})
        doc = template([acr, endpoint, nested], parameters={**P_LOC, "id": described()})
        assert found(doc, "W0006") == []

    def test_an_empty_location_and_an_empty_tenant_id(self):
        doc = template([vault(tenantId="") | {"location": ""}], parameters=P_LOC)
        assert sorted(messages(doc, "W0006")) == ["Microsoft.KeyVault/vaults 'kv' has an empty location",
                                                  "Microsoft.KeyVault/vaults 'kv' sets 'tenantId' to an empty string"]


def data_factory(name: str = "adf", **extra) -> dict:
    return {"type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01", "name": name, "location": LOC,
            "properties": {"publicNetworkAccess": "Disabled"}, **extra}


P_WS = {**P_LOC, "workspaceId": described()}


class TestDiagnosticsToWorkspace:
    def test_a_template_without_diagnostic_settings_is_left_alone(self):
        assert found(template([vault(), storage(GOOD_STORAGE)], parameters=P_LOC), "W7003") == []

    def test_storage_is_covered_by_a_setting_on_one_of_its_services(self):
        doc = template(
            [storage(GOOD_STORAGE), diagnostics("Microsoft.Storage/storageAccounts/lake/blobServices/default")],
            parameters=P_WS,
        )
        assert found(doc, "W7003") == []

    def test_resource_ids_and_legacy_child_settings_count(self):
        legacy = {"type": "providers/diagnosticSettings", "apiVersion": "2021-05-01-preview",
                  "name": "Microsoft.Insights/central", "properties": {"workspaceId": "[parameters('workspaceId')]"}}
        by_id = diagnostics("[resourceId('Microsoft.DataFactory/factories', 'adf')]")
        doc = template([vault() | {"resources": [legacy]}, data_factory(), by_id], parameters=P_WS)
        assert found(doc, "W7003") == []

    def test_a_setting_without_a_workspace_covers_nothing(self):
        doc = template(
            [
                vault(),
                data_factory(),
                diagnostics("Microsoft.KeyVault/vaults/kv"),
                diagnostics("Microsoft.DataFactory/factories/adf")
                | {"properties": {"storageAccountId": "[parameters('workspaceId')]"}},
            ],
            parameters=P_WS,
        )
        assert messages(doc, "W7003") == [
            "Microsoft.DataFactory/factories 'adf' sends no diagnostics to a Log Analytics "
            "workspace, unlike other services of this template"
        ]

    def test_a_setting_that_is_not_deployed_covers_nothing(self):
        # the reference batch template's shape: the SQL databases' setting is conditioned on the wrong flavour
        off = diagnostics("Microsoft.DataFactory/factories/adf") | {
            "condition": "[equals(parameters('flavour'), 'mysql')]"
        }
        doc = template([vault(), data_factory(), diagnostics("Microsoft.KeyVault/vaults/kv"), off],
                       parameters={**P_WS, "flavour": described(defaultValue="sql")})
        assert len(found(doc, "W7003")) == 1

    def test_unknown_names_count_for_every_resource_of_the_written_type(self):
        scope = "[format('Microsoft.DataFactory/factories/{0}', parameters('factory'))]"
        doc = template([vault(), data_factory("[parameters('factory')]"), diagnostics("Microsoft.KeyVault/vaults/kv"),
                        diagnostics(scope)], parameters={**P_WS, "factory": described()})
        assert found(doc, "W7003") == []
        doc["resources"][-1]["scope"] = "[format('Microsoft.Synapse/workspaces/{0}', parameters('factory'))]"
        assert len(found(doc, "W7003")) == 1


def test_rules_carry_their_documented_levels():
    levels = {rule_id: find_rule(rule_id).default_severity().label for rule_id in ("W1004", "E3003", "W0006", "W7003")}
    assert levels == {"W1004": "warning", "E3003": "error", "W0006": "warning", "W7003": "warning"}


def test_messages_show_values_as_the_template_writes_them():
    doc = template([storage({**GOOD_STORAGE, "supportsHttpsTrafficOnly": False})], parameters=P_LOC)
    (hit,) = found(doc, "W5008")
    assert "supportsHttpsTrafficOnly to false" in hit.message and "False" not in hit.message


def test_an_output_of_a_plain_secret_named_parameter_is_a_disclosure():
    doc = template([], parameters={**P_LOC, "adminPassword": {"type": "string"}})
    doc["outputs"] = {"pw": {"type": "string", "value": "[parameters('adminPassword')]"}}
    (hit,) = found(doc, "W5011")  # a guess from the name: a warning
    assert "parameter 'adminPassword', which is named like a secret" in hit.message
    assert found(doc, "E5003") == []
    doc["parameters"]["adminPassword"]["type"] = "secureString"
    (hit,) = found(doc, "E5003")
    assert "secure parameter 'adminpassword'" in hit.message


def test_posture_messages_read_as_sentences_whether_the_setting_is_wrong_or_left_to_its_default():
    wrong = template([storage({**GOOD_STORAGE, "minimumTlsVersion": "TLS1_0"})], parameters=P_LOC)
    (hit,) = found(wrong, "W5008")
    assert hit.message.endswith("properties.minimumTlsVersion to 'TLS1_0', which allows insecure transport")
    missing = template([storage({k: v for k, v in GOOD_STORAGE.items() if k != "minimumTlsVersion"})], parameters=P_LOC)
    (hit,) = found(missing, "W5008")
    assert hit.message.endswith("does not set properties.minimumTlsVersion, and the default allows insecure transport")
    public = template([vault(publicNetworkAccess="Enabled")], parameters=P_LOC)
    (hit,) = found(public, "W5009")
    assert hit.message.endswith("which makes it reachable from the public internet")
