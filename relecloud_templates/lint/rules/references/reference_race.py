"""E1011: reference() or list*() of a resource of the same template, given its resource ID, needs a dependsOn path."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.graph import dependencies, is_list_function
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.arm.values import UNKNOWN
from relecloud_templates.arm.vocabulary import is_resource_type
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.references.unnecessary_dependson import _named, _sites_by_resource

# The resource ID function that names a resource of a template deployed at each scope.
_SAME_SCOPE_FUNCTION = {"resourceGroup": "resourceid", "subscription": "subscriptionresourceid",
                        "managementGroup": "managementgroupresourceid", "tenant": "tenantresourceid"}


class ReferenceRace(Rule):
    id = "E1011"
    name = "reference-race"
    description = (
        "reference() or list*() of a resource this template deploys, given its resource ID, has a dependsOn path to it."
    )
    explanation = """Azure Resource Manager orders a resource after another of the same template only when it
depends on it: through `dependsOn` (directly or through other resources), as an inline child of it, or by
reading it with `reference('name')` / `listKeys('name', ...)` given its *name*. A call given the resource's
*ID* (`reference(resourceId('Microsoft.Network/privateEndpoints', 'pe'), '2023-09-01')`) creates no
dependency (ARM documents this), so both resources may be deployed at the same time: the call then fails with
ResourceNotFound, or succeeds only when the other resource happens to finish first. A deployment that works
once and fails the next time is the usual symptom.

Add the resource ID to the reader's `dependsOn` (or pass the name instead of the ID). Only resources this
template deploys are judged; calls in outputs run after every resource and are never a race. A `resourceId()`
with a subscription or resource group argument other than the template's own, and resources whose
dependencies cannot be resolved from the file, are not judged.

Equivalents: none in the Bicep linter (Bicep adds the dependency when a symbolic name is used); ARM-TTK
DependsOn-Best-Practices covers the opposite case."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            if len(template.resources) < 2:
                continue
            sites = _sites_by_resource(template)
            graph: _DependencyGraph | None = None  # built only for templates that read a resource by ID
            for reader, site, call, target in _reads_by_id(template, sites):
                graph = graph or _DependencyGraph(template, sites)
                if graph.reaches(reader, target) is False:
                    ctx.report(site.path, f"{reader.label} reads {target.label} with {call.name}() given its "
                                          "resource ID, but does not depend on it: ARM may deploy both at once",
                               offset=call.start,
                               hint=f"add the resource ID of {target.label} to the dependsOn of {reader.label}")


def _reads_by_id(
    template: Template, sites: dict[tuple[Any, ...], list[Any]]
) -> Iterator[tuple[Resource, Any, ex.Call, Resource]]:
    """(reader, site, call, target): each deployed resource's first read, by resource ID, of another one."""
    for reader in template.resources:
        if reader.deployed is False:
            continue
        seen: set[int] = set()
        for site in sites.get(reader.path, ()):
            tree = site.tree
            if isinstance(tree, ex.ExpressionSyntaxError):
                continue
            for call, target in _targets_by_id(tree, template):
                if target is not reader and id(target) not in seen and target.deployed is not False:
                    seen.add(id(target))
                    yield reader, site, call, target


def _named_by_id(entry: Any, template: Template) -> Any:
    """The resource a ``dependsOn`` entry that ``graph.dependencies`` left unresolved names by resource ID (its
    name compared as written, see ``_NameIndex``); UNKNOWN when none or several match."""
    tree = parse_cached(entry) if isinstance(entry, str) and ex.is_expression(entry) else None
    if not isinstance(tree, ex.Call) or tree.lower_name not in ("resourceid", "extensionresourceid",
                                                                 _SAME_SCOPE_FUNCTION.get(template.scope)):
        return UNKNOWN
    found = _NameIndex.of(template).find(tree)
    return [found] if found is not None else UNKNOWN


OWN = ("own",)  # the template's own deployment scope


