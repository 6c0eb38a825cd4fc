"""The management zone firewall's rule collections: the egress that what the estate keeps needs, and nothing more.

Every landing zone routes 0.0.0.0/0 to the firewall, so a service that runs in a zone's network (Databricks
clusters, AKS nodes with the Machine Learning extension, the Power BI virtual network data gateway) reaches
Azure only through the rules here. Managed-network engines (Data Factory, Synapse, Purview, the Machine
Learning workspace's own compute) egress from Microsoft's networks and need none. The rules follow the
reference management zone's, with regional service tags where the destination is regional.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from relecloud_templates.plan.model import Item, PlannedUnit

POWER_BI_GATEWAY_SUBNET = "powerbi-gateway"


@dataclass(frozen=True)
class Rule:
    name: str
    destinations: tuple[str, ...]  # network rules: service tags or addresses; application rules: FQDN tags
    ports: tuple[str, ...]
    fqdns: tuple[str, ...] = ()  # application rules: target FQDNs (instead of FQDN tags)


@dataclass
class Collection:
    name: str
    kind: str  # "network" | "application"
    rules: list[Rule]
    users: list[str] = field(default_factory=list)  # why it is kept (empty: pruned)
    pruned_because: str = ""
    sources: list[str] = field(default_factory=list)  # empty: every zone's address space

    def as_context(self, default_sources: list[str]) -> dict:
        return {"name": self.name, "kind": self.kind, "sources": self.sources or default_sources,
                "rules": [{"name": r.name, "destinations": list(r.destinations), "ports": list(r.ports),
                           "fqdns": list(r.fqdns)} for r in self.rules]}

    def item(self) -> Item:
        return Item("firewallRules", self.name, bool(self.users), tuple(self.users) or (self.pruned_because,))


def _kept(units: list[PlannedUnit], keys: tuple[str, ...]) -> list[str]:
    return [f"{unit.name} keeps {s.title}" for unit in units for s in unit.kept if s.key in keys]


def collections(units: list[PlannedUnit], package_repositories: tuple[str, ...]) -> list[Collection]:
    """Every candidate rule collection, kept with the units that need it or pruned with the reason."""
    databricks = _kept(units, ("databricksIntegration", "databricksProduct"))
    regions = sorted({u.location for u in units for s in u.kept if s.key.startswith("databricks")})
    ml = _kept(units, ("aks",))
    ml_regions = sorted({u.location for u in units for s in u.kept if s.key == "aks"})
    gateways = [(u, subnet) for u in units for s in u.kept if s.key == "network"
                for subnet in s.context.get("subnets", ()) if subnet["name"] == POWER_BI_GATEWAY_SUBNET]
    found = [
        Collection("databricks", "network", [
            Rule("entra-id-and-front-door", ("AzureActiveDirectory", "AzureFrontDoor.Frontend"), ("443",)),
            Rule("control-plane", ("AzureDatabricks",), ("443",)),
            Rule("storage", tuple(f"Storage.{r}" for r in regions), ("443",)),
            Rule("metastore", ("Sql",), ("3306",)),
            Rule("event-hub-logs", ("EventHub",), ("9093",)),
        ], databricks, "no unit keeps a Databricks workspace"),
        Collection("machine-learning", "network", [
            Rule("machine-learning", ("AzureActiveDirectory", "AzureMachineLearning", "AzureResourceManager",
                                      *(f"Storage.{r}" for r in ml_regions), "AzureKeyVault", "AzureContainerRegistry",
                                      "MicrosoftContainerRegistry", "AzureFrontDoor.FirstParty"), ("443",)),
        ], [f"{u} (the Machine Learning extension on its cluster)" for u in ml],
            "no unit serves a model from AKS with the Machine Learning extension"),
        Collection("aks", "application", [Rule("aks-required", ("AzureKubernetesService",), ("443", "80"))],
                   _kept(units, ("aks",)), "no unit keeps an AKS cluster"),
        Collection("package-repositories", "application",
                   [Rule("packages", (), ("443",), tuple(package_repositories))],
                   [f"{why}: its clusters install packages from managementZone.firewall.packageRepositories"
                    for why in databricks + _kept(units, ("aks",))] if package_repositories else [],
                   "managementZone.firewall.packageRepositories lists none" if databricks or ml
                   else "no unit keeps Databricks or AKS"),
        Collection("power-bi-gateway", "network", [
            Rule("power-platform", ("PowerBI", "PowerQueryOnline", "PowerPlatformInfra", "AzureActiveDirectory"),
                 ("443",)),
        ], [f"{u.name} keeps the Power BI virtual network data gateway subnet {s['cidr']}" for u, s in gateways],
            "no product is read by Power BI", sources=[s["cidr"] for _, s in gateways]),
    ]
    return found
