"""Environments: copies of one estate (dev, tst, prd, uat, ...) written once, with what differs per copy.

The ``environments:`` section maps an environment code to overrides of the values written above it:
subscription IDs, regions, SKUs, address ranges and tags. ``resolve(doc, name)`` returns the document of
one environment: a copy of the located document with that entry's overrides merged in (mappings key by key,
other values replaced) and ``organization.environment`` set to the code. Merged values keep the position of
the override, so every later message points at the line that set the value. Nothing downstream (model,
planner, templates) knows about environments: each sees one ordinary manifest.
"""

from __future__ import annotations

import copy
import ipaddress
import re
from collections.abc import Iterator
from typing import Any

from relecloud_templates.diagnostics import Diagnostic
from relecloud_templates.located import NOWHERE, LocatedDict, Pos, key_pos, pos_of, value_pos
from relecloud_templates.manifest.problems import problem
from relecloud_templates.naming import RULES, SUFFIX_LEN, ZONE_MARK_LEN
from relecloud_templates.suggest import did_you_mean

SECTION = "environments"
PREFIX_MAX_LEN = 10  # organization.prefix: 2-10 lowercase letters and digits (schemas/manifest.schema.json)
# An environment code is part of every resource name, so it takes the characters every kind of name allows
# (storage accounts: lowercase letters and digits) and no more length than the strictest names can spare: a
# storage account name keeps 24 - 5 = 19 characters beside its uniqueness suffix, and with the longest prefix and
# a zone's three-letter mark (naming.unique_name) that leaves 6 for the environment.
NAME_MAX_LEN = RULES["storage"].max_len - SUFFIX_LEN - PREFIX_MAX_LEN - ZONE_MARK_LEN
NAME_PATTERN = f"^[a-z][a-z0-9]{{0,{NAME_MAX_LEN - 1}}}$"  # the schema's environmentName says the same
# Collections that the manifest writes as lists of named items and an environment overrides by name.
_NAMED = {"landingZones": "landing zone", "integrations": "integration", "products": "product"}


def is_name(value: Any) -> bool:
    """Whether ``value`` is a well-formed environment code (defined or not)."""
    return isinstance(value, str) and re.fullmatch(NAME_PATTERN, value) is not None


def names(doc: Any) -> tuple[str, ...]:
    """The environment codes the manifest defines, in the order written; empty when it defines none."""
    section = doc.get(SECTION) if isinstance(doc, dict) else None
    if not isinstance(section, dict):
        return ()
    return tuple(name for name in section if isinstance(name, str))


def normalize(doc: LocatedDict) -> None:
    """``prd:`` with nothing under it means no overrides: make it an empty mapping for the schema check."""
    section = doc.get(SECTION)
    if isinstance(section, LocatedDict):
        for name, entry in list(section.items()):
            if entry is None:
                empty = LocatedDict()
                empty.pos = value_pos(section, name)
                section[name] = empty


def default_name(doc: Any) -> str | None:
    """The environment a command uses when it must pick one: the organization's, if defined, else the first."""
    defined = names(doc)
    if not defined:
        return None
    organization = doc.get("organization")
    written = organization.get("environment") if isinstance(organization, dict) else None
    return written if written in defined else defined[0]


def resolve(doc: LocatedDict, name: str) -> LocatedDict:
    """A copy of ``doc`` for environment ``name`` (which must be defined): its overrides merged in."""
    resolved = copy.deepcopy(doc)
    section = doc[SECTION]
    entry = section.get(name)
    if isinstance(entry, LocatedDict):
        for key, value in entry.items():
            if key in ("description", "peerWith"):
                continue
            _merge_into(resolved, key, value, entry)
    organization = resolved.get("organization")
    if isinstance(organization, LocatedDict):
        organization["environment"] = name
        organization.value_pos["environment"] = key_pos(section, name)
    return resolved


def _merge_into(target: LocatedDict, key: str, value: Any, source: LocatedDict) -> None:
    """Merge ``source[key]`` (an override) into ``target[key]``: mappings key by key, named lists by name."""
    current = target.get(key)
    if key in _NAMED and isinstance(current, list) and isinstance(value, dict):
        for item_name, override in value.items():
            item = next((i for i in current if isinstance(i, LocatedDict) and i.get("name") == item_name), None)
            if item is not None and isinstance(override, LocatedDict):
                for inner_key, inner_value in override.items():
                    _merge_into(item, inner_key, inner_value, override)
        return
    if isinstance(current, LocatedDict) and isinstance(value, LocatedDict):
        for inner_key, inner_value in value.items():
            _merge_into(current, inner_key, inner_value, value)
        return
    target[key] = copy.deepcopy(value)
    target.key_pos[key] = key_pos(source, key)
    target.value_pos[key] = value_pos(source, key)


