"""A second Azure review of the rendered estate (after issues 11 and 19 landed): each test names a way the
bundled scenario's output would fail on Azure, fails on the output rendered before its fix and passes after.
Both environments are rendered once, in memory."""

from __future__ import annotations

import ipaddress
import json
import re

import pytest

from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan
from relecloud_templates.render import render_files

DEPLOYMENTS = "Microsoft.Resources/deployments"


@pytest.fixture(scope="module", params=["dev", "prd"])
def estate(request):
    """(environment, unit name -> its template) of the bundled scenario."""
    loaded = load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml", env=request.param)
    plan = build_plan(loaded)
    files = render_files(loaded, plan, "scenarios/relecloud.yaml", "arm").files
    return request.param, {u.name: json.loads(files[f"{u.name}/main.json"]) for u in plan.units}


def resources(template: dict) -> list[dict]:
    """Every resource of a template, those of its nested deployments' templates included."""
    found, stack = [], list(template["resources"])
    while stack:
        resource = stack.pop()
        found.append(resource)
        if resource["type"] == DEPLOYMENTS:
            stack.extend(resource["properties"]["template"]["resources"])
    return found


def waits_for(deployments: dict[str, dict], reader: str) -> set[str]:
    """The sibling deployments ``reader`` depends on, directly or through others."""
    seen: set[str] = set()
    stack = [reader]
    while stack:
        for entry in deployments[stack.pop()].get("dependsOn", []):
            match = re.search(r"'Microsoft\.Resources/deployments', '([^']+)'\)", entry)
            if match and match.group(1) not in seen:
                seen.add(match.group(1))
                stack.append(match.group(1))
    return seen


def test_diagnostics_wait_for_the_workspace_a_sibling_deployment_of_the_unit_creates(estate):
    """A diagnostic setting is checked against its destination when it is written (Azure Monitor authorizes the
    link to the workspace): sent to a Log Analytics workspace that a sibling nested deployment is still creating,
    it fails. ARM orders nested deployments only by dependsOn; a plain resourceId() in `workspaceId` orders
    nothing. Before the fix, the landing zones' lakes, Synapse, Spark pools and Databricks, and the batch
    integration's Key Vault, raced their unit's own workspace."""
    _, templates = estate
    checked = 0
    for unit, template in templates.items():
        deployments = {r["name"]: r for r in template["resources"] if r["type"] == DEPLOYMENTS}
        creates = {r["name"]: name for name, d in deployments.items()
                   for r in d["properties"]["template"]["resources"]
                   if r["type"] == "Microsoft.OperationalInsights/workspaces"}
        for name, deployment in deployments.items():
            for setting in deployment["properties"]["template"]["resources"]:
                if setting["type"] != "Microsoft.Insights/diagnosticSettings":
                    continue
                workspace = re.search(r"'Microsoft\.OperationalInsights/workspaces', '([^']+)'\)",
                                      setting["properties"]["workspaceId"]).group(1)
                creator = creates.get(workspace)
                if creator is None or creator == name:
                    continue  # made by an earlier unit (the deploy order waits for it) or in the same template
                checked += 1
                assert creator in waits_for(deployments, name), \
                    f"{unit}: {name} sends diagnostics to {workspace}, which {creator} creates, without waiting for it"
    assert checked >= 10


def test_the_clusters_service_and_pod_ranges_overlap_no_network_of_the_estate(estate):
    """AKS requires that a cluster's service range (and, with Azure CNI overlay, its pod range) overlap neither
    its VNet nor any network the VNet is peered with, and that the DNS service address lies in the service range
    (AKS networking docs: "must not overlap with any other virtual networks with which the cluster virtual network
    peers"). Left out, AKS takes services 10.0.0.0/16 and pods 10.244.0.0/16: in dev the services' range is the
    management hub's 10.0.0.0/16, which holds the firewall that is the landing zone's next hop and DNS server."""
    _, templates = estate
    every = [r for t in templates.values() for r in resources(t)]
    spaces = [ipaddress.ip_network(p) for r in every if r["type"] == "Microsoft.Network/virtualNetworks"
              for p in r["properties"]["addressSpace"]["addressPrefixes"]]
    assert len(spaces) == 3
    clusters = [r for r in every if r["type"] == "Microsoft.ContainerService/managedClusters"]
    assert clusters
    for cluster in clusters:
        profile = cluster["properties"]["networkProfile"]
        service, pods = ipaddress.ip_network(profile["serviceCidr"]), ipaddress.ip_network(profile["podCidr"])
        assert not any(service.overlaps(s) or pods.overlaps(s) for s in spaces) and not service.overlaps(pods)
        dns = ipaddress.ip_address(profile["dnsServiceIP"])
        assert dns in service and dns != service.network_address + 1  # the first address is the API server's


def test_cluster_ranges_step_past_every_range_the_estate_uses():
    from relecloud_templates.plan.network import AddressSpaceExhausted, cluster_ranges

    assert cluster_ranges(["10.0.0.0/16", "10.1.0.0/16"]) == \
        {"service_cidr": "172.16.0.0/16", "dns_service_ip": "172.16.0.10", "pod_cidr": "10.244.0.0/16"}
    assert cluster_ranges(["172.16.0.0/13", "10.244.0.0/15"]) == \
        {"service_cidr": "172.24.0.0/16", "dns_service_ip": "172.24.0.10", "pod_cidr": "10.246.0.0/16"}
    with pytest.raises(AddressSpaceExhausted):
        cluster_ranges(["172.16.0.0/12"])


