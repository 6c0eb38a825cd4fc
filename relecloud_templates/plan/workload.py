"""Integration and product units: what each workload deploys into its own resource group, and why.

Only workloads that deploy something of their own get a unit (plan/placement.py). A product keeps its own Key
Vault (its pipelines' secrets, read by the zone's shared engine); a Machine Learning product gets its workspace
with its own storage, registry, Application Insights and training cluster, and AKS with the Machine Learning
extension when it is served from a cluster. An integration on the data product batch template gets that
template's services: its own Data Factory (or Synapse workspace) with its managed private endpoints, Key Vault,
and monitoring (its own Log Analytics workspace, which its services' diagnostics go to).
"""

from __future__ import annotations

from typing import Any

from relecloud_templates import naming
from relecloud_templates.manifest.model import Integration, LandingZone, Product, dns_zone_id
from relecloud_templates.plan import reference
from relecloud_templates.plan.endpoints import endpoint
from relecloud_templates.plan.estate import MANAGEMENT_SUBSCRIPTION_PARAM, Estate, Scope, subscription_param
from relecloud_templates.plan.landing import (
    LOG_RETENTION_DAYS,
    add_pool,
    grant_items,
    purview_endpoints,
    scoped_workspace,
    synapse_endpoints,
)
from relecloud_templates.plan.model import PlannedUnit, ServiceCollector
from relecloud_templates.plan.network import cluster_ranges
from relecloud_templates.plan.placement import aks_subnet, workload_label, workload_subnet
from relecloud_templates.plan.steps import BY_HAND, PUBLIC_CNAME, SCORING_RECORD
from relecloud_templates.services import common, landing, management, roles
from relecloud_templates.services import workload as workload_specs

SHARED_ENGINES = {  # engine -> (resource type, zone name function, resource group purpose)
    "dataFactory": ("Microsoft.DataFactory/factories", naming.ZoneNames.data_factory, "shared-integration"),
    "synapse": ("Microsoft.Synapse/workspaces", naming.ZoneNames.synapse_workspace, "shared-product"),
}
NOT_ML = "runs on {engine}, not Machine Learning"
ROUTER = ("azureml", "azureml-fe")  # namespace and service of the Machine Learning extension's inference router
AKS_API = workload_specs.AKS.resources["Microsoft.ContainerService/managedClusters"]  # its runCommand too
PRIVATE_DNS_API = management.PRIVATE_DNS_ZONES.resources["Microsoft.Network/privateDnsZones"]  # record sets too
PUBLIC_DNS_API = "2018-05-01"  # Microsoft.Network/dnsZones record sets: the type data's newest stable version
SCORING_TTL, PUBLIC_TTL = 300, 3600  # seconds: the router's address can change when the extension is reinstalled
LOAD_BALANCER = {"service_type": "LoadBalancer", "provider": "azure"}  # the inference router's internal load balancer
# the reference analytics template's CPU cluster
TRAINING: dict[str, Any] = {"vm_size": "Standard_DS3_v2", "max_nodes": 4}
GATEWAY_CAPACITY = {"min": 2, "max": 10}  # autoscaling instances of the public entry: two keep it zone-redundant