class _NameIndex:
    """The resources of one template by type and name, where a name part that cannot be evaluated is kept as
    the text of its expression: ``resourceId('T', parameters('n'))`` names the resource whose name is written
    ``[parameters('n')]``, since the same expression in the same template has the same value."""

    def __init__(self, template: Template):
        self.template = template
        self.keys: dict[tuple[Any, ...], list[Resource]] = {}
        for resource in template.resources:
            key = self._resource_key(resource)
            if key is not None:
                self.keys.setdefault(key, []).append(resource)

    @classmethod
    def of(cls, template: Template) -> _NameIndex:
        index = template.__dict__.get("_race_names")
        if index is None:
            index = template.__dict__["_race_names"] = cls(template)
        return index

    def find(self, id_call: ex.Call) -> Resource | None:
        """The one resource that ``id_call`` (a resourceId()-family call) names, or None."""
        parts = self._split_id_call(id_call)
        if parts is None:
            return None
        where, type_, names = parts
        segments: list[tuple[str, str]] = []
        for node in names:
            segments.extend(self._segments(node))
        matches = self.keys.get((where, type_.lower(), tuple(segments)), [])
        return matches[0] if len(matches) == 1 else None

    def _split_id_call(self, call: ex.Call) -> tuple[tuple[Any, ...], str, tuple[Any, ...]] | None:
        """(where, type, name argument nodes) of a resource ID call; ``where`` is OWN for the template's own scope
        or the (subscription, resource group) of a resource group the template deploys into. None when the
        call's shape says nothing certain."""
        args = list(call.args)
        where: tuple[Any, ...] = OWN
        if call.lower_name == "extensionresourceid":
            if not args:
                return None
            extended = self._group_scope(args.pop(0))
            if extended is None:
                return None
            where = extended
        for i, arg in enumerate(args):
            value = self.template.evaluator.evaluate_node(arg)
            if is_resource_type(value):
                leading = args[:i]
                if call.lower_name == "resourceid" and len(leading) in (1, 2) and not _is_own_scope(leading[-1]):
                    subscription = leading[0] if len(leading) == 2 else None
                    where = ("group", self._subscription(subscription), tuple(self._segments(leading[-1])))
                elif not all(_is_own_scope(a) for a in leading):
                    return None
                return where, value, tuple(args[i + 1:])
        return None

    def _group_scope(self, node: ex.Node) -> tuple[Any, ...] | None:
        """``format('/subscriptions/{0}/resourceGroups/{1}', S, G)`` as ("group", S, G)."""
        if (
            isinstance(node, ex.Call)
            and node.lower_name == "format"
            and len(node.args) == 3
            and isinstance(node.args[0], ex.StringLit)
            and node.args[0].value.lower() == "/subscriptions/{0}/resourcegroups/{1}"
        ):
            return "group", self._subscription(node.args[1]), tuple(self._segments(node.args[2]))
        return None

    def _subscription(self, node: ex.Node | None) -> tuple[Any, ...]:
        if node is None or _is_own_scope(node):
            return ("own",)
        return tuple(self._segments(node))

    def _resource_key(self, resource: Resource) -> tuple[Any, ...] | None:
        if resource.type is None or resource.copy is not None:
            return None
        where: tuple[Any, ...] = OWN
        group = resource.node.get("resourceGroup")
        if resource.is_deployment and group is not None:
            subscription = resource.node.get("subscriptionId")
            group_segments = self._raw_segments(group)
            if group_segments is None:  # not a name (a number, an object): nothing certain
                return None
            where = ("group", self._raw_subscription(subscription), tuple(group_segments))
        segments: list[tuple[str, str]] = []
        for holder in reversed(list(_inline_chain(resource))):
            found = self._raw_segments(holder.node.get("name"))
            if found is None:
                return None
            segments.extend(found)
        return where, resource.type_lower, tuple(segments)

    def _raw_segments(self, raw: Any) -> list[tuple[str, str]] | None:
        """The name segments of a value as written in the template (a literal or an expression string)."""
        if not isinstance(raw, str):
            return None
        if not ex.is_expression(raw):
            return [("literal", part.lower()) for part in ex.literal_value(raw).split("/")]
        tree = parse_cached(raw)
        return None if isinstance(tree, ex.ExpressionSyntaxError) else self._segments(tree)

    def _raw_subscription(self, raw: Any) -> tuple[Any, ...]:
        if raw is None:
            return ("own",)
        tree = parse_cached(raw) if isinstance(raw, str) and ex.is_expression(raw) else None
        if tree is not None and not isinstance(tree, ex.ExpressionSyntaxError) and _is_own_scope(tree):
            return ("own",)
        return tuple(self._raw_segments(raw) or ())

    def _segments(self, node: ex.Node) -> list[tuple[str, str]]:
        value = self.template.evaluator.evaluate_node(node)
        if isinstance(value, str):
            return [("literal", part.lower()) for part in value.split("/")]
        if (
            isinstance(node, ex.Call)
            and node.lower_name == "format"
            and node.args
            and isinstance(node.args[0], ex.StringLit)
        ):
            pieces = node.args[0].value.split("/")
            if all(p.startswith("{") and p.endswith("}") and p[1:-1].isdigit() for p in pieces):
                found = []
                for piece in pieces:
                    index = int(piece[1:-1]) + 1
                    if index >= len(node.args):
                        return [("expression", ex.to_text(node))]
                    found.extend(self._segments(node.args[index]))
                return found
        return [("expression", ex.to_text(node))]


