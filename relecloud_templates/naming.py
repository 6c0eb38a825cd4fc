"""Every name relecloud composes, and Azure's rules for each kind of name: the single source of truth.

The planner and the templates take names from here; the manifest checks call ``check_names`` so that a name
Azure would refuse is reported against the manifest line that produced it, before anything is rendered. Which
names a zone or workload gets is not listed here: each service spec (services/) names the ones it composes.

Conventions (see docs/rendering.md):

* base ``<prefix>-<environment>``, e.g. ``rc-dev``; zone-level names ``<base>-<zone>-<what>``;
* resource groups ``<base>-<zone>-<purpose>``; a workload's own resource group ``<base>-<zone>-<workload>``;
* kinds whose names Azure wants unique across all customers (storage, Key Vault, registries, Synapse, Data
  Factory, Purview, Event Hubs) end in a five-character suffix hashed from the zone's subscription and the
  readable name (``organization.uniqueNames``, on by default), shortening the zone and environment parts first so
  that the name still says which zone and workload it belongs to; without the suffix, and for other kinds, a name
  that is too long keeps its start and ends in six characters of a hash of the whole name. Hyphens are dropped
  where Azure forbids them. Every name is deterministic.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from relecloud_templates.located import Pos

if TYPE_CHECKING:  # the model imports nothing from here; keep the dependency one-way at run time too
    from relecloud_templates.manifest.model import LandingZone, Manifest, Organization, Product


@dataclass(frozen=True)
class NameRule:
    what: str  # how a user would call this kind of name
    min_len: int
    max_len: int
    pattern: str  # the whole name must match
    charset: str  # the rule in words, for the hint
    shorten: bool = False  # hash-shorten instead of reporting an over-long name
    strip_hyphens: bool = False
    # The ARM resource types whose names (their last segment) follow this rule: the linter checks them (E3003).
    arm_types: tuple[str, ...] = ()
    # Azure accepts upper case and compares without it; relecloud composes lower-case names either way.
    ignore_case: bool = False

    def problems(self, name: str) -> list[str]:
        found = []
        if len(name) < self.min_len or len(name) > self.max_len:
            found.append(f"is {len(name)} characters long; {self.what} names take {self.min_len}-{self.max_len}")
        if not re.fullmatch(self.pattern, name, re.IGNORECASE if self.ignore_case else 0):
            found.append(f"breaks the character rules of {self.what} names ({self.charset})")
        return found


_ALNUM_HYPHEN = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_NETWORK_TYPES = tuple(f"Microsoft.Network/{t}" for t in (
    "networkSecurityGroups", "routeTables", "azureFirewalls", "publicIPAddresses", "firewallPolicies",
    "virtualNetworks/subnets", "applicationGateways"))
RULES: dict[str, NameRule] = {
    "resourceGroup": NameRule("resource group", 1, 90, r"[-\w.()]*[-\w()]", "letters, digits, '-', '_', '.', '()'",
                              arm_types=("Microsoft.Resources/resourceGroups",)),
    "deployment": NameRule("deployment", 1, 64, r"[-\w.()]+", "letters, digits, '-', '_', '.', '()'", shorten=True,
                           arm_types=("Microsoft.Resources/deployments",)),
    "network": NameRule("network resource", 1, 80, r"[A-Za-z0-9](?:[\w.-]*\w)?", "letters, digits, '-', '_', '.'",
                        arm_types=_NETWORK_TYPES),
    # Azure's rule for private endpoints (2-64 characters): relecloud's `<resource>-<sub-resource>-pe` passes it
    # once the resource's own name is long (a Data Factory may take 63), so the resource part is shortened.
    "privateEndpoint": NameRule("private endpoint", 2, 64, r"[A-Za-z0-9](?:[\w.-]*\w)?",
                                "letters, digits, '-', '_', '.'; ends in a letter, digit or '_'",
                                arm_types=("Microsoft.Network/privateEndpoints",)),
    "keyVault": NameRule("Key Vault", 3, 24, r"[a-z](?!.*--)[a-z0-9-]*[a-z0-9]", "letters, digits, single hyphens",
                         shorten=True, arm_types=("Microsoft.KeyVault/vaults",), ignore_case=True),
    "storage": NameRule("storage account", 3, 24, r"[a-z0-9]+", "lowercase letters and digits", shorten=True,
                        strip_hyphens=True, arm_types=("Microsoft.Storage/storageAccounts",)),
    "containerRegistry": NameRule("container registry", 5, 50, r"[a-z0-9]+", "letters and digits", shorten=True,
                                  strip_hyphens=True, arm_types=("Microsoft.ContainerRegistry/registries",),
                                  ignore_case=True),
    "synapseWorkspace": NameRule("Synapse workspace", 1, 50, _ALNUM_HYPHEN, "lowercase letters, digits, hyphens",
                                 shorten=True, arm_types=("Microsoft.Synapse/workspaces",)),
    "synapseHub": NameRule("Synapse private link hub", 1, 45, r"[a-z0-9]+", "lowercase letters and digits",
                           shorten=True, strip_hyphens=True, arm_types=("Microsoft.Synapse/privateLinkHubs",)),
    # Azure's rule; relecloud's own pool names are SQL identifiers without hyphens (sql_identifier)
    "sqlPool": NameRule("Synapse SQL pool", 1, 60, r"[^<>*%&:\\/?\x00-\x1f]*[^<>*%&:\\/?\x00-\x1f. ]",
                        "no <>*%&:\\/? or control characters, not ending in '.' or a space",
                        arm_types=("Microsoft.Synapse/workspaces/sqlPools",)),
    "sparkPool": NameRule("Apache Spark pool", 1, 15, r"[a-zA-Z][a-zA-Z0-9]*",
                          "letters and digits, starting with a letter", shorten=True, strip_hyphens=True,
                          arm_types=("Microsoft.Synapse/workspaces/bigDataPools",)),
    "applicationInsights": NameRule("Application Insights component", 1, 260, r"[^%&\\?/]*[^%&\\?/. ]",
                                    "no %&\\?/ characters, not ending in '.' or a space",
                                    arm_types=("Microsoft.Insights/components",)),
    "purview": NameRule("Purview account", 3, 63, r"[a-z][a-z0-9-]*[a-z0-9]", "letters, digits, hyphens", shorten=True),
    "dataFactory": NameRule("Data Factory", 3, 63, r"[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]",
                            "letters, digits, single hyphens", shorten=True,
                            arm_types=("Microsoft.DataFactory/factories",), ignore_case=True),
    "databricks": NameRule("Databricks workspace", 3, 64, r"[\w-]+", "letters, digits, '-', '_'", shorten=True,
                           arm_types=("Microsoft.Databricks/workspaces",)),
    "logAnalytics": NameRule("Log Analytics workspace", 4, 63, _ALNUM_HYPHEN, "letters, digits, hyphens", shorten=True,
                             arm_types=("Microsoft.OperationalInsights/workspaces",), ignore_case=True),
    "eventHub": NameRule("Event Hubs namespace", 6, 50, r"[a-z][a-z0-9-]*[a-z0-9]", "letters, digits, hyphens",
                         shorten=True, arm_types=("Microsoft.EventHub/namespaces",), ignore_case=True),
    "machineLearning": NameRule("Machine Learning workspace", 3, 33, r"[a-z0-9][\w-]*", "letters, digits, '-', '_'",
                                shorten=True, arm_types=("Microsoft.MachineLearningServices/workspaces",),
                                ignore_case=True),
    "aks": NameRule("AKS cluster", 1, 63, r"[a-z0-9](?:[\w-]*[a-z0-9])?", "letters, digits, '-', '_'", shorten=True,
                    arm_types=("Microsoft.ContainerService/managedClusters",), ignore_case=True),
    # An AKS cluster's DNS prefix (its API server's host name): 1-54 letters, digits and hyphens (AKS's own limit,
    # which the cluster name's 63 passes). relecloud gives it the cluster's name, shortened where needed.
    "aksDnsPrefix": NameRule("AKS DNS prefix", 1, 54, r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", "letters, digits, hyphens",
                             shorten=True, ignore_case=True),
    "dnsLabel": NameRule("public IP DNS label", 3, 63, r"[a-z][a-z0-9-]*[a-z0-9]",
                         "lowercase letters, digits, hyphens, starting with a letter", shorten=True),
    "wafPolicy": NameRule("web application firewall policy", 1, 128, r"[A-Za-z0-9](?:[\w.-]*\w)?",
                          "letters, digits, '-', '_', '.'", shorten=True,
                          arm_types=("Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",)),
    "identity": NameRule("managed identity", 3, 128, r"[a-z0-9][\w-]*", "letters, digits, '-', '_'",
                         arm_types=("Microsoft.ManagedIdentity/userAssignedIdentities",), ignore_case=True),
    "container": NameRule("blob container", 3, 63, r"[a-z0-9](?!.*--)[a-z0-9-]*[a-z0-9]",
                          "lowercase letters, digits, single hyphens",
                          arm_types=("Microsoft.Storage/storageAccounts/blobServices/containers",)),
}
# Blob containers Azure names itself, outside the rule above.
RESERVED_NAMES = {
    "Microsoft.Storage/storageAccounts/blobServices/containers".lower(): frozenset({"$root", "$web", "$logs"})
}
_RULE_BY_TYPE = {t.lower(): rule for rule in RULES.values() for t in rule.arm_types}


def rule_for_type(arm_type: str) -> NameRule | None:
    """Azure's name rule for resources of ``arm_type`` (full type, any case), when the table has one."""
    return _RULE_BY_TYPE.get(arm_type.lower())


