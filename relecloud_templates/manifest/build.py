"""Turn a schema-valid located document into the model (model.py), keeping positions."""

from __future__ import annotations

from typing import cast

from relecloud_templates.located import LocatedDict, pos_of, value_pos
from relecloud_templates.manifest.access import build_access
from relecloud_templates.manifest.model import (
    Addressing,
    ComputePool,
    Integration,
    LandingZone,
    ManagementZone,
    Manifest,
    Network,
    Organization,
    Peering,
    Product,
    Reference,
    Serving,
)

DEFAULT_MANAGEMENT_SERVICES = ("privateDnsZones", "purview", "keyVault", "containerRegistry", "synapsePrivateLinkHub")


def _network(doc: LocatedDict, allocated: str | None = None) -> Network:
    subnets = doc.get("subnets") or LocatedDict()
    return Network(
        # (the schema asks for addressSpace where no address pool allocates a range)
        address_space=cast(str, doc.get("addressSpace", allocated)),
        subnets={k: subnets[k] for k in subnets},
        pos=value_pos(doc, "addressSpace"),
        subnet_pos={k: value_pos(subnets, k) for k in subnets},
    )


def _tags(base: dict, doc: LocatedDict) -> dict[str, str]:
    return {**base, **(doc.get("tags") or {})}


def _reference(text: str, pos) -> Reference:
    zone, _, name = text.rpartition("/")
    return Reference(name=name, zone=zone or None, pos=pos)


def _pool(doc: LocatedDict) -> ComputePool:
    # A pool that only gives a sku (the SQL sizes DW100c...) is a SQL pool, as manifests wrote it before pools
    # had a type; otherwise spark is the default.
    kind = doc.get("type") or ("sql" if "sku" in doc else "spark")
    return ComputePool(type=kind, sku=doc.get("sku"), node_size=doc.get("nodeSize"),
                       max_nodes=doc.get("maxNodes"), auto_pause_minutes=doc.get("autoPauseMinutes"), pos=pos_of(doc))


def _integration(doc: LocatedDict, zone: str, zone_tags: dict) -> Integration:
    pool = doc.get("computePool")
    return Integration(
        name=doc["name"],
        zone=zone,
        engine=doc["engine"],
        description=doc.get("description", ""),
        template=doc.get("template"),
        lands_in=doc.get("landsIn", "raw"),
        transform=doc.get("transform", True),
        compute_pool=_pool(pool) if pool is not None else None,
        source=doc.get("source", "azure"),
        tags=_tags(zone_tags, doc),
        pos=value_pos(doc, "name"),
    )


def _product(doc: LocatedDict, zone: str, zone_tags: dict) -> Product:
    serving = doc.get("serving")
    reads = doc.get("reads") or []
    return Product(
        name=doc["name"],
        zone=zone,
        engine=doc["engine"],
        template=doc["template"],
        description=doc.get("description", ""),
        aliases=tuple(doc.get("aliases") or ()),
        serving=Serving(serving["kind"], serving.get("exposure", "internal"), pos_of(serving),
                        serving.get("hostname"), serving.get("publicHostname"), serving.get("publicDnsZone"),
                        value_pos(serving, "publicDnsZone")) if serving else None,
        reads=tuple(_reference(text, value_pos(reads, i)) for i, text in enumerate(reads)),
        consumers=tuple(doc.get("consumers") or ()),
        tags=_tags(zone_tags, doc),
        pos=value_pos(doc, "name"),
    )


def build_model(doc: LocatedDict, path: str, allocations: tuple[tuple[str, str, bool], ...] = (),
                env: str | None = None, environments: tuple[str, ...] = ()) -> Manifest:
    """The model of a schema-valid document; ``allocations`` are the pool ranges of zones without their own;
    ``env`` and ``environments`` say which environment the document was resolved for, of which."""
    allocated = {zone: cidr for zone, cidr, _ in allocations}
    org = doc["organization"]
    organization = Organization(
        name=org.get("name", org["prefix"]),
        prefix=org["prefix"],
        environment=org["environment"],
        location=org["location"],
        tags=dict(org.get("tags") or {}),
        pos=pos_of(org),
        unique_names=org.get("uniqueNames", True),
    )
    mz = doc["managementZone"]
    management = ManagementZone(
        name=mz.get("name", "mgmt"),
        subscription_id=mz["subscriptionId"],
        location=mz.get("location", organization.location),
        network=_network(mz["network"]),
        firewall_tier=(mz.get("firewall") or {}).get("tier", "Premium"),
        services=tuple(mz.get("services", DEFAULT_MANAGEMENT_SERVICES)),
        description=mz.get("description", ""),
        pos=pos_of(mz),
        package_repositories=tuple((mz.get("firewall") or {}).get("packageRepositories") or ()),
        ingestion=(mz.get("monitoring") or {}).get("ingestion", "privateLinkScope"),
    )
    zones = []
    for zd in doc["landingZones"]:
        name = zd["name"]
        zone_tags = _tags(organization.tags, zd)
        zones.append(
            LandingZone(
                name=name,
                subscription_id=zd["subscriptionId"],
                location=zd.get("location", organization.location),
                network=_network(zd.get("network") or LocatedDict(), allocated.get(name)),
                description=zd.get("description", ""),
                tags=zone_tags,
                integrations=tuple(_integration(i, name, zone_tags) for i in zd.get("integrations") or ()),
                products=tuple(_product(p, name, zone_tags) for p in zd.get("products") or ()),
                pos=value_pos(zd, "name"),
            )
        )
    peering_doc = doc.get("peering") or LocatedDict()
    peering = Peering(
        topology=peering_doc.get("topology", "mesh"),
        pairs=tuple(tuple(sorted(pair)) for pair in peering_doc.get("pairs") or ()),
        pos=pos_of(peering_doc),
    )
    addressing_doc = doc.get("addressing")
    addressing = None
    if addressing_doc:
        addressing = Addressing(addressing_doc["pool"], addressing_doc.get("zoneSize", 16), pos_of(addressing_doc))
    return Manifest(
        path=path,
        version=doc["version"],
        organization=organization,
        management_zone=management,
        landing_zones=tuple(zones),
        peering=peering,
        addressing=addressing,
        allocations=tuple(allocations),
        env=env,
        environments=tuple(environments),
        access=build_access(doc.get("access")),
    )
