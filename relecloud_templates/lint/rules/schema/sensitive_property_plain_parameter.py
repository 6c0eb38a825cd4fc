"""W5021: a property the type data marks as a secret gets its value from a parameter that is not secure."""

from __future__ import annotations

from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.schema._secrets import PLAIN, secret_values


class SensitivePropertyPlainParameter(Rule):
    id = "W5021"
    name = "sensitive-property-plain-parameter"
    description = "Properties the Azure type data marks as secrets take their value from secure parameters."
    explanation = """A plain string or object parameter is stored in the deployment history and shown in the
portal; when it feeds a property that the type data marks sensitive (a password, a key, a client secret), or a
write-only one named like a secret, the
secret is visible to everyone who can read deployments. Declare the parameter secureString or secureObject.
A value composed of several parts is reported only when a part is a parameter named like a secret (a connection
string built from a server name is not a secret). Where the type data says nothing, W5012 guesses secrets from
property names."""
    anchors = ("Bicep use-secure-value-for-secure-inputs", "PSRule Azure.Deployment.SecureParameter")
    profiles = {"security-baseline": "error"}

    def check(self, ctx: RuleContext) -> None:
        for verdict, path, message, hint in secret_values(ctx):
            if verdict == PLAIN:
                ctx.report(path, message, hint=hint)