_HASH_LEN = 6


def fit(name: str, rule: NameRule) -> str:
    """``name`` made to fit ``rule``: hyphens dropped where forbidden, hash-shortened where allowed."""
    if rule.strip_hyphens:
        name = name.replace("-", "")
    if len(name) <= rule.max_len or not rule.shorten:
        return name
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:_HASH_LEN]
    keep = rule.max_len - _HASH_LEN - (0 if rule.strip_hyphens else 1)
    head = name[:keep].rstrip("-_.")
    return f"{head}{digest}" if rule.strip_hyphens else f"{head}-{digest}"


def private_endpoint_name(resource: str, what: str) -> str:
    """``<resource>-<what>-pe``, the private endpoint of ``resource``'s sub-resource ``what``. Where that passes
    the 64 characters Azure allows, the resource part keeps its start and ends in six characters of a hash of the
    whole resource name, so the endpoint still says whose and which it is."""
    tail = f"-{what}-pe"
    room = RULES["privateEndpoint"].max_len - len(tail)
    if len(resource) > room:
        digest = hashlib.sha256(resource.encode("utf-8")).hexdigest()[:_HASH_LEN]
        resource = f"{resource[: room - _HASH_LEN - 1].rstrip('-_.')}-{digest}"
    return resource + tail


def _fit(kind: str, name: str) -> str:
    return fit(name, RULES[kind])


