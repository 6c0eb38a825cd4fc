"""Who administers and who reads the estate: the manifest's ``access:`` block.

Entra ID groups, by object ID: the platform administrators (every service of the estate), and for each landing
zone and each integration or product its owners (administer it) and readers (read its data). Render grants them
the data-plane roles of the services they concern (docs/rendering.md, "Who administers what"), so that no
service ends up administrable only by the principal that deployed it.

```yaml
access:
  platformAdmins: 0b7a...          # required: without it only the deploying principal could administer
  zones:
    operations: {owners: 5c1e..., readers: 9d40...}
  workloads:
    operations/cloud-service-recommender: {owners: 77f2...}
```
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from relecloud_templates.arm.vocabulary import is_subscription_id as is_guid
from relecloud_templates.diagnostics import Diagnostic
from relecloud_templates.located import NOWHERE, LocatedDict, Pos, key_pos, pos_of, value_pos
from relecloud_templates.manifest.problems import problem
from relecloud_templates.suggest import did_you_mean

ROLES = ("owners", "readers")


@dataclass(frozen=True)
class Team:
    """The Entra groups of one zone or workload; None where the manifest names none."""

    owners: str | None = None
    readers: str | None = None
    pos: Pos = NOWHERE


@dataclass(frozen=True)
class Access:
    platform_admins: str | None = None
    zones: dict[str, Team] = field(default_factory=dict)  # landing zone name -> its groups
    workloads: dict[tuple[str, str], Team] = field(default_factory=dict)  # (zone, name) -> its groups
    pos: Pos = NOWHERE

    def zone(self, name: str) -> Team:
        return self.zones.get(name, Team())

    def workload(self, zone: str, name: str) -> Team:
        return self.workloads.get((zone, name), Team())

    def administrators(self, zone: str | None = None, workload: str | None = None) -> tuple[str, ...]:
        """The groups that administer a zone's shared services (``zone``), a workload's own (``zone`` and
        ``workload``), or the estate's (neither): the platform admins and the owners above, without repeats."""
        groups = [self.platform_admins]
        if zone is not None:
            groups.append(self.zone(zone).owners)
        if zone is not None and workload is not None:
            groups.append(self.workload(zone, workload).owners)
        return tuple(dict.fromkeys(g for g in groups if g))

    def readers(self, zone: str, workload: str | None = None) -> tuple[str, ...]:
        """The groups that read a zone's data (``workload`` None) or one workload's: its readers and the zone's."""
        groups = [self.zone(zone).readers]
        if workload is not None:
            groups.append(self.workload(zone, workload).readers)
        return tuple(dict.fromkeys(g for g in groups if g))


def build_access(doc: Any) -> Access:
    """The model of a schema-valid ``access:`` mapping (an empty Access when the manifest has none)."""
    if not isinstance(doc, LocatedDict):
        return Access()
    zones = {name: _team(team) for name, team in (doc.get("zones") or {}).items()}
    workloads = {}
    for label, team in (doc.get("workloads") or {}).items():
        zone, _, name = str(label).partition("/")
        workloads[(zone, name)] = _team(team)
    return Access(doc.get("platformAdmins"), zones, workloads, pos_of(doc))


def _team(doc: Any) -> Team:
    doc = doc if isinstance(doc, dict) else {}
    return Team(doc.get("owners"), doc.get("readers"), pos_of(doc))


def check_access(manifest, doc: LocatedDict, path: str) -> Iterator[Diagnostic]:
    """No administrators named; object IDs that are not GUIDs; zones and workloads that do not exist."""
    block = doc.get("access")
    if not isinstance(block, LocatedDict) or not block.get("platformAdmins"):
        where = key_pos(doc, "access") if isinstance(block, LocatedDict) else _top(doc)
        yield problem(
            "missing-administrators",
            "the manifest names no platform administrators: every service of the estate would be administrable "
            "only by the principal that deploys it",
            path, where,
            hint="add `access: {platformAdmins: <object ID>}`, the Entra group of the platform team "
                 "(`az ad group show --group NAME --query id`); docs/manifest.md, \"Access\"",
        )
    if not isinstance(block, LocatedDict):
        return
    yield from _object_id(block, "platformAdmins", "access.platformAdmins", path)
    zones = block.get("zones")
    zone_names = [z.name for z in manifest.landing_zones]
    for name, team in (zones.items() if isinstance(zones, LocatedDict) else ()):
        if manifest.zone(name) is None:
            yield problem("unknown-access-name", f"access.zones names landing zone {name!r}, which the manifest "
                          "does not define", path, key_pos(zones, name), did_you_mean(name, zone_names))
        for role in ROLES:
            yield from _object_id(team, role, f"access.zones.{name}.{role}", path)
    workloads = block.get("workloads")
    for label, team in (workloads.items() if isinstance(workloads, LocatedDict) else ()):
        yield from _workload_name(manifest, str(label), key_pos(workloads, label), path)
        for role in ROLES:
            yield from _object_id(team, role, f"access.workloads.{label}.{role}", path)


def _top(doc: LocatedDict) -> Pos:
    return key_pos(doc, "version") if "version" in doc else Pos(1, 1)


def _object_id(mapping: Any, key: str, label: str, path: str) -> Iterator[Diagnostic]:
    value = mapping.get(key) if isinstance(mapping, LocatedDict) else None
    if isinstance(value, str) and not is_guid(value):
        yield problem("invalid-object-id", f"{label}: {value!r} is not an Entra object ID (a GUID)", path,
                      value_pos(mapping, key),
                      hint="a group's object ID: `az ad group show --group NAME --query id` (8-4-4-4-12 hexadecimal "
                           "digits); a group's name or e-mail address is not accepted")


def _workload_name(manifest, label: str, pos: Pos, path: str) -> Iterator[Diagnostic]:
    everything = [f"{w.zone}/{w.name}" for w in manifest.workloads()]
    zone, slash, name = label.partition("/")
    if not slash or not zone or not name:
        yield problem("unknown-access-name", f"access.workloads: {label!r} is not ZONE/NAME", path, pos,
                      did_you_mean(label, everything) if everything else "write the landing zone and the name, e.g. "
                      "`operations/service-telemetry`")
        return
    if manifest.zone(zone) is None:
        yield problem("unknown-access-name", f"access.workloads names landing zone {zone!r}, which the manifest "
                      "does not define", path, pos, did_you_mean(label, everything))
        return
    found = manifest.find_workload(name, zone)
    if found is None or found.name != name:
        hint = (
            f"write its name, '{zone}/{found.name}', not an alias"
            if found is not None
            else did_you_mean(label, everything)
        )
        yield problem("unknown-access-name", f"access.workloads names {label!r}, which is no integration or product "
                      f"of {zone!r}", path, pos, hint)
