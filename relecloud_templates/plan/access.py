"""Data access: for every edge of the estate, the grant, the network path and the approval, added to the units.

An edge is a write (an integration lands its data in its lake container; a product publishes into its own) or a
read (a product reads an integration's or another product's container, in its zone or another). For each:

- **identity and grant**: the engine's managed identity gets Storage Blob Data Contributor (write) or Reader
  (read) on the container, never the account. The grant is rendered by the workload's own unit (or, for a
  workload without one, its zone's), as a nested deployment into the lake's resource group: for a read across
  zones that is the *data owner's* subscription, and the unit deploys after the source's, so the owner's lake
  exists and the grant is the owner's resource.
- **network path**: Synapse and Data Factory reach lakes through managed private endpoints (Synapse's live in the
  workspace's data plane, so deploy creates them; Data Factory's are ARM resources), a Machine Learning
  workspace through private endpoint outbound rules of its managed network; Databricks clusters, injected into
  the zone's network, through the lake's own private endpoints (over the peering, across zones), resolved by
  the estate's private DNS zones. A managed endpoint to a lake of the engine's own zone is rendered with the
  engine; one to another zone's lake by the reading unit (the engine's zone may deploy before the other).
- **approval**: a managed private endpoint is pending until the lake's owner approves it; deploy approves it
  after the unit that created it (a data-plane step of that unit). A lake's own private endpoint is approved at
  creation (its owner makes it).

The management zone's Purview scans every lake (``_scanning``): a reader path of each lake account, through a
managed virtual network integration runtime that deploy creates in Purview's scanning data plane after the
management zone's unit, and managed private endpoints to each lake's ``dfs`` and ``blob`` that deploy creates and
approves after the lake's landing zone unit (the lakes exist only then). Its grant is the landing zone's own
(Storage Blob Data Reader and Reader on the zone's subscription, ``purviewAccess``).

Run after every unit is planned (``apply``); the edges land in ``Plan.edges`` and the steps deploy performs in
the services' ``data_plane``.
"""

from __future__ import annotations

from typing import Any

from relecloud_templates import naming
from relecloud_templates.diagnostics import Diagnostic
from relecloud_templates.manifest.model import Integration, Manifest, Product
from relecloud_templates.manifest.problems import problem
from relecloud_templates.plan.dataflow import LAKE_KEYS, READ, SCAN, WRITE, Edge, Part, Principal, Store, read_sources
from relecloud_templates.plan.estate import MANAGEMENT_SUBSCRIPTION_PARAM, Estate, Scope, camel, subscription_param
from relecloud_templates.plan.model import Item, PlannedUnit, Service, ServiceCollector
from relecloud_templates.plan.placement import on_shared_engine
from relecloud_templates.plan.steps import APPROVE, PURVIEW_ENDPOINT, PURVIEW_RUNTIME, SYNAPSE_ENDPOINT
from relecloud_templates.services import access as specs
from relecloud_templates.services import roles

ROLE_IDS = {WRITE: roles.STORAGE_BLOB_DATA_CONTRIBUTOR, READ: roles.STORAGE_BLOB_DATA_READER}
# The lake sub-resources each managed-network engine reaches: the ADLS Gen2 (dfs) endpoint that pipelines and
# Spark use; Synapse's SQL pools and Machine Learning's data runtime also read through the blob endpoint.
MANAGED_GROUPS = {"dataFactory": ("dfs",), "synapse": ("dfs", "blob"), "machineLearning": ("dfs", "blob"),
                  "purview": ("dfs", "blob")}
# The API version of each target's privateEndpointConnections (the type data's newest stable one).
CONNECTION_API = {"Microsoft.Storage/storageAccounts": "2026-04-01", "Microsoft.KeyVault/vaults": "2026-02-01",
                  "Microsoft.Purview/accounts": "2021-12-01"}
# Purview's managed virtual network: the scanning API (2023-09-01) accepts "default" (the first version, which new
# managed private endpoints no longer support) and "defaultv2", the one every account created since late 2023 uses.
PURVIEW_NETWORK = "defaultv2"
PURVIEW_RUNTIME_NAME = "managed-vnet-runtime"