SUFFIX_LEN = 5
ZONE_MARK_LEN = 3  # how much of a zone's name a globally unique name keeps when it must shorten
_SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567"


def unique_suffix(subscription: str, name: str) -> str:
    """Five characters of a hash of the subscription and the readable name: the same estate always gets the
    same suffix, another organisation (another subscription) a different one."""
    digest = hashlib.sha256(f"{subscription.lower()}/{name}".encode()).digest()
    return "".join(_SUFFIX_ALPHABET[b % 32] for b in digest[:SUFFIX_LEN])


def unique_name(rule: NameRule, parts: list[str], subscription: str | None) -> str:
    """A name of a kind Azure wants unique across all customers (storage, Key Vault, ...): the readable parts
    ``[prefix, environment, zone, (workload,) what]`` and, unless ``subscription`` is None, a deterministic suffix.

    To make room for the suffix the zone is cut to three characters, then the environment is dropped, then the
    rest is cut from its end: the name still starts with the organisation, the zone and the workload."""
    sep = "" if rule.strip_hyphens else "-"
    clean = [p.replace("-", "") if rule.strip_hyphens else p for p in parts if p]
    readable = sep.join(clean)
    if subscription is None:
        return fit(readable, rule)
    suffix = unique_suffix(subscription, readable)
    room = rule.max_len - len(suffix) - len(sep)
    prefix, environment, zone, *rest = clean
    mark = zone[:ZONE_MARK_LEN]
    for candidate in (clean, [prefix, environment, mark, *rest], [prefix, mark, *rest]):
        text = sep.join(candidate)
        if len(text) <= room:
            return f"{text}{sep}{suffix}"
    return f"{text[:room].rstrip('-_.')}{sep}{suffix}"


