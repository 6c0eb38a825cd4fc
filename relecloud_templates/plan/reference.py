"""Every module of Microsoft's five reference templates, and what relecloud makes of it.

A module is either rendered by relecloud services (their keys; each is then kept or pruned in the unit with its
own reason) or not rendered at all, with the reason. ``--explain`` lists, per unit, the modules of the reference
template the unit follows that relecloud does not render, so that nothing of the reference vanishes silently;
a test checks the table against the reference repositories' module files.
"""

from __future__ import annotations

from dataclasses import dataclass

from relecloud_templates.plan.model import Item

DMZ, DLZ = "data-management-zone", "data-landing-zone"
BATCH, ANALYTICS, STREAMING = "data-product-batch", "data-product-analytics", "data-product-streaming"


@dataclass(frozen=True)
class ReferenceModule:
    repository: str
    module: str  # path below infra/modules/
    what: str
    services: tuple[str, ...] = ()  # relecloud service keys (or key prefixes ending in "*") that render it
    not_rendered: str = ""  # why relecloud never renders it (when no service does)


def _m(repository: str, module: str, what: str, *services: str, why: str = "") -> ReferenceModule:
    return ReferenceModule(repository, module, what, services, why)


_NO_EMAIL = "the manifest names no team e-mail address to alert"
_NO_DASHBOARD = "portal dashboards are not rendered: the workspace's queries and workbooks serve"
_DIAGNOSTICS = "every module sends its own diagnostics (common/_diagnostics.json.j2)"
_DELAY = "ARM waits for real dependencies here (dependsOn); no empty deployments as delays"
_NO_OPERATIONAL_DB = "the manifest names no operational database for a workload"
_HIVE = ("Databricks keeps its metadata in Unity Catalog: no external Hive metastore (SQL server, MySQL and their "
         "Key Vaults in the metadata resource group)")

