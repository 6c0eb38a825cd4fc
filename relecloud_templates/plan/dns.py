"""Private DNS zones: the ones relecloud can create, and the ones the reference creates that it never needs.

A private endpoint's DNS zone group points at zones in the management zone; the management zone creates only
the zones that some kept private endpoint resolves through. Zone names under ``core.windows.net`` and
``database.windows.net`` come from ``environment()`` so that they follow the cloud (never hard-coded).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DnsZone:
    key: str  # stable identifier used by services and templates
    display: str  # the name in the public cloud, for people
    literal: str | None  # the ARM name when it is the same in every cloud
    expression: str  # an ARM expression (without brackets) that evaluates to the name

    def as_context(self) -> dict[str, str | None]:
        return {"key": self.key, "display": self.display, "literal": self.literal, "expression": self.expression}


def _fixed(key: str, name: str) -> DnsZone:
    return DnsZone(key, name, name, f"'{name}'")


def _storage(key: str, sub: str) -> DnsZone:
    return DnsZone(
        key,
        f"privatelink.{sub}.core.windows.net",
        None,
        f"format('privatelink.{sub}.{{0}}', environment().suffixes.storage)",
    )


ZONES: dict[str, DnsZone] = {
    zone.key: zone
    for zone in (
        _storage("blob", "blob"),
        _storage("dfs", "dfs"),
        _storage("queue", "queue"),
        _storage("file", "file"),
        _fixed("vault", "privatelink.vaultcore.azure.net"),
        _fixed("registry", "privatelink.azurecr.io"),
        _fixed("purviewAccount", "privatelink.purview.azure.com"),
        _fixed("purviewPortal", "privatelink.purviewstudio.azure.com"),
        _fixed("synapseWeb", "privatelink.azuresynapse.net"),
        _fixed("synapseSql", "privatelink.sql.azuresynapse.net"),
        _fixed("synapseDev", "privatelink.dev.azuresynapse.net"),
        _fixed("dataFactory", "privatelink.datafactory.azure.net"),
        _fixed("dataFactoryPortal", "privatelink.adf.azure.com"),
        _fixed("databricks", "privatelink.azuredatabricks.net"),
        _fixed("serviceBus", "privatelink.servicebus.windows.net"),
        _fixed("machineLearningApi", "privatelink.api.azureml.ms"),
        _fixed("machineLearningNotebooks", "privatelink.notebooks.azure.net"),
        # Azure Monitor Private Link Scope: ingestion and query endpoints, agents' configuration (blob: above)
        _fixed("monitor", "privatelink.monitor.azure.com"),
        _fixed("monitorOms", "privatelink.oms.opinsights.azure.com"),
        _fixed("monitorOds", "privatelink.ods.opinsights.azure.com"),
        _fixed("monitorAgents", "privatelink.agentsvc.azure-automation.net"),
    )
}

# The rest of the reference management zone's 46 zones: services this tool never deploys. Listed so that the
# explain output can say that they are pruned, and why.
UNUSED_REFERENCE_ZONES: tuple[str, ...] = (
    "privatelink.afs.azure.net",
    "privatelink.analysis.windows.net",
    "privatelink.azure-automation.net",
    "privatelink.azure-devices.net",
    "privatelink.azurewebsites.net",
    "privatelink.cassandra.cosmos.azure.com",
    "privatelink.cognitiveservices.azure.com",
    "privatelink.database.windows.net",
    "privatelink.documents.azure.com",
    "privatelink.eventgrid.azure.net",
    "privatelink.gremlin.cosmos.azure.com",
    "privatelink.mariadb.database.azure.com",
    "privatelink.mongo.cosmos.azure.com",
    "privatelink.mysql.database.azure.com",
    "privatelink.pbidedicated.windows.net",
    "privatelink.postgres.database.azure.com",
    "privatelink.prod.powerquery.microsoft.com",
    "privatelink.redis.cache.windows.net",
    "privatelink.search.windows.net",
    "privatelink.service.signalr.net",
    "privatelink.table.core.windows.net",
    "privatelink.table.cosmos.azure.com",
    "privatelink.web.core.windows.net",
    "privatelink.northeurope.azmk8s.io",
    "privatelink.westeurope.azmk8s.io",
    "privatelink.northeurope.batch.azure.com",
    "privatelink.westeurope.batch.azure.com",
    "northeurope.privatelink.redisenterprise.cache.azure.net",
    "westeurope.privatelink.redisenterprise.cache.azure.net",
)
