"""Type checks the compiler can make without Azure's type data: literal values assigned where the declared type
says otherwise (a parameter default, an output, a module parameter, a value in a parameters file), module
parameters that do not exist or are missing, and functions used where Bicep does not allow them.

Only what is certain is reported: a value whose type is not known from the source alone is never an error.
"""

from __future__ import annotations

from typing import Any

from relecloud_templates.bicep.compiler import armexpr as a
from relecloud_templates.bicep.compiler import functions as lib
from relecloud_templates.bicep.compiler.model import FileModel
from relecloud_templates.bicep.compiler.symbols import (
    BuiltinFunction,
    ModuleSymbol,
    ParameterAssignmentSymbol,
    ParameterSymbol,
    ResourceSymbol,
    VariableSymbol,
)
from relecloud_templates.bicep.parser import nodes as n

_PRIMITIVE = {"string", "int", "bool", "object", "array"}


def literal_type(model: FileModel, node: Any, depth: int = 0) -> str | None:
    """The type of a value when the source alone says it: string, int, bool, object, array or null."""
    if depth > 20:
        return None
    while isinstance(node, n.ParenthesizedExpressionSyntax):
        node = node.expression
    if isinstance(node, n.StringSyntax):
        return "string"
    if isinstance(node, n.IntegerLiteralSyntax):
        return "int"
    if isinstance(node, n.UnaryOperationSyntax) and isinstance(node.expression, n.IntegerLiteralSyntax):
        return "int"
    if isinstance(node, n.BooleanLiteralSyntax):
        return "bool"
    if isinstance(node, n.NullLiteralSyntax):
        return "null"
    if isinstance(node, n.ObjectSyntax):
        return "object"
    if isinstance(node, (n.ArraySyntax, n.ForSyntax)):
        return "array"
    if isinstance(node, n.VariableAccessSyntax):
        symbol = model.binding.ref(node)
        if isinstance(symbol, ParameterSymbol):
            return declared_type(symbol.decl.type)
        if isinstance(symbol, (VariableSymbol, ParameterAssignmentSymbol)) and symbol.decl.value is not node:
            return literal_type(model, symbol.decl.value, depth + 1)
    return None


def declared_type(node: Any) -> str | None:
    """A declared primitive type (``string``, ``int`` ...), or None for anything richer."""
    name = primitive_type_name(node)
    return name if name in _PRIMITIVE else None


def primitive_type_name(node: Any) -> str | None:
    """``string`` for ``string`` or ``sys.string``; None for any other type expression."""
    if isinstance(node, n.TypeVariableAccessSyntax) and isinstance(node.name, n.IdentifierSyntax):
        return node.name.name
    if isinstance(node, n.TypePropertyAccessSyntax) and isinstance(node.base, n.TypeVariableAccessSyntax) and \
            isinstance(node.base.name, n.IdentifierSyntax) and node.base.name.name == "sys" and \
            isinstance(node.property, n.IdentifierSyntax):
        return node.property.name
    return None


def _is_nullable(node: Any) -> bool:
    return isinstance(node, n.NullableTypeSyntax)


def mismatch(model: FileModel, expected: str | None, value: Any, nullable: bool = False) -> str | None:
    """The actual type when ``value`` certainly is not of the ``expected`` primitive type."""
    if expected is None:
        return None
    actual = literal_type(model, value)
    if actual is None or actual == expected or (actual == "null" and nullable):
        return None
    return actual


def check(model: FileModel) -> None:
    binding = model.binding
    for parameter in binding.params:
        modifier = parameter.decl.modifier
        if isinstance(modifier, n.ParameterDefaultValueSyntax):
            expected = declared_type(parameter.decl.type)
            actual = mismatch(model, expected, modifier.value)
            if actual is not None:
                model.error("BCP033", modifier.value, f'Expected a value of type "{expected}" but the value is of '
                                                      f'type "{actual}".')
    for output in binding.outputs.values():
        expected = declared_type(output.decl.type)
        actual = mismatch(model, expected, output.decl.value, _is_nullable(output.decl.type))
        if actual is not None and not isinstance(output.decl.value, n.ForSyntax):
            model.error("BCP033", output.decl.value, f'Expected a value of type "{expected}" but the value is of '
                                                     f'type "{actual}".')
    for module in binding.modules:
        check_module_parameters(model, module)
    _loop_collections(model)
    _duplicate_names(model)
    _function_placement(model)