class WorkloadPlanner(ServiceCollector):
    def __init__(self, estate: Estate, zone: LandingZone, workload: Integration | Product):
        super().__init__()
        self.estate = estate
        self.zone = zone
        self.workload = workload
        self.zone_names = estate.zone_names[zone.name]
        self.names = naming.WorkloadNames(self.zone_names, workload.name)
        self.label = workload_label(workload)
        self.anchors: dict = {}

    def subnet(self, name: str) -> dict:
        return {"scope": Scope(self.zone_names.resource_group("network")).as_context(),
                "vnet": self.zone_names.network("vnet"), "subnet": name}

    def plan(self) -> PlannedUnit:
        workload = self.workload
        pe_subnet = self.subnet(workload_subnet(workload))
        if isinstance(workload, Product):
            self._key_vault(pe_subnet, shared_reader=True)
            self._machine_learning(pe_subnet)
            self._aks()
            kind = "product"
        else:
            self._monitoring()
            self._key_vault(pe_subnet, shared_reader=False)
            self._own_engine(pe_subnet)
            kind = "integration"
        unit = PlannedUnit(
            name=naming.unit_name(self.zone.name, workload.name), kind=kind, zone=self.zone.name,
            scope="resourceGroup", subscription_id=self.zone.subscription_id, resource_group=self.names.resource_group,
            location=self.zone.location, deployment_name=naming.deployment_name(self.names.stem),
            services=self.services, description=workload.description,
        )
        unit.anchors = self.anchors
        unit.follows = [reference.TEMPLATE_REPOSITORY[workload.template or "batch"]]
        return unit

    # -- every workload ---------------------------------------------------------------------------------------
    def _key_vault(self, pe_subnet: dict, *, shared_reader: bool) -> None:
        workload = self.workload
        grants = []
        if shared_reader and workload.engine in SHARED_ENGINES:
            rtype, name_of, purpose = SHARED_ENGINES[workload.engine]
            grants.append({"principal": {"type": rtype, "name": name_of(self.zone_names),
                                         "scope": Scope(self.zone_names.resource_group(purpose)).as_context()},
                           "role": roles.KEY_VAULT_SECRETS_USER,
                           "why": f"the zone's shared {workload.engine} reads {workload.name}'s secrets"})
        vault = self.names.key_vault()
        self.add(common.KEY_VAULT, [f"base of every workload unit: the secrets of {self.label}'s pipelines"],
                 title="Key Vault of the workload", vault=vault, grants=grants,
                 endpoints=[endpoint(vault, "Microsoft.KeyVault/vaults", "vault", ["vault"], pe_subnet)])

    # -- integrations on the batch template ----------------------------------------------------------------------
    def _monitoring(self) -> None:
        """The batch template's monitoring: a Log Analytics workspace of the workload, where the diagnostics of
        its services go (the unit's anchors say so), joined to the estate's Azure Monitor Private Link Scope."""
        estate = self.estate
        workspace = self.names.log_analytics()
        self.add(common.LOG_ANALYTICS, [f"{self.label} uses the batch template, which monitors its pipelines in a "
                                        "workspace of its own"],
                 title="Log Analytics workspace of the workload", workspace=workspace,
                 retention_days=LOG_RETENTION_DAYS, public_ingestion=not estate.private_ingestion)
        self.anchors = {"logging": Scope(None).as_context(), "logAnalytics": workspace}
        self._scope_link([scoped_workspace(self.zone.name, workspace, Scope(self.names.resource_group,
                                                                              subscription_param(self.zone.name)))],
                         after=("logAnalytics",))

    def _own_engine(self, pe_subnet: dict) -> None:
        """The batch template's processing service: its own Data Factory or Synapse workspace."""
        integration = self.workload
        assert isinstance(integration, Integration)
        zone_names, label = self.zone_names, self.label
        storage = Scope(zone_names.resource_group("storage"))
        lakes = {"raw": "raw", "enriched": "encur", "curated": "encur"}
        writes = [zone_names.storage(lakes[integration.lands_in])]
        if integration.transform and integration.lands_in == "raw":
            writes.append(zone_names.storage("encur"))
        why = [f"{label} runs its pipelines on an engine of its own (batch template)"]
        if integration.engine == "dataFactory":
            factory = self.names.data_factory()
            targets = [{"name": f"{account}-dfs", "group": "dfs",
                        "target": {"type": "Microsoft.Storage/storageAccounts", "name": account,
                                   "scope": storage.as_context()}} for account in writes]
            vault = {"name": "key-vault", "group": "vault",
                     "target": {"type": "Microsoft.KeyVault/vaults", "name": self.names.key_vault(), "scope": None}}
            engine = self.add(
                landing.DATA_FACTORY,
                why,
                title="Data Factory of the workload",
                after=("keyVault", "logAnalytics"),
                factory=factory,
                endpoints=[
                    endpoint(factory, "Microsoft.DataFactory/factories", group, [dns], pe_subnet)
                    for group, dns in (("dataFactory", "dataFactory"), ("portal", "dataFactoryPortal"))
                ],
                managed_endpoints=[*targets, vault, *purview_endpoints(self.estate, self.zone.name)],
            )
            principal = {"type": "Microsoft.DataFactory/factories", "name": factory,
                         "scope": Scope(self.names.resource_group).as_context()}
        else:
            workspace = self.names.synapse_workspace()
            engine = self.add(landing.SYNAPSE, why, title="Synapse workspace of the workload",
                              after=("keyVault", "logAnalytics"), workspace=workspace,
                              managed_resource_group=f"{workspace}-managed",
                              lake={"account": zone_names.storage("work"), "filesystem": integration.name,
                                    "scope": storage.as_context()},
                              endpoints=synapse_endpoints(workspace, pe_subnet))
            principal = {"type": "Microsoft.Synapse/workspaces", "name": workspace,
                         "scope": Scope(self.names.resource_group).as_context()}
            if integration.compute_pool is not None:
                add_pool(self, engine, integration, zone_names)

        if integration.source == "onPremises":
            self.add(landing.SELF_HOSTED_RUNTIME, [f"{label} lands data from on-premises systems"],
                     key="selfHostedRuntime", title="Self-hosted integration runtime of the workload",
                     after=(engine.key,), engine=integration.engine,
                     owner=engine.context["factory" if integration.engine == "dataFactory" else "workspace"],
                     runtime="onpremises", users=[label])
        vault_grant = {"target": {"type": "Microsoft.KeyVault/vaults", "name": self.names.key_vault()},
                       "principal": principal, "role": roles.KEY_VAULT_SECRETS_USER}
        vault_access = self.add(common.ACCESS, [f"{engine.title} reads {integration.name}'s secrets"],
                                key="vaultAccess", title="Key Vault access of the workload's engine",
                                after=("keyVault", engine.key), grants=[vault_grant])
        vault_access.items = grant_items([vault_grant])
        # Its grants on the lakes are per container, one per data path (plan/access.py).

    def _scope_link(self, scoped: list[dict], after: tuple[str, ...]) -> None:
        estate = self.estate
        link = self.add(landing.MONITOR_SCOPE_LINK,
                        ["its telemetry reaches Azure Monitor only through the estate's Private Link Scope"]
                        if estate.private_ingestion else [],
                        "the management zone's monitoring.ingestion is public: no scope is needed",
                        resource_group=estate.mgmt_names.resource_group("logging"), after=after,
                        scope=estate.monitor_scope, scoped=scoped)
        link.subscription_param = MANAGEMENT_SUBSCRIPTION_PARAM

    # -- Machine Learning products ----------------------------------------------------------------------------
    def _machine_learning(self, pe_subnet: dict) -> None:
        workload = self.workload
        uses_ml = workload.engine == "machineLearning"
        why = "" if uses_ml else NOT_ML.format(engine=workload.engine)
        reason = [f"{self.label} trains its model in Machine Learning"] if uses_ml else []
        storage, registry, ws = self.names.storage(), self.names.container_registry(), self.names.machine_learning()
        insights = self.names.application_insights()
        self.add(
            workload_specs.ML_STORAGE,
            reason,
            why,
            account=storage,
            endpoints=[
                endpoint(storage, "Microsoft.Storage/storageAccounts", g, [g], pe_subnet) for g in ("blob", "file")
            ],
        )
        self.add(
            common.CONTAINER_REGISTRY,
            reason,
            why,
            title="Machine Learning container registry",
            registry=registry,
            endpoints=[
                endpoint(registry, "Microsoft.ContainerRegistry/registries", "registry", ["registry"], pe_subnet)
            ],
        )
        self.add(workload_specs.APP_INSIGHTS, reason, why, component=insights,
                 public_ingestion=not self.estate.private_ingestion)
        if uses_ml:
            self._scope_link([scoped_workspace(self.zone.name, insights, Scope(self.names.resource_group,
                                                                                 subscription_param(self.zone.name)),
                                               "Microsoft.Insights/components")], after=("applicationInsights",))
        self.add(workload_specs.MACHINE_LEARNING, reason, why,
                 after=("keyVault", "storage", "containerRegistry", "applicationInsights"), workspace=ws,
                 storage=storage, registry=registry, vault=self.names.key_vault(), insights=insights,
                 description=workload.description,
                 endpoints=[endpoint(ws, "Microsoft.MachineLearningServices/workspaces", "amlworkspace",
                                     ["machineLearningApi", "machineLearningNotebooks"], pe_subnet)])
        self.add(workload_specs.TRAINING_COMPUTE,
                 [f"{self.label} trains its model on a CPU cluster that scales to zero when idle"] if uses_ml else [],
                 why, after=("machineLearning",), workspace=ws, cluster="cpu-training", **TRAINING)

    def _aks(self) -> None:
        product = self.workload
        assert isinstance(product, Product)
        serving = product.serving
        served = serving is not None and serving.kind == "aks" and product.engine == "machineLearning"
        why = "" if served else "not served from AKS"
        reason = [f"{self.label} serves its model from AKS through the Machine Learning extension"] if served else []
        identity = self.names.identity("aks")
        network_rg = self.zone_names.resource_group("network")
        subnet = aks_subnet(product)
        self.add(workload_specs.AKS_IDENTITY, reason, why, identity=identity)
        self.add(workload_specs.AKS_NETWORK_ACCESS, reason, why, resource_group=network_rg, after=("aksIdentity",),
                 identity={"name": identity, "scope": Scope(self.names.resource_group).as_context()},
                 vnet=self.zone_names.network("vnet"), subnet=subnet, route_table=self.zone_names.network("routes"),
                 role=roles.NETWORK_CONTRIBUTOR)
        hostname = naming.scoring_hostname(product, self.estate.org.prefix)
        service = self.add(
            workload_specs.AKS,
            reason,
            why,
            after=("aksNetworkAccess", "machineLearning", "containerRegistry"),
            cluster=self.names.aks(),
            dns_prefix=self.names.aks_dns_prefix(),
            identity=identity,
            node_resource_group=f"{self.names.resource_group}-managed",
            subnet=self.subnet(subnet),
            workspace=self.names.machine_learning(),
            registry=self.names.container_registry(),
            acr_pull=roles.ACR_PULL,
            extension="azureml",
            compute="serving",
            load_balancer={**LOAD_BALANCER, "subnet": subnet},
            hostname=hostname,
            ranges=cluster_ranges(self.estate.address_spaces),
            admin_groups=[],
        )  # the access: block's groups (plan/administrators.py)
        if served:
            service.data_plane = [self._scoring_record(hostname, subnet, self.names.aks())]
        self._gateway(served, hostname)

    def _scoring_record(self, hostname: str, subnet: str, cluster: str) -> dict:
        """The scoring hostname's A record: the router's internal load balancer takes an address in ``subnet`` when
        the extension starts (the extension offers no setting to choose it), so deploy reads it after the unit (a run
        command on the cluster, through ARM) and writes the apex record of the hostname's private DNS zone, which
        the management zone renders (plan/management.py)."""
        estate = self.estate
        where = "in the DNS the callers use"
        step: dict[str, Any] = {"action": BY_HAND, "value": "the address of service azureml-fe in namespace azureml"}
        if estate.dns_enabled:
            dns_group = estate.mgmt_names.resource_group("dns")
            where = (f"as the apex A record of the private DNS zone {hostname} (resource group {dns_group} of the "
                     "management subscription), which the firewall's DNS proxy resolves for every zone")
            step = {"action": SCORING_RECORD, "cluster": cluster, "apiVersion": AKS_API,
                    "clusterId": (f"/subscriptions/{self.zone.subscription_id}/resourceGroups/"
                                  f"{self.names.resource_group}/providers/Microsoft.ContainerService/managedClusters/"
                                  f"{cluster}"),
                    "namespace": ROUTER[0], "service": ROUTER[1], "zone": hostname, "record": "@", "ttl": SCORING_TTL,
                    "zoneId": (f"/subscriptions/{estate.mgmt.subscription_id}/resourceGroups/{dns_group}/providers/"
                               f"Microsoft.Network/privateDnsZones/{hostname}"), "dnsApiVersion": PRIVATE_DNS_API}
        return {
            **step, "scope": hostname, "role": "A record",
            "principal": f"the inference router's internal load balancer (service {ROUTER[1]} in namespace "
                         f"{ROUTER[0]})",
            "why": f"callers reach the scoring endpoint as {hostname} over HTTPS: its address is assigned in {subnet} "
                   f"when the extension starts, so the record is published after deployment, {where}",
        }

    def _gateway(self, served: bool, hostname: str) -> None:
        """exposure: external: the model's public entry, an Application Gateway WAF_v2 in the landing zone, whose
        backend is the scoring hostname over the VNet (see templates/analytics/gateway.json.j2)."""
        product = self.workload
        assert isinstance(product, Product)
        serving = product.serving
        external = served and serving is not None and serving.exposure == "external"
        why = ("not served from AKS" if not served else
               "exposure is internal: callers reach the scoring endpoint over the peered networks")
        names = self.names
        fqdn = f"{names.dns_label()}.{self.zone.location}.cloudapp.azure.com"
        public = serving.public_hostname if serving is not None and serving.public_hostname else fqdn
        reason = [(f"{self.label} is callable from applications outside the data platform (exposure: external): "
                   f"published as {public} through a web application firewall in Prevention mode")] if external else []
        service = self.add(workload_specs.GATEWAY, reason, why, after=("keyVault", "aks"),
                           gateway=names.application_gateway(), public_ip=names.gateway_public_ip(),
                           dns_label=names.dns_label(), public_hostname=public,
                           waf_policy=names.waf_policy(), identity=names.identity("gateway"), vault=names.key_vault(),
                           certificate="gateway-tls", role=roles.KEY_VAULT_SECRETS_USER,
                           subnet=self.subnet(naming.gateway_subnet(product.name)), backend_hostname=hostname,
                           capacity=dict(GATEWAY_CAPACITY))
        if external and public != fqdn:
            service.data_plane = [self._public_cname(public, fqdn)]

    def _public_cname(self, public: str, fqdn: str) -> dict:
        """The public hostname's CNAME to the gateway's Azure DNS name: written by deploy into the Azure public DNS
        zone that ``serving.publicDnsZone`` names, else a step by hand with the exact record."""
        serving = self.workload.serving if isinstance(self.workload, Product) else None
        zone = dns_zone_id(serving.public_dns_zone if serving is not None else None)
        step: dict[str, Any] = {"action": BY_HAND, "value": fqdn}
        where = "its public DNS zone is not part of the estate, so the CNAME to the gateway is published there by hand"
        if zone is not None:
            step = {"action": PUBLIC_CNAME, "zoneId": zone.id, "zone": zone.zone, "ttl": PUBLIC_TTL,
                    "record": public[: -len(zone.zone) - 1], "target": fqdn, "dnsApiVersion": PUBLIC_DNS_API}
            where = (f"deploy writes the CNAME to the gateway into the Azure DNS zone {zone.zone} "
                     "(serving.publicDnsZone)")
        return {**step, "scope": public, "role": "CNAME record", "principal": f"the gateway's Azure DNS name {fqdn}",
                "why": f"callers outside the data platform reach the model as {public}: {where}"}
