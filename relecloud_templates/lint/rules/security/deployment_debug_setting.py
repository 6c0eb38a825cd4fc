"""W5007: nested deployments that log their request or response content."""

from relecloud_templates.lint.rule import Rule, RuleContext


class DeploymentDebugSetting(Rule):
    id = "W5007"
    name = "deployment-debug-setting"
    profiles = {"security-baseline": "error"}
    description = "Deployments do not set debugSetting.detailLevel (it logs request and response content)."
    explanation = """`debugSetting.detailLevel` of `requestContent`/`responseContent` makes ARM keep the full
request and response bodies of the deployment, which can include secrets and keys returned by resource
providers, for anyone who can read the deployment's operations. Use it while debugging, never in a template
that is committed.

Equivalents: ARM-TTK Deployment-Resources-Must-Not-Be-Debug; PSRule Azure.Template.DebugDeployment."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources("Microsoft.Resources/deployments"):
            level = resource.value("properties", "debugSetting", "detailLevel")
            if isinstance(level, str) and level.strip().lower() not in ("", "none"):
                ctx.report(resource.path_of("properties", "debugSetting", "detailLevel"),
                           f"{resource.label} logs '{level}' of its operations", hint="remove debugSetting")
