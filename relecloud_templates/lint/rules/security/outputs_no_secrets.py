"""E5003: outputs that disclose secure parameters or list*() results."""

from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm.template import Template
from relecloud_templates.arm.vocabulary import is_secure_declaration
from relecloud_templates.lint.helpers import secret_sources
from relecloud_templates.lint.rule import Rule, RuleContext


def plain_outputs(ctx: RuleContext) -> Iterator[tuple[Template, str, dict[str, Any], tuple[Any, ...]]]:
    """(template, name, declaration, path) of every output whose type is not secure."""
    for template in ctx.templates():
        for name, decl in template.outputs.items():
            if isinstance(decl, dict) and not is_secure_declaration(decl):
                yield template, name, decl, template.path + ("outputs", name)


class OutputsNoSecrets(Rule):
    id = "E5003"
    name = "outputs-no-secrets"
    description = "Outputs do not return secure parameters or list*() results."
    explanation = """Deployment outputs are stored in the deployment history in clear text and shown to anyone
with read access. An output that returns a secure parameter or the result of `listKeys()`/`listSecrets()`
(or any other `list*()` function) discloses it, certainly: this is an error. Pass secrets through Key Vault
instead, or declare the output as `secureString`/`secureObject` (ARM then does not return its value).
Outputs that are only *named* like secrets, or return a plain parameter named like one, are guesses and are
reported by W5011.

Equivalents: Bicep outputs-should-not-contain-secrets; ARM-TTK Outputs-Must-Not-Contain-Secrets; PSRule
Azure.Deployment.OutputSecretValue."""

    def check(self, ctx: RuleContext) -> None:
        for template, name, decl, path in plain_outputs(ctx):
            sources = list(secret_sources(decl.get("value"), template)) + list(
                secret_sources(decl.get("copy"), template)
            )
            if sources:
                ctx.report(path + ("value",) if "value" in decl else path,
                           f"output '{name}' discloses {sources[0]}", hint="do not output secrets; use Key Vault")
