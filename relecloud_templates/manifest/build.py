"""Turn a schema-valid located document into the model (model.py), keeping positions."""

from __future__ import annotations

from relecloud_templates.located import LocatedDict, pos_of, value_pos
from relecloud_templates.manifest.model import (
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
    SqlPool,
)

DEFAULT_MANAGEMENT_SERVICES = ("privateDnsZones", "purview", "keyVault", "containerRegistry", "synapsePrivateLinkHub")


def _network(doc: LocatedDict) -> Network:
    subnets = doc.get("subnets") or LocatedDict()
    return Network(
        address_space=doc["addressSpace"],
        subnets={k: subnets[k] for k in subnets},
        pos=value_pos(doc, "addressSpace"),
        subnet_pos={k: value_pos(subnets, k) for k in subnets},
    )


def _reference(text: str, pos) -> Reference:
    zone, _, name = text.rpartition("/")
    return Reference(name=name, zone=zone or None, pos=pos)


def _integration(doc: LocatedDict, zone: str) -> Integration:
    pool = doc.get("computePool")
    return Integration(
        name=doc["name"],
        zone=zone,
        engine=doc["engine"],
        description=doc.get("description", ""),
        template=doc.get("template", "batch"),
        lands_in=doc.get("landsIn", "raw"),
        transform=doc.get("transform", True),
        compute_pool=SqlPool(sku=pool.get("sku", "DW100c"), pos=pos_of(pool)) if pool is not None else None,
        pos=value_pos(doc, "name"),
    )


def _product(doc: LocatedDict, zone: str) -> Product:
    serving = doc.get("serving")
    reads = doc.get("reads") or []
    return Product(
        name=doc["name"],
        zone=zone,
        engine=doc["engine"],
        template=doc["template"],
        description=doc.get("description", ""),
        aliases=tuple(doc.get("aliases") or ()),
        serving=Serving(serving["kind"], serving.get("exposure", "internal"), pos_of(serving)) if serving else None,
        reads=tuple(_reference(text, value_pos(reads, i)) for i, text in enumerate(reads)),
        consumers=tuple(doc.get("consumers") or ()),
        pos=value_pos(doc, "name"),
    )


def build_model(doc: LocatedDict, path: str) -> Manifest:
    org = doc["organization"]
    organization = Organization(
        name=org.get("name", org["prefix"]),
        prefix=org["prefix"],
        environment=org["environment"],
        location=org["location"],
        tags=dict(org.get("tags") or {}),
        pos=pos_of(org),
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
    )
    zones = []
    for zd in doc["landingZones"]:
        name = zd["name"]
        zones.append(
            LandingZone(
                name=name,
                subscription_id=zd["subscriptionId"],
                location=zd.get("location", organization.location),
                network=_network(zd["network"]),
                description=zd.get("description", ""),
                integrations=tuple(_integration(i, name) for i in zd.get("integrations") or ()),
                products=tuple(_product(p, name) for p in zd.get("products") or ()),
                pos=value_pos(zd, "name"),
            )
        )
    peering_doc = doc.get("peering") or LocatedDict()
    peering = Peering(
        topology=peering_doc.get("topology", "mesh"),
        pairs=tuple(tuple(sorted(pair)) for pair in peering_doc.get("pairs") or ()),
        pos=pos_of(peering_doc),
    )
    return Manifest(
        path=path,
        version=doc["version"],
        organization=organization,
        management_zone=management,
        landing_zones=tuple(zones),
        peering=peering,
    )
