"""Whether Bicep writes a file with symbolic names (``languageVersion`` 2.0) or as a classic template: symbolic
names are needed by user-defined types and functions, imports, extensions, typed variables, secure outputs,
unnamed modules, ``existing`` resources with ``dependsOn`` and direct use of a whole resource or module
collection."""

from __future__ import annotations

from typing import Any

from relecloud_templates.bicep.compiler.model import FileModel
from relecloud_templates.bicep.compiler.symbols import ModuleSymbol, ResourceSymbol
from relecloud_templates.bicep.parser import nodes as n

_TYPE_SYNTAX = (n.ObjectTypeSyntax, n.ArrayTypeSyntax, n.TupleTypeSyntax, n.UnionTypeSyntax, n.NullableTypeSyntax)


def uses_symbolic_names(model: FileModel, modules: dict[int, Any]) -> bool:
    binding = model.binding
    if binding.types or binding.functions or binding.imports or binding.extensions or has_tests(model):
        return True
    if any(v.decl.type is not None for v in binding.variables):
        return True
    if any(m.body_value("name") is None for m in binding.modules):
        return True
    if any(r.existing and r.body_value("dependsOn") is not None for r in binding.resources):
        return True
    if any(_is_secure(o.decl) for o in binding.outputs.values()):
        return True
    for module in binding.modules:
        target = modules.get(id(module))
        target_model = getattr(target, "model", None)
        if target_model is not None and any(_is_secure(o.decl) for o in target_model.binding.outputs.values()):
            return True
    if any(_has_decorator(r.decl, "onlyIfNotExists") for r in binding.resources):
        return True
    return _uses_types_or_whole_collection(model)


def has_tests(model: FileModel) -> bool:
    """``test`` declarations (the experimental test framework): the template is languageVersion 2.1-experimental."""
    return any(isinstance(s, n.TestDeclarationSyntax) for s in model.program.statements)


def _is_secure(decl: Any) -> bool:
    return _has_decorator(decl, "secure")


def _has_decorator(decl: Any, name: str) -> bool:
    for decorator in decl.decorator_list:
        call = decorator.expression
        if isinstance(call, n.FunctionCallSyntax) and call.name.name == name:
            return True
        if isinstance(call, n.InstanceFunctionCallSyntax) and isinstance(call.name, n.IdentifierSyntax) and \
                call.name.name == name:
            return True
    return False


def _uses_types_or_whole_collection(model: FileModel) -> bool:
    """A type expression (``param p {...}``, ``string[]``, unions ...), or a resource or module collection used as
    a value itself (not indexed, not in dependsOn, not looped over): ``references()``."""
    binding = model.binding
    allowed: set[int] = set()
    accesses = []
    for node in model.nodes:
        if isinstance(node, _TYPE_SYNTAX):
            return True
        if isinstance(node, n.ArrayAccessSyntax):
            allowed.add(id(node.base))
        elif isinstance(node, n.ObjectPropertySyntax) and isinstance(node.value, n.ArraySyntax) and \
                node.key_text == "dependsOn":
            for item in node.value.items:
                if isinstance(item, n.ArrayItemSyntax):
                    allowed.add(id(item.value))
        elif isinstance(node, n.ForSyntax):
            allowed.add(id(node.expression))
        elif isinstance(node, (n.VariableAccessSyntax, n.ResourceAccessSyntax)):
            accesses.append(node)
    for node in accesses:
        if id(node) not in allowed:
            symbol = binding.ref(node)
            if isinstance(symbol, (ResourceSymbol, ModuleSymbol)) and symbol.is_collection:
                return True
    return False
