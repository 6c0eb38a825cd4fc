"""W5005: administrator user names written into the template."""

from typing import Any

from relecloud_templates.arm.graph import uses
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.lint.helpers import is_literal, words
from relecloud_templates.lint.rule import Rule, RuleContext


def is_admin_username(name: str) -> bool:
    """adminUsername, administratorLogin, sqlAdministratorLogin, adminUserName; not adminUserEnabled."""
    parts = words(name)
    names_user = parts[-1:] in (("username",), ("login",)) or parts[-2:] == ("user", "name")
    return names_user and any(p.startswith("admin") for p in parts)


class AdminUsernameLiteral(Rule):
    id = "W5005"
    name = "admin-username-literal"
    profiles = {"security-baseline": "error"}
    description = "Administrator user names (adminUsername, administratorLogin...) are not hard-coded."
    explanation = """A fixed administrator name, the same in every environment and visible in the template, is
half of a credential handed to whoever guesses the password, and makes a leaked password usable everywhere.
Take it from a parameter. Hard-coding through a variable, or passing a literal into a nested deployment's
`adminUsername`-like parameter, counts as hard-coding, and so does a default value written for a parameter
named like an administrator user name: whoever deploys without giving it gets the well-known name (a nested
template's default is judged only when its deployment does not give the parameter).

Equivalents: Bicep adminusername-should-not-be-literal; ARM-TTK adminUsername-Should-Not-Be-A-Literal and
Usernames-Should-Not-Have-A-Default (a createUiDefinition test there; the same for template parameters here);
PSRule Azure.Deployment.AdminUsername."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            given = _given_by_deployment(template)
            for name, decl in template.parameters.items():
                default = decl.get("defaultValue") if isinstance(decl, dict) else None
                if name.lower() in given:
                    continue  # the deployment passes a value (judged there): this default is never used
                if is_admin_username(name) and isinstance(default, str) and default and is_literal(default):
                    ctx.report(template.path + ("parameters", name, "defaultValue"),
                               f"parameter '{name}' has the default user name '{default}'",
                               hint="remove the default, so that each deployment chooses its own")
        for resource in ctx.resources():
            properties = resource.raw("properties")
            if not isinstance(properties, dict):
                continue
            if resource.is_deployment:
                params = properties.get("parameters")
                if isinstance(params, dict):
                    for name, entry in params.items():
                        if is_admin_username(name) and isinstance(entry, dict) and isinstance(entry.get("value"), str):
                            self._judge(
                                ctx,
                                resource,
                                name,
                                entry["value"],
                                resource.path_of("properties", "parameters", name, "value"),
                            )
                continue
            stack: list[tuple[Any, tuple[Any, ...]]] = [(properties, resource.path_of("properties"))]
            while stack:
                node, path = stack.pop()
                if isinstance(node, dict):
                    for key, value in node.items():
                        if isinstance(value, str) and is_admin_username(key):
                            self._judge(ctx, resource, key, value, path + (key,))
                        elif isinstance(value, (dict, list)) and key not in ("metadata", "tags"):
                            stack.append((value, path + (key,)))
                elif isinstance(node, list):
                    stack.extend((v, path + (i,)) for i, v in enumerate(node))

    def _judge(self, ctx: RuleContext, resource: Resource, key: str, value: str, path: tuple[Any, ...]) -> None:
        if not value:
            return
        if is_literal(value):
            ctx.report(path, f"'{key}' of {resource.label} is the hard-coded user name '{value}'",
                       hint="take it from a parameter")
        elif not uses(value, "parameters") and uses(value, "variables"):
            known = resource.template.evaluator.evaluate(value)
            if isinstance(known, str):
                ctx.report(path, f"'{key}' of {resource.label} is the user name '{known}', hard-coded in a variable",
                           hint="take it from a parameter")


def _given_by_deployment(template: Template) -> set[str]:
    """Lower-case names of the parameters the deployment holding an inner-scope nested template passes to it."""
    if template.deployment is None or template.expression_scope != "inner":
        return set()
    given = template.deployment.raw("properties", "parameters")
    return {name.lower() for name in given} if isinstance(given, dict) else set()