def resource_id(subscription: str, group: str, rtype: str, name: str) -> str:
    return f"/subscriptions/{subscription}/resourceGroups/{group}/providers/{rtype}/{name}"


class AccessPlanner:
    def __init__(self, estate: Estate, units: list[PlannedUnit]):
        self.estate = estate
        self.manifest: Manifest = estate.manifest
        self.units = {u.name: u for u in units}
        self.grants: dict[tuple[str, str, str], list[dict]] = {}  # (unit, zone, resource group) -> grants
        self.paths: dict[tuple[str, str, str], str] = {}  # (engine, account, group) -> the unit that makes it
        self.approvals: dict[tuple[str, str, str], dict] = {}  # (unit, engine, account) -> approval step
        self.factory_endpoints: dict[tuple[str, str], list[dict]] = {}  # (unit, factory) -> endpoints
        self.ml: dict[str, dict[str, Any]] = {}  # unit -> {"workspace", "rules": [...], "datastores": [...]}
        self.synapse_steps: dict[str, list[dict]] = {}  # unit -> Synapse managed private endpoints to create
        self.problems: list[Diagnostic] = []

    # -- the engines' identities ---------------------------------------------------------------------------------
    def _zone_unit(self, zone: str) -> PlannedUnit | None:
        return self.units.get(naming.unit_name(zone))

    def _kept(self, unit: PlannedUnit | None, key: str) -> Service | None:
        service = unit.service(key) if unit is not None else None
        return service if service is not None and service.kept else None

    def principal(self, item: Integration | Product) -> Principal | None:
        """The managed identity of the engine that runs ``item``'s pipelines, and the unit that renders it."""
        zone_unit = self._zone_unit(item.zone)
        if item.engine == "machineLearning":
            unit = self.units.get(naming.unit_name(item.zone, item.name))
            service = self._kept(unit, "machineLearning")
            if unit is None or service is None:
                return None
            return Principal("Machine Learning workspace", "Microsoft.MachineLearningServices/workspaces",
                             service.context["workspace"], item.zone, unit.resource_group or "", unit.name, service.key)
        if item.engine == "databricks":
            purpose = "product" if isinstance(item, Product) else "integration"
            workspace = self._kept(zone_unit, f"databricks{purpose.title()}")
            if zone_unit is None or workspace is None or workspace.resource_group is None:
                return None
            connector = self._connector(zone_unit, workspace, purpose)
            return Principal("Databricks access connector", "Microsoft.Databricks/accessConnectors",
                             connector.context["connector"], item.zone, workspace.resource_group, zone_unit.name,
                             connector.key)
        # Data Factory or Synapse: the zone's shared one, or the engine of the workload's own unit (batch template)
        unit = zone_unit if on_shared_engine(item) else self.units.get(naming.unit_name(item.zone, item.name))
        service = self._kept(unit, item.engine)
        if unit is None or service is None:
            return None
        group = service.resource_group or unit.resource_group or ""
        if item.engine == "dataFactory":
            return Principal("Data Factory", "Microsoft.DataFactory/factories", service.context["factory"], item.zone,
                             group, unit.name, service.key)
        return Principal("Synapse workspace", "Microsoft.Synapse/workspaces", service.context["workspace"], item.zone,
                         group, unit.name, service.key)

    def _connector(self, zone_unit: PlannedUnit, workspace: Service, purpose: str) -> Service:
        key = f"accessConnector{purpose.title()}"
        found = zone_unit.service(key)
        if found is not None:
            return found
        connector = ServiceCollector().add(
            specs.ACCESS_CONNECTOR, [f"the identity of {workspace.title.lower()} on the lakes it reads and writes"],
            key=key, title=f"Databricks access connector ({purpose}s)", resource_group=workspace.resource_group,
            connector=specs.access_connector_name(workspace.context["workspace"]))
        zone_unit.services.append(connector)
        return connector

    # -- where data is -------------------------------------------------------------------------------------------
    def _store(self, zone: str, lake_key: str, container: str) -> Store | None:
        unit = self._zone_unit(zone)
        lake = self._kept(unit, lake_key)
        if unit is None or lake is None or lake.resource_group is None:
            return None
        return Store(zone, lake_key, lake.context["account"], container, lake.resource_group, unit.subscription_id,
                     unit.name)

    def _published(self, zone: str, name: str) -> Store | None:
        """The container that readers of ``zone``/``name`` read: the most refined one it writes."""
        unit = self._zone_unit(zone)
        for key in ("lakeEnrichedCurated", "lakeRaw"):
            lake = self._kept(unit, key)
            if lake is not None and name in lake.context["containers"]:
                return self._store(zone, key, name)
        return None

    # -- edges -------------------------------------------------------------------------------------------------------
    def plan(self) -> list[Edge]:
        edges: list[Edge] = []
        for item in self.manifest.workloads():
            label = f"{item.zone}/{item.name}"
            principal = self.principal(item)
            zone_unit = self._zone_unit(item.zone)
            if zone_unit is None:
                continue  # its zone could not be planned (the planner reports why)
            for key in ("lakeRaw", "lakeEnrichedCurated", "lakeWorkspace"):
                lake = self._kept(zone_unit, key)
                if lake is not None and item.name in lake.context["containers"]:
                    store = self._store(item.zone, key, item.name)
                    if store is not None:
                        edges.append(self._edge(WRITE, item, label, principal, store, None, item.pos))
            if isinstance(item, Product):
                positions: dict[tuple[str, str], Any] = {}
                for ref in item.reads:
                    found = self.manifest.find_workload(ref.name, ref.zone or item.zone)
                    if found is not None:
                        positions.setdefault((found.zone, found.name), ref.pos)
                for zone, name in read_sources(self.manifest, item):
                    store = self._published(zone, name)
                    if store is not None:
                        edges.append(self._edge(READ, item, label, principal, store, f"{zone}/{name}",
                                                positions.get((zone, name), item.pos)))
        edges += self._scanning()
        self._default_file_systems()
        self._people()
        self._render()
        for edge in edges:
            if not edge.complete:
                self.problems.append(_incomplete(self.manifest, edge))
        return edges

    def _edge(self, kind: str, item: Integration | Product, label: str, principal: Principal | None, store: Store,
              source: str | None, pos) -> Edge:
        owner = self.units.get(naming.unit_name(item.zone, item.name)) or self._zone_unit(item.zone)
        assert owner is not None  # plan() skips workloads of zones without a unit
        verb = "writes" if kind == WRITE else f"reads {source}"
        why = f"{label} {verb}"
        if principal is None:
            missing = f"{item.engine} has no identity in the plan"
            none = Part("", None, missing=missing)
            return Edge(kind, label, item.engine, store, None, none, none, none, source, pos)
        grant = self._grant(kind, owner, principal, store, why)
        path, approval = self._path(item.engine, owner, principal, store, why)
        return Edge(kind, label, item.engine, store, principal, grant, path, approval, source, pos)

    def _grant(self, kind: str, owner: PlannedUnit, principal: Principal, store: Store, why: str) -> Part:
        """The role of ``principal`` on ``store``'s container, rendered by ``owner`` (two products reading one
        container through one shared engine each declare the same grant: deploy knows it is shared)."""
        zone_subscription = self._zone_unit(principal.zone).subscription_id  # type: ignore[union-attr]
        self.grants.setdefault((owner.name, store.zone, store.resource_group), []).append({
            "account": store.account, "container": store.container, "role": ROLE_IDS[kind],
            "principal": principal.as_context(store.subscription_id, zone_subscription), "why": why,
            "after": [principal.service] if principal.unit == owner.name else [],
        })
        where = "" if store.subscription_id == owner.subscription_id else " (in the data owner's subscription)"
        return Part(f"{ROLE_IDS_NAMES[kind]} on {store.container_id}{where}", owner.name)

    def _path(self, engine: str, owner: PlannedUnit, principal: Principal, store: Store, why: str) -> tuple[Part, Part]:
        if engine == "databricks":
            return self._vnet_path(principal, store)
        groups = MANAGED_GROUPS[engine]
        same_zone = store.zone == principal.zone
        maker = principal.unit if same_zone and engine != "machineLearning" else owner.name
        for group in groups:
            self.paths.setdefault((principal.name, store.account, group), maker)
        maker = self.paths[(principal.name, store.account, groups[0])]
        requester = resource_id(self._zone_unit(principal.zone).subscription_id,  # type: ignore[union-attr]
                                principal.resource_group, principal.type, principal.name)
        names = [f"{store.account}-{group}" for group in groups]
        if engine == "dataFactory":
            if not same_zone:
                self._factory_endpoint(maker, principal, store, groups)
            text = f"Data Factory managed private endpoint {', '.join(names)}"
            data_plane = False
        elif engine == "synapse":
            self._synapse_endpoints(maker, principal, requester, store, groups, why)
            text = f"Synapse managed private endpoint {', '.join(names)} (workspace data plane)"
            data_plane = True
        else:
            self._outbound_rules(maker, principal, store, groups, why)
            text = f"Machine Learning outbound rule {', '.join(names)} (managed network)"
            data_plane = False
        step = self.approvals.setdefault((maker, principal.name, store.account), {
            "action": APPROVE, "scope": store.account_id, "role": "private endpoint connection approval",
            "principal": requester, "target": store.account_id, "groups": list(groups), "requester": requester,
            "requesterName": principal.name, "endpoints": [self._endpoint_name(principal, store, g) for g in groups],
            "apiVersion": CONNECTION_API["Microsoft.Storage/storageAccounts"],
            "why": f"{principal.kind} {principal.name} reaches {store.account} through a managed private endpoint, "
                   "pending until the lake's owner approves it",
        })
        step.setdefault("edges", []).append(why)
        return (Part(text, maker, data_plane),
                Part(f"deploy approves the pending connection on {store.account} ({', '.join(groups)})", maker, True))

    def _endpoint_name(self, principal: Principal, store: Store, group: str) -> str:
        """The name of the engine's managed private endpoint to ``store``'s account for ``group``: ours, or the
        one a Synapse workspace makes itself to its default lake."""
        if principal.type == "Microsoft.Synapse/workspaces" and group == "dfs":
            workspace = self._kept(self.units.get(principal.unit), principal.service)
            if workspace is not None and workspace.context["lake"]["account"] == store.account:
                return f"synapse-ws-custstgacct--{principal.name}-{store.account}"
        return f"{store.account}-{group}"

    def _vnet_path(self, principal: Principal, store: Store) -> tuple[Part, Part]:
        """Databricks clusters live in the zone's network: the lake's own private endpoints, resolved by the
        estate's private DNS zones, reached over the peering when the lake is another zone's."""
        missing = ""
        if not self.estate.dns_enabled:
            missing = ("the management zone lists no privateDnsZones: the clusters cannot resolve the lake's "
                       "private endpoint")
        elif store.zone != principal.zone and not self.manifest.peers(store.zone, principal.zone):
            missing = f"landing zones {principal.zone} and {store.zone} are not peered"
        if missing:
            return Part("", None, missing=missing), Part("", None, missing=missing)
        over = "" if store.zone == principal.zone else f", over the peering {principal.zone} - {store.zone}"
        path = Part(f"the lake's dfs and blob private endpoints in the {store.zone} zone's network{over}", store.unit)
        approval = Part("approved at creation: the lake's owner makes its own private endpoints", store.unit)
        return path, approval

    def _factory_endpoint(self, unit: str, principal: Principal, store: Store, groups: tuple[str, ...]) -> None:
        endpoints = self.factory_endpoints.setdefault((unit, principal.name), [])
        scope = Scope(store.resource_group, subscription_param(store.zone)).as_context()
        for group in groups:
            entry = {"name": f"{store.account}-{group}", "group": group,
                     "target": {"name": store.account, "scope": scope}, "resource_group": principal.resource_group}
            if entry not in endpoints:
                endpoints.append(entry)

    def _synapse_endpoints(self, unit: str, principal: Principal, workspace_id: str, store: Store,
                           groups: tuple[str, ...], why: str) -> None:
        steps = self.synapse_steps.setdefault(unit, [])
        default = self._kept(self._zone_unit(principal.zone), principal.service)
        for group in groups:
            name = f"{store.account}-{group}"
            if default is not None and group == "dfs" and default.context["lake"]["account"] == store.account:
                continue  # the workspace made it itself, to its default lake (createManagedPrivateEndpoint)
            if any(s["workspace"] == principal.name and s["name"] == name for s in steps):
                continue
            steps.append({"action": SYNAPSE_ENDPOINT, "scope": workspace_id, "role": "managed private endpoint",
                          "principal": workspace_id, "workspace": principal.name, "workspaceId": workspace_id,
                          "name": name, "target": store.account_id, "group": group,
                          "why": f"{why}: Synapse's managed private endpoints live in the workspace's data plane "
                                 "(no ARM type)"})

    def _outbound_rules(self, unit: str, principal: Principal, store: Store, groups: tuple[str, ...],
                        why: str) -> None:
        found = self.ml.setdefault(unit, {"workspace": principal.name, "rules": [], "datastores": []})
        same_subscription = store.subscription_id == self.units[unit].subscription_id
        scope = Scope(store.resource_group, None if same_subscription else subscription_param(store.zone))
        for group in groups:
            rule = {"name": f"{store.account}-{group}", "group": group,
                    "target": {"name": store.account, "scope": scope.as_context()}}
            if rule not in found["rules"]:
                found["rules"].append(rule)
        datastore = {"name": naming.sql_identifier(f"{store.zone}_{store.container}"), "account": store.account,
                     "container": store.container, "resource_group": store.resource_group,
                     "subscription_param": None if same_subscription else subscription_param(store.zone), "why": why}
        if all(d["name"] != datastore["name"] for d in found["datastores"]):
            found["datastores"].append(datastore)

    # -- Purview scanning --------------------------------------------------------------------------------------------
    def _scanning(self) -> list[Edge]:
        """The management zone's Purview scans every lake of the estate through its managed virtual network: the
        runtime is created once, after the management zone's unit (Purview exists then), and each lake's managed
        private endpoints are created and approved after the lake's landing zone unit, which owns the lake and its
        approval rights (no right across subscriptions is needed to approve). A self-hosted runtime is no
        alternative here: the estate's are registered with Synapse or Data Factory (Purview needs runtimes of its
        own) and their nodes run on premises, with no network path to the lakes' private endpoints."""
        mgmt = self._zone_unit(self.manifest.management_zone.name)
        purview = self._kept(mgmt, "purview")
        if mgmt is None or purview is None:
            return []
        group = purview.resource_group or ""
        principal = Principal("Purview account", "Microsoft.Purview/accounts", purview.context["account"], mgmt.zone,
                              group, mgmt.name, purview.key)
        requester = resource_id(mgmt.subscription_id, group, principal.type, principal.name)
        edges = []
        for zone in self.manifest.landing_zones:
            unit = self._zone_unit(zone.name)
            access = self._kept(unit, "purviewAccess")
            if unit is None or access is None:
                continue
            for key in LAKE_KEYS:
                lake = self._kept(unit, key)
                if lake is not None and lake.resource_group is not None:
                    store = Store(zone.name, key, lake.context["account"], "", lake.resource_group,
                                  unit.subscription_id, unit.name)
                    edges.append(self._scan(principal, requester, unit, access, store))
        if edges:
            purview.data_plane.append({
                "action": PURVIEW_RUNTIME, "account": principal.name, "runtime": PURVIEW_RUNTIME_NAME,
                "network": PURVIEW_NETWORK, "location": mgmt.location, "scope": requester,
                "role": "managed virtual network integration runtime", "principal": requester,
                "why": f"{principal.name} scans the lakes through managed private endpoints from its managed virtual "
                       "network: the runtime and the network live in Purview's scanning data plane (no ARM type)"})
        return edges

    def _scan(self, principal: Principal, requester: str, unit: PlannedUnit, access: Service, store: Store) -> Edge:
        groups = MANAGED_GROUPS["purview"]
        names = [f"{store.account}-{group}" for group in groups]
        why = f"{principal.name} scans {store.account} for the catalogue"
        for group, name in zip(groups, names, strict=True):
            access.data_plane.append({
                "action": PURVIEW_ENDPOINT, "account": principal.name, "network": PURVIEW_NETWORK, "name": name,
                "target": store.account_id, "group": group, "scope": requester, "role": "managed private endpoint",
                "principal": requester,
                "why": f"{why}: Purview's managed private endpoints live in its scanning data plane (no ARM type)"})
        access.data_plane.append({
            "action": APPROVE, "scope": store.account_id, "role": "private endpoint connection approval",
            "principal": requester, "target": store.account_id, "groups": list(groups), "requester": requester,
            "requesterName": principal.name, "endpoints": names,
            "apiVersion": CONNECTION_API["Microsoft.Storage/storageAccounts"], "edges": [why],
            "why": f"Purview {principal.name} reaches {store.account} through a managed private endpoint, pending "
                   "until the lake's owner approves it"})
        roles_given = [ROLE_NAMES.get(r, r) for r in access.context["roles"]]
        grant = Part(f"{' and '.join(roles_given)} on the subscription of {store.zone}, which holds {store.account}",
                     unit.name)
        path = Part(f"Purview managed private endpoint {', '.join(names)} in its managed virtual network "
                    f"({PURVIEW_NETWORK}), scanned by the runtime {PURVIEW_RUNTIME_NAME} (Purview scanning data plane)",
                    unit.name, True)
        approval = Part(f"deploy approves the pending connection on {store.account} ({', '.join(groups)})",
                        unit.name, True)
        return Edge(SCAN, f"{principal.zone}/purview", "purview", store, principal, grant, path, approval, None,
                    self.manifest.management_zone.pos)

    def _default_file_systems(self) -> None:
        """A Synapse workspace (a zone's shared one, or a workload's own) writes its default file system, a
        container of its zone's workspace lake."""
        for unit in list(self.units.values()):
            synapse = self._kept(unit, "synapse")
            if synapse is None:
                continue
            lake = synapse.context["lake"]
            store = self._store(unit.zone, "lakeWorkspace", lake["filesystem"])
            if store is None or store.account != lake["account"]:
                continue
            principal = Principal("Synapse workspace", "Microsoft.Synapse/workspaces", synapse.context["workspace"],
                                  unit.zone, synapse.resource_group or unit.resource_group or "", unit.name,
                                  synapse.key)
            self._grant(WRITE, unit, principal, store, f"{principal.name} keeps its default file system here")

    def _people(self) -> None:
        """The access: block's groups on the lakes: a zone's owners write and its readers read every container of
        the zone's lakes; a workload's owners write and its readers read its own containers."""
        access = self.manifest.access
        for zone in self.manifest.landing_zones:
            unit = self._zone_unit(zone.name)
            team = access.zone(zone.name)
            for key in ("lakeRaw", "lakeEnrichedCurated", "lakeWorkspace"):
                lake = self._kept(unit, key)
                if unit is None or lake is None or lake.resource_group is None:
                    continue
                for container in lake.context["containers"]:
                    mine = access.workload(zone.name, container)
                    for group, kind, who in ((team.owners, WRITE, f"the owners of {zone.name}"),
                                             (team.readers, READ, f"the readers of {zone.name}"),
                                             (mine.owners, WRITE, f"the owners of {zone.name}/{container}"),
                                             (mine.readers, READ, f"the readers of {zone.name}/{container}")):
                        if group:
                            self.grants.setdefault((unit.name, zone.name, lake.resource_group), []).append({
                                "account": lake.context["account"], "container": container, "role": ROLE_IDS[kind],
                                "principal": {"group": group},
                                "why": f"{who} {'write' if kind == WRITE else 'read'} it", "after": [key]})

    # -- into the units ---------------------------------------------------------------------------------------------
    def _render(self) -> None:
        for (unit_name, zone, group), grants in self.grants.items():
            unit = self.units[unit_name]
            remote = self._zone_unit(zone).subscription_id != unit.subscription_id  # type: ignore[union-attr]
            same_zone = zone == unit.zone
            key = "dataAccess" if same_zone else f"dataAccess{_title(zone)}"
            after = list(dict.fromkeys(a for g in grants for a in g["after"]))
            if unit.name == naming.unit_name(zone):
                after += [s.key for s in unit.kept if s.resource_group == group and s.key.startswith("lake")]
            after = list(dict.fromkeys(after))
            service = self._add(unit, specs.CONTAINER_ACCESS, [f"{len(grants)} data-plane grants on lake containers"
                                + ("" if same_zone else f" of {zone}, the data owner")], key=key,
                                title="Data access on lake containers" + ("" if same_zone else f" of {zone}"),
                                resource_group=group, after=tuple(after),
                                grants=[{k: v for k, v in g.items() if k != "after"} for g in grants])
            if remote:
                service.subscription_param = subscription_param(zone)
            service.items = [Item("roleAssignment", f"{g['principal'].get('name') or g['principal'].get('group')} "
                                  f"-> {g['account']}/{g['container']}", True,
                                  (f"{ROLE_NAMES[g['role']]}: {g['why']}",))
                             for g in grants]
        for (unit_name, factory), endpoints in self.factory_endpoints.items():
            unit = self.units[unit_name]
            service = self._add(unit, specs.FACTORY_ENDPOINTS, [f"{factory} reads lakes of other zones"],
                                key=f"dataFactoryEndpoints{_title(factory)}",
                                resource_group=endpoints[0]["resource_group"], factory=factory,
                                managed_endpoints=[{k: v for k, v in e.items() if k != "resource_group"}
                                                   for e in endpoints])
            service.data_plane = self._approvals(unit_name, factory)
        for unit_name, found in self.ml.items():
            unit = self.units[unit_name]
            why = f"{found['workspace']} reads and writes lakes from its managed network"
            service = self._add(unit, specs.ML_DATA_ACCESS, [why], after=("machineLearning",),
                                workspace=found["workspace"], rules=found["rules"], datastores=found["datastores"])
            service.data_plane = self._approvals(unit_name, found["workspace"])
        self._factory_lakes()
        self._other_endpoints()
        self._attach_engine_steps()

    def _factory_lakes(self) -> None:
        """A Data Factory gets managed private endpoints to exactly the lakes of its zone that its paths use."""
        lakes = {lake.context["account"] for unit in self.units.values() for lake in unit.kept
                 if lake.key in ("lakeRaw", "lakeEnrichedCurated", "lakeWorkspace")}
        for unit in self.units.values():
            factory = self._kept(unit, "dataFactory")
            if factory is None:
                continue
            used = {account for (engine, account, _), maker in self.paths.items()
                    if engine == factory.context["factory"] and maker == unit.name}
            factory.context["managed_endpoints"] = [
                e for e in factory.context["managed_endpoints"]
                if e["target"]["type"] != "Microsoft.Storage/storageAccounts" or e["target"]["name"] not in lakes
                or e["target"]["name"] in used]

    def _approvals(self, unit: str, requester: str) -> list[dict]:
        """The approval steps that ``unit`` performs for ``requester``'s managed private endpoints."""
        return [step for (maker, engine, _), step in self.approvals.items() if maker == unit and engine == requester]

    def _other_endpoints(self) -> None:
        """A Data Factory's managed private endpoints to what is not a lake (its Key Vault, Purview for lineage)
        wait for an approval too: deploy gives it after the factory's unit, on the target."""
        subscriptions = {subscription_param(z.name): z.subscription_id for z in self.manifest.landing_zones}
        subscriptions[MANAGEMENT_SUBSCRIPTION_PARAM] = self.manifest.management_zone.subscription_id
        for unit in self.units.values():
            factory = self._kept(unit, "dataFactory")
            if factory is None:
                continue
            name = factory.context["factory"]
            group = factory.resource_group or unit.resource_group or ""
            requester = resource_id(unit.subscription_id, group, "Microsoft.DataFactory/factories", name)
            for mpe in factory.context["managed_endpoints"]:
                target = mpe["target"]
                if target["type"] not in CONNECTION_API or target["type"] == "Microsoft.Storage/storageAccounts":
                    continue
                scope = target.get("scope") or {}
                subscription = subscriptions.get(scope.get("subscription_param") or "", unit.subscription_id)
                target_id = resource_id(subscription, scope.get("resource_group") or group, target["type"],
                                        target["name"])
                factory.data_plane.append({
                    "action": APPROVE, "scope": target_id, "role": "private endpoint connection approval",
                    "principal": requester, "target": target_id, "groups": [mpe["group"]], "requester": requester,
                    "requesterName": name, "endpoints": [mpe["name"]], "apiVersion": CONNECTION_API[target["type"]],
                    "why": f"Data Factory {name} reaches {target['name']} through a managed private endpoint, "
                           "pending until its owner approves it"})

    def _attach_engine_steps(self) -> None:
        """Synapse endpoints and the approvals of endpoints made with the engine itself (its own zone's lakes)
        belong to the service that performs them: the engine's, or the reading unit's grant."""
        placed = {id(step) for unit in self.units.values() for s in unit.services for step in s.data_plane}
        for unit_name, unit in self.units.items():
            pending = [*self.synapse_steps.get(unit_name, ()),
                       *(s for (u, _, _), s in self.approvals.items() if u == unit_name and id(s) not in placed)]
            if not pending:
                continue
            carrier = self._carrier(unit, pending)
            carrier.data_plane.extend(pending)

    def _carrier(self, unit: PlannedUnit, steps: list[dict]) -> Service:
        """The kept service of ``unit`` that the steps belong to: the engine they concern, else its grants."""
        names = {s.get("workspace") or s.get("requesterName") for s in steps}
        for service in unit.kept:
            if names & {service.context.get("workspace"), service.context.get("factory")}:
                return service
        return next(s for s in unit.kept if s.key.startswith("dataAccess"))

    def _add(self, unit: PlannedUnit, spec, reasons: list[str], **kwargs: Any) -> Service:
        service = ServiceCollector().add(spec, reasons, **kwargs)
        unit.services.append(service)
        return service


