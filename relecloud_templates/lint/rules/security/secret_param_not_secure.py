"""W5001: a parameter named like a secret is not secure."""

from relecloud_templates.lint.helpers import cannot_hold_secret, looks_secret
from relecloud_templates.lint.rule import Rule, RuleContext


class SecretParamNotSecure(Rule):
    id = "W5001"
    previous_ids = ("E5001",)
    name = "secret-param-not-secure"
    profiles = {"security-baseline": "error"}
    description = ("Parameters named like secrets (password, key, token, connection string) are secureString or "
                   "secureObject.")
    explanation = """Values of `string` and `object` parameters are stored in the deployment history, shown in the
portal and returned by `az deployment show` to anyone with read access to the resource group. A password,
access key, SAS token or connection string passed that way is disclosed. Declare such parameters as
`secureString` (or `secureObject`): ARM never logs or returns their values.

The rule guesses from the name alone, so it is a warning (an error under the security-baseline profile).
Names are split into words, so `keyVaultName`, `sshPublicKey`, `passwordSecretName` or `keyVaultSecretUri`
are not mistaken for secrets; nor are switches and choices (`hasSharedKey`, `disableDeviceSAS`,
`sasExpirationAction`: booleans, numbers and parameters with `allowedValues`), names that say the opposite
(`nonSecretParameterValues`), and Application Insights instrumentation keys and connection strings, which
Microsoft documents as not secret.

Equivalents: Bicep secure-secrets-in-params; ARM-TTK Password-params-must-be-secure; PSRule
Azure.Deployment.SecureParameter; cfn-lint W2501."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for name, decl in template.parameters.items():
                if not isinstance(decl, dict) or not looks_secret(name) or cannot_hold_secret(decl):
                    continue
                kind = decl.get("type")
                if isinstance(kind, str) and kind.lower() in ("string", "object"):
                    ctx.report(template.path + ("parameters", name, "type"),
                               f"parameter '{name}' looks like a secret but is a plain {kind}: its value lands in "
                               "the deployment history",
                               hint=f"declare it as secure{kind[0].upper()}{kind[1:]}")
