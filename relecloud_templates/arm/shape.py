"""The JSON shapes ARM requires of a template and of a parameters file: which section, entry and resource
property must be an object, an array or a string.

One implementation, used three ways: rules E0003 and E0005 report these problems, ``decompile`` refuses a
document that has any (the translator reads sections as ARM defines them), and the emulator rejects such a
deployment. The template model itself never raises on a wrong shape: it reads such a section as empty.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from relecloud_templates.arm.expressions import is_expression
from relecloud_templates.arm.vocabulary import DEPLOYMENTS

Path = tuple[str | int, ...]  # keys and indexes from the document root
Problem = tuple[Path, str]  # (where, message)

# section -> the JSON type ARM requires of it
SECTION_TYPES: dict[str, type] = {"parameters": dict, "variables": dict, "outputs": dict, "functions": list,
                                  "metadata": dict, "definitions": dict}
# sections whose entries are declarations (objects with a ``type``), and how messages name one
_DECLARATIONS = {"parameters": "parameter", "outputs": "output"}


def a(kind: type) -> str:
    """How a message names a JSON type: ``an array``, ``an object``."""
    return "an array" if kind is list else "an object"


def template_problems(template: Any, path: Path = (), *, nested: bool = True) -> list[Problem]:
    """(path, what is wrong) for every value of the wrong JSON type in a template; with ``nested``, the
    inline templates of its nested deployments too."""
    return list(_template(template, path, nested))


def parameter_file_problems(document: Any) -> list[Problem]:
    """(path, what is wrong) for a deploymentParameters document whose ``parameters`` or entries are not
    objects."""
    parameters = document.get("parameters") if isinstance(document, dict) else None
    if parameters is None:
        return []
    if not isinstance(parameters, dict):
        return [(("parameters",), "'parameters' must be an object")]
    return [(("parameters", name), f"parameter '{name}' must be an object with a 'value'")
            for name, entry in parameters.items() if not isinstance(entry, dict)]


def _template(template: Any, path: Path, nested: bool) -> Iterator[Problem]:
    if not isinstance(template, dict):
        yield path, "a template must be an object"
        return
    for section, kind in SECTION_TYPES.items():
        value = template.get(section)
        if value is None:
            continue
        if not isinstance(value, kind):
            yield path + (section,), f"'{section}' must be {a(kind)}"
        elif isinstance(value, dict) and section in _DECLARATIONS:
            yield from _declarations(value, path + (section,), _DECLARATIONS[section])
    variables = template.get("variables")
    if isinstance(variables, dict) and "copy" in variables:
        yield from _variable_loops(variables["copy"], path + ("variables", "copy"))
    resources = template.get("resources")
    if isinstance(resources, dict):
        items = list(resources.items())
    elif isinstance(resources, list):
        items = list(enumerate(resources))
    else:
        if resources is not None:
            yield path + ("resources",), "'resources' must be an array"
        items = []
    for key, resource in items:
        yield from _resource(resource, path + ("resources", key), nested)


def _declarations(mapping: dict[str, Any], path: Path, what: str) -> Iterator[Problem]:
    for name, value in mapping.items():
        if not isinstance(value, dict):
            yield path + (name,), f"{what} '{name}' must be an object with a 'type'"
        elif value.get("metadata") is not None and not isinstance(value["metadata"], dict):
            yield path + (name, "metadata"), f"the metadata of {what} '{name}' must be an object"


def _variable_loops(loops: Any, path: Path) -> Iterator[Problem]:
    if not isinstance(loops, list):
        yield path, "'copy' in variables must be an array of loops, each with a 'name', 'count' and 'input'"
        return
    for i, loop in enumerate(loops):
        if not isinstance(loop, dict) or not isinstance(loop.get("name"), str):
            yield path + (i,), "a variable loop must be an object with a 'name', 'count' and 'input'"


def _resource(resource: Any, path: Path, nested: bool) -> Iterator[Problem]:
    if not isinstance(resource, dict):
        yield path, "a resource must be an object"
        return
    if resource.get("dependsOn") is not None and not isinstance(resource["dependsOn"], list):
        yield path + ("dependsOn",), "'dependsOn' must be an array"
    if resource.get("copy") is not None and not isinstance(resource["copy"], dict):
        yield path + ("copy",), "a resource's 'copy' must be an object with a 'name' and a 'count'"
    properties = resource.get("properties")
    if properties is not None and not isinstance(properties, (dict, str)):
        yield path + ("properties",), "'properties' must be an object (or an expression that gives one)"
        return
    is_deployment = isinstance(resource.get("type"), str) and resource["type"].lower() == DEPLOYMENTS
    if isinstance(properties, dict) and is_deployment:
        options = properties.get("expressionEvaluationOptions")
        if options is not None and not isinstance(options, dict):
            yield (path + ("properties", "expressionEvaluationOptions"),
                   "'expressionEvaluationOptions' must be an object")
        # The template and the parameters may each be an expression that gives the object (ARM evaluates it).
        template = properties.get("template")
        if "template" in properties and (nested or not isinstance(template, dict)) and not is_expression(template):
            yield from _template(template, path + ("properties", "template"), nested)
        # Each value may be an expression that gives the {"value": ...} object, so only the mapping is checked.
        parameters = properties.get("parameters")
        if parameters is not None and not isinstance(parameters, dict) and not is_expression(parameters):
            yield path + ("properties", "parameters"), "'parameters' must be an object"
    children = resource.get("resources")
    if children is not None and not isinstance(children, list):
        yield path + ("resources",), "a resource's child 'resources' must be an array"
    elif isinstance(children, list):
        for index, child in enumerate(children):
            yield from _resource(child, path + ("resources", index), nested)
