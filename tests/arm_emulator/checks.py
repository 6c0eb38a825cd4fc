"""What ARM checks before it accepts a deployment: template shape, parameters, references.

Each problem is an ARM error object (``{"code", "message", "target"}``); the server wraps them in the ARM
error envelope. Messages follow ARM's wording closely enough that a person recognises them.
"""

from __future__ import annotations

from typing import Any, Iterator

from relecloud_templates.arm import expressions as ex

SCHEMA_FOR_SCOPE = {
    "resourceGroup": "deploymentTemplate.json#",
    "subscription": "subscriptionDeploymentTemplate.json#",
}
TYPES = {  # ARM parameter type -> accepted JSON values
    "string": (str,), "securestring": (str,), "int": (int,), "bool": (bool,),
    "object": (dict,), "secureobject": (dict,), "array": (list,),
}


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
    if not schema.endswith(SCHEMA_FOR_SCOPE[scope]):
        problems.append(error("InvalidSchema", f"The template schema '{schema}' is not supported for a deployment "
                                               f"at {scope} scope; expected one ending '{SCHEMA_FOR_SCOPE[scope]}'."))
    problems += check_template(template, props.get("parameters") or {}, values_known=True)
    return problems


def check_template(template: dict, supplied: dict, *, values_known: bool, where: str = "") -> list[dict]:
    problems = []
    if not isinstance(template.get("contentVersion"), str):
        problems.append(error("InvalidTemplate", f"{where}The template must have a 'contentVersion'."))
    resources = template.get("resources")
    if not isinstance(resources, list) and not (isinstance(resources, dict) and template.get("languageVersion")):
        problems.append(error("InvalidTemplate", f"{where}'resources' must be an array."))
    declared = template.get("parameters") or {}
    variables = template.get("variables") or {}
    if not isinstance(declared, dict) or not isinstance(variables, dict) or not isinstance(supplied, dict):
        return problems + [error("InvalidTemplate", f"{where}'parameters' and 'variables' must be objects.")]
    declared_lower = {k.lower(): k for k in declared}
    unknown = sorted(k for k in supplied if k.lower() not in declared_lower)
    if unknown:
        problems.append(error("InvalidTemplate", f"{where}The template parameters '{', '.join(unknown)}' are not valid; "
                                                 "they are not present in the original template and can therefore "
                                                 "not be provided at deployment time."))
    supplied_lower = {k.lower(): v for k, v in supplied.items()}
    for name, definition in declared.items():
        problems += _check_parameter(name, definition, supplied_lower.get(name.lower()), values_known, where)
    problems += _check_references(template, set(declared_lower), {k.lower() for k in variables}, where)
    return problems


def _check_parameter(name: str, definition: Any, supplied: Any, values_known: bool, where: str) -> list[dict]:
    if not isinstance(definition, dict) or str(definition.get("type", "")).lower() not in TYPES:
        return [error("InvalidTemplate", f"{where}The template parameter '{name}' has no valid 'type'.")]
    ptype = definition["type"].lower()
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
    if not isinstance(value, TYPES[ptype]) or (ptype == "int" and isinstance(value, bool)):
        return [error("InvalidTemplate", f"{where}Template parameter '{name}' is of type '{definition['type']}' "
                                         f"but the value given is {type(value).__name__}.", name)]
    allowed = definition.get("allowedValues")
    if isinstance(allowed, list) and value not in allowed:
        return [error("InvalidTemplate", f"{where}The provided value '{value}' for the template parameter '{name}' "
                                         f"is not valid. The parameter value is not part of the allowed value(s): "
                                         f"'{','.join(map(str, allowed))}'.", name)]
    return []


def _check_references(template: dict, parameters: set[str], variables: set[str], where: str) -> list[dict]:
    problems = []
    for path, text in _expressions(template):
        try:
            node = ex.parse(text)
        except ex.ExpressionSyntaxError as exc:
            problems.append(error("InvalidTemplate", f"{where}Unable to parse language expression '{text}' at "
                                                     f"'{path}': {exc}"))
            continue
        for function, known in (("parameters", parameters), ("variables", variables)):
            for call in ex.calls(node, function):
                arg = call.args[0] if call.args else None
                if isinstance(arg, ex.StringLit) and arg.value.lower() not in known:
                    kind = "parameter" if function == "parameters" else "variable"
                    problems.append(error("InvalidTemplate", f"{where}The template {kind} '{arg.value}' is not "
                                                             f"found (at '{path}')."))
    for path, nested in _inner_templates(template):
        inner = nested["properties"]
        problems += check_template(inner["template"], inner.get("parameters") or {}, values_known=False,
                                   where=f"{where}nested deployment at '{path}': ")
    return problems


def _is_inner(resource: Any) -> bool:
    props = resource.get("properties") if isinstance(resource, dict) else None
    return (isinstance(props, dict) and isinstance(props.get("template"), dict)
            and str((props.get("expressionEvaluationOptions") or {}).get("scope", "")).lower() == "inner")


def _expressions(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every expression string of a template, not descending into inner-scope nested templates."""
    if isinstance(node, dict):
        if _is_inner(node):
            outer = {k: v for k, v in node.items() if k != "properties"}
            outer_props = {k: v for k, v in node["properties"].items() if k != "template"}
            yield from _expressions({**outer, "properties": outer_props}, path)
            return
        for key, value in node.items():
            yield from _expressions(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _expressions(value, f"{path}[{i}]")
    elif ex.is_expression(node):
        yield path, node


def _inner_templates(template: dict) -> Iterator[tuple[str, dict]]:
    resources = template.get("resources") or []
    items = resources.items() if isinstance(resources, dict) else enumerate(resources)
    for key, resource in items:
        if _is_inner(resource):
            yield f"resources[{key}]", resource

