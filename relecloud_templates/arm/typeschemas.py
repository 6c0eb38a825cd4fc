"""The bundled Azure resource type data: every resource type and API version, their scopes and body shapes.

Two sources, both derived at development time and shipped in the package (docs/arm-schemas.md):

- ``data/types/``: the Bicep compiler's type data (Azure/bicep-types-az), by ``tools/derive_resource_types.py``:
  every type and API version Azure's REST specifications publish, with the writable and readable scopes and
  the body of each (the node language is described in that tool). One file per provider namespace.
- ``data/armschema/top/``: the deployment documents (templates of each scope, parameter files) and the keys the
  template engine reads on every resource, from the ARM JSON schemas, by ``tools/derive_arm_schemas.py``.

Nothing is read until it is asked for, and then as little as possible: a namespace file is split into lines
when a template first names the namespace; a type's entry and each type node are parsed from their own line the
first time they are needed, and cached for the life of the process. Resource types and API versions are compared
case-insensitively, as ARM compares them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from relecloud_templates.arm.vocabulary import schema_file

_DATA = Path(__file__).resolve().parent.parent / "data"
DATA_DIR = _DATA / "types"
DOCUMENTS_DIR = _DATA / "armschema"

# Bicep's scope bits (bicep-types ScopeType), in the order messages list them.
SCOPE_BITS = (("tenant", 1), ("managementGroup", 2), ("subscription", 4), ("resourceGroup", 8), ("extension", 16))
SCOPE_BIT = dict(SCOPE_BITS)

# Property flags (bicep-types ObjectTypePropertyFlags).
REQUIRED, READ_ONLY, WRITE_ONLY, DEPLOY_TIME_CONSTANT, IDENTIFIER = 1, 2, 4, 8, 16

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


class TypeDataMissing(RuntimeError):
    """The bundled data is not installed (a broken checkout or package): a bug to report, not bad input."""


def scope_names(bits: int) -> tuple[str, ...]:
    return tuple(name for name, bit in SCOPE_BITS if bits & bit)


def is_preview(api_version: str) -> bool:
    return "-" in api_version[10:] if _DATE_VERSION.match(api_version) else False


def version_sort_key(api_version: str) -> tuple[Any, ...]:
    match = _DATE_VERSION.match(api_version)
    if not match:
        return ("", api_version)
    # A preview sorts before the stable release of the same date.
    return (match.group(1), 0 if match.group(2) else 1, (match.group(2) or "").lower())


@dataclass(frozen=True)
class TypeVersion:
    """One API version of a resource type."""

    api_version: str
    body: int  # node id of the resource body in the namespace's node table
    readable: int  # scope bits where the resource can be referenced (``existing``)
    writable: int  # scope bits where it can be deployed

    @property
    def readable_scopes(self) -> tuple[str, ...]:
        return scope_names(self.readable)

    @property
    def writable_scopes(self) -> tuple[str, ...]:
        return scope_names(self.writable)


@dataclass(frozen=True)
class ResourceType:
    """A resource type: its canonical spelling, every published API version (oldest first), its nodes."""

    name: str  # canonical spelling, e.g. Microsoft.Storage/storageAccounts
    versions: tuple[TypeVersion, ...]
    pack: NamespacePack | None = None

    @property
    def api_versions(self) -> tuple[str, ...]:
        return tuple(v.api_version for v in self.versions)

    @property
    def scopes(self) -> tuple[str, ...]:
        """Every scope where some API version can be deployed or read."""
        bits = 0
        for version in self.versions:
            bits |= version.readable | version.writable
        return scope_names(bits)

    @cached_property
    def _by_version(self) -> dict[str, TypeVersion]:
        return {v.api_version.lower(): v for v in self.versions}

    def version(self, api_version: str) -> TypeVersion | None:
        return self._by_version.get(api_version.lower())

    def has_version(self, api_version: str) -> bool:
        return self.version(api_version) is not None

    def canonical_version(self, api_version: str) -> str | None:
        found = self.version(api_version)
        return found.api_version if found else None

    @cached_property
    def newest(self) -> str:
        """The newest stable version, or the newest preview when there is no stable one (sorted once: the Bicep
        translator asks for every ``existing`` declaration it writes)."""
        stable = [v for v in self.api_versions if not is_preview(v)]
        return sorted(stable or self.api_versions, key=version_sort_key)[-1]

    def nearest(self, api_version: str) -> list[str]:
        """The published versions either side of ``api_version`` in release order (one or two)."""
        ordered = sorted(self.api_versions, key=version_sort_key)
        key = version_sort_key(api_version)
        older = [v for v in ordered if version_sort_key(v) < key]
        newer = [v for v in ordered if version_sort_key(v) > key]
        return ([older[-1]] if older else []) + ([newer[0]] if newer else [])

    def node(self, node_id: int) -> dict[str, Any]:
        if self.pack is None:
            raise TypeDataMissing(f"{self.name} has no node table")
        return self.pack.node(node_id)


class NamespacePack:
    """One ``ns/<namespace>.txt`` file: a header line, one line per type, one line per node."""

    def __init__(self, text: str):
        lines = text.split("\n")
        header = json.loads(lines[0])
        self.namespace: str = header["namespace"]
        count = int(header["types"])
        self._type_lines: dict[str, str] = {}
        for line in lines[1:1 + count]:
            lower, _, entry = line.partition("\t")
            self._type_lines[lower] = entry
        self._node_lines = lines[1 + count:1 + count + int(header["nodes"])]
        self._nodes: dict[int, dict[str, Any]] = {}
        self._types: dict[str, ResourceType] = {}

    def type_names(self) -> list[str]:
        return [self.lookup(lower).name for lower in self._type_lines]  # type: ignore[union-attr]

    def lookup(self, lower: str) -> ResourceType | None:
        found = self._types.get(lower)
        if found is None and lower in self._type_lines:
            name, versions = json.loads(self._type_lines[lower])
            found = self._types[lower] = ResourceType(
                name, tuple(TypeVersion(v, body, readable, writable) for v, body, readable, writable in versions), self)
        return found

    def node(self, node_id: int) -> dict[str, Any]:
        """Node ``node_id`` (parsed once). Checkers may cache what they derive in it under keys starting with
        an underscore; every other key is the data's."""
        found = self._nodes.get(node_id)
        if found is None:
            found = self._nodes[node_id] = json.loads(self._node_lines[node_id])
        return found