def _inline_chain(resource: Resource) -> Iterator[Resource]:
    node: Resource | None = resource
    while node is not None:
        yield node
        node = node.parent


def _targets_by_id(tree: ex.Node, template: Template) -> Iterator[tuple[ex.Call, Resource]]:
    """(call, resource) for each reference()/list*() call whose first argument is the resource ID of exactly one
    resource of ``template``."""
    for node in ex.walk(tree):
        if not isinstance(node, ex.Call) or node.namespace is not None or not node.args:
            continue
        if node.lower_name != "reference" and not is_list_function(node.lower_name):
            continue
        id_call = _resource_id_call(node.args[0], template)
        target = _NameIndex.of(template).find(id_call) if id_call is not None else None
        if target is not None:
            yield node, target


def _resource_id_call(arg: ex.Node, template: Template) -> ex.Call | None:
    """``arg`` (or the variable it names) as the resource ID function of the template's own scope."""
    if (
        isinstance(arg, ex.Call)
        and arg.lower_name == "variables"
        and arg.args
        and isinstance(arg.args[0], ex.StringLit)
    ):
        raw = template.symbols.variables.get(arg.args[0].value)
        if not isinstance(raw, str) or not ex.is_expression(raw):
            return None
        arg = parse_cached(raw)
    if not isinstance(arg, ex.Call) or arg.namespace is not None:
        return None
    if arg.lower_name not in ("resourceid", "extensionresourceid", _SAME_SCOPE_FUNCTION.get(template.scope)):
        return None
    return arg


def _is_own_scope(arg: ex.Node) -> bool:
    """``subscription().subscriptionId`` or ``resourceGroup().name``: the template's own scope, written out."""
    return (
        isinstance(arg, ex.Property)
        and isinstance(arg.target, ex.Call)
        and not arg.target.args
        and (arg.target.lower_name, arg.name.lower()) in (("subscription", "subscriptionid"), ("resourcegroup", "name"))
    )


class _DependencyGraph:
    """Who waits for whom in one template: dependsOn entries, inline parents, reference()/list*() by name."""

    def __init__(self, template: Template, sites: dict[tuple[Any, ...], list[Any]]):
        self.edges: dict[int, list[Resource]] = {}
        self.uncertain: set[int] = set()
        for resource in template.resources:
            targets: list[Resource] = []
            for dep in dependencies(resource):
                found = dep.targets if dep.targets is not UNKNOWN else _named_by_id(dep.text, template)
                if found is UNKNOWN:
                    self.uncertain.add(id(resource))
                else:
                    targets.extend(found)
            if resource.parent is not None:
                targets.append(resource.parent)
            targets.extend(_referenced_by_name(resource, template, sites.get(resource.path, [])))
            self.edges[id(resource)] = targets

    def reaches(self, start: Resource, goal: Resource) -> Any:
        """True when ``start`` waits for ``goal``; False when certainly not; UNKNOWN when a dependency on the way
        cannot be resolved."""
        seen, stack, uncertain = {id(start)}, [start], False
        while stack:
            node = stack.pop()
            uncertain = uncertain or id(node) in self.uncertain
            for target in self.edges.get(id(node), ()):
                if target is goal:
                    return True
                if id(target) not in seen:
                    seen.add(id(target))
                    stack.append(target)
        return UNKNOWN if uncertain else False


def _referenced_by_name(resource: Resource, template: Template, sites: list[Any]) -> Iterator[Resource]:
    for site in sites:
        tree = site.tree
        if isinstance(tree, ex.ExpressionSyntaxError):
            continue
        for node in ex.walk(tree):
            if not isinstance(node, ex.Call) or node.namespace is not None or not node.args:
                continue
            if node.lower_name != "reference" and not is_list_function(node.lower_name):
                continue
            name = template.evaluator.evaluate_node(node.args[0])
            if isinstance(name, str) and "/" not in name:
                yield from (r for r in template.resources if r is not resource and _named(r, name.lower()))