def _duplicate_names(model: FileModel) -> None:
    """Resources (BCP121) or modules (BCP122) that deploy under one name at one scope: ARM would see one resource
    declared twice. Literal names are compared (with their parents' names; loops included; existing resources,
    modules that cannot be read and conditions that may be false not), as Bicep compares them; Bicep also
    compares some computed names, relecloud does not."""
    from relecloud_templates.bicep.compiler.expressions import CompileError, Converter

    broken = list(model.parsed.diagnostics) + [d for d in model.diagnostics if d.code in ("BCP079", "BCP080")]
    conv = Converter(model)
    groups: dict[tuple, list[Any]] = {}
    symbols: list[Any] = [*model.binding.resources, *model.binding.modules]
    for symbol in symbols:
        is_resource = isinstance(symbol, ResourceSymbol)
        if (is_resource and symbol.existing) or not isinstance(symbol.body, n.ObjectSyntax) or \
                sum(p.key_text == "name" for p in symbol.body.properties) != 1 or \
                any(symbol.decl.start <= d.start < symbol.decl.end for d in broken) or \
                (not is_resource and symbol.target is None):
            continue  # (a declaration with syntax errors, or a name that refers to itself, has no name to compare)
        if not (isinstance(symbol.body_value("name"), n.StringSyntax) and symbol.body_value("name").literal):
            continue  # (computed names: Bicep compares some of them; relecloud compares only literal names)
        try:
            name = a.serialize(conv.full_name(symbol) if is_resource else conv.module_name(symbol)).lower()
        except (CompileError, RecursionError):
            continue
        kind = ("BCP121", symbol.full_type.lower()) if is_resource else ("BCP122",)
        groups.setdefault((*kind, name, _scope_key(model, symbol)), []).append(symbol)
    for key, members in groups.items():
        members = [m for m in members if m.condition is None or _always(conv, m.condition.condition)]
        if len(members) < 2:
            continue
        listed = ", ".join(f'"{m.name}"' for m in members)
        for member in members:
            node = member.body_value("name")
            if key[0] == "BCP121":
                model.error("BCP121", node, f"Resources: {listed} are declared with the same name in this file.")
            else:
                model.error("BCP122", node, f"Modules: {listed} are declared with the same name and scope in this "
                                            "file.")


def _always(conv: Any, condition: Any) -> bool:
    """Whether a deployment condition is certainly true (computed while compiling)."""
    from relecloud_templates.arm.template import build_template
    from relecloud_templates.bicep.compiler.expressions import CompileError

    try:
        expression = a.serialize(conv.convert(condition))
    except CompileError:
        return False
    document = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                "contentVersion": "1.0.0.0", "parameters": {"c": {"type": "bool", "defaultValue": expression}},
                "resources": []}
    return build_template(document).evaluator.parameter("c") is True


def _scope_key(model: FileModel, symbol: Any) -> tuple:
    """The scope a resource or module deploys to, as the source text that names it."""
    scope = model.scopes.get(id(symbol))
    if scope is None:
        return ()
    text = model.parsed.text

    def spelled(node: Any) -> str:
        return text[node.start:node.end] if node is not None else ""

    return (scope.scope, spelled(scope.subscription_id), spelled(scope.resource_group),
            spelled(scope.management_group), id(scope.resource) if scope.resource is not None else 0)


def _loop_collections(model: FileModel) -> None:
    """A loop over a value that certainly is no array (BCP137)."""
    binding = model.binding
    values = [s.decl.value for s in [*binding.resources, *binding.modules, *binding.variables]] + \
        [o.decl.value for o in binding.outputs.values()]
    for value in values:
        if isinstance(value, n.ForSyntax):
            actual = mismatch(model, "array", value.expression)
            if actual is not None:
                model.error("BCP137", value.expression, f'A loop needs an array, but this value is of type '
                                                        f'"{actual}".')


