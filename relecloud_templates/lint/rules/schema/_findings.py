"""What the schema rules share: one schema check per resource and file, whichever of them runs first.

The rules split the findings of ``arm.schemacheck`` by kind, because each kind has its own default severity
(an unknown property is a warning, a wrong type an error); the check itself runs once per file.
"""

from __future__ import annotations

import weakref
from typing import Iterator

from relecloud_templates.arm import schemacheck
from relecloud_templates.arm.expressions import is_expression
from relecloud_templates.arm.vocabulary import SCOPE_SCHEMAS
from relecloud_templates.lint.rule import RuleContext

_RESOURCE_CACHE: "weakref.WeakKeyDictionary[RuleContext, list]" = weakref.WeakKeyDictionary()
_DOCUMENT_CACHE: "weakref.WeakKeyDictionary[RuleContext, list]" = weakref.WeakKeyDictionary()



def _resolver(ctx: RuleContext, template):
    def resolve(value):
        if is_expression(value):
            return ctx.evaluate(value, template)
        return schemacheck.literal(value)

    return resolve


def resource_findings(ctx: RuleContext) -> list[tuple[tuple, schemacheck.SchemaFinding]]:
    """(file path of the checked resource, finding) for every resource of the file, conditional ones too:
    a resource that is off today must still deploy when its condition turns on."""
    if ctx not in _RESOURCE_CACHE:
        found = []
        for resource in ctx.resources(deployed_only=False):
            if resource.type is None and resource.parent is not None:
                continue  # a child whose parent's type is not known: its own type cannot be known either
            resolve = _resolver(ctx, resource.template)
            for finding in schemacheck.check_resource(resource.node, resource.type, resolve=resolve,
                                                      scope=resource.template.scope):
                found.append((resource.path, finding))
        _RESOURCE_CACHE[ctx] = found
    return _RESOURCE_CACHE[ctx]


def document_findings(ctx: RuleContext) -> list[tuple[tuple, schemacheck.SchemaFinding]]:
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


def report(ctx: RuleContext, base: tuple, finding: schemacheck.SchemaFinding) -> None:
    path = tuple(base) + tuple(finding.path)
    if finding.at_key:
        ctx.report_key(path, finding.message, hint=finding.hint)
    else:
        ctx.report(path, finding.message, hint=finding.hint)


def of_kinds(pairs, kinds: set[str]) -> Iterator[tuple[tuple, schemacheck.SchemaFinding]]:
    return ((base, finding) for base, finding in pairs if finding.kind in kinds)
