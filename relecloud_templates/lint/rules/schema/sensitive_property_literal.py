"""E5020: a property the type data marks as a secret gets a hard-coded value."""

from __future__ import annotations

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._secrets import HARD_CODED, secret_values


class SensitivePropertyLiteral(Rule):
    id = "E5020"
    name = "sensitive-property-literal"
    description = "Properties the Azure type data marks as secrets are not hard-coded in the template."
    explanation = """The Bicep compiler's type data marks the properties that carry secrets (passwords, keys,
client secrets, connection strings, SAS URIs...) as sensitive, for each type and API version; a write-only
property (one the service never returns) whose name says secret counts too. A literal value
there, or a variable holding a literal, is readable by everyone who can read the template, its repository and
the deployment history: the secret has leaked. Give it from a secureString parameter (with a Key Vault
reference in the parameters file) or from a runtime function such as listKeys(). This rule judges only what the
type data says; where the data says nothing, W5012 guesses secrets from property names."""
    anchors = ("Bicep use-secure-value-for-secure-inputs", "ARM-TTK adminPassword-Should-Not-Be-A-Literal",
               "PSRule Azure.Deployment.SecureValue")

    def check(self, ctx: RuleContext) -> None:
        for verdict, path, message, hint in secret_values(ctx):
            if verdict == HARD_CODED:
                ctx.report(path, message, hint=hint)
