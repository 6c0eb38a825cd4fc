"""W1004: dependsOn entries that a reference() or list*() call of the same resource already implies."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.graph import dependencies, is_list_function
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.lint.helpers import generated_by_bicep
from relecloud_templates.lint.rule import Rule, RuleContext

# reference() calls under these may never run (ARM short-circuits them), so they may imply nothing.
_CONDITIONAL = {"if", "and", "or", "coalesce"}


class UnnecessaryDependsOn(Rule):
    id = "W1004"
    name = "unnecessary-dependson"
    description = (
        "No dependsOn entry for a resource that the same resource already reaches by name with reference() or list*()."
    )
    explanation = """Azure Resource Manager orders a resource after every resource of the same template that its
properties read with `reference('name')` or `listKeys('name', ...)` (or, in languageVersion 2.0, through the
symbolic name). A `dependsOn` entry for the same resource adds nothing and must be kept in step when the
reference changes. The implicit dependency exists only when the call names the resource by its *name*: a
call given a resource ID (`reference(resourceId(...))`) implies no dependency, so its `dependsOn` entry is
needed and never reported. Calls inside `if()`, `and()`, `or()` or `coalesce()` may be skipped at deployment
and are not counted either. Templates the Bicep compiler wrote (`metadata._generator`) are not judged: the
compiler writes those dependsOn lists, not the author.

Equivalents: Bicep no-unnecessary-dependson; cfn-lint W3005."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            if generated_by_bicep(template):
                continue  # the compiler wrote these dependsOn lists; the Bicep source has none to remove
            dependents = [r for r in template.resources if r.node.get("dependsOn")]
            if not dependents:
                continue
            sites = _sites_by_resource(template)
            for resource in dependents:
                implied = {id(t): t for t in _referenced_by_name(resource, sites.get(resource.path, []))}
                for dep in dependencies(resource) if implied else ():
                    if isinstance(dep.targets, list) and len(dep.targets) == 1 and id(dep.targets[0]) in implied:
                        ctx.report(
                            dep.path,
                            f"{resource.label} depends on {dep.targets[0].label}, which its properties "
                            "already reference by name: the dependency is implicit",
                            hint="remove this dependsOn entry",
                        )


def _sites_by_resource(template: Template) -> dict[tuple[Any, ...], list[Any]]:
    """The expression sites of each resource of ``template`` (by resource path), its inline children's and its
    dependsOn list left out. Found once per template (kept on it) for the three rules that ask: this one, E1011
    and the cross-deployment reads; they only read it."""
    owned: dict[tuple[Any, ...], list[Any]] | None = template.__dict__.get("_sites_by_resource")
    if owned is None:
        paths = {r.path for r in template.resources}
        owned = template.__dict__["_sites_by_resource"] = {}
        for site in template.sites:
            path = site.path
            for end in range(len(path) - 1, 1, -1):
                if path[end - 2] != "resources":
                    continue  # a resource's path ends with ("resources", its index or symbolic name)
                owner = path[:end]
                if owner in paths:
                    if path[end] != "dependsOn":
                        owned.setdefault(owner, []).append(site)
                    break
    return owned


def _referenced_by_name(resource: Resource, sites: list[Any]) -> Iterator[Resource]:
    """The resources of the same template that ``resource``'s own expressions pass by name (or symbolic name)
    to reference() or a list*() function, outside conditional branches."""
    template = resource.template
    for site in sites:
        tree = site.tree
        if isinstance(tree, ex.ExpressionSyntaxError):
            continue
        for call in _unconditional_calls(tree):
            if not call.args or not (call.lower_name == "reference" or is_list_function(call.lower_name)):
                continue
            name = template.evaluator.evaluate_node(call.args[0])
            if not isinstance(name, str) or "/" in name:
                continue  # unknown, or a resource ID: no implicit dependency
            matches = [r for r in template.resources if r is not resource and _named(r, name.lower())]
            if len(matches) == 1:
                yield matches[0]


def _named(resource: Resource, wanted: str) -> bool:
    if resource.symbolic_name is not None and resource.symbolic_name.lower() == wanted:
        return True
    return isinstance(resource.name, str) and resource.name.lower() == wanted


def _unconditional_calls(tree: ex.Node) -> Iterator[ex.Call]:
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ex.Call):
            if node.namespace is None and node.lower_name in _CONDITIONAL:
                continue
            yield node
            stack.extend(node.args)
        elif isinstance(node, ex.Property):
            stack.append(node.target)
        elif isinstance(node, ex.Index):
            stack.extend((node.target, node.index))
