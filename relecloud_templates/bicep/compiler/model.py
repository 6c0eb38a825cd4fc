"""The semantic model of one Bicep file: its syntax, symbols, resource hierarchy and scopes, the variables that
must be written inline, each resource's and module's dependencies, and whether the output uses symbolic names.

Built once per file by ``analyse``; the emitter reads it. Modules referenced by the file are separate models
(``ModuleSymbol.target``), compiled first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relecloud_templates.bicep.compiler import functions as lib
from relecloud_templates.bicep.compiler.filesystem import DISK, FileSystem
from relecloud_templates.bicep.compiler.symbols import (
    Binding,
    BuiltinFunction,
    ModuleSymbol,
    ResourceSymbol,
    Symbol,
    VariableSymbol,
    bind,
)
from relecloud_templates.bicep.parser import ParseResult
from relecloud_templates.bicep.parser import nodes as n
from relecloud_templates.bicep.parser.tokens import BicepDiagnostic

DEPLOYMENTS = "Microsoft.Resources/deployments"
RESOURCE_GROUPS = "Microsoft.Resources/resourceGroups"
MANAGEMENT_GROUPS = "Microsoft.Management/managementGroups"


@dataclass
class Ancestor:
    resource: ResourceSymbol
    index: Any  # the index expression (syntax) of `parent: collection[i]`, else None
    nested: bool  # declared inside the parent's body (else named by `parent:`)


@dataclass
class ScopeData:
    """Where a resource or module deploys: the requested scope and the expressions that name it."""

    scope: str  # resourceGroup | subscription | managementGroup | tenant | resource
    subscription_id: Any = None
    resource_group: Any = None
    management_group: Any = None
    resource: ResourceSymbol | None = None  # extension resources: the resource they extend
    index: Any = None  # index expression when the scope is an element of a collection


@dataclass(frozen=True)
class Dependency:
    target: Symbol  # a resource, module or variable symbol
    index: Any = None  # the index expression syntax for an element of a collection, else None


@dataclass
class FileModel:
    path: Path | None
    parsed: ParseResult
    params_file: bool
    binding: Binding
    diagnostics: list[BicepDiagnostic] = field(default_factory=list)
    ancestors: dict[int, list[Ancestor]] = field(default_factory=dict)  # id(resource) -> root first
    scopes: dict[int, ScopeData] = field(default_factory=dict)  # id(resource or module) -> scope
    loop_names: dict[int, str | None] = field(default_factory=dict)  # id(ForSyntax) -> copy loop name
    inline_variables: set[VariableSymbol] = field(default_factory=set)
    dependencies: dict[int, set[Dependency]] = field(default_factory=dict)  # id(symbol) -> direct dependencies
    function_variables: dict[int, str] = field(default_factory=dict)  # id(load call) -> its "$fxv#N" variable
    missing_loads: set[int] = field(default_factory=set)  # id() of the BCP091 errors of load functions
    unset_variables: set[int] = field(default_factory=set)  # id() of the BCP338 errors of unset variables
    symbolic: bool = False
    fs: FileSystem = DISK  # where load functions read files
    _nodes: list | None = None

    @property
    def program(self) -> n.ProgramSyntax:
        return self.parsed.program

    @property
    def nodes(self) -> list[n.Node]:
        """Every syntax node of the file (not tokens), in source order; computed once."""
        if self._nodes is None:
            self._nodes = [x for x in n.walk(self.parsed.program) if isinstance(x, n.Node)]
        return self._nodes

    @property
    def target_scope(self) -> str:
        return self.binding.target_scope

    def error(self, code: str, node: Any, message: str, level: str = "Error") -> None:
        start, end = (node.start, node.end) if node is not None else (0, 0)
        self.diagnostics.append(BicepDiagnostic(code, start, end, message, level))

    def ancestors_of(self, resource: ResourceSymbol) -> list[Ancestor]:
        return self.ancestors.get(id(resource), [])

    def symbolic_name(self, resource: ResourceSymbol) -> str:
        """The copy-loop (or symbolic) name: nested parents joined with '::' (``parent::child``)."""
        names = [resource.name]
        for ancestor in reversed(self.ancestors_of(resource)):
            if not ancestor.nested:
                break
            names.append(ancestor.resource.name)
        return "::".join(reversed(names))


def analyse(parsed: ParseResult, path: Path | None, params_file: bool = False, fs: FileSystem = DISK) -> FileModel:
    binding = bind(parsed.program, params_file)
    model = FileModel(path, parsed, params_file, binding, fs=fs)
    _resource_types(model)
    _parents(model)
    _scopes(model)
    _loop_names(model)
    from relecloud_templates.bicep.compiler.files import function_variables

    model.function_variables = function_variables(model)
    return model


# -- resource types and hierarchy ------------------------------------------------------------------------------


def split_type(text: str) -> tuple[str, str | None]:
    if "@" in text:
        type_, version = text.rsplit("@", 1)
        return type_, version
    return text, None


def _resource_types(model: FileModel) -> None:
    for resource in model.binding.resources:  # parents are declared (and typed) before their nested children
        text = resource.type_string
        if text is None:
            if isinstance(resource.decl.type, n.StringSyntax):
                model.error("BCP047", resource.decl.type, "String interpolation is not supported in a resource type.")
            continue
        type_, version = split_type(text)
        parent = resource.nested_parent
        if parent is not None:
            if "/" in type_:
                resource.full_type, resource.api_version = type_, version  # a fully qualified nested type
            else:
                resource.full_type = f"{parent.full_type}/{type_}" if parent.full_type else ""
                resource.api_version = version or parent.api_version
        else:
            resource.full_type, resource.api_version = type_, version
            if "/" not in type_ or version is None:
                model.error("BCP029", resource.decl.type, 'The resource type is not valid: write '
                                                          '"<type-name>@<apiVersion>".')
        resource.full_type = canonical_type(resource.full_type, resource.api_version)


def canonical_type(full_type: str, api_version: str | None) -> str:
    """The type as Azure's type data spells it (``Microsoft.Web/serverfarms``) when the data knows this type and
    API version: Bicep writes that spelling, whatever the source says."""
    if not full_type or not api_version:
        return full_type
    from relecloud_templates.arm import typeschemas

    try:
        found = typeschemas.lookup(full_type)
    except typeschemas.TypeDataMissing:
        return full_type
    return found.name if found is not None and found.has_version(api_version) else full_type


def _parents(model: FileModel) -> None:
    binding = model.binding
    for resource in binding.resources:
        if resource.nested_parent is not None:
            resource.parent = resource.nested_parent
            continue
        value = resource.body_value("parent")
        if value is None:
            continue
        index = None
        if isinstance(value, n.ArrayAccessSyntax):
            index, value = value.index, value.base
        target = binding.ref(value)
        if isinstance(target, ResourceSymbol):
            resource.parent, resource.parent_index = target, index
        else:
            model.error("BCP240", value, 'The "parent" property only takes a direct reference to a resource.')
    for resource in binding.resources:
        chain: list[Ancestor] = []
        current, seen = resource, {id(resource)}
        while current.parent is not None and id(current.parent) not in seen:
            seen.add(id(current.parent))
            chain.append(Ancestor(current.parent, current.parent_index, current.nested_parent is not None))
            current = current.parent
        model.ancestors[id(resource)] = list(reversed(chain))


def _scopes(model: FileModel) -> None:
    target = model.target_scope
    default = ScopeData(target)
    resources = sorted(model.binding.resources, key=lambda r: len(model.ancestors_of(r)))
    for resource in resources:
        ancestors = model.ancestors_of(resource)
        if ancestors:
            model.scopes[id(resource)] = model.scopes.get(id(ancestors[0].resource), default)
            continue
        value = resource.body_value("scope")
        model.scopes[id(resource)] = scope_of(model, value) if value is not None else default
    for module in model.binding.modules:
        value = module.body_value("scope")
        model.scopes[id(module)] = scope_of(model, value) if value is not None else default


def scope_of(model: FileModel, value: Any) -> ScopeData:
    """The scope a `scope:` value names: resourceGroup(...), subscription(...), managementGroup(...), tenant(), a
    resource (an extension resource), or a resource group / management group resource."""
    index = None
    base = value
    if isinstance(value, n.ArrayAccessSyntax):
        base, index = value.base, value.index
    call = _scope_call(model, base)
    if call is not None:
        name, args = call
        if name == "tenant":
            return ScopeData("tenant", index=index)
        if name == "managementGroup":
            return ScopeData("managementGroup", management_group=args[0] if args else None, index=index)
        if name == "subscription":
            return ScopeData("subscription", subscription_id=args[0] if args else None, index=index)
        if name == "resourceGroup":
            if len(args) >= 2:
                return ScopeData("resourceGroup", subscription_id=args[0], resource_group=args[1], index=index)
            return ScopeData("resourceGroup", resource_group=args[0] if args else None, index=index)
    symbol = model.binding.ref(base)
    if isinstance(symbol, ResourceSymbol):
        if symbol.full_type.lower() == RESOURCE_GROUPS.lower():
            inner = model.scopes.get(id(symbol)) or ScopeData(model.target_scope)
            return ScopeData("resourceGroup", subscription_id=inner.subscription_id,
                             resource_group=symbol.body_value("name"), index=index)
        if symbol.full_type.lower() == MANAGEMENT_GROUPS.lower():
            return ScopeData("managementGroup", management_group=symbol.body_value("name"), index=index)
        return ScopeData("resource", resource=symbol, index=index)
    return ScopeData(model.target_scope)


def _scope_call(model: FileModel, node: Any) -> tuple[str, list] | None:
    name = None
    if (isinstance(node, n.FunctionCallSyntax) and isinstance(node.name, n.IdentifierSyntax)) or (
        isinstance(node, n.InstanceFunctionCallSyntax)
        and isinstance(node.name, n.IdentifierSyntax)
        and isinstance(node.base, n.VariableAccessSyntax)
        and node.base.name.name == "az"
    ):
        name = node.name.name
    if name not in ("tenant", "managementGroup", "subscription", "resourceGroup"):
        return None
    target = model.binding.ref(node) if isinstance(node, n.FunctionCallSyntax) else None
    if target is not None and target.kind != "builtin":
        return None
    return name, [item.expression for item in node.items if isinstance(item, n.FunctionArgumentSyntax)]


def _loop_names(model: FileModel) -> None:
    """The name ARM gives each for-expression's copy loop: the variable's or property's name; resources, modules
    and outputs use their own (unnamed) copyIndex()."""
    for node in model.nodes:
        if isinstance(node, n.VariableDeclarationSyntax) and isinstance(node.value, n.ForSyntax):
            model.loop_names[id(node.value)] = node.name.name
        elif isinstance(node, n.ObjectPropertySyntax) and isinstance(node.value, n.ForSyntax):
            model.loop_names[id(node.value)] = node.key_text
        elif isinstance(node, n.ForSyntax) and id(node) not in model.loop_names:
            model.loop_names[id(node)] = None


# -- variables written inline ----------------------------------------------------------------------------------

_DEPLOY_TIME_CONSTANTS = {"id", "name", "type", "apiVersion"}


def find_inline_variables(model: FileModel) -> None:
    """Variables ARM cannot hold in its ``variables`` section because they read values only known while deploying
    (resource properties, module outputs, list*() and reference()): Bicep writes them where they are used."""
    decisions: dict[VariableSymbol, str] = {}  # inline | no | skip

    def visit_variable(variable: VariableSymbol) -> None:
        decisions[variable] = "no"
        stack = [variable.decl.value]
        order: list[Any] = []
        while stack:  # pre-order, left to right, as Bicep's visitor goes
            node = stack.pop()
            order.append(node)
            if isinstance(node, n.FunctionCallSyntax) and isinstance(node.name, n.IdentifierSyntax) and \
                    node.name.name == "nameof" and isinstance(model.binding.ref(node), BuiltinFunction):
                continue  # nameof(x) is x's name, known while compiling: it reads nothing
            if isinstance(node, n.Node):
                stack.extend(reversed(n.child_nodes(node)))
        for node in order:
            if decisions[variable] == "inline":
                return
            if isinstance(node, (n.FunctionCallSyntax, n.InstanceFunctionCallSyntax)):
                decisions[variable] = "inline" if _requires_inlining(model, node) else "no"
            elif isinstance(node, n.PropertyAccessSyntax):
                base = node.base.base if isinstance(node.base, n.ArrayAccessSyntax) else node.base
                if isinstance(base, n.VariableAccessSyntax):
                    symbol = model.binding.ref(base)
                    if isinstance(symbol, (ResourceSymbol, ModuleSymbol)):
                        name = node.property.name if isinstance(node.property, n.IdentifierSyntax) else ""
                        constant = name in _DEPLOY_TIME_CONSTANTS if isinstance(symbol, ResourceSymbol) \
                            else name == "name"
                        decisions[variable] = "skip" if constant else "inline"
            elif isinstance(node, n.VariableAccessSyntax):
                symbol = model.binding.ref(node)
                if isinstance(symbol, VariableSymbol):
                    if symbol not in decisions:
                        visit_variable(symbol)
                    if decisions[symbol] == "inline":
                        decisions[variable] = "inline"
                    elif decisions[variable] != "skip":
                        decisions[variable] = "no"
                elif isinstance(symbol, (ResourceSymbol, ModuleSymbol)) and decisions[variable] != "skip":
                    decisions[variable] = "inline"

    for variable in model.binding.variables:
        if variable not in decisions:
            visit_variable(variable)
    model.inline_variables = {v for v, d in decisions.items() if d == "inline"}


def _requires_inlining(model: FileModel, node: Any) -> bool:
    name = node.name.name if isinstance(node.name, n.IdentifierSyntax) else ""
    if isinstance(node, n.InstanceFunctionCallSyntax):
        base = node.base.base if isinstance(node.base, n.ArrayAccessSyntax) else node.base
        symbol = model.binding.ref(base)
        if isinstance(symbol, ResourceSymbol):
            return lib.is_list_function(name) or name == "getSecret"
        if symbol is not None and symbol.kind == "namespace":
            return lib.requires_inlining(name)
        return False
    symbol = model.binding.ref(node)
    return symbol is not None and symbol.kind == "builtin" and lib.requires_inlining(name)
