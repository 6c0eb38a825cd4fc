"""Hypothesis strategies for manifests.

``estates()`` draws manifests that the schema accepts, built from the choices the format offers (services,
engines, templates, pools, serving, reads across zones, peering, pools of addresses): the property is that
either the manifest check refuses one, or its render passes relecloud's own validate (issue 14 item 15).
``manifest_texts()`` draws YAML text that is mostly broken: the loader must answer every one with located
problems, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from hypothesis import strategies as st

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "schemas" / "manifest.schema.json").read_text())
DEFS = SCHEMA["$defs"]


def enum(definition: dict, *path: str) -> list:
    node = definition
    for key in path:
        node = node["properties"][key]
    return list(node["enum"])


MANAGEMENT_SERVICES = DEFS["managementZone"]["properties"]["services"]["items"]["enum"]
INTEGRATION_ENGINES = enum(DEFS["integration"], "engine")
TEMPLATES = enum(DEFS["integration"], "template")
LAKE_LAYERS = enum(DEFS["integration"], "landsIn")
SOURCES = enum(DEFS["integration"], "source")
POOL_TYPES = enum(DEFS["integration"], "computePool", "type")
SQL_SKUS = enum(DEFS["integration"], "computePool", "sku")
NODE_SIZES = enum(DEFS["integration"], "computePool", "nodeSize")
PRODUCT_ENGINES = enum(DEFS["product"], "engine")
TOPOLOGIES = enum(DEFS["peering"], "topology")
TIERS = enum(DEFS["managementZone"], "firewall", "tier")
INGESTION = enum(DEFS["managementZone"], "monitoring", "ingestion")
ADMINS = "00000000-0000-4000-8000-0000000000a1"


def _subscription(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


@st.composite
def integrations(draw, zone: str, index: int) -> dict:
    integration: dict = {"name": f"in{index}", "engine": draw(st.sampled_from(INTEGRATION_ENGINES))}
    if draw(st.booleans()):
        integration["template"] = draw(st.sampled_from(TEMPLATES))
    if draw(st.booleans()):
        integration["landsIn"] = draw(st.sampled_from(LAKE_LAYERS))
    if draw(st.booleans()):
        integration["transform"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        integration["source"] = draw(st.sampled_from(SOURCES))
    if draw(st.integers(0, 3)) == 0:
        pool: dict = {}
        if draw(st.booleans()):
            pool["type"] = draw(st.sampled_from(POOL_TYPES))
        if draw(st.booleans()):
            pool["sku"] = draw(st.sampled_from(SQL_SKUS))
        if draw(st.booleans()):
            pool["nodeSize"] = draw(st.sampled_from(NODE_SIZES))
        integration["computePool"] = pool
    return integration


@st.composite
def products(draw, zone: str, index: int, readable: list[str]) -> dict:
    product: dict = {"name": f"pr{index}", "engine": draw(st.sampled_from(PRODUCT_ENGINES)),
                     "template": draw(st.sampled_from(TEMPLATES))}
    if readable and draw(st.booleans()):
        product["reads"] = draw(st.lists(st.sampled_from(readable), min_size=1, max_size=3, unique=True))
    if draw(st.integers(0, 2)) == 0:
        product["consumers"] = ["powerBI"]
    if draw(st.integers(0, 3)) == 0:
        product["serving"] = {"kind": "aks"}
    return product


@st.composite
def estates(draw) -> dict:
    """A manifest the schema accepts, from the choices of the format (one or two landing zones)."""
    services = draw(st.lists(st.sampled_from(MANAGEMENT_SERVICES), unique=True, max_size=len(MANAGEMENT_SERVICES)))
    if "privateDnsZones" not in services and draw(st.integers(0, 5)):  # mostly kept: let more examples render
        services.insert(0, "privateDnsZones")
    management: dict = {
        "name": "mgmt", "subscriptionId": _subscription(1), "network": {"addressSpace": "10.0.0.0/16"},
        "services": services,
    }
    if draw(st.booleans()):
        management["firewall"] = {"tier": draw(st.sampled_from(TIERS))}
    if draw(st.integers(0, 3)) == 0:
        management["monitoring"] = {"ingestion": draw(st.sampled_from(INGESTION))}
    pooled = draw(st.integers(0, 3)) == 0
    zones = []
    readable: list[str] = []
    for z in range(draw(st.integers(1, 2))):
        name = ["sales", "ops"][z]
        zone: dict = {"name": name, "subscriptionId": _subscription(2 + z)}
        if not pooled:
            zone["network"] = {"addressSpace": f"10.{z + 1}.0.0/16"}
        zone["integrations"] = [draw(integrations(name, i)) for i in range(draw(st.integers(0, 2)))]
        local = [i["name"] for i in zone["integrations"]]
        zone["products"] = []
        for i in range(draw(st.integers(0, 2))):
            candidates = local + [f"{other}" for other in readable] + [p["name"] for p in zone["products"]]
            zone["products"].append(draw(products(name, i, candidates)))
        readable += [f"{name}/{n}" for n in local + [p["name"] for p in zone["products"]]]
        zones.append(zone)
    manifest: dict = {
        "version": 1,
        "organization": {"name": "Fuzz", "prefix": "fz", "environment": draw(st.sampled_from(["dev", "tst", "prd"])),
                         "location": "westeurope", "tags": {"Owner": "fuzz@example.com"}},
        "managementZone": management,
        "landingZones": zones,
        "peering": {"topology": draw(st.sampled_from(["mesh", "hub-spoke"]))},
        "access": {"platformAdmins": ADMINS},
    }
    if pooled:
        manifest["addressing"] = {"pool": "10.64.0.0/12"}
    return manifest


def dump(manifest: dict) -> str:
    return yaml.safe_dump(manifest, sort_keys=False)


# -- broken text --------------------------------------------------------------------------------------------

YAML_PIECES = ["&a ", "*a", "<<: *a", "!!python/object:os.system ", "!!binary ", "? ", "- ", ": ", "{", "}", "[", "]",
               "\t", "\r", "\x1b[2J", "\x00", "\ufeff", "'", '"', "#", "|", ">", "%YAML 1.1\n", "---\n", "...\n",
               "9" * 5000, "2024-02-30", ".inf", "~", "&b [*b]", "\udcff"]


@st.composite
def manifest_texts(draw, base: str) -> str:
    """``base`` (a good manifest) with pieces of YAML syntax, control characters and hostile scalars put in
    at random places, lines dropped or repeated."""
    lines = base.splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 6))):
        action = draw(st.sampled_from(["insert", "drop", "repeat", "replace"]))
        at = draw(st.integers(0, max(0, len(lines) - 1)))
        if action == "drop" and lines:
            del lines[at]
        elif action == "repeat" and lines:
            lines.insert(at, lines[at])
        elif action == "replace" and lines:
            line = lines[at]
            cut = draw(st.integers(0, len(line)))
            lines[at] = line[:cut] + draw(st.sampled_from(YAML_PIECES)) + line[cut:]
        else:
            lines.insert(at, draw(st.sampled_from(YAML_PIECES)) + draw(st.text(max_size=20)) + "\n")
    return "".join(lines)
