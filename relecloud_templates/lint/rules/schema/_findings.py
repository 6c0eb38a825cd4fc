"""What the schema rules share: one check per resource and file, whichever of them runs first.

The rules split the findings of ``arm.typecheck`` (resources) and ``arm.schemacheck`` (deployment documents) by
kind, because each kind has its own default level (a near-miss type is an error, an unknown property a
warning); the check itself runs once per file.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from relecloud_templates.arm import schemacheck, typecheck
from relecloud_templates.arm.expressions import is_expression
from relecloud_templates.arm.template import Template, target_scope
from relecloud_templates.arm.typeschemas import SCOPE_BIT
from relecloud_templates.arm.vocabulary import SCOPE_SCHEMAS
from relecloud_templates.lint.helpers import looks_secret
from relecloud_templates.lint.rule import RuleContext

_RESOURCE_CACHE: weakref.WeakKeyDictionary[RuleContext, list[Any]] = weakref.WeakKeyDictionary()
_DOCUMENT_CACHE: weakref.WeakKeyDictionary[RuleContext, list[Any]] = weakref.WeakKeyDictionary()



def _resolver(ctx: RuleContext, template: Template) -> Callable[[Any], Any]:
    def resolve(value: Any) -> Any:
        if is_expression(value):
            return ctx.evaluate(value, template)
        return schemacheck.literal(value)

    return resolve


def checked_resources(ctx: RuleContext) -> list[tuple[Any, schemacheck.SchemaFinding]]:
    """(resource, finding) for every resource of the file, conditional ones too: a resource that is off today
    must still deploy when its condition turns on (and then its parameters differ: only literals are judged)."""
    if ctx not in _RESOURCE_CACHE:
        found = []
        scopes: dict[int, str | None] = {}
        for resource in ctx.resources(deployed_only=False):
            if resource.type is None and resource.parent is not None:
                continue  # a child whose parent's type is not known: its own type cannot be known either
            resolve = _resolver(ctx, resource.template) if resource.deployed is True else schemacheck.literal
            scope = template_scope(resource.template, scopes)
            if resource.is_deployment:
                resource_scope = target_scope(resource, scope) if scope is not None else None
            else:
                resource_scope = typecheck.resource_scope(resource.node, scope, resolve) if scope else None
            for finding in typecheck.check_resource(resource.node, resource.type, resolve=resolve,
                                                    scope=resource_scope, name=resource.name,
                                                    secret_name=looks_secret):
                found.append((resource, finding))
        _RESOURCE_CACHE[ctx] = found
    return _RESOURCE_CACHE[ctx]


def resource_findings(ctx: RuleContext) -> list[tuple[tuple[Any, ...], schemacheck.SchemaFinding]]:
    """(file path of the checked resource, finding) for every resource of the file."""
    return [(resource.path, finding) for resource, finding in checked_resources(ctx)]


_PREFERRED = ("subscription", "managementGroup", "tenant", "resourceGroup")


def template_scope(template: Template, known: dict[int, str | None]) -> str | None:
    """The scope a template deploys at. A nested template deploys where its deployment targets (whatever its
    $schema says). For the file's own template the $schema is a claim, which ARM does not check. The
    subscription, management group and tenant schemas are deliberate; the resource group one is also every
    tool's default: when some resource cannot be deployed at a resource group but every resource can at one
    other scope (a subscription template that kept the default $schema, as many published samples do), that
    scope. ``known`` caches the answers by template; None (not judged) below a template whose scope is unknown."""
    if id(template) not in known:
        known[id(template)] = _template_scope(template, known)
    return known[id(template)]


def _template_scope(template: Template, known: dict[int, str | None]) -> str | None:
    if template.deployment is not None:
        outer = template_scope(template.deployment.template, known)
        return target_scope(template.deployment, outer) if outer is not None else None
    declared = template.scope
    if declared != "resourceGroup":
        return declared  # a subscription, management group or tenant $schema is a deliberate statement
    possible = None
    for resource in template.resources:
        if resource.is_deployment or resource.existing or not isinstance(resource.api_version, str):
            continue
        if typecheck.resource_scope(resource.node, declared) != declared:
            continue  # deployed somewhere else by its own scope property
        bits = typecheck.deployable_scopes(resource.type or "", resource.api_version)
        if bits is not None:
            possible = bits if possible is None else possible & bits
    if possible is None or possible & SCOPE_BIT[declared]:
        return declared
    others = [name for name in _PREFERRED if possible & SCOPE_BIT[name]]
    return others[0] if others else declared  # no common scope: judged at the one it names


def document_findings(ctx: RuleContext) -> list[tuple[tuple[Any, ...], schemacheck.SchemaFinding]]:
    """(file path of the checked template, finding) for the file's template and its inline nested ones."""
    if ctx not in _DOCUMENT_CACHE:
        found = []
        for template in ctx.templates():
            node = template.node
            if template.deployment is not None and "$schema" not in node:
                node = {**node, "$schema": SCOPE_SCHEMAS.get(template.scope)}
            resolve = _resolver(ctx, template)
            for finding in schemacheck.check_document(node, resolve=resolve):
                found.append((template.path, finding))
        _DOCUMENT_CACHE[ctx] = found
    return _DOCUMENT_CACHE[ctx]


def report(ctx: RuleContext, base: tuple[Any, ...], finding: schemacheck.SchemaFinding) -> None:
    path = tuple(base) + tuple(finding.path)
    if finding.at_key:
        ctx.report_key(path, finding.message, hint=finding.hint)
    else:
        ctx.report(path, finding.message, hint=finding.hint)


def of_kinds(
    pairs: Iterable[tuple[tuple[Any, ...], schemacheck.SchemaFinding]], kinds: set[str]
) -> Iterator[tuple[tuple[Any, ...], schemacheck.SchemaFinding]]:
    return ((base, finding) for base, finding in pairs if finding.kind in kinds)
