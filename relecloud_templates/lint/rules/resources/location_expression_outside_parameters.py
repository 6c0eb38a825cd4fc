"""I3010: resourceGroup().location and deployment().location outside the defaults of parameters."""

from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.lint.rule import Rule, RuleContext

_SCOPES = {"resourcegroup", "deployment"}


class LocationExpressionOutsideParameters(Rule):
    id = "I3010"
    name = "location-expression-outside-parameters"
    default_enabled = False
    description = "resourceGroup().location and deployment().location are used only as parameter defaults."
    explanation = """A resource placed with `resourceGroup().location` goes wherever its resource group is, and the
person deploying cannot choose otherwise. Declare a `location` parameter whose default is
`resourceGroup().location` and place resources with it: the default stays the same, and the template can be
deployed elsewhere without editing it. Nested deployments are left alone (their location is the parent's
choice).

Off by default, as in the Bicep linter; turn it on with `--select I3010` or in the configuration.

Equivalents: ARM-TTK Location-Should-Not-Be-Hardcoded (its ban on these expressions outside parameters);
Bicep no-loc-expr-outside-params."""

    def check(self, ctx: RuleContext) -> None:
        deployments: dict[int, list[tuple[Any, ...]]] = {}  # template -> the paths of its nested deployment resources
        for site, tree in ctx.expressions():
            template = site.template
            if site.path[len(template.path):len(template.path) + 1] == ("parameters",):
                continue  # a parameter's default: where these belong
            if id(template) not in deployments:
                deployments[id(template)] = [r.path for r in template.resources if r.is_deployment]
            if any(site.path[:len(path)] == path for path in deployments[id(template)]):
                continue  # written on a nested deployment (its location, its parameters): the parent's choice
            for node in ex.walk(tree):
                if (isinstance(node, ex.Property) and node.name.lower() == "location"
                        and isinstance(node.target, ex.Call) and node.target.lower_name in _SCOPES
                        and not node.target.args):
                    ctx.report(site.path, f"{node.target.name}().location is used outside a parameter default",
                               offset=node.start, hint="declare a location parameter with this default, and use it")

