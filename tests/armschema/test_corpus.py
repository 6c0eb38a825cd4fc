"""Microsoft's own templates: every finding of the type-data rules is a true statement, listed with its reason.

The reference corpus (the cloud-scale analytics repositories' compiled templates) and the trust corpus (Azure
docs samples and the Azure landing zone accelerator, templates Microsoft publishes and deploys) are linted
once. Each expected finding names the file, the line, the rule, the property path and why it is right; any
new finding, or one that goes away, fails the test. Each was checked against the type data of the API version
the resource names (`relecloud describe TYPE@VERSION` shows it).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.armschema.conftest import SCHEMA_RULES

CORPORA = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
TYPE_RULES = SCHEMA_RULES - {"E0007"}  # E0007 judges the template language, not resources

READ_ONLY = "read-only at this API version: Azure ignores the value"
ADDED_LATER = "not in this API version (a later one adds it): the provider ignores it"
ALIAS = "Microsoft.Subscription/aliases@2020-09-01"

# (file under ../shared/corpus, line, rule, property path, reason)
EXPECTED = [
    ("reference/data-management-zone/infra/Policies/PolicyDefinitions/Storage/SampleDeployPrivateEndpointConnection/"
     "deploy.privateEndpointConnections.json", 33, "W3024", "properties.privateEndpoint.id",
     "the private endpoint of a connection is the provider's to set; " + READ_ONLY),
    ("reference/data-management-zone/infra/main.json", 2437, "W3024", "properties.friendlyName",
     "Purview 2021-07-01 derives the friendly name from the account name; " + READ_ONLY),
    ("reference/data-product-analytics/infra/main.json", 2634, "W3008", "properties.properties.enableNodePublicIp",
     "Machine Learning compute clusters 2021-07-01 have no such setting; " + ADDED_LATER),
    ("reference/data-product-analytics/infra/main.json", 2635, "W3008", "properties.properties.isolatedNetwork",
     "Machine Learning compute clusters 2021-07-01 have no such setting; " + ADDED_LATER),
    ("reference/data-product-batch/infra/main.json", 583, "W3008",
     "properties.dynamicExecutorAllocation.minExecutors", "Synapse Spark pools 2021-03-01; " + ADDED_LATER),
    ("reference/data-product-batch/infra/main.json", 584, "W3008",
     "properties.dynamicExecutorAllocation.maxExecutors", "Synapse Spark pools 2021-03-01; " + ADDED_LATER),
    ("reference/data-product-batch/infra/main.json", 1871, "W3008", "properties.infrastructureEncryption",
     "MariaDB servers (2018-06-01, the only version) never had infrastructure encryption: the setting is lost"),
    *(("reference/data-product-streaming/infra/main.json", line, "W3024",
       "properties.manualPrivateLinkServiceConnections[0].properties.requestMessage",
       "Stream Analytics 2020-03-01 managed private endpoints: the request message is read-only, so the owner of "
       "the storage account / SQL server / Event Hubs namespace never sees it")
      for line in (1747, 1770, 1793)),
    *((f"trust/Enterprise-Scale/{file}", line, "I3009", "properties.workLoad",
       f"{ALIAS} spells it 'workload'; ARM matches names case-insensitively")
      for file, line in (("docs/reference/lzs/armTemplates/eslz.json", 25),
                         ("examples/landing-zones/connected-subscription/connectedSubscription.json", 95),
                         ("examples/landing-zones/empty-subscription/emptySubscription.json", 31),
                         ("examples/landing-zones/subscription-into-managementGroup/subscriptionIntoManagementGroup"
                          ".json", 65),
                         ("examples/landing-zones/subscription-with-rbac/subscriptionWithRbac.json", 80),
                         ("examples/landing-zones/tagged-subscription/taggedSubscription.json", 77))),
    *((f"trust/Enterprise-Scale/{file}", line, "W3008", "properties.managementGroupId",
       f"{ALIAS} has no managementGroupId (2021-10-01 adds additionalProperties.managementGroupId): the new "
       "subscription is not placed in the management group by the alias")
      for file, line in (("docs/reference/lzs/armTemplates/eslz.json", 28),
                         ("examples/landing-zones/connected-subscription/connectedSubscription.json", 98),
                         ("examples/landing-zones/empty-subscription/emptySubscription.json", 34),
                         ("examples/landing-zones/tagged-subscription/taggedSubscription.json", 80))),
    # Files that parse since raw newlines and tabs in strings are accepted, as ARM accepts them.
    *((f"trust/Enterprise-Scale/{file}", line, "I3009", "properties.ipConfigurations[0].properties.publicIpAddress",
       "virtual network gateways spell it publicIPAddress; ARM matches names case-insensitively")
      for file, lines in (("docs/reference/treyresearch/armTemplates/auxiliary/hubspoke-connectivity.json",
                           (391, 443, 455, 517)),
                          ("eslzArm/subscriptionTemplates/hubspoke-connectivity.json", (387, 439, 451, 513)),
                          ("eslzArm/subscriptionTemplates/nvahubspoke-connectivity.json", (296, 348, 360, 422)))
      for line in lines),
    *(("trust/Enterprise-Scale/eslzArm/subscriptionTemplates/vwan-connectivity.json", line, "I3009", f"sku.{name}",
       f"Azure firewalls spell it {name.lower()}; ARM matches names case-insensitively")
      for line, name in ((503, "Name"), (504, "Tier"), (631, "Name"), (632, "Tier"))),
    ("trust/Enterprise-Scale/eslzArm/subscriptionTemplates/vnetPeeringVwan.json", 131, "W3026", "apiVersion",
     "the 2019-09-01 specification has no PUT for hub virtual network connections (2020-05-01 adds it); the network "
     "provider accepts it anyway, so a warning: the landing zones deploy it"),
    ("trust/azure-docs-json-samples/deployment-script/deploymentscript-keyvault-mi.json", 145, "W3024",
     "properties.scope", "a role assignment's scope is where it is deployed; " + READ_ONLY),
    ("trust/Enterprise-Scale/eslzArm/resourceGroupTemplates/dataCollectionRule-CT.json", 309, "W3024", "id",
     "a resource's id is computed by ARM; " + READ_ONLY),
    ("trust/Enterprise-Scale/eslzArm/resourceGroupTemplates/dataCollectionRule-VmInsights.json", 54, "W3008",
     "properties.dataSources.performanceCounters[0].scheduledTransferPeriod",
     "data collection rules 2021-04-01 have no transfer period (an early preview had it): ignored"),
    *(("trust/Enterprise-Scale/eslzArm/resourceGroupTemplates/privateDnsZones.json", line, "W3024",
       f"properties.{name}", "zone limits are reported by Azure, not set; " + READ_ONLY)
      for line, name in ((35, "maxNumberOfRecordSets"), (36, "maxNumberOfVirtualNetworkLinks"),
                         (37, "maxNumberOfVirtualNetworkLinksWithRegistration"))),
    ("trust/Enterprise-Scale/eslzArm/subscriptionTemplates/logAnalyticsWorkspace.json", 54, "W3008",
     "properties.enableLogAccessUsingOnlyResourcePermissions",
     "the setting belongs in properties.features: written here, the workspace keeps its default access mode"),
    ("trust/Enterprise-Scale/eslzArm/subscriptionTemplates/mdfcConfiguration.json", 487, "W3024",
     "properties.resourcesCoverageStatus", "Defender plan coverage is reported by Azure; " + READ_ONLY),
    ("trust/Enterprise-Scale/eslzArm/subscriptionTemplates/mdfcConfiguration.json", 616, "W3008",
     "properties.description", "security contacts 2020-01-01-preview have no description: ignored"),
    ("trust/azure-docs-json-samples/application-insights/ServiceFabricCluster.json", 475, "W3024",
     "properties.clusterState", "the cluster's state is reported by Azure; " + READ_ONLY),
    ("trust/azure-docs-json-samples/application-insights/ServiceFabricCluster.json", 512, "W3024",
     "properties.provisioningState", "a provisioning state is reported by Azure; " + READ_ONLY),
    ("trust/azure-docs-json-samples/azure-resource-manager/functions/resource/tenantresourceid.json", 26, "W3024",
     "properties.scope", "a policy assignment's scope is where it is deployed; " + READ_ONLY),
    ("trust/azure-docs-json-samples/management-level-deployment/azuredeploy.json", 67, "W3024", "properties.scope",
     "a policy assignment's scope is where it is deployed; " + READ_ONLY),
    ("trust/azure-docs-json-samples/azure-resource-manager/linkedtemplates/public-ip-parentloadbalancer.json", 37,
     "W3008", "properties.outboundNatRules",
     "load balancers 2021-02-01 call them outboundRules (outboundNatRules was retired in 2018): ignored"),
    ("trust/azure-docs-json-samples/azure-resource-manager/ui-forms/keyvault.json", 141, "W3024", "location",
     "a Key Vault secret lives where its vault does; " + READ_ONLY),
    ("trust/azure-docs-json-samples/tutorials-use-key-vault/CreateKeyVault.json", 93, "W3024", "location",
     "a Key Vault secret lives where its vault does; " + READ_ONLY),
    *((f"trust/azure-docs-json-samples/container-instances/{file}", line, "I3009",
       f"properties.containers[{i}].properties.resources.requests.memoryInGb",
       "container groups 2021-03-01 spell it memoryInGB; ARM matches names case-insensitively")
      for file, line, i in (("aci-deploy-volume-emptydir.json", 25, 0), ("aci-deploy-volume-emptydir.json", 48, 1),
                            ("aci-deploy-volume-gitrepo.json", 23, 0), ("aci-deploy-volume-secret.json", 23, 0))),
    ("trust/azure-docs-json-samples/custom-providers/customprovider.json", 48, "W3008", "properties.name",
     "a web app's properties have no name (it is the resource's name): ignored"),
    ("trust/azure-docs-json-samples/custom-providers/customprovider.json", 121, "W3020", "type",
     "a custom provider's own resource type: no type data can know it"),
    ("trust/azure-docs-json-samples/deployment-script/deploymentscript-basic-cli.json", 29, "I3009",
     "properties.AzCliVersion", "deployment scripts spell it azCliVersion"),
    ("trust/azure-docs-json-samples/deployment-script/deploymentscript-basic-cli.json", 39, "E5020",
     "properties.environmentVariables[1].secureValue",
     "a secure environment variable given a literal password: the secret is in the template"),
    ("trust/azure-docs-json-samples/deployment-script/deploymentscript-helloworld-primaryscripturi.json", 26, "I3009",
     "properties.primaryScriptURI", "deployment scripts spell it primaryScriptUri"),
    ("trust/azure-docs-json-samples/event-grid/EventHubsDataMigration.json", 136, "W3024", "location",
     "a SQL firewall rule lives where its server does; " + READ_ONLY),
    ("trust/azure-docs-json-samples/event-grid/EventHubsDataMigration.json", 154, "W3024", "sku.tier",
     "a storage account's tier follows from its SKU name; " + READ_ONLY),
    ("trust/azure-docs-json-samples/mslearn-arm-Module-sample/storage.json", 20, "W3024", "sku.tier",
     "a storage account's tier follows from its SKU name; " + READ_ONLY),
    ("trust/azure-docs-json-samples/event-grid/EventHubsDataMigration.json", 177, "W3008",
     "properties.numberOfWorkers", "App Service plans 2015-08-01 set workers with sku.capacity: ignored"),
    ("trust/azure-docs-json-samples/management-level-deployment/azuredeploy.json", 107, "W3023", "kind",
     "a storage account needs its kind (StorageV2...); the specifications require it at every version"),
]

# API versions that Azure still serves but its REST specifications (and so the type data) no longer describe:
# the warning is true, the deployments work. (file, lines, type@version)
UNPUBLISHED_VERSIONS = [
    *((f"trust/Enterprise-Scale/{file}", lines, "Microsoft.Authorization/roleAssignments@2019-04-01-preview")
      for file, lines in (
        ("docs/reference/treyresearch/armTemplates/auxiliary/diagnosticsAndSecurity.json", (210, 247, 323)),
        ("docs/reference/treyresearch/armTemplates/auxiliary/hubspoke-connectivity.json", (220,)),
        ("docs/reference/treyresearch/armTemplates/auxiliary/lz.json",
         (298, 341, 384, 414, 475, 505, 636, 673, 710, 747)),
        ("eslzArm/managementGroupTemplates/roleAssignments/roleAssignment.json", (25,)),
        ("examples/landing-zones/subscription-with-rbac/subscriptionWithRbac.json", (213,)),
        *((f"eslzArm/managementGroupTemplates/policyAssignments/{name}.json", lines) for name, lines in (
            ("DENY-DINE-APPEND-TLS-SSL-PolicyAssignment", (67,)), ("DINE-ActivityLogPolicyAssignment", (84, 97)),
            ("DINE-AtpOssDbPolicyAssignment", (69,)), ("DINE-AtpSqlDbPolicyAssignment", (69,)),
            ("DINE-MDEndpointsAMAPolicyAssignment", (69,)), ("DINE-MDEndpointsPolicyAssignment", (91,)),
            ("DINE-MDFCConfigPolicyAssignment", (231,)), ("DINE-PrivateDNSZonesPolicyAssignment", (433,)),
            ("DINE-ResourceDiagnosticsPolicyAssignment", (87, 100)), ("DINE-SQLAuditingPolicyAssignment", (79, 92)),
            ("DINE-SQLEncryptionPolicyAssignment", (68,)), ("DINE-SQLThreatPolicyAssignment", (68,)),
            ("DINE-VMBackupPolicyAssignment", (72, 85)), ("ENFORCE-ALZ-DecommissionedPolicyAssignment", (83,)),
            ("ENFORCE-AcsbPolicyAssignment", (66,)), ("ENFORCE-EncryptionCMKPolicyAssignment", (70,)),
            ("ENFORCE-GuardrailsNetworkPolicyAssignment", (79,)),
            ("ENFORCE-RegulatoryCompliancePolicyAssignment", (4338,)), ("MODIFY-DDoSPolicyAssignment", (77,)),
            ("china/mcDINE-MDFCConfigPolicyAssignment", (118,)), ("gov/fairfaxDINE-MDFCConfigPolicyAssignment", (151,)),
            ("gov/fairfaxDINE-PrivateDNSZonesPolicyAssignment", (145,)),
            *((f"ENFORCE-Guardrails{service}PolicyAssignment", (70,)) for service in (
                "APIM", "AppServices", "Automation", "BotService", "CognitiveServices", "Compute", "ContainerApps",
                "ContainerInstance", "ContainerRegistry", "CosmosDb", "DataExplorer", "DataFactory", "EventGrid",
                "EventHub", "KeyVaultSup", "Kubernetes", "MachineLearning", "MySQL", "OpenAI", "PostgreSQL", "SQL",
                "ServiceBus", "Storage", "Synapse", "VirtualDesktop")),
        )),
    )),
    ("trust/Enterprise-Scale/docs/reference/treyresearch/armTemplates/auxiliary/logAnalytics.json", (93,),
     "Microsoft.OperationalInsights/workspaces@2017-03-15-preview"),
]


@pytest.fixture(scope="module")
def corpus_findings(corpora_result) -> list:
    result = corpora_result  # linted once per session (tests/conftest.py), shared with tests/lint/test_corpora.py
    assert [d.format() for d in result.diagnostics if d.code == "E0011"] == []
    # (the Bicep sources give the findings of the templates they compile to: tests/bicep/test_validate_bicep.py)
    return [d for d in result.diagnostics if d.code in TYPE_RULES
            and not d.location.path.endswith((".bicep", ".bicepparam"))]


def _where(diagnostic) -> tuple[str, int, str]:
    return Path(diagnostic.location.path).relative_to(CORPORA).as_posix(), diagnostic.location.line, diagnostic.code


def test_every_property_finding_on_microsofts_templates_is_listed_with_its_reason(corpus_findings):
    found = {_where(d): d for d in corpus_findings if d.code != "W3021"}
    expected = {(file, line, rule): (path, reason) for file, line, rule, path, reason in EXPECTED}
    assert sorted(found) == sorted(expected), "a finding appeared or went away: check it and update EXPECTED"
    for key, (path, reason) in expected.items():
        leaf = path.rsplit(".", 1)[-1].split("[", 1)[0]
        assert leaf in ("type", "apiVersion") or leaf in found[key].message + found[key].hint, (key, found[key].message)
        assert reason


def test_no_error_for_an_api_version_and_every_unknown_version_is_a_known_unpublished_one(corpus_findings):
    unknown = sorted(_where(d)[:2] for d in corpus_findings if d.code == "W3021")
    expected = sorted((file, line) for file, lines, _ in UNPUBLISHED_VERSIONS for line in lines)
    assert unknown == expected
    by_place = {_where(d)[:2]: d.message for d in corpus_findings if d.code == "W3021"}
    for file, lines, type_version in UNPUBLISHED_VERSIONS:
        type_name, version = type_version.split("@")
        for line in lines:
            assert by_place[(file, line)].startswith(f"{type_name} has no API version '{version}'")
    assert not [d for d in corpus_findings if d.code == "W3021" and d.severity.label == "error"]


def test_the_only_errors_are_real_defects(corpus_findings):
    errors = sorted(_where(d) for d in corpus_findings if d.severity.label == "error")
    assert errors == [("trust/azure-docs-json-samples/deployment-script/deploymentscript-basic-cli.json", 39, "E5020")]