def check_references(doc: LocatedDict, path: str) -> list[Diagnostic]:
    """Overrides that name a landing zone, integration, product or environment the manifest does not have."""
    section = doc.get(SECTION)
    if not isinstance(section, LocatedDict):
        return []
    problems: list[Diagnostic] = []
    defined = names(doc)
    for env, entry in section.items():
        if not isinstance(entry, LocatedDict):
            continue
        peers = entry.get("peerWith")
        if isinstance(peers, list):
            for i, peer in enumerate(peers):
                if peer == env:
                    problems.append(problem("unknown-environment", f"environment {env!r} lists itself in peerWith",
                                            path, value_pos(peers, i)))
                elif is_name(peer) and peer not in defined:  # a malformed code: the schema says
                    problems.append(problem(
                        "unknown-environment", f"environments.{env}.peerWith names {peer!r}, which is not defined",
                        path, value_pos(peers, i), did_you_mean(peer, list(defined)) or
                        f"define it under `environments:` (defined: {', '.join(defined)})"))
        problems += _named_overrides(doc.get("landingZones"), entry.get("landingZones"), f"environments.{env}", path)
    return problems


def _named_overrides(items: Any, overrides: Any, where: str, path: str, key: str = "landingZones") -> list[Diagnostic]:
    if not isinstance(overrides, LocatedDict):
        return []
    known = {i.get("name"): i for i in items if isinstance(i, LocatedDict)} if isinstance(items, list) else {}
    problems = []
    for name, override in overrides.items():
        if name not in known:
            what = _NAMED[key]
            problems.append(problem("unknown-environment", f"{where}.{key} overrides {what} {name!r}, which the "
                                    f"manifest does not define", path, key_pos(overrides, name),
                                    did_you_mean(name, [n for n in known if isinstance(n, str)])))
            continue
        if key == "landingZones" and isinstance(override, LocatedDict):
            for inner in ("integrations", "products"):
                problems += _named_overrides(known[name].get(inner), override.get(inner),
                                             f"{where}.{key}.{name}", path, inner)
    return problems


def unknown(doc: Any, wanted: str, path: str) -> Diagnostic:
    """``--env wanted`` for a manifest that does not define it."""
    defined = names(doc)
    organization = doc.get("organization") if isinstance(doc, dict) else None
    if defined:
        section = doc[SECTION]
        return problem(
            "unknown-environment",
            f"--env {wanted}: the manifest defines the environments {', '.join(defined)}",
            path,
            pos_of(section) if section.pos != NOWHERE else Pos(1, 1),
            did_you_mean(wanted, list(defined)) or f"use one of them, or add `{wanted}:` under `environments:`",
        )
    written = organization.get("environment") if isinstance(organization, dict) else None
    where = value_pos(organization, "environment") if isinstance(organization, LocatedDict) else Pos(1, 1)
    return problem("unknown-environment", f"--env {wanted}: the manifest defines no environments; it describes "
                   f"environment {written!r} only", path, where,
                   "add an `environments:` section (docs/manifest.md) to describe more than one environment")


# -- across environments -------------------------------------------------------------------------------------


def peering_pairs(doc: Any) -> list[tuple[str, str]]:
    """Pairs of environments whose networks are connected (either one lists the other in peerWith)."""
    section = doc.get(SECTION) if isinstance(doc, dict) else None
    if not isinstance(section, dict):
        return []
    pairs: set[tuple[str, str]] = set()
    for env, entry in section.items():
        peers = entry.get("peerWith") if isinstance(entry, dict) else None
        for peer in peers if isinstance(peers, list) else ():
            if isinstance(peer, str) and peer in section and peer != env:
                pairs.add(tuple(sorted((env, peer))))
    order = {name: i for i, name in enumerate(section)}
    return sorted(pairs, key=lambda p: (order[p[0]], order[p[1]]))


def _spaces(manifest) -> Iterator[tuple[str, Any, Pos]]:
    """(zone, network, position) for every zone of a resolved manifest whose address space is valid."""
    zones = [(manifest.management_zone.name, manifest.management_zone.network)]
    zones += [(z.name, z.network) for z in manifest.landing_zones]
    for zone, network in zones:
        try:
            yield zone, ipaddress.ip_network(str(network.address_space)), network.pos
        except ValueError:
            continue  # reported by the environment's own checks


def check_peered(first: str, first_manifest, second: str, second_manifest, doc: LocatedDict,
                 path: str) -> list[Diagnostic]:
    """Address spaces of two peered environments must not overlap: each overlap, at the later one's range."""
    problems = []
    peer_pos = _peer_pos(doc, first, second)
    for zone_b, net_b, pos_b in _spaces(second_manifest):
        for zone_a, net_a, pos_a in _spaces(first_manifest):
            if net_a.overlaps(net_b):
                shared = " (both inherit the range written once for every environment)" if pos_a == pos_b else ""
                problems.append(problem(
                    "address-overlap",
                    f"address space {net_b} of {zone_b!r} in environment {second!r} overlaps {net_a} of {zone_a!r} in "
                    f"environment {first!r}{shared}, and the two environments peer (line {peer_pos.line})",
                    path, pos_b,
                    hint=f"give {zone_b!r} its own range under environments.{second} (network.addressSpace), or "
                         f"addressing.pool for pooled zones"))
                break
    return problems


def _peer_pos(doc: LocatedDict, first: str, second: str) -> Pos:
    section = doc[SECTION]
    for env, other in ((second, first), (first, second)):
        entry = section.get(env)
        peers = entry.get("peerWith") if isinstance(entry, LocatedDict) else None
        if isinstance(peers, list) and other in peers:
            return value_pos(peers, peers.index(other))
    return pos_of(section)
