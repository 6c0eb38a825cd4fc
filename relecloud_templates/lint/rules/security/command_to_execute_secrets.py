"""E5013: a script extension's commandToExecute carries secrets in its public settings."""

from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm.template import Resource
from relecloud_templates.arm.values import get_ci
from relecloud_templates.lint.helpers import secret_sources
from relecloud_templates.lint.rule import Rule, RuleContext

_EXTENSIONS = {"microsoft.compute/virtualmachines/extensions", "microsoft.compute/virtualmachinescalesets/extensions",
               "microsoft.hybridcompute/machines/extensions"}
# The extension types that run commandToExecute (Linux and Windows custom script).
_SCRIPT_TYPES = {"customscript", "customscriptextension", "customscriptforlinux"}


class CommandToExecuteSecrets(Rule):
    id = "E5013"
    name = "command-to-execute-secrets"
    description = ("A custom script extension's commandToExecute that uses a secure parameter or list*() is in "
                   "protectedSettings.")
    explanation = """The `settings` of a VM extension are stored in clear and returned to anyone who can read the
virtual machine; only `protectedSettings` are encrypted and never returned. A custom script extension whose
`settings.commandToExecute` includes a secure parameter or the result of a `list*()` function (a storage key, a
SAS) therefore discloses that secret, certainly: move the command to `protectedSettings.commandToExecute`.
Extensions of virtual machines, scale sets (inline too) and Arc machines are judged.

Equivalents: ARM-TTK CommandToExecute-Must-Use-ProtectedSettings-For-Secrets (its cases: a list function, a
secureString or secureObject parameter); Bicep protect-commandtoexecute-secrets; checkov CKV_AZURE_50
(related)."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources():
            for properties, path in _script_extensions(resource):
                settings = get_ci(properties, "settings", None)
                command = get_ci(settings, "commandToExecute", None) if isinstance(settings, dict) else None
                if command is None:
                    continue
                sources = list(secret_sources(command, resource.template))
                if sources:
                    key = next(k for k in settings if k.lower() == "commandtoexecute")
                    setting_key = next(k for k in properties if k.lower() == "settings")
                    ctx.report(path + (setting_key, key), f"commandToExecute of {resource.label} uses {sources[0]} "
                               "in its public settings: the extension returns it in clear",
                               hint="move commandToExecute to protectedSettings")


def _script_extensions(resource: Resource) -> Iterator[tuple[dict[str, Any], tuple[Any, ...]]]:
    """(properties, file path of properties) of every custom script extension the resource holds: itself when it
    is one, and the extensions of a scale set's extension profile."""
    properties = resource.raw("properties")
    if not isinstance(properties, dict):
        return
    if resource.type_lower in _EXTENSIONS and _is_script(properties):
        yield properties, resource.path_of("properties")
    if resource.type_lower == "microsoft.compute/virtualmachinescalesets":
        profile = resource.raw("properties", "virtualMachineProfile", "extensionProfile", "extensions")
        if isinstance(profile, list):
            base = resource.path_of("properties", "virtualMachineProfile", "extensionProfile", "extensions")
            for i, extension in enumerate(profile):
                inner = get_ci(extension, "properties", None) if isinstance(extension, dict) else None
                if isinstance(inner, dict) and _is_script(inner):
                    yield inner, base + (i, next(k for k in extension if k.lower() == "properties"))


def _is_script(properties: dict[str, Any]) -> bool:
    kind = get_ci(properties, "type", None)
    return isinstance(kind, str) and kind.lower() in _SCRIPT_TYPES
