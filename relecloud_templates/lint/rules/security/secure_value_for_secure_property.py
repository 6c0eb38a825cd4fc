"""E5004: a secret property fed from a literal or from a non-secure parameter."""

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm.evaluate import parse_cached
from relecloud_templates.arm.graph import calls_any, uses
from relecloud_templates.lint.helpers import is_literal, looks_secret, secure_parameters
from relecloud_templates.lint.rule import Rule, RuleContext

# Properties that hold secrets whatever their name says (the secret value of a Key Vault secret).
SECRET_VALUE_TYPES = {"microsoft.keyvault/vaults/secrets": "value"}
_SKIP = {"metadata", "tags"}


class SecureValueForSecureProperty(Rule):
    id = "E5004"
    name = "secure-value-for-secure-property"
    description = "Secret properties (adminPassword, administratorLoginPassword, keys...) get secure values, not literals or plain parameters."
    explanation = """A password or key property is only as safe as where its value comes from. A literal is
readable by everyone who reads the template; a plain `string` parameter or a variable is stored in the
deployment history. The value must come from a `secureString`/`secureObject` parameter, a Key Vault
reference, or a runtime function such as `listKeys()` or `reference()`. The secret value of a Key Vault
secret resource is held to the same standard.

Equivalents: Bicep use-secure-value-for-secure-inputs; ARM-TTK adminPassword-Should-Not-Be-A-Literal; PSRule
Azure.Deployment.SecureValue; checkov CKV_AZURE_239."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources():
            properties = resource.raw("properties")
            if not isinstance(properties, dict):
                continue
            secret_value_key = SECRET_VALUE_TYPES.get(resource.type_lower)
            if secret_value_key and isinstance(properties.get(secret_value_key), str):
                value = properties[secret_value_key]
                if value and is_literal(value):
                    ctx.report(resource.path_of("properties", secret_value_key),
                               f"the secret value of {resource.label} is hard-coded in the template",
                               hint="take it from a secureString parameter")
            stack = [(properties, resource.path_of("properties"))]
            while stack:
                node, path = stack.pop()
                if isinstance(node, list):
                    stack.extend((v, path + (i,)) for i, v in enumerate(node))
                    continue
                if not isinstance(node, dict):
                    continue
                for key, value in node.items():
                    if key in _SKIP or (resource.is_deployment and key == "template" and path == resource.path_of("properties")):
                        continue  # a nested template's resources are judged on their own
                    if looks_secret(key) and isinstance(value, str):
                        self._judge(ctx, resource, key, value, path + (key,))
                    elif isinstance(value, (dict, list)):
                        stack.append((value, path + (key,)))

    def _judge(self, ctx: RuleContext, resource, key: str, value: str, path: tuple) -> None:
        if not value:
            return
        if is_literal(value):
            ctx.report(path, f"'{key}' of {resource.label} is a hard-coded secret",
                       hint="take it from a secureString parameter or a Key Vault reference")
            return
        if calls_any(value, lambda fn: fn.startswith("list") or fn in ("reference", "if", "coalesce")):
            return  # runtime values, or a choice we cannot follow soundly
        secure = secure_parameters(resource.template)
        params = uses(value, "parameters")
        if params & secure:
            return
        whole = _single_parameter(value)
        # A value that is exactly a plain parameter carries the secret; in a composed value (a connection
        # string built from host and database names) only a parameter named like a secret does.
        suspects = sorted(p for p in params if p == whole or looks_secret(p))
        if suspects:
            ctx.report(path, f"'{key}' of {resource.label} is fed from the non-secure parameter '{suspects[0]}'",
                       hint=f"declare '{suspects[0]}' as secureString")
        elif not params and uses(value, "variables") and _single_variable(value):
            ctx.report(path, f"'{key}' of {resource.label} is fed from a variable: its value is in the template",
                       hint="take it from a secureString parameter")


def _single_call(value: str, function: str) -> str | None:
    tree = parse_cached(value) if ex.is_expression(value) else None
    if isinstance(tree, ex.Call) and tree.lower_name == function and len(tree.args) == 1 \
            and isinstance(tree.args[0], ex.StringLit):
        return tree.args[0].value.lower()
    return None


def _single_parameter(value: str) -> str | None:
    return _single_call(value, "parameters")


def _single_variable(value: str) -> str | None:
    return _single_call(value, "variables")
