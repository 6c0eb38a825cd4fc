"""The data management zone unit: shared networking and governance, sized to what the estate keeps.

Planned last, because what it holds depends on every other unit: the private DNS zones that kept private
endpoints resolve through, and the firewall rules that kept engines need for egress.
"""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.plan import reference
from relecloud_templates.plan.dns import UNUSED_REFERENCE_ZONES, ZONES, DnsZone
from relecloud_templates.plan.endpoints import endpoint, zone_keys
from relecloud_templates.plan.estate import Estate, Scope
from relecloud_templates.plan.firewall import collections
from relecloud_templates.plan.landing import LOG_RETENTION_DAYS, scoped_workspace
from relecloud_templates.plan.model import Item, PlannedUnit, Service, ServiceCollector
from relecloud_templates.plan.network import FIREWALL_SUBNET, SubnetSpec, allocate
from relecloud_templates.services import common, management, roles

BASE = "base of the management zone"
NOT_LISTED = "not listed in managementZone.services"

def allocate_network(estate: Estate):
    specs = [
        SubnetSpec(
            "firewall",
            FIREWALL_SUBNET,
            (BASE + ": Azure Firewall, the DNS proxy of every zone",),
            nsg=None,
            route_table=False,
        ),
        SubnetSpec(
            "services", "services", (BASE + ": private endpoints of the shared services",), private_endpoints=True
        ),
    ]
    allocation = allocate(estate.mgmt.network, specs)
    estate.set_firewall_subnet(allocation.subnets[0].cidr)
    return allocation


