"""W7007: Databricks and Data Factory follow the landing zone's network profile."""

from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.lint.rule import Rule, RuleContext


class DatabricksAndAdfHardening(Rule):
    id = "W7007"
    name = "databricks-and-adf-hardening"
    profiles = {"data-landing-zone": "error"}
    description = ("Databricks: premium, VNet-injected, no public IPs. Data Factory: public access disabled, managed "
                   "virtual network.")
    explanation = """Databricks workspaces of a landing zone are VNet-injected (`parameters.customVirtualNetworkId`)
with secure cluster connectivity (`parameters.enableNoPublicIp: true`, so clusters get no public IP) on the
premium SKU (needed for role-based access control of notebooks, clusters and jobs). Data Factories disable
public network access and run their integration runtime in a managed virtual network (a
`factories/managedVirtualNetworks` resource in the template), so that pipelines reach data stores through
managed private endpoints.

Equivalents: PSRule Azure.Databricks.SecureConnectivity, Azure.Databricks.SKU; checkov CKV_AZURE_158,
CKV_AZURE_104, CKV2_AZURE_48."""

    def check(self, ctx: RuleContext) -> None:
        for workspace in ctx.resources("Microsoft.Databricks/workspaces"):
            if workspace.existing:
                continue
            sku = workspace.value("sku", "name")
            if isinstance(sku, str) and sku.lower() != "premium":
                ctx.report(
                    workspace.path_of("sku", "name"), f"{workspace.label} uses the '{sku}' SKU", hint="use premium"
                )
            no_public_ip = workspace.value("properties", "parameters", "enableNoPublicIp", "value")
            if no_public_ip is not UNKNOWN and no_public_ip is not True:
                ctx.report(workspace.path_of("properties", "parameters", "enableNoPublicIp"),
                           f"{workspace.label} gives its clusters public IP addresses",
                           hint="set parameters.enableNoPublicIp.value to true")
            vnet = workspace.value("properties", "parameters", "customVirtualNetworkId")
            if vnet is MISSING:
                ctx.report(workspace.path_of("properties", "parameters"), f"{workspace.label} is not VNet-injected",
                           hint="set parameters.customVirtualNetworkId with the delegated subnets")
        for factory in ctx.resources("Microsoft.DataFactory/factories"):
            if factory.existing:
                continue
            access = factory.value("properties", "publicNetworkAccess")
            if access is MISSING:
                ctx.report(
                    factory.path_of("properties"),
                    f"{factory.label} leaves public network access on (the default)",
                    hint="set publicNetworkAccess to 'Disabled'",
                )
            networks = [
                r
                for r in factory.template.resources
                if r.type_lower == "microsoft.datafactory/factories/managedvirtualnetworks" and r.deployed is not False
            ]
            if not networks:
                ctx.report(factory.path, f"{factory.label} has no managed virtual network in this template",
                           hint="add a Microsoft.DataFactory/factories/managedVirtualNetworks 'default' child")