MODULES: tuple[ReferenceModule, ...] = (
    # -- data management zone ------------------------------------------------------------------------------
    _m(DMZ, "network.bicep", "hub network, firewall, policy, route table", "network"),
    _m(DMZ, "services/firewallPolicyRules.bicep", "firewall rule collections", "network"),
    _m(DMZ, "services/privatednszones.bicep", "private DNS zones", "privateDnsZones"),
    _m(DMZ, "governance.bicep", "Purview and its Key Vault", "purview", "keyVault"),
    _m(DMZ, "services/purview.bicep", "Purview account and private endpoints", "purview"),
    _m(DMZ, "services/keyvault.bicep", "Key Vault", "keyVault"),
    _m(DMZ, "auxiliary/purviewRoleAssignmentKeyVault.bicep", "Purview reads the Key Vault", "keyVault"),
    _m(DMZ, "container.bicep", "container registry", "containerRegistry"),
    _m(DMZ, "services/containerregistry.bicep", "container registry", "containerRegistry"),
    _m(DMZ, "consumption.bicep", "Synapse private link hub", "synapsePrivateLinkHub"),
    _m(DMZ, "services/synapseprivatelinkhub.bicep", "Synapse private link hub", "synapsePrivateLinkHub"),
    _m(
        DMZ,
        "automation.bicep",
        "identity that runs the Purview setup script",
        why="Purview's root collection administrators are Purview data plane: no script identity with Owner on "
        "the governance resource group is rendered",
    ),
    _m(
        DMZ,
        "services/userassignedidentity.bicep",
        "user-assigned identity for the setup script",
        why="no deployment script needs it (see automation.bicep)",
    ),
    _m(
        DMZ,
        "auxiliary/userAssignedIdentityRoleAssignmentResourceGroup.bicep",
        "Owner for the script identity",
        why="no deployment script runs with Owner rights",
    ),
    _m(
        DMZ,
        "auxiliary/purviewSetup.bicep",
        "deployment script adding Purview root collection administrators",
        why="Purview collection roles are data plane (no ARM type): recorded for deploy, not scripted in ARM",
    ),
    _m(
        DMZ,
        "services/dnsforwarder.bicep",
        "VM scale set DNS forwarder (commented out in the reference)",
        why="the firewall's DNS proxy resolves for every zone",
    ),
    _m(
        DMZ,
        "services/powerbiprivatelink.bicep",
        "Power BI private link (commented out in the reference)",
        why="Power BI reaches products through the virtual network data gateway, not a tenant-wide private link",
    ),
    # -- data landing zone -----------------------------------------------------------------------------------
    _m(DLZ, "network.bicep", "spoke network, NSGs, route table, peerings", "network", "peering*"),
    _m(
        DLZ,
        "auxiliary/dataManagementZoneVnetPeering.bicep",
        "the management zone's side of the peering",
        "peeringManagementReverse",
    ),
    _m(DLZ, "logging.bicep", "the zone's Log Analytics workspace and its Key Vault", "logAnalytics"),
    _m(DLZ, "services/loganalytics.bicep", "the zone's Log Analytics workspace", "logAnalytics"),
    _m(
        DLZ,
        "auxiliary/logAnalyticsSecretDeployment.bicep",
        "workspace id and shared key as Key Vault secrets",
        why="the workspaces' local authentication is off: agents and services use Entra ID, no key is stored",
    ),
    _m(
        DLZ,
        "services/keyvault.bicep",
        "Key Vaults of the logging and metadata resource groups",
        why="no secret needs them: no workspace key (logging) and no Hive metastore (metadata)",
    ),
    _m(DLZ, "storage.bicep", "raw, enriched/curated and workspace lakes", "lake*"),
    _m(DLZ, "services/storage.bicep", "a data lake account", "lake*"),
    _m(DLZ, "externalstorage.bicep", "external storage for third-party deliveries", "externalStorage"),
    _m(DLZ, "services/externalstorage.bicep", "external storage account", "externalStorage"),
    _m(DLZ, "metadata.bicep", "Hive metastore databases and their Key Vaults", why=_HIVE),
    _m(DLZ, "services/sql.bicep", "Azure SQL Hive metastore", why=_HIVE),
    _m(DLZ, "services/mysql.bicep", "MySQL Hive metastore", why=_HIVE),
    _m(DLZ, "runtimes.bicep", "the runtime Data Factory and its self-hosted runtimes", "selfHostedRuntime*"),
    _m(
        DLZ,
        "services/datafactoryruntime.bicep",
        "the Data Factory that hosts the shared self-hosted runtime",
        "selfHostedRuntime*",
    ),
    _m(
        DLZ,
        "services/selfHostedIntegrationRuntime.bicep",
        "VM scale set hosting the self-hosted runtime nodes",
        why="the runtime's nodes run on premises, next to the sources: the estate has no connection to the "
        "on-premises network of its own (no gateway), so a node in Azure could not reach them",
    ),
    _m(
        DLZ,
        "auxiliary/shareSelfHostedIntegrationRuntime.bicep",
        "the runtime shared into the integration factory",
        why="each engine that reads on-premises sources gets its own self-hosted runtime (Synapse cannot use a "
        "shared one)",
    ),
    _m(
        DLZ,
        "auxiliary/datafactoryRoleAssignmentDataFactory.bicep",
        "Contributor on the runtime factory",
        why="no runtime is shared between factories",
    ),
    _m(DLZ, "auxiliary/delay.bicep", "empty deployments that wait", why=_DELAY),
    _m(
        DLZ,
        "sharedintegration.bicep",
        "Databricks, Data Factory and Event Hubs for integrations",
        "databricksIntegration",
        "dataFactory",
        "eventHub",
    ),
    _m(DLZ, "sharedproduct.bicep", "Databricks and Synapse for products", "databricksProduct", "synapse"),
    _m(DLZ, "services/databricks.bicep", "Databricks workspace", "databricks*"),
    _m(DLZ, "services/datafactorysharedintegration.bicep", "shared Data Factory", "dataFactory"),
    _m(DLZ, "services/eventhubnamespace.bicep", "Event Hubs namespace", "eventHub"),
    _m(DLZ, "services/synapse.bicep", "shared Synapse workspace", "synapse"),
    _m(
        DLZ,
        "auxiliary/dataFactoryRoleAssignmentStorage.bicep",
        "Data Factory writes the lakes (per container)",
        "dataAccess*",
    ),
    _m(DLZ, "auxiliary/synapseRoleAssignmentStorage.bicep", "Synapse writes the lakes (per container)", "dataAccess*"),
    _m(
        DLZ,
        "auxiliary/dataFactoryRoleAssignmentDatabricks.bicep",
        "Contributor for Data Factory on Databricks",
        why="no Data Factory pipeline drives Databricks through ARM: Databricks jobs run in the workspace",
    ),
    _m(DLZ, "auxiliary/purviewRoleAssignmentSubscription.bicep", "Purview reads the subscription", "purviewAccess"),
    # -- data product batch -------------------------------------------------------------------------------
    _m(BATCH, "services/keyvault.bicep", "the workload's Key Vault", "keyVault"),
    _m(BATCH, "services/datafactory.bicep", "the workload's Data Factory", "dataFactory"),
    _m(
        BATCH,
        "services/synapse.bicep",
        "the workload's Synapse workspace and pools",
        "synapse",
        "sparkPool*",
        "sqlPool*",
    ),
    _m(BATCH, "auxiliary/synapseRoleAssignmentStorage.bicep", "Synapse writes the lake (per container)", "dataAccess*"),
    _m(BATCH, "services/loganalytics.bicep", "the workload's Log Analytics workspace", "logAnalytics"),
    _m(BATCH, "services/diagnosticsettings.bicep", "diagnostic settings", why=_DIAGNOSTICS),
    _m(BATCH, "services/alerts.bicep", "action group and metric alerts", why=_NO_EMAIL),
    _m(BATCH, "services/dashboard.bicep", "portal dashboard", why=_NO_DASHBOARD),
    _m(BATCH, "services/cosmosdb.bicep", "Cosmos DB", why=_NO_OPERATIONAL_DB),
    _m(BATCH, "services/sql.bicep", "Azure SQL database", why=_NO_OPERATIONAL_DB),
    _m(BATCH, "services/mysql.bicep", "MySQL", why=_NO_OPERATIONAL_DB),
    _m(BATCH, "services/mariadb.bicep", "MariaDB", why=_NO_OPERATIONAL_DB),
    _m(BATCH, "services/postgresql.bicep", "PostgreSQL", why=_NO_OPERATIONAL_DB),
    # -- data product analytics ----------------------------------------------------------------------------
    _m(ANALYTICS, "services/keyvault.bicep", "the product's Key Vault", "keyVault"),
    _m(ANALYTICS, "services/storage.bicep", "Machine Learning storage", "storage"),
    _m(ANALYTICS, "services/containerregistry.bicep", "Machine Learning registry", "containerRegistry"),
    _m(ANALYTICS, "services/applicationinsights.bicep", "Application Insights", "applicationInsights"),
    _m(
        ANALYTICS,
        "services/machinelearning.bicep",
        "Machine Learning workspace and its computes",
        "machineLearning",
        "trainingCompute",
        "aks",
    ),
    _m(
        ANALYTICS,
        "auxiliary/machineLearningRoleAssignmentContainerRegistry.bicep",
        "AcrPull on an external registry",
        why="the product's cluster pulls from the product's own registry (the kubelet identity's AcrPull is "
        "rendered with the cluster)",
    ),
    _m(
        ANALYTICS,
        "auxiliary/machineLearningRoleAssignmentStorage.bicep",
        "Machine Learning reads the lakes",
        why="the product's read grants on the lakes it reads are data flows (left to the access model)",
    ),
    _m(
        ANALYTICS,
        "auxiliary/synapseRoleAssignmentStorage.bicep",
        "Synapse writes the lake",
        why="the product runs Machine Learning, not a Synapse workspace of its own",
    ),
    _m(
        ANALYTICS,
        "services/datafactory.bicep",
        "the product's Data Factory",
        why="the product's pipelines run on the zone's shared engine",
    ),
    _m(
        ANALYTICS,
        "services/synapse.bicep",
        "the product's Synapse workspace",
        why="the product's pipelines run on the zone's shared engine",
    ),
    _m(
        ANALYTICS,
        "services/cognitiveservices.bicep",
        "Cognitive Services accounts",
        why="the manifest asks for no Cognitive Services",
    ),
    _m(ANALYTICS, "services/search.bicep", "Azure AI Search", why="the manifest asks for no search service"),
    _m(
        ANALYTICS,
        "services/loganalytics.bicep",
        "the product's Log Analytics workspace",
        why="its Application Insights and diagnostics use the zone's workspace",
    ),
    _m(ANALYTICS, "services/diagnosticsettings.bicep", "diagnostic settings", why=_DIAGNOSTICS),
    _m(ANALYTICS, "services/alerts.bicep", "action group and metric alerts", why=_NO_EMAIL),
    _m(ANALYTICS, "services/dashboard.bicep", "portal dashboard", why=_NO_DASHBOARD),
    # -- data product streaming ----------------------------------------------------------------------------
    _m(
        STREAMING,
        "services/eventhubnamespace.bicep",
        "Event Hubs namespace",
        why="streaming integrations use the zone's shared Event Hubs namespace",
    ),
    _m(STREAMING, "services/iothub.bicep", "IoT Hub", why="the manifest has no device sources"),
    _m(
        STREAMING,
        "services/streamanalytics.bicep",
        "Stream Analytics cluster and job",
        why="the manifest asks for no stream processing outside the shared engines",
    ),
    _m(
        STREAMING,
        "auxiliary/streamanalyticsRoleAssignmentStorage.bicep",
        "Stream Analytics writes the lake",
        why="no Stream Analytics job is rendered",
    ),
    _m(
        STREAMING,
        "services/synapse.bicep",
        "a Synapse workspace with Spark and Data Explorer pools",
        why="streaming integrations use the zone's shared engines",
    ),
    _m(
        STREAMING,
        "auxiliary/synapseRoleAssignmentStorage.bicep",
        "Synapse writes the lake",
        why="no Synapse workspace of its own",
    ),
    _m(STREAMING, "services/keyvault.bicep", "Key Vault", why="no unit of its own needs one"),
    _m(STREAMING, "services/cosmosdb.bicep", "Cosmos DB", why=_NO_OPERATIONAL_DB),
    _m(STREAMING, "services/sql.bicep", "Azure SQL database", why=_NO_OPERATIONAL_DB),
    _m(STREAMING, "services/loganalytics.bicep", "Log Analytics workspace", why="the zone's workspace serves"),
    _m(STREAMING, "services/diagnosticsettings.bicep", "diagnostic settings", why=_DIAGNOSTICS),
    _m(STREAMING, "services/alerts.bicep", "action group and metric alerts", why=_NO_EMAIL),
    _m(STREAMING, "services/dashboard.bicep", "portal dashboard", why=_NO_DASHBOARD),
    _m(STREAMING, "auxiliary/delay.bicep", "empty deployments that wait", why=_DELAY),
)

TEMPLATE_REPOSITORY = {"batch": BATCH, "analytics": ANALYTICS, "streaming": STREAMING}


def items_of(repository: str) -> list[Item]:
    """The modules of ``repository`` that relecloud does not render, as pruned items with the reason."""
    return [Item("reference", f"{m.repository}/{m.module}", False, (m.not_rendered,))
            for m in MODULES if m.repository == repository and not m.services]


def unused_repositories(followed: set[str]) -> list[str]:
    """Reference repositories no unit of the estate follows."""
    return [r for r in (DMZ, DLZ, BATCH, ANALYTICS, STREAMING) if r not in followed]
