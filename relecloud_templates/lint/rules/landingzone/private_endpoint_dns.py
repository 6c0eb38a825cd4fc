"""W7002: a private endpoint without a private DNS zone group."""

from relecloud_templates.arm.template import Resource
from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.lint.rule import Rule, RuleContext

PRIVATE_ENDPOINTS = "microsoft.network/privateendpoints"
ZONE_GROUPS = "microsoft.network/privateendpoints/privatednszonegroups"


class PrivateEndpointDns(Rule):
    id = "W7002"
    previous_ids = ("E7002",)
    name = "private-endpoint-dns"
    profiles = {"data-landing-zone": "error"}
    description = "Every private endpoint has a private DNS zone group in the same template."
    explanation = """A private endpoint without a `privateDnsZoneGroups` child leaves the service's public DNS name
resolving to its public address: clients inside the landing zone silently go out to the internet (and are
refused, since public access is off), so the service looks broken. Each private endpoint needs a zone group
pointing at the matching `privatelink.*` zone, declared in the same template (as an inline child or a
`Microsoft.Network/privateEndpoints/privateDnsZoneGroups` resource). A zone group whose condition may hold
counts; endpoints and zone groups whose names are not known are matched generously.

Equivalents: checkov CKV_AZURE_243 (analogue); the DeployIfNotExists policies of the reference implementation;
no rule of the other tools checks the pair."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            groups = [r for r in template.resources if r.type_lower == ZONE_GROUPS and r.deployed is not False]
            group_parents = set()
            unknown_group = False
            for group in groups:
                if group.parent is not None and isinstance(group.parent.name, str):
                    group_parents.add(group.parent.name.lower())
                elif isinstance(group.name, str) and "/" in group.name:
                    group_parents.add(group.name.rsplit("/", 1)[0].lower())
                else:
                    unknown_group = True
            for endpoint in template.resources:
                if endpoint.type_lower != PRIVATE_ENDPOINTS or endpoint.deployed is False or endpoint.existing:
                    continue
                inline = endpoint.value("properties", "privateDnsZoneGroups")
                if inline is not MISSING:
                    continue
                if not isinstance(endpoint.name, str) or unknown_group:
                    continue
                if endpoint.name.lower() in group_parents:
                    continue
                if _manual(endpoint):
                    continue
                ctx.report(
                    endpoint.path,
                    f"private endpoint '{endpoint.name}' has no private DNS zone group",
                    hint="add a Microsoft.Network/privateEndpoints/privateDnsZoneGroups child linking the "
                    "privatelink zone",
                )


def _manual(endpoint: Resource) -> bool:
    """Manual-approval endpoints to other tenants' services are resolved by their owners' DNS."""
    manual = endpoint.value("properties", "manualPrivateLinkServiceConnections")
    return (isinstance(manual, list) and len(manual) > 0) or manual is UNKNOWN
