"""The manifest's meaning: checks that a schema cannot express, each located at the manifest line at fault."""

from __future__ import annotations

import contextlib
import ipaddress
from collections.abc import Iterator

from relecloud_templates import naming
from relecloud_templates.arm.graph import cycle_path, cycles
from relecloud_templates.arm.vocabulary import is_subscription_id
from relecloud_templates.diagnostics import Diagnostic
from relecloud_templates.located import LocatedDict, Pos, key_pos, pos_of, value_pos
from relecloud_templates.manifest.access import check_access
from relecloud_templates.manifest.addresses import IPNetwork, inside
from relecloud_templates.manifest.model import (
    MANAGED_NETWORK_ENGINES,
    Manifest,
    Network,
    Product,
    dns_zone_id,
)
from relecloud_templates.manifest.problems import problem
from relecloud_templates.manifest.regions import AZURE_REGIONS
from relecloud_templates.suggest import closest, did_you_mean


def check_manifest(manifest: Manifest, doc: LocatedDict) -> list[Diagnostic]:
    """Every semantic problem of a manifest that built into a model; ``doc`` is its located source."""
    path = manifest.path
    problems: list[Diagnostic] = []
    for check in (
        _subscriptions,
        _regions,
        _duplicate_names,
        _networks,
        _references,
        _cycles,
        _workloads,
        _peering,
        _peering_limit,
        _addressing,
        _names,
        _management_services,
        check_access,
    ):
        problems.extend(check(manifest, doc, path))
    return problems


# -- identities and places ------------------------------------------------------------------------------------


def _zone_docs(doc: LocatedDict) -> Iterator[tuple[LocatedDict, str]]:
    """(mapping, label) for the management zone and every landing zone, in manifest order."""
    yield doc["managementZone"], "the management zone"
    for zone in doc["landingZones"]:
        yield zone, f"landing zone {zone.get('name')!r}"


