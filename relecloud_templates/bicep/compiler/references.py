"""How references to resources and modules become ARM: resource IDs for each deployment scope, ``reference()``
for runtime properties, module outputs, and the rewriting of loop variables when one element of a collection is
named from outside its loop (``storage[2].id`` uses the name of the third storage account)."""

from __future__ import annotations

from typing import Any

from relecloud_templates.bicep.compiler import armexpr as a
from relecloud_templates.bicep.compiler.model import DEPLOYMENTS, MANAGEMENT_GROUPS, FileModel, ScopeData
from relecloud_templates.bicep.compiler.symbols import LocalSymbol, ModuleSymbol, ResourceSymbol
from relecloud_templates.bicep.parser import nodes as n

DEPLOYMENTS_API_VERSION = "2025-04-01"  # what current Bicep writes for module deployments


class References:
    """Mixed into the converter: ``self.convert`` turns syntax into ARM in this converter's context."""

    model: FileModel
    replacements: dict[int, a.Expr]
    accessible: frozenset[int]

    def convert(self, node: Any) -> a.Expr:
        raise NotImplementedError

    def with_replacements(self, replacements: dict[int, a.Expr]) -> References:
        raise NotImplementedError

    # -- moving a name into another context -----------------------------------------------------------------
    def for_index(self, name_syntax: Any, loop: Any, index: Any) -> References:
        """A converter for ``name_syntax`` written outside its loop, for the element at ``index`` (syntax):
        the loop's item variable becomes ``<array>[index]`` and its index variable ``index``."""
        if loop is None:
            return self
        inaccessible = [local for local in self._locals_of(loop)
                        if id(local) not in self.accessible and self._uses(name_syntax, local)]
        if not inaccessible or index is None:
            return self
        index_expr = self.convert(index)
        replacements = dict(self.replacements)
        for local in inaccessible:
            if local.local_kind == "item":
                replacements[id(local)] = a.with_props(a.as_function(self.convert(loop.expression)), index_expr)
            else:
                replacements[id(local)] = index_expr
        return self.with_replacements(replacements)

    def _locals_of(self, loop: Any) -> list[LocalSymbol]:
        found = []
        for node in n.walk(loop.variable):
            symbol = self.model.binding.symbol(node)
            if isinstance(symbol, LocalSymbol):
                found.append(symbol)
        return found

    def _uses(self, syntax: Any, local: LocalSymbol) -> bool:
        binding = self.model.binding
        return any(binding.ref(node) is local for node in n.walk(syntax))

    # -- resources ------------------------------------------------------------------------------------------
    def resource_context(self, resource: ResourceSymbol, index: Any) -> References:
        """The converter for reading ``resource`` (the element ``index`` of a collection) from here."""
        return self.for_index(_names(self.model, resource), resource.loop, index)

    def name_segments(self, resource: ResourceSymbol) -> list[a.Expr]:
        """The name of each type segment: the root's name (split when it holds several), each ancestor's, its own."""
        ancestors = self.model.ancestors_of(resource)
        types_after_provider = resource.full_type.split("/")[1:] if resource.full_type else [""]
        own = self.convert(resource.body_value("name")) if resource.body_value("name") is not None else a.lit("")
        if not ancestors:
            if len(types_after_provider) == 1:
                return [own]
            return [a.with_props(a.fn("split", own, a.lit("/")), a.lit(i)) for i in range(len(types_after_provider))]
        names: list[a.Expr] = []
        first_length = len(types_after_provider) - len(ancestors)
        for position in range(len(ancestors)):
            name = self.ancestor_name(resource, position)
            if position == 0 and first_length > 1:
                names.extend(a.with_props(a.fn("split", name, a.lit("/")), a.lit(i)) for i in range(first_length))
            else:
                names.append(name)
        return names + [own]

    def ancestor_name(self, resource: ResourceSymbol, position: int) -> a.Expr:
        """The name of the ancestor at ``position`` (0 = the root), read in the context of ``resource``: each
        step down the chain replaces the loop variables of a collection parent by the element ``parent: p[i]``
        names."""
        ancestors = self.model.ancestors_of(resource)
        converter: References = self
        chain = ancestors[position:]
        # walk from the resource up to the ancestor, composing the index replacements
        for step in reversed(range(len(chain))):
            ancestor = chain[step]
            if ancestor.index is not None and ancestor.resource.loop is not None:
                converter = converter.for_index(_names(self.model, ancestor.resource), ancestor.resource.loop,
                                                ancestor.index)
        return converter.convert(chain[0].resource.body_value("name"))

    def full_name(self, resource: ResourceSymbol) -> a.Expr:
        """The ``name`` ARM needs: ``parent/child`` joined with format() for a child resource."""
        if not self.model.ancestors_of(resource):
            return self.convert(resource.body_value("name"))
        segments = self.name_segments(resource)
        pattern = "/".join("{%d}" % i for i in range(len(segments)))
        return a.Fn("format", [a.lit(pattern), *segments])

    def resource_id(self, resource: ResourceSymbol) -> a.Expr:
        scope = self.model.scopes.get(id(resource)) or ScopeData(self.model.target_scope)
        return self.qualified_id(scope, resource.full_type, self.name_segments(resource))

    def qualified_id(self, scope: ScopeData, full_type: str, segments: list[a.Expr]) -> a.Expr:
        kind = scope.scope
        if kind == "tenant":
            return a.Fn("tenantResourceId", [a.lit(full_type), *segments])
        if kind == "subscription":
            head = [self.convert(scope.subscription_id)] if scope.subscription_id is not None else []
            return a.Fn("subscriptionResourceId", [*head, a.lit(full_type), *segments])
        if kind == "resourceGroup":
            if scope.subscription_id is None and scope.resource_group is None:
                return a.Fn("resourceId", [a.lit(full_type), *segments])
            subscription = self.convert(scope.subscription_id) if scope.subscription_id is not None else \
                a.with_props(a.fn("subscription"), a.lit("subscriptionId"))
            group = self.convert(scope.resource_group)
            prefix = a.fn("format", a.lit("/subscriptions/{0}/resourceGroups/{1}"), subscription, group)
            return a.Fn("extensionResourceId", [prefix, a.lit(full_type), *segments])
        if kind == "managementGroup":
            if scope.management_group is not None:
                group = a.fn("tenantResourceId", a.lit(MANAGEMENT_GROUPS), self.convert(scope.management_group))
                return a.Fn("extensionResourceId", [group, a.lit(full_type), *segments])
            return a.Fn("extensionResourceId", [a.with_props(a.fn("managementGroup"), a.lit("id")), a.lit(full_type),
                                                *segments])
        if kind == "resource" and scope.resource is not None:
            context = self.resource_context(scope.resource, scope.index) if scope.index is not None else self
            return a.Fn("extensionResourceId", [context.resource_id(scope.resource), a.lit(full_type), *segments])
        return a.Fn("resourceId", [a.lit(full_type), *segments])

    def resource_reference(self, resource: ResourceSymbol, indexed: bool, full: bool) -> a.Fn:
        """``reference()`` of a resource: of the whole collection (``references``) when it is not indexed."""
        if resource.is_collection and not indexed:
            target: a.Expr = a.lit(self.model.symbolic_name(resource))
            return a.fn("references", target, a.lit("full")) if full else a.fn("references", target)
        args: list[a.Expr] = [self.resource_id(resource), a.lit(resource.api_version or "")]
        if full:
            args.append(a.lit("full"))
        return a.Fn("reference", args)

    def resource_property(self, resource: ResourceSymbol, indexed: bool, name: str, safe: bool) -> a.Expr:
        condition = self._condition_of(resource) if safe else None

        def guard(expr: a.Expr) -> tuple[a.Expr, bool]:
            if condition is not None:
                return a.fn("if", condition, expr, a.NULL), True
            return expr, False

        def guarded_access(base: a.Fn, prop: a.Expr) -> a.Expr:
            guarded, wrapped = guard(base)
            if safe or wrapped:
                return a.fn("tryGet", guarded, prop)
            return a.with_props(a.as_function(guarded), prop)

        if name == "id":
            return guard(self.resource_id(resource))[0]
        if name == "name":
            return guard(self.convert(resource.body_value("name")))[0]
        if name == "type":
            return a.lit(resource.full_type)
        if name == "apiVersion":
            return a.lit(resource.api_version or "")
        if name == "properties" and not safe:
            return self.resource_reference(resource, indexed, full=False)
        return guarded_access(self.resource_reference(resource, indexed, full=True), a.lit(name))

    def _condition_of(self, resource: ResourceSymbol) -> a.Expr | None:
        conditions = []
        for ancestor in self.model.ancestors_of(resource):
            if ancestor.nested and ancestor.resource.condition is not None:
                conditions.append(self.convert(ancestor.resource.condition.condition))
        if resource.condition is not None:
            conditions.append(self.convert(resource.condition.condition))
        if not conditions:
            return None
        result = conditions[0]
        for extra in conditions[1:]:
            result = a.fn("and", result, extra)
        return result

    # -- modules --------------------------------------------------------------------------------------------
    def module_name(self, module: ModuleSymbol) -> a.Expr:
        value = module.body_value("name")
        if value is not None:
            return self.convert(value)
        return generated_module_name(self, module)

    def module_id(self, module: ModuleSymbol) -> a.Expr:
        scope = self.model.scopes.get(id(module)) or ScopeData(self.model.target_scope)
        return self.qualified_id(scope, DEPLOYMENTS, [self.module_name(module)])

    def module_context(self, module: ModuleSymbol, index: Any) -> References:
        name = module.body_value("name")
        return self.for_index(name if name is not None else module.decl, module.loop, index)

    def module_reference(self, module: ModuleSymbol, indexed: bool, index: Any = None) -> a.Fn:
        """``reference()`` of a module's deployment: by symbolic name in a languageVersion 2.0 template (an
        element of a collection as ``'<name>[<i>]'``), else by the deployment's resource ID."""
        if module.is_collection and not indexed:
            return a.fn("references", a.lit(module.name))
        if self.model.symbolic:
            if module.is_collection and index is not None:
                return a.fn("reference", a.fn("format", a.lit(module.name + "[{0}]"), self.convert(index)))
            return a.fn("reference", a.lit(module.name))
        return a.fn("reference", self.module_id(module), a.lit(DEPLOYMENTS_API_VERSION))


def generated_module_name(converter: References, module: ModuleSymbol) -> a.Expr:
    """The name Bicep gives a module deployment without a ``name``: the symbol and a hash of the deployment."""
    return a.fn("format", a.lit("{0}-{1}"), a.lit(module.name),
                a.fn("uniqueString", a.with_props(a.fn("deployment"), a.lit("name"))))


def _names(model: FileModel, resource: ResourceSymbol) -> Any:
    """The syntax that names a resource (its own name and its ancestors'), to find the loop variables it uses."""
    parts = [resource.body_value("name")]
    for ancestor in model.ancestors_of(resource):
        parts.append(ancestor.resource.body_value("name"))
        if ancestor.index is not None:
            parts.append(ancestor.index)
    return _Bundle([p for p in parts if p is not None])


class _Bundle(n.Node):
    """Several syntax nodes walked as one."""

    __slots__ = ("items",)
    FIELDS = ("items",)

    def __init__(self, items: list):
        self.items = items
        self.start = self.end = 0
