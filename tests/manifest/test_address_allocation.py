"""Allocating many zones from a pool: each takes the lowest free block, around explicit and odd-sized ranges."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest

from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest import load_manifest
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


MINIMAL = Path(__file__).resolve().parents[2] / "scenarios" / "minimal.yaml"


def pooled(folder: Path) -> Path:
    manifest = folder / "estate.yaml"
    text = MINIMAL.read_text().replace("version: 1\n", "version: 1\naddressing:\n  pool: 10.64.0.0/12\n")
    manifest.write_text(
        text.replace("    network:\n      addressSpace: 10.1.0.0/16  # must not overlap another zone's range\n", "")
    )
    return manifest


@pytest.mark.parametrize("record, message", [
    ("zones: [10.64.0.0/16]\n", "must hold `zones:` mapping zone names to ranges"),
    ("zones:\n  sales: {cidr: 10.64.0.0/16}\n", "must hold `zones:` mapping zone names to ranges"),
    ("zones:\n  sales: 10.64.0.0/16\n  sales: 10.65.0.0/16\n", "duplicate key 'sales'"),
    ("zones: [\n", "estate.addresses.yaml:2:1"),
])
def test_a_garbled_address_record_is_an_error_not_a_silent_reallocation(tmp_path, record, message):
    """Ignoring the record would give every pooled zone a new range: the deployed network would move."""
    manifest = pooled(tmp_path)
    (tmp_path / "estate.addresses.yaml").write_text(record)
    with pytest.raises(DiagnosticsError) as problems:
        load_manifest(manifest)
    text = str(problems.value)
    assert message in text and "estate.addresses.yaml" in text


def test_a_missing_record_allocates_and_a_good_one_is_kept(tmp_path):
    manifest = pooled(tmp_path)
    assert load_manifest(manifest).allocations == (("sales", "10.64.0.0/16", True),)
    (tmp_path / "estate.addresses.yaml").write_text("zones:\n  sales: 10.70.0.0/16\n")
    assert load_manifest(manifest).allocations == (("sales", "10.70.0.0/16", False),)
