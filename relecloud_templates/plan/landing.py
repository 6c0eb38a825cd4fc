"""The data landing zone unit: what the zone's shared layer needs for its integrations and products, and why.

Each candidate service of the reference data landing zone is kept only when an integration or product of the
zone needs it (or it is the base of every landing zone); the reasons name those workloads.
"""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.manifest.model import Integration, LandingZone, Product
from relecloud_templates.services import common, landing, roles
from relecloud_templates.plan.estate import MANAGEMENT_SUBSCRIPTION_PARAM, Estate, Scope, camel, subscription_param
from relecloud_templates.plan.model import Item, Service, ServiceCollector, Unit
from relecloud_templates.plan.endpoints import endpoint
from relecloud_templates.plan.network import DATABRICKS_INTENT_RULES, Allocation, SubnetSpec, allocate

BASE = "base of every landing zone"

LAKES = (  # key, storage purpose, title
    ("lakeRaw", "raw", "Data lake: raw"),
    ("lakeEnrichedCurated", "encur", "Data lake: enriched and curated"),
    ("lakeWorkspace", "work", "Data lake: workspace"),
)


def workload_label(workload: Integration | Product) -> str:
    return f"{workload.zone}/{workload.name}"


def workload_subnet(workload: Integration | Product) -> str:
    return naming.workload_subnet(workload.name)


def aks_subnet(product: Product) -> str:
    return naming.aks_subnet(product.name)


def lake_users(zone: LandingZone) -> dict[str, list[str]]:
    """Which workloads write to which lake account, with the reason for each."""
    users: dict[str, list[str]] = {"lakeRaw": [], "lakeEnrichedCurated": [], "lakeWorkspace": []}
    for integration in zone.integrations:
        label = workload_label(integration)
        if integration.lands_in == "raw":
            users["lakeRaw"].append(f"{label} lands its data in raw")
        if integration.lands_in in ("enriched", "curated"):
            users["lakeEnrichedCurated"].append(f"{label} lands its data in {integration.lands_in}")
        elif integration.transform:
            users["lakeEnrichedCurated"].append(f"{label} writes its transformed data to enriched")
    for product in zone.products:
        label = workload_label(product)
        users["lakeEnrichedCurated"].append(f"{label} publishes curated data")
        users["lakeWorkspace"].append(f"{label} works in the workspace lake")
    if any(w.engine == "synapse" for w in (*zone.integrations, *zone.products)):
        users["lakeWorkspace"].append("the Synapse workspace keeps its default file system here")
    return users


def engine_users(zone: LandingZone, engine: str, *, integrations: bool = True, products: bool = True) -> list[str]:
    found = []
    if integrations:
        found += [f"{workload_label(w)} runs on {engine}" for w in zone.integrations if w.engine == engine]
    if products:
        found += [f"{workload_label(w)} runs on {engine}" for w in zone.products if w.engine == engine]
    return found


