"""The data landing zone unit: what the zone's shared layer needs for its integrations and products, and why.

Each candidate service of the reference data landing zone is kept only when an integration or product of the
zone needs it (or it is the base of every landing zone); the reasons name those workloads. Integrations that
run wholly on the zone's shared engines have no unit of their own: what they need (their lake container, their
compute pool, their self-hosted runtime) is kept here, with them named as the reason.
"""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.manifest.model import Integration, LandingZone
from relecloud_templates.plan import reference
from relecloud_templates.plan.endpoints import endpoint
from relecloud_templates.plan.estate import MANAGEMENT_SUBSCRIPTION_PARAM, Estate, Scope, camel, subscription_param
from relecloud_templates.plan.firewall import POWER_BI_GATEWAY_SUBNET
from relecloud_templates.plan.model import Item, PlannedUnit, Service, ServiceCollector
from relecloud_templates.plan.network import DATABRICKS_INTENT_RULES, GATEWAY_RULES, Allocation, SubnetSpec, allocate
from relecloud_templates.plan.placement import (
    aks_subnet,
    owns_unit,
    shared_engine_integrations,
    shared_engine_users,
    workload_label,
    workload_subnet,
)
from relecloud_templates.services import common, landing, roles
from relecloud_templates.services import workload as workload_specs

BASE = "base of every landing zone"
LOG_RETENTION_DAYS = 120  # as the reference landing zone keeps its logs
COOL_AFTER_DAYS = 90  # lake data nobody changed for this long moves to the cool tier (as the reference does)
SPARK_VERSION = "3.4"
SPARK_DEFAULTS = {"node_size": "Small", "max_nodes": 10, "auto_pause_minutes": 15}
SYNAPSE_COMPUTE_OPERATOR = "Synapse Compute Operator"  # a Synapse RBAC role (the workspace's data plane)

LAKES = (  # key, storage purpose, title
    ("lakeRaw", "raw", "Data lake: raw"),
    ("lakeEnrichedCurated", "encur", "Data lake: enriched and curated"),
    ("lakeWorkspace", "work", "Data lake: workspace"),
)
EXTERNAL_STORAGE = "externalStorage"


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
    if shared_engine_users(zone, "synapse") or any(_own_synapse(i) for i in zone.integrations):
        users["lakeWorkspace"].append("the zone's Synapse workspaces keep their default file systems here")
    return users


def _own_synapse(integration: Integration) -> bool:
    return integration.template == "batch" and integration.engine == "synapse"


def engine_users(zone: LandingZone, engine: str, *, integrations: bool = True, products: bool = True) -> list[str]:
    return [f"{workload_label(w)} runs on the zone's shared {engine}"
            for w in shared_engine_users(zone, engine, integrations=integrations, products=products)]


