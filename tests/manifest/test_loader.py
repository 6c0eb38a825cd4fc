"""The manifest loader: every class of mistake gets a located error with a hint, all at once."""

from __future__ import annotations

import pytest

from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest import load_manifest, read_manifest

# A small, valid manifest; each test below breaks one thing in it.
BASE = """\
version: 1
organization:
  prefix: rc
  environment: dev
  location: northeurope
managementZone:
  subscriptionId: 6a1b2c3d-0000-4000-8000-000000000001
  network:
    addressSpace: 10.0.0.0/16
    subnets:
      firewall: 10.0.0.0/24
      services: 10.0.1.0/24
access:
  platformAdmins: 8e1f0c2a-0000-4000-8000-000000000101
landingZones:
  - name: operations
    subscriptionId: 6a1b2c3d-0000-4000-8000-000000000002
    network:
      addressSpace: 10.1.0.0/16
    integrations:
      - name: telemetry
        engine: databricks
    products:
      - name: recommender
        template: analytics
        engine: machineLearning
        reads: [telemetry]
  - name: billing
    subscriptionId: 6a1b2c3d-0000-4000-8000-000000000003
    network:
      addressSpace: 10.2.0.0/16
    integrations:
      - name: invoices
        engine: synapse
        computePool: {sku: DW100c}
    products:
      - name: revenue
        aliases: [revenue-by-product]
        template: batch
        engine: synapse
        reads: [invoices, operations/telemetry]
"""


def variant(tmp_path, old: str, new: str, *, count: int = 1):
    assert old in BASE, old
    text = BASE.replace(old, new, count)
    path = tmp_path / "manifest.yaml"
    path.write_text(text)
    return path, text


def position(text: str, needle: str, nth: int = 1) -> tuple[int, int]:
    """1-based line and column of the nth occurrence of needle."""
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return line, column


def problems_of(path):
    manifest, problems = read_manifest(path)
    assert manifest is None, "a broken manifest must not build a model"
    return problems


def only(problems, name):
    found = [p for p in problems if p.name == name]
    assert found, f"no {name} among {[p.format() for p in problems]}"
    return found


def test_base_manifest_loads(tmp_path):
    path, _ = variant(tmp_path, "version: 1", "version: 1")
    manifest = load_manifest(path)
    assert [z.name for z in manifest.landing_zones] == ["operations", "billing"]
    revenue = manifest.zone("billing").products[0]
    assert [str(r) for r in revenue.reads] == ["invoices", "operations/telemetry"]
    assert manifest.find_workload("revenue-by-product", "billing") is revenue


def test_bundled_scenario_loads(bundled_manifest):
    manifest = load_manifest(bundled_manifest)
    billing = manifest.zone("billing")
    assert [i.name for i in billing.integrations] == ["customers", "invoices"]
    assert all(i.compute_pool is not None for i in billing.integrations)
    assert manifest.find_workload("revenue-by-product", "billing").name == "revenue-by-service"
    assert manifest.peers("operations", "billing")


def test_yaml_syntax_error_is_located(tmp_path):
    path, text = variant(tmp_path, "  environment: dev", "  environment: [dev")
    (problem,) = problems_of(path)
    assert problem.name == "yaml-syntax" and problem.code == "M001"
    assert problem.location.line >= position(text, "[dev")[0]


def test_duplicate_key(tmp_path):
    path, text = variant(tmp_path, "  environment: dev\n", "  environment: dev\n  environment: prd\n")
    (problem,) = only(problems_of(path), "duplicate-key")
    assert (problem.location.line, problem.location.column) == position(text, "environment: prd")


def test_unknown_property_suggests_the_right_one(tmp_path):
    path, text = variant(
        tmp_path,
        "    subscriptionId: 6a1b2c3d-0000-4000-8000-000000000002",
        "    subscriptionID: 6a1b2c3d-0000-4000-8000-000000000002",
    )
    found = problems_of(path)
    unknown = only(found, "unknown-property")[0]
    assert (unknown.location.line, unknown.location.column) == position(text, "subscriptionID")
    assert "subscriptionId" in unknown.hint
    assert only(found, "missing-property")


