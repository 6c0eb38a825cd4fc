"""Allocating many zones from a pool: each takes the lowest free block, around explicit and odd-sized ranges."""

from __future__ import annotations

import ipaddress

import pytest

from relecloud_templates.manifest.addresses import PoolExhausted, allocate


def lowest_free_by_brute_force(pool: str, prefix: int, used: list[str]) -> str:
    taken = [ipaddress.ip_network(u) for u in used]
    for block in ipaddress.ip_network(pool).subnets(new_prefix=prefix):
        if not any(block.overlaps(t) for t in taken):
            return str(block)
    raise AssertionError("no free block")


def test_many_zones_take_the_lowest_free_blocks_in_manifest_order():
    explicit = ["10.0.0.0/18", "10.0.70.0/23", "10.1.0.0/16", "10.0.130.0/24", "192.168.0.0/16"]
    zones = [f"zone{i:03d}" for i in range(40)]
    allocations = allocate("10.0.0.0/14", 20, zones, explicit, {})
    used = list(explicit)
    for zone, allocation in zip(zones, allocations):
        assert allocation.zone == zone and allocation.new
        assert allocation.cidr == lowest_free_by_brute_force("10.0.0.0/14", 20, used)
        used.append(allocation.cidr)


def test_a_full_pool_is_refused():
    with pytest.raises(PoolExhausted):
        allocate("10.0.0.0/22", 24, ["a", "b", "c"], ["10.0.1.0/24", "10.0.2.0/23"], {})
