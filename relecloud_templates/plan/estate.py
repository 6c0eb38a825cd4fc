"""Facts about the whole estate that every unit's plan needs: names, scopes and the management zone's anchors.

Cross-zone resource ids are never passed between units as outputs: every unit computes them from the
subscription (a parameter of the unit), the resource group and the resource name, which are all fixed here.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from relecloud_templates import naming
from relecloud_templates.manifest.model import Manifest
from relecloud_templates.plan.network import FIREWALL_SUBNET, firewall_private_ip

MANAGEMENT_SUBSCRIPTION_PARAM = "managementSubscriptionId"


def camel(text: str) -> str:
    """``data-ops`` -> ``dataOps``: for parameter names derived from zone names."""
    words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
    return "".join(w if i == 0 else w[:1].upper() + w[1:] for i, w in enumerate(words)) or "zone"


@functools.lru_cache(maxsize=4096)
def subscription_param(zone: str) -> str:
    # Cached: every unit's parameters name every zone's (units x zones calls, 58,000 at 50 zones)
    return f"{camel(zone)}SubscriptionId"


@dataclass(frozen=True)
class Scope:
    """Where a referenced resource lives, as seen from a unit: its resource group and, when the resource is
    in another subscription, the unit parameter that holds that subscription's id."""

    resource_group: str | None
    subscription_param: str | None = None

    def as_context(self) -> dict[str, str | None]:
        return {"resource_group": self.resource_group, "subscription_param": self.subscription_param}


class Estate:
    def __init__(self, manifest: Manifest):
        self.manifest = manifest
        self.org = manifest.organization
        self.base = naming.base(self.org)
        mgmt = manifest.management_zone
        self.mgmt = mgmt
        self.mgmt_names = naming.zone_names(self.org, mgmt.name, mgmt.subscription_id)
        self.mgmt_services = set(mgmt.services)
        firewall_cidr = mgmt.network.subnets.get("firewall")
        self.firewall_subnet_cidr = firewall_cidr  # None: allocated by the management zone's plan
        self._firewall_ip: str | None = firewall_private_ip(firewall_cidr) if firewall_cidr else None
        self.zone_names = {mgmt.name: self.mgmt_names}
        for zone in manifest.landing_zones:
            self.zone_names[zone.name] = naming.zone_names(self.org, zone.name, zone.subscription_id)
        self.browser_authentication = _browser_authentication(manifest)

    @property
    def private_ingestion(self) -> bool:
        """Logs reach the workspaces only through the management zone's Azure Monitor Private Link Scope."""
        return self.mgmt.ingestion == "privateLinkScope"

    @property
    def monitor_scope(self) -> str:
        return self.mgmt_names.network("ampls")

    # -- the management zone's anchors ---------------------------------------------------------------------
    @property
    def address_spaces(self) -> list[str]:
        """The address space of every zone's network: the estate's peered mesh."""
        landing = [zone.network.address_space for zone in self.manifest.landing_zones]
        return [self.manifest.management_zone.network.address_space, *landing]

    @property
    def firewall_ip(self) -> str:
        if self._firewall_ip is None:
            raise RuntimeError("the management zone's firewall subnet has not been allocated yet")
        return self._firewall_ip

    def set_firewall_subnet(self, cidr: str) -> None:
        self.firewall_subnet_cidr = cidr
        self._firewall_ip = firewall_private_ip(cidr)

    @property
    def dns_enabled(self) -> bool:
        return "privateDnsZones" in self.mgmt_services

    def mgmt_scope(self, purpose: str, from_zone: str) -> Scope:
        """A management zone resource group, seen from ``from_zone``'s units."""
        remote = from_zone != self.mgmt.name
        return Scope(self.mgmt_names.resource_group(purpose), MANAGEMENT_SUBSCRIPTION_PARAM if remote else None)

    def anchors(self, from_zone: str) -> dict:
        """What templates of a unit in ``from_zone`` need to reach the management zone, and the Log Analytics
        workspace their diagnostics go to: the zone's own (each business unit owns its logs, their cost and who
        reads them), the central one for the management zone."""
        names = self.mgmt_names
        logs = self.zone_names[from_zone]
        return {
            "dns": self.mgmt_scope("dns", from_zone).as_context() if self.dns_enabled else None,
            "logging": Scope(logs.resource_group("logging")).as_context(),
            "logAnalytics": logs.log_analytics(),
            "network": self.mgmt_scope("network", from_zone).as_context(),
            "vnet": names.network("vnet"),
            "firewallSubnet": FIREWALL_SUBNET,
            "purview": (
                {"scope": self.mgmt_scope("governance", from_zone).as_context(), "name": names.purview()}
                if "purview" in self.mgmt_services
                else None
            ),
        }


def _browser_authentication(manifest: Manifest) -> dict[str, tuple[str, str]]:
    """Region -> (landing zone, purpose) of the Databricks workspace that carries the region's one
    ``browser_authentication`` private endpoint (single sign-on to every workspace of the region): the first one
    in manifest order. A second endpoint in the same region would take over the first one's DNS record."""
    found: dict[str, tuple[str, str]] = {}
    for zone in manifest.landing_zones:
        for purpose, workloads in (("integration", zone.integrations), ("product", zone.products)):
            if any(w.engine == "databricks" for w in workloads):
                found.setdefault(zone.location, (zone.name, purpose))
    return found