def test_invalid_enum_value_suggests(tmp_path):
    path, text = variant(tmp_path, "engine: databricks", "engine: databrick")
    (problem,) = only(problems_of(path), "invalid-value")
    assert (problem.location.line, problem.location.column) == position(text, "databrick")
    assert "databricks" in problem.hint


def test_value_outside_a_constant(tmp_path):
    path, _ = variant(tmp_path, "version: 1", "version: one")
    (problem,) = only(problems_of(path), "invalid-value")
    assert problem.location.line == 1


def test_wrong_type(tmp_path):
    path, text = variant(tmp_path, "        engine: databricks", "        engine: databricks\n        transform: nope")
    (problem,) = only(problems_of(path), "wrong-type")
    assert (problem.location.line, problem.location.column) == position(text, "nope")
    assert "expected boolean" in problem.message


def test_all_problems_reported_at_once(tmp_path):
    path, text = variant(tmp_path, "engine: databricks", "engine: databrick")
    text = text.replace("location: northeurope", "location: northeurop").replace(
        "addressSpace: 10.2.0.0/16", "addressSpace: 10.1.128.0/17"
    )
    path.write_text(text)
    names = {p.name for p in problems_of(path)}
    assert {"invalid-value", "unknown-region", "address-overlap"} <= names


@pytest.mark.parametrize(
    "old, new",
    [
        ("  - name: operations", "  - name: 7"),  # names are compared with strings in the did-you-mean
        ("      - name: revenue", "      - name:"),  # a product name is joined into its SQL pool name
        ("managementZone:\n", "managementZone:\n  name: [mgmt]\n"),  # names are hashed by the duplicate check
        # "unused" takes over the lines that followed, so that only the value before it is of the wrong type
        ("    subnets:\n", "    subnets: [5]\n    unused:\n"),
        ("landingZones:\n", "landingZones: 1\nunused:\n"),
    ],
)
def test_value_of_the_wrong_type_is_reported_not_raised(tmp_path, old, new):
    path, _ = variant(tmp_path, old, new)
    problems = problems_of(path)
    assert only(problems, "wrong-type")


def test_unknown_reference_with_did_you_mean(tmp_path):
    path, text = variant(tmp_path, "reads: [telemetry]", "reads: [telemetri]")
    (problem,) = only(problems_of(path), "unknown-reference")
    assert (problem.location.line, problem.location.column) == position(text, "telemetri]")
    assert "'telemetry'" in problem.hint


def test_reference_to_another_zone_without_prefix_suggests_the_zone(tmp_path):
    path, _ = variant(tmp_path, "reads: [invoices, operations/telemetry]", "reads: [invoices, telemetry]")
    (problem,) = only(problems_of(path), "unknown-reference")
    assert "operations/telemetry" in problem.hint


def test_unknown_zone_in_reference(tmp_path):
    path, text = variant(tmp_path, "operations/telemetry", "operation/telemetry")
    (problem,) = only(problems_of(path), "unknown-reference")
    assert "'operations'" in problem.hint
    assert (problem.location.line, problem.location.column) == position(text, "operation/telemetry")


def test_alias_is_a_valid_reference(tmp_path):
    path, _ = variant(tmp_path, "reads: [telemetry]", "reads: [telemetry, billing/revenue-by-product]")
    assert load_manifest(path).zone("operations").products[0].reads[1].name == "revenue-by-product"


def test_duplicate_names(tmp_path):
    path, text = variant(tmp_path, "  - name: billing", "  - name: operations")
    (problem,) = only(problems_of(path), "duplicate-name")
    assert (problem.location.line, problem.location.column) == position(text, "operations", 2)


