"""E0005: a parameters file has the shape ARM expects."""

import re
from typing import Any

from relecloud_templates.arm import shape
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.suggest import did_you_mean

TOP_LEVEL = ["$schema", "contentVersion", "parameters", "metadata"]
ENTRY_KEYS = ["value", "reference", "metadata"]
_CONTENT_VERSION = re.compile(r"^\d+\.\d+\.\d+\.\d+$")


class ParameterFileStructure(Rule):
    id = "E0005"
    name = "parameter-file-structure"
    description = (
        "A parameters file has $schema, contentVersion and parameters, each with a value or a Key Vault reference."
    )
    explanation = """A deployment parameters file holds `$schema` (deploymentParameters.json), `contentVersion`
(like `1.0.0.0`) and a `parameters` object. Each parameter is an object with either `value` or a Key Vault
`reference` (`{"keyVault": {"id": "..."}, "secretName": "..."}`); anything else is rejected by ARM or
silently ignored (a misspelt `vaule` leaves the parameter at its default).

Equivalents: ARM-TTK DeploymentParameters-Should-Have-Schema/-ContentVersion/-Parameters/-Value; PSRule
Azure.Template.ParameterFile, Azure.Template.ParameterScheme; cfn-lint E0200."""
    kinds = frozenset({"parameters"})

    def check(self, ctx: RuleContext) -> None:
        doc = ctx.document
        for key in doc:
            if key not in TOP_LEVEL:
                ctx.report_key((key,), f"unknown top-level property {key!r} in a parameters file",
                               hint=did_you_mean(key, TOP_LEVEL))
        version = doc.get("contentVersion")
        if version is None:
            ctx.report((), "the parameters file has no contentVersion", hint='add "contentVersion": "1.0.0.0"')
        elif not (isinstance(version, str) and _CONTENT_VERSION.match(version)):
            ctx.report(("contentVersion",), f"contentVersion {version!r} is not of the form 1.0.0.0")
        params = doc.get("parameters")
        if params is None:
            ctx.report((), "the parameters file has no 'parameters' object")
            return
        # values of the wrong JSON type: the model's shape check (decompile uses it too)
        for where, message in shape.parameter_file_problems(doc):
            ctx.report(where, message, hint=f'"{where[-1]}": {{"value": ...}}' if len(where) == 2 else "")
        if isinstance(params, dict):
            for name, entry in params.items():
                if isinstance(entry, dict):
                    self._entry(ctx, name, entry)

    def _entry(self, ctx: RuleContext, name: str, entry: dict[str, Any]) -> None:
        path = ("parameters", name)
        for key in entry:
            if key not in ENTRY_KEYS:
                ctx.report_key(path + (key,), f"unknown property {key!r} in parameter '{name}'",
                               hint=did_you_mean(key, ENTRY_KEYS))
        if "value" in entry and "reference" in entry:
            ctx.report(path, f"parameter '{name}' has both 'value' and 'reference'; give one")
        elif "reference" in entry:
            ref = entry["reference"]
            vault = ref.get("keyVault") if isinstance(ref, dict) else None
            if not (
                isinstance(vault, dict) and isinstance(vault.get("id"), str) and isinstance(ref.get("secretName"), str)
            ):
                ctx.report(
                    path + ("reference",), f"parameter '{name}': a Key Vault reference needs keyVault.id and secretName"
                )
        elif "value" not in entry:
            ctx.report(path, f"parameter '{name}' has no 'value'")
