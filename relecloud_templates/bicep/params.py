"""deploymentParameters -> ``.bicepparam``: the same values, keyed by the Bicep parameter names."""

from __future__ import annotations

import re

from relecloud_templates.arm.vocabulary import is_secure_type
from relecloud_templates.bicep.exprs import FileContext, Site
from relecloud_templates.bicep.text import identifier_from, string_literal
from relecloud_templates.bicep.values import NOTE_PREFIX, attach, value_lines
from relecloud_templates.deploy.secrets import PREFIX as SECURE_PREFIX
from relecloud_templates.deploy.secrets import env_token

_VAULT_ID = re.compile(
    r"/subscriptions/(?P<sub>[^/]+)/resourceGroups/(?P<rg>[^/]+)/providers/Microsoft\.KeyVault/vaults/(?P<name>[^/]+)\Z",
    re.IGNORECASE,
)


def bicepparam_text(bicep_file: str, parameters: dict, context: FileContext, declared: dict | None = None) -> str:
    """The ``.bicepparam`` for ``parameters``. A secure parameter of the template (``declared``) that must be given
    but has no value here (relecloud never writes secrets) is read from the environment variable ``relecloud
    deploy`` reads it from, so that the file is complete (Bicep rejects one that misses a required parameter)."""
    lines = [f"using {string_literal(bicep_file)}"]
    for name, spec in (parameters.get("parameters") or {}).items():
        ident = context.params.get(name.lower(), identifier_from(name))
        if not isinstance(spec, dict):
            continue
        lines.append("")
        if "value" in spec:
            lines += attach(f"param {ident} = ", value_lines(spec["value"], Site(context), literal=True))
        elif isinstance(spec.get("reference"), dict):
            lines.append(_secret_reference(ident, spec["reference"]))
        else:
            lines.append(f"{NOTE_PREFIX}parameter '{name}' has neither a value nor a Key Vault reference")
    given = {name.lower() for name in (parameters.get("parameters") or {})}
    for name, spec in (declared or {}).items():
        if name.lower() in given or not isinstance(spec, dict) or "defaultValue" in spec or spec.get("nullable"):
            continue
        if is_secure_type(str(spec.get("type", ""))):
            ident = context.params.get(name.lower(), identifier_from(name))
            variable = SECURE_PREFIX + env_token(name)
            lines += ["", f"// secure: set {variable} (as for relecloud deploy); the value is never written here",
                      f"param {ident} = readEnvironmentVariable({string_literal(variable)})"]
    return "\n".join(lines) + "\n"


def _secret_reference(ident: str, reference: dict) -> str:
    """A Key Vault reference becomes ``az.getSecret(...)``: the secret stays in the vault."""
    vault = str((reference.get("keyVault") or {}).get("id", ""))
    match = _VAULT_ID.match(vault)
    if not match:
        return f"{NOTE_PREFIX}parameter '{ident}' refers to a Key Vault by an ID that is not a literal vault ID"
    args = [match["sub"], match["rg"], match["name"], str(reference.get("secretName", ""))]
    if reference.get("secretVersion"):
        args.append(str(reference["secretVersion"]))
    return f"param {ident} = az.getSecret({', '.join(string_literal(a) for a in args)})"
