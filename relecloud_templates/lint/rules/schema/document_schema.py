"""E0007: the sections of a deployment template match the ARM deployment template schema."""

from __future__ import annotations

from typing import Any

from relecloud_templates.arm import schemacheck
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._findings import document_findings, report


class DocumentSchema(Rule):
    id = "E0007"
    name = "template-document-schema"
    description = "Parameter, output and function declarations match the deployment template schema."
    explanation = """Inside a template's sections, the template engine accepts only the members its schema
declares: a parameter with 'defaultVaule' or a top-level 'description', an output without 'type', a
parameter type 'strnig', or a copy 'mode' other than Parallel/Serial fails with "Could not find member" or
"InvalidTemplate" before anything deploys. Each template (nested inline ones too) is checked against the
bundled schema of the deployment scope its $schema names, extended with what template language 2.0 added
(user-defined types, nullable parameters, symbolic resources). The top-level keys, $schema and contentVersion
are left to the structure rules (E0002, E0003), as are section shapes and parameter and output types;
parameter bounds to E2003; resources to the type-data rules (E3001, W3002, W3008...)."""
    anchors = ("ARM-TTK DeploymentTemplate-Schema-Is-Correct", "PSRule Azure.Template.TemplateFile")

    def check(self, ctx: RuleContext) -> None:
        for base, finding in document_findings(ctx):
            if finding.kind != schemacheck.PROPERTY_CASING and not owned_elsewhere(finding.path):
                report(ctx, base, finding)


# Judged by other rules: the sections themselves (E0003), a declaration that is not an object or lacks its
# type (E0003), the type of a parameter or output (E0003), the bounds of a parameter (E2003).
_DECLARATION_KEYS_OWNED = {"type", "minvalue", "maxvalue", "minlength", "maxlength"}


def owned_elsewhere(path: tuple[Any, ...]) -> bool:
    if len(path) <= 2:
        return True
    return (path[0] in ("parameters", "outputs") and len(path) == 3 and isinstance(path[2], str)
            and path[2].lower() in _DECLARATION_KEYS_OWNED)
