"""The manifest's meaning, as plain frozen dataclasses.

Everything downstream (plan, render, deploy) reads these, never the YAML. Every object keeps where it was
written (``pos``) so that later stages can still point at the manifest line that asked for a thing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from relecloud_templates.located import NOWHERE, Pos
from relecloud_templates.manifest.access import Access

# What a data integration or product runs on.
INTEGRATION_ENGINES = ("databricks", "dataFactory", "synapse")
PRODUCT_ENGINES = ("machineLearning", "synapse", "dataFactory", "databricks")
# Engines that reach lakes from a managed network of their own, through managed private endpoints: a read across
# landing zones needs no peering. Databricks clusters live in the zone's network and need one.
MANAGED_NETWORK_ENGINES = ("dataFactory", "synapse", "machineLearning")
MANAGEMENT_SERVICES = (
    "privateDnsZones",
    "purview",
    "keyVault",
    "containerRegistry",
    "synapsePrivateLinkHub",
    "policy",
)


@dataclass(frozen=True)
class Network:
    address_space: str  # CIDR, e.g. 10.1.0.0/16
    subnets: dict[str, str] = field(default_factory=dict)  # purpose -> CIDR, as written in the manifest
    pos: Pos = NOWHERE
    subnet_pos: dict[str, Pos] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class Organization:
    name: str
    prefix: str
    environment: str
    location: str
    tags: dict[str, str] = field(default_factory=dict)
    pos: Pos = NOWHERE
    unique_names: bool = True  # a deterministic suffix on names Azure wants unique everywhere


@dataclass(frozen=True)
class ManagementZone:
    name: str
    subscription_id: str
    location: str
    network: Network
    firewall_tier: str  # Standard | Premium
    services: tuple[str, ...]
    description: str = ""
    pos: Pos = NOWHERE
    package_repositories: tuple[str, ...] = ()  # FQDNs clusters may download packages from (firewall rules)
    ingestion: str = "privateLinkScope"  # privateLinkScope | public: how logs reach the workspaces


@dataclass(frozen=True)
class Reference:
    """A product's input: an integration or product, in the same zone (``zone`` is None) or another."""

    name: str
    zone: str | None = None
    pos: Pos = NOWHERE

    def __str__(self) -> str:
        return f"{self.zone}/{self.name}" if self.zone else self.name


SOURCES = ("azure", "onPremises", "external")
POOL_TYPES = ("spark", "sql")


@dataclass(frozen=True)
class ComputePool:
    """A dedicated compute pool of one integration in the zone's shared Synapse workspace: an Apache Spark pool
    that pauses when idle (the default), or a dedicated SQL pool. Sizes the manifest leaves out are None here
    (the planner applies the defaults), so that the checks know what was written."""

    type: str = "spark"  # spark | sql
    sku: str | None = None  # sql (default DW100c)
    node_size: str | None = None  # spark (default Small)
    max_nodes: int | None = None  # spark (default 10)
    auto_pause_minutes: int | None = None  # spark (default 15)
    pos: Pos = NOWHERE


DNS_ZONE_ID = re.compile(r"^/subscriptions/(?P<subscription>[^/]+)/resourceGroups/(?P<group>[-\w.()]{1,90})/providers/"
                         r"Microsoft\.Network/dnsZones/(?P<zone>[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*"
                         r"[a-z0-9])?)+)$", re.IGNORECASE)


@dataclass(frozen=True)
class DnsZoneId:
    """An Azure public DNS zone, by its parts."""

    subscription: str
    resource_group: str
    zone: str  # lower case

    @property
    def id(self) -> str:
        return (f"/subscriptions/{self.subscription}/resourceGroups/{self.resource_group}/providers/"
                f"Microsoft.Network/dnsZones/{self.zone}")


def dns_zone_id(text: str | None) -> DnsZoneId | None:
    """The parts of a public DNS zone's resource ID (any casing of the provider, as the CLI prints it); None when
    ``text`` is not one."""
    m = DNS_ZONE_ID.match(text or "")
    return DnsZoneId(m["subscription"], m["group"], m["zone"].lower()) if m else None


@dataclass(frozen=True)
class Serving:
    kind: str  # "aks"
    exposure: str  # "internal" | "external" (published through a WAF-protected application gateway)
    pos: Pos = NOWHERE
    hostname: str | None = None  # the scoring endpoint's name; None: <product>.<zone>.<prefix>.internal
    public_hostname: str | None = None  # external only: the public name; None: the gateway's Azure DNS name
    public_dns_zone: str | None = None  # resource ID of the Azure public DNS zone holding public_hostname
    public_dns_zone_pos: Pos = NOWHERE


