"""W1006: reference() and list*() calls that ARM cannot resolve, and providers().apiVersions."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.graph import is_list_function
from relecloud_templates.lint.rule import Rule, RuleContext


class ReferenceFunctionHygiene(Rule):
    id = "W1006"
    name = "reference-function-hygiene"
    description = (
        "reference() of a resource this template does not deploy names an apiVersion; no providers().apiVersions."
    )
    explanation = """`reference('name')` without an API version only works for a resource deployed by the same
template; for any other resource ARM needs the API version (`reference(resourceId(...), '2023-01-01')`) and
fails the deployment otherwise. `providers(...).apiVersions[0]` picks whatever API version is newest on the
day of deployment, so the same template deploys differently over time: write the version.

Equivalents: ARM-TTK providers_apiVersions-Is-Not-Permitted; Bicep use-resource-symbol-reference. (The age of
the API versions given to reference() is I3005's.)"""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            names = {r.name.lower() for r in template.resources if isinstance(r.name, str)}
            symbolic = {r.symbolic_name.lower() for r in template.resources if r.symbolic_name}
            all_known = all(isinstance(r.name, str) for r in template.resources)
            for site in template.sites:
                tree = site.tree
                if isinstance(tree, ex.ExpressionSyntaxError) or site.function is not None:
                    continue
                for node in ex.walk(tree):
                    if isinstance(node, ex.Property) and node.name.lower() == "apiversions" and \
                            isinstance(node.target, ex.Call) and node.target.lower_name == "providers":
                        ctx.report(site.path, "providers().apiVersions picks the API version at deployment time",
                                   offset=node.start, hint="write the API version as a literal")
                    if not isinstance(node, ex.Call) or node.namespace is not None:
                        continue
                    if (node.lower_name == "reference" or is_list_function(node.lower_name)) and len(node.args) == 1:
                        target = node.args[0]
                        if isinstance(target, ex.StringLit) and all_known:
                            wanted = target.value.lower()
                            if wanted not in names and wanted not in symbolic:
                                ctx.report(
                                    site.path,
                                    f"{node.name}('{target.value}') names no resource of this template and gives "
                                    "no API version",
                                    offset=node.start,
                                    hint="pass the resource ID and its API version",
                                )
