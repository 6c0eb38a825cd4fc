"""E0003: the template's sections have the right shape."""

from collections.abc import Iterable
from typing import Any

from relecloud_templates.arm import shape
from relecloud_templates.arm.template import Resource, Template
from relecloud_templates.arm.values import MISSING, get_ci
from relecloud_templates.arm.vocabulary import PARAMETER_TYPES
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.suggest import did_you_mean

TOP_LEVEL = ["$schema", "contentVersion", "apiProfile", "languageVersion", "metadata", "definitions", "parameters",
             "variables", "functions", "resources", "outputs", "imports", "extensions", "asserts"]
OUTPUT_TYPES = PARAMETER_TYPES
_TOP_LEVEL_LOWER = {key.lower() for key in TOP_LEVEL}


class TemplateSections(Rule):
    id = "E0003"
    name = "template-sections"
    description = (
        "Only known top-level sections, each of the right shape; resources, parameters and outputs well-formed."
    )
    explanation = """Azure Resource Manager rejects a template with an unknown top-level property, a section of the
wrong JSON type, a parameter or output without a valid `type`, or a resource without `type`, `apiVersion` or
`name`. This rule reports each of those where it is written, with a did-you-mean for misspelt names, so the
mistake is found before a deployment fails with "InvalidTemplate" at line 1. `resources` is an array, or an
object of symbolic names when `languageVersion` is 2.0 or later.

What ARM accepts is not reported: property names in any letter case (`Type`, `apiversion`), a
`contentVersion` of any string, a section, nested template or parameters object given by an expression, and,
in languageVersion 2.0, parameters typed through `$ref` or without a `type` (the Bicep compiler writes those
for resource-derived types).

Equivalents: cfn-lint E1001; PSRule Azure.Template.TemplateFile; ARM's own template validation."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            self._sections(ctx, template)
            for resource in template.resources:
                self._resource(ctx, resource)

    def _sections(self, ctx: RuleContext, template: Template) -> None:
        node, path = template.node, template.path
        for key in node:
            if key.lower() not in _TOP_LEVEL_LOWER:
                ctx.report_key(path + (key,), f"unknown top-level property {key!r} in a template",
                               hint=did_you_mean(key, TOP_LEVEL))
        version = node.get("contentVersion")
        if version is not None and not isinstance(version, str):
            ctx.report(path + ("contentVersion",), "contentVersion must be a string, like \"1.0.0.0\"")
        # values of the wrong JSON type: the model's shape check (decompile and the emulator use it too)
        for where, message in shape.template_problems(node, path, nested=False):
            ctx.report(where, message)
        resources = node.get("resources")
        if isinstance(resources, dict) and template.language_version is None:
            ctx.report(
                path + ("resources",),
                "'resources' is an object of symbolic names, which needs languageVersion 2.0",
                hint='add "languageVersion": "2.0", or make resources an array',
            )
        typed_elsewhere = template.language_version is not None
        for name, decl in template.parameters.items():
            self._typed(ctx, path + ("parameters", name), decl, f"parameter '{name}'", PARAMETER_TYPES, typed_elsewhere)
        for name, decl in template.outputs.items():
            self._typed(ctx, path + ("outputs", name), decl, f"output '{name}'", OUTPUT_TYPES, typed_elsewhere)
            if isinstance(decl, dict) and get_ci(decl, "value") is MISSING and get_ci(decl, "copy") is MISSING:
                ctx.report(path + ("outputs", name), f"output '{name}' has no 'value'")

    def _typed(
        self, ctx: RuleContext, path: tuple[Any, ...], decl: Any, what: str, types: Iterable[str], typed_elsewhere: bool
    ) -> None:
        if not isinstance(decl, dict):
            return  # reported with the shapes
        if get_ci(decl, "$ref") is not MISSING:
            return  # a user-defined type (languageVersion 2.0)
        kind = get_ci(decl, "type", None)
        if kind is None:
            if not typed_elsewhere:  # languageVersion 2.0 takes the type of a resource-derived parameter from Bicep
                ctx.report(path, f"{what} has no 'type'", hint="one of: " + ", ".join(sorted(types)))
        elif not isinstance(kind, str) or kind.lower() not in types:
            ctx.report(path + ("type",), f"{what} has an unknown type {kind!r}",
                       hint=did_you_mean(str(kind), sorted(types)))

    def _resource(self, ctx: RuleContext, resource: Resource) -> None:
        for key in ("type", "apiVersion", "name"):
            if get_ci(resource.node, key) is MISSING:
                ctx.report(resource.path, f"a resource without '{key}'")
        if "condition" in resource.node and not isinstance(resource.node["condition"], (bool, str)):
            ctx.report(resource.path + ("condition",), "'condition' must be a boolean or an expression")