class LandingZonePlanner(ServiceCollector):
    def __init__(self, estate: Estate, zone: LandingZone, earlier_peers: list[LandingZone]):
        super().__init__()
        self.estate = estate
        self.zone = zone
        self.names = estate.zone_names[zone.name]
        self.peers = earlier_peers  # landing zones planned before this one that it peers with

    # -- helpers ------------------------------------------------------------------------------------------
    def rg(self, purpose: str) -> str:
        return self.names.resource_group(purpose)

    def subnet_ref(self, name: str) -> dict:
        return {"scope": Scope(self.rg("network")).as_context(), "vnet": self.names.network("vnet"), "subnet": name}

    # -- the unit -----------------------------------------------------------------------------------------
    def plan(self) -> PlannedUnit:
        zone, estate = self.zone, self.estate
        databricks_integration = engine_users(zone, "databricks", products=False)
        databricks_product = engine_users(zone, "databricks", integrations=False)
        power_bi = [f"{workload_label(p)} is read by Power BI" for p in zone.products if "powerBI" in p.consumers]

        allocation = self._network(databricks_integration, databricks_product, power_bi)
        self._peerings()
        self._logging()
        services_subnet = self.subnet_ref("services")
        lakes = lake_users(zone)
        for key, purpose, title in LAKES:
            self._lake(key, purpose, title, lakes[key], services_subnet)
        self._external_storage(services_subnet)
        for purpose, users, group in (("integration", databricks_integration, "shared-integration"),
                                      ("product", databricks_product, "shared-product")):
            self._databricks(purpose, users, group, services_subnet)
        self._data_factory(services_subnet)
        self._synapse(services_subnet)
        self._runtimes()
        self._pools()
        streaming = [f"{workload_label(w)} streams its data in" for w in zone.integrations if w.template == "streaming"]
        self.add(landing.EVENT_HUB, streaming,
                 pruned_because="no integration of the zone streams", resource_group=self.rg("shared-integration"),
                 after=("network",), namespace=self.names.event_hub(),
                 endpoints=[endpoint(self.names.event_hub(), "Microsoft.EventHub/namespaces", "namespace",
                                     ["serviceBus"], services_subnet)])
        self._lake_access()
        self._governance()
        unit = PlannedUnit(
            name=naming.unit_name(zone.name), kind="landingZone", zone=zone.name, scope="subscription",
            subscription_id=zone.subscription_id, resource_group=None, location=zone.location,
            deployment_name=naming.deployment_name(self.names.stem), services=self.services,
            description=zone.description,
        )
        unit.resource_groups = self._resource_groups(unit)
        unit.parameter_values = {"managementFirewallPrivateIp": estate.firewall_ip}
        unit.follows = [reference.DLZ, *([reference.STREAMING] if streaming else [])]
        self.allocation = allocation
        return unit

    def _resource_groups(self, unit: PlannedUnit) -> list[str]:
        groups = [s.resource_group for s in unit.kept if s.resource_group and s.subscription_param is None]
        workloads = [naming.WorkloadNames(self.names, w.name).resource_group
                     for w in self.zone.workloads if owns_unit(w)]
        return list(dict.fromkeys([*groups, *workloads]))

    # -- logging --------------------------------------------------------------------------------------------
    def _logging(self) -> None:
        """The zone's own Log Analytics workspace (its business unit owns its logs, their cost and who reads
        them), joined to the estate's Azure Monitor Private Link Scope when ingestion is private."""
        estate, zone = self.estate, self.zone
        workspace = self.names.log_analytics()
        self.add(common.LOG_ANALYTICS, [BASE + ": the diagnostics of the zone's services; the business unit owns "
                                        "its logs, their cost and who may read them"],
                 title="Log Analytics workspace of the zone", resource_group=self.rg("logging"), after=("network",),
                 workspace=workspace, retention_days=LOG_RETENTION_DAYS, public_ingestion=not estate.private_ingestion)
        link = self.add(
            landing.MONITOR_SCOPE_LINK,
            [
                f"the management zone's monitoring.ingestion is {estate.mgmt.ingestion}: the zone's workspace "
                "takes logs only through the estate's Azure Monitor Private Link Scope"
            ]
            if estate.private_ingestion
            else [],
            "the management zone's monitoring.ingestion is public: the workspace takes logs from the "
            "internet and no scope is needed",
            resource_group=estate.mgmt_names.resource_group("logging"),
            after=("logAnalytics",),
            scope=estate.monitor_scope,
            scoped=[scoped_workspace(zone.name, workspace, Scope(self.rg("logging"), subscription_param(zone.name)))],
        )
        link.subscription_param = MANAGEMENT_SUBSCRIPTION_PARAM

    # -- storage ----------------------------------------------------------------------------------------------
    def _external_storage(self, subnet: dict) -> None:
        deliveries = [i for i in self.zone.integrations if i.source == "external"]
        account = self.names.storage("ext")
        service = self.add(
            landing.LAKE,
            [f"{workload_label(i)} receives data that third parties deliver" for i in deliveries],
            "no integration of the zone has `source: external`",
            key=EXTERNAL_STORAGE,
            title="External storage (third-party deliveries)",
            resource_group=self.rg("externalstorage"),
            after=("network",),
            account=account,
            containers=sorted(i.name for i in deliveries),
            hierarchical=False,
            cool_after_days=COOL_AFTER_DAYS,
            endpoints=[endpoint(account, "Microsoft.Storage/storageAccounts", "blob", ["blob"], subnet)],
        )
        service.items = [Item("container", i.name, True, ("one container per delivering integration",))
                         for i in deliveries]

    # -- engines ----------------------------------------------------------------------------------------------
    def _databricks(self, purpose: str, users: list[str], group: str, subnet: dict) -> None:
        workspace = self.names.databricks(purpose)
        endpoints = [endpoint(workspace, "Microsoft.Databricks/workspaces", "databricks_ui_api", ["databricks"], subnet,
                              suffix="ui-api")]
        browser = self.estate.browser_authentication.get(self.zone.location)
        item = Item("privateEndpoint", "browser_authentication", False,
                    (f"the region's single sign-on endpoint is on {browser[0]}'s workspace for {browser[1]}s"
                     if browser else "no workspace",))
        if browser == (self.zone.name, purpose):
            endpoints.append(endpoint(workspace, "Microsoft.Databricks/workspaces", "browser_authentication",
                                      ["databricks"], subnet, suffix="auth"))
            item = Item("privateEndpoint", "browser_authentication", True,
                        (f"single sign-on to every Databricks workspace of {self.zone.location} with public access "
                         "off (one per region: a second one would take over its DNS record)",))
        service = self.add(landing.DATABRICKS, users, f"no {purpose} of the zone runs on Databricks",
                           resource_group=self.rg(group), key=f"databricks{purpose.title()}",
                           title=f"Databricks workspace for {purpose}s", after=("network",), workspace=workspace,
                           managed_resource_group=f"{workspace}-managed",
                           subnets={side: f"databricks-{purpose}-{side}" for side in ("public", "private")},
                           network=subnet, endpoints=endpoints)
        service.items = [item]

    def _data_factory(self, subnet: dict) -> None:
        factory = self.names.data_factory()
        targets = [s for s in self.services if s.kept and (s.key.startswith("lake") or s.key == EXTERNAL_STORAGE)]
        self.add(landing.DATA_FACTORY, engine_users(self.zone, "dataFactory"),
                 "no integration or product of the zone runs on the zone's shared Data Factory",
                 resource_group=self.rg("shared-integration"), after=("network", *[s.key for s in targets]),
                 factory=factory,
                 endpoints=[endpoint(factory, "Microsoft.DataFactory/factories", group, [dns], subnet)
                            for group, dns in (("dataFactory", "dataFactory"), ("portal", "dataFactoryPortal"))],
                 managed_endpoints=[*(lake_endpoint(s, Scope(s.resource_group)) for s in targets),
                                    *purview_endpoints(self.estate, self.zone.name)])

    def _synapse(self, subnet: dict) -> None:
        workspace = self.names.synapse_workspace()
        self.add(landing.SYNAPSE, engine_users(self.zone, "synapse"),
                 "no integration or product of the zone runs on the zone's shared Synapse workspace",
                 resource_group=self.rg("shared-product"), after=("network", "lakeWorkspace"),
                 workspace=workspace, managed_resource_group=f"{workspace}-managed",
                 lake={"account": self.names.storage("work"), "filesystem": "synapse",
                       "scope": Scope(self.rg("storage")).as_context()},
                 endpoints=synapse_endpoints(workspace, subnet))

    def _runtimes(self) -> None:
        """A self-hosted integration runtime in each shared engine whose pipelines read on-premises sources."""
        for engine, key in (("dataFactory", "dataFactory"), ("synapse", "synapse")):
            engine_service = self._service(key)
            users = [w for w in shared_engine_integrations(self.zone, engine) if w.source == "onPremises"]
            reasons = [f"{workload_label(w)} lands data from on-premises systems" for w in users]
            if reasons and not engine_service.kept:
                reasons = []
            self.add(landing.SELF_HOSTED_RUNTIME, reasons,
                     f"no integration on the zone's shared {engine} reads on-premises sources",
                     key=f"selfHostedRuntime{key[:1].upper()}{key[1:]}",
                     title=f"Self-hosted integration runtime of the shared {engine_service.title.split(' (')[0]}",
                     resource_group=engine_service.resource_group, after=(key,), engine=engine,
                     owner=engine_service.context["factory" if engine == "dataFactory" else "workspace"],
                     runtime="onpremises", users=[workload_label(w) for w in users])

    def _pools(self) -> None:
        """A dedicated compute pool per Synapse integration that asks for one, in the shared workspace."""
        workspace = self._service("synapse")
        for integration in shared_engine_integrations(self.zone, "synapse"):
            if integration.compute_pool is not None:
                add_pool(self, workspace, integration, self.names)

    def _network(self, databricks_integration, databricks_product, power_bi) -> Allocation:
        zone = self.zone
        specs = [
            SubnetSpec(
                "services", "services", (BASE + ": private endpoints of the shared services",), private_endpoints=True
            )
        ]
        for purpose, users in (("integration", databricks_integration), ("product", databricks_product)):
            for side in ("public", "private"):
                if users:
                    specs.append(
                        SubnetSpec(
                            f"databricks-{purpose}-{side}",
                            f"databricks-{purpose}-{side}",
                            tuple(users),
                            nsg="databricks",
                            delegation="Microsoft.Databricks/workspaces",
                        )
                    )
        if power_bi:
            specs.append(SubnetSpec("powerbi-gateway", POWER_BI_GATEWAY_SUBNET, tuple(power_bi),
                                    delegation="Microsoft.PowerPlatform/vnetaccesslinks"))
        for workload in zone.workloads:
            if owns_unit(workload):
                specs.append(
                    SubnetSpec(
                        workload.name,
                        workload_subnet(workload),
                        (f"{workload_label(workload)}: its own private endpoints",),
                        private_endpoints=True,
                    )
                )
        for product in zone.products:
            if product.serving and product.serving.kind == "aks":
                specs.append(SubnetSpec(f"{product.name}-aks", aks_subnet(product),
                                        (f"{workload_label(product)} is served from AKS",)))
        for product in zone.products:
            if product.serving and product.serving.kind == "aks" and product.serving.exposure == "external":
                # Application Gateway v2 needs its own subnet, with no default route through the firewall
                specs.append(SubnetSpec(f"{product.name}-gateway", naming.gateway_subnet(product.name),
                                        (f"{workload_label(product)} is published through an application gateway "
                                         "(exposure: external)",), nsg="gateway", route_table=False))
        allocation = allocate(zone.network, specs)
        items = [Item("subnet", f"{s.spec.name} {s.cidr}", True, s.spec.reasons) for s in allocation.subnets]
        pruned = {
            "databricks-integration-public/private": "no integration runs on Databricks"
            if not databricks_integration
            else "",
            "databricks-product-public/private": "no product runs on Databricks" if not databricks_product else "",
            "powerbi-gateway": "no product is read by Power BI" if not power_bi else "",
        }
        items += [Item("subnet", name, False, (why,)) for name, why in pruned.items() if why]
        items += [
            Item(
                "subnet", f"{p} {c}", False, ("written in the manifest but nothing needs it; the range stays reserved",)
            )
            for p, c in allocation.reserved.items()
        ]
        service = self.add(
            landing.SPOKE_NETWORK,
            [BASE + "; DNS and egress through the management zone's firewall"],
            resource_group=self.rg("network"),
            vnet=self.names.network("vnet"),
            address_space=zone.network.address_space,
            nsg=self.names.network("nsg"),
            databricks_nsg=self.names.network("databricks-nsg"),
            gateway_nsg=self.names.network("agw-nsg"),
            route_table=self.names.network("routes"),
            databricks_rules=list(DATABRICKS_INTENT_RULES),
            gateway_rules=list(GATEWAY_RULES),
            subnets=[
                {
                    "name": s.spec.name,
                    "cidr": s.cidr,
                    "nsg": s.spec.nsg,
                    "route_table": s.spec.route_table,
                    "delegation": s.spec.delegation,
                    "private_endpoints": s.spec.private_endpoints,
                }
                for s in allocation.subnets
            ],
        )
        service.items = items
        if power_bi:
            gateway = next(s for s in allocation.subnets if s.spec.name == POWER_BI_GATEWAY_SUBNET)
            service.data_plane = [{
                "action": "powerPlatformGateway", "scope": f"subnet {POWER_BI_GATEWAY_SUBNET} {gateway.cidr}",
                "role": "virtual network data gateway", "principal": "Power BI",
                "why": "Power BI reads the zone's products through it; the gateway is created in the Power Platform "
                       "(no ARM type) on this delegated subnet, and reaches Power BI through the firewall's "
                       "power-bi-gateway rules",
            }]
        return allocation

    def _peerings(self) -> None:
        estate, zone = self.estate, self.zone
        local = {"resource_group": self.rg("network"), "vnet": self.names.network("vnet")}
        mgmt_rg = estate.mgmt_names.resource_group("network")
        remote_mgmt = {
            "scope": Scope(mgmt_rg, MANAGEMENT_SUBSCRIPTION_PARAM).as_context(),
            "vnet": estate.mgmt_names.network("vnet"),
        }
        self.add(
            landing.PEERING,
            [BASE + ": reaches the management zone's firewall and DNS"],
            key="peeringManagement",
            title=f"Peering {zone.name} -> {estate.mgmt.name}",
            resource_group=self.rg("network"),
            after=("network",),
            vnet=local["vnet"],
            remote=remote_mgmt,
        )
        reverse = self.add(landing.PEERING,
                           [BASE + ": the management zone's side of the peering, deployed into its subscription"],
                           key="peeringManagementReverse", title=f"Peering {estate.mgmt.name} -> {zone.name}",
                           resource_group=mgmt_rg, after=("network",), vnet=estate.mgmt_names.network("vnet"),
                           remote={"scope": Scope(local["resource_group"], subscription_param(zone.name)).as_context(),
                                   "vnet": local["vnet"]})
        reverse.subscription_param = MANAGEMENT_SUBSCRIPTION_PARAM
        for peer in self.peers:
            peer_names = naming.zone_names(estate.org, peer.name, peer.subscription_id)
            key = estate_key(peer.name)
            why = f"peering topology {estate.manifest.peering.topology!r} connects {peer.name} and {zone.name}"
            self.add(
                landing.PEERING,
                [why],
                key=f"peering{key}",
                title=f"Peering {zone.name} -> {peer.name}",
                resource_group=self.rg("network"),
                after=("network",),
                vnet=local["vnet"],
                remote={
                    "scope": Scope(peer_names.resource_group("network"), subscription_param(peer.name)).as_context(),
                    "vnet": peer_names.network("vnet"),
                },
            )
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
            containers = [p.name for p in zone.products] + [i.name for i in zone.integrations if _own_synapse(i)]
            if shared_engine_users(zone, "synapse"):
                containers.append("synapse")
        service = self.add(landing.LAKE, users, key=key, title=title,
                           pruned_because=f"no integration or product of the zone uses the {purpose} lake",
                           resource_group=self.rg("storage"), after=("network",), account=self.names.storage(purpose),
                           containers=sorted(set(containers)), hierarchical=True, cool_after_days=COOL_AFTER_DAYS,
                           endpoints=[endpoint(self.names.storage(purpose), "Microsoft.Storage/storageAccounts", group,
                                               [group], subnet) for group in ("blob", "dfs")])
        service.items = [Item("container", c, True, ("one container per workload",)) for c in sorted(set(containers))]

    def _lake_access(self) -> None:
        """The shared engines' grants on the external storage, where third parties deliver (the lakes' grants are
        per container, one per data path: plan/access.py)."""
        grants = []
        engines = {
            "dataFactory": (
                "Microsoft.DataFactory/factories",
                self.names.data_factory(),
                self.rg("shared-integration"),
            ),
            "synapse": ("Microsoft.Synapse/workspaces", self.names.synapse_workspace(), self.rg("shared-product")),
        }
        reasons = []
        stores = [s for s in self.services if s.kept and s.key == EXTERNAL_STORAGE]
        for engine_key, (rtype, name, rg) in engines.items():
            engine = self._service(engine_key)
            if not engine.kept:
                continue
            for lake in stores:
                grants.append(store_grant(lake.context["account"], {"type": rtype, "name": name,
                                                                    "scope": Scope(rg).as_context()}))
            if stores:
                reasons.append(f"{engine.title} reads what third parties deliver")
        after = [*(s.key for s in stores), *(k for k in engines if self._service(k).kept)]
        service = self.add(common.ACCESS, reasons, pruned_because="no shared engine reads third-party deliveries",
                           key="externalAccess", title="External storage access of the shared engines",
                           resource_group=self.rg("externalstorage"), after=tuple(after), grants=grants)
        service.items = grant_items(grants)

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


