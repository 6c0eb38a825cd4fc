"""The services that make data move (plan/access.py adds them to the units): container-scoped grants, the
Databricks access connectors, Data Factory's managed private endpoints to another zone's lakes, and a Machine
Learning workspace's outbound rules and datastores."""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.services import roles
from relecloud_templates.services.spec import NameUse, ServiceSpec

ACCESS_CONNECTOR_RULE = naming.NameRule("Databricks access connector", 3, 64, r"[\w-]+", "letters, digits, '-', '_'",
                                        shorten=True)


def access_connector_name(workspace: str) -> str:
    return naming.fit(f"{workspace}-ac", ACCESS_CONNECTOR_RULE)


def _connector_name(purpose: str) -> NameUse:
    """The name of the access connector of the zone's Databricks workspace for ``purpose``."""
    return NameUse(ACCESS_CONNECTOR_RULE, lambda names: access_connector_name(names.databricks(purpose)))


CONTAINER_ACCESS = ServiceSpec(
    "dataAccess", "Data access on lake containers", "access/container_access.json.j2",
    context={"grants": list},
    resources={"Microsoft.Authorization/roleAssignments": "2022-04-01"},
    roles=(roles.STORAGE_BLOB_DATA_CONTRIBUTOR, roles.STORAGE_BLOB_DATA_READER),
)
ACCESS_CONNECTOR = ServiceSpec(
    "accessConnector", "Databricks access connector", "access/access_connector.json.j2",
    context={"connector": str},
    resources={"Microsoft.Databricks/accessConnectors": "2026-01-01"},
    names=(_connector_name("integration"), _connector_name("product")),
)
FACTORY_ENDPOINTS = ServiceSpec(
    "dataFactoryEndpoints", "Data Factory managed private endpoints", "access/factory_endpoints.json.j2",
    context={"factory": str, "managed_endpoints": list},
    resources={"Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints": "2018-06-01"},
)
ML_DATA_ACCESS = ServiceSpec(
    "outboundRules", "Machine Learning outbound rules and datastores", "access/ml_data_access.json.j2",
    context={"workspace": str, "rules": list, "datastores": list},
    resources={"Microsoft.MachineLearningServices/workspaces/outboundRules": "2026-05-01",
               "Microsoft.MachineLearningServices/workspaces/datastores": "2026-05-01"},
)
SYNAPSE_ADMIN = ServiceSpec(
    "synapseAdministrator", "Entra administrator of a Synapse workspace", "access/synapse_admin.json.j2",
    context={"workspace": str, "group": str},
    resources={"Microsoft.Synapse/workspaces/administrators": "2021-06-01"},
)
