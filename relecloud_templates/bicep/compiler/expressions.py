"""Bicep expressions to ARM template expressions, as the Bicep compiler writes them.

Operators become functions (``a && b`` is ``and(a, b)``), interpolation becomes ``format()``, names become
``parameters()``/``variables()``, resources and modules become resource IDs and ``reference()`` calls
(``references.py``), loop variables become ``copyIndex()``, lambdas ``lambda()``. A few functions are computed
here rather than in ARM (``any``, ``nameof``, the ``load*`` file functions).
"""

from __future__ import annotations

from typing import Any

from relecloud_templates.bicep.compiler import armexpr as a
from relecloud_templates.bicep.compiler import files
from relecloud_templates.bicep.compiler.model import FileModel
from relecloud_templates.bicep.compiler.references import References
from relecloud_templates.bicep.compiler.symbols import (
    BuiltinFunction,
    ImportedSymbol,
    LocalSymbol,
    ModuleSymbol,
    NamespaceSymbol,
    ParameterAssignmentSymbol,
    ParameterSymbol,
    ResourceSymbol,
    VariableSymbol,
    WildcardImportSymbol,
)
from relecloud_templates.bicep.parser import nodes as n
from relecloud_templates.bicep.parser import tokens as t

USER_FUNCTIONS = "__bicep"
INT32 = 2 ** 31

_BINARY = {
    t.LOGICAL_OR: "or", t.LOGICAL_AND: "and", t.EQUALS: "equals", t.LEFT_CHEVRON: "less",
    t.LESS_THAN_OR_EQUAL: "lessOrEquals", t.RIGHT_CHEVRON: "greater", t.GREATER_THAN_OR_EQUAL: "greaterOrEquals",
    t.PLUS: "add", t.MINUS: "sub", t.ASTERISK: "mul", t.SLASH: "div", t.MODULO: "mod", t.DOUBLE_QUESTION: "coalesce",
}


class CompileError(Exception):
    """Something the compiler cannot write as ARM: reported at ``node``."""

    def __init__(self, code: str, node: Any, message: str):
        super().__init__(message)
        self.code, self.node, self.message = code, node, message


def format_string(segments: list[str]) -> str:
    """The format() pattern of an interpolated string: literal braces doubled, holes numbered."""
    out = []
    for i, segment in enumerate(segments):
        out.append(segment.replace("{", "{{").replace("}", "}}"))
        if i < len(segments) - 1:
            out.append("{%d}" % i)
    return "".join(out)


