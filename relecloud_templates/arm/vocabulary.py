"""ARM's fixed vocabulary: parameter and output types, deployment scopes, the deployments type, resource-ID
functions, subscription IDs. One home for each fact, so that lint, Bicep, decompile, render, deploy and the
emulator can never disagree about them.
"""

from __future__ import annotations

import re
from typing import Any

# Parameter and output types (lower case, as ARM compares them) -> the ARM type of the value they hold
# (``arm.values.arm_type`` names a JSON value the same way).
VALUE_TYPES: dict[str, str] = {
    "string": "string", "securestring": "string", "int": "int", "bool": "bool",
    "object": "object", "secureobject": "object", "array": "array",
}
PARAMETER_TYPES = frozenset(VALUE_TYPES)
# Types whose values ARM never logs, returns from the deployment history nor shows in the portal.
SECURE_TYPES = frozenset({"securestring", "secureobject"})

# The nested deployment resource type, as written and in lower case (how the model compares types).
DEPLOYMENTS_TYPE = "Microsoft.Resources/deployments"
DEPLOYMENTS = DEPLOYMENTS_TYPE.lower()

# Deployment scopes, and the $schema file name that declares each.
SCOPES = ("resourceGroup", "subscription", "managementGroup", "tenant")
SCHEMA_SCOPES = {
    "deploymenttemplate.json": "resourceGroup",
    "subscriptiondeploymenttemplate.json": "subscription",
    "managementgroupdeploymenttemplate.json": "managementGroup",
    "tenantdeploymenttemplate.json": "tenant",
}
# The $schema URL a template of each scope declares, as Azure publishes them.
SCOPE_SCHEMAS = {
    "resourceGroup": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "subscription": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
    "managementGroup": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
    "tenant": "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#",
}

# The $schema URL of a deployment parameters file.
PARAMETERS_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"

# The functions that build a resource ID from a type and name segments (lower case).
RESOURCE_ID_FUNCTIONS = frozenset({"resourceid", "subscriptionresourceid", "tenantresourceid",
                                   "managementgroupresourceid", "extensionresourceid"})

# A subscription ID: a GUID in its 8-4-4-4-12 hexadecimal form.
SUBSCRIPTION_ID = re.compile(r"[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\Z")


def type_name(declaration: Any) -> str:
    """The lower-case ``type`` of a parameter or output declaration ('' when it has none)."""
    kind = declaration.get("type") if isinstance(declaration, dict) else None
    return kind.lower() if isinstance(kind, str) else ""


def is_secure_type(kind: Any) -> bool:
    """True for ``secureString``/``secureObject`` in any spelling."""
    return isinstance(kind, str) and kind.lower() in SECURE_TYPES


def is_secure_declaration(declaration: Any) -> bool:
    """True for a parameter or output declared secure."""
    return type_name(declaration) in SECURE_TYPES


def is_resource_type(value: Any) -> bool:
    """True for a full resource type (``Microsoft.Network/virtualNetworks/subnets``): a namespace with a dot,
    then type segments. How the arguments of resourceId() are told apart: what comes after the type are names."""
    return (isinstance(value, str) and "/" in value and not value.startswith("/")
            and "." in value.split("/", 1)[0])


def is_subscription_id(value: Any) -> bool:
    return isinstance(value, str) and SUBSCRIPTION_ID.match(value) is not None


def schema_file(schema: Any) -> str | None:
    """The lower-case file name a ``$schema`` URL ends in (``deploymenttemplate.json``), whatever its API
    version; None for a value that is not a string."""
    if not isinstance(schema, str):
        return None
    return schema.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].lower()


def schema_scope(schema: Any) -> str | None:
    """The deployment scope a template ``$schema`` URL declares, or None when it is not a template schema."""
    return SCHEMA_SCOPES.get(schema_file(schema) or "")


def is_parameters_schema(schema: Any) -> bool:
    """True for a ``deploymentParameters.json`` (or subscription-level) parameters file ``$schema``."""
    return isinstance(schema, str) and "deploymentparameters.json" in schema.lower()
