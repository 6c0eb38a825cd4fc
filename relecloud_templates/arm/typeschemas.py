"""The bundled Azure resource type data: which types and API versions exist, and their property schemas.

The data is derived from the official ARM JSON schemas by ``tools/derive_arm_schemas.py`` (see
docs/arm-schemas.md for the format and how to regenerate it). Nothing is read until it is asked for: the
type index one namespace at a time, property schemas one type@apiVersion at a time, each cached for the
life of the process. Resource types and API versions are compared case-insensitively, as ARM compares them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from relecloud_templates.arm.vocabulary import schema_file

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "armschema"

# The deployment documents whose schemas are bundled, keyed by the file name a $schema URL ends with.
DOCUMENT_KINDS = {
    "deploymenttemplate.json": "deploymentTemplate",
    "subscriptiondeploymenttemplate.json": "subscriptionDeploymentTemplate",
    "managementgroupdeploymenttemplate.json": "managementGroupDeploymentTemplate",
    "tenantdeploymenttemplate.json": "tenantDeploymentTemplate",
    "deploymentparameters.json": "deploymentParameters",
    "subscriptiondeploymentparameters.json": "deploymentParameters",
}

_DATE_VERSION = re.compile(r"^(\d{4}-\d{2}-\d{2})(-.+)?$")


@dataclass(frozen=True)
class ResourceType:
    """One entry of the type index."""

    name: str  # canonical spelling, e.g. Microsoft.Storage/storageAccounts
    api_versions: tuple[str, ...]  # every version with a published schema, oldest first
    scopes: tuple[str, ...]  # resourceGroup, subscription, managementGroup, tenant, extension
    schema_versions: tuple[str, ...]  # versions whose property schema relecloud ships

    def has_version(self, api_version: str) -> bool:
        return api_version.lower() in {v.lower() for v in self.api_versions}

    def canonical_version(self, api_version: str) -> str | None:
        return next((v for v in self.api_versions if v.lower() == api_version.lower()), None)

    @property
    def newest(self) -> str:
        """The newest stable version, or the newest preview when there is no stable one."""
        stable = [v for v in self.api_versions if not is_preview(v)]
        return sorted(stable or self.api_versions, key=version_sort_key)[-1]


@dataclass(frozen=True)
class TypeSchema:
    """The simplified property schema of one type@apiVersion: a node plus the definitions it refers to.

    Node keys (docs/arm-schemas.md): T types, E allowed values, P properties, R required, X closed,
    A further properties, I items, $ definition reference, D discriminated union, O judge-by-type alternatives.
    """

    type_name: str
    api_version: str
    resource: dict
    defs: dict


def is_preview(api_version: str) -> bool:
    return "-" in api_version[10:] if _DATE_VERSION.match(api_version) else False


def version_sort_key(api_version: str) -> tuple:
    match = _DATE_VERSION.match(api_version)
    if not match:
        return ("", api_version)
    # A preview sorts before the stable release of the same date.
    return (match.group(1), 0 if match.group(2) else 1, match.group(2) or "")


def _read(relative: str):
    path = DATA_DIR / relative
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    return json.loads(text)


@lru_cache(maxsize=None)
def namespaces() -> dict[str, str]:
    """Lower-case namespace -> canonical spelling, for every namespace in the index."""
    data = _read("namespaces.json")
    if data is None:
        raise FileNotFoundError(f"the bundled ARM type data is missing from {DATA_DIR}; "
                                "regenerate it with tools/derive_arm_schemas.py")
    return data


@lru_cache(maxsize=None)
def _namespace_index(namespace: str) -> dict[str, ResourceType]:
    raw = _read(f"index/{namespace}.json") or {}
    return {
        lower: ResourceType(name, tuple(versions), tuple(scopes), tuple(schemas))
        for lower, (name, versions, scopes, schemas) in raw.items()
    }


def namespace_of(type_name: str) -> str:
    return type_name.split("/", 1)[0].lower()


def lookup(type_name: str) -> ResourceType | None:
    """The index entry of a resource type (any letter case), or None when no schema knows it."""
    namespace = namespace_of(type_name)
    if namespace not in namespaces():
        return None
    return _namespace_index(namespace).get(type_name.lower())


def types_in_namespace(namespace: str) -> list[str]:
    """Canonical names of every type of a namespace (any letter case)."""
    return [entry.name for entry in _namespace_index(namespace.lower()).values()]


def _file_name(type_name: str, api_version: str) -> str:
    namespace, _, rest = type_name.lower().partition("/")
    return f"types/{namespace}/{rest.replace('/', '.')}@{api_version.lower()}.json"


@lru_cache(maxsize=None)
def _type_file(type_lower: str, version_lower: str) -> dict | None:
    return _read(_file_name(type_lower, version_lower))


def schema_for(type_name: str, api_version: str, scope: str | None = None) -> TypeSchema | None:
    """The property schema of type@apiVersion, or None when relecloud ships none for it.

    ``scope`` picks between schemas that differ by deployment scope (a few types are declared at several);
    without it the resource group one (or the first) is used.
    """
    data = _type_file(type_name.lower(), api_version.lower())
    if data is None:
        return None
    if "scopes" in data:
        by_scope = data["scopes"]
        chosen = by_scope.get(scope or "") or by_scope.get("resourceGroup") or by_scope[sorted(by_scope)[0]]
        return TypeSchema(data["type"], data["apiVersion"], chosen["resource"], chosen["defs"])
    return TypeSchema(data["type"], data["apiVersion"], data["resource"], data["defs"])


@lru_cache(maxsize=None)
def document_schema(kind: str) -> tuple[dict, dict] | None:
    """(node, defs) of a deployment document kind (DOCUMENT_KINDS values, or "resourceEnvelope")."""
    data = _read(f"top/{kind}.json")
    if data is None:
        return None
    return data["document"], data["defs"]


def document_kind(schema_url: object) -> str | None:
    """Which deployment document a ``$schema`` URL names (any API version of it), or None."""
    return DOCUMENT_KINDS.get(schema_file(schema_url) or "")
