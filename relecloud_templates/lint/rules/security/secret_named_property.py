"""W5012: a property named like a secret fed from a literal or from a non-secure parameter."""

from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.graph import calls_any, uses
from relecloud_templates.arm.template import Resource
from relecloud_templates.lint.helpers import (
    cannot_hold_secret,
    is_literal,
    looks_secret,
    own_properties,
    secure_parameters,
)
from relecloud_templates.lint.rule import Rule, RuleContext


class SecretNamedProperty(Rule):
    id = "W5012"
    name = "secret-named-property"
    profiles = {"security-baseline": "error"}
    description = ("Properties named like secrets (adminPassword, storageKey...) get secure values, not literals or "
                   "plain parameters.")
    explanation = """A password or key property is only as safe as where its value comes from. A literal is
readable by everyone who reads the template; a plain `string` parameter or a variable is stored in the
deployment history. The value must come from a `secureString`/`secureObject` parameter, a Key Vault
reference, or a runtime function such as `listKeys()` or `reference()`.

This rule recognises secret properties by their names (words such as password, secret, token, key after
account/access/shared...), so it is a warning (an error under the security-baseline profile). It guesses only
where the Azure type data says nothing: properties the data marks sensitive are judged by E5020 and W5021, and
those it types as a flag, a number or a closed set of values are not secrets. Names that
only mention a secret are not taken for one: `keyVaultSecretId`, `secretName`, `passwordSecretUri`, the
Key Vault permission lists `secrets` and `keys`, flags such as `hasSharedKey`, and Application Insights
instrumentation keys and connection strings (documented as not secret). Properties whose value is a
boolean or a number are never judged.

Equivalents: Bicep use-secure-value-for-secure-inputs; ARM-TTK adminPassword-Should-Not-Be-A-Literal; PSRule
Azure.Deployment.SecureValue; checkov CKV_AZURE_239."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources():
            for key, value, path in own_properties(resource):
                if len(path) > 1 and isinstance(path[-2], str) and path[-2].lower() == "permissions":
                    continue  # Key Vault access policies: lists of permitted operations on keys and secrets
                if looks_secret(key) and isinstance(value, str) and _type_data_silent(resource, path):
                    self._judge(ctx, resource, key, value, path)

    def _judge(self, ctx: RuleContext, resource: Resource, key: str, value: str, path: tuple[Any, ...]) -> None:
        if not value:
            return
        if is_literal(value):
            ctx.report(path, f"'{key}' of {resource.label} is a hard-coded secret",
                       hint="take it from a secureString parameter or a Key Vault reference")
            return
        if calls_any(value, lambda fn: fn.startswith("list") or fn in ("reference", "if", "coalesce")):
            return  # runtime values, or a choice we cannot follow soundly
        evaluated = resource.template.evaluator.evaluate(value)
        if isinstance(evaluated, (bool, int, float)):
            return  # a flag or a number is not a secret, whatever its name
        secure = secure_parameters(resource.template)
        params = uses(value, "parameters")
        if params & secure:
            return
        whole = _single_call(value, "parameters")
        # A value that is exactly a plain parameter carries the secret; in a composed value (a connection
        # string built from host and database names) only a parameter named like a secret does.
        symbols = resource.template.symbols
        suspects = sorted(p for p in params
                          if (p == whole or looks_secret(p)) and not cannot_hold_secret(symbols.parameter(p)))
        if suspects:
            ctx.report(path, f"'{key}' of {resource.label} is fed from the non-secure parameter '{suspects[0]}'",
                       hint=f"declare '{suspects[0]}' as secureString")
        elif not params and uses(value, "variables") and _single_call(value, "variables"):
            ctx.report(path, f"'{key}' of {resource.label} is fed from a variable: its value is in the template",
                       hint="take it from a secureString parameter")


def _type_data_silent(resource: Resource, path: tuple[Any, ...]) -> bool:
    """Whether the Azure type data says nothing about the property's secrecy: where it marks it sensitive, E5020
    and W5021 judge it; where it types it as no secret can be (a flag, a number, a closed enum), nothing does."""
    from relecloud_templates.arm.typecheck import secret_property

    version = resource.api_version
    if not resource.type or not isinstance(version, str):
        return True
    return secret_property(resource.type, version, tuple(path[len(resource.path):]), looks_secret) is None


def _single_call(value: str, function: str) -> str | None:
    tree = parse_cached(value) if ex.is_expression(value) else None
    if isinstance(tree, ex.Call) and tree.lower_name == function and len(tree.args) == 1 \
            and isinstance(tree.args[0], ex.StringLit):
        return tree.args[0].value.lower()
    return None