ROLE_IDS_NAMES = {WRITE: "Storage Blob Data Contributor", READ: "Storage Blob Data Reader"}
ROLE_NAMES = {**{ROLE_IDS[kind]: name for kind, name in ROLE_IDS_NAMES.items()}, roles.READER: "Reader"}


def _title(name: str) -> str:
    text = camel(name)
    return text[:1].upper() + text[1:]


def _incomplete(manifest: Manifest, edge: Edge) -> Diagnostic:
    why = next((p.missing for p in edge.parts if p.missing), "")
    what = f"reads {edge.source}" if edge.kind == READ else f"writes its container in {edge.store.account}"
    return problem("incomplete-data-path", f"{edge.workload} {what}, but the data cannot move: {why}",
                   manifest.path, edge.pos,
                   hint="peer the zones (peering.topology mesh or pairs), list privateDnsZones in "
                        "managementZone.services, or run the product on an engine with a managed network "
                        "(synapse, dataFactory, machineLearning)")


def apply(estate: Estate, units: list[PlannedUnit]) -> tuple[list[Edge], list[Diagnostic]]:
    """Every edge of the estate, with the services and data-plane steps that make it work added to ``units``;
    and a located problem for each edge that cannot be completed."""
    planner = AccessPlanner(estate, units)
    edges = planner.plan()
    return edges, planner.problems

