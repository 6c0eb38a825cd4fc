"""W7006: Synapse workspaces run in a managed network that cannot leak data."""

from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.lint.rule import Rule, RuleContext


class SynapseHardening(Rule):
    id = "W7006"
    previous_ids = ("E7006",)
    name = "synapse-hardening"
    profiles = {"data-landing-zone": "error"}
    description = (
        "Synapse workspaces use a managed virtual network with data exfiltration protection and no open firewall rule."
    )
    explanation = """A Synapse workspace in a landing zone runs its Spark and pipeline compute in a managed
virtual network (`managedVirtualNetwork: "default"`) with `managedVirtualNetworkSettings.preventDataExfiltration`
on, so that compute can only reach approved targets through managed private endpoints; both can only be set
when the workspace is created. A firewall rule from 0.0.0.0 to 255.255.255.255 opens the SQL endpoints to
the whole internet.

Equivalents: checkov CKV_AZURE_58, CKV_AZURE_157, CKV2_AZURE_19; PSRule has no GA Synapse rule."""

    def check(self, ctx: RuleContext) -> None:
        for workspace in ctx.resources("Microsoft.Synapse/workspaces"):
            if workspace.existing:
                continue
            network = workspace.value("properties", "managedVirtualNetwork")
            if network is not UNKNOWN and not (isinstance(network, str) and network.lower() == "default"):
                ctx.report(
                    workspace.path_of("properties", "managedVirtualNetwork")
                    if network is not MISSING
                    else workspace.path_of("properties"),
                    f"{workspace.label} has no managed virtual network",
                    hint='set managedVirtualNetwork to "default"',
                )
            exfiltration = workspace.value("properties", "managedVirtualNetworkSettings", "preventDataExfiltration")
            if exfiltration is not UNKNOWN and exfiltration is not True:
                ctx.report(workspace.path_of("properties", "managedVirtualNetworkSettings", "preventDataExfiltration"),
                           f"{workspace.label} does not prevent data exfiltration",
                           hint="set managedVirtualNetworkSettings.preventDataExfiltration to true")
        for rule in ctx.resources("Microsoft.Synapse/workspaces/firewallRules"):
            start = rule.value("properties", "startIpAddress")
            end = rule.value("properties", "endIpAddress")
            if start == "0.0.0.0" and end == "255.255.255.255":
                ctx.report(rule.path_of("properties"), f"{rule.label} opens the workspace to every internet address",
                           hint="allow only the addresses that need access, or use private endpoints")
