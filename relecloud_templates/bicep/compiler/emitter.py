"""The ARM template of a compiled Bicep file, written as the Bicep compiler writes it (classic resources array,
or symbolic names with languageVersion 2.0 when the file needs them).

Every value the emitter writes records the source span it came from (``spans``: JSON path -> (file, start,
end)), so that findings on the template can be reported at the Bicep that produced them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from relecloud_templates.bicep.compiler import armexpr as a
from relecloud_templates.bicep.compiler import files
from relecloud_templates.bicep.compiler.dependencies import optimise
from relecloud_templates.bicep.compiler.expressions import CompileError, Converter
from relecloud_templates.bicep.compiler.model import DEPLOYMENTS, FileModel
from relecloud_templates.bicep.compiler.references import DEPLOYMENTS_API_VERSION
from relecloud_templates.bicep.compiler.settings import has_tests
from relecloud_templates.bicep.compiler.symbols import (
    LocalSymbol,
    ModuleSymbol,
    ResourceSymbol,
    VariableSymbol,
)
from relecloud_templates.bicep.compiler.types import TypeWriter
from relecloud_templates.bicep.parser import nodes as n

SCHEMAS = {
    "resourceGroup": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "subscription": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#",
    "managementGroup": "https://schema.management.azure.com/schemas/2019-08-01/managementGroupDeploymentTemplate.json#",
    "tenant": "https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#",
}
GENERATOR = {"name": "relecloud", "version": "bicep-compiler-1"}
_RESOURCE_OMIT = {"name", "scope", "parent", "dependsOn"}
_MODULE_OMIT = {"name", "params", "extensionConfigs", "scope", "dependsOn"}

Path = tuple


class Emitter:
    def __init__(self, model: FileModel, compile_module: Callable[[ModuleSymbol], Any]):
        self.model = model
        self.binding = model.binding
        self.compile_module = compile_module
        self.spans: dict[Path, tuple[FileModel, int, int]] = {}
        self.nested_spans: dict[Path, Any] = {}  # path of a module's template -> that module's spans
        self.types = TypeWriter(self)

    def error(self, failure: CompileError) -> None:
        self.model.error(failure.code, failure.node, failure.message)

    def mark(self, path: Path, node: Any) -> None:
        """Record that ``node`` produced the value at ``path`` (a declaration from its keyword, after decorators)."""
        if node is not None and hasattr(node, "start"):
            keyword = getattr(node, "keyword", None) if getattr(node, "decorators", None) else None
            self.spans[path] = (self.model, keyword.start if keyword is not None else node.start, node.end)

    # -- the template ---------------------------------------------------------------------------------------
    def template(self) -> dict:
        model = self.model
        out: dict[str, Any] = {"$schema": SCHEMAS.get(model.target_scope, SCHEMAS["resourceGroup"])}
        if model.symbolic:
            out["languageVersion"] = "2.1-experimental" if has_tests(model) else "2.0"
        out["contentVersion"] = "1.0.0.0"
        self.mark((), model.program)
        out["metadata"] = self.metadata()
        definitions = self.types.definitions(("definitions",))
        if definitions:
            out["definitions"] = definitions
        functions = self.functions()
        if functions:
            out["functions"] = functions
        parameters = self.parameters()
        if parameters:
            out["parameters"] = parameters
        variables = self.variables()
        if variables:
            out["variables"] = variables
        out["resources"] = self.resources()
        outputs = self.outputs()
        if outputs:
            out["outputs"] = outputs
        return out

    def metadata(self) -> dict:
        out: dict[str, Any] = {"_generator": dict(GENERATOR)}
        for symbol in self.binding.metadata:
            if symbol.name:
                out[symbol.name] = self.value(symbol.decl.value, Converter(self.model), ("metadata", symbol.name))
        exported = sorted((v for v in self.binding.variables if v.name and
                           decorator_arguments(v.decl, "export") is not None), key=lambda v: v.name)
        if exported:  # (what `import` reads from the compiled template: each name, and its declared type)
            path = ("metadata", "__bicep_exported_variables!")
            out[path[1]] = [{"name": v.name, **({"type": self.types.type_properties(v.decl.type, path + (i, "type"))}
                                                if v.decl.type is not None else {})}
                            for i, v in enumerate(exported)]
        return out

    # -- values ---------------------------------------------------------------------------------------------
    def value(self, node: Any, conv: Converter, path: Path) -> Any:
        """The JSON for a value: literals and containers as JSON, everything else as an expression string."""
        self.mark(path, node)
        try:
            return self._value(node, conv, path)
        except CompileError as failure:
            self.error(failure)
            return None

    def _value(self, node: Any, conv: Converter, path: Path) -> Any:
        while isinstance(node, (n.ParenthesizedExpressionSyntax, n.NonNullAssertionSyntax)):
            node = node.expression if isinstance(node, n.ParenthesizedExpressionSyntax) else node.base
        if isinstance(node, n.StringSyntax) and not node.expressions:
            return a.serialize(a.lit(node.segments[0]))
        if isinstance(node, n.IntegerLiteralSyntax):
            return node.value if node.value < 2 ** 63 else a.serialize(conv.convert(node))
        if isinstance(node, n.UnaryOperationSyntax) and isinstance(node.expression, n.IntegerLiteralSyntax) \
                and node.operator.text == "-":
            return -node.expression.value
        if isinstance(node, n.BooleanLiteralSyntax):
            return node.token.text == "true"
        if isinstance(node, n.NullLiteralSyntax):
            return None
        if isinstance(node, n.ObjectSyntax) and not any(isinstance(i, n.SpreadExpressionSyntax) for i in node.items):
            return self.object_value(node, conv, path)
        if isinstance(node, n.ArraySyntax) and not any(isinstance(i, n.SpreadExpressionSyntax) for i in node.items):
            return [self.value(item.value, conv, path + (i,))
                    for i, item in enumerate(x for x in node.items if isinstance(x, n.ArrayItemSyntax))]
        if isinstance(node, n.FunctionCallSyntax) and node.name.name == "any" and \
                getattr(self.binding.ref(node), "kind", None) == "builtin":
            args = conv.arguments(node)
            if len(args) == 1:
                return self._value(args[0], conv, path)
        if isinstance(node, n.FunctionCallSyntax) and node.name.name in files.LOAD_FUNCTIONS and \
                id(node) not in self.model.function_variables and \
                getattr(self.binding.ref(node), "kind", None) == "builtin":
            return files.load_value(conv, node.name.name, conv.arguments(node), node)
        if isinstance(node, n.VariableAccessSyntax):
            symbol = self.binding.ref(node)
            if isinstance(symbol, VariableSymbol) and symbol in self.model.inline_variables:
                return self._value(symbol.value, Converter(self.model), path)
        if isinstance(node, n.ForSyntax):
            raise CompileError("BCP138", node.for_keyword, "A for-expression is not supported here.")
        expression = conv.convert(node)
        if isinstance(expression, a.Tok) and isinstance(expression.value, int):
            return expression.value
        if expression == a.Fn("createObject"):
            return {}  # (another scope as a value, for one)
        return a.serialize(expression)

    def object_value(self, node: n.ObjectSyntax, conv: Converter, path: Path,
                     omit: frozenset[str] | set[str] = frozenset()) -> dict:
        out: dict[str, Any] = {}
        loops = [p for p in node.properties if isinstance(p.value, n.ForSyntax) and (p.key_text or "") not in omit]
        if loops:
            copies = []
            for i, prop in enumerate(loops):
                if prop.key_text is None:
                    self.model.error("BCP143", prop.key, "A for-expression cannot be the value of a property whose "
                                                         "name is an expression.")
                    continue
                copies.append(self.copy(prop.key_text, prop.value, prop.value.body, conv, path + ("copy", i)))
            out["copy"] = copies
        for prop in node.properties:
            key = prop.key_text
            if key is not None and key in omit:
                continue
            if isinstance(prop.value, n.ForSyntax):
                continue
            if key is None:
                try:
                    key = a.serialize(conv.convert(prop.key))
                except CompileError as failure:
                    self.error(failure)
                    continue
            elif key.lower() == "copy":  # ARM reads a "copy" key as a loop: a property named so is escaped
                key = a.serialize(a.fn("string", a.lit(key)))
            else:
                key = a.serialize(a.lit(key))
            out[key] = self.value(prop.value, conv, path + (key,))
        return out

    def copy(self, name: str | None, loop: Any, body: Any, conv: Converter, path: Path,
             batch: int | None = None) -> dict:
        """A copy loop: ``count`` from the loop's array, ``input`` from its body (items and properties only)."""
        self.mark(path, loop)
        out: dict[str, Any] = {}
        if name is not None:
            out["name"] = name
        try:
            out["count"] = a.serialize(a.fn("length", conv.convert(loop.expression)))
        except CompileError as failure:
            self.error(failure)
        if batch is not None:
            out["mode"] = "serial"
            out["batchSize"] = batch
        if body is not None:
            inner = conv.inside(self._loop_locals(loop))
            spread = isinstance(body, n.ObjectSyntax) and \
                any(isinstance(i, n.SpreadExpressionSyntax) for i in body.items)
            if isinstance(body, n.ObjectSyntax) and not spread:
                out["input"] = self.object_value(body, inner, path + ("input",))
            elif isinstance(body, n.StringSyntax) and not body.expressions:
                out["input"] = a.serialize(a.lit(body.segments[0]))
            else:
                self.mark(path + ("input",), body)
                try:
                    out["input"] = a.serialize(a.as_function(inner.convert(body)))
                except CompileError as failure:
                    self.error(failure)
        return out

    def _loop_locals(self, loop: Any) -> list[LocalSymbol]:
        found = []
        for node in n.walk(loop.variable):
            symbol = self.binding.symbol(node)
            if isinstance(symbol, LocalSymbol):
                found.append(symbol)
        return found

    # -- declarations ---------------------------------------------------------------------------------------
    def parameters(self) -> dict:
        out: dict[str, Any] = {}
        for symbol in self.binding.params:
            if not symbol.name:
                continue
            path = ("parameters", symbol.name)
            self.mark(path, symbol.decl)
            declared = self.types.declaration(symbol.decl, symbol.decl.type, path)
            modifier = symbol.decl.modifier
            if isinstance(modifier, n.ParameterDefaultValueSyntax):
                declared["defaultValue"] = self.value(modifier.value, Converter(self.model), path + ("defaultValue",))
            out[symbol.name] = declared
        return out

    def variables(self) -> dict:
        out: dict[str, Any] = {}
        hoisted = [(name, node_id) for node_id, name in self.model.function_variables.items()]
        calls = {id(node): node for node in self.model.nodes if id(node) in self.model.function_variables} \
            if hoisted else {}
        for name, node_id in sorted(hoisted):
            call: Any = calls[node_id]
            self.mark(("variables", name), call)
            try:
                args = [i.expression for i in call.items if isinstance(i, n.FunctionArgumentSyntax)]
                out[name] = files.load_value(Converter(self.model), call.name.name, args, call)
            except CompileError as failure:
                self.error(failure)
        loops = [v for v in self.binding.variables if v.is_copy and v.name and v not in self.model.inline_variables]
        if loops:
            out["copy"] = [self.copy(v.name, v.value, v.value.body, Converter(self.model), ("variables", "copy", i))
                           for i, v in enumerate(loops)]
        for symbol in self.binding.variables:
            if not symbol.name or symbol.is_copy or symbol in self.model.inline_variables:
                continue
            out[symbol.name] = self.value(symbol.value, Converter(self.model), ("variables", symbol.name))
        return out

    def functions(self) -> list:
        if not self.binding.functions:
            return []
        members: dict[str, Any] = {}
        for symbol in self.binding.functions:
            if symbol.name and isinstance(symbol.decl.lambda_, n.TypedLambdaSyntax):
                members[symbol.name] = self.types.function(symbol, ("functions", 0, "members", symbol.name))
        return [{"namespace": "__bicep", "members": members}]

    def outputs(self) -> dict:
        out: dict[str, Any] = {}
        for name, symbol in self.binding.outputs.items():
            path = ("outputs", name)
            self.mark(path, symbol.decl)
            declared = self.types.declaration(symbol.decl, symbol.decl.type, path)
            value = symbol.decl.value
            if isinstance(value, n.ForSyntax):
                declared["copy"] = self.copy(None, value, value.body, Converter(self.model), path + ("copy",))
            elif isinstance(symbol.decl.type, n.ResourceTypeSyntax):
                try:
                    resource = self._resource_of(value)
                    declared["value"] = a.serialize(Converter(self.model).resource_id(resource)) if resource else None
                except CompileError as failure:
                    self.error(failure)
            else:
                declared["value"] = self.value(value, Converter(self.model), path + ("value",))
            out[name] = declared
        return out

    def _resource_of(self, node: Any) -> ResourceSymbol | None:
        symbol = self.binding.ref(node)
        return symbol if isinstance(symbol, ResourceSymbol) else None

    # -- resources and modules ------------------------------------------------------------------------------
    def resources(self) -> Any:
        if self.model.symbolic:
            return self.symbolic_resources()
        out: list = []
        for resource in self.binding.resources:
            if resource.existing:
                continue
            out.append(self.resource(resource, ("resources", len(out))))
        for module in self.binding.modules:
            out.append(self.module(module, ("resources", len(out))))
        return out

    def symbolic_resources(self) -> dict:
        out: dict[str, Any] = {}
        for resource in self.binding.resources:
            key = self.model.symbolic_name(resource)
            out[key] = self.resource(resource, ("resources", key))
        for module in self.binding.modules:
            out[module.name] = self.module(module, ("resources", module.name))
        return out

    def _loop_and_condition(self, out: dict, symbol: Any, conv: Converter, path: Path, name: str) -> Converter:
        loop = symbol.loop
        if isinstance(symbol, ResourceSymbol) and loop is None:
            for ancestor in self.model.ancestors_of(symbol):
                if ancestor.nested and ancestor.resource.loop is not None:
                    loop = ancestor.resource.loop
        if loop is not None:
            out["copy"] = self.copy(name, loop, None, conv, path + ("copy",), batch=self._batch_size(symbol))
            conv = conv.inside(self._loop_locals(loop))
        conditions = []
        if isinstance(symbol, ResourceSymbol):
            conditions = [anc.resource.condition for anc in self.model.ancestors_of(symbol)
                          if anc.nested and anc.resource.condition is not None]
        if symbol.condition is not None:
            conditions.append(symbol.condition)
        if conditions:
            self.mark(path + ("condition",), conditions[-1])
            try:
                expression = conv.convert(conditions[0].condition)
                for extra in conditions[1:]:
                    expression = a.fn("and", expression, conv.convert(extra.condition))
                out["condition"] = a.serialize(expression)
            except CompileError as failure:
                self.error(failure)
        return conv

    def _batch_size(self, symbol: Any) -> int | None:
        args = decorator_arguments(symbol.decl, "batchSize")
        if args and isinstance(args[0], n.IntegerLiteralSyntax):
            return args[0].value
        return None

    def _description(self, symbol: Any) -> Any:
        args = decorator_arguments(symbol.decl, "description")
        return args[0] if args else None

    def resource(self, resource: ResourceSymbol, path: Path) -> dict:
        self.mark(path, resource.decl)
        out: dict[str, Any] = {}
        conv = self._loop_and_condition(out, resource, Converter(self.model), path,
                                        self.model.symbolic_name(resource))
        if self.model.symbolic and resource.existing:
            out["existing"] = True
        out["type"] = resource.full_type
        self.mark(path + ("type",), resource.decl.type)
        if resource.api_version:
            out["apiVersion"] = resource.api_version
        self._resource_scope(out, resource, conv, path)
        name = resource.body_value("name")
        if name is not None:
            self.mark(path + ("name",), name)
            try:
                out["name"] = a.serialize(conv.full_name(resource)) if self.model.ancestors_of(resource) else \
                    self.value(name, conv, path + ("name",))
            except CompileError as failure:
                self.error(failure)
        if isinstance(resource.body, n.ObjectSyntax):
            out.update(self.object_value(resource.body, conv, path, _RESOURCE_OMIT))
        self._depends_on(out, resource, conv, path)
        description = self._description(resource)
        if description is not None:
            out.setdefault("metadata", {})["description"] = self.value(description, Converter(self.model),
                                                                       path + ("metadata", "description"))
        return out

    def _resource_scope(self, out: dict, resource: ResourceSymbol, conv: Converter, path: Path) -> None:
        scope = self.model.scopes.get(id(resource))  # a child inherits the scope of its root ancestor
        if scope is None:
            return
        if scope.scope == "resource" and scope.resource is not None:
            self.mark(path + ("scope",), resource.body_value("scope"))
            try:
                context = conv.resource_context(scope.resource, scope.index) if scope.index is not None else conv
                out["scope"] = a.serialize(context.resource_id(scope.resource))
            except CompileError as failure:
                self.error(failure)
        elif scope.scope == "tenant" and self.model.target_scope != "tenant":
            out["scope"] = "/"
        elif self.model.symbolic and resource.existing:  # (languageVersion 2.0 names the group or subscription)
            for key, node in (("subscriptionId", scope.subscription_id), ("resourceGroup", scope.resource_group)):
                if node is not None:
                    out[key] = self.value(node, conv, path + (key,))

    def module(self, module: ModuleSymbol, path: Path) -> dict:
        self.mark(path, module.decl)
        out: dict[str, Any] = {}
        conv = self._loop_and_condition(out, module, Converter(self.model), path, module.name)
        out["type"] = DEPLOYMENTS
        out["apiVersion"] = DEPLOYMENTS_API_VERSION
        if isinstance(module.body, n.ObjectSyntax):
            out.update(self.object_value(module.body, conv, path, _MODULE_OMIT))
        name = module.body_value("name")
        self.mark(path + ("name",), name if name is not None else module.decl.name)
        try:
            out["name"] = self.value(name, conv, path + ("name",)) if name is not None else \
                a.serialize(conv.module_name(module))
        except CompileError as failure:
            self.error(failure)
        self._module_scope(out, module, conv, path)
        properties: dict[str, Any] = {"expressionEvaluationOptions": {"scope": "inner"}, "mode": "Incremental"}
        params = module.body_value("params")
        if isinstance(params, n.ObjectSyntax):
            properties["parameters"] = self.module_parameters(params, conv, path + ("properties", "parameters"))
        template = self.compile_module(module)
        if template is not None:
            key = "templateLink" if isinstance(template, dict) and "templateLink" in template and len(template) == 1 \
                else "template"
            properties[key] = template["templateLink"] if key == "templateLink" else template
            if module.target is not None and getattr(module.target, "spans", None) is not None:
                self.nested_spans[path + ("properties", "template")] = module.target
        out["properties"] = properties
        self._depends_on(out, module, conv, path)
        description = self._description(module)
        if description is not None:
            out.setdefault("metadata", {})["description"] = self.value(description, Converter(self.model),
                                                                       path + ("metadata", "description"))
        return out

    def module_parameters(self, params: n.ObjectSyntax, conv: Converter, path: Path) -> dict:
        out: dict[str, Any] = {}
        for prop in params.properties:
            key = prop.key_text
            if key is None:
                self.model.error("BCP-EMIT", prop.key, "A module parameter name must be a constant.")
                continue
            here = path + (key,)
            self.mark(here, prop)
            value = prop.value
            if isinstance(value, n.ForSyntax):
                # in the nested deployment the loop is the parameter's 'value' copy: copyIndex('value')
                self.model.loop_names[id(value)] = "value"
                copy = self.copy("value", value, value.body, conv, here + ("copy", 0))
                out[key] = {"copy": [copy]}
                continue
            secret = self._key_vault_secret(value, conv, here)
            if secret is not None:
                out[key] = secret
                continue
            chosen = self._chosen_secret(value, conv)
            if chosen is not None:
                out[key] = a.serialize(chosen)
                continue
            out[key] = {"value": self.value(value, conv, here + ("value",))}
        return out

    def _chosen_secret(self, value: Any, conv: Converter) -> a.Expr | None:
        """``c ? vault.getSecret('x') : 'y'``: the parameter object chosen at deployment, ``if(c, createObject(
        'reference', ...), createObject('value', 'y'))`` (None when no branch holds a ``getSecret()``)."""
        if isinstance(value, n.ParenthesizedExpressionSyntax):
            return self._chosen_secret(value.expression, conv)
        if not isinstance(value, n.TernaryOperationSyntax):
            return None
        try:
            branches = []
            for branch in (value.true_value, value.false_value):
                inner = self._chosen_secret(branch, conv)
                parts = self._secret_parts(branch, conv) if inner is None else None
                if parts is not None:
                    vault, name, version = parts
                    fields: list[a.Expr] = [a.lit("keyVault"), a.fn("createObject", a.lit("id"), vault),
                                            a.lit("secretName"), name]
                    if version is not None:
                        fields += [a.lit("secretVersion"), version]
                    inner = a.fn("createObject", a.lit("reference"), a.fn("createObject", *fields))
                branches.append(inner)
            if branches == [None, None]:
                return None
            objects = [branch if branch is not None else a.fn("createObject", a.lit("value"), conv.convert(node))
                       for branch, node in zip(branches, (value.true_value, value.false_value))]
            return a.fn("if", conv.convert(value.condition), *objects)
        except CompileError as failure:
            self.error(failure)
            return None

    def _key_vault_secret(self, value: Any, conv: Converter, path: Path) -> dict | None:
        """``vault.getSecret('name')`` passed to a secure module parameter: a Key Vault reference."""
        try:
            parts = self._secret_parts(value, conv)
        except CompileError as failure:
            self.error(failure)
            return None
        if parts is None:
            return None
        vault, name, version = parts
        self.mark(path + ("reference", "secretName"), value)
        reference: dict[str, Any] = {"keyVault": {"id": a.serialize(vault)}, "secretName": a.serialize(name)}
        if version is not None:
            reference["secretVersion"] = a.serialize(version)
        return {"reference": reference}

    def _secret_parts(self, value: Any, conv: Converter) -> tuple[a.Expr, a.Expr, a.Expr | None] | None:
        """(vault ID, secret name, secret version or None) of ``vault.getSecret(name[, version])``."""
        if not (isinstance(value, n.InstanceFunctionCallSyntax) and isinstance(value.name, n.IdentifierSyntax)
                and value.name.name == "getSecret"):
            return None
        base, index = value.base, None
        if isinstance(base, n.ArrayAccessSyntax):
            base, index = base.base, base.index
        vault = self.binding.ref(base)
        args = conv.arguments(value)
        if not isinstance(vault, ResourceSymbol) or not args:
            return None
        context = conv.resource_context(vault, index) if index is not None else conv
        version = conv.convert(args[1]) if len(args) > 1 else None
        return context.resource_id(vault), conv.convert(args[0]), version

    def _module_scope(self, out: dict, module: ModuleSymbol, conv: Converter, path: Path) -> None:
        scope = self.model.scopes.get(id(module))
        if scope is None:
            return
        target = self.model.target_scope
        self.mark(path + ("scope",), module.body_value("scope"))
        try:
            if scope.scope == "tenant":
                out["scope"] = "/"
            elif scope.scope == "managementGroup":
                if scope.management_group is not None:
                    group = conv.convert(scope.management_group)
                    if target in ("tenant", "managementGroup"):
                        out["scope"] = a.serialize(a.fn("format", a.lit("Microsoft.Management/managementGroups/{0}"),
                                                        group))
                    else:
                        out["scope"] = a.serialize(a.fn("tenantResourceId",
                                                        a.lit("Microsoft.Management/managementGroups"), group))
            elif scope.scope == "subscription":
                if scope.subscription_id is not None:
                    out["subscriptionId"] = self.value(scope.subscription_id, conv, path + ("subscriptionId",))
                elif target == "resourceGroup":
                    out["subscriptionId"] = a.serialize(a.with_props(a.fn("subscription"), a.lit("subscriptionId")))
            elif scope.scope == "resourceGroup":
                context: Any = conv
                if scope.index is not None:
                    symbol = self.binding.ref(module.body_value("scope").base) \
                        if isinstance(module.body_value("scope"), n.ArrayAccessSyntax) else None
                    if isinstance(symbol, ResourceSymbol):
                        context = conv.resource_context(symbol, scope.index)
                if scope.subscription_id is not None:
                    out["subscriptionId"] = a.serialize(context.convert(scope.subscription_id)) \
                        if not _is_literal(scope.subscription_id) else self.value(scope.subscription_id, conv,
                                                                                  path + ("subscriptionId",))
                if scope.resource_group is not None:
                    out["resourceGroup"] = a.serialize(context.convert(scope.resource_group)) \
                        if not _is_literal(scope.resource_group) else self.value(scope.resource_group, conv,
                                                                                 path + ("resourceGroup",))
        except CompileError as failure:
            self.error(failure)
        if scope.scope != "resourceGroup":
            location = a.fn("resourceGroup") if target == "resourceGroup" else a.fn("deployment")
            out["location"] = a.serialize(a.with_props(location, a.lit("location")))

    # -- dependencies ---------------------------------------------------------------------------------------
    def _depends_on(self, out: dict, symbol: Any, conv: Converter, path: Path) -> None:
        dependencies = optimise(self.model.dependencies.get(id(symbol), set()))
        explicit = symbol.body_value("dependsOn")
        if isinstance(explicit, n.ArraySyntax):
            self.mark(path + ("dependsOn",), explicit)
        if not dependencies:
            return
        entries: list[tuple[str, Any]] = []
        for dependency in dependencies:
            target: Any = dependency.target
            try:
                if self.model.symbolic:
                    key = self.model.symbolic_name(target) if isinstance(target, ResourceSymbol) else target.name
                    if dependency.index is not None and target.is_collection:
                        is_resource = isinstance(target, ResourceSymbol)
                        context = conv.resource_context(target, dependency.index) if is_resource \
                            else conv.module_context(target, dependency.index)
                        entry = a.serialize(a.fn("format", a.lit(key + "[{0}]"), context.convert(dependency.index)))
                    else:
                        entry = key
                elif isinstance(target, ResourceSymbol):
                    if target.is_collection and dependency.index is None:
                        entry = self.model.symbolic_name(target)
                    else:
                        context = conv.resource_context(target, dependency.index)
                        entry = a.serialize(context.resource_id(target))
                    key = self.model.symbolic_name(target)
                else:
                    if target.is_collection and dependency.index is None:
                        entry = target.name
                    else:
                        entry = a.serialize(conv.module_context(target, dependency.index).module_id(target))
                    key = target.name
            except CompileError as failure:
                self.error(failure)
                continue
            entries.append((key, entry))
        entries.sort(key=lambda e: (e[0].lower(), e[0], e[1]))
        out["dependsOn"] = [entry for _, entry in entries]


def decorators_of(decl: Any) -> dict[str, list]:
    """The decorators of a declaration by name (``@x(...)`` or ``@sys.x(...)``), with their arguments."""
    found: dict[str, list] = {}
    for decorator in getattr(decl, "decorators", ()) or ():
        if not isinstance(decorator, n.DecoratorSyntax):
            continue
        call = decorator.expression
        if isinstance(call, (n.FunctionCallSyntax, n.InstanceFunctionCallSyntax)) and \
                isinstance(call.name, n.IdentifierSyntax):
            found[call.name.name] = [i.expression for i in call.items if isinstance(i, n.FunctionArgumentSyntax)]
    return found


def decorator_arguments(decl: Any, name: str) -> list | None:
    return decorators_of(decl).get(name)


def _is_literal(node: Any) -> bool:
    return isinstance(node, n.StringSyntax) and not node.expressions

