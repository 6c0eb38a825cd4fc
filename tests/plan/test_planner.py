"""The planner: which services each unit keeps or prunes and why, the units' order, subnets and names."""

from __future__ import annotations

import pytest
from plan.manifests import landing_zone, manifest, sales_zone

from relecloud_templates import naming
from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest import load_manifest
from relecloud_templates.manifest.model import Reference
from relecloud_templates.plan import build_plan
from relecloud_templates.plan.explain import explain, plan_to_json


def kept(plan, unit):
    return {s.key for s in plan.unit(unit).kept}


def pruned(plan, unit):
    return {s.key: s.reasons for s in plan.unit(unit).pruned}


@pytest.fixture(scope="module")
def relecloud(request):
    return build_plan(load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml"))


def test_relecloud_units_in_dependency_order(relecloud):
    names = [u.name for u in relecloud.units]
    assert names[:2] == ["mgmt", "operations"]
    for unit in relecloud.units:
        for dependency in unit.depends_on:
            assert names.index(dependency) < names.index(unit.name), (unit.name, dependency)
    assert relecloud.unit("billing").depends_on == ["mgmt", "operations"]  # mesh: billing peers with operations
    assert "billing-revenue-by-service" in relecloud.unit("operations-recommender-revenue").depends_on


def test_billing_has_no_databricks_data_factory_or_machine_learning(relecloud):
    billing = pruned(relecloud, "billing")
    assert {"databricksIntegration", "databricksProduct", "dataFactory"} <= set(billing)
    assert "no integration of the zone runs on Databricks" in billing["databricksIntegration"]
    assert "synapse" in kept(relecloud, "billing")
    assert {"machineLearning", "aks"} <= set(pruned(relecloud, "billing-revenue-by-service"))


def test_operations_keeps_databricks_and_synapse_with_reasons(relecloud):
    operations = relecloud.unit("operations")
    assert {"databricksIntegration", "synapse"} <= kept(relecloud, "operations")
    reasons = {s.key: s.reasons for s in operations.services}
    assert reasons["databricksIntegration"] == ["operations/service-telemetry runs on the zone's shared databricks"]
    # cloud accounts runs its pipelines on a Data Factory of its own (batch template), so the shared one goes
    assert not operations.service("dataFactory").kept
    assert relecloud.unit("operations-cloud-accounts").service("dataFactory").kept


def test_only_the_recommender_has_machine_learning_and_aks(relecloud):
    with_ml = [u.name for u in relecloud.units if {"machineLearning", "aks"} & kept(relecloud, u.name)]
    assert with_ml == ["operations-cloud-service-recommender"]


def test_each_billing_integration_gets_its_own_pool_in_the_shared_workspace(relecloud):
    billing = relecloud.unit("billing")
    pools = [billing.service(k) for k in ("sparkPoolCustomers", "sparkPoolInvoices")]
    assert all(p.kept for p in pools)
    assert {p.context["pool"] for p in pools} == {"customers", "invoices"}
    assert {p.context["workspace"] for p in pools} == {billing.service("synapse").context["workspace"]}
    assert {p.resource_group for p in pools} == {"rc-dev-billing-shared-product"}
    assert [p.context["cost_tags"]["CostAllocation"] for p in pools] == ["billing/customers", "billing/invoices"]
    assert all(p.context["auto_pause_minutes"] == 15 for p in pools)


def test_dns_zones_follow_the_kept_private_endpoints(relecloud):
    dns = relecloud.unit("mgmt").service("privateDnsZones")
    zones = {i.name: i for i in dns.items}
    assert zones["privatelink.azuredatabricks.net"].kept
    assert zones["privatelink.api.azureml.ms"].kept
    assert zones["privatelink.monitor.azure.com"].kept  # the Azure Monitor Private Link Scope
    assert not zones["privatelink.servicebus.windows.net"].kept  # no streaming integration
    assert not zones["privatelink.mysql.database.azure.com"].kept
    from relecloud_templates.plan.dns import UNUSED_REFERENCE_ZONES, ZONES
    scoring = "cloud-service-recommender.operations.rc.internal"  # the served model's own zone (its A record)
    assert zones[scoring].kept and "published after deployment" in zones[scoring].reasons[0]
    assert set(zones) == {z.display for z in ZONES.values()} | set(UNUSED_REFERENCE_ZONES) | {scoring}
    assert len(ZONES) + len(UNUSED_REFERENCE_ZONES) - 4 == 46  # the reference's 46, and the monitor zones


def test_estate_without_databricks_prunes_its_zone_subnets_and_firewall_rules():
    plan = build_plan(manifest(landing_zone("sales", 2, integrations=[{"name": "orders", "engine": "dataFactory"}])))
    hub = plan.unit("hub")
    zones = {i.name: i.kept for i in hub.service("privateDnsZones").items}
    assert zones["privatelink.azuredatabricks.net"] is False
    rules = {i.name: i.kept for i in hub.service("network").items if i.kind == "firewallRules"}
    assert rules == {"databricks": False, "machine-learning": False, "aks": False, "package-repositories": False,
                     "power-bi-gateway": False}
    assert hub.service("network").context["collections"] == []
    subnets = [s["name"] for s in plan.unit("sales").service("network").context["subnets"]]
    assert not any(name.startswith("databricks") for name in subnets)


def test_unlisted_management_services_are_pruned_and_their_dependents_follow():
    plan = build_plan(manifest(sales_zone(), services=("privateDnsZones",)))
    assert {"purview", "keyVault", "policy"} <= set(pruned(plan, "hub"))
    assert pruned(plan, "hub")["purview"] == ["not listed in managementZone.services"]
    assert {"purviewAccess", "policy"} <= set(pruned(plan, "sales"))
    assert plan.anchors["sales"]["purview"] is None


def test_subnets_keep_manifest_ranges_and_allocate_the_rest_without_overlap():
    zone = landing_zone("sales", 2, integrations=[{"name": "orders", "engine": "dataFactory", "template": "batch"}],
                        subnets={"services": "10.2.9.0/24", "orders": "10.2.0.0/24", "unused": "10.2.1.0/24"})
    plan = build_plan(manifest(zone))
    network = plan.unit("sales").service("network")
    cidrs = {s["name"]: s["cidr"] for s in network.context["subnets"]}
    assert cidrs["services"] == "10.2.9.0/24" and cidrs["workload-orders"] == "10.2.0.0/24"
    assert "10.2.1.0/24" not in cidrs.values()  # reserved by the manifest, even though nothing needs it
    assert len(set(cidrs.values())) == len(cidrs)
    assert any(not i.kept and i.name.startswith("unused") for i in network.items)


def test_firewall_address_comes_from_the_firewall_subnet():
    plan = build_plan(manifest(landing_zone("sales", 2), mgmt_subnets={"firewall": "10.0.4.0/26"}))
    assert plan.unit("sales").parameter_values["managementFirewallPrivateIp"] == "10.0.4.4"


def test_landing_zone_peerings_follow_the_topology():
    zones = [landing_zone(n, i) for i, n in ((2, "a"), (3, "b"), (4, "c"))]
    mesh = build_plan(manifest(*zones))
    assert {s.key for s in mesh.unit("c").kept if s.key.startswith("peering")} == {
        "peeringManagement", "peeringManagementReverse", "peeringA", "peeringAReverse", "peeringB", "peeringBReverse"}
    reverse = mesh.unit("c").service("peeringAReverse")
    assert reverse.subscription_param == "aSubscriptionId" and reverse.resource_group == "tt-dev-a-network"
    hub_spoke = build_plan(manifest(*zones, topology="hub-spoke"))
    assert not any(s.key.startswith("peeringA") for s in hub_spoke.unit("c").services)
    assert hub_spoke.unit("c").depends_on == ["hub"]


def test_reads_cycle_is_reported_not_raised_as_a_traceback():
    zone = landing_zone("sales", 2, products=[
        {"name": "p1", "engine": "synapse", "template": "batch", "reads": (Reference("p2"),)},
        {"name": "p2", "engine": "synapse", "template": "batch", "reads": (Reference("p1"),)},
    ])
    with pytest.raises(DiagnosticsError) as caught:
        build_plan(manifest(zone))
    assert caught.value.diagnostics[0].name == "dependency-cycle"


def test_exhausted_address_space_is_a_located_problem():
    zone = landing_zone("sales", 2, integrations=[{"name": f"i{n}", "engine": "databricks"} for n in range(3)])
    zone = zone.__class__(**{**zone.__dict__, "network": zone.network.__class__("10.2.0.0/23")})
    with pytest.raises(DiagnosticsError) as caught:
        build_plan(manifest(zone))
    assert "no free /24" in caught.value.diagnostics[0].message


def test_explain_and_json_say_what_is_kept_and_pruned(relecloud):
    text = explain(relecloud)
    billing = text.split("\nbilling  (")[1].split("\n\n")[0]
    assert "- Databricks workspace for integrations: pruned" in billing
    assert "- Data Factory (shared integration): pruned" in billing
    operations = text.split("\noperations  (")[1].split("\n\n")[0]
    assert "+ Databricks workspace for integrations" in operations and "+ Synapse workspace" in operations
    data = plan_to_json(relecloud)
    assert [u["name"] for u in data["units"]] == [u.name for u in relecloud.units]


def test_names_fit_azure_rules_and_stay_deterministic():
    rule = naming.RULES["keyVault"]
    long_name = "rc-dev-operations-cloud-service-recommender-kv"
    short = naming.fit(long_name, rule)
    assert len(short) <= 24 and short == naming.fit(long_name, rule) and not rule.problems(short)
    assert naming.fit("rc-dev-raw", naming.RULES["storage"]) == "rcdevraw"
    assert naming.fit("a" * 30, naming.RULES["storage"]) != naming.fit("a" * 31, naming.RULES["storage"])


def test_check_names_reports_the_zone_that_breaks_a_rule():
    zone = landing_zone("Sales_EU", 2)
    found = naming.check_names(manifest(zone))
    assert found and all(pos == zone.pos for pos, _, _ in found)
    assert any("resource group" in message or "Key Vault" in message for _, message, _ in found)
    assert naming.check_names(manifest(landing_zone("sales", 2))) == []


def test_plan_records_data_flows_peerings_and_topology(relecloud):
    telemetry = relecloud.workload("operations", "service-telemetry")
    assert telemetry.kind == "integration" and telemetry.writes == ("lakeRaw",)  # lands raw, no transform
    accounts = relecloud.workload("operations", "cloud-accounts")
    assert accounts.writes == ("lakeRaw", "lakeEnrichedCurated")  # lands raw, transforms into enriched
    revenue = relecloud.workload("operations", "recommender-revenue")
    # the alias the manifest wrote resolves to the product's name
    assert revenue.reads == (("operations", "cloud-service-recommender"), ("billing", "revenue-by-service"))
    assert revenue.consumers == ("powerBI",)
    assert [(w.label, source) for w, source in relecloud.cross_zone_reads()] == [
        ("operations/recommender-revenue", ("billing", "revenue-by-service")),
        ("billing/revenue-by-service", ("operations", "service-telemetry")),
    ]
    assert relecloud.peerings == [("mgmt", "operations"), ("mgmt", "billing"), ("operations", "billing")]
    assert relecloud.topology == "mesh"
    assert [u.name for u in relecloud.zone_units()] == ["mgmt", "operations", "billing"]


def test_hub_spoke_peers_landing_zones_only_with_the_management_zone():
    zones = [landing_zone(n, i) for i, n in ((2, "a"), (3, "b"))]
    plan = build_plan(manifest(*zones, topology="hub-spoke"))
    assert plan.peerings == [("hub", "a"), ("hub", "b")] and plan.topology == "hub-spoke"


def test_explain_opens_with_a_summary(relecloud):
    head = explain(relecloud).split("\n\n")[0].splitlines()
    assert head[0] == "estate: 3 zones (management mgmt; 2 landing: operations, billing), peered mesh"
    kept = sum(len(u.kept) for u in relecloud.units)
    pruned = sum(len(u.pruned) for u in relecloud.units)
    # Three zone units (one holds the service-telemetry ingest), one integration unit, three products: all seven.
    assert head[1] == f"units: 7 (3 zone, 1 integration, 3 product); services: {kept} kept, {pruned} pruned"
    assert head[2].startswith("cross-zone reads: 2 (operations/recommender-revenue <- billing/revenue-by-service")
