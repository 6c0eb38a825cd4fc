"""Symbols of a Bicep file and what every name refers to.

``bind(program)`` declares the file's symbols (parameters, variables, resources with their nested children,
modules, outputs, types, functions, imports, extensions), resolves every name written in an expression (a
declaration, a loop or lambda variable, a built-in function or namespace) and reports what does not resolve,
what is declared twice and what refers to itself, with Bicep's codes (BCP057, BCP028, BCP079, BCP080 ...).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from relecloud_templates.bicep.compiler import functions as lib
from relecloud_templates.bicep.parser import nodes as n
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic, Token


class Symbol:
    kind = "symbol"

    def __init__(self, name: str, decl: Any):
        self.name, self.decl = name, decl

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name})"


class ParameterSymbol(Symbol):
    kind = "param"


class VariableSymbol(Symbol):
    kind = "var"

    @property
    def value(self) -> Any:
        return self.decl.value

    @property
    def is_copy(self) -> bool:
        return isinstance(self.decl.value, n.ForSyntax)


class ExtensionConfigSymbol(Symbol):
    """``extensionConfig <alias> with {...}`` of a parameters file: a name, but not a value."""

    kind = "extensionConfig"


class OutputSymbol(Symbol):
    kind = "output"


class MetadataSymbol(Symbol):
    kind = "metadata"


class TypeAliasSymbol(Symbol):
    kind = "type"


class FunctionSymbol(Symbol):
    kind = "func"


class ExtensionSymbol(Symbol):
    kind = "extension"


class ParameterAssignmentSymbol(Symbol):
    kind = "paramAssignment"


class NamespaceSymbol(Symbol):
    """A built-in namespace: ``sys`` or ``az`` (functions are called on them: ``az.resourceGroup()``)."""

    kind = "namespace"


class BuiltinFunction(Symbol):
    kind = "builtin"

    def __init__(self, name: str, namespace: str):
        super().__init__(name, None)
        self.namespace = namespace


class LocalSymbol(Symbol):
    """A loop item or index variable, or a lambda or function parameter."""

    kind = "local"

    def __init__(self, name: str, decl: Any, local_kind: str, owner: Any):
        super().__init__(name, decl)
        self.local_kind = local_kind  # item | index | lambda | function
        self.owner = owner  # the ForSyntax, LambdaSyntax or TypedLambdaSyntax


class ImportedSymbol(Symbol):
    """A symbol imported by name from another file (``import {x as y} from 'f.bicep'``)."""

    kind = "imported"

    def __init__(self, name: str, decl: Any, original: str, source: str):
        super().__init__(name, decl)
        self.original, self.source = original, source
        self.target: Symbol | None = None  # resolved when the source file is compiled
        self.model: Any = None


class WildcardImportSymbol(Symbol):
    kind = "wildcard"

    def __init__(self, name: str, decl: Any, source: str):
        super().__init__(name, decl)
        self.source = source
        self.model: Any = None


class ResourceSymbol(Symbol):
    kind = "resource"

    def __init__(self, name: str, decl: Any, nested_parent: ResourceSymbol | None):
        super().__init__(name, decl)
        self.nested_parent = nested_parent  # the resource this one is declared inside
        self.children: dict[str, ResourceSymbol] = {}
        self.loop, self.condition, self.body = unwrap_body(decl.value)
        # filled by the resource analysis (compiler.resources)
        self.full_type: str = ""
        self.api_version: str | None = None
        self.parent: ResourceSymbol | None = None  # nested_parent or the one named by `parent:`
        self.parent_index: Any = None  # the index expression of `parent: coll[i]`

    @property
    def existing(self) -> bool:
        return self.decl.existing is not None

    @property
    def is_collection(self) -> bool:
        return self.loop is not None

    @property
    def type_string(self) -> str | None:
        value = self.decl.type
        return value.literal if isinstance(value, n.StringSyntax) else None

    def body_value(self, name: str) -> Any:
        return self.body.value_of(name) if isinstance(self.body, n.ObjectSyntax) else None


class ModuleSymbol(Symbol):
    kind = "module"

    def __init__(self, name: str, decl: Any):
        super().__init__(name, decl)
        self.loop, self.condition, self.body = unwrap_body(decl.value)
        self.target: Any = None  # the compiled module (compiler.modules)

    @property
    def is_collection(self) -> bool:
        return self.loop is not None

    @property
    def path(self) -> str | None:
        value = self.decl.path
        return value.literal if isinstance(value, n.StringSyntax) else None

    def body_value(self, name: str) -> Any:
        return self.body.value_of(name) if isinstance(self.body, n.ObjectSyntax) else None


def unwrap_body(value: Any) -> tuple[Any, Any, Any]:
    """(for-expression or None, if-condition or None, the object body) of a resource or module value."""
    loop = condition = None
    if isinstance(value, n.ForSyntax):
        loop, value = value, value.body
    if isinstance(value, n.IfConditionSyntax):
        condition, value = value, value.body
    return loop, condition, value


@dataclass
class Binding:
    """The symbols of one file and what every name in it refers to."""

    declarations: dict[str, Symbol] = field(default_factory=dict)  # the shared namespace of the file
    outputs: dict[str, OutputSymbol] = field(default_factory=dict)
    metadata: list[MetadataSymbol] = field(default_factory=list)
    params: list[ParameterSymbol] = field(default_factory=list)
    variables: list[VariableSymbol] = field(default_factory=list)
    resources: list[ResourceSymbol] = field(default_factory=list)  # nested ones included, parents first
    modules: list[ModuleSymbol] = field(default_factory=list)
    types: list[TypeAliasSymbol] = field(default_factory=list)
    functions: list[FunctionSymbol] = field(default_factory=list)
    imports: list[Symbol] = field(default_factory=list)
    extensions: list[ExtensionSymbol] = field(default_factory=list)
    assignments: list[ParameterAssignmentSymbol] = field(default_factory=list)  # .bicepparam
    target_scope: str = "resourceGroup"
    using: Any = None  # .bicepparam: the using declaration
    refs: dict[int, Symbol] = field(default_factory=dict)  # id(syntax) -> symbol
    symbol_of_decl: dict[int, Symbol] = field(default_factory=dict)  # id(declaration syntax) -> symbol
    diagnostics: list[BicepDiagnostic] = field(default_factory=list)

    def ref(self, node: Any) -> Symbol | None:
        return self.refs.get(id(node))

    def symbol(self, decl: Any) -> Symbol | None:
        return self.symbol_of_decl.get(id(decl))


def _operator_instead(function: str, operator: str):
    return lambda node: ("BCP069", node, f'The function "{function}" is not supported: use the "{operator}" operator.')


_UNSUPPORTED_FUNCTIONS = {
    "variables": lambda node: ("BCP060", node, 'The "variables" function is not supported: refer to variables by '
                                               'name.'),
    "parameters": lambda node: ("BCP061", node, 'The "parameters" function is not supported: refer to parameters by '
                                                'name.'),
    "if": lambda node: ("BCP100", node, 'The function "if" is not supported: use the "?:" operator.'),
    "createArray": lambda node: ("BCP101", node, 'The "createArray" function is not supported: write an array '
                                                 'literal [].'),
    "createObject": lambda node: ("BCP102", node, 'The "createObject" function is not supported: write an object '
                                                  'literal {}.'),
    "add": _operator_instead("add", "+"), "sub": _operator_instead("sub", "-"), "mul": _operator_instead("mul", "*"),
    "div": _operator_instead("div", "/"), "mod": _operator_instead("mod", "%"), "less": _operator_instead("less", "<"),
    "lessOrEquals": _operator_instead("lessOrEquals", "<="), "greater": _operator_instead("greater", ">"),
    "greaterOrEquals": _operator_instead("greaterOrEquals", ">="), "equals": _operator_instead("equals", "=="),
    "not": _operator_instead("not", "!"), "and": _operator_instead("and", "&&"), "or": _operator_instead("or", "||"),
}

_SCOPES = {"resourceGroup", "subscription", "managementGroup", "tenant", "local", "desiredStateConfiguration"}
_NAMESPACES = {"sys": NamespaceSymbol("sys", None), "az": NamespaceSymbol("az", None)}


class _Scope:
    __slots__ = ("names", "parent")

    def __init__(self, parent: _Scope | None = None):
        self.names: dict[str, Symbol] = {}
        self.parent = parent

    def lookup(self, name: str) -> Symbol | None:
        scope: _Scope | None = self
        while scope is not None:
            found = scope.names.get(name)
            if found is not None:
                return found
            scope = scope.parent
        return None


class Binder:
    def __init__(self, program: n.ProgramSyntax, params_file: bool = False):
        self.program = program
        self.params_file = params_file
        self.b = Binding()
        self.file_scope = _Scope()
        self._declared: dict[str, list[Symbol]] = {}
        self._outputs: dict[str, list[Symbol]] = {}
        self._metadata: dict[str, list[Symbol]] = {}
        self._current: Symbol | None = None

    def error(self, code: str, node: Any, message: str) -> None:
        self.b.diagnostics.append(BicepDiagnostic(code, node.start, node.end, message))

    # -- declarations ---------------------------------------------------------------------------------------
    def bind(self) -> Binding:
        for statement in self.program.declarations():
            self.declare(statement)
        self.report_duplicates()
        for statement in self.program.declarations():
            self.resolve_statement(statement)
        self.report_cycles()
        return self.b

    def _add(self, symbol: Symbol) -> None:
        self.b.symbol_of_decl[id(symbol.decl)] = symbol
        if not symbol.name:
            return
        self._declared.setdefault(symbol.name, []).append(symbol)

    def declare(self, statement: Any) -> None:
        name = _name(statement)
        symbol: Any
        if isinstance(statement, n.TargetScopeSyntax):
            value = statement.value
            if isinstance(value, n.StringSyntax) and value.literal in _SCOPES:
                self.b.target_scope = value.literal
        elif isinstance(statement, n.ParameterDeclarationSyntax):
            symbol = ParameterSymbol(name, statement)
            self.b.params.append(symbol)
            self._add(symbol)
        elif isinstance(statement, n.VariableDeclarationSyntax):
            symbol = VariableSymbol(name, statement)
            self.b.variables.append(symbol)
            self._add(symbol)
        elif isinstance(statement, n.ResourceDeclarationSyntax):
            self._add(self.declare_resource(statement, None))
        elif isinstance(statement, n.ModuleDeclarationSyntax):
            module = ModuleSymbol(name, statement)
            self.b.modules.append(module)
            self._add(module)
        elif isinstance(statement, n.OutputDeclarationSyntax):
            output = OutputSymbol(name, statement)
            self.b.symbol_of_decl[id(statement)] = output
            self._outputs.setdefault(name, []).append(output)
            if name:
                self.b.outputs.setdefault(name, output)
        elif isinstance(statement, n.MetadataDeclarationSyntax):
            symbol = MetadataSymbol(name, statement)
            self.b.metadata.append(symbol)
            self.b.symbol_of_decl[id(statement)] = symbol
            self._metadata.setdefault(name, []).append(symbol)
        elif isinstance(statement, n.TestDeclarationSyntax):
            self._add(Symbol(name, statement))
        elif isinstance(statement, n.TypeDeclarationSyntax):
            symbol = TypeAliasSymbol(name, statement)
            self.b.types.append(symbol)
            self._add(symbol)
        elif isinstance(statement, n.FunctionDeclarationSyntax):
            symbol = FunctionSymbol(name, statement)
            self.b.functions.append(symbol)
            self._add(symbol)
        elif isinstance(statement, n.CompileTimeImportDeclarationSyntax):
            self.declare_import(statement)
        elif isinstance(statement, n.ExtensionDeclarationSyntax):
            alias = statement.as_clause
            alias_name = alias.name.name if isinstance(alias, n.AliasAsClauseSyntax) else (
                statement.specification.name if isinstance(statement.specification, n.IdentifierSyntax) else "")
            symbol = ExtensionSymbol(alias_name, statement)
            self.b.extensions.append(symbol)
            self._add(symbol)
        elif isinstance(statement, n.ParameterAssignmentSyntax):
            symbol = ParameterAssignmentSymbol(name, statement)
            self.b.assignments.append(symbol)
            self._add(symbol)
        elif isinstance(statement, n.UsingDeclarationSyntax):
            self.b.using = statement
        elif isinstance(statement, n.ExtensionConfigAssignmentSyntax):
            alias = statement.alias
            if isinstance(alias, n.IdentifierSyntax) and alias.valid:
                self._add(ExtensionConfigSymbol(alias.name, statement))

    def declare_resource(self, decl: Any, nested_parent: ResourceSymbol | None) -> ResourceSymbol:
        resource = ResourceSymbol(_name(decl), decl, nested_parent)
        self.b.resources.append(resource)
        self.b.symbol_of_decl[id(decl)] = resource
        if isinstance(resource.body, n.ObjectSyntax):
            for child_decl in resource.body.resources:
                child = self.declare_resource(child_decl, resource)
                if child.name in resource.children:
                    self.error("BCP028", child_decl.name, f'Identifier "{child.name}" is declared more than once.')
                resource.children.setdefault(child.name, child)
        return resource

    def declare_import(self, statement: Any) -> None:
        from_clause = statement.from_clause
        source = from_clause.path.literal if isinstance(from_clause, n.CompileTimeImportFromClauseSyntax) \
            and isinstance(statement.from_clause.path, n.StringSyntax) else None
        imported = statement.import_expression
        if isinstance(imported, n.ImportedSymbolsListSyntax):
            for item in imported.items:
                if not isinstance(item, n.ImportedSymbolsListItemSyntax):
                    continue
                original = item.original.name if isinstance(item.original, n.IdentifierSyntax) else (
                    item.original.literal if isinstance(item.original, n.StringSyntax) else None)
                alias = item.alias.name.name if isinstance(item.alias, n.AliasAsClauseSyntax) else original
                if original is None or alias is None:
                    continue
                symbol = ImportedSymbol(alias, item, original, source or "")
                self.b.imports.append(symbol)
                self._add(symbol)
        elif isinstance(imported, n.WildcardImportSyntax):
            wildcard = WildcardImportSymbol(imported.alias.name.name, imported, source or "")
            self.b.imports.append(wildcard)
            self._add(wildcard)

    def report_duplicates(self) -> None:
        for name, symbols in self._declared.items():
            if len(symbols) > 1:
                for symbol in symbols:
                    self.error("BCP028", _name_node(symbol.decl), f'Identifier "{name}" is declared more than once.')
            self.file_scope.names[name] = symbols[0]
            self.b.declarations[name] = symbols[0]
        for group in (self._outputs, self._metadata):
            for name, symbols in group.items():
                if name and len(symbols) > 1:
                    for symbol in symbols:
                        self.error("BCP145", symbol.decl.name, f'"{name}" is declared more than once.')

    # -- resolution -----------------------------------------------------------------------------------------
    def resolve_statement(self, statement: Any) -> None:
        self._current = self.b.symbol_of_decl.get(id(statement))
        for decorator in getattr(statement, "decorators", ()) or ():
            if isinstance(decorator, n.DecoratorSyntax):
                self.resolve_decorator(decorator.expression, self.file_scope)
        if isinstance(statement, n.ResourceDeclarationSyntax):
            self.resolve_resource(statement, self.file_scope)
            return
        for part in _expression_parts(statement):
            self.resolve(part, self.file_scope)

    def resolve_resource(self, decl: Any, scope: _Scope) -> None:
        symbol = self.b.symbol_of_decl[id(decl)]
        assert isinstance(symbol, ResourceSymbol)
        value = decl.value
        body_scope = _Scope(scope)
        for name, child in symbol.children.items():
            body_scope.names[name] = child
        if isinstance(value, n.ForSyntax):
            self.resolve(value.expression, scope)
            loop_scope = self.loop_scope(value, body_scope)
            inner = value.body
            if isinstance(inner, n.IfConditionSyntax):
                self.resolve(inner.condition, loop_scope)
                inner = inner.body
            self.resolve_resource_body(inner, loop_scope)
        elif isinstance(value, n.IfConditionSyntax):
            self.resolve(value.condition, body_scope)
            self.resolve_resource_body(value.body, body_scope)
        else:
            self.resolve_resource_body(value, body_scope)

    def resolve_resource_body(self, body: Any, scope: _Scope) -> None:
        if not isinstance(body, n.ObjectSyntax):
            self.resolve(body, scope)
            return
        for item in body.items:
            if isinstance(item, n.ResourceDeclarationSyntax):
                previous = self._current
                self._current = self.b.symbol_of_decl.get(id(item))
                for decorator in item.decorators:
                    if isinstance(decorator, n.DecoratorSyntax):
                        self.resolve_decorator(decorator.expression, scope)
                self.resolve_resource(item, scope)
                self._current = previous
            elif isinstance(item, n.ObjectPropertySyntax):
                if not isinstance(item.key, n.IdentifierSyntax):
                    self.resolve(item.key, scope)
                self.resolve(item.value, scope)
            else:
                self.resolve(item, scope)

    def loop_scope(self, loop: Any, scope: _Scope) -> _Scope:
        inner = _Scope(scope)
        variable = loop.variable
        if isinstance(variable, n.LocalVariableSyntax):
            inner.names[variable.name.name] = LocalSymbol(variable.name.name, variable, "item", loop)
        elif isinstance(variable, n.VariableBlockSyntax):
            locals_ = [item for item in variable.items if isinstance(item, n.LocalVariableSyntax)]
            if len(locals_) == 2 and locals_[0].name.name == locals_[1].name.name and locals_[0].name.valid:
                for local in locals_:
                    self.error("BCP028", local.name, f'Identifier "{local.name.name}" is declared more than once.')
            for position, local in enumerate(locals_[:2]):
                inner.names.setdefault(local.name.name,
                                       LocalSymbol(local.name.name, local, ("item", "index")[position], loop))
        for local in inner.names.values():
            self.b.symbol_of_decl[id(local.decl)] = local
        return inner

    def resolve_decorator(self, expression: Any, scope: _Scope) -> None:
        # decorator names live in the sys namespace; their arguments are ordinary expressions
        if isinstance(expression, n.VariableAccessSyntax):
            self.resolve_name(expression, expression.name, scope)
        if isinstance(expression, n.FunctionCallSyntax):
            name = expression.name.name if isinstance(expression.name, n.IdentifierSyntax) else None
            if name and expression.name.valid and name not in lib.DECORATORS and not lib.is_function(name) \
                    and scope.lookup(name) is None:
                self.error("BCP057", expression.name, f'The name "{name}" does not exist in the current context.')
            for item in expression.items:
                if isinstance(item, n.FunctionArgumentSyntax):
                    self.resolve(item.expression, scope)
        elif isinstance(expression, n.InstanceFunctionCallSyntax):
            for item in expression.items:
                if isinstance(item, n.FunctionArgumentSyntax):
                    self.resolve(item.expression, scope)

    def resolve(self, node: Any, scope: _Scope) -> None:
        """Resolve every name in an expression (iteratively, so that deep nesting cannot exhaust the stack)."""
        stack: list[tuple[Any, _Scope]] = [(node, scope)]
        while stack:
            current, here = stack.pop()
            if current is None or isinstance(current, (Token, n.SkippedTriviaSyntax)):
                continue
            if isinstance(current, n.VariableAccessSyntax):
                self.resolve_name(current, current.name, here)
                continue
            if isinstance(current, n.TypeVariableAccessSyntax):
                self.resolve_type_name(current, here)
                continue
            if isinstance(current, n.FunctionCallSyntax):
                self.resolve_function(current, here)
                stack.extend((item, here) for item in current.items)
                continue
            if isinstance(current, n.InstanceFunctionCallSyntax):
                stack.append((current.base, here))
                stack.extend((item, here) for item in current.items)
                continue
            if isinstance(current, n.ResourceAccessSyntax):
                self.resolve_resource_access(current, here)
                continue
            if isinstance(current, n.PropertyAccessSyntax):
                stack.append((current.base, here))
                continue
            if isinstance(current, n.ForSyntax):
                stack.append((current.expression, here))
                stack.append((current.body, self.loop_scope(current, here)))
                continue
            if isinstance(current, (n.LambdaSyntax, n.TypedLambdaSyntax)):
                inner = _Scope(here)
                kind = "function" if isinstance(current, n.TypedLambdaSyntax) else "lambda"
                for local in lambda_parameters(current):
                    symbol = LocalSymbol(local.name, local, kind, current)
                    inner.names[local.name] = symbol
                    self.b.symbol_of_decl[id(local.decl)] = symbol
                stack.append((current.body, inner))
                if isinstance(current, n.TypedLambdaSyntax):
                    stack.append((current.return_type, here))
                    stack.extend((local.decl.type, here) for local in lambda_parameters(current))
                continue
            if isinstance(current, n.ObjectPropertySyntax):
                if not isinstance(current.key, n.IdentifierSyntax):
                    stack.append((current.key, here))
                stack.append((current.value, here))
                continue
            if isinstance(current, (n.ObjectTypePropertySyntax, n.ObjectTypeAdditionalPropertiesSyntax)):
                stack.append((current.value, here))
                continue
            if isinstance(current, n.DecoratorSyntax):
                self.resolve_decorator(current.expression, here)
                continue
            if isinstance(current, n.ResourceDeclarationSyntax):
                continue  # nested resources are resolved with their own declaration
            if isinstance(current, n.Node):
                stack.extend((child, here) for child in n.child_nodes(current))

    def resolve_name(self, node: Any, identifier: Any, scope: _Scope) -> None:
        if not isinstance(identifier, n.IdentifierSyntax) or not identifier.valid:
            return
        name = identifier.name
        found = scope.lookup(name)
        if found is None:
            found = _NAMESPACES.get(name)
        if found is None:
            if name in _UNSUPPORTED_FUNCTIONS:
                self.error(*_UNSUPPORTED_FUNCTIONS[name](identifier))
            elif lib.is_function(name) or name in lib.DECORATORS:
                self.error("BCP063", identifier, f'The name "{name}" is a function, not a parameter, variable, '
                                                 f'resource or module.')
            else:
                self.unknown_name(identifier, function=False)
            return
        if found is self._current and found.kind not in ("local",):
            self.error("BCP079", identifier, "This expression refers to its own declaration.")
        if found.kind == "func":
            self.error("BCP063", identifier, f'The name "{name}" is a function, not a parameter, variable, '
                                             f'resource or module.')
        elif found.kind == "extensionConfig":
            self.error("BCP063", identifier, f'The name "{name}" is not a parameter, variable, resource or module.')
        self.b.refs[id(node)] = found

    def unknown_name(self, identifier: Any, function: bool) -> None:
        """BCP057, or BCP082 with the nearest name as Bicep suggests one: for a function call, a built-in function;
        for a name, a declaration of the file or a namespace (loop variables and lambda parameters are not)."""
        name = identifier.name
        candidates = list(lib.SYS) + list(lib.AZ) if function else list(self.file_scope.names) + list(_NAMESPACES)
        suggestion = spelling_suggestion(name, candidates)
        if suggestion is None:
            self.error("BCP057", identifier, f'The name "{name}" does not exist in the current context.')
        else:
            self.error("BCP082", identifier, f'The name "{name}" does not exist in the current context. Did you mean '
                                             f'"{suggestion}"?')

    def resolve_type_name(self, node: Any, scope: _Scope) -> None:
        name = node.name.name if isinstance(node.name, n.IdentifierSyntax) else None
        if not name:
            return
        found = scope.lookup(name)
        if found is not None and found.kind in ("type", "imported", "wildcard"):
            self.b.refs[id(node)] = found
            return
        # (names that are no type are reported by the type checks, which relecloud does not have)

    def resolve_function(self, node: Any, scope: _Scope) -> None:
        identifier = node.name
        if not isinstance(identifier, n.IdentifierSyntax) or not identifier.valid:
            return
        name = identifier.name
        found = scope.lookup(name)
        if found is not None:
            if found.kind in ("func", "imported"):
                if found is self._current:
                    self.error("BCP079", node, "This expression refers to its own declaration.")
                self.b.refs[id(node)] = found
                return
            if lib.is_function(name):
                # a symbol that shadows a built-in function: Bicep reports it (BCP265) rather than guessing
                self.error("BCP265", identifier, f'The name "{name}" is not a function; the built-in one is '
                                                 f'"{lib.namespace_of(name)}.{name}".')
            else:
                self.error("BCP059", identifier, f'The name "{name}" is not a function.')
            return
        if lib.is_function(name):
            self.b.refs[id(node)] = BuiltinFunction(name, lib.namespace_of(name))
            return
        if name in _UNSUPPORTED_FUNCTIONS:
            self.error(*_UNSUPPORTED_FUNCTIONS[name](identifier))
            return
        self.unknown_name(identifier, function=True)

    def resolve_resource_access(self, node: Any, scope: _Scope) -> None:
        base = node.base
        if isinstance(base, n.VariableAccessSyntax):
            self.resolve_name(base, base.name, scope)
        elif isinstance(base, n.ResourceAccessSyntax):
            self.resolve_resource_access(base, scope)
        else:
            self.resolve(base, scope)
            return
        parent = self.b.refs.get(id(base))
        if not isinstance(parent, ResourceSymbol) or not isinstance(node.name, n.IdentifierSyntax):
            return
        child = parent.children.get(node.name.name)
        if child is None:
            self.error("BCP159", node.name, f'The resource "{parent.name}" has no nested resource '
                                            f'"{node.name.name}".')
            return
        self.b.refs[id(node)] = child

    # -- cycles ---------------------------------------------------------------------------------------------
    def report_cycles(self) -> None:
        """Declarations that refer to each other in a cycle (a resource's own nested children excepted)."""
        edges: dict[Symbol, list[tuple[Symbol, Any]]] = {}
        for decl_symbol in list(self.b.declarations.values()) + [r for r in self.b.resources if r.nested_parent]:
            if decl_symbol.kind not in ("var", "resource", "module", "param", "func"):
                continue
            edges[decl_symbol] = [(target, node) for node, target in self._references_in(decl_symbol)
                                  if target.kind in ("var", "resource", "module", "param", "func")
                                  and target is not decl_symbol]
        state: dict[Symbol, int] = {}
        reported: set[int] = set()

        def visit(symbol: Symbol, path: list[Symbol]) -> None:
            state[symbol] = 1
            path.append(symbol)
            for target, _node in edges.get(symbol, ()):
                if state.get(target) == 1:
                    cycle = path[path.index(target):]
                    names = '" -> "'.join([s.name for s in cycle] + [target.name])
                    for member in cycle:
                        for t2, ref_node in edges.get(member, ()):
                            if t2 in cycle and id(ref_node) not in reported:
                                reported.add(id(ref_node))
                                self.error("BCP080", ref_node, f'The expression is part of a cycle ("{names}").')
                elif state.get(target) is None:
                    visit(target, path)
            path.pop()
            state[symbol] = 2

        for symbol in edges:
            if state.get(symbol) is None:
                visit(symbol, [])

    def _references_in(self, symbol: Symbol) -> Iterator[tuple[Any, Symbol]]:
        decl = symbol.decl
        skip_nested = isinstance(symbol, ResourceSymbol)
        stack = list(_expression_parts(decl)) if not skip_nested else [decl.value]
        while stack:
            node = stack.pop()
            if isinstance(node, n.ResourceDeclarationSyntax) and skip_nested:
                continue
            found = self.b.refs.get(id(node))
            if found is not None:
                if isinstance(found, ResourceSymbol) and isinstance(symbol, ResourceSymbol) and \
                        _is_nested_relative(found, symbol):
                    pass
                else:
                    yield node, found
            if isinstance(node, n.Node):
                stack.extend(n.child_nodes(node))


def _is_nested_relative(a: ResourceSymbol, b: ResourceSymbol) -> bool:
    """A nested child may use its parent's properties (and the parent its children's) without a cycle error
    from this check; Bicep reports real cycles between them through the dependency graph."""
    def ancestors(r: ResourceSymbol) -> set[int]:
        out = set()
        while r.nested_parent is not None:
            r = r.nested_parent
            out.add(id(r))
        return out
    return id(a) in ancestors(b) or id(b) in ancestors(a)


@dataclass
class LambdaParameter:
    name: str
    decl: Any


def lambda_parameters(node: Any) -> list[LambdaParameter]:
    variable = node.variable
    if isinstance(variable, n.LocalVariableSyntax):
        return [LambdaParameter(variable.name.name, variable)]
    found = []
    for item in getattr(variable, "items", ()):
        if isinstance(item, (n.LocalVariableSyntax, n.TypedLocalVariableSyntax)):
            found.append(LambdaParameter(item.name.name, item))
    return found


def _name(statement: Any) -> str:
    name = getattr(statement, "name", None)
    return name.name if isinstance(name, n.IdentifierSyntax) and name.valid else ""


def _name_node(decl: Any) -> Any:
    if isinstance(decl, n.ImportedSymbolsListItemSyntax):
        return decl.alias.name if isinstance(decl.alias, n.AliasAsClauseSyntax) else decl.original
    if isinstance(decl, n.WildcardImportSyntax):
        return decl.alias.name
    if isinstance(decl, n.ExtensionConfigAssignmentSyntax):
        return decl.alias
    if isinstance(decl, n.ExtensionDeclarationSyntax):
        return decl.as_clause.name if isinstance(decl.as_clause, n.AliasAsClauseSyntax) else decl.specification
    return getattr(decl, "name", decl)


def _expression_parts(statement: Any) -> list:
    """The parts of a declaration that hold expressions or types (not its keyword, name or decorators)."""
    parts = []
    for field_name in ("type", "value", "modifier", "lambda_", "specification", "with_clause", "path"):
        if field_name in getattr(statement, "FIELDS", ()):
            value = getattr(statement, field_name)
            if value is not None and not (field_name == "path" and isinstance(statement, (n.ModuleDeclarationSyntax,
                                                                                            n.TestDeclarationSyntax,
                                                                                            n.UsingDeclarationSyntax))):
                parts.append(value)
    return parts


def bind(program: n.ProgramSyntax, params_file: bool = False) -> Binding:
    return Binder(program, params_file).bind()


def spelling_suggestion(name: str, candidates: list[str]) -> str | None:
    """The candidate ``name`` is most likely a misspelling of: the same name in another case, else the nearest by
    edit distance, within a distance and length difference that grow with the name (as Bicep suggests names)."""
    lowered = name.lower()
    longest_difference = min(2, int(len(name) * 0.34))
    best_distance = int(len(name) * 0.4) + 1
    best: str | None = None
    for candidate in candidates:
        if candidate == name:
            continue
        if candidate.lower() == lowered:
            return candidate
        if abs(len(candidate) - len(name)) > longest_difference or len(candidate) < 3:
            continue
        distance = _edit_distance(lowered, candidate.lower(), best_distance)
        if distance < best_distance:
            best, best_distance = candidate, distance
    return best


def _edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b`` (anything from ``limit`` up is reported as ``limit``)."""
    previous = list(range(len(b) + 1))
    for i, char in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char != other)))
        if min(current) >= limit:
            return limit
        previous = current
    return min(previous[-1], limit)
