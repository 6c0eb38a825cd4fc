"""Implicit ``dependsOn``: every resource and module depends on the resources and modules its body refers to
(directly, through variables, or through the dependencies of an ``existing`` resource it refers to), on its
parent, and on whatever its ``dependsOn`` property names.

A reference to an element of a collection (``storage[i]``) depends on that element when the index can be written
in the dependent's own scope, otherwise on the whole collection.
"""

from __future__ import annotations

from typing import Any

from relecloud_templates.bicep.compiler.model import Dependency, FileModel
from relecloud_templates.bicep.compiler.symbols import LocalSymbol, ModuleSymbol, ResourceSymbol, Symbol, VariableSymbol
from relecloud_templates.bicep.parser import nodes as n


def find_dependencies(model: FileModel) -> None:
    finder = _Finder(model)
    for resource in model.binding.resources:
        model.dependencies[id(resource)] = finder.of(resource)
    for module in model.binding.modules:
        model.dependencies[id(module)] = finder.of(module)


def optimise(dependencies: set[Dependency]) -> list[Dependency]:
    """One entry per target: the whole collection when anything depends on it whole, else each element once."""
    by_target: dict[int, list[Dependency]] = {}
    for dependency in dependencies:
        by_target.setdefault(id(dependency.target), []).append(dependency)
    kept: list[Dependency] = []
    for group in by_target.values():
        whole = next((d for d in group if d.index is None), None)
        if whole is not None:
            kept.append(whole)
        else:
            seen: set[int] = set()
            for dependency in group:
                if id(dependency.index) not in seen:
                    seen.add(id(dependency.index))
                    kept.append(dependency)
    return kept


class _Finder:
    def __init__(self, model: FileModel):
        self.model = model
        self.cache: dict[int, set[Dependency]] = {}
        self.visiting: set[int] = set()

    def of(self, symbol: Symbol) -> set[Dependency]:
        key = id(symbol)
        if key in self.cache:
            return self.cache[key]
        if key in self.visiting:  # a cycle: reported by the binder
            return set()
        self.visiting.add(key)
        found: set[Dependency] = set()
        context_locals: set[int] = set()
        if isinstance(symbol, ResourceSymbol):
            ancestors = self.model.ancestors_of(symbol)
            if ancestors:  # the parent (not further ancestors: the parent depends on those)
                parent = ancestors[-1]
                if parent.resource.existing:
                    found |= self.of(parent.resource)
                else:
                    found.add(Dependency(parent.resource, parent.index))
            context_locals = _loop_locals(self.model, symbol.loop)
            self._collect(symbol.decl.value, found, context_locals)
        elif isinstance(symbol, ModuleSymbol):
            context_locals = _loop_locals(self.model, symbol.loop)
            self._collect(symbol.decl.value, found, context_locals)
        elif isinstance(symbol, VariableSymbol):
            self._collect(symbol.decl.value, found, set())
        self.visiting.discard(key)
        self.cache[key] = found
        return found

    def _collect(self, root: Any, found: set[Dependency], context_locals: set[int]) -> None:
        binding = self.model.binding
        stack = [root]
        while stack:
            node = stack.pop()
            if isinstance(node, n.ResourceDeclarationSyntax):
                continue  # nested resources have dependencies of their own
            if isinstance(node, (n.VariableAccessSyntax, n.ResourceAccessSyntax)):
                self._add(binding.ref(node), None, found)  # (`a::b` depends on b only)
                continue
            if isinstance(node, n.ArrayAccessSyntax) and isinstance(node.base, (n.VariableAccessSyntax,
                                                                                 n.ResourceAccessSyntax)):
                target = binding.ref(node.base)
                if isinstance(target, (ResourceSymbol, ModuleSymbol)) and target.is_collection:
                    index = node.index if _locals_in(self.model, node.index) <= context_locals else None
                    self._add(target, node, found, index)
                    stack.append(node.index)
                    continue
            if isinstance(node, n.Node):
                stack.extend(n.child_nodes(node))

    def _add(self, target: Symbol | None, node: Any, found: set[Dependency], index: Any = None) -> None:
        if isinstance(target, VariableSymbol):
            found |= self.of(target)
        elif isinstance(target, ResourceSymbol):
            if target.existing:
                found |= self.of(target)
            else:
                found.add(Dependency(target, index))
        elif isinstance(target, ModuleSymbol):
            found.add(Dependency(target, index))


def _loop_locals(model: FileModel, loop: Any) -> set[int]:
    if loop is None:
        return set()
    found = set()
    for node in n.walk(loop.variable):
        symbol = model.binding.symbol(node)
        if isinstance(symbol, LocalSymbol):
            found.add(id(symbol))
    return found


def _locals_in(model: FileModel, expression: Any) -> set[int]:
    found = set()
    for node in n.walk(expression):
        symbol = model.binding.ref(node)
        if isinstance(symbol, LocalSymbol):
            found.add(id(symbol))
    return found