class ManagementPlanner(ServiceCollector):
    def __init__(self, estate: Estate, others: list[PlannedUnit], allocation):
        super().__init__()
        self.estate = estate
        self.others = others
        self.allocation = allocation
        self.names = estate.mgmt_names

    def listed(self, service: str, why: str) -> list[str]:
        return [f"listed in managementZone.services: {why}"] if service in self.estate.mgmt_services else []

    def kept_elsewhere(self, keys: tuple[str, ...]) -> list[str]:
        return [f"{unit.name} keeps {s.title}" for unit in self.others for s in unit.kept if s.key in keys]

    def plan(self) -> PlannedUnit:
        estate, names = self.estate, self.names
        rg = names.resource_group
        subnet = {"scope": Scope(rg("network")).as_context(), "vnet": names.network("vnet"), "subnet": "services"}
        self._network()
        workspace = names.log_analytics()
        self.add(common.LOG_ANALYTICS,
                 [BASE + ": receives the diagnostics of the management zone's services"], "",
                 title="Log Analytics workspace (central)", resource_group=rg("logging"), workspace=workspace,
                 retention_days=LOG_RETENTION_DAYS, public_ingestion=not estate.private_ingestion)
        self._monitor_scope(subnet, workspace)
        purview = names.purview()
        self.add(
            management.PURVIEW,
            self.listed("purview", "data catalogue and scanning of every landing zone"),
            NOT_LISTED,
            resource_group=rg("governance"),
            after=("network", "logAnalytics"),
            account=purview,
            endpoints=[
                endpoint(purview, "Microsoft.Purview/accounts", "account", ["purviewAccount"], subnet),
                endpoint(purview, "Microsoft.Purview/accounts", "portal", ["purviewPortal"], subnet),
                *[
                    endpoint(
                        f"{purview}-ingestion",
                        "Microsoft.Storage/storageAccounts",
                        group,
                        [group],
                        subnet,
                        target_reference={
                            "type": "Microsoft.Purview/accounts",
                            "name": purview,
                            "property": "ingestionStorage.id",
                        },
                    )
                    for group in ("blob", "queue")
                ],
            ],
        )
        purview_kept = self.services[-1].kept
        vault = names.key_vault()
        self.add(
            common.KEY_VAULT,
            self.listed("keyVault", "credentials that Purview uses to scan sources"),
            NOT_LISTED,
            title="Key Vault (governance)",
            resource_group=rg("governance"),
            after=("network", "logAnalytics", *(("purview",) if purview_kept else ())),
            vault=vault,
            grants=[
                {
                    "principal": {
                        "type": "Microsoft.Purview/accounts",
                        "name": purview,
                        "scope": Scope(rg("governance")).as_context(),
                    },
                    "role": roles.KEY_VAULT_SECRETS_USER,
                    "why": "Purview reads scan credentials",
                }
            ]
            if purview_kept
            else [],
            endpoints=[endpoint(vault, "Microsoft.KeyVault/vaults", "vault", ["vault"], subnet)],
        )
        registry = names.container_registry()
        self.add(
            common.CONTAINER_REGISTRY,
            self.listed("containerRegistry", "shared images of the estate"),
            NOT_LISTED,
            title="Container registry (shared)",
            resource_group=rg("container"),
            after=("network", "logAnalytics"),
            registry=registry,
            endpoints=[endpoint(registry, "Microsoft.ContainerRegistry/registries", "registry", ["registry"], subnet)],
        )
        synapse_users = self.kept_elsewhere(("synapse",))
        hub = names.synapse_hub()
        self.add(management.SYNAPSE_HUB,
                 self.listed("synapsePrivateLinkHub", "private access to Synapse Studio") + synapse_users, NOT_LISTED,
                 resource_group=rg("consumption"), after=("network",), hub=hub,
                 endpoints=[endpoint(hub, "Microsoft.Synapse/privateLinkHubs", "web", ["synapseWeb"], subnet)])
        self._dns()
        self.add(common.POLICY,
                 self.listed("policy", "the data-platform guard-rails"), NOT_LISTED, zone=estate.mgmt.name,
                 locations=sorted({estate.mgmt.location, *(z.location for z in estate.manifest.landing_zones)}))
        self._order_dns_first()
        unit = PlannedUnit(
            name=naming.unit_name(estate.mgmt.name), kind="managementZone", zone=estate.mgmt.name, scope="subscription",
            subscription_id=estate.mgmt.subscription_id, resource_group=None, location=estate.mgmt.location,
            deployment_name=naming.deployment_name(names.stem), services=self.services,
            description=estate.mgmt.description,
        )
        unit.resource_groups = list(dict.fromkeys(s.resource_group for s in unit.kept if s.resource_group))
        unit.follows = [reference.DMZ]
        return unit

    def _monitor_scope(self, subnet: dict, central: str) -> None:
        """The estate's one Azure Monitor Private Link Scope, with the central workspace in it; every other
        workspace and Application Insights joins it from its own unit (monitorScopeLink)."""
        estate = self.estate
        scope = estate.monitor_scope
        joiners = [
            f"{unit.name} keeps {s.title}" for unit in self.others for s in unit.kept if s.key == "monitorScopeLink"
        ]
        self.add(management.MONITOR_SCOPE,
                 [f"managementZone.monitoring.ingestion is {estate.mgmt.ingestion}: logs reach the estate's "
                  "workspaces only through private endpoints", *joiners] if estate.private_ingestion else [],
                 "managementZone.monitoring.ingestion is public: workspaces take logs from the internet",
                 resource_group=self.names.resource_group("logging"), after=("network", "logAnalytics"), scope=scope,
                 scoped=[scoped_workspace(estate.mgmt.name, central, Scope(None))],
                 endpoints=[endpoint(scope, "Microsoft.Insights/privateLinkScopes", "azuremonitor",
                                     ["monitor", "monitorOms", "monitorOds", "monitorAgents", "blob"], subnet)])

    def _network(self) -> None:
        estate, names = self.estate, self.names
        items = [Item("subnet", f"{s.spec.name} {s.cidr}", True, s.spec.reasons) for s in self.allocation.subnets]
        items += [
            Item(
                "subnet", f"{p} {c}", False, ("written in the manifest but nothing needs it; the range stays reserved",)
            )
            for p, c in self.allocation.reserved.items()
        ]
        sources = [estate.mgmt.network.address_space, *(z.network.address_space for z in estate.manifest.landing_zones)]
        candidates = collections(self.others, estate.mgmt.package_repositories)
        items += [c.item() for c in candidates]
        kept_collections = [c.as_context(sources) for c in candidates if c.users]
        service = self.add(
            management.HUB_NETWORK,
            [BASE + ": hub network; the firewall resolves DNS and filters egress for every zone"], "",
            resource_group=names.resource_group("network"), after=("logAnalytics",), vnet=names.network("vnet"),
            address_space=estate.mgmt.network.address_space, nsg=names.network("nsg"),
            route_table=names.network("routes"), firewall=names.network("firewall"),
            public_ip=names.network("firewall-pip"), policy=names.network("firewall-policy"),
            tier=estate.mgmt.firewall_tier, firewall_ip=estate.firewall_ip, collections=kept_collections,
            subnets=[{"name": s.spec.name, "cidr": s.cidr, "nsg": s.spec.nsg, "route_table": s.spec.route_table,
                      "delegation": s.spec.delegation, "private_endpoints": s.spec.private_endpoints}
                     for s in self.allocation.subnets],
        )
        service.items = items

    def _dns(self) -> None:
        units: list[PlannedUnit | _Partial] = [*self.others, _Partial(self.services)]
        users = zone_keys([s for unit in units for s in unit.kept])
        zones = [ZONES[key] for key in ZONES if key in users]
        items = [Item("privateDnsZone", z.display, True, tuple(sorted(set(users[z.key])))) for z in zones]
        scoring = self._scoring_zones()
        zones += [zone for zone, _ in scoring]
        items += [Item("privateDnsZone", zone.display, True, (why,)) for zone, why in scoring]
        items += [Item("privateDnsZone", z.display, False, ("no kept private endpoint resolves here",))
                  for z in ZONES.values() if z.key not in users]
        items += [Item("privateDnsZone", name, False, ("relecloud deploys no service that uses it",))
                  for name in UNUSED_REFERENCE_ZONES]
        service = self.add(management.PRIVATE_DNS_ZONES,
                           self.listed("privateDnsZones", "name resolution of every private endpoint of the estate")
                           if zones else [], NOT_LISTED if "privateDnsZones" not in self.estate.mgmt_services
                           else "no kept private endpoint needs a zone",
                           resource_group=self.names.resource_group("dns"), after=("network",),
                           zones=[z.as_context() for z in zones], vnet=self.names.network("vnet"),
                           network=Scope(self.names.resource_group("network")).as_context())
        service.items = items

    def _scoring_zones(self) -> list[tuple[DnsZone, str]]:
        """A zone per served model's scoring hostname, linked to the hub like the others: the firewall's DNS proxy
        resolves it for every zone (and for an application gateway publishing the model). Its apex A record is
        the data-plane step on the AKS service: the router's address is assigned when the extension starts."""
        found = []
        for unit in self.others:
            for service in unit.kept:
                if service.key == "aks":
                    host = service.context["hostname"]
                    found.append(
                        (
                            DnsZone(f"scoring:{host}", host, host, f"'{host}'"),
                            f"{unit.name} serves its model as {host}: its A record is published after deployment",
                        )
                    )
        return found

    def _order_dns_first(self) -> None:
        """Services with private endpoints wait for the zones that their DNS zone groups point at."""
        dns = next(s for s in self.services if s.key == "privateDnsZones")
        self.services.remove(dns)
        self.services.insert(2, dns)
        if dns.kept:
            for service in self.services:
                if service.context.get("endpoints"):
                    service.after.append("privateDnsZones")


class _Partial:
    """The management zone's own services, seen as a unit while it is still being planned."""

    def __init__(self, services: list[Service]):
        self.kept = [s for s in services if s.kept]
