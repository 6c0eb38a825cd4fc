"""E5004: a property that certainly holds a secret is given a literal."""

from relecloud_templates.lint.helpers import is_literal
from relecloud_templates.lint.rule import Rule, RuleContext

# Properties that hold secrets whatever their name says: the secret value of a Key Vault secret.
SECRET_VALUE_TYPES = {"microsoft.keyvault/vaults/secrets": ("properties", "value")}


class SecureValueForSecureProperty(Rule):
    id = "E5004"
    name = "secure-value-for-secure-property"
    description = "A property that holds a secret by its type (a Key Vault secret's value) is not a literal."
    explanation = """A secret written into the template is readable by everyone who reads the template, its
repository and its deployment history. The value of a `Microsoft.KeyVault/vaults/secrets` resource is a
secret by definition, so a literal there is an error. Take it from a `secureString` parameter or from a
runtime function (`listKeys()`, `reference()`).

Properties that look like secrets only by their name (`adminPassword`, `storageKey`) are judged by W5012, as a
warning: their names say much, but not for certain.

Equivalents: Bicep use-secure-value-for-secure-inputs; ARM-TTK adminPassword-Should-Not-Be-A-Literal; PSRule
Azure.Deployment.SecureValue; checkov CKV_AZURE_239."""

    def check(self, ctx: RuleContext) -> None:
        for resource in ctx.resources():
            path = SECRET_VALUE_TYPES.get(resource.type_lower)
            if path is None:
                continue
            value = resource.raw(*path)
            if isinstance(value, str) and value and is_literal(value):
                ctx.report(
                    resource.path_of(*path),
                    f"the secret value of {resource.label} is hard-coded in the template",
                    hint="take it from a secureString parameter",
                )