def base(org: Organization) -> str:
    return f"{org.prefix}-{org.environment}".lower()


def sql_identifier(name: str) -> str:
    """Synapse SQL object names may not hold hyphens."""
    return name.replace("-", "_")


@dataclass(frozen=True)
class ZoneNames:
    """The names of one zone (the management zone or a landing zone)."""

    base: str  # <prefix>-<environment>
    zone: str
    subscription: str = ""  # the zone's subscription: part of the suffix of globally unique names
    unique: bool = False  # add that suffix (organization.uniqueNames)

    @property
    def stem(self) -> str:
        return f"{self.base}-{self.zone}"

    def global_name(self, kind: str, *rest: str) -> str:
        """A name of ``kind`` that Azure wants unique everywhere, for this zone: ``<base>-<zone>-<rest>``."""
        prefix, _, environment = self.base.partition("-")
        return unique_name(RULES[kind], [prefix, environment, self.zone, *rest],
                           self.subscription if self.unique else None)

    def resource_group(self, purpose: str) -> str:
        return f"{self.stem}-{purpose}"

    def network(self, what: str) -> str:  # vnet, nsg, route table, firewall, public IP, ...
        return f"{self.stem}-{what}"

    def key_vault(self, purpose: str = "") -> str:
        return self.global_name("keyVault", purpose, "kv")

    def storage(self, purpose: str) -> str:
        return self.global_name("storage", purpose)

    def container_registry(self, purpose: str = "") -> str:
        return self.global_name("containerRegistry", purpose, "acr")

    def synapse_workspace(self) -> str:
        return self.global_name("synapseWorkspace", "synapse")

    def synapse_hub(self) -> str:
        return self.global_name("synapseHub", "plhub")

    def purview(self) -> str:
        return self.global_name("purview", "purview")

    def data_factory(self) -> str:
        return self.global_name("dataFactory", "adf")

    def databricks(self, purpose: str) -> str:
        return _fit("databricks", f"{self.stem}-{purpose}-dbw")

    def log_analytics(self) -> str:
        return _fit("logAnalytics", f"{self.stem}-log")

    def event_hub(self) -> str:
        return self.global_name("eventHub", "evhns")


@dataclass(frozen=True)
class WorkloadNames:
    """The names of one integration or product, inside its landing zone."""

    zone: ZoneNames
    workload: str

    @property
    def stem(self) -> str:
        return f"{self.zone.stem}-{self.workload}"

    @property
    def resource_group(self) -> str:
        return self.stem

    def key_vault(self) -> str:
        return self.zone.global_name("keyVault", self.workload, "kv")

    def storage(self) -> str:
        return self.zone.global_name("storage", self.workload, "st")

    def container_registry(self) -> str:
        return self.zone.global_name("containerRegistry", self.workload, "acr")

    def data_factory(self) -> str:
        return self.zone.global_name("dataFactory", self.workload, "adf")

    def synapse_workspace(self) -> str:
        return self.zone.global_name("synapseWorkspace", self.workload, "synapse")

    def log_analytics(self) -> str:
        return _fit("logAnalytics", f"{self.stem}-log")

    def application_insights(self) -> str:
        return f"{self.stem}-appi"

    def machine_learning(self) -> str:
        return _fit("machineLearning", f"{self.stem}-mlw")

    def aks(self) -> str:
        return _fit("aks", f"{self.stem}-aks")

    def aks_dns_prefix(self) -> str:
        return _fit("aksDnsPrefix", self.aks())

    def identity(self, purpose: str) -> str:
        return f"{self.stem}-{purpose}-id"

    def application_gateway(self) -> str:
        return _fit("network", f"{self.stem}-agw")

    def gateway_public_ip(self) -> str:
        return _fit("network", f"{self.stem}-agw-pip")

    def waf_policy(self) -> str:
        return _fit("wafPolicy", f"{self.stem}-waf")

    def dns_label(self) -> str:
        """The public IP's DNS label: Azure publishes ``<label>.<region>.cloudapp.azure.com``, so the label is
        unique in its region across every customer (the suffix of globally unique names)."""
        return self.zone.global_name("dnsLabel", self.workload)

    def sql_pool(self) -> str:
        return sql_identifier(self.workload)

    def spark_pool(self) -> str:
        return _fit("sparkPool", self.workload)


