"""E5003: outputs that disclose secrets."""

from relecloud_templates.arm.graph import uses
from relecloud_templates.arm.vocabulary import is_secure_declaration
from relecloud_templates.lint.helpers import looks_secret, secret_named_parameters, secret_sources
from relecloud_templates.lint.rule import Rule, RuleContext


class OutputsNoSecrets(Rule):
    id = "E5003"
    name = "outputs-no-secrets"
    description = "Outputs do not return secure parameters, list*() results or secret-named values."
    explanation = """Deployment outputs are stored in the deployment history in clear text and shown to anyone
with read access. An output that returns a secure parameter, the result of `listKeys()`/`listSecrets()` or a
value named like a secret discloses it. Pass secrets through Key Vault instead, or declare the output as
`secureString`/`secureObject` (ARM then does not return its value). A plain parameter named like a secret
(`adminPassword` declared as `string`) counts as a secret here too.

Equivalents: Bicep outputs-should-not-contain-secrets; ARM-TTK Outputs-Must-Not-Contain-Secrets; PSRule
Azure.Deployment.OutputSecretValue."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for name, decl in template.outputs.items():
                if not isinstance(decl, dict) or is_secure_declaration(decl):
                    continue
                path = template.path + ("outputs", name)
                sources = list(secret_sources(decl.get("value"), template)) + list(secret_sources(decl.get("copy"), template))
                # A secret passed as a plain string (E5001 reports the declaration) leaks here a second time.
                plain_secrets = secret_named_parameters(template)
                sources += [f"parameter '{plain_secrets[p]}', which is named like a secret"
                            for p in sorted(uses(decl.get("value"), "parameters") & plain_secrets.keys())]
                if sources:
                    ctx.report(path + ("value",) if "value" in decl else path,
                               f"output '{name}' discloses {sources[0]}", hint="do not output secrets; use Key Vault")
                elif looks_secret(name):
                    ctx.report_key(path, f"output '{name}' is named like a secret and is not secure",
                                   hint="declare it secureString, or do not output it")
