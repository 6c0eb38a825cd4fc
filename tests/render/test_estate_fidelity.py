"""What an Azure review of the rendered estate asked for (issue 11), one class per test: each fails on the output
relecloud rendered before and passes now. The bundled scenario is rendered once, in memory."""

from __future__ import annotations

import json
import tarfile
from pathlib import Path

import pytest
from plan.manifests import every_service_estate, landing_zone, manifest

from relecloud_templates import naming
from relecloud_templates.manifest import load_manifest
from relecloud_templates.plan import build_plan
from relecloud_templates.plan.explain import explain, plan_to_json
from relecloud_templates.render import render_files

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="module")
def estate(request):
    """(plan, unit name -> its template) of the bundled scenario's dev environment."""
    loaded = load_manifest(request.config.rootpath / "scenarios" / "relecloud.yaml")
    plan = build_plan(loaded)
    files = render_files(loaded, plan, "scenarios/relecloud.yaml", "arm").files
    templates = {u.name: json.loads(files[f"{u.name}/main.json"]) for u in plan.units}
    return plan, templates


def resources(template: dict) -> list[dict]:
    """Every resource of a unit template, nested deployments' included."""
    found, stack = [], list(template["resources"])
    while stack:
        resource = stack.pop()
        found.append(resource)
        if resource["type"] == "Microsoft.Resources/deployments":
            stack.extend(resource["properties"]["template"]["resources"])
    return found


def of_type(template: dict, rtype: str) -> list[dict]:
    return [r for r in resources(template) if r["type"] == rtype]


# -- blockers ------------------------------------------------------------------------------------------------


def test_purview_is_rendered_as_accounts_are_created_now(estate):
    _, templates = estate
    [account] = of_type(templates["mgmt"], "Microsoft.Purview/accounts")
    assert account["properties"]["ingestionStorage"] == {"publicNetworkAccess": "Disabled"}
    assert "managedResourceGroupName" not in account["properties"]
    ingestion = [
        pe for pe in of_type(templates["mgmt"], "Microsoft.Network/privateEndpoints") if "ingestion" in pe["name"]
    ]
    assert len(ingestion) == 2
    for pe in ingestion:
        target = pe["properties"]["privateLinkServiceConnections"][0]["properties"]["privateLinkServiceId"]
        assert ".ingestionStorage.id" in target and "managedResources" not in target
        assert pe["dependsOn"] == [f"[resourceId('Microsoft.Purview/accounts', '{account['name']}')]"]


def test_the_model_is_served_through_the_kubernetes_extension_with_an_internal_load_balancer(estate):
    _, templates = estate
    template = templates["operations-cloud-service-recommender"]
    [extension] = of_type(template, "Microsoft.KubernetesConfiguration/extensions")
    settings = extension["properties"]["configurationSettings"]
    assert extension["properties"]["extensionType"] == "Microsoft.AzureML.Kubernetes"
    assert (settings["inferenceRouterServiceType"], settings["internalLoadBalancerProvider"]) == (
        "LoadBalancer",
        "azure",
    )
    # through ARM the chart reads its own values (the CLI translates the two above): without them, a public balancer
    assert (settings["scoringFe.serviceType.internalLoadBalancer"], settings["scoringFe.serviceType.nodePort"]) == \
        ("true", "false")
    assert settings["clusterId"] == settings["cluster_name"] and "managedClusters" in settings["clusterId"]
    assert settings["allowInsecureConnections"] == "False" and settings["sslCname"].endswith(".internal")
    computes = {
        r["properties"]["computeType"]: r
        for r in of_type(template, "Microsoft.MachineLearningServices/workspaces/computes")
    }
    assert set(computes) == {"Kubernetes", "AmlCompute"}  # no legacy `AKS` attach
    assert "workload-cloud-service-recommender-aks" in computes["Kubernetes"]["properties"]["description"]
    assert any("Microsoft.KubernetesConfiguration/extensions" in d for d in computes["Kubernetes"]["dependsOn"])