def naming_key(name: str) -> str:
    """A workload name as a camel-case key part: ``service-telemetry`` -> ``ServiceTelemetry``."""
    return estate_key(name)


def scoped_workspace(
    zone: str, workspace: str, scope: Scope, rtype: str = "Microsoft.OperationalInsights/workspaces"
) -> dict:
    """A resource joined to the estate's Azure Monitor Private Link Scope (one entry of a scope link)."""
    return {"name": f"{zone}-{workspace}", "type": rtype, "target": {"scope": scope.as_context(), "name": workspace}}


def lake_endpoint(store: Service, scope: Scope) -> dict:
    """A managed private endpoint of an engine to a lake (dfs) or the external storage (blob)."""
    group = "dfs" if store.context["hierarchical"] else "blob"
    account = store.context["account"]
    return {"name": f"{account}-{group}", "group": group,
            "target": {"type": "Microsoft.Storage/storageAccounts", "name": account, "scope": scope.as_context()}}


def purview_endpoints(estate: Estate, from_zone: str) -> list[dict]:
    """A Data Factory's managed private endpoint to Purview's account: it pushes lineage there."""
    purview = estate.anchors(from_zone)["purview"]
    if purview is None:
        return []
    return [{"name": "purview-account", "group": "account",
             "target": {"type": "Microsoft.Purview/accounts", "name": purview["name"], "scope": purview["scope"]}}]


