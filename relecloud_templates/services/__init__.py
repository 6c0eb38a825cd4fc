"""Every service relecloud can render, as a typed spec (spec.py): the single source of truth that the API-version
table, the manifest's name checks and the template tests derive from. Adding a service: docs/ARCHITECTURE.md."""

from __future__ import annotations

from relecloud_templates.services import access, common, landing, management, workload
from relecloud_templates.services.spec import NameUse, Partial, ServiceSpec, api_versions  # noqa: F401

SPECS: list[ServiceSpec] = [
    management.HUB_NETWORK, management.PURVIEW, management.SYNAPSE_HUB, management.MONITOR_SCOPE,
    management.PRIVATE_DNS_ZONES,
    landing.SPOKE_NETWORK, landing.PEERING, landing.LAKE, landing.DATABRICKS, landing.DATA_FACTORY, landing.SYNAPSE,
    landing.EVENT_HUB, landing.PURVIEW_ACCESS, landing.SELF_HOSTED_RUNTIME,
    landing.MONITOR_SCOPE_LINK,
    common.KEY_VAULT, common.CONTAINER_REGISTRY, common.LOG_ANALYTICS, common.ACCESS, common.POLICY,
    workload.SQL_POOL, workload.SPARK_POOL, workload.ML_STORAGE, workload.APP_INSIGHTS, workload.TRAINING_COMPUTE,
    workload.MACHINE_LEARNING, workload.AKS_IDENTITY, workload.AKS_NETWORK_ACCESS, workload.AKS, workload.GATEWAY,
    access.CONTAINER_ACCESS, access.ACCESS_CONNECTOR, access.FACTORY_ENDPOINTS, access.ML_DATA_ACCESS,
    access.SYNAPSE_ADMIN,
]
# What the unit template itself renders around its services' nested deployments.
UNIT_RESOURCES = {"Microsoft.Resources/resourceGroups": "2025-04-01", "Microsoft.Resources/deployments": "2025-04-01"}


def register(spec: ServiceSpec) -> None:
    """Add a service (docs/ARCHITECTURE.md, "Adding a service"); its resource types join the API-version table."""
    if any(s is spec for s in SPECS):
        return
    api_versions(SPECS + [spec], UNIT_RESOURCES)  # refuses a second version of a type before anything changes
    SPECS.append(spec)