def test_external_exposure_publishes_the_model_through_a_waf_in_prevention_mode_with_tls_and_dns(estate):
    """The scenario's recommender is "callable from applications outside the data platform": a WAF_v2 gateway in
    the landing zone, TLS from the product's Key Vault, a public IP with a DNS label, the scoring endpoint behind."""
    plan, templates = estate
    template = templates["operations-cloud-service-recommender"]
    [gateway] = of_type(template, "Microsoft.Network/applicationGateways")
    props = gateway["properties"]
    assert props["sku"] == {"name": "WAF_v2", "tier": "WAF_v2"} and gateway["zones"] == ["1", "2", "3"]
    [policy] = of_type(template, "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies")
    assert policy["properties"]["policySettings"]["mode"] == "Prevention"
    assert policy["properties"]["policySettings"]["state"] == "Enabled"
    assert policy["properties"]["managedRules"]["managedRuleSets"] == [
        {"ruleSetType": "OWASP", "ruleSetVersion": "3.2"}
    ]
    assert policy["name"] in props["firewallPolicy"]["id"]
    # HTTPS only, TLS 1.2 at least, the certificate from the product's Key Vault through a user-assigned identity
    assert [p["properties"]["port"] for p in props["frontendPorts"]] == [443]
    assert [listener["properties"]["protocol"] for listener in props["httpListeners"]] == ["Https"]
    assert props["sslPolicy"]["policyName"] == "AppGwSslPolicy20220101S"
    [certificate] = props["sslCertificates"]
    assert ".secretUri" in certificate["properties"]["keyVaultSecretId"]  # versionless: rotation without deploying
    [secret] = of_type(template, "Microsoft.KeyVault/vaults/secrets")
    vault = plan.unit("operations-cloud-service-recommender").service("keyVault").context["vault"]
    assert (
        secret["name"] == f"{vault}/gateway-tls"
        and secret["properties"]["value"] == "[parameters('gatewayTlsCertificate')]"
    )
    assert gateway["identity"]["type"] == "UserAssigned"
    grant = next(r for r in of_type(template, "Microsoft.Authorization/roleAssignments") if "gateway-id" in r["name"])
    assert grant["scope"] == f"Microsoft.KeyVault/vaults/{vault}"
    assert grant["properties"]["roleDefinitionId"].endswith("'4633458b-17de-408a-b874-0445c86b69e6')]")  # Secrets User
    # the public entry and its DNS: a static zone-redundant IP whose label Azure publishes
    [address] = of_type(template, "Microsoft.Network/publicIPAddresses")
    assert address["sku"]["name"] == "Standard" and address["properties"]["publicIPAllocationMethod"] == "Static"
    label = address["properties"]["dnsSettings"]["domainNameLabel"]
    assert label.startswith("rc-dev-operations-cloud-service-recommender-") and address["name"] in \
        props["frontendIPConfigurations"][0]["properties"]["publicIPAddress"]["id"]
    # the backend: the scoring hostname over the VNet, verified against the CA that issued its certificate
    hostname = "cloud-service-recommender.operations.rc.internal"
    assert props["backendAddressPools"][0]["properties"]["backendAddresses"] == [{"fqdn": hostname}]
    [settings] = props["backendHttpSettingsCollection"]
    assert (settings["properties"]["protocol"], settings["properties"]["hostName"]) == ("Https", hostname)
    assert props["trustedRootCertificates"][0]["properties"]["data"] == "[parameters('scoringTlsRootCertificate')]"
    assert "subnets', 'rc-dev-operations-vnet', 'workload-cloud-service-recommender-agw')" in \
        props["gatewayIPConfigurations"][0]["properties"]["subnet"]["id"]
    diagnosed = {d["scope"] for d in of_type(template, "Microsoft.Insights/diagnosticSettings")}
    assert f"Microsoft.Network/applicationGateways/{gateway['name']}" in diagnosed
    explained = explain(plan)
    assert f"published as {label}.northeurope.cloudapp.azure.com through a web application firewall" in explained


