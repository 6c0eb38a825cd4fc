"""E1003: every dependsOn entry points at a resource of the same template."""

from relecloud_templates.arm.graph import dependencies
from relecloud_templates.arm.values import UNKNOWN
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.suggest import did_you_mean


class DependsOnValid(Rule):
    id = "E1003"
    name = "dependson-valid"
    description = "Each dependsOn entry names a resource (or copy loop) declared in the same template."
    explanation = """`dependsOn` may only name resources deployed by the same template: by name, by resource ID
(`resourceId(...)`), by copy loop name, or by symbolic name in languageVersion 2.0. An entry that matches
nothing fails the deployment ("The resource 'x' is not defined in the template"). Entries whose names cannot
be known before deployment are not judged.

Equivalents: cfn-lint E3005; the Bicep compiler (dependsOn takes symbolic names there)."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for resource in template.resources:
                for dep in dependencies(resource):
                    if dep.targets is UNKNOWN or dep.targets:
                        continue
                    names = [r.name for r in template.resources if isinstance(r.name, str) and r is not resource]
                    shown = dep.text if isinstance(dep.text, str) else repr(dep.text)
                    ctx.report(dep.path, f"{resource.label} depends on {shown}, which this template does not declare",
                               hint=did_you_mean(shown.strip("[]"), names) if names else "")
