"""E5002: a secure parameter with a hard-coded default."""

from relecloud_templates.arm.vocabulary import is_secure_declaration
from relecloud_templates.lint.helpers import is_literal
from relecloud_templates.lint.rule import Rule, RuleContext


class SecureParamDefault(Rule):
    id = "E5002"
    name = "secure-param-default"
    description = "secureString and secureObject parameters have no hard-coded default other than empty."
    explanation = """A secure parameter hides its value from logs, but a default written in the template is in
plain sight of everyone who can read the template, its repository and its deployment history: the secret is
disclosed anyway, and every deployment that forgets the parameter silently uses it. Allowed defaults are the
empty string, the empty object and expressions such as `newGuid()`.

Equivalents: Bicep secure-parameter-default; ARM-TTK Secure-String-Parameters-Cannot-Have-Default;
checkov CKV_AZURE_131."""

    def check(self, ctx: RuleContext) -> None:
        for template in ctx.templates():
            for name, decl in template.parameters.items():
                if not is_secure_declaration(decl) or "defaultValue" not in decl:
                    continue
                default = decl["defaultValue"]
                if default in ("", {}, None) or not is_literal(default):
                    continue
                ctx.report(template.path + ("parameters", name, "defaultValue"),
                           f"secure parameter '{name}' has a hard-coded default value",
                           hint="remove the default, and supply the value at deployment (e.g. from Key Vault)")
