"""E0003: the template's sections have the right shape."""

import re

from relecloud_templates.arm import shape
from relecloud_templates.arm.vocabulary import PARAMETER_TYPES
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.suggest import did_you_mean

TOP_LEVEL = ["$schema", "contentVersion", "apiProfile", "languageVersion", "metadata", "definitions", "parameters",
             "variables", "functions", "resources", "outputs", "imports", "extensions", "asserts"]
OUTPUT_TYPES = PARAMETER_TYPES
_CONTENT_VERSION = re.compile(r"^\d+\.\d+\.\d+\.\d+$")


class TemplateSections(Rule):
    id = "E0003"
    name = "template-sections"
    description = "Only known top-level sections, each of the right shape; resources, parameters and outputs well-formed."
    explanation = """Azure Resource Manager rejects a template with an unknown top-level property, a section of the
wrong JSON type, a parameter or output without a valid `type`, or a resource without `type`, `apiVersion` or
`name`. This rule reports each of those where it is written, with a did-you-mean for misspelt names, so the
mistake is found before a deployment fails with "InvalidTemplate" at line 1. `contentVersion`, when present,
must look like `1.0.0.0`. `resources` is an array, or an object of symbolic names when `languageVersion` is
2.0 or later.

Equivalents: cfn-lint E1001; PSRule Azure.Template.TemplateFile; ARM's own template validation."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            self._sections(ctx, template)
            for resource in template.resources:
                self._resource(ctx, resource)

    def _sections(self, ctx: RuleContext, template) -> None:
        node, path = template.node, template.path
        for key in node:
            if key not in TOP_LEVEL:
                ctx.report_key(path + (key,), f"unknown top-level property {key!r} in a template",
                               hint=did_you_mean(key, TOP_LEVEL))
        version = node.get("contentVersion")
        if version is not None and not (isinstance(version, str) and _CONTENT_VERSION.match(version)):
            ctx.report(path + ("contentVersion",), f"contentVersion {version!r} is not of the form 1.0.0.0")
        # values of the wrong JSON type: the model's shape check (decompile and the emulator use it too)
        for where, message in shape.template_problems(node, path, nested=False):
            ctx.report(where, message)
        resources = node.get("resources")
        if isinstance(resources, dict) and template.language_version is None:
            ctx.report(path + ("resources",), "'resources' is an object of symbolic names, which needs languageVersion 2.0",
                       hint='add "languageVersion": "2.0", or make resources an array')
        for name, decl in template.parameters.items():
            self._typed(ctx, path + ("parameters", name), decl, f"parameter '{name}'", PARAMETER_TYPES)
        for name, decl in template.outputs.items():
            self._typed(ctx, path + ("outputs", name), decl, f"output '{name}'", OUTPUT_TYPES)
            if isinstance(decl, dict) and "value" not in decl and "copy" not in decl:
                ctx.report(path + ("outputs", name), f"output '{name}' has no 'value'")

    def _typed(self, ctx, path, decl, what, types) -> None:
        if not isinstance(decl, dict):
            return  # reported with the shapes
        if "$ref" in decl:
            return  # a user-defined type (languageVersion 2.0)
        kind = decl.get("type")
        if kind is None:
            ctx.report(path, f"{what} has no 'type'", hint="one of: " + ", ".join(sorted(types)))
        elif not isinstance(kind, str) or kind.lower() not in types:
            ctx.report(path + ("type",), f"{what} has an unknown type {kind!r}",
                       hint=did_you_mean(str(kind), sorted(types)))

    def _resource(self, ctx, resource) -> None:
        for key in ("type", "apiVersion", "name"):
            if key not in resource.node:
                ctx.report(resource.path, f"a resource without '{key}'")
        if "condition" in resource.node and not isinstance(resource.node["condition"], (bool, str)):
            ctx.report(resource.path + ("condition",), "'condition' must be a boolean or an expression")
