"""The parameters a unit's template can declare: their definitions and where their values come from.

A template declares exactly the parameters its kept services use (render finds them), so a unit's parameter
file never carries a value that nothing reads. Secure parameters have no value anywhere on disk: the deployer
supplies them (plan.json ``secureParameters``).
"""

from __future__ import annotations

from typing import Any

from relecloud_templates.arm.vocabulary import is_secure_declaration
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.plan.estate import MANAGEMENT_SUBSCRIPTION_PARAM, subscription_param
from relecloud_templates.plan.model import PlannedUnit

SCORING_CERTIFICATE = "scoringTlsCertificate"
SCORING_KEY = "scoringTlsPrivateKey"
SCORING_ROOT = "scoringTlsRootCertificate"
GATEWAY_CERTIFICATE = "gatewayTlsCertificate"

_FIXED: dict[str, dict[str, Any]] = {
    "location": {"type": "string", "metadata": {"description": "Azure region of the unit's resources."}},
    "tags": {"type": "object", "metadata": {"description": "Tags put on every taggable resource: the manifest's "
                                                           "tags merged with relecloud's defaults."}},
    MANAGEMENT_SUBSCRIPTION_PARAM: {"type": "string", "metadata": {
        "description": "Subscription of the data management zone (private DNS zones, firewall, Purview, logs)."}},
    "managementFirewallPrivateIp": {"type": "string", "metadata": {
        "description": "Private IP of the management zone's firewall: next hop for egress and DNS proxy."}},
    SCORING_CERTIFICATE: {"type": "securestring", "metadata": {
        "description": "PEM certificate of the model's scoring endpoint (its serving hostname), for the Machine "
                       "Learning extension's inference router; supplied at deploy time, never stored."}},
    SCORING_KEY: {"type": "securestring", "metadata": {
        "description": "PEM private key of that certificate; supplied at deploy time, never stored."}},
    SCORING_ROOT: {"type": "securestring", "metadata": {
        "description": "Base64 (DER) of the root CA certificate that issued scoringTlsCertificate: the model's "
                       "public entry verifies the scoring endpoint against it. Public, but supplied with the "
                       "certificates at deploy time."}},
    GATEWAY_CERTIFICATE: {"type": "securestring", "metadata": {
        "description": "Base64 PFX (no password) with the certificate and private key of the model's public "
                       "hostname; written into the product's Key Vault, where the application gateway reads it. "
                       "Supplied at deploy time, never stored on disk."}},
}


def definition(name: str, manifest: Manifest) -> dict[str, Any] | None:
    """The ARM definition of parameter ``name``, or None when no unit can have such a parameter."""
    if name in _FIXED:
        return _FIXED[name]
    for zone in manifest.landing_zones:
        if name == subscription_param(zone.name):
            return {
                "type": "string",
                "metadata": {"description": f"Subscription of the data landing zone {zone.name}."},
            }
    return None


def is_secure(definition_: dict[str, Any]) -> bool:
    return is_secure_declaration(definition_)


def default_tags(manifest: Manifest, unit: PlannedUnit, manifest_tags: dict[str, str]) -> dict[str, str]:
    org = manifest.organization
    tags = {"Environment": org.environment, "Organization": org.name, "Zone": unit.zone, "DeploymentUnit": unit.name,
            "ManagedBy": "relecloud"}
    tags.update(manifest_tags)
    return dict(sorted(tags.items()))


def values(manifest: Manifest, unit: PlannedUnit, manifest_tags: dict[str, str]) -> dict[str, Any]:
    """Every non-secret value a unit's template may ask for; render keeps those the template declares."""
    found: dict[str, Any] = {
        "location": unit.location,
        "tags": default_tags(manifest, unit, manifest_tags),
        MANAGEMENT_SUBSCRIPTION_PARAM: manifest.management_zone.subscription_id,
    }
    for zone in manifest.landing_zones:
        found[subscription_param(zone.name)] = zone.subscription_id
    found.update(unit.parameter_values)
    return found