def synapse_endpoints(workspace: str, subnet: dict) -> list[dict]:
    return [endpoint(workspace, "Microsoft.Synapse/workspaces", group, [dns], subnet)
            for group, dns in (("Sql", "synapseSql"), ("SqlOnDemand", "synapseSql"), ("Dev", "synapseDev"))]


def add_pool(collector: ServiceCollector, workspace: Service, integration: Integration, zone_names) -> Service:
    """The dedicated compute pool of ``integration`` in the Synapse workspace ``workspace`` (a service of the same
    unit): a Spark pool that pauses when idle, or a SQL pool with transparent data encryption; cost tags name
    the integration, and Synapse RBAC scoped to the pool for its team is recorded as a data-plane step."""
    pool = integration.compute_pool
    assert pool is not None
    names = naming.WorkloadNames(zone_names, integration.name)
    label = workload_label(integration)
    reasons = [f"{label} asks for a {pool.type} pool of its own: cost accounting and a security boundary"]
    cost_tags = {"CostAllocation": label, "DataIntegration": integration.name}
    common_args = {"key": f"{pool.type}Pool{naming_key(integration.name)}",
                       "title": f"{'Apache Spark' if pool.type == 'spark' else 'Dedicated SQL'} pool of {label}",
                       "resource_group": workspace.resource_group, "after": (workspace.key,),
                       "workspace": workspace.context["workspace"], "cost_tags": cost_tags}
    if pool.type == "sql":
        service = collector.add(workload_specs.SQL_POOL, reasons, pool=names.sql_pool(), sku=pool.sku or "DW100c",
                                **common_args)
        scope = f"sqlPools/{names.sql_pool()}"
    else:
        service = collector.add(
            workload_specs.SPARK_POOL,
            reasons,
            pool=names.spark_pool(),
            spark_version=SPARK_VERSION,
            node_size=pool.node_size or SPARK_DEFAULTS["node_size"],
            max_nodes=pool.max_nodes or SPARK_DEFAULTS["max_nodes"],
            auto_pause_minutes=pool.auto_pause_minutes or SPARK_DEFAULTS["auto_pause_minutes"],
            **common_args,
        )
        scope = f"bigDataPools/{names.spark_pool()}"
    access = collector.estate.manifest.access  # type: ignore[attr-defined]
    team = access.workload(integration.zone, integration.name).owners or access.zone(integration.zone).owners
    service.data_plane = [{
        "action": "synapseRoleAssignment", "workspace": workspace.context["workspace"],
        "scope": f"workspaces/{workspace.context['workspace']}/{scope}", "role": SYNAPSE_COMPUTE_OPERATOR,
        "principal": team or f"the team of {label} (name its owners in access.workloads)",
        "principalType": "Group",
        "why": f"{label}'s team runs its pipelines on its own pool and on no other: Synapse RBAC is the workspace's "
               "data plane (no ARM type), so deploy performs it after the unit",
    }]
    return service


def store_grant(account: str, principal: dict) -> dict:
    """Storage Blob Data Contributor for an engine's identity on a lake (or the external storage) account."""
    return {"target": {"type": "Microsoft.Storage/storageAccounts", "name": account}, "principal": principal,
            "role": roles.STORAGE_BLOB_DATA_CONTRIBUTOR}


ROLE_NAMES = {roles.STORAGE_BLOB_DATA_CONTRIBUTOR: "Storage Blob Data Contributor",
              roles.KEY_VAULT_SECRETS_USER: "Key Vault Secrets User"}


def grant_items(grants: list[dict]) -> list[Item]:
    return [Item("roleAssignment", f"{g['principal']['name']} -> {g['target']['name']}", True,
                 (ROLE_NAMES.get(g["role"], g["role"]),)) for g in grants]
