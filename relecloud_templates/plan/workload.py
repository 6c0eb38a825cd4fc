"""Integration and product units: what each workload deploys into its own resource group, and why.

A workload keeps its own Key Vault (its pipelines' secrets); a Synapse integration with a compute pool gets a
dedicated SQL pool in the zone's shared workspace; a Machine Learning product gets its workspace with its own
storage and registry, and AKS when it is served from a cluster.
"""

from __future__ import annotations

from relecloud_templates import naming
from relecloud_templates.manifest.model import Integration, LandingZone, Product
from relecloud_templates.services import common, roles
from relecloud_templates.services import workload as workload_specs
from relecloud_templates.plan.endpoints import endpoint
from relecloud_templates.plan.estate import Estate, Scope
from relecloud_templates.plan.landing import aks_subnet, workload_label, workload_subnet
from relecloud_templates.plan.model import ServiceCollector, Unit

FAMILY = {"batch": "data product batch", "analytics": "data product analytics", "streaming": "data product streaming"}
SHARED_ENGINES = {  # engine -> (resource type, zone name function, resource group purpose)
    "dataFactory": ("Microsoft.DataFactory/factories", naming.ZoneNames.data_factory, "shared-integration"),
    "synapse": ("Microsoft.Synapse/workspaces", naming.ZoneNames.synapse_workspace, "shared-product"),
}


class WorkloadPlanner(ServiceCollector):
    def __init__(self, estate: Estate, zone: LandingZone, workload: Integration | Product):
        super().__init__()
        self.estate = estate
        self.zone = zone
        self.workload = workload
        self.zone_names = naming.zone_names(estate.org, zone.name)
        self.names = naming.WorkloadNames(self.zone_names, workload.name)
        self.label = workload_label(workload)


    def subnet(self, name: str) -> dict:
        return {"scope": Scope(self.zone_names.resource_group("network")).as_context(),
                "vnet": self.zone_names.network("vnet"), "subnet": name}

    def plan(self) -> Unit:
        workload, is_product = self.workload, isinstance(self.workload, Product)
        pe_subnet = self.subnet(workload_subnet(workload))
        self._key_vault(pe_subnet)
        self._sql_pool(is_product)
        self._machine_learning(is_product, pe_subnet)
        self._aks(is_product)
        kind = "product" if is_product else "integration"
        return Unit(
            name=naming.unit_name(self.zone.name, workload.name), kind=kind, zone=self.zone.name,
            scope="resourceGroup", subscription_id=self.zone.subscription_id, resource_group=self.names.resource_group,
            location=self.zone.location, deployment_name=naming.deployment_name(self.names.stem),
            services=self.services, description=workload.description,
        )

    def _key_vault(self, pe_subnet: dict) -> None:
        workload = self.workload
        grants = []
        if workload.engine in SHARED_ENGINES:
            rtype, name_of, purpose = SHARED_ENGINES[workload.engine]
            grants.append({"principal": {"type": rtype, "name": name_of(self.zone_names),
                                         "scope": Scope(self.zone_names.resource_group(purpose)).as_context()},
                           "role": roles.KEY_VAULT_SECRETS_USER,
                           "why": f"the zone's shared {workload.engine} reads {workload.name}'s secrets"})
        vault = self.names.key_vault()
        self.add(common.KEY_VAULT, [f"base of every workload: the secrets of {self.label}'s pipelines"],
                 title="Key Vault of the workload", vault=vault, grants=grants,
                 endpoints=[endpoint(vault, "Microsoft.KeyVault/vaults", "vault", ["vault"], pe_subnet)])

    def _sql_pool(self, is_product: bool) -> None:
        workload = self.workload
        pool = None if is_product else workload.compute_pool
        if workload.engine != "synapse":
            why = f"runs on {workload.engine}, not Synapse"
        elif pool is None:
            why = "uses the shared Synapse workspace's serverless SQL pool (no computePool)"
        else:
            why = ""
        shared_rg = self.zone_names.resource_group("shared-product")
        self.add(workload_specs.SQL_POOL,
                 [] if why else [f"{self.label} asks for a compute pool of its own ({pool.sku}): cost accounting and a security boundary"],
                 why, resource_group=shared_rg, workspace=self.zone_names.synapse_workspace(),
                 pool=self.names.sql_pool(), sku=pool.sku if pool else None)

    def _machine_learning(self, is_product: bool, pe_subnet: dict) -> None:
        uses_ml = is_product and self.workload.engine == "machineLearning"
        why = "" if uses_ml else f"runs on {self.workload.engine}, not Machine Learning"
        reason = [f"{self.label} trains its model in Machine Learning"] if uses_ml else []
        storage, registry, ws = self.names.storage(), self.names.container_registry(), self.names.machine_learning()
        self.add(workload_specs.ML_STORAGE, reason, why, account=storage,
                 endpoints=[endpoint(storage, "Microsoft.Storage/storageAccounts", g, [g], pe_subnet) for g in ("blob", "file")])
        self.add(common.CONTAINER_REGISTRY, reason, why, title="Machine Learning container registry", registry=registry,
                 endpoints=[endpoint(registry, "Microsoft.ContainerRegistry/registries", "registry", ["registry"], pe_subnet)])
        self.add(workload_specs.MACHINE_LEARNING, reason, why,
                 after=("keyVault", "storage", "containerRegistry"), workspace=ws, storage=storage,
                 registry=registry, vault=self.names.key_vault(), description=self.workload.description,
                 endpoints=[endpoint(ws, "Microsoft.MachineLearningServices/workspaces", "amlworkspace",
                                     ["machineLearningApi", "machineLearningNotebooks"], pe_subnet)])

    def _aks(self, is_product: bool) -> None:
        serving = self.workload.serving if is_product else None
        served = serving is not None and serving.kind == "aks"
        why = "" if served else "not served from AKS"
        reason = []
        if served:
            reason = [f"{self.label} serves its model from AKS"]
            if serving.exposure == "external":
                reason.append("external exposure: the cluster's internal load balancer is reachable over peering; "
                              "publish it through an application gateway or Front Door (not rendered)")
        identity = self.names.identity("aks")
        network_rg = self.zone_names.resource_group("network")
        self.add(workload_specs.AKS_IDENTITY, reason, why,
                 identity=identity)
        self.add(workload_specs.AKS_NETWORK_ACCESS, reason, why, resource_group=network_rg, after=("aksIdentity",),
                 identity={"name": identity, "scope": Scope(self.names.resource_group).as_context()},
                 vnet=self.zone_names.network("vnet"), subnet=aks_subnet(self.workload) if is_product else "",
                 route_table=self.zone_names.network("routes"), role=roles.NETWORK_CONTRIBUTOR)
        ml_kept = any(s.key == "machineLearning" and s.kept for s in self.services)
        self.add(workload_specs.AKS, reason, why,
                 after=("aksNetworkAccess", *(("machineLearning", "containerRegistry") if ml_kept else ())),
                 cluster=self.names.aks(), identity=identity, node_resource_group=f"{self.names.resource_group}-managed",
                 subnet=self.subnet(aks_subnet(self.workload)) if is_product else None,
                 exposure=serving.exposure if served else None, workspace=self.names.machine_learning() if ml_kept else None,
                 registry=self.names.container_registry() if ml_kept else None, acr_pull=roles.ACR_PULL)