def _read(path: Path) -> str | None:
    try:  # bytes decoded: the data has no carriage returns to translate, and read_text's newline pass costs 10x
        return path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        return None


def _required(name: str) -> Any:
    text = _read(DATA_DIR / name)
    if text is None:
        raise TypeDataMissing(f"the bundled resource type data is missing from {DATA_DIR}; "
                              "regenerate it with tools/derive_resource_types.py")
    return json.loads(text)


@cache
def source() -> dict[str, Any]:
    """Where the type data came from: the archive's hash, the upstream commit and its date, counts."""
    found: dict[str, Any] = _required("source.json")
    return found


def data_date() -> str:
    """The date of the upstream type data (YYYY-MM-DD), for messages about what it does not know."""
    return str(source().get("date") or "unknown date")


@cache
def _namespace_list() -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = _required("namespaces.json")
    return found


def namespaces() -> dict[str, str]:
    """Lower-case namespace -> canonical spelling, for every namespace of the data."""
    return {lower: entry[0] for lower, entry in _namespace_list().items()}


@cache
def pack(namespace: str) -> NamespacePack | None:
    """The data of one namespace (lower case), or None when there is none."""
    if namespace not in _namespace_list():
        return None
    text = _read(DATA_DIR / "ns" / f"{namespace}.txt")
    if text is None:
        raise TypeDataMissing(f"the bundled type data of {namespace} is missing from {DATA_DIR}")
    return NamespacePack(text)


def namespace_of(type_name: str) -> str:
    return type_name.split("/", 1)[0].lower()


def lookup(type_name: str) -> ResourceType | None:
    """The entry of a resource type (any letter case), or None when the data does not know it."""
    found = pack(namespace_of(type_name))
    return found.lookup(type_name.lower()) if found is not None else None


def types_in_namespace(namespace: str) -> list[str]:
    """Canonical names of every type of a namespace (any letter case)."""
    found = pack(namespace.lower())
    return found.type_names() if found is not None else []


# ---------------------------------------------------------------------------------------------------------
# Deployment documents (ARM JSON schemas, node language of tools/derive_arm_schemas.py)


@cache
def document_schema(kind: str) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """(node, defs) of a deployment document kind (DOCUMENT_KINDS values, or "resourceEnvelope")."""
    text = _read(DOCUMENTS_DIR / "top" / f"{kind}.json")
    if text is None:
        return None
    data = json.loads(text)
    return data["document"], data["defs"]


def document_kind(schema_url: object) -> str | None:
    """Which deployment document a ``$schema`` URL names (any API version of it), or None."""
    return DOCUMENT_KINDS.get(schema_file(schema_url) or "")
