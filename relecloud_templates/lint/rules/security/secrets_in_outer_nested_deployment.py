"""E5006: secrets handed to an outer-scope nested deployment."""

from relecloud_templates.lint.helpers import secret_sources
from relecloud_templates.lint.rule import Rule, RuleContext


class SecretsInOuterNestedDeployment(Rule):
    id = "E5006"
    name = "secrets-in-outer-nested-deployment"
    description = "Nested deployments with outer scope do not use secure parameters or list*() results."
    explanation = """A nested deployment with outer scope (the default!) evaluates its template in the parent's
scope and stores the evaluated template, secrets included, in the nested deployment's history, readable by
anyone who can read deployments. Use `expressionEvaluationOptions: {"scope": "inner"}` and pass secrets as
secure parameters of the nested template.

Equivalents: Bicep secure-params-in-nested-deploy; ARM-TTK Secure-Params-In-Nested-Deployments; PSRule
Azure.Deployment.OuterSecret."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            if template.expression_scope != "outer":
                continue
            sources = list(secret_sources(template.node, template))
            if sources:
                deployment = template.deployment
                ctx.report(
                    deployment.path_of("properties", "template"),
                    f"{deployment.label} has outer scope and its template uses {sources[0]}: the value is stored "
                    "in clear text in the deployment history",
                    hint='set "expressionEvaluationOptions": {"scope": "inner"} and pass it as a secure parameter',
                )