def test_zonal_resources_follow_the_regions_availability_zones(tmp_path, bundled_manifest):
    """Zone-redundant storage, zonal node pools and a zone-redundant gateway exist only in regions with
    availability zones: elsewhere Azure refuses Standard_ZRS and any `zones` value, and the deployment fails. The
    manifest accepts every region; the reference templates choose ZRS and zones only from a list of zonal regions.
    Before the fix, every region got ZRS lakes, ML storage, AKS zones 1-3 and a zonal gateway and public IP."""
    text = bundled_manifest.read_text(encoding="utf-8")
    moved = tmp_path / "relecloud.yaml"
    moved.write_text(text.replace("location: northeurope", "location: northcentralus", 1), encoding="utf-8")

    def zonal(manifest_path) -> list[tuple[str, str, object]]:
        loaded = load_manifest(manifest_path, env="dev")
        plan = build_plan(loaded)
        files = render_files(loaded, plan, "relecloud.yaml", "arm").files
        found = []
        for unit in plan.units:
            for r in resources(json.loads(files[f"{unit.name}/main.json"])):
                if "zones" in r:
                    found.append((r["type"], r["name"], r["zones"]))
                if r["type"] == "Microsoft.Storage/storageAccounts":
                    found.append((r["type"], r["name"], r["sku"]["name"]))
                if r["type"] == "Microsoft.ContainerService/managedClusters":
                    found += [(r["type"], p["name"], p.get("availabilityZones"))
                              for p in r["properties"]["agentPoolProfiles"]]
        return found

    everywhere = zonal(moved)
    assert everywhere and all(value in ("Standard_LRS", None) for _, _, value in everywhere), everywhere
    zonal_region = zonal(bundled_manifest)
    assert {v for _, _, v in zonal_region if isinstance(v, str)} == {"Standard_ZRS"}
    assert [v for _, _, v in zonal_region if isinstance(v, list)] and \
        all(v == ["1", "2", "3"] for _, _, v in zonal_region if isinstance(v, list))


def test_private_endpoint_names_fit_azures_64_characters_for_long_workload_names(tmp_path, bundled_manifest):
    """Azure names private endpoints with 2-64 characters (Azure's resource naming rules, Microsoft.Network).
    relecloud names them `<resource>-<sub-resource>-pe`, and the resource's own name may be long (a Data Factory
    takes up to 63 characters, a workload name up to 40): with the integration `cloud-accounts` renamed to a valid
    37-character name, the factory's endpoints were 73 and 68 characters long and the deployment would fail."""
    long = "cloud-accounts-billing-reconciliation"
    moved = tmp_path / "relecloud.yaml"
    moved.write_text(bundled_manifest.read_text(encoding="utf-8").replace("cloud-accounts", long), encoding="utf-8")
    loaded = load_manifest(moved, env="dev")
    plan = build_plan(loaded)
    files = render_files(loaded, plan, "relecloud.yaml", "arm").files
    endpoints = [r for u in plan.units for r in resources(json.loads(files[f"{u.name}/main.json"]))
                 if r["type"] == "Microsoft.Network/privateEndpoints"]
    names = [e["name"] for e in endpoints]
    assert len(names) == len(set(names)) > 20
    assert max(len(n) for n in names) <= 64, max(names, key=len)
    factory = sorted(n for n in names if long[:20] in n and n.endswith(("-datafactory-pe", "-portal-pe")))
    assert [n.rsplit("-", 2)[-2] for n in factory] == ["datafactory", "portal"]  # still says which endpoint
    assert all(len(e["properties"]["customNetworkInterfaceName"]) <= 80 for e in endpoints)



def test_the_aks_dns_prefix_fits_54_characters_for_a_long_product_name(tmp_path, bundled_manifest):
    """AKS takes a DNS prefix of 1-54 letters, digits and hyphens (the portal's rule, the AKS troubleshooting
    docs' naming restrictions), shorter than the 63 a cluster name may have. relecloud gave the cluster's name
    as its prefix: with the recommender renamed to a valid 40-character product name, the prefix was 62
    characters and AKS would refuse the cluster."""
    long = "cloud-service-recommender-for-customers1"
    assert len(long) == 40
    moved = tmp_path / "relecloud.yaml"
    moved.write_text(bundled_manifest.read_text(encoding="utf-8").replace("cloud-service-recommender", long),
                     encoding="utf-8")
    loaded = load_manifest(moved, env="dev")
    plan = build_plan(loaded)
    files = render_files(loaded, plan, "relecloud.yaml", "arm").files
    [cluster] = [r for u in plan.units for r in resources(json.loads(files[f"{u.name}/main.json"]))
                 if r["type"] == "Microsoft.ContainerService/managedClusters"]
    prefix = cluster["properties"]["dnsPrefix"]
    assert len(cluster["name"]) > 54 and len(prefix) <= 54, (cluster["name"], prefix)
    assert re.fullmatch(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?", prefix) and prefix.startswith("rc-dev-operations-cloud")