def workload_subnet(workload: str) -> str:
    return f"workload-{workload}"


def aks_subnet(workload: str) -> str:
    return f"workload-{workload}-aks"


def gateway_subnet(workload: str) -> str:
    return f"workload-{workload}-agw"


def scoring_hostname(product: Product, prefix: str) -> str:
    """The HTTPS name of a served model's scoring endpoint: ``serving.hostname``, by default
    ``<product>.<zone>.<prefix>.internal``."""
    serving = product.serving
    return (
        serving.hostname
        if serving is not None and serving.hostname
        else f"{product.name}.{product.zone}.{prefix}.internal"
    )


def zone_names(org: Organization, zone: str, subscription: str = "") -> ZoneNames:
    return ZoneNames(base(org), zone, subscription, org.unique_names)


def deployment_name(*parts: str) -> str:
    """A deployment name: readable, unique per unit and service, at most 64 characters."""
    return _fit("deployment", "-".join(parts))


def unit_name(zone: str, workload: str | None = None) -> str:
    return f"{zone}-{workload}" if workload else zone


# ---------------------------------------------------------------------------------------------------------------
# check_names: every name the render would produce, checked against Azure's rules.


def _composed(level: str, names: ZoneNames | WorkloadNames) -> Iterator[tuple[NameRule, str]]:
    """Every name the services of ``level`` compose for ``names`` (services/: each spec lists its names)."""
    from relecloud_templates import services  # the specs compose names with this module

    seen: set[tuple[int, str]] = set()
    for spec in services.SPECS:
        for use in spec.names:
            if use.level != level:
                continue
            rule = RULES[use.rule] if isinstance(use.rule, str) else use.rule
            name = use.compose(names)
            if (id(rule), name) not in seen:
                seen.add((id(rule), name))
                yield rule, name


def _zone_names(org: Organization, zone_name: str, subscription: str) -> Iterator[tuple[NameRule, str]]:
    names = zone_names(org, zone_name, subscription)
    yield from _composed("zone", names)
    yield RULES["deployment"], deployment_name(names.stem)


def _workload_names(org: Organization, zone: LandingZone, workload: str) -> Iterator[tuple[NameRule, str]]:
    yield from _composed("workload", WorkloadNames(zone_names(org, zone.name, zone.subscription_id), workload))


def check_names(manifest: Manifest) -> list[tuple[Pos, str, str]]:
    """Each composed name that Azure would refuse: (where in the manifest, what is wrong, how to fix it)."""
    found: list[tuple[Pos, str, str]] = []
    org = manifest.organization

    def check(pos: Pos, source: str, rule: NameRule, name: str) -> None:
        for problem in rule.problems(name):
            hint = (
                f"shorten or rename {source}"
                if "long" in problem
                else f"use only lowercase letters, digits and single hyphens in {source}"
            )
            found.append((pos, f"{rule.what} name {name!r} (from {source}) {problem}", hint))

    mgmt = manifest.management_zone
    for rule, name in _zone_names(org, mgmt.name, mgmt.subscription_id):
        check(mgmt.pos, f"management zone {mgmt.name!r}", rule, name)
    for zone in manifest.landing_zones:
        for rule, name in _zone_names(org, zone.name, zone.subscription_id):
            check(zone.pos, f"landing zone {zone.name!r}", rule, name)
        for workload in zone.workloads:
            for rule, name in _workload_names(org, zone, workload.name):
                check(workload.pos, f"{zone.name}/{workload.name}", rule, name)
    return found
