"""A .bicepparam file to a deployment parameters file, as ``bicep build-params`` writes it.

Every value is computed while compiling (parameter files hold values, not expressions): the assignments and the
file's variables are written as a small ARM template and evaluated with relecloud's ARM evaluator. A
``getSecret(...)`` becomes a Key Vault reference. The values are checked against the template the ``using``
declaration names: every required parameter assigned (BCP258), nothing assigned that it does not declare
(BCP259), literal values of the declared type (BCP033).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from relecloud_templates.arm.template import build_template
from relecloud_templates.arm.values import is_known
from relecloud_templates.bicep.compiler import armexpr as a
from relecloud_templates.bicep.compiler.checks import declared_type, mismatch
from relecloud_templates.bicep.compiler.emitter import Emitter
from relecloud_templates.bicep.compiler.expressions import CompileError, Converter
from relecloud_templates.bicep.compiler.model import find_inline_variables
from relecloud_templates.bicep.parser import nodes as n

PARAMETERS_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#"


def emit_parameters(compiler: Any, compilation: Any) -> dict:
    model = compilation.model
    binding = model.binding
    find_inline_variables(model)
    emitter = Emitter(model, lambda module: None)
    document: dict[str, Any] = {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/"
                                           "deploymentTemplate.json#", "contentVersion": "1.0.0.0",
                                "parameters": {}, "variables": emitter.variables(), "resources": []}
    secrets: dict[str, dict] = {}
    for assignment in binding.assignments:
        if not assignment.name:
            continue
        path = ("parameters", assignment.name)
        secret = _secret_reference(model, assignment.decl.value)
        if secret is not None:
            secrets[assignment.name] = secret
            continue
        emitter.mark(path, assignment.decl)
        document["parameters"][assignment.name] = {
            "type": "object", "defaultValue": emitter.value(assignment.decl.value, Converter(model), path + ("value",))}
    template = build_template(document)
    out: dict[str, Any] = _inherited(compiler, compilation)
    for assignment in binding.assignments:
        if not assignment.name:
            continue
        if assignment.name in secrets:
            out[assignment.name] = {"reference": secrets[assignment.name]}
            continue
        value = template.evaluator.parameter(assignment.name)
        if not is_known(value):
            model.error("BCP338", assignment.decl.value, f'The value of parameter "{assignment.name}" cannot be '
                                                         'computed while compiling (a parameters file holds values).')
            value = document["parameters"][assignment.name]["defaultValue"]
        out[assignment.name] = {"value": value}
    compilation.spans = emitter.spans  # the same paths: parameters.<name>.value
    _check_against_template(compiler, compilation, set(out))
    return {"$schema": PARAMETERS_SCHEMA, "contentVersion": "1.0.0.0", "parameters": out}


def _inherited(compiler: Any, compilation: Any) -> dict[str, Any]:
    """The parameters of the file that ``extends '<base>.bicepparam'`` names (this file's own assignments win)."""
    model = compilation.model
    statement = next((s for s in model.program.statements if isinstance(s, n.ExtendsDeclarationSyntax)), None)
    if statement is None or not isinstance(statement.path, n.StringSyntax) or not statement.path.literal:
        return {}
    base = (compilation.path.parent if compilation.path is not None else Path.cwd()) / statement.path.literal
    if not compiler.fs.is_file(base):
        model.error("BCP091", statement.path, f"The file {statement.path.literal} that extends names does not exist.")
        return {}
    parent = compiler.compile_file(base)
    if any(d.level == "Error" for d, _ in parent.problems()):
        model.error("BCP104", statement.path, "The extended parameters file has errors.")
        return {}
    parameters = parent.template.get("parameters", {}) if isinstance(parent.template, dict) else {}
    return dict(parameters)


def _secret_reference(model: Any, value: Any) -> dict | None:
    """``getSecret(subscription, group, vault, secret[, version])``: a Key Vault reference."""
    is_call = isinstance(value, n.FunctionCallSyntax) or (
        isinstance(value, n.InstanceFunctionCallSyntax) and isinstance(value.base, n.VariableAccessSyntax)
        and value.base.name.name == "az")
    if not (is_call and isinstance(value.name, n.IdentifierSyntax) and value.name.name == "getSecret"):
        return None
    args = [i.expression for i in value.items if isinstance(i, n.FunctionArgumentSyntax)]
    if len(args) < 4:
        return None
    conv = Converter(model)
    try:
        subscription, group, vault, secret = (conv.convert(x) for x in args[:4])
        vault_id = a.fn("format", a.lit("/subscriptions/{0}/resourceGroups/{1}/providers/Microsoft.KeyVault/"
                                         "vaults/{2}"), subscription, group, vault)
        literals: list[Any] = [subscription, group, vault, secret]
        if all(isinstance(x, a.Tok) for x in literals):
            vault_id_text: Any = (f"/subscriptions/{literals[0].value}/resourceGroups/{literals[1].value}/providers/"
                                  f"Microsoft.KeyVault/vaults/{literals[2].value}")
        else:
            vault_id_text = a.serialize(vault_id)
        reference: dict[str, Any] = {"keyVault": {"id": vault_id_text},
                                     "secretName": secret.value if isinstance(secret, a.Tok) else a.serialize(secret)}
        if len(args) > 4:
            version = conv.convert(args[4])
            reference["secretVersion"] = version.value if isinstance(version, a.Tok) else a.serialize(version)
        return reference
    except CompileError as failure:
        model.error(failure.code, failure.node, failure.message)
        return None


def _check_against_template(compiler: Any, compilation: Any, given: set[str]) -> None:
    model = compilation.model
    using = model.binding.using
    if using is None:
        model.error("BCP261", model.program, "A parameters file needs a using declaration.")
        return
    if isinstance(using.path, n.NoneLiteralSyntax):
        return
    path_text = using.path.literal if isinstance(using.path, n.StringSyntax) else None
    if not path_text:
        return
    base = compilation.path.parent if compilation.path is not None else Path.cwd()
    target_path = base / path_text
    if not compiler.fs.is_file(target_path):
        model.error("BCP091", using.path, f"The file {path_text} that the using declaration names does not exist.")
        return
    declared: dict[str, Any]  # name -> (declared primitive type, required?)
    if target_path.suffix.lower() == ".json":
        try:
            template = json.loads(compiler.fs.read_text(target_path))
        except (OSError, ValueError):
            model.error("BCP188", using.path, "The template the using declaration names cannot be read.")
            return
        params = template.get("parameters", {}) if isinstance(template, dict) else {}
        declared = {name: (None, isinstance(p, dict) and "defaultValue" not in p and not p.get("nullable"))
                    for name, p in params.items()}
    else:
        target = compiler.compile_file(target_path)
        if target.model is None:
            return
        if any(d.level == "Error" for d in target.diagnostics):
            model.error("BCP104", using.path, "The referenced Bicep file has errors.")
        declared = {p.name: (declared_type(p.decl.type),
                             p.decl.modifier is None and not isinstance(p.decl.type, n.NullableTypeSyntax))
                    for p in target.model.binding.params if p.name}
    assigned = {a.name: a for a in model.binding.assignments if a.name}
    missing = [name for name, (_, required) in declared.items() if required and name not in given]
    if missing:
        model.error("BCP258", using.path, "The template declares parameters that this file does not assign: "
                                     + ", ".join(f'"{m}"' for m in missing) + ".")
    for name, assignment in assigned.items():
        if name not in declared:
            model.error("BCP259", assignment.decl, f'The parameter "{name}" is assigned but the template does '
                                                        'not declare it.')
            continue
        expected = declared[name][0]
        actual = mismatch(model, expected, assignment.decl.value)
        if actual is not None:
            model.error("BCP033", assignment.decl.value, f'Expected a value of type "{expected}" but the value is of '
                                                         f'type "{actual}".')