def test_duplicate_workload_name_and_alias(tmp_path):
    path, _ = variant(tmp_path, "aliases: [revenue-by-product]", "aliases: [invoices]")
    (problem,) = only(problems_of(path), "duplicate-name")
    assert "'invoices'" in problem.message


def test_dependency_cycle_between_products(tmp_path):
    path, text = variant(tmp_path, "reads: [telemetry]", "reads: [telemetry, billing/revenue]")
    text = text.replace("reads: [invoices, operations/telemetry]", "reads: [invoices, operations/recommender]")
    path.write_text(text)
    (problem,) = only(problems_of(path), "dependency-cycle")
    assert "operations/recommender -> billing/revenue -> operations/recommender" in problem.message or \
        "billing/revenue -> operations/recommender -> billing/revenue" in problem.message


def test_cross_zone_read_by_clusters_in_the_network_needs_peering(tmp_path):
    path, text = variant(tmp_path, "version: 1\n", "version: 1\npeering:\n  topology: hub-spoke\n")
    manifest, found = read_manifest(path)  # Synapse reads through managed private endpoints: no peering needed
    assert manifest is not None and not found
    text = text.replace(
        "        engine: synapse\n        reads: [invoices", "        engine: databricks\n        reads: [invoices"
    )
    path.write_text(text)
    (problem,) = only(problems_of(path), "unpeered-read")
    assert (problem.location.line, problem.location.column) == position(text, "operations/telemetry")
    assert "peering.pairs" in problem.hint


def test_explicit_pairs_allow_the_read(tmp_path):
    path, _ = variant(
        tmp_path, "version: 1\n", "version: 1\npeering:\n  topology: pairs\n  pairs: [[operations, billing]]\n"
    )
    assert load_manifest(path).peers("billing", "operations")


def test_pairs_with_unknown_zone(tmp_path):
    path, text = variant(
        tmp_path, "version: 1\n", "version: 1\npeering:\n  topology: pairs\n  pairs: [[operations, biling]]\n"
    )
    found = problems_of(path)
    (problem,) = only(found, "invalid-peering")
    assert "'billing'" in problem.hint
    assert (problem.location.line, problem.location.column) == position(text, "biling")


def test_overlapping_address_spaces_of_peered_networks(tmp_path):
    path, text = variant(tmp_path, "addressSpace: 10.2.0.0/16", "addressSpace: 10.1.128.0/17")
    (problem,) = only(problems_of(path), "address-overlap")
    assert (problem.location.line, problem.location.column) == position(text, "10.1.128.0/17")


def test_overlap_is_fine_when_zones_are_not_peered(tmp_path):
    path, text = variant(tmp_path, "addressSpace: 10.2.0.0/16", "addressSpace: 10.1.128.0/17")
    text = text.replace("version: 1\n", "version: 1\npeering:\n  topology: hub-spoke\n").replace(
        "reads: [invoices, operations/telemetry]", "reads: [invoices]"
    )
    path.write_text(text)
    load_manifest(path)


def test_subnet_outside_network(tmp_path):
    path, text = variant(tmp_path, "services: 10.0.1.0/24", "services: 10.9.1.0/24")
    (problem,) = only(problems_of(path), "subnet-outside-network")
    assert (problem.location.line, problem.location.column) == position(text, "10.9.1.0/24")


def test_overlapping_subnets(tmp_path):
    path, _ = variant(tmp_path, "services: 10.0.1.0/24", "services: 10.0.0.128/25")
    (problem,) = only(problems_of(path), "subnet-overlap")
    assert "'firewall'" in problem.message


def test_invalid_cidr_suggests_the_network(tmp_path):
    path, text = variant(tmp_path, "addressSpace: 10.1.0.0/16", "addressSpace: 10.1.0.1/16")
    (problem,) = only(problems_of(path), "invalid-cidr")
    assert "'10.1.0.0/16'" in problem.hint
    assert (problem.location.line, problem.location.column) == position(text, "10.1.0.1/16")


