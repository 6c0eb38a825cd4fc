"""The reference graph of a template: which parameters, variables and functions expressions use, what each
``dependsOn`` entry points at, and dependency cycles.

Resolution is sound: an entry resolves to resources, to nothing (a certain dangling reference), or to
UNKNOWN when the names involved cannot be known from the files; rules report only the certain cases.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterator

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.arm.values import UNKNOWN

RESOURCE_ID_FUNCTIONS = {"resourceid", "subscriptionresourceid", "tenantresourceid", "managementgroupresourceid",
                         "extensionresourceid"}


def trees(value: Any) -> Iterator[ex.Node]:
    """The syntax trees of every (valid) expression string inside a raw JSON value."""
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, str):
            if ex.is_expression(current):
                tree = parse_cached(current)
                if not isinstance(tree, ex.ExpressionSyntaxError):
                    yield tree
        elif isinstance(current, dict):
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


def symbol_uses(tree: ex.Node, function: str) -> Iterator[tuple[str, ex.Call]]:
    """(name, call) for every ``parameters('name')`` / ``variables('name')`` with a literal name."""
    for call in ex.calls(tree, function):
        if call.args and isinstance(call.args[0], ex.StringLit):
            yield call.args[0].value, call


def uses(value: Any, function: str) -> set[str]:
    """Lower-case names of the parameters (``function="parameters"``) or variables a raw value uses."""
    return {name.lower() for tree in trees(value) for name, _ in symbol_uses(tree, function)}


def calls_any(value: Any, predicate) -> bool:
    """True when some expression in ``value`` calls a function whose lower-case name satisfies ``predicate``."""
    return any(
        isinstance(node, ex.Call) and node.namespace is None and predicate(node.lower_name)
        for tree in trees(value)
        for node in ex.walk(tree)
    )


def is_list_function(name: str) -> bool:
    return name.startswith("list") and len(name) > 4


# ---------------------------------------------------------------------------------------------------------
# dependsOn


@dataclass
class Dependency:
    path: tuple  # the dependsOn entry
    text: Any
    targets: Any  # list[Resource] (empty: certainly dangling) or UNKNOWN


def _matches_name(resource: Resource, wanted: str) -> Any:
    if resource.symbolic_name is not None and resource.symbolic_name.lower() == wanted:
        return True
    copy = resource.copy
    if copy is not None and isinstance(copy.get("name"), str) and copy["name"].lower() == wanted:
        return True
    if not isinstance(resource.name, str):
        return UNKNOWN
    name = resource.name.lower()
    if wanted == name or (resource.type and wanted == f"{resource.type_lower}/{name}"):
        return True
    # a resource id ending in .../providers/<type>/<name segments>
    if resource.type and "/providers/" in wanted:
        tail = wanted.rsplit("/providers/", 1)[1]
        return tail == _id_tail(resource.type_lower, name)
    return False


def _id_tail(full_type: str, full_name: str) -> str:
    """``Microsoft.Network/virtualNetworks/subnets`` + ``vnet/snet`` -> ``microsoft.network/virtualnetworks/vnet/subnets/snet``."""
    namespace, *types = full_type.split("/")
    names = full_name.split("/")
    parts = [namespace]
    for i, t in enumerate(types):
        parts.append(t)
        if i < len(names):
            parts.append(names[i])
    return "/".join(parts).lower()


def resource_id_parts(call: ex.Call, template: Template) -> tuple[Any, list[Any]] | None:
    """(type, [name segments]) of a resourceId()-family call, each known value or UNKNOWN; None when the
    call's shape gives no type."""
    args = [template.evaluator.evaluate_node(a) for a in call.args]
    if call.lower_name == "extensionresourceid":
        args = args[1:]
    for i, arg in enumerate(args):
        if isinstance(arg, str) and "/" in arg and "." in arg.split("/", 1)[0]:
            return arg, args[i + 1:]
    return None


def _resolve(entry: Any, template: Template) -> Any:
    candidates = template.resources
    if isinstance(entry, str) and not ex.is_expression(entry):
        wanted = ex.literal_value(entry).lower()
    else:
        tree = parse_cached(entry) if isinstance(entry, str) else None
        if tree is None or isinstance(tree, ex.ExpressionSyntaxError):
            return UNKNOWN
        if isinstance(tree, ex.Call) and tree.lower_name in RESOURCE_ID_FUNCTIONS:
            parts = resource_id_parts(tree, template)
            if parts is None:
                return UNKNOWN
            type_, names = parts
            if any(not isinstance(n, str) for n in names):
                return UNKNOWN
            by_type, some_untyped = template.resources_by_type()
            same_type = by_type.get(type_.lower(), [])
            if some_untyped:
                return UNKNOWN
            wanted_name = "/".join(names).lower()
            if any(not isinstance(r.name, str) for r in same_type):
                return UNKNOWN
            return [r for r in same_type if r.name.lower() == wanted_name]
        value = template.evaluator.evaluate(entry)
        if not isinstance(value, str):
            return UNKNOWN
        wanted = value.lower()
    found, uncertain = [], False
    for resource in candidates:
        match = _matches_name(resource, wanted)
        if match is True:
            found.append(resource)
        elif match is UNKNOWN:
            uncertain = True
    if found:
        return found
    return UNKNOWN if uncertain else []


def dependencies(resource: Resource) -> list[Dependency]:
    if resource.resolved_dependencies is None:
        entries = resource.node.get("dependsOn")
        if not isinstance(entries, list):
            resource.resolved_dependencies = []
        else:
            key = next(k for k in resource.node if k == "dependsOn")
            resource.resolved_dependencies = [
                Dependency(resource.path + (key, i), entry, _resolve(entry, resource.template))
                for i, entry in enumerate(entries)
            ]
    return resource.resolved_dependencies


def dependency_cycles(template: Template) -> list[list[Resource]]:
    """Cycles among the resources of one template (explicit dependsOn and inline parents), each once, in
    document order of their first member."""
    edges: dict[int, list[Resource]] = {}
    for resource in template.resources:
        targets = [t for d in dependencies(resource) if isinstance(d.targets, list) for t in d.targets]
        if resource.parent is not None:
            targets.append(resource.parent)
        edges[id(resource)] = targets
    order = {id(r): i for i, r in enumerate(template.resources)}
    cycles: list[list[Resource]] = []
    seen_sets: set[frozenset] = set()
    # Tarjan's strongly connected components, iteratively (templates can be deep)
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    on_stack: set[int] = set()
    stack: list[Resource] = []
    counter = 0
    for start in template.resources:
        if id(start) in index:
            continue
        work = [(start, 0)]
        while work:
            node, child_i = work.pop()
            nid = id(node)
            if child_i == 0:
                index[nid] = low[nid] = counter
                counter += 1
                stack.append(node)
                on_stack.add(nid)
            children = edges.get(nid, [])
            if child_i < len(children):
                work.append((node, child_i + 1))
                child = children[child_i]
                cid = id(child)
                if cid not in index:
                    work.append((child, 0))
                elif cid in on_stack:
                    low[nid] = min(low[nid], index[cid])
                continue
            if low[nid] == index[nid]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(id(member))
                    component.append(member)
                    if member is node:
                        break
                is_cycle = len(component) > 1 or node in edges.get(nid, [])
                key = frozenset(id(m) for m in component)
                if is_cycle and key not in seen_sets:
                    seen_sets.add(key)
                    cycles.append(sorted(component, key=lambda r: order[id(r)]))
            if work:
                parent = work[-1][0]
                low[id(parent)] = min(low[id(parent)], low[nid])
    return sorted(cycles, key=lambda c: order[id(c[0])])