class Converter(References):
    def __init__(self, model: FileModel, replacements: dict[int, a.Expr] | None = None,
                 accessible: frozenset[int] = frozenset()):
        self.model = model
        self.binding = model.binding
        self.replacements = replacements or {}
        self.accessible = accessible

    def with_replacements(self, replacements: dict[int, a.Expr]) -> Converter:
        return Converter(self.model, replacements, self.accessible)

    def inside(self, locals_: list[LocalSymbol]) -> Converter:
        """This converter for syntax inside a loop or lambda that declares ``locals_``."""
        return Converter(self.model, self.replacements, self.accessible | {id(x) for x in locals_})

    # -- the conversion -------------------------------------------------------------------------------------
    def convert(self, node: Any) -> a.Expr:
        if isinstance(node, n.StringSyntax):
            if not node.expressions:
                return a.lit(node.segments[0])
            return a.Fn("format", [a.lit(format_string(node.segments)), *(self.convert(e) for e in node.expressions)])
        if isinstance(node, n.IntegerLiteralSyntax):
            return self.integer(node.value, node)
        if isinstance(node, n.BooleanLiteralSyntax):
            return a.TRUE if node.token.type == t.TRUE else a.FALSE
        if isinstance(node, n.NullLiteralSyntax):
            return a.NULL
        if isinstance(node, (n.ParenthesizedExpressionSyntax,)):
            return self.convert(node.expression)
        if isinstance(node, n.NonNullAssertionSyntax):
            return self.convert(node.base)
        if isinstance(node, n.ObjectSyntax):
            return self.object_expression(node)
        if isinstance(node, n.ArraySyntax):
            return self.array_expression(node)
        if isinstance(node, n.UnaryOperationSyntax):
            if node.operator.type == t.MINUS and isinstance(node.expression, n.IntegerLiteralSyntax):
                return self.integer(-node.expression.value, node)
            operand = self.convert(node.expression)
            if node.operator.type == t.EXCLAMATION:
                return a.fn("not", operand)
            return a.fn("sub", a.lit(0), operand)
        if isinstance(node, n.BinaryOperationSyntax):
            return self.binary(node)
        if isinstance(node, n.TernaryOperationSyntax):
            return a.fn("if", self.convert(node.condition), self.convert(node.true_value),
                        self.convert(node.false_value))
        if isinstance(node, n.FunctionCallSyntax):
            return self.function_call(node)
        if isinstance(node, n.InstanceFunctionCallSyntax):
            return self.instance_call(node)
        if isinstance(node, n.ArrayAccessSyntax):
            return self.array_access(node)
        if isinstance(node, n.PropertyAccessSyntax):
            return self.property_access(node)
        if isinstance(node, n.VariableAccessSyntax):
            return self.variable_access(node)
        if isinstance(node, n.ResourceAccessSyntax):
            symbol = self.binding.ref(node)
            if isinstance(symbol, ResourceSymbol):
                return self.resource_reference(symbol, False, full=True)
        if isinstance(node, (n.LambdaSyntax, n.TypedLambdaSyntax)):
            return self.lambda_expression(node)
        if isinstance(node, n.ForSyntax):
            raise CompileError("BCP138", node.for_keyword, "A for-expression is not supported here: use it as the "
                                                           "value of a "
                                               "variable, output, resource, module or one of their properties.")
        raise CompileError("BCP-EMIT", node, f"relecloud cannot compile this {getattr(node, 'kind', 'construct')}.")

    def integer(self, value: int, node: Any) -> a.Expr:
        if value >= INT32 or value < -INT32:
            return a.fn("json", a.lit(str(value)))
        return a.lit(value)

    def binary(self, node: Any) -> a.Expr:
        left, right = self.convert(node.left), self.convert(node.right)
        kind = node.operator.type
        if kind == t.NOT_EQUALS:
            return a.fn("not", a.fn("equals", left, right))
        if kind == t.EQUALS_INSENSITIVE:
            return a.fn("equals", a.fn("toLower", left), a.fn("toLower", right))
        if kind == t.NOT_EQUALS_INSENSITIVE:
            return a.fn("not", a.fn("equals", a.fn("toLower", left), a.fn("toLower", right)))
        name = _BINARY.get(kind)
        if name is None:
            raise CompileError("BCP-EMIT", node.operator, f"Unknown operator {node.operator.text}.")
        return a.fn(name, left, right)

    def object_expression(self, node: n.ObjectSyntax) -> a.Expr:
        def parts(item: Any) -> list[a.Expr]:
            if not isinstance(item, n.ObjectPropertySyntax):
                return []
            if isinstance(item.value, n.ForSyntax):
                raise CompileError("BCP138", item.value.for_keyword, "A for-expression is not supported inside an "
                                                                     "expression.")
            return [self.property_key(item), self.convert(item.value)]

        return self._spread(node, "createObject", "shallowMerge", parts)

    def property_key(self, item: n.ObjectPropertySyntax) -> a.Expr:
        if isinstance(item.key, n.IdentifierSyntax):
            return a.lit(item.key.name)
        return self.convert(item.key)

    def array_expression(self, node: Any) -> a.Expr:
        return self._spread(node, "createArray", "flatten",
                            lambda item: [self.convert(item.value)] if isinstance(item, n.ArrayItemSyntax) else [])

    def _spread(self, node: Any, create: str, merge: str, parts: Any) -> a.Expr:
        """An object or array literal: ``create(...)`` of its items; with ``...spread`` items, ``merge`` of the
        runs of items and the spread values (``shallowMerge`` of objects, ``flatten`` of arrays)."""
        chunks: list[a.Expr] = []
        current: list[a.Expr] = []
        spread = False
        for item in node.items:
            if isinstance(item, n.SpreadExpressionSyntax):
                if current:
                    chunks.append(a.Fn(create, current))
                    current = []
                chunks.append(self.convert(item.expression))
                spread = True
            else:
                current.extend(parts(item))
        if current:
            chunks.append(a.Fn(create, current))
        if not chunks:
            return a.Fn(create)
        if len(chunks) == 1 and not spread:
            return chunks[0]
        return a.fn(merge, a.Fn("createArray", chunks))

    def lambda_expression(self, node: Any) -> a.Expr:
        from relecloud_templates.bicep.compiler.symbols import lambda_parameters

        parameters = lambda_parameters(node)
        locals_ = [self.binding.symbol(p.decl) for p in parameters]
        inner = self.inside([x for x in locals_ if isinstance(x, LocalSymbol)])
        return a.Fn("lambda", [*(a.lit(p.name) for p in parameters), inner.convert(node.body)])

    # -- names ----------------------------------------------------------------------------------------------
    def variable_access(self, node: Any) -> a.Expr:
        symbol = self.binding.ref(node)
        if isinstance(symbol, (ParameterSymbol, ParameterAssignmentSymbol)):
            return a.fn("parameters", a.lit(symbol.name))
        if isinstance(symbol, VariableSymbol):
            if symbol in self.model.inline_variables:
                return Converter(self.model).convert(symbol.value)
            return a.fn("variables", a.lit(symbol.name))
        if isinstance(symbol, ResourceSymbol):
            return self.resource_reference(symbol, False, full=True)
        if isinstance(symbol, ModuleSymbol):
            return self.module_reference(symbol, False)
        if isinstance(symbol, LocalSymbol):
            return self.local(symbol)
        if isinstance(symbol, ImportedSymbol):
            return a.fn("variables", a.lit(symbol.name))
        if symbol is not None and symbol.kind == "extension":
            return a.fn("extensions", a.lit(symbol.name))
        raise CompileError("BCP-EMIT", node, f'"{getattr(node.name, "name", "?")}" cannot be used as a value here.')

    def local(self, symbol: LocalSymbol) -> a.Expr:
        replacement = self.replacements.get(id(symbol))
        if replacement is not None:
            return replacement
        if symbol.local_kind == "function":
            return a.fn("parameters", a.lit(symbol.name))
        if symbol.local_kind == "lambda":
            return a.fn("lambdaVariables", a.lit(symbol.name))
        loop = symbol.owner
        name = self.model.loop_names.get(id(loop))
        index: a.Expr = a.fn("copyIndex", a.lit(name)) if name is not None else a.fn("copyIndex")
        if symbol.local_kind == "index":
            return index
        return a.with_props(a.as_function(self.convert(loop.expression)), index)

    # -- accesses -------------------------------------------------------------------------------------------
    def array_access(self, node: Any) -> a.Expr:
        base = _unwrap(node.base)
        if isinstance(base, (n.VariableAccessSyntax, n.ResourceAccessSyntax)):
            symbol = self.binding.ref(base)
            if isinstance(symbol, ResourceSymbol) and symbol.is_collection:
                context = self.resource_context(symbol, node.index)
                return context.resource_reference(symbol, True, full=True)
            if isinstance(symbol, ModuleSymbol) and symbol.is_collection:
                return self.module_context(symbol, node.index).module_reference(symbol, True, node.index)
        converted_base = self.convert(base)
        index = self.convert(node.index)
        if node.safe is not None:
            return a.fn("tryIndexFromEnd" if node.from_end is not None else "tryGet", converted_base, index)
        if self._chained(base) and isinstance(converted_base, a.Fn) and not converted_base.props and \
                converted_base.name in ("tryGet", "tryIndexFromEnd"):
            extra = a.fn("createObject", a.lit("value"), index, a.lit("fromEnd"), a.TRUE) \
                if node.from_end is not None else index
            return a.Fn(converted_base.name, [*converted_base.args, extra])
        if node.from_end is not None:
            return a.fn("indexFromEnd", converted_base, index)
        return a.with_props(a.as_function(converted_base), index)

    def property_access(self, node: Any) -> a.Expr:
        name = node.property.name if isinstance(node.property, n.IdentifierSyntax) else ""
        safe = node.safe is not None
        base = _unwrap(node.base)
        # resource.property / collection[i].property
        resource, index, indexed = None, None, False
        if isinstance(base, (n.VariableAccessSyntax, n.ResourceAccessSyntax)):
            symbol = self.binding.ref(base)
            if isinstance(symbol, ResourceSymbol):
                resource = symbol
        elif isinstance(base, n.ArrayAccessSyntax) and isinstance(base.base, (n.VariableAccessSyntax,
                                                                                n.ResourceAccessSyntax)):
            symbol = self.binding.ref(base.base)
            if isinstance(symbol, ResourceSymbol) and symbol.is_collection:
                resource, index, indexed = symbol, base.index, True
        if resource is not None:
            context = self.resource_context(resource, index) if indexed else self
            return context.resource_property(resource, indexed, name, safe)
        # module.name / module.outputs / module.outputs.x
        module, module_index, module_indexed = self._module_of(base)
        if module is not None:
            context = self.module_context(module, module_index) if module_indexed else self
            if name == "name":
                return context.module_name(module)
            if name == "outputs":
                reference = context.module_reference(module, module_indexed, module_index)
                key = a.lit("outputs")
                return a.fn("tryGet", reference, key) if safe else a.with_props(reference, key)
        if isinstance(base, n.PropertyAccessSyntax) and isinstance(base.property, n.IdentifierSyntax) and \
                base.property.name == "outputs":
            owner, _, _ = self._module_of(base.base)
            if owner is not None:
                outputs = self.convert(base)
                tail = [a.lit(name), a.lit("value")]
                if safe:
                    result: a.Expr = outputs
                    for part in tail:
                        result = a.fn("tryGet", result, part)
                    return result
                if isinstance(outputs, a.Fn) and outputs.name in ("tryGet", "tryIndexFromEnd") and not outputs.props:
                    return a.Fn(outputs.name, [*outputs.args, *tail])
                return a.with_props(a.as_function(outputs), *tail)
        symbol = self.binding.ref(base) if isinstance(base, n.VariableAccessSyntax) else None
        if isinstance(symbol, WildcardImportSymbol):
            return a.fn("variables", a.lit(f"_{symbol.name}.{name}"))
        converted = self.convert(base)
        if safe:
            return a.fn("tryGet", converted, a.lit(name))
        if self._chained(base) and isinstance(converted, a.Fn) and not converted.props and \
                converted.name in ("tryGet", "tryIndexFromEnd"):
            return a.Fn(converted.name, [*converted.args, a.lit(name)])
        return a.with_props(a.as_function(converted), a.lit(name))

    def _module_of(self, node: Any) -> tuple[ModuleSymbol | None, Any, bool]:
        node = _unwrap(node)
        if isinstance(node, n.VariableAccessSyntax):
            symbol = self.binding.ref(node)
            if isinstance(symbol, ModuleSymbol):
                return symbol, None, False
        if isinstance(node, n.ArrayAccessSyntax) and isinstance(node.base, n.VariableAccessSyntax):
            symbol = self.binding.ref(node.base)
            if isinstance(symbol, ModuleSymbol) and symbol.is_collection:
                return symbol, node.index, True
        return None, None, False

    def _chained(self, node: Any) -> bool:
        while isinstance(node, n.NonNullAssertionSyntax):
            node = node.base
        return isinstance(node, (n.PropertyAccessSyntax, n.ArrayAccessSyntax))

    # -- functions ------------------------------------------------------------------------------------------
    def arguments(self, node: Any) -> list[Any]:
        return [item.expression for item in node.items if isinstance(item, n.FunctionArgumentSyntax)]

    def function_call(self, node: Any) -> a.Expr:
        symbol = self.binding.ref(node)
        args = self.arguments(node)
        name = node.name.name
        if symbol is not None and symbol.kind == "func":
            return a.Fn(f"{USER_FUNCTIONS}.{symbol.name}", [self.convert(x) for x in args])
        if isinstance(symbol, ImportedSymbol):
            return a.Fn(f"{USER_FUNCTIONS}.{symbol.original}", [self.convert(x) for x in args])
        if isinstance(symbol, BuiltinFunction):
            return self.builtin(name, args, node)
        raise CompileError("BCP057", node.name, f'The name "{name}" does not exist in the current context.')

    def builtin(self, name: str, args: list[Any], node: Any) -> a.Expr:
        if name == "any" and len(args) == 1:
            return self.convert(args[0])
        if name == "nameof" and len(args) == 1:
            return a.lit(_name_of(args[0]))
        if name in files.LOAD_FUNCTIONS:
            return files.load(self, name, args, node)
        if name == "readEnvironmentVariable":
            return files.environment_variable(self, args, node)
        if name in _SCOPE_FUNCTIONS and args:
            return a.Fn("createObject")  # another scope as a value has no ARM form: Bicep writes {}
        return a.Fn(name, [self.convert(x) for x in args])

    def instance_call(self, node: Any) -> a.Expr:
        name = node.name.name if isinstance(node.name, n.IdentifierSyntax) else ""
        args = self.arguments(node)
        base = node.base
        while isinstance(base, n.NonNullAssertionSyntax):
            base = base.base
        index = None
        if isinstance(base, n.ArrayAccessSyntax):
            base, index = base.base, base.index
        symbol = self.binding.ref(base)
        if isinstance(symbol, NamespaceSymbol):
            return self.builtin(name, args, node)
        if isinstance(symbol, WildcardImportSymbol):
            return a.Fn(f"{USER_FUNCTIONS}.{name}", [self.convert(x) for x in args])
        if isinstance(symbol, ResourceSymbol) and name.lower().startswith("list"):
            context = self.resource_context(symbol, index) if index is not None else self
            target = context.resource_id(symbol)
            converted = [self.convert(x) for x in args]
            call_args = [target, a.lit(symbol.api_version or "")] if not converted else [target, *converted]
            return a.Fn(name, call_args)
        raise CompileError("BCP-EMIT", node, f'relecloud cannot compile the function "{name}" here.')


_SCOPE_FUNCTIONS = {"subscription", "resourceGroup", "managementGroup"}


def _unwrap(node: Any) -> Any:
    """The expression under non-null assertions (``x!`` is ``x`` at runtime)."""
    while isinstance(node, n.NonNullAssertionSyntax):
        node = node.base
    return node


def _name_of(node: Any) -> str:
    if isinstance(node, n.VariableAccessSyntax):
        return node.name.name
    if isinstance(node, n.PropertyAccessSyntax):
        return node.property.name
    if isinstance(node, n.ResourceAccessSyntax):
        return node.name.name
    if isinstance(node, n.ArrayAccessSyntax) and isinstance(node.index, n.StringSyntax) and node.index.literal:
        return node.index.literal
    raise CompileError("BCP408", node, 'The "nameof" function needs an expression that has a name.')