def test_malformed_subscription_id(tmp_path):
    path, text = variant(tmp_path, "6a1b2c3d-0000-4000-8000-000000000003", "6a1b2c3d-0000-4000-8000-00000000003")
    (problem,) = only(problems_of(path), "invalid-subscription-id")
    assert (problem.location.line, problem.location.column) == position(text, "6a1b2c3d-0000-4000-8000-00000000003")


def test_unknown_region_with_suggestion(tmp_path):
    path, text = variant(tmp_path, "location: northeurope", "location: north-europe")
    (problem,) = only(problems_of(path), "unknown-region")
    assert "'northeurope'" in problem.hint
    assert (problem.location.line, problem.location.column) == position(text, "north-europe")


def test_inconsistent_workload_options(tmp_path):
    path, _ = variant(
        tmp_path, "        engine: synapse\n        computePool", "        engine: dataFactory\n        computePool"
    )
    (problem,) = only(problems_of(path), "inconsistent-workload")
    assert "computePool" in problem.message


def test_load_manifest_raises_with_every_problem(tmp_path):
    path, _ = variant(tmp_path, "location: northeurope", "location: nowhere")
    with pytest.raises(DiagnosticsError) as caught:
        load_manifest(path)
    assert [d.name for d in caught.value.diagnostics] == ["unknown-region"]


def test_unreadable_manifest(tmp_path):
    manifest, problems = read_manifest(tmp_path / "missing.yaml")
    assert manifest is None and "cannot read" in problems[0].message