def _module_parameters(module: ModuleSymbol) -> dict[str, tuple[str | None, bool, bool]] | None:
    """The parameters the module declares: name -> (primitive type or None, required?, nullable?)."""
    target = module.target
    target_model = getattr(target, "model", None)
    if target_model is not None:
        if target_model.params_file:
            return None
        return {p.name: (declared_type(p.decl.type), p.decl.modifier is None and not _is_nullable(p.decl.type),
                         _is_nullable(p.decl.type)) for p in target_model.binding.params if p.name}
    template = getattr(target, "template", None)
    if isinstance(template, dict) and isinstance(template.get("parameters", {}), dict):
        return {name: (None, not ("defaultValue" in spec or spec.get("nullable")), bool(spec.get("nullable")))
                for name, spec in template.get("parameters", {}).items() if isinstance(spec, dict)}
    return None


def check_module_parameters(model: FileModel, module: ModuleSymbol) -> None:
    """Module parameters against the module's declarations (a Bicep or an ARM JSON module): unknown names,
    missing required ones, literal types."""
    declared = _module_parameters(module)
    if declared is None:
        return
    if module.loop is not None and mismatch(model, "array", module.loop.expression) is not None:
        return  # (the loop is reported: BCP137)
    params = module.body_value("params")
    given: dict[str, Any] = {}
    if isinstance(params, n.ObjectSyntax):
        for prop in params.properties:
            key = prop.key_text
            if key is None:
                continue
            given[key] = prop
            if key not in declared:
                model.error("BCP037", prop.key, f'The module has no parameter "{key}" (it declares '
                                                f'{", ".join(sorted(declared)) or "none"}).')
                continue
            expected, _, nullable = declared[key]
            actual = mismatch(model, expected, prop.value, nullable)
            if actual is not None:
                model.error("BCP036", prop.value, f'The parameter "{key}" expects a value of type "{expected}" but '
                                                  f'the value is of type "{actual}".')
    elif params is not None:
        return  # not an object literal: Bicep reports that (BCP183); nothing to compare here
    missing = [name for name, (_, required, _) in declared.items() if required and name not in given]
    if not missing or not isinstance(module.body, n.ObjectSyntax):
        return
    listed = ", ".join(f'"{name}"' for name in sorted(missing))
    if isinstance(params, n.ObjectSyntax):
        key = next(p.key for p in module.body.properties if p.key_text == "params")
        model.error("BCP035", key, f'The module parameters are missing required properties: {listed}.')
    else:
        model.error("BCP035", module.decl.name, 'The module is missing the required property "params" (the module '
                                                f'declares required parameters: {listed}).')


def _function_placement(model: FileModel) -> None:
    """``utcNow()`` and ``newGuid()`` only in parameter defaults (BCP065)."""
    if not any(isinstance(node, n.FunctionCallSyntax) and node.name.name in lib.PARAMETER_DEFAULTS_ONLY
               for node in model.nodes):
        return  # most files call neither (the list of nodes is made once, for the other checks too)
    allowed: set[int] = set()
    for parameter in model.binding.params:
        if isinstance(parameter.decl.modifier, n.ParameterDefaultValueSyntax):
            allowed.add(id(parameter.decl.modifier.value))
    stack: list[tuple[Any, bool]] = [(model.program, False)]
    while stack:
        node, inside_default = stack.pop()
        inside_default = inside_default or id(node) in allowed
        if isinstance(node, n.FunctionCallSyntax) and isinstance(model.binding.ref(node), BuiltinFunction):
            name = node.name.name
            if name in lib.PARAMETER_DEFAULTS_ONLY and not inside_default:
                model.error("BCP065", node.name, f'The function "{name}" is only valid in a parameter default value.')
        if isinstance(node, n.Node):
            stack.extend((child, inside_default) for child in n.child_nodes(node))
