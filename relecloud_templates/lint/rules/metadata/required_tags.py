"""W4002: resources carry the tags the organisation requires."""

from relecloud_templates.arm.values import MISSING, UNKNOWN
from relecloud_templates.lint.rule import Rule, RuleContext

# Top-level resource types of a cloud-scale analytics estate that accept tags (child and extension
# resources such as diagnostic settings and role assignments do not).
TAGGABLE = {
    "microsoft.storage/storageaccounts", "microsoft.keyvault/vaults", "microsoft.synapse/workspaces",
    "microsoft.synapse/privatelinkhubs", "microsoft.databricks/workspaces", "microsoft.datafactory/factories",
    "microsoft.purview/accounts", "microsoft.containerregistry/registries", "microsoft.network/virtualnetworks",
    "microsoft.network/networksecuritygroups", "microsoft.network/routetables", "microsoft.network/privateendpoints",
    "microsoft.network/privatednszones", "microsoft.network/azurefirewalls", "microsoft.network/firewallpolicies",
    "microsoft.network/publicipaddresses", "microsoft.network/publicipprefixes", "microsoft.network/bastionhosts",
    "microsoft.operationalinsights/workspaces", "microsoft.insights/components", "microsoft.eventhub/namespaces",
    "microsoft.sql/servers", "microsoft.documentdb/databaseaccounts", "microsoft.machinelearningservices/workspaces",
    "microsoft.containerservice/managedclusters", "microsoft.managedidentity/userassignedidentities",
    "microsoft.resources/resourcegroups", "microsoft.cognitiveservices/accounts", "microsoft.search/searchservices",
    "microsoft.dbformysql/servers", "microsoft.dbforpostgresql/servers", "microsoft.streamanalytics/clusters",
    "microsoft.devices/iothubs", "microsoft.compute/virtualmachinescalesets", "microsoft.network/loadbalancers",
}


class RequiredTags(Rule):
    id = "W4002"
    name = "required-tags"
    default_enabled = False
    profiles = {"data-landing-zone": "warning"}
    description = "Taggable resources have tags, including every tag in the 'required' option."
    explanation = """Tags are how cost, ownership and data classification are found across an estate: a resource
without them is an orphan in every report. This rule asks every top-level resource of a taggable type to have
`tags`; with the `required` option (for example
`required-tags = { required = ["Environment", "Owner", "CostCenter"] }`) it also asks for each named tag,
case-insensitively, wherever the tags' keys are known.

Equivalents: PSRule Azure.Resource.UseTags, Azure.Resource.RequiredTags; cfn-lint E3024."""
    options = {"required": []}

    def check(self, ctx: RuleContext) -> None:
        required = [str(t) for t in ctx.options["required"]]
        for resource in ctx.resources():
            if resource.type_lower not in TAGGABLE or resource.parent is not None or resource.existing:
                continue
            tags = resource.value("tags")
            if tags is MISSING or tags is None:
                ctx.report(resource.path, f"{resource.label} has no tags", hint='add "tags": {...}')
                continue
            if tags is UNKNOWN or not isinstance(tags, dict):
                continue
            present = {k.lower() for k in tags}
            missing = [t for t in required if t.lower() not in present]
            if missing:
                ctx.report(
                    resource.path_of("tags"),
                    f"{resource.label} lacks the required tag{'s' if len(missing) > 1 else ''} "
                    + ", ".join(repr(t) for t in missing),
                )
