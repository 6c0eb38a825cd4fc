"""E0002: a nested template's $schema declares another scope than the one it deploys at."""

from relecloud_templates.arm.template import schema_scope
from relecloud_templates.lint.rule import Rule, RuleContext


class TemplateSchema(Rule):
    id = "E0002"
    name = "template-schema"
    description = "A template's $schema matches the scope it is deployed at, nested templates included."
    explanation = """The `$schema` of a deployment template names its scope: `deploymentTemplate.json` (resource
group), `subscriptionDeploymentTemplate.json`, `managementGroupDeploymentTemplate.json`,
`tenantDeploymentTemplate.json`. An inline nested template deploys where its deployment resource points
(`resourceGroup`, `subscriptionId`, `scope`); a `$schema` naming another scope means the template was written
for somewhere else and its resources will be created (or rejected) at the wrong level. The `$schema` must also
be an https URL, as every tool that fetches it expects.

Equivalents: ARM-TTK DeploymentTemplate-Schema-Is-Correct; PSRule Azure.Template.TemplateSchema and
Azure.Template.TemplateScheme."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            schema = template.node.get("$schema")
            if isinstance(schema, str) and schema.lower().startswith("http://"):
                ctx.report(template.path + ("$schema",), "the $schema URL uses http; use https",
                           hint=schema.replace("http://", "https://", 1))
            if template.deployment is None:
                continue
            declared = schema_scope(schema)
            if declared is None:
                continue
            deployment = template.deployment
            actual = _deployment_target(deployment, template.parent.scope if template.parent else "resourceGroup")
            if actual is not None and actual != declared:
                ctx.report(template.path + ("$schema",),
                           f"this nested template's $schema is for {declared} deployments, but {deployment.label} "
                           f"deploys it at {actual} scope",
                           hint="use the $schema of the scope it deploys at, or fix the deployment's target")


def _deployment_target(deployment, parent_scope: str) -> str | None:
    keys = {k.lower() for k in deployment.node if isinstance(k, str)}
    if "resourcegroup" in keys:
        return "resourceGroup"
    if "scope" in keys:
        return None  # tenant / management group targets are expressions we do not resolve
    if "subscriptionid" in keys:
        return "subscription" if parent_scope != "resourceGroup" or "location" in keys else "resourceGroup"
    return parent_scope
