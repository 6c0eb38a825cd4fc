"""Address management: landing zones that omit their address space take one from a declared pool.

Allocation is stable: each zone's range is recorded in a reviewable file beside the manifest
(``<manifest>.addresses.yaml``), and a recorded range is never changed by adding, removing or reordering
zones. A new zone takes the lowest free block of the pool, never overlapping an explicit range or a recorded
one. ``relecloud render`` writes the record; ``render --check`` and ``validate`` only read it.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from pathlib import Path

from relecloud_templates.diagnostics import Diagnostic, DiagnosticsError
from relecloud_templates.fsutil import read_input_text
from relecloud_templates.located import Pos, pos_of
from relecloud_templates.manifest.problems import problem
from relecloud_templates.manifest.yamlpos import load_yaml

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def inside(inner: IPNetwork, outer: IPNetwork) -> bool:
    """Whether address range ``inner`` lies within ``outer`` (never, across IP versions)."""
    return inner.version == outer.version and inner.subnet_of(outer)  # type: ignore[arg-type]

HEADER = (
    "# Address ranges that relecloud allocated to landing zones from the manifest's addressing pool.\n"
    "# Review it and commit it with the manifest: a recorded range never changes when zones are added,\n"
    "# removed or reordered. Remove a line to let that zone take a new range.\n"
)


@dataclass(frozen=True)
class Allocation:
    zone: str
    cidr: str
    new: bool  # not in the record yet


def record_path(manifest_path: str | Path, env: str | None = None) -> Path:
    """``relecloud.addresses.yaml`` beside ``relecloud.yaml``; one per environment (``relecloud.prd.addresses.yaml``)
    for a manifest with environments, whose pools allocate independently."""
    path = Path(manifest_path)
    return path.with_name(path.stem + (f".{env}" if env else "") + ".addresses.yaml")


def read_record(manifest_path: str | Path, env: str | None = None) -> tuple[dict[str, str], list[Diagnostic]]:
    """zone -> CIDR from the record beside the manifest (empty when there is none), and the problems that
    kept it from being read. A record that exists but cannot be read is an error, never silently empty:
    that would give every zone a new range."""
    path = record_path(manifest_path, env)
    shown = str(path)
    try:
        text = read_input_text(path)
    except FileNotFoundError:
        return {}, []
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return {}, [problem("address-record", f"cannot read the address record: {reason}", shown, Pos(0, 0),
                            hint=_RECORD_HINT)]
    try:
        data = load_yaml(text, shown)
    except DiagnosticsError as exc:
        return {}, exc.diagnostics
    zones = data.get("zones") if isinstance(data, dict) else None
    if not isinstance(zones, dict) or not all(isinstance(v, str) for v in zones.values()):
        return {}, [problem("address-record", "the address record must hold `zones:` mapping zone names to ranges",
                            shown, pos_of(data), hint=_RECORD_HINT)]
    return {str(k): v for k, v in zones.items()}, []


_RECORD_HINT = "fix or delete the file: a deleted record gives every pooled zone a new range on the next render"


def render_record(allocations: list[Allocation]) -> str:
    lines = [HEADER, "zones:\n"]
    lines += [f"  {a.zone}: {a.cidr}\n" for a in sorted(allocations, key=lambda a: a.zone)]
    return "".join(lines)


class PoolExhausted(ValueError):
    pass


def allocate(
    pool: str,
    prefix_length: int,
    wanted: list[str],
    taken: list[str],
    recorded: dict[str, str],
) -> list[Allocation]:
    """Ranges for the zones in ``wanted`` (manifest order), avoiding ``taken`` (explicit ranges).

    A recorded range is kept when it still lies in the pool and overlaps no explicit range; otherwise the zone
    is given a new one, as a zone not yet recorded is.
    """
    network = ipaddress.ip_network(pool)
    used = [ipaddress.ip_network(t) for t in taken]
    result: dict[str, Allocation] = {}
    for zone in wanted:
        cidr = recorded.get(zone)
        try:
            block = ipaddress.ip_network(cidr) if cidr else None
        except ValueError:
            block = None
        if (
            block is not None
            and inside(block, network)
            and not any(block.overlaps(u) for u in used)
        ):
            result[zone] = Allocation(zone, str(block), new=False)
            used.append(block)
    for zone in wanted:
        if zone in result:
            continue
        block = _first_free(network, prefix_length, used)
        if block is None:
            raise PoolExhausted(f"the pool {pool} has no free /{prefix_length} left for landing zone {zone!r}")
        result[zone] = Allocation(zone, str(block), new=True)
        used.append(block)
    return [result[zone] for zone in wanted]


def _first_free(network: IPNetwork, prefix_length: int, used: list[IPNetwork]) -> IPNetwork | None:
    """The lowest /prefix_length block of ``network`` that overlaps none of ``used``, or None.

    One sweep over the used ranges in address order: testing every candidate against every used range made
    allocating N zones cubic in N."""
    if prefix_length < network.prefixlen:
        return None
    step = 1 << (network.max_prefixlen - prefix_length)
    end = int(network.broadcast_address)
    address = int(network.network_address)
    taken = sorted((int(u.network_address), int(u.broadcast_address)) for u in used if u.version == network.version)
    for low, high in taken:
        if high < address:
            continue
        if low > address + step - 1:
            break  # the candidate ends before this range, and every later range starts later still
        # Jump past the clashing range rather than stepping block by block through it.
        address = max(address + step, ((high + 1 + step - 1) // step) * step)
    if address + step - 1 > end:
        return None
    return ipaddress.ip_network((address, prefix_length))


def expected_record(manifest) -> tuple[Path, str] | None:
    """Where the manifest's address record lives and what it must hold; None when no zone uses the pool."""
    if not manifest.allocations:
        return None
    allocations = [Allocation(zone, cidr, new) for zone, cidr, new in manifest.allocations]
    return record_path(manifest.path, manifest.env), render_record(allocations)
