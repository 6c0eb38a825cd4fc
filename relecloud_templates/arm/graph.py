"""The reference graph of a template: which parameters, variables and functions expressions use, what each
``dependsOn`` entry points at, and dependency cycles; with the one implementation of cycles and dependency
order for any directed graph (the manifest's products and the planner's units use it too).

Resolution is sound: an entry resolves to resources, to nothing (a certain dangling reference), or to
UNKNOWN when the names involved cannot be known from the files; rules report only the certain cases.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.arm.values import UNKNOWN
from relecloud_templates.arm.vocabulary import RESOURCE_ID_FUNCTIONS, is_resource_type


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


def calls_any(value: Any, predicate: Callable[[str], bool]) -> bool:
    """True when some expression in ``value`` calls a function whose lower-case name satisfies ``predicate``."""
    return any(
        isinstance(node, ex.Call) and node.namespace is None and predicate(node.lower_name)
        for tree in trees(value)
        for node in ex.walk(tree)
    )


def is_list_function(name: str) -> bool:
    """listKeys(), listSecrets(), listAccountSas()... and the generic list(): they return a resource's secrets."""
    return name.startswith("list")


# ---------------------------------------------------------------------------------------------------------
# dependsOn


@dataclass
class Dependency:
    path: tuple[Any, ...]  # the dependsOn entry
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
    """``Microsoft.Network/virtualNetworks/subnets`` + ``vnet/snet`` ->
    ``microsoft.network/virtualnetworks/vnet/subnets/snet``."""
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
    call's shape gives no type. A trailing '/' of the type (``'Microsoft.Network/virtualNetworks/'``), which ARM
    ignores, is dropped."""
    args = [template.evaluator.evaluate_node(a) for a in call.args]
    if call.lower_name == "extensionresourceid":
        args = args[1:]
    for i, arg in enumerate(args):
        if is_resource_type(arg):
            return arg.rstrip("/"), args[i + 1:]
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
    def targets(resource: Resource) -> list[Resource]:
        found = [t for d in dependencies(resource) if isinstance(d.targets, list) for t in d.targets]
        return found + [resource.parent] if resource.parent is not None else found

    return cycles(template.resources, targets)


# ---------------------------------------------------------------------------------------------------------
# Directed graphs: the one implementation of cycles and dependency order (resources, products, units)

Node = TypeVar("Node", bound=Hashable)


def cycles(nodes: Sequence[Node], edges: Callable[[Node], Iterable[Node]]) -> list[list[Node]]:
    """Every cycle of the graph as a strongly connected component (more than one node, or one node with an
    edge to itself), members in the order of ``nodes``, the components in the order of their first member.
    Edges to nodes outside ``nodes`` are ignored. Iterative Tarjan: linear, and no recursion limit."""
    order = {node: i for i, node in enumerate(nodes)}
    successors = {node: [t for t in edges(node) if t in order] for node in nodes}
    index: dict[Node, int] = {}
    low: dict[Node, int] = {}
    on_stack: set[Node] = set()
    stack: list[Node] = []
    found: list[list[Node]] = []
    for start in nodes:
        if start in index:
            continue
        work: list[tuple[Node, int]] = [(start, 0)]
        while work:
            node, child_i = work.pop()
            if child_i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            children = successors[node]
            if child_i < len(children):
                work.append((node, child_i + 1))
                child = children[child_i]
                if child not in index:
                    work.append((child, 0))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1 or node in successors[node]:
                    found.append(sorted(component, key=order.__getitem__))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(found, key=lambda component: order[component[0]])


def cycle_path(component: Sequence[Node], edges: Callable[[Node], Iterable[Node]]) -> list[Node]:
    """A shortest closed path through the first member of a cycle ``component`` (from ``cycles``), inside
    it: ``[a, b, a]``."""
    start, members = component[0], set(component)
    came_from: dict[Node, Node] = {}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            for target in edges(node):
                if target == start:
                    path = [node]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return [*reversed(path), start]
                if target in members and target not in came_from:
                    came_from[target] = node
                    following.append(target)
        frontier = following
    return [start, start]


def topological_order(nodes: Sequence[Node], prerequisites: Callable[[Node], Iterable[Node]]
                      ) -> tuple[list[Node], list[Node]]:
    """(order, stuck): ``nodes`` with every node after its prerequisites, keeping the given order among
    independent nodes (stable Kahn); ``stuck`` holds the nodes on or behind a cycle, in the given order."""
    position = {node: i for i, node in enumerate(nodes)}
    remaining = dict.fromkeys(nodes, 0)
    dependents: dict[Node, list[Node]] = {node: [] for node in nodes}
    for node in nodes:
        for needed in dict.fromkeys(prerequisites(node)):
            if needed in position and needed != node:
                remaining[node] += 1
                dependents[needed].append(node)
    ready = [position[node] for node in nodes if remaining[node] == 0]
    heapq.heapify(ready)
    ordered: list[Node] = []
    while ready:
        node = nodes[heapq.heappop(ready)]
        ordered.append(node)
        for dependent in dependents[node]:
            remaining[dependent] -= 1
            if remaining[dependent] == 0:
                heapq.heappush(ready, position[dependent])
    return ordered, [node for node in nodes if remaining[node] > 0]
