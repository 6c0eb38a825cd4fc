"""W5011: outputs named like secrets, or returning a plain parameter named like one."""

from relecloud_templates.arm.graph import uses
from relecloud_templates.lint.helpers import looks_secret, secret_named_parameters, secret_sources
from relecloud_templates.lint.rule import Rule, RuleContext
from relecloud_templates.lint.rules.security.outputs_no_secrets import plain_outputs


class SecretNamedOutput(Rule):
    id = "W5011"
    name = "secret-named-output"
    profiles = {"security-baseline": "error"}
    description = "Outputs named like secrets, or returning a plain parameter named like a secret, are secure."
    explanation = """An output called `storageKey` or `adminPassword`, or one that returns a `string` parameter
named like a secret (W5001 reports the declaration), probably discloses a secret in the deployment history.
This is a guess from names, so it is a warning (an error under the security-baseline profile); outputs that
certainly disclose a secret (a secure parameter, a `list*()` result) are errors under E5003. Names that only
mention a secret (`keyVaultSecretUri`, `passwordSecretName`) and Application Insights instrumentation keys and
connection strings, which Microsoft documents as not secret, are not reported.

Equivalents: Bicep outputs-should-not-contain-secrets (its name-based part); ARM-TTK
Outputs-Must-Not-Contain-Secrets; PSRule Azure.Deployment.OutputSecretValue."""

    def check(self, ctx: RuleContext) -> None:
        for template, name, decl, path in plain_outputs(ctx):
            value = decl.get("value")
            if str(decl.get("type", "")).lower() in ("bool", "int"):
                continue  # a flag or a number is not a secret, whatever its name
            if any(True for part in (value, decl.get("copy")) for _ in secret_sources(part, template)):
                continue  # E5003 reports it
            plain_secrets = secret_named_parameters(template)
            named = sorted(uses(value, "parameters") & plain_secrets.keys())
            if named:
                ctx.report(path + ("value",) if "value" in decl else path,
                           f"output '{name}' returns parameter '{plain_secrets[named[0]]}', which is named like a "
                           "secret",
                           hint="do not output secrets; declare the parameter secureString and use Key Vault")
            elif looks_secret(name):
                ctx.report_key(path, f"output '{name}' is named like a secret and is not secure",
                               hint="declare it secureString, or do not output it")