def test_the_gateway_subnet_opens_what_application_gateway_needs_and_keeps_no_route_through_the_firewall(estate):
    _, templates = estate
    network = templates["operations"]
    nsgs = {n["name"]: n for n in of_type(network, "Microsoft.Network/networkSecurityGroups")}
    rules = {r["properties"]["sourceAddressPrefix"]: r["properties"]
             for r in nsgs["rc-dev-operations-agw-nsg"]["properties"]["securityRules"]}
    assert rules["GatewayManager"]["destinationPortRange"] == "65200-65535"
    assert rules["AzureLoadBalancer"]["access"] == "Allow"
    assert (rules["Internet"]["destinationPortRange"], rules["Internet"]["protocol"]) == ("443", "Tcp")
    [vnet] = of_type(network, "Microsoft.Network/virtualNetworks")
    subnets = {s["name"]: s["properties"] for s in vnet["properties"]["subnets"]}
    gateway = subnets["workload-cloud-service-recommender-agw"]
    assert "agw-nsg" in gateway["networkSecurityGroup"]["id"] and "routeTable" not in gateway
    assert "routeTable" in subnets["workload-cloud-service-recommender-aks"]  # the rest still egress through it


def test_the_scoring_hostname_has_a_private_zone_and_its_record_is_a_recorded_step(estate):
    """The gateway (and every caller in the estate) resolves the scoring hostname through the firewall's DNS proxy:
    the hub renders its zone; its A record is published after the extension has taken its address."""
    plan, templates = estate
    hostname = "cloud-service-recommender.operations.rc.internal"
    zones = {z["name"] for z in of_type(templates["mgmt"], "Microsoft.Network/privateDnsZones")}
    assert hostname in zones
    [step] = plan.unit("operations-cloud-service-recommender").service("aks").data_plane
    assert (step["action"], step["scope"], step["role"]) == ("scoringRecord", hostname, "A record")
    assert f"private DNS zone {hostname}" in step["why"] and "rc-dev-mgmt-dns" in step["why"]
    assert step["zoneId"].endswith(
        f"/resourceGroups/rc-dev-mgmt-dns/providers/Microsoft.Network/privateDnsZones/{hostname}"
    )
    assert (step["namespace"], step["service"]) == ("azureml", "azureml-fe")


def test_internal_exposure_renders_no_public_entry(tmp_path, bundled_manifest):
    path = tmp_path / "internal.yaml"
    path.write_text(bundled_manifest.read_text().replace("exposure: external ", "exposure: internal "))
    loaded = load_manifest(path)
    plan = build_plan(loaded)
    files = render_files(loaded, plan, "internal.yaml", "arm").files
    product = json.loads(files["operations-cloud-service-recommender/main.json"])
    for rtype in (
        "Microsoft.Network/applicationGateways",
        "Microsoft.Network/publicIPAddresses",
        "Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies",
        "Microsoft.KeyVault/vaults/secrets",
    ):
        assert of_type(product, rtype) == [], rtype
    assert b"agw" not in files["operations/main.json"]  # no gateway subnet, no gateway NSG
    gateway = plan.unit("operations-cloud-service-recommender").service("gateway")
    assert not gateway.kept and "exposure is internal" in gateway.reasons[0]
    assert "Application Gateway (WAF) publishing the model: pruned, exposure is internal" in explain(plan)
    units = {u["name"]: u for u in json.loads(files["plan.json"])["units"]}
    assert units["operations-cloud-service-recommender"]["secureParameters"] == ["scoringTlsCertificate",
                                                                               "scoringTlsPrivateKey"]


def test_a_public_hostname_of_its_own_is_a_recorded_cname_to_the_gateway():
    plan = build_plan(every_service_estate())  # forecast: external, publicHostname forecast.sales.example.com
    gateway = plan.unit("sales-forecast").service("gateway")
    assert gateway.kept and gateway.context["public_hostname"] == "forecast.sales.example.com"
    [step] = gateway.data_plane
    assert (step["action"], step["scope"], step["role"]) == ("dnsRecord", "forecast.sales.example.com", "CNAME record")
    assert step["principal"].endswith(".westeurope.cloudapp.azure.com")


# -- scenario fidelity -----------------------------------------------------------------------------------------


def test_integrations_on_shared_resources_get_no_unit_and_their_needs_land_in_the_zone(estate):
    plan, _ = estate
    names = [u.name for u in plan.units]
    for shared in ("operations-service-telemetry", "billing-customers", "billing-invoices"):
        assert shared not in names
    billing = plan.unit("billing")
    assert {"sparkPoolCustomers", "sparkPoolInvoices", "selfHostedRuntimeSynapse"} <= {s.key for s in billing.kept}
    assert {"customers", "invoices"} <= set(billing.service("lakeRaw").context["containers"])
    assert plan.workload("billing", "customers").unit is None
    assert plan.workload("billing", "customers").runs_on == ("billing", "synapse")


