"""The manifest's checks: one code and kebab-case name each, and one way to report them."""

from __future__ import annotations

from relecloud_templates.diagnostics import Diagnostic, Location, Severity
from relecloud_templates.located import Pos

# name -> (code, what the check is about). Documented in docs/manifest.md.
CHECKS: dict[str, tuple[str, str]] = {
    "yaml-syntax": ("M001", "the file is not valid YAML"),
    "duplicate-key": ("M002", "a key is written twice in one mapping"),
    "unknown-property": ("M003", "a property the manifest format does not know"),
    "missing-property": ("M004", "a required property is missing"),
    "invalid-value": ("M005", "a value outside what the property allows"),
    "wrong-type": ("M006", "a value of the wrong type"),
    "schema": ("M007", "another violation of the manifest schema"),
    "yaml-limit": ("M008", "the YAML expands past relecloud's limits (aliases, nesting) or holds an unreadable value"),
    "duplicate-name": ("M010", "two zones, integrations or products share a name"),
    "unknown-reference": ("M011", "a product reads an integration, product or zone that does not exist"),
    "dependency-cycle": ("M012", "products read each other in a cycle"),
    "unpeered-read": ("M013", "a Databricks product reads across landing zones that are not peered"),
    "address-overlap": ("M014", "the address spaces of peered networks overlap"),
    "subnet-outside-network": ("M015", "a subnet lies outside its network's address space"),
    "subnet-overlap": ("M016", "two subnets of one network overlap"),
    "invalid-cidr": ("M017", "an address range is not valid CIDR notation"),
    "invalid-subscription-id": ("M018", "a subscription ID is not a GUID"),
    "unknown-region": ("M019", "a location is not an Azure region"),
    "invalid-name": ("M020", "a composed resource name breaks Azure's naming rules"),
    "inconsistent-workload": ("M021", "options of an integration or product contradict each other"),
    "invalid-peering": ("M022", "the peering settings name unknown zones or contradict the topology"),
    "peering-limit": ("M023", "a virtual network would need more peerings than Azure allows"),
    "address-pool": ("M024", "a landing zone has no address space and the pool cannot give it one"),
    "address-record": ("M025", "the address record beside the manifest cannot be read"),
    "missing-service": ("M027", "the management zone lacks a service that what the estate keeps cannot work without"),
    "unknown-environment": ("M030", "an environment, or a name an environment overrides, is not defined"),
    "missing-administrators": ("M040", "the access block names no platform administrators"),
    "invalid-object-id": ("M041", "an Entra object ID in the access block is not a GUID"),
    "unknown-access-name": ("M042", "the access block names a zone or workload that does not exist"),
    "incomplete-data-path": ("M043", "a write or read of data lacks an identity, a network path or an approval"),
}


def problem(
    name: str, message: str, path: str, pos: Pos, hint: str = "", severity: Severity = Severity.ERROR
) -> Diagnostic:
    code, _ = CHECKS[name]
    return Diagnostic(severity, code, message, Location(path, pos.line, pos.column), hint=hint, name=name)