@dataclass(frozen=True)
class Integration:
    name: str
    zone: str  # the landing zone's name
    engine: str
    description: str = ""
    template: str | None = None  # None: runs wholly on the zone's shared engine (no unit of its own)
    lands_in: str = "raw"
    transform: bool = True
    compute_pool: ComputePool | None = None
    source: str = "azure"  # azure | onPremises | external
    tags: dict[str, str] = field(default_factory=dict)  # the zone's tags merged with the integration's
    pos: Pos = NOWHERE


@dataclass(frozen=True)
class Product:
    name: str
    zone: str
    engine: str
    template: str
    description: str = ""
    aliases: tuple[str, ...] = ()
    serving: Serving | None = None
    reads: tuple[Reference, ...] = ()
    consumers: tuple[str, ...] = ()
    tags: dict[str, str] = field(default_factory=dict)  # the zone's tags merged with the product's
    pos: Pos = NOWHERE


@dataclass(frozen=True)
class LandingZone:
    name: str
    subscription_id: str
    location: str
    network: Network
    description: str = ""
    tags: dict[str, str] = field(default_factory=dict)  # the organization's tags merged with the zone's
    integrations: tuple[Integration, ...] = ()
    products: tuple[Product, ...] = ()
    pos: Pos = NOWHERE

    @property
    def workloads(self) -> tuple[Integration | Product, ...]:
        """Its integrations, then its products, in manifest order."""
        return (*self.integrations, *self.products)


@dataclass(frozen=True)
class Peering:
    """How landing zones reach each other. Every landing zone always peers with the management zone."""

    topology: str = "mesh"  # mesh | hub-spoke | pairs
    pairs: tuple[tuple[str, str], ...] = ()  # with topology "pairs": landing zone names, each pair sorted
    pos: Pos = NOWHERE

    def connects(self, a: str, b: str) -> bool:
        """Whether landing zones ``a`` and ``b`` are peered directly."""
        if a == b:
            return True
        if self.topology == "mesh":
            return True
        if self.topology == "pairs":
            return tuple(sorted((a, b))) in self.pairs
        return False


@dataclass(frozen=True)
class Addressing:
    """The pool that landing zones without an explicit address space take a range from."""

    pool: str
    zone_prefix_length: int = 16
    pos: Pos = NOWHERE


@dataclass(frozen=True)
class Manifest:
    path: str  # as given by the user, used in every diagnostic
    version: int
    organization: Organization
    management_zone: ManagementZone
    landing_zones: tuple[LandingZone, ...]
    peering: Peering = field(default_factory=Peering)
    addressing: Addressing | None = None
    # Landing zones that took their range from the pool: (zone, CIDR, newly allocated), in manifest order.
    allocations: tuple[tuple[str, str, bool], ...] = ()
    # The environment this model describes, when the manifest has an `environments:` section (None otherwise;
    # organization.environment holds the code either way), and every environment the manifest defines.
    env: str | None = None
    environments: tuple[str, ...] = ()
    access: Access = field(default_factory=Access)  # the Entra groups that administer and read the estate

    def zone(self, name: str) -> LandingZone | None:
        return next((z for z in self.landing_zones if z.name == name), None)

    def workloads(self) -> Iterator[Integration | Product]:
        """Every integration and product, in manifest order."""
        for zone in self.landing_zones:
            yield from zone.workloads

    def find_workload(self, name: str, zone: str) -> Integration | Product | None:
        """An integration or product by name (or product alias) in ``zone``."""
        landing = self.zone(zone)
        if landing is None:
            return None
        for item in landing.workloads:
            if item.name == name or name in getattr(item, "aliases", ()):
                return item
        return None

    def peers(self, a: str, b: str) -> bool:
        """Whether landing zones ``a`` and ``b`` are peered directly (a cross-zone read needs it)."""
        return self.peering.connects(a, b)

    def landing_zone_peerings(self) -> list[tuple[str, str]]:
        """Every peered pair of landing zones, in manifest order (the management zone peers with all)."""
        names = [z.name for z in self.landing_zones]
        return [(a, b) for i, a in enumerate(names) for b in names[i + 1 :] if self.peers(a, b)]