def test_pools_are_spark_with_auto_pause_or_sql_with_encryption_with_cost_tags_and_a_data_plane_grant():
    plan = build_plan(every_service_estate())
    sales = plan.unit("sales")
    sql = sales.service("sqlPoolLedger")
    assert sql.kept and sql.context["sku"] == "DW200c"
    assert sql.data_plane[0]["role"] == "Synapse Compute Operator"
    assert sql.data_plane[0]["scope"].endswith("/sqlPools/ledger")
    spark = plan.unit("sales-stock").service("sparkPoolStock")  # a batch integration's pool: in its own workspace
    assert spark.context["workspace"] == plan.unit("sales-stock").service("synapse").context["workspace"]
    files = render_files(every_service_estate(), plan, "t.yaml", "arm").files
    template = json.loads(files["sales/main.json"])
    [encryption] = of_type(template, "Microsoft.Synapse/workspaces/sqlPools/transparentDataEncryption")
    assert encryption["properties"] == {"status": "Enabled"}
    [pool] = of_type(template, "Microsoft.Synapse/workspaces/sqlPools")
    assert "createObject('CostAllocation', 'sales/ledger'" in pool["tags"]
    diagnosed = {d["scope"] for d in of_type(template, "Microsoft.Insights/diagnosticSettings")}
    assert any(scope.endswith("sqlPools/ledger") for scope in diagnosed)
    stock = json.loads(files["sales-stock/main.json"])
    [spark_pool] = of_type(stock, "Microsoft.Synapse/workspaces/bigDataPools")
    assert spark_pool["properties"]["autoPause"] == {"delayInMinutes": 15, "enabled": True}


def test_cloud_accounts_is_a_batch_unit_with_its_engine_key_vault_and_monitoring(estate):
    plan, templates = estate
    unit = plan.unit("operations-cloud-accounts")
    assert [s.key for s in unit.kept] == ["logAnalytics", "monitorScopeLink", "keyVault", "dataFactory", "vaultAccess",
                                          "dataAccess", "adminAccess"]
    template = templates["operations-cloud-accounts"]
    [workspace] = of_type(template, "Microsoft.OperationalInsights/workspaces")
    for setting in of_type(template, "Microsoft.Insights/diagnosticSettings"):
        assert f"'{workspace['name']}'" in setting["properties"]["workspaceId"]  # its own workspace
    endpoints = {m["name"].rsplit("/", 1)[1] for m in
                 of_type(template, "Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints")}
    assert {"key-vault", "purview-account"} <= endpoints  # Key Vault and Purview lineage, as the reference does


def test_power_bi_gets_a_gateway_subnet_and_egress_through_the_firewall(estate):
    plan, _ = estate
    network = plan.unit("operations").service("network")
    gateway = next(s for s in network.context["subnets"] if s["name"] == "powerbi-gateway")
    assert gateway["delegation"] == "Microsoft.PowerPlatform/vnetaccesslinks"
    collections = {c["name"]: c for c in plan.unit("mgmt").service("network").context["collections"]}
    power_bi = collections["power-bi-gateway"]
    assert power_bi["sources"] == [gateway["cidr"]]
    assert {"PowerBI", "PowerPlatformInfra"} <= set(power_bi["rules"][0]["destinations"])
    assert "created in the Power Platform" in explain(plan)


# -- parity with the reference ------------------------------------------------------------------------------------


def test_every_reference_module_is_rendered_or_named_with_a_reason(corpus_dir):
    from relecloud_templates import services
    from relecloud_templates.plan.reference import MODULES

    listed = {(m.repository, m.module) for m in MODULES}
    on_disk = {(repo.name, str(p.relative_to(repo / "infra" / "modules")))
               for repo in corpus_dir.iterdir() if (repo / "infra" / "modules").is_dir()
               for p in (repo / "infra" / "modules").rglob("*.bicep")}
    assert listed == on_disk
    keys = {s.key for s in services.SPECS}
    for module in MODULES:
        assert bool(module.services) != bool(module.not_rendered), module
        for key in module.services:  # a key of a spec, a key the planners give a second use, or a prefix
            assert key.rstrip("*") in keys or key.endswith("*") or key in _SECOND_USE_KEYS, (module, key)