def _subscriptions(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    for zone, label in _zone_docs(doc):
        value = zone.get("subscriptionId")
        if isinstance(value, str) and not is_subscription_id(value):
            yield problem(
                "invalid-subscription-id",
                f"subscription ID {value!r} of {label} is not a GUID",
                path,
                value_pos(zone, "subscriptionId"),
                hint="copy it from `az account list --query '[].id'`: 8-4-4-4-12 hexadecimal digits",
            )


def _regions(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    places = [(doc["organization"], "the organization")] + list(_zone_docs(doc))
    for mapping, label in places:
        value = mapping.get("location")
        if isinstance(value, str) and value not in AZURE_REGIONS:
            suggestion = closest(value.replace(" ", "").lower(), AZURE_REGIONS, cutoff=0.75)
            hint = (
                f"did you mean {suggestion!r}?"
                if suggestion
                else "use a region name such as 'northeurope' (az account list-locations)"
            )
            yield problem(
                "unknown-region",
                f"{value!r} ({label}) is not an Azure region",
                path,
                value_pos(mapping, "location"),
                hint,
            )


def _duplicate_names(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    seen: dict[str, Pos] = {manifest.management_zone.name: value_pos(doc["managementZone"], "name")}
    for zone in manifest.landing_zones:
        if zone.name in seen:
            yield _duplicate("zone", zone.name, zone.pos, seen[zone.name], path)
        else:
            seen[zone.name] = zone.pos
        names: dict[str, Pos] = {}
        for item in zone.workloads:
            for name in (item.name, *getattr(item, "aliases", ())):
                if name in names:
                    yield _duplicate(f"integration or product of {zone.name!r}", name, item.pos, names[name], path)
                else:
                    names[name] = item.pos


def _duplicate(what: str, name: str, pos: Pos, first: Pos, path: str) -> Diagnostic:
    return problem(
        "duplicate-name",
        f"{what} name {name!r} is already used on line {first.line}",
        path,
        pos,
        hint="names (and product aliases) must be unique: they become resource group and resource names",
    )


# -- networks -------------------------------------------------------------------------------------------------


def _parse_cidr(text: object, pos: Pos, path: str, problems: list[Diagnostic]) -> IPNetwork | None:
    try:
        return ipaddress.ip_network(str(text), strict=True)
    except ValueError as exc:
        hint = "write an IPv4 range as address/prefix, for example 10.1.0.0/16"
        with contextlib.suppress(ValueError):
            hint = f"did you mean {str(ipaddress.ip_network(str(text), strict=False))!r}? (host bits are set)"
        problems.append(problem("invalid-cidr", f"{text!r} is not a valid address range: {exc}", path, pos, hint))
        return None


def _networks(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    problems: list[Diagnostic] = []
    spaces: dict[str, tuple[IPNetwork, Pos]] = {}
    zones: list[tuple[str, Network]] = [(manifest.management_zone.name, manifest.management_zone.network)]
    zones += [(z.name, z.network) for z in manifest.landing_zones]
    for name, network in zones:
        space = _parse_cidr(network.address_space, network.pos, path, problems)
        if space is not None:
            spaces[name] = (space, network.pos)
        _subnets(name, network, space, path, problems)
    yield from problems
    # Every landing zone peers with the management zone; landing zones with each other per the topology.
    mgmt = manifest.management_zone.name
    pairs = [(mgmt, z.name) for z in manifest.landing_zones] + manifest.landing_zone_peerings()
    for a, b in pairs:
        if a in spaces and b in spaces and spaces[a][0].overlaps(spaces[b][0]):
            (net_a, pos_a), (net_b, pos_b) = spaces[a], spaces[b]
            yield problem(
                "address-overlap",
                f"address space {net_b!s} of {b!r} overlaps {net_a!s} of {a!r} (line {pos_a.line}), and the two "
                "are peered",
                path,
                pos_b,
                hint="peered virtual networks need disjoint address spaces; give each zone its own range",
            )


def _subnets(zone: str, network: Network, space: IPNetwork | None, path: str, problems: list[Diagnostic]) -> None:
    parsed: list[tuple[str, IPNetwork, Pos]] = []
    for key, cidr in network.subnets.items():
        pos = network.subnet_pos.get(key, network.pos)
        subnet = _parse_cidr(cidr, pos, path, problems)
        if subnet is None:
            continue
        if space is not None and not inside(subnet, space):
            problems.append(
                problem(
                    "subnet-outside-network",
                    f"subnet {key!r} ({subnet}) of {zone!r} is outside the address space {space}",
                    path,
                    pos,
                    hint=f"choose a range inside {space}",
                )
            )
        for other_key, other, other_pos in parsed:
            if subnet.overlaps(other):
                problems.append(
                    problem(
                        "subnet-overlap",
                        f"subnet {key!r} ({subnet}) of {zone!r} overlaps subnet {other_key!r} "
                        f"({other}, line {other_pos.line})",
                        path,
                        pos,
                        hint="subnets of one network must not overlap",
                    )
                )
        parsed.append((key, subnet, pos))


# -- what products read ---------------------------------------------------------------------------------------


def _resolve(manifest: Manifest, product: Product, ref) -> tuple[str, object | None]:
    zone = ref.zone or product.zone
    return zone, manifest.find_workload(ref.name, zone)


def _references(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    zone_names = [z.name for z in manifest.landing_zones]
    for zone in manifest.landing_zones:
        for product in zone.products:
            for ref in product.reads:
                target_zone, target = _resolve(manifest, product, ref)
                if manifest.zone(target_zone) is None:
                    yield problem(
                        "unknown-reference",
                        f"product {product.name!r} reads from unknown landing zone {target_zone!r}",
                        path,
                        ref.pos,
                        hint=did_you_mean(target_zone, zone_names),
                    )
                    continue
                if target is None:
                    yield problem(
                        "unknown-reference",
                        f"product {product.name!r} reads {str(ref)!r}, which is no integration or product of "
                        f"{target_zone!r}",
                        path,
                        ref.pos,
                        hint=_reference_hint(manifest, ref.name, target_zone, product.zone),
                    )
                    continue
                if target is product:
                    yield problem("unknown-reference", f"product {product.name!r} reads itself", path, ref.pos,
                                  hint="remove it from `reads`")
                    continue
                if not manifest.peers(target_zone, product.zone) and product.engine not in MANAGED_NETWORK_ENGINES:
                    yield problem(
                        "unpeered-read",
                        f"product {product.name!r} in {product.zone!r} reads {str(ref)!r} from its {product.engine} "
                        f"clusters in the zone's network, but landing zones {product.zone!r} and {target_zone!r} are "
                        f"not peered ({manifest.peering.topology} topology)",
                        path,
                        ref.pos,
                        hint=f"add [{product.zone}, {target_zone}] to peering.pairs, use topology: mesh, or run the "
                             "product on an engine with a managed network (synapse, dataFactory, machineLearning)",
                    )


def _reference_hint(manifest: Manifest, name: str, zone: str, own_zone: str) -> str:
    landing = manifest.zone(zone)
    local = [w.name for w in landing.integrations] + [
        alias for p in landing.products for alias in (p.name, *p.aliases)
    ] if landing is not None else []
    best = closest(name, local)
    if best:
        return f"did you mean {best!r}?"
    for other in manifest.landing_zones:
        if other.name != zone and manifest.find_workload(name, other.name) is not None:
            qualified = name if other.name == own_zone else f"{other.name}/{name}"
            return f"did you mean {qualified!r}? (it is in landing zone {other.name!r})"
    return did_you_mean(name, local)


def _cycles(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    products = [p for z in manifest.landing_zones for p in z.products]
    key = {id(p): f"{p.zone}/{p.name}" for p in products}
    edges: dict[str, list[tuple[str, Pos]]] = {key[id(p)]: [] for p in products}
    for product in products:
        for ref in product.reads:
            _, target = _resolve(manifest, product, ref)
            if isinstance(target, Product) and target is not product:
                edges[key[id(product)]].append((key[id(target)], ref.pos))
    def targets(node: str) -> list[str]:
        return [target for target, _ in edges[node]]

    for component in cycles(list(edges), targets):
        cycle = cycle_path(component, targets)
        closing = next(pos for target, pos in edges[cycle[-2]] if target == cycle[-1])
        yield problem(
            "dependency-cycle",
            "products read each other in a cycle: " + " -> ".join(cycle),
            path,
            closing,
            hint="a product cannot (even indirectly) read itself; remove one of these reads",
        )


# -- options of integrations and products ---------------------------------------------------------------------


def _management_services(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    """Every estate has private endpoints (each landing zone's lakes, Key Vaults, engines): without the private
    DNS zones nothing resolves them to their private addresses, and the render would fail relecloud's own
    validate (W7002 under the data-landing-zone profile). Found by the fuzzing suite (issue 14 item 15)."""
    if "privateDnsZones" in manifest.management_zone.services:
        return
    zone = doc.get("managementZone")
    pos = key_pos(zone, "services") if isinstance(zone, LocatedDict) and "services" in zone else pos_of(zone)
    yield problem("missing-service", "the management zone lists no privateDnsZones, but every private endpoint of "
                  "the estate resolves through them: without them no service is reachable at its private address",
                  path, pos, hint="add privateDnsZones to managementZone.services")


def _workloads(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    for zone in manifest.landing_zones:
        for integration in zone.integrations:
            yield from _integration(integration, path)
        yield from _products(zone, path)
    yield from _serving_names(manifest, path)


def _serving_names(manifest: Manifest, path: str) -> Iterator[Diagnostic]:
    """Each served model's scoring hostname is a private DNS zone of its own, and each public hostname names
    one gateway: two products cannot share either."""
    first: dict[str, Product] = {}
    for zone in manifest.landing_zones:
        for product in zone.products:
            if product.serving is None:
                continue
            names = [naming.scoring_hostname(product, manifest.organization.prefix)]
            if product.serving.public_hostname and product.serving.public_hostname != names[0]:
                names.append(product.serving.public_hostname)
            for name in names:
                other = first.setdefault(name, product)
                if other is not product:
                    yield problem("duplicate-name",
                                  f"products {other.zone}/{other.name} and {product.zone}/{product.name} both serve "
                                  f"their model as {name}", path, product.serving.pos,
                                  hint="give each served product its own serving.hostname and serving.publicHostname")


def _integration(integration, path: str) -> Iterator[Diagnostic]:
    name, engine, pool = integration.name, integration.engine, integration.compute_pool
    if pool is not None and engine != "synapse":
        yield problem(
            "inconsistent-workload",
            f"integration {name!r} asks for a computePool, but its engine is {engine!r}",
            path,
            pool.pos,
            hint="compute pools live in the zone's Synapse workspace: set `engine: synapse` or remove computePool",
        )
    if pool is not None and pool.type == "spark" and pool.sku is not None:
        yield problem("inconsistent-workload", f"integration {name!r} gives a sku to a spark pool", path, pool.pos,
                      hint="sku sizes SQL pools: add `type: sql`, or size the spark pool with nodeSize and maxNodes")
    spark_sizes = {"nodeSize": pool.node_size, "maxNodes": pool.max_nodes,
                   "autoPauseMinutes": pool.auto_pause_minutes} if pool is not None else {}
    if pool is not None and pool.type == "sql" and any(v is not None for v in spark_sizes.values()):
        written = ", ".join(k for k, v in spark_sizes.items() if v is not None)
        yield problem("inconsistent-workload", f"integration {name!r} gives {written} to a SQL pool", path, pool.pos,
                      hint="nodeSize, maxNodes and autoPauseMinutes size spark pools; a SQL pool takes a sku")
    if integration.template == "batch" and engine not in ("dataFactory", "synapse"):
        yield problem("inconsistent-workload",
                      f"integration {name!r} uses the batch template, which runs Data Factory or Synapse pipelines, "
                      f"not {engine}", path, integration.pos,
                      hint="remove `template: batch` to run on the zone's shared workspace, or change the engine")
    if integration.template == "analytics":
        yield problem("inconsistent-workload",
                      f"integration {name!r} uses the analytics template, which holds Machine Learning products",
                      path, integration.pos, hint="use `template: batch`, `template: streaming`, or no template")
    if integration.source == "onPremises" and engine == "databricks":
        yield problem("inconsistent-workload",
                      f"integration {name!r} lands on-premises data with Databricks, which cannot use a self-hosted "
                      "integration runtime", path, integration.pos,
                      hint="run on-premises ingestion with `engine: dataFactory` or `engine: synapse` pipelines")


def _public_dns_zone(product: Product, path: str) -> Iterator[Diagnostic]:
    """serving.publicDnsZone names the Azure public DNS zone that deploy writes the public hostname's CNAME into:
    a zone's resource ID, holding the hostname below its apex (a CNAME cannot sit at a zone's apex)."""
    serving = product.serving
    if serving is None or serving.public_dns_zone is None:
        return
    where = serving.public_dns_zone_pos
    zone = dns_zone_id(serving.public_dns_zone)
    if zone is None:
        yield problem("invalid-value", f"product {product.name!r}: publicDnsZone {serving.public_dns_zone!r} is not "
                      "the resource ID of an Azure public DNS zone", path, where,
                      hint="give /subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/dnsZones/"
                           "<zone>, as `az network dns zone show -g <group> -n <zone> --query id -o tsv` prints it")
        return
    if not is_subscription_id(zone.subscription):
        yield problem("invalid-subscription-id", f"product {product.name!r}: publicDnsZone names subscription "
                      f"{zone.subscription!r}, which is not a GUID", path, where,
                      hint="copy the zone's ID from `az network dns zone show ... --query id -o tsv`")
        return
    hostname = serving.public_hostname
    if not hostname:
        yield problem("inconsistent-workload", f"product {product.name!r} names a publicDnsZone but no publicHostname: "
                      "the gateway's own Azure DNS name needs no record", path, where,
                      hint="add serving.publicHostname (a name in that zone), or remove publicDnsZone")
    elif not hostname.endswith("." + zone.zone):
        yield problem("inconsistent-workload", f"product {product.name!r}: publicHostname {hostname} is not below the "
                      f"apex of the DNS zone {zone.zone} (a CNAME cannot be the zone's apex)", path, where,
                      hint=f"name the zone that holds {hostname}, or a publicHostname like <name>.{zone.zone}")


def _products(zone, path: str) -> Iterator[Diagnostic]:
    for product in zone.products:
        yield from _public_dns_zone(product, path)
        if product.serving is not None and product.serving.public_hostname and product.serving.exposure != "external":
            yield problem(
                "inconsistent-workload",
                f"product {product.name!r} names a publicHostname, but its endpoint is internal: nothing publishes "
                "it under that name",
                path,
                product.serving.pos,
                hint="set `exposure: external` to publish the model through a WAF-protected application gateway, "
                     "or remove publicHostname",
            )
        if product.serving is not None and product.engine != "machineLearning":
            yield problem(
                "inconsistent-workload",
                f"product {product.name!r} is served from {product.serving.kind}, but its engine is {product.engine!r}",
                path,
                product.serving.pos,
                hint="model serving needs `engine: machineLearning`",
            )
        if product.engine == "machineLearning" and product.template != "analytics":
            yield problem(
                "inconsistent-workload",
                f"product {product.name!r} runs Machine Learning, which the {product.template!r} template does "
                "not hold",
                path,
                product.pos,
                hint="Machine Learning products use `template: analytics`",
            )


def _peering(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    peering_doc = doc.get("peering")
    if not isinstance(peering_doc, LocatedDict):
        return
    pairs = peering_doc.get("pairs")
    if pairs and manifest.peering.topology != "pairs":
        yield problem(
            "invalid-peering",
            f"peering.pairs is given, but the topology is {manifest.peering.topology!r}",
            path,
            value_pos(peering_doc, "pairs"),
            hint="set `topology: pairs` to peer only the listed pairs, or remove `pairs`",
        )
    zone_names = [z.name for z in manifest.landing_zones]
    for i, pair in enumerate(pairs or ()):
        for j, name in enumerate(pair):
            if name not in zone_names:
                yield problem(
                    "invalid-peering",
                    f"peering pair names unknown landing zone {name!r}",
                    path,
                    value_pos(pair, j),
                    hint=did_you_mean(name, zone_names),
                )
        if len(pair) == 2 and pair[0] == pair[1]:
            yield problem(
                "invalid-peering", f"landing zone {pair[0]!r} is paired with itself", path, value_pos(pairs, i)
            )


def _names(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    for pos, message, hint in naming.check_names(manifest):
        yield problem("invalid-name", message, path, pos, hint)


# Azure allows at most this many peerings on one virtual network.
MAX_PEERINGS_PER_VNET = 500


def _peering_limit(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    zones = manifest.landing_zones
    if len(zones) > MAX_PEERINGS_PER_VNET:
        yield problem(
            "peering-limit",
            f"the management zone's network would need {len(zones)} peerings (one per landing zone); "
            f"Azure allows {MAX_PEERINGS_PER_VNET} per virtual network",
            path,
            manifest.management_zone.pos,
            hint="split the estate across several management zones",
        )
    counts = {z.name: 1 for z in zones}  # every landing zone peers with the management zone
    for a, b in manifest.landing_zone_peerings():
        counts[a] += 1
        counts[b] += 1
    worst = max(zones, key=lambda z: counts[z.name], default=None)
    if worst is not None and counts[worst.name] > MAX_PEERINGS_PER_VNET:
        total = len(manifest.landing_zone_peerings())
        yield problem(
            "peering-limit",
            f"the {manifest.peering.topology} topology of {len(zones)} landing zones needs {total} peerings, "
            f"{counts[worst.name]} on the network of {worst.name!r}; Azure allows {MAX_PEERINGS_PER_VNET} per "
            "virtual network",
            path,
            manifest.peering.pos if manifest.peering.pos.line else worst.pos,
            hint="use `topology: hub-spoke`, or `topology: pairs` with the pairs that really exchange data",
        )


def _addressing(manifest: Manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    addressing = doc.get("addressing")
    if isinstance(addressing, LocatedDict) and "pool" in addressing:
        problems: list[Diagnostic] = []
        pool = _parse_cidr(addressing["pool"], value_pos(addressing, "pool"), path, problems)
        yield from problems
        size = addressing.get("zoneSize", 16)
        if pool is not None and isinstance(size, int) and size < pool.prefixlen:
            yield problem(
                "address-pool",
                f"zoneSize /{size} is larger than the pool {pool} itself",
                path,
                value_pos(addressing, "zoneSize") if "zoneSize" in addressing else value_pos(addressing, "pool"),
                hint=f"use a zoneSize of at least {pool.prefixlen}",
            )
