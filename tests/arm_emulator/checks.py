"""What ARM checks before it accepts a deployment: template shape, parameters, references.

Each problem is an ARM error object (``{"code", "message", "target"}``); the server wraps them in the ARM
error envelope. Messages follow ARM's wording closely enough that a person recognises them.
"""

from __future__ import annotations

from typing import Any

from relecloud_templates.arm import expressions as ex
from relecloud_templates.arm import shape
from relecloud_templates.arm.graph import symbol_uses
from relecloud_templates.arm.template import Template, build_template
from relecloud_templates.arm.values import arm_type
from relecloud_templates.arm.vocabulary import PARAMETER_TYPES, SCOPE_SCHEMAS, VALUE_TYPES, schema_scope, type_name


def error(code: str, message: str, target: str | None = None) -> dict:
    found = {"code": code, "message": message}
    if target:
        found["target"] = target
    return found


def check_deployment(body: Any, scope: str) -> list[dict]:
    """Every problem with a deployment request body (PUT, validate or whatIf) at ``scope``."""
    if not isinstance(body, dict) or not isinstance(body.get("properties"), dict):
        return [error("InvalidRequestContent", "The request content was invalid: 'properties' is required.")]
    props = body["properties"]
    problems = []
    if scope == "subscription" and not body.get("location"):
        problems.append(error("LocationRequired", "The location property is required for this definition."))
    if props.get("mode") not in ("Incremental", "Complete"):
        problems.append(error("InvalidDeploymentMode", f"The deployment mode '{props.get('mode')}' is not valid."))
    elif props["mode"] == "Complete" and scope == "subscription":
        problems.append(error("InvalidDeploymentMode",
                              "Complete mode is only supported for deployments at resource group scope."))
    template = props.get("template")
    if not isinstance(template, dict):
        return problems + [error("InvalidTemplate", "The deployment must carry an inline 'template' object.")]
    schema = str(template.get("$schema", ""))
    if schema_scope(schema) != scope:
        problems.append(error("InvalidSchema", f"The template schema '{schema}' is not supported for a deployment "
                                               f"at {scope} scope; expected '{SCOPE_SCHEMAS[scope]}'."))
    problems += check_template(template, props.get("parameters") or {}, values_known=True)
    return problems


def check_template(template: dict, supplied: dict, *, values_known: bool) -> list[dict]:
    """What ARM rejects in a template and the parameter values supplied for it, nested templates included;
    read through relecloud's ARM model, as lint and the Bicep translator read templates."""
    problems = []
    if not isinstance(template.get("contentVersion"), str):
        problems.append(error("InvalidTemplate", "The template must have a 'contentVersion'."))
    shapes = shape.template_problems(template)
    problems += [error("InvalidTemplate", f"The template is malformed at '{_dotted(path)}': {message}.")
                 for path, message in shapes]
    if not isinstance(supplied, dict):
        problems.append(error("InvalidTemplate", "The deployment's 'parameters' must be an object."))
    if shapes or problems:
        return problems
    model = build_template(template)
    problems += _check_parameters(model, supplied, values_known, "")
    for nested in model.walk():
        if nested.expression_scope == "inner":
            given = nested.deployment.raw("properties", "parameters") if nested.deployment else None
            problems += _check_parameters(nested, given if isinstance(given, dict) else {}, False, _where(nested.path))
    for each in model.walk():
        problems += _check_references(each)
    return problems


def _where(template_path: tuple) -> str:
    """How messages name the nested deployment that holds a template (nothing for the root template)."""
    if len(template_path) < 2:
        return ""
    return f"nested deployment at '{_dotted(template_path[:-2])}': "


def _dotted(path: tuple) -> str:
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


def _check_parameters(template: Template, supplied: dict, values_known: bool, where: str) -> list[dict]:
    declared = {name.lower() for name in template.parameters}
    unknown = sorted(k for k in supplied if k.lower() not in declared)
    problems = []
    if unknown:
        problems.append(
            error(
                "InvalidTemplate",
                f"{where}The template parameters '{', '.join(unknown)}' are not valid; "
                "they are not present in the original template and can therefore "
                "not be provided at deployment time.",
            )
        )
    supplied_lower = {k.lower(): v for k, v in supplied.items()}
    for name, definition in template.parameters.items():
        problems += _check_parameter(name, definition, supplied_lower.get(name.lower()), values_known, where)
    return problems


def _check_parameter(name: str, definition: Any, supplied: Any, values_known: bool, where: str) -> list[dict]:
    ptype = type_name(definition)
    if ptype not in PARAMETER_TYPES:
        return [error("InvalidTemplate", f"{where}The template parameter '{name}' has no valid 'type'.")]
    if supplied is None:
        if "defaultValue" in definition:
            return []
        return [error("InvalidTemplate", f"{where}The value for the template parameter '{name}' is not provided.",
                      name)]
    if not isinstance(supplied, dict) or ("value" not in supplied and "reference" not in supplied):
        return [error("InvalidTemplate", f"{where}The parameter '{name}' must be given as {{\"value\": ...}}.", name)]
    value = supplied.get("value")
    if not values_known or "value" not in supplied or ex.is_expression(value):
        return []
    if arm_type(value) != VALUE_TYPES[ptype]:
        return [error("InvalidTemplate", f"{where}Template parameter '{name}' is of type '{definition['type']}' "
                                         f"but the value given is {type(value).__name__}.", name)]
    allowed = definition.get("allowedValues")
    if isinstance(allowed, list) and value not in allowed:
        return [error("InvalidTemplate", f"{where}The provided value '{value}' for the template parameter '{name}' "
                                         f"is not valid. The parameter value is not part of the allowed value(s): "
                                         f"'{','.join(map(str, allowed))}'.", name)]
    return []


def _check_references(template: Template) -> list[dict]:
    """Every expression of the template parses, and names only parameters and variables its scope declares."""
    problems = []
    for site in template.sites:
        where = _where(site.symbols.path)
        at = _dotted(site.path[len(site.symbols.path):])
        if isinstance(site.tree, ex.ExpressionSyntaxError):
            problems.append(error("InvalidTemplate", f"{where}Unable to parse language expression '{site.text}' at "
                                                     f"'{at}': {site.tree}"))
            continue
        if site.function is not None:
            continue  # a user-defined function's body sees only its own parameters
        for function, kind, declared in (("parameters", "parameter", site.symbols.parameter),
                                         ("variables", "variable", site.symbols.variable_declared)):
            for name, _ in symbol_uses(site.tree, function):
                if not declared(name):
                    problems.append(error("InvalidTemplate", f"{where}The template {kind} '{name}' is not found "
                                                             f"(at '{at}')."))
    return problems