_SECOND_USE_KEYS = {"peeringManagementReverse", "externalStorage", "databricksIntegration",
                    "databricksProduct"}


def test_explain_names_what_the_reference_has_and_the_estate_does_not_render(estate):
    plan, _ = estate
    text = explain(plan)
    for module in (
        "data-landing-zone/metadata.bicep",
        "data-landing-zone/services/selfHostedIntegrationRuntime.bicep",
        "data-product-batch/services/alerts.bicep",
        "data-product-analytics/services/cognitiveservices.bicep",
        "data-management-zone/auxiliary/purviewSetup.bicep",
    ):
        assert module in text
    assert "data-product-streaming: no unit follows this reference template" in text
    as_json = plan_to_json(plan)
    landing = next(u for u in as_json["units"] if u["name"] == "operations")
    assert {"module": "data-landing-zone/logging.bicep"} not in landing["reference"]["notRendered"]


def test_parity_services_are_rendered_when_the_manifest_needs_them():
    plan = build_plan(every_service_estate())
    sales = plan.unit("sales")
    assert {"logAnalytics", "externalStorage", "selfHostedRuntimeDataFactory", "selfHostedRuntimeSynapse",
            "sqlPoolLedger"} <= {s.key for s in sales.kept}
    forecast = plan.unit("sales-forecast")
    assert {"applicationInsights", "trainingCompute"} <= {s.key for s in forecast.kept}
    files = render_files(every_service_estate(), plan, "t.yaml", "arm").files
    template = json.loads(files["sales/main.json"])
    policies = of_type(template, "Microsoft.Storage/storageAccounts/managementPolicies")
    assert len(policies) == 4  # raw, enriched/curated, workspace, external
    rule = policies[0]["properties"]["policy"]["rules"][0]["definition"]["actions"]["baseBlob"]
    assert rule == {"tierToCool": {"daysAfterModificationGreaterThan": 90}}


def test_databricks_has_one_browser_authentication_endpoint_per_region_and_the_reference_egress(estate):
    plan, templates = estate
    auth = [
        pe
        for unit in templates.values()
        for pe in of_type(unit, "Microsoft.Network/privateEndpoints")
        if pe["properties"]["privateLinkServiceConnections"][0]["properties"]["groupIds"] == ["browser_authentication"]
    ]
    assert len(auth) == 1
    two_zones = every_service_estate()
    second = landing_zone("hr", 4, integrations=[{"name": "people", "engine": "databricks"}])
    both = build_plan(manifest(*two_zones.landing_zones, second))
    marked = [i for u in both.units for s in u.kept if s.key.startswith("databricks") for i in s.items if i.kept]
    assert len(marked) == 1  # the same region: one endpoint for all
    collections = {c["name"]: c for c in plan.unit("mgmt").service("network").context["collections"]}
    rules = {r["name"]: r for r in collections["databricks"]["rules"]}
    assert rules["storage"]["destinations"] == ["Storage.northeurope"]  # regional, not the global tag
    assert set(rules["entra-id-and-front-door"]["destinations"]) == {"AzureActiveDirectory", "AzureFrontDoor.Frontend"}
    assert rules["metastore"]["ports"] == ["3306"] and rules["event-hub-logs"]["ports"] == ["9093"]
    packages = collections["package-repositories"]["rules"][0]["fqdns"]
    assert packages == ["pypi.org", "files.pythonhosted.org", "repo.maven.apache.org", "cran.r-project.org"]


