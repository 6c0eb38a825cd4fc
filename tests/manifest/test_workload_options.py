"""The workload options of issue 11: pools, sources, templates of integrations, exposure; each mistake is a
located error with a hint, and the manifest's meaning is what the model says."""

from __future__ import annotations

import pytest

from relecloud_templates.diagnostics import DiagnosticsError
from relecloud_templates.manifest import load_manifest
from tests.manifest.test_loader import variant


def problems(path) -> list:
    with pytest.raises(DiagnosticsError) as caught:
        load_manifest(path)
    return caught.value.diagnostics


@pytest.mark.parametrize("pool, kind, sku", [
    ("{sku: DW100c}", "sql", "DW100c"),  # as manifests wrote pools before they had a type
    ("{}", "spark", None),
    ("{type: spark, nodeSize: Medium, maxNodes: 20}", "spark", None),
    ("{type: sql}", "sql", None),
])
def test_a_pool_is_spark_by_default_and_sql_when_it_says_so(tmp_path, pool, kind, sku):
    path, _ = variant(tmp_path, "computePool: {sku: DW100c}", f"computePool: {pool}")
    invoices = load_manifest(path).zone("billing").integrations[0]
    assert (invoices.compute_pool.type, invoices.compute_pool.sku) == (kind, sku)


@pytest.mark.parametrize("pool, message", [
    ("{type: spark, sku: DW100c}", "gives a sku to a spark pool"),
    ("{type: sql, maxNodes: 5}", "gives maxNodes to a SQL pool"),
])
def test_sizes_of_the_other_pool_type_are_refused(tmp_path, pool, message):
    path, text = variant(tmp_path, "computePool: {sku: DW100c}", f"computePool: {pool}")
    [found] = problems(path)
    assert found.code == "M021" and message in found.message
    assert found.location.line == text[:text.index("computePool")].count("\n") + 1


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            "        engine: databricks\n",
            "        engine: databricks\n        template: batch\n",
            "runs Data Factory or Synapse",
        ),
        (
            "        engine: databricks\n",
            "        engine: databricks\n        template: analytics\n",
            "holds Machine Learning",
        ),
        (
            "        engine: databricks\n",
            "        engine: databricks\n        source: onPremises\n",
            "self-hosted integration runtime",
        ),
    ],
)
def test_integration_options_that_cannot_work_are_refused(tmp_path, old, new, message):
    path, _ = variant(tmp_path, old, new)
    [found] = problems(path)
    assert found.code == "M021" and message in found.message and found.hint


def test_external_exposure_and_its_public_hostname_reach_the_model(tmp_path):
    path, _ = variant(tmp_path, "        engine: machineLearning\n",
                      "        engine: machineLearning\n        serving: {kind: aks, exposure: external, "
                      "publicHostname: recommender.relecloud.example}\n")
    serving = load_manifest(path).zone("operations").products[0].serving
    assert (serving.exposure, serving.public_hostname) == ("external", "recommender.relecloud.example")


def test_a_public_hostname_without_external_exposure_is_refused_at_the_serving_line(tmp_path):
    path, text = variant(
        tmp_path,
        "        engine: machineLearning\n",
        "        engine: machineLearning\n        serving: {kind: aks, publicHostname: r.example.com}\n",
    )
    [found] = problems(path)
    assert (found.code, found.name) == ("M021", "inconsistent-workload")
    assert "internal" in found.message and "exposure: external" in found.hint
    assert found.location.line == text[:text.index("serving:")].count("\n") + 1


def test_two_models_served_under_one_hostname_are_refused(tmp_path):
    served = "        serving: {kind: aks, hostname: models.rc.example}\n"
    path, text = variant(tmp_path, "        engine: machineLearning\n        reads: [telemetry]\n",
                         "        engine: machineLearning\n" + served + "        reads: [telemetry]\n"
                         "      - name: forecast\n        template: analytics\n        engine: machineLearning\n"
                         + served)
    [found] = problems(path)
    assert found.code == "M010" and "operations/recommender and operations/forecast" in found.message
    assert found.location.line == text[:text.rindex("serving:")].count("\n") + 1


def test_management_zone_options_reach_the_model(tmp_path):
    path, _ = variant(tmp_path, "  network:\n    addressSpace: 10.0.0.0/16\n",
                      "  firewall: {packageRepositories: [pypi.org, '*.example.org']}\n"
                      "  monitoring: {ingestion: public}\n  network:\n    addressSpace: 10.0.0.0/16\n")
    loaded = load_manifest(path)
    assert loaded.management_zone.package_repositories == ("pypi.org", "*.example.org")
    assert loaded.management_zone.ingestion == "public"
    assert loaded.organization.unique_names is True


def test_a_package_repository_must_be_a_host_name(tmp_path):
    path, _ = variant(tmp_path, "  network:\n    addressSpace: 10.0.0.0/16\n",
                      "  firewall: {packageRepositories: ['https://pypi.org/simple']}\n"
                      "  network:\n    addressSpace: 10.0.0.0/16\n")
    [found] = problems(path)
    assert found.code == "M005"


ZONE_ID = ("/subscriptions/6a1b2c3d-0000-4000-8000-000000000009/resourceGroups/dns/providers/Microsoft.Network/"
           "dnszones/relecloud.example")


def served(public: str) -> str:
    return f"        engine: machineLearning\n        serving: {{kind: aks, exposure: external, {public}}}\n"


def test_a_public_dns_zone_reaches_the_model_by_its_parts(tmp_path):
    from relecloud_templates.manifest.model import dns_zone_id

    path, _ = variant(tmp_path, "        engine: machineLearning\n",
                      served(f"publicHostname: recommender.relecloud.example, publicDnsZone: '{ZONE_ID}'"))
    serving = load_manifest(path).zone("operations").products[0].serving
    zone = dns_zone_id(serving.public_dns_zone)
    assert (zone.subscription, zone.resource_group, zone.zone) == (
        "6a1b2c3d-0000-4000-8000-000000000009", "dns", "relecloud.example")
    assert zone.id.endswith("/providers/Microsoft.Network/dnsZones/relecloud.example")


@pytest.mark.parametrize("public, code, message", [
    ("publicHostname: r.relecloud.example, publicDnsZone: relecloud.example", "M005",
     "is not the resource ID of an Azure public DNS zone"),
    ("publicHostname: r.relecloud.example, publicDnsZone: '" + ZONE_ID.replace("6a1b2c3d-0000-4000-8000-000000000009",
                                                                                "my-subscription") + "'",
     "M018", "which is not a GUID"),
    (f"publicDnsZone: '{ZONE_ID}'", "M021", "names a publicDnsZone but no publicHostname"),
    (f"publicHostname: r.contoso.example, publicDnsZone: '{ZONE_ID}'", "M021",
     "is not below the apex of the DNS zone relecloud.example"),
    (f"publicHostname: relecloud.example, publicDnsZone: '{ZONE_ID}'", "M021", "a CNAME cannot be the zone's apex"),
])
def test_a_public_dns_zone_that_cannot_hold_the_cname_is_refused_at_its_line(tmp_path, public, code, message):
    path, text = variant(tmp_path, "        engine: machineLearning\n", served(public))
    [found] = problems(path)
    assert found.code == code and message in found.message and found.hint
    assert found.location.line == text[:text.index("serving:")].count("\n") + 1
    line = text.splitlines()[found.location.line - 1]
    assert line.index("publicDnsZone") < found.location.column  # at the value of publicDnsZone