def test_yaml_cannot_construct_objects(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("version: !!python/object/apply:os.system ['echo pwned']\n")
    (problem,) = problems_of(path)
    assert problem.name == "yaml-syntax"


# -- written once, used everywhere (defaults, tags, address pools, peering limits) ---------------------------


def test_defaults_apply_and_items_override(tmp_path):
    path, _ = variant(
        tmp_path,
        "landingZones:\n",
        "defaults:\n  landingZone:\n    location: westeurope\n    tags: {tier: gold, team: data}\n"
        "  product:\n    tags: {exposure: internal}\nlandingZones:\n",
    )
    text = path.read_text().replace(
        "  - name: billing\n", "  - name: billing\n    location: swedencentral\n    tags: {team: finance}\n"
    )
    path.write_text(text)
    manifest = load_manifest(path)
    operations, billing = manifest.landing_zones
    assert operations.location == "westeurope" and billing.location == "swedencentral"
    assert billing.tags == {"tier": "gold", "team": "finance"}
    assert billing.products[0].tags == {"tier": "gold", "team": "finance", "exposure": "internal"}


def test_unknown_default_is_reported_once_at_the_default(tmp_path):
    path, text = variant(
        tmp_path, "landingZones:\n", "defaults:\n  landingZone:\n    locaton: westeurope\nlandingZones:\n"
    )
    (problem,) = problems_of(path)
    assert problem.name == "unknown-property" and "'location'" in problem.hint
    assert (problem.location.line, problem.location.column) == position(text, "locaton")


POOLED = {
    "version: 1\n": "version: 1\naddressing:\n  pool: 10.64.0.0/12\n",
    "    network:\n      addressSpace: 10.1.0.0/16\n": "",
    "    network:\n      addressSpace: 10.2.0.0/16\n": "",
}


def pooled(tmp_path, text=BASE):
    for old, new in POOLED.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "manifest.yaml"
    path.write_text(text)
    return path


def test_zones_without_address_space_take_one_from_the_pool(tmp_path):
    manifest = load_manifest(pooled(tmp_path))
    assert [z.network.address_space for z in manifest.landing_zones] == ["10.64.0.0/16", "10.65.0.0/16"]
    assert manifest.allocations == (("operations", "10.64.0.0/16", True), ("billing", "10.65.0.0/16", True))


def test_recorded_allocations_survive_reordering_and_additions(tmp_path):
    from relecloud_templates.manifest import addresses

    path = pooled(tmp_path)
    first = load_manifest(path)
    addresses.record_path(path).write_text(
        addresses.render_record([addresses.Allocation(z, c, n) for z, c, n in first.allocations])
    )
    # Reorder the zones and add one before them: recorded zones keep their ranges.
    text = path.read_text()
    head, zones = text.split("landingZones:\n")
    operations, billing = zones.split("  - name: billing\n")
    newcomer = "  - name: marketing\n    subscriptionId: 6a1b2c3d-0000-4000-8000-000000000004\n"
    path.write_text(head + "landingZones:\n" + newcomer + "  - name: billing\n" + billing + operations)
    again = load_manifest(path)
    ranges = {z.name: z.network.address_space for z in again.landing_zones}
    assert ranges == {"operations": "10.64.0.0/16", "billing": "10.65.0.0/16", "marketing": "10.66.0.0/16"}
    assert [a for a in again.allocations if a[2]] == [("marketing", "10.66.0.0/16", True)]


def test_pool_allocation_avoids_explicit_ranges(tmp_path):
    path = pooled(tmp_path)
    path.write_text(
        path.read_text().replace(
            "  - name: billing\n    subscriptionId: 6a1b2c3d-0000-4000-8000-000000000003\n",
            "  - name: billing\n    subscriptionId: 6a1b2c3d-0000-4000-8000-000000000003\n"
            "    network:\n      addressSpace: 10.64.0.0/16\n",
        )
    )
    assert load_manifest(path).zone("operations").network.address_space == "10.65.0.0/16"


def test_exhausted_pool(tmp_path):
    path = pooled(tmp_path)
    path.write_text(path.read_text().replace("pool: 10.64.0.0/12", "pool: 10.64.0.0/16"))
    (problem,) = only(problems_of(path), "address-pool")
    assert "no free /16" in problem.message


def test_zone_without_address_space_and_no_pool(tmp_path):
    path, _ = variant(tmp_path, "    network:\n      addressSpace: 10.2.0.0/16\n", "")
    (problem,) = only(problems_of(path), "address-pool")
    assert "'billing'" in problem.message and "addressing.pool" in problem.hint


def test_full_mesh_beyond_the_azure_peering_limit():
    from relecloud_templates.manifest.checks import _peering_limit
    from relecloud_templates.manifest.model import LandingZone, ManagementZone, Manifest, Network, Organization

    zones = tuple(LandingZone(f"z{i}", "s", "northeurope", Network("10.0.0.0/24")) for i in range(502))
    manifest = Manifest("m.yaml", 1, Organization("o", "rc", "dev", "northeurope"),
                        ManagementZone("mgmt", "s", "northeurope", Network("10.0.0.0/16"), "Premium", ()), zones)
    messages = [p.message for p in _peering_limit(manifest, {}, "m.yaml")]
    assert any("502 peerings" in m for m in messages)  # the hub
    assert any("125751 peerings" in m and "502 on the network" in m for m in messages)  # the mesh


def test_composed_names_that_break_azure_rules(tmp_path):
    long_zone = "operations-and-service-management-east"  # 38 characters: fine alone, too long composed
    long_workload = "telemetry-of-every-cloud-service-we-run"
    path, text = variant(tmp_path, "  - name: operations", f"  - name: {long_zone}")
    text = text.replace("operations/telemetry", f"{long_zone}/{long_workload}").replace(
        "name: telemetry", f"name: {long_workload}").replace("reads: [telemetry]", f"reads: [{long_workload}]")
    text = text.replace("prefix: rc", "prefix: relecloud1")
    path.write_text(text)
    found = only(problems_of(path), "invalid-name")
    problem = next(p for p in found if "resource group" in p.message)
    assert (problem.location.line, problem.location.column) == position(text, long_workload)
    assert "shorten" in problem.hint