def test_log_ingestion_goes_through_a_private_link_scope_or_stays_open_by_manifest_choice(
    estate, tmp_path, bundled_manifest
):
    _, templates = estate
    scopes = of_type(templates["mgmt"], "Microsoft.Insights/privateLinkScopes")
    assert len(scopes) == 1 and scopes[0]["properties"]["accessModeSettings"]["ingestionAccessMode"] == "PrivateOnly"
    linked = [r for t in templates.values() for r in of_type(t, "Microsoft.Insights/privateLinkScopes/scopedResources")]
    workspaces = [r for t in templates.values() for r in of_type(t, "Microsoft.OperationalInsights/workspaces")]
    insights = [r for t in templates.values() for r in of_type(t, "Microsoft.Insights/components")]
    assert len(linked) == len(workspaces) + len(insights) == 5  # central, two zones, cloud accounts; App Insights
    assert {w["properties"]["publicNetworkAccessForIngestion"] for w in workspaces} == {"Disabled"}
    public = tmp_path / "public.yaml"
    public.write_text(bundled_manifest.read_text().replace("ingestion: privateLinkScope", "ingestion: public"))
    open_plan = build_plan(load_manifest(public, "dev"))
    assert not open_plan.unit("mgmt").service("monitorPrivateLinkScope").kept
    assert all(s.context["public_ingestion"] for u in open_plan.units for s in u.kept if s.key == "logAnalytics")


def test_globally_unique_names_carry_a_deterministic_suffix_and_still_say_whose_they_are(estate):
    plan, _ = estate
    lake = plan.unit("operations").service("lakeRaw").context["account"]
    assert lake.startswith("rcdevoperationsraw") and len(lake) <= 24
    vault = plan.unit("operations-cloud-accounts").service("keyVault").context["vault"]
    assert vault.startswith("rc-ope-cloud-acc") and not naming.RULES["keyVault"].problems(vault)
    org = every_service_estate().organization
    names = [naming.zone_names(org, "sales", sub).storage("raw") for sub in ("sub-a", "sub-a", "sub-b")]
    assert names[0] == names[1] != names[2]  # the same estate always, another organisation differently
    no_suffix = naming.zone_names(org.__class__(**{**org.__dict__, "unique_names": False}), "sales", "sub-a")
    assert no_suffix.storage("raw") == "ttdevsalesraw"


def test_the_synapse_workspace_is_entra_only_without_a_sql_password(estate):
    _, templates = estate
    for template in templates.values():
        for workspace in of_type(template, "Microsoft.Synapse/workspaces"):
            assert workspace["properties"]["azureADOnlyAuthentication"] is True
            assert not {"sqlAdministratorLogin", "sqlAdministratorLoginPassword"} & set(workspace["properties"])


@pytest.mark.needs_shared("schemas", "bicep-types-az")
def test_the_type_data_makes_the_synapse_sql_password_optional():
    """Ground truth for the test above: in the Bicep compiler's type data the password is not required."""
    archive = SHARED / "schemas" / "bicep-types-az" / "types.tar.gz"
    name = "generated/synapse/microsoft.synapse/2021-06-01/types.json"
    with tarfile.open(archive) as tar:  # read up to the member (extractfile(name) would list the whole archive)
        member = next(m for m in tar if m.name == name)
        nodes = json.load(tar.extractfile(member))
    workspace = next(n for n in nodes if n.get("name") == "Microsoft.Synapse/workspaces@2021-06-01")
    body = nodes[int(workspace["body"]["$ref"][2:])]
    properties = nodes[int(body["properties"]["properties"]["type"]["$ref"][2:])]["properties"]
    assert properties["sqlAdministratorLoginPassword"]["flags"] & 1 == 0  # not Required
    assert properties["sqlAdministratorLogin"]["flags"] & 1 == 0


def test_deploy_docs_list_the_rights_per_subscription(project_root):
    text = (project_root / "docs" / "deploy.md").read_text(encoding="utf-8")
    section = text.split("## Rights the deploying identity needs")[1].split("\n## ")[0]
    for phrase in ("management zone's subscription", "landing zone's subscription", "Network Contributor",
                   "Private DNS Zone Contributor", "Role Based Access Control Administrator", "peering"):
        assert phrase in section, phrase


def test_the_rendered_estate_is_clean_under_the_strictest_profile(example_render):
    """Every class above, rendered, still validates with zero findings (data-landing-zone raises every posture
    rule and the landing zone rules to errors)."""
    from relecloud_templates.lint.config import LintConfig
    from relecloud_templates.lint.runner import lint

    out = example_render  # render --example (tests/conftest.py): the bundled manifest
    result = lint([out], LintConfig(root=out, profile="data-landing-zone"))
    assert [d.format() for d in result.diagnostics] == []
