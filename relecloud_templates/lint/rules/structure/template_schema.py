"""W0002: a template's $schema is a deployment template schema Azure publishes."""

from typing import Any

from relecloud_templates.lint.kinds import SCHEMA_HOST, TEMPLATE_SCHEMA_VERSIONS, template_schema_guess
from relecloud_templates.lint.rule import Rule, RuleContext


class TemplateSchema(Rule):
    id = "W0002"
    previous_ids = ("E0002",)
    name = "template-schema"
    description = "A template's $schema is one of the deployment template schemas Azure publishes, spelt as published."
    explanation = """The `$schema` of a deployment template names the template language and, by its file name, the
scope it is written for: `deploymentTemplate.json` (resource group), `subscriptionDeploymentTemplate.json`,
`managementGroupDeploymentTemplate.json`, `tenantDeploymentTemplate.json`, each at the versions Azure
publishes (2015-01-01 and 2019-04-01 for resource groups, 2018-05-01 for subscriptions, 2019-08-01 for
management groups and tenants). A `$schema` with a misspelt file name, host or version is checked as the
template it most resembles, and reported here, so that a typo never makes the linter pass a file it did not
recognise; editors and other tools that fetch the schema fail on it.

Where a template deploys is decided by the deployment, not by the `$schema`: a nested template may carry a
`$schema` of another scope (the Azure landing zone accelerator's do), and `http://` URLs work as well as
`https://` ones. Neither is reported.

Equivalents: ARM-TTK DeploymentTemplate-Schema-Is-Correct (which also insists on https); PSRule
Azure.Template.TemplateSchema and Azure.Template.TemplateScheme."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            schema = template.node.get("$schema")
            if schema is None and template.deployment is not None:
                continue  # a nested template may leave it out
            problem = _problem(schema)
            if problem:
                ctx.report(template.path + ("$schema",), problem,
                           hint="use e.g. https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#")


def _problem(schema: Any) -> str | None:
    if not isinstance(schema, str):
        return "the template has no $schema" if schema is None else "$schema must be a URL string"
    guess = template_schema_guess(schema)
    if guess is None:
        return f"$schema {schema!r} is not a deployment template schema"
    _, name = guess
    url = schema.split("#", 1)[0].rstrip("/")
    tail = url.rsplit("/", 1)[-1]
    if tail.lower() != name:
            return f"$schema file name {tail!r} is misspelt: did you mean {name!r}?"
    if SCHEMA_HOST not in url.lower():
        return f"$schema is not on {SCHEMA_HOST}: {schema!r}"
    version = url.rsplit("/", 2)[-2] if url.count("/") >= 2 else ""
    if version.lower() not in TEMPLATE_SCHEMA_VERSIONS[name]:
        known = ", ".join(TEMPLATE_SCHEMA_VERSIONS[name])
        return f"$schema version {version!r} does not exist for {tail} (Azure publishes {known})"
    return None