class LandingZonePlanner(ServiceCollector):
    def __init__(self, estate: Estate, zone: LandingZone, earlier_peers: list[LandingZone]):
        super().__init__()
        self.estate = estate
        self.zone = zone
        self.names = naming.zone_names(estate.org, zone.name)
        self.peers = earlier_peers  # landing zones planned before this one that it peers with

    # -- helpers ------------------------------------------------------------------------------------------
    def rg(self, purpose: str) -> str:
        return self.names.resource_group(purpose)

    def subnet_ref(self, name: str) -> dict:
        return {"scope": Scope(self.rg("network")).as_context(), "vnet": self.names.network("vnet"), "subnet": name}

    # -- the unit -----------------------------------------------------------------------------------------
    def plan(self) -> Unit:
        zone, estate = self.zone, self.estate
        lakes = lake_users(zone)
        databricks_integration = engine_users(zone, "databricks", products=False)
        databricks_product = engine_users(zone, "databricks", integrations=False)
        data_factory = engine_users(zone, "dataFactory")
        synapse = engine_users(zone, "synapse")
        streaming = [f"{workload_label(w)} streams its data in" for w in zone.integrations if w.template == "streaming"]
        power_bi = [f"{workload_label(p)} is read by Power BI" for p in zone.products if "powerBI" in p.consumers]

        allocation = self._network(databricks_integration, databricks_product, power_bi)
        self._peerings()
        services_subnet = self.subnet_ref("services")
        for key, purpose, title in LAKES:
            self._lake(key, purpose, title, lakes[key], services_subnet)
        for purpose, users, group in (("integration", databricks_integration, "shared-integration"),
                                      ("product", databricks_product, "shared-product")):
            workspace = self.names.databricks(purpose)
            self.add(landing.DATABRICKS, users, f"no {purpose} of the zone runs on Databricks", resource_group=self.rg(group),
                     key=f"databricks{purpose.title()}", title=f"Databricks workspace for {purpose}s",
                     after=("network",), workspace=workspace,
                     managed_resource_group=f"{workspace}-managed",
                     subnets={side: f"databricks-{purpose}-{side}" for side in ("public", "private")},
                     network=services_subnet,
                     endpoints=[endpoint(workspace, "Microsoft.Databricks/workspaces", "databricks_ui_api",
                                         ["databricks"], services_subnet, suffix="ui-api")])
        kept_lakes = [s for s in self.services if s.key.startswith("lake") and s.kept]
        self.add(landing.DATA_FACTORY, data_factory,
                 pruned_because="no integration or product of the zone runs on Data Factory",
                 resource_group=self.rg("shared-integration"), after=("network", *[s.key for s in kept_lakes]),
                 factory=self.names.data_factory(),
                 endpoints=[endpoint(self.names.data_factory(), "Microsoft.DataFactory/factories", group, [zone],
                                     services_subnet) for group, zone in (("dataFactory", "dataFactory"),
                                                                          ("portal", "dataFactoryPortal"))],
                 lakes=[{"key": s.key, "account": s.context["account"], "scope": Scope(self.rg("storage")).as_context()}
                        for s in kept_lakes])
        self.add(landing.SYNAPSE, synapse,
                 pruned_because="no integration or product of the zone runs on Synapse",
                 resource_group=self.rg("shared-product"), after=("network", "lakeWorkspace"),
                 workspace=self.names.synapse_workspace(), managed_resource_group=f"{self.names.synapse_workspace()}-managed",
                 lake={"account": self.names.storage("work"), "filesystem": "synapse",
                       "scope": Scope(self.rg("storage")).as_context()},
                 endpoints=[endpoint(self.names.synapse_workspace(), "Microsoft.Synapse/workspaces", group, [zone],
                                     services_subnet) for group, zone in (("Sql", "synapseSql"),
                                                                          ("SqlOnDemand", "synapseSql"), ("Dev", "synapseDev"))])
        self.add(landing.EVENT_HUB, streaming,
                 pruned_because="no integration of the zone streams", resource_group=self.rg("shared-integration"),
                 after=("network",), namespace=self.names.event_hub(),
                 endpoints=[endpoint(self.names.event_hub(), "Microsoft.EventHub/namespaces", "namespace",
                                     ["serviceBus"], services_subnet)])
        self._lake_access()
        self._governance()
        unit = Unit(
            name=naming.unit_name(zone.name), kind="landingZone", zone=zone.name, scope="subscription",
            subscription_id=zone.subscription_id, resource_group=None, location=zone.location,
            deployment_name=naming.deployment_name(self.names.stem), services=self.services,
            description=zone.description,
        )
        unit.resource_groups = self._resource_groups(unit)
        unit.parameter_values = {"managementFirewallPrivateIp": estate.firewall_ip}
        self.allocation = allocation
        return unit

    def _resource_groups(self, unit: Unit) -> list[str]:
        groups = [s.resource_group for s in unit.kept if s.resource_group and s.subscription_param is None]
        workloads = [naming.WorkloadNames(self.names, w.name).resource_group for w in (*self.zone.integrations, *self.zone.products)]
        return list(dict.fromkeys([*groups, *workloads]))

    def _network(self, databricks_integration, databricks_product, power_bi) -> Allocation:
        zone = self.zone
        specs = [SubnetSpec("services", "services", (BASE + ": private endpoints of the shared services",), private_endpoints=True)]
        for purpose, users in (("integration", databricks_integration), ("product", databricks_product)):
            for side in ("public", "private"):
                if users:
                    specs.append(SubnetSpec(f"databricks-{purpose}-{side}", f"databricks-{purpose}-{side}", tuple(users),
                                            nsg="databricks", delegation="Microsoft.Databricks/workspaces"))
        if power_bi:
            specs.append(SubnetSpec("powerbi-gateway", "powerbi-gateway", tuple(power_bi),
                                    delegation="Microsoft.PowerPlatform/vnetaccesslinks"))
        for workload in (*zone.integrations, *zone.products):
            specs.append(SubnetSpec(workload.name, workload_subnet(workload),
                                    (f"{workload_label(workload)}: its own private endpoints",), private_endpoints=True))
        for product in zone.products:
            if product.serving and product.serving.kind == "aks":
                specs.append(SubnetSpec(f"{product.name}-aks", aks_subnet(product),
                                        (f"{workload_label(product)} is served from AKS",)))
        allocation = allocate(zone.network, specs)
        items = [Item("subnet", f"{s.spec.name} {s.cidr}", True, s.spec.reasons) for s in allocation.subnets]
        pruned = {
            "databricks-integration-public/private": "no integration runs on Databricks" if not databricks_integration else "",
            "databricks-product-public/private": "no product runs on Databricks" if not databricks_product else "",
            "powerbi-gateway": "no product is read by Power BI" if not power_bi else "",
        }
        items += [Item("subnet", name, False, (why,)) for name, why in pruned.items() if why]
        items += [Item("subnet", f"{p} {c}", False, ("written in the manifest but nothing needs it; the range stays reserved",))
                  for p, c in allocation.reserved.items()]
        service = self.add(landing.SPOKE_NETWORK,
                           [BASE + "; DNS and egress through the management zone's firewall"],
                           resource_group=self.rg("network"), vnet=self.names.network("vnet"),
                           address_space=zone.network.address_space, nsg=self.names.network("nsg"),
                           databricks_nsg=self.names.network("databricks-nsg"), route_table=self.names.network("routes"),
                           databricks_rules=list(DATABRICKS_INTENT_RULES),
                           subnets=[{"name": s.spec.name, "cidr": s.cidr, "nsg": s.spec.nsg, "route_table": s.spec.route_table,
                                     "delegation": s.spec.delegation, "private_endpoints": s.spec.private_endpoints}
                                    for s in allocation.subnets])
        service.items = items
        return allocation

    def _peerings(self) -> None:
        estate, zone = self.estate, self.zone
        local = {"resource_group": self.rg("network"), "vnet": self.names.network("vnet")}
        mgmt_rg = estate.mgmt_names.resource_group("network")
        remote_mgmt = {"scope": Scope(mgmt_rg, MANAGEMENT_SUBSCRIPTION_PARAM).as_context(), "vnet": estate.mgmt_names.network("vnet")}
        self.add(landing.PEERING, [BASE + ": reaches the management zone's firewall and DNS"],
                 key="peeringManagement", title=f"Peering {zone.name} -> {estate.mgmt.name}", resource_group=self.rg("network"),
                 after=("network",), vnet=local["vnet"], remote=remote_mgmt)
        reverse = self.add(landing.PEERING,
                           [BASE + ": the management zone's side of the peering, deployed into its subscription"],
                           key="peeringManagementReverse", title=f"Peering {estate.mgmt.name} -> {zone.name}",
                           resource_group=mgmt_rg, after=("network",), vnet=estate.mgmt_names.network("vnet"),
                           remote={"scope": Scope(local["resource_group"], subscription_param(zone.name)).as_context(),
                                   "vnet": local["vnet"]})
        reverse.subscription_param = MANAGEMENT_SUBSCRIPTION_PARAM
        for peer in self.peers:
            peer_names = naming.zone_names(estate.org, peer.name)
            key = estate_key(peer.name)
            why = f"peering topology {estate.manifest.peering.topology!r} connects {peer.name} and {zone.name}"
            self.add(landing.PEERING, [why], key=f"peering{key}", title=f"Peering {zone.name} -> {peer.name}",
                     resource_group=self.rg("network"), after=("network",), vnet=local["vnet"],
                     remote={"scope": Scope(peer_names.resource_group("network"), subscription_param(peer.name)).as_context(),
                             "vnet": peer_names.network("vnet")})
            back = self.add(landing.PEERING, [why + f"; {peer.name}'s side, deployed into its subscription"],
                            key=f"peering{key}Reverse", title=f"Peering {peer.name} -> {zone.name}",
                            resource_group=peer_names.resource_group("network"), after=("network",),
                            vnet=peer_names.network("vnet"),
                            remote={"scope": Scope(local["resource_group"], subscription_param(zone.name)).as_context(),
                                    "vnet": local["vnet"]})
            back.subscription_param = subscription_param(peer.name)

    def _lake(self, key: str, purpose: str, title: str, users: list[str], subnet: dict) -> None:
        zone = self.zone
        containers = []
        if key == "lakeRaw":
            containers = [w.name for w in zone.integrations if w.lands_in == "raw"]
        elif key == "lakeEnrichedCurated":
            containers = [w.name for w in zone.integrations if w.lands_in != "raw" or w.transform]
            containers += [p.name for p in zone.products]
        elif key == "lakeWorkspace":
            containers = [p.name for p in zone.products]
            if any(w.engine == "synapse" for w in (*zone.integrations, *zone.products)):
                containers.append("synapse")
        service = self.add(landing.LAKE, users, key=key, title=title,
                           pruned_because=f"no integration or product of the zone uses the {purpose} lake",
                           resource_group=self.rg("storage"), after=("network",), account=self.names.storage(purpose),
                           containers=sorted(set(containers)),
                           endpoints=[endpoint(self.names.storage(purpose), "Microsoft.Storage/storageAccounts", group,
                                               [group], subnet) for group in ("blob", "dfs")])
        service.items = [Item("container", c, True, ("one container per workload",)) for c in sorted(set(containers))]

    def _lake_access(self) -> None:
        """Data-plane grants of the shared engines on the lakes they use (a role assignment lives with the lake)."""
        grants = []
        engines = {
            "dataFactory": ("Microsoft.DataFactory/factories", self.names.data_factory(), self.rg("shared-integration")),
            "synapse": ("Microsoft.Synapse/workspaces", self.names.synapse_workspace(), self.rg("shared-product")),
        }
        reasons = []
        for engine_key, (rtype, name, rg) in engines.items():
            engine = self._service(engine_key)
            if not engine.kept:
                continue
            for lake in (s for s in self.services if s.key.startswith("lake") and s.kept):
                grants.append({"lake": lake.context["account"], "principal": {"type": rtype, "name": name,
                               "scope": Scope(rg).as_context()}, "role": roles.STORAGE_BLOB_DATA_CONTRIBUTOR,
                               "engine": engine_key})
            reasons.append(f"{engine.title} reads and writes the zone's lakes")
        after = [s.key for s in self.services if s.kept and (s.key.startswith("lake") or s.key in engines)]
        service = self.add(landing.LAKE_ACCESS, reasons,
                           pruned_because="no shared engine needs access to the lakes",
                           resource_group=self.rg("storage"), after=tuple(after), grants=grants)
        service.items = [Item("roleAssignment", f"{g['engine']} -> {g['lake']}", True, ("Storage Blob Data Contributor",))
                         for g in grants]

    def _governance(self) -> None:
        estate = self.estate
        anchors = estate.anchors(self.zone.name)
        self.add(landing.PURVIEW_ACCESS,
                 ["the management zone's Purview scans this zone's data"] if anchors["purview"] else [],
                 pruned_because="the management zone lists no purview",
                 purview=anchors["purview"], roles=[roles.READER, roles.STORAGE_BLOB_DATA_READER])
        self.add(common.POLICY,
                 ["the management zone lists policy: its guard-rails apply in every zone's subscription"]
                 if "policy" in estate.mgmt_services else [],
                 pruned_because="the management zone lists no policy", zone=self.zone.name,
                 locations=sorted({estate.mgmt.location, *(z.location for z in estate.manifest.landing_zones)}))

    def _service(self, key: str) -> Service:
        return next(s for s in self.services if s.key == key)


def estate_key(zone_name: str) -> str:
    """A zone name as a camel-case key part: ``billing`` -> ``Billing``."""
    text = camel(zone_name)
    return text[:1].upper() + text[1:]
